import { isConfirmed, type ClaimStatus, type LinkAction } from '../domain/colleagues';
import { samePerson as same } from '../domain/roles';
import { newestFirst, odataString, personKey, type PersonKey } from './keys';
import { createIfAbsent, deleteIfPresent, getOrUndefined, mutateEntity, propertiesOf, safeKey, type Stored, type Tables } from './tables';

/**
 * The people linked to an owner organisation, and the audit trail of who linked or removed whom.
 * In the ReportIndex table beside the report indexes:
 *   om_<orgnr> / <person>   the link (kept with `removedAt` once removed, so a removal is known)
 *   m_<person> / <orgnr>    the same link from the person's side ("which owners am I linked to")
 *   oa_<orgnr> / <time>     one row per change: who, when, which person
 *   claims / <orgnr>_<person>  a pending claim, for the secretariat's list (gone once decided)
 * Nothing is cached beyond one call: a removal takes effect on the next read.
 *
 * The owner-claim rule: filing links the filer as a `pending` claim, which gives only the reports
 * they filed. `confirmed` (all the owner's reports, its colleagues) comes from the secretariat, from
 * a confirmed person adding them, or, for the very first claim on an owner nobody else claimed, from
 * the secretariat accepting a report of theirs. A link without a status (stored before the rule)
 * counts as pending until `migrate` (run at start) has marked it.
 */

export interface OwnerLink {
  orgnr: string;
  person: PersonKey;
  displayName?: string;
  addedAt?: string;
  /** `tenant:aad` of who added them, or `filed` for whoever filed the owner's first report. */
  addedBy?: string;
  addedByName?: string;
  removedAt?: string;
  removedBy?: string;
  /** Absent only on links stored before the claim rule, not yet migrated: counts as pending. */
  status?: ClaimStatus;
  /** The first claim ever made on the owner: the secretariat's acceptance of a report of theirs confirms it. */
  first?: boolean;
  /** The report whose filing made the claim. */
  reference?: string;
  decidedAt?: string;
  decidedBy?: string;
  decidedByName?: string;
}

/** A claim waiting for the secretariat, as its list shows it. */
export interface PendingClaim {
  orgnr: string;
  person: PersonKey;
  displayName?: string;
  at: string;
  reference?: string;
}

export interface LinkAudit {
  at: string;
  action: LinkAction;
  person: PersonKey;
  personName?: string;
  by: string;
  byName?: string;
  /** The officer acted as the secretariat, not as one of the owner's people. */
  asOfficer: boolean;
  /** A report's reference, where the change came from one (a claim, an automatic confirmation). */
  reference?: string;
}

/**
 * The one access answer: may this person act on a report of this owner? `readOnly`: they may see it
 * (they filed it) but not change it, since the secretariat rejected their claim on the owner.
 * `network`: they see it read-only as people of an owner in the report's network (Reports.findVisible).
 */
export type Access = { ok: true; readOnly?: boolean; network?: boolean } | { ok: false; removedAt?: string };

/** The stored link: the person's ids as columns, the rest as OwnerLink has it. */
type LinkRow = PersonKey & Omit<OwnerLink, 'orgnr' | 'person'>;
type MemberRow = { addedAt?: string; addedBy?: string; removedAt?: string; status?: ClaimStatus };
type ClaimRow = PersonKey & { orgnr: string; displayName?: string; at: string; reference?: string };

const linksPk = (orgnr: string) => `om_${safeKey(orgnr)}`;
const memberOfPk = (p: PersonKey) => `m_${personKey(p)}`;
const auditPk = (orgnr: string) => `oa_${safeKey(orgnr)}`;
const CLAIMS_PK = 'claims';
const claimRk = (orgnr: string, p: PersonKey) => `${safeKey(orgnr)}_${personKey(p)}`;

/** Who acts, as the audit trail records it. */
export interface Actor {
  id: string;
  name?: string;
  asOfficer: boolean;
}

export class OwnerPeople {
  /** Owners this instance saw with a link row (see everLinked). */
  private readonly linked = new Set<string>();
  constructor(
    private readonly tables: Tables,
    private readonly now: () => Date,
  ) {}
  private get index() {
    return this.tables.client('ReportIndex');
  }

  /**
   * THE access check for an owner's reports (needs reports, usage reports, `vis`): a person linked to
   * the report's owner may act on it; so may the person who filed it, unless they were removed
   * from that owner. One point read, every time.
   */
  async access(person: PersonKey, report: { ownerOrgnr: string; createdBy: PersonKey }): Promise<Access> {
    const row = await getOrUndefined<LinkRow>(this.index, linksPk(report.ownerOrgnr), personKey(person));
    if (row?.removedAt) return { ok: false, removedAt: row.removedAt };
    if (row && isConfirmed(row)) return { ok: true };
    // A claim (pending or rejected) or no link at all: the reports they filed, nothing else.
    if (!same(report.createdBy, person)) return { ok: false };
    return row?.status === 'rejected' ? { ok: true, readOnly: true } : { ok: true };
  }

  /** The link of one person to one owner, removed or not. */
  async link(orgnr: string, person: PersonKey): Promise<OwnerLink | undefined> {
    const row = await getOrUndefined<LinkRow>(this.index, linksPk(orgnr), personKey(person));
    return row ? linkOf(orgnr, row) : undefined;
  }

  /** Everyone ever linked to the owner; `removedAt` marks those no longer linked. */
  async linksOf(orgnr: string): Promise<OwnerLink[]> {
    const out: OwnerLink[] = [];
    for await (const r of this.index.listEntities<LinkRow>({ queryOptions: { filter: `PartitionKey eq ${odataString(linksPk(orgnr))}` } })) {
      out.push(linkOf(orgnr, r));
    }
    return out.sort((a, b) => (a.addedAt ?? '').localeCompare(b.addedAt ?? ''));
  }

  /**
   * Who hears about an owner's report (reminders, notices, results): the owner's confirmed people,
   * and the person who filed it unless they were removed (a filer from before links existed has no
   * row). A claimant hears about their own reports only.
   */
  async audience(orgnr: string, filer: PersonKey): Promise<PersonKey[]> {
    return this.audienceOf(orgnr, [filer]);
  }

  /** `audience` for several filers of one owner, from one read of the owner's links. */
  async audienceOf(orgnr: string, filers: readonly PersonKey[]): Promise<PersonKey[]> {
    const links = await this.linksOf(orgnr);
    const out = new Map<string, PersonKey>();
    for (const filer of filers) {
      if (!links.some((l) => same(l.person, filer))) out.set(personKey(filer), filer);
      for (const l of links) if (!l.removedAt && (isConfirmed(l) || same(l.person, filer))) out.set(personKey(l.person), l.person);
    }
    return [...out.values()];
  }

  /** The owners a person is confirmed for now (org. numbers). */
  async ownersOf(person: PersonKey): Promise<string[]> {
    return (await this.membershipsOf(person)).filter(isConfirmed).map((m) => m.orgnr);
  }

  /** The owners a person has an undecided or rejected claim on (org. numbers, with the status). */
  async claimsOf(person: PersonKey): Promise<Array<{ orgnr: string; status: ClaimStatus }>> {
    return (await this.membershipsOf(person))
      .filter((m) => !m.removedAt && m.status !== 'confirmed')
      .map((m) => ({ orgnr: m.orgnr, status: m.status ?? 'pending' }));
  }

  /** The person's side of every link they have or had: for "my data" and for the reports they may no longer see. */
  async membershipsOf(person: PersonKey): Promise<Array<{ orgnr: string } & MemberRow>> {
    const out: Array<{ orgnr: string } & MemberRow> = [];
    for await (const r of this.index.listEntities<MemberRow>({ queryOptions: { filter: `PartitionKey eq ${odataString(memberOfPk(person))}` } })) {
      out.push({ orgnr: r.rowKey!, addedAt: r.addedAt, addedBy: r.addedBy, removedAt: r.removedAt, status: r.status });
    }
    return out;
  }

  /**
   * Filing for an owner claims it: the filer gets a `pending` link (their own reports only) unless
   * they have a link already (confirmed, pending, rejected or removed: then nothing changes). The
   * claim is the owner's `first` when nobody ever had a link to it. Two first filings at the same
   * moment may both be marked first; the automatic confirmation then finds the other and waits for
   * the secretariat. Returns whether a claim was made, and the filer's link as it stands after it
   * (the receipt shows it, so the submit does not read it again).
   */
  async claim(orgnr: string, by: PersonKey, displayName?: string, reference?: string): Promise<{ claimed: boolean; link?: OwnerLink }> {
    const existing = await getOrUndefined<LinkRow>(this.index, linksPk(orgnr), personKey(by));
    if (existing) {
      this.linked.add(orgnr);
      return { claimed: false, link: linkOf(orgnr, existing) };
    }
    const first = !(await this.everLinked(orgnr));
    const at = this.now().toISOString();
    const name = displayName?.replace(/\s+/g, ' ').trim().slice(0, 200) || undefined;
    const row: LinkRow = {
      tenantId: by.tenantId,
      aadObjectId: by.aadObjectId,
      ...(name ? { displayName: name } : {}),
      addedAt: at,
      addedBy: 'filed',
      status: 'pending',
      ...(first ? { first } : {}),
      ...(reference ? { reference } : {}),
    };
    const created = await createIfAbsent<LinkRow>(this.index, { partitionKey: linksPk(orgnr), rowKey: personKey(by), ...row });
    this.linked.add(orgnr);
    // Another press of the same filer made the link in between: theirs is the one that counts.
    if (!created) return { claimed: false, link: await this.link(orgnr, by) };
    await Promise.all([
      this.index.upsertEntity({ partitionKey: memberOfPk(by), rowKey: safeKey(orgnr), addedAt: at, addedBy: 'filed', status: 'pending' }, 'Replace'),
      this.index.upsertEntity<ClaimRow>(
        {
          partitionKey: CLAIMS_PK,
          rowKey: claimRk(orgnr, by),
          orgnr,
          tenantId: by.tenantId,
          aadObjectId: by.aadObjectId,
          at,
          ...(name ? { displayName: name } : {}),
          ...(reference ? { reference } : {}),
        },
        'Replace',
      ),
      this.audit(orgnr, { at, action: 'claimed', person: by, personName: name, by: 'filed', asOfficer: false, ...(reference ? { reference } : {}) }),
    ]);
    return { claimed: true, link: linkOf(orgnr, row) };
  }

  /**
   * Whether anyone ever had a link to the owner. Link rows are never deleted (a removal marks
   * them), so once true it stays true and this instance asks storage no more about that owner.
   */
  private async everLinked(orgnr: string): Promise<boolean> {
    if (this.linked.has(orgnr)) return true;
    for await (const _ of this.index.listEntities({ queryOptions: { filter: `PartitionKey eq ${odataString(linksPk(orgnr))}`, select: ['RowKey'] } })) {
      this.linked.add(orgnr);
      return true;
    }
    return false;
  }

  /** The claims waiting for the secretariat, oldest first: one partition. */
  async pendingClaims(): Promise<PendingClaim[]> {
    const out: PendingClaim[] = [];
    for await (const r of this.index.listEntities<ClaimRow>({ queryOptions: { filter: `PartitionKey eq ${odataString(CLAIMS_PK)}` } })) {
      out.push({
        orgnr: r.orgnr,
        person: { tenantId: r.tenantId, aadObjectId: r.aadObjectId },
        ...(r.displayName ? { displayName: r.displayName } : {}),
        at: r.at,
        ...(r.reference ? { reference: r.reference } : {}),
      });
    }
    return out.sort((a, b) => a.at.localeCompare(b.at));
  }

  /**
   * The secretariat confirms a claim (pending or rejected): the person becomes one of the owner's
   * people. `autoConfirmed`: the secretariat accepted the report of the owner's only claim (see
   * confirmOnAccept). Returns false when there was no open claim (already confirmed, removed, none).
   */
  async confirm(orgnr: string, person: PersonKey, by: Actor, how: 'confirmed' | 'autoConfirmed' = 'confirmed', reference?: string): Promise<boolean> {
    return this.decide(orgnr, person, by, 'confirmed', (cur) => cur.status !== 'confirmed', how, reference);
  }

  /** The secretariat rejects a pending claim: the person keeps their own reports, read-only. */
  async reject(orgnr: string, person: PersonKey, by: Actor): Promise<boolean> {
    return this.decide(orgnr, person, by, 'rejected', (cur) => (cur.status ?? 'pending') === 'pending', 'rejected');
  }

  /**
   * Rule (c) of the claim rule: the first and only claim on an owner nobody is confirmed for is
   * confirmed when the secretariat accepts a report of the claimant's. Any other claim on the owner
   * (pending, rejected, confirmed or removed) leaves it to the secretariat.
   */
  async confirmOnAccept(orgnr: string, filer: PersonKey, by: Actor, reference: string): Promise<boolean> {
    const link = await this.link(orgnr, filer);
    if (!link || link.removedAt || link.status !== 'pending' || !link.first) return false;
    const links = await this.linksOf(orgnr);
    if (links.some((l) => !same(l.person, filer))) return false;
    return this.confirm(orgnr, filer, by, 'autoConfirmed', reference);
  }

  private async decide(
    orgnr: string,
    person: PersonKey,
    by: Actor,
    to: ClaimStatus,
    open: (cur: LinkRow) => boolean,
    action: LinkAction,
    reference?: string,
  ): Promise<boolean> {
    const at = this.now().toISOString();
    let changed = false;
    let name: string | undefined;
    await mutateEntity<LinkRow>(this.index, linksPk(orgnr), personKey(person), (cur) => {
      changed = !!cur && !cur.removedAt && open(cur);
      name = cur?.displayName;
      return changed ? { ...cur!, status: to, decidedAt: at, decidedBy: by.id, ...(by.name ? { decidedByName: by.name } : {}) } : undefined;
    });
    if (!changed) return false;
    await Promise.all([
      this.index.upsertEntity({ partitionKey: memberOfPk(person), rowKey: safeKey(orgnr), status: to }, 'Merge'),
      deleteIfPresent(this.index, CLAIMS_PK, claimRk(orgnr, person)),
      this.audit(orgnr, { at, action, person, personName: name, by: by.id, byName: by.name, asOfficer: by.asOfficer, ...(reference ? { reference } : {}) }),
    ]);
    return true;
  }

  /**
   * Links a person (again) as confirmed: an officer or a confirmed person adds them. A pending or
   * rejected claim becomes confirmed. Returns false when they were confirmed already: nothing is
   * written, nothing audited twice. The link row moves under its ETag, so two presses at once link
   * and audit once.
   */
  async add(orgnr: string, person: PersonKey, by: Actor, displayName?: string): Promise<boolean> {
    const at = this.now().toISOString();
    let changed = false;
    await mutateEntity<LinkRow>(this.index, linksPk(orgnr), personKey(person), (cur) => {
      changed = false;
      if (cur && isConfirmed(cur)) {
        // A name given later fills in one not known before; the link itself stands.
        if (displayName && !cur.displayName) return { ...cur, displayName };
        return undefined;
      }
      changed = true;
      return {
        tenantId: person.tenantId,
        aadObjectId: person.aadObjectId,
        ...((displayName ?? cur?.displayName) ? { displayName: displayName ?? cur?.displayName } : {}),
        addedAt: at,
        addedBy: by.id,
        ...(by.name ? { addedByName: by.name } : {}),
        status: 'confirmed',
      };
    });
    if (!changed) return false;
    await Promise.all([
      this.index.upsertEntity({ partitionKey: memberOfPk(person), rowKey: safeKey(orgnr), addedAt: at, addedBy: by.id, status: 'confirmed' }, 'Replace'),
      deleteIfPresent(this.index, CLAIMS_PK, claimRk(orgnr, person)),
      this.audit(orgnr, {
        at,
        action: by.id === 'filed' ? 'registered' : 'added',
        person,
        personName: displayName,
        by: by.id,
        byName: by.name,
        asOfficer: by.asOfficer,
      }),
    ]);
    return true;
  }

  /**
   * Ends a link. What stays is a tombstone: the person's ids and when and by whom they were removed,
   * so the access check knows they filed reports for this owner and must not see them any more.
   * Everything else on the link and on their side of it is deleted (the name a colleague typed, who
   * added them and when); the owner's audit trail keeps who did what to whom and when, with the name
   * as typed, so its readers know whom (docs/security.md, retention). Returns false when not linked.
   */
  async remove(orgnr: string, person: PersonKey, by: Actor): Promise<boolean> {
    const at = this.now().toISOString();
    let changed = false;
    let typedName: string | undefined;
    await mutateEntity<LinkRow>(this.index, linksPk(orgnr), personKey(person), (cur) => {
      changed = !!cur && !cur.removedAt;
      if (!changed) return undefined;
      typedName = cur!.displayName;
      const { displayName: _typed, addedAt: _addedAt, addedBy: _addedBy, addedByName: _addedByName, ...kept } = cur!;
      return { ...kept, removedAt: at, removedBy: by.id };
    });
    if (!changed) return false;
    await Promise.all([
      this.index.upsertEntity({ partitionKey: memberOfPk(person), rowKey: safeKey(orgnr), removedAt: at }, 'Replace'),
      deleteIfPresent(this.index, CLAIMS_PK, claimRk(orgnr, person)),
      this.audit(orgnr, { at, action: 'removed', person, personName: typedName, by: by.id, byName: by.name, asOfficer: by.asOfficer }),
    ]);
    return true;
  }

  /**
   * Marks the links stored before the claim rule, once (run at start; a link already marked is left
   * as it is, so several instances starting together mark each link once). Confirmed: the person
   * filed a report for the owner that the secretariat accepted (`acceptedFilers`, as `tenant:aad`),
   * an officer added them, or a person so confirmed added them. Pending otherwise, and put on the
   * secretariat's list. Returns how many links were marked.
   */
  async migrate(acceptedFilers: (orgnr: string) => Promise<Set<string>>): Promise<number> {
    const owners = new Set<string>();
    const range = `PartitionKey ge ${odataString('om_')} and PartitionKey lt ${odataString('om`')}`;
    for await (const r of this.index.listEntities<LinkRow>({ queryOptions: { filter: range, select: ['PartitionKey', 'status'] } })) {
      if (!r.status) owners.add(r.partitionKey!.slice(3));
    }
    let marked = 0;
    for (const orgnr of owners) {
      const [links, accepted, audit] = await Promise.all([this.linksOf(orgnr), acceptedFilers(orgnr), this.auditOf(orgnr)]);
      const idOf = (p: PersonKey) => `${p.tenantId}:${p.aadObjectId}`;
      const byOfficer = new Set(audit.filter((e) => e.action === 'added' && e.asOfficer).map((e) => idOf(e.person)));
      const confirmed = new Set(links.filter((l) => l.status === 'confirmed').map((l) => idOf(l.person)));
      const unmarked = links.filter((l) => !l.status);
      for (let grew = true; grew;) {
        grew = false;
        for (const l of unmarked) {
          const id = idOf(l.person);
          if (confirmed.has(id)) continue;
          if (accepted.has(id) || byOfficer.has(id) || (l.addedBy && confirmed.has(l.addedBy))) grew = !!confirmed.add(id);
        }
      }
      for (const l of unmarked) {
        const status: ClaimStatus = confirmed.has(idOf(l.person)) ? 'confirmed' : 'pending';
        let changed = false;
        await mutateEntity<LinkRow>(this.index, linksPk(orgnr), personKey(l.person), (cur) => {
          changed = !!cur && !cur.status;
          return changed ? { ...cur!, status } : undefined;
        });
        if (!changed) continue;
        marked++;
        const at = this.now().toISOString();
        await Promise.all([
          this.index.upsertEntity({ partitionKey: memberOfPk(l.person), rowKey: safeKey(orgnr), status }, 'Merge'),
          status === 'pending' && !l.removedAt
            ? this.index.upsertEntity<ClaimRow>(
                {
                  partitionKey: CLAIMS_PK,
                  rowKey: claimRk(orgnr, l.person),
                  orgnr,
                  ...l.person,
                  at: l.addedAt ?? at,
                  ...(l.displayName ? { displayName: l.displayName } : {}),
                },
                'Replace',
              )
            : undefined,
          this.audit(orgnr, {
            at,
            action: status === 'confirmed' ? 'migrated' : 'claimed',
            person: l.person,
            personName: l.displayName,
            by: 'migration',
            asOfficer: false,
          }),
        ]);
      }
    }
    return marked;
  }

  /** The owner's audit trail, newest first. */
  async auditOf(orgnr: string): Promise<LinkAudit[]> {
    const out: LinkAudit[] = [];
    for await (const r of this.index.listEntities<Record<string, unknown>>({ queryOptions: { filter: `PartitionKey eq ${odataString(auditPk(orgnr))}` } })) {
      out.push({
        at: String(r.at),
        action: r.action as LinkAction,
        person: { tenantId: String(r.tenantId), aadObjectId: String(r.aadObjectId) },
        ...(r.personName ? { personName: String(r.personName) } : {}),
        by: String(r.by),
        ...(r.byName ? { byName: String(r.byName) } : {}),
        asOfficer: r.asOfficer === true,
        ...(r.reference ? { reference: String(r.reference) } : {}),
      });
    }
    return out.sort((a, b) => b.at.localeCompare(a.at));
  }

  private async audit(orgnr: string, e: LinkAudit): Promise<void> {
    await this.index.upsertEntity(
      {
        partitionKey: auditPk(orgnr),
        rowKey: `${newestFirst(new Date(e.at))}_${e.action}_${personKey(e.person)}`,
        at: e.at,
        action: e.action,
        tenantId: e.person.tenantId,
        aadObjectId: e.person.aadObjectId,
        ...(e.personName ? { personName: e.personName } : {}),
        by: e.by,
        ...(e.byName ? { byName: e.byName } : {}),
        asOfficer: e.asOfficer,
        ...(e.reference ? { reference: e.reference } : {}),
      },
      'Replace',
    );
  }
}

function linkOf(orgnr: string, r: LinkRow): OwnerLink {
  const { tenantId, aadObjectId, ...rest } = propertiesOf(r as Stored<LinkRow>);
  return { orgnr, person: { tenantId, aadObjectId }, ...rest };
}
