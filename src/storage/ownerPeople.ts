import type { LinkAction } from '../domain/colleagues';
import { newestFirst, odataString, personKey, type PersonKey } from './keys';
import { getOrUndefined, mutateEntity, propertiesOf, safeKey, type Stored, type Tables } from './tables';

/**
 * The people linked to an owner organisation, and the audit trail of who linked or removed whom.
 * In the ReportIndex table beside the report indexes:
 *   om_<orgnr> / <person>   the link (kept with `removedAt` once removed, so a removal is known)
 *   m_<person> / <orgnr>    the same link from the person's side ("which owners am I linked to")
 *   oa_<orgnr> / <time>     one row per change: who, when, which person
 * Nothing is cached beyond one call: a removal takes effect on the next read.
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
}

/** The one access answer: may this person act on a report of this owner? */
export type Access = { ok: true } | { ok: false; removedAt?: string };

/** The stored link: the person's ids as columns, the rest as OwnerLink has it. */
type LinkRow = PersonKey & Omit<OwnerLink, 'orgnr' | 'person'>;
type MemberRow = { addedAt?: string; addedBy?: string; removedAt?: string };

const linksPk = (orgnr: string) => `om_${safeKey(orgnr)}`;
const memberOfPk = (p: PersonKey) => `m_${personKey(p)}`;
const auditPk = (orgnr: string) => `oa_${safeKey(orgnr)}`;

/** Who acts, as the audit trail records it. */
export interface Actor {
  id: string;
  name?: string;
  asOfficer: boolean;
}

export class OwnerPeople {
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
    if (row && !row.removedAt) return { ok: true };
    if (row?.removedAt) return { ok: false, removedAt: row.removedAt };
    const filed = report.createdBy.tenantId === person.tenantId && report.createdBy.aadObjectId === person.aadObjectId;
    return filed ? { ok: true } : { ok: false };
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
   * Who hears about an owner's reports (reminders, notices, results): everyone linked now, and the
   * person who filed unless they were removed (a filer from before links existed has no row).
   */
  async audience(orgnr: string, filer: PersonKey): Promise<PersonKey[]> {
    const links = await this.linksOf(orgnr);
    const out = new Map<string, PersonKey>();
    if (!links.some((l) => personKey(l.person) === personKey(filer))) out.set(personKey(filer), filer);
    for (const l of links) if (!l.removedAt) out.set(personKey(l.person), l.person);
    return [...out.values()];
  }

  /** The owners a person is linked to now (org. numbers). */
  async ownersOf(person: PersonKey): Promise<string[]> {
    return (await this.membershipsOf(person)).filter((m) => !m.removedAt).map((m) => m.orgnr);
  }

  /** The person's side of every link they have or had: for "my data" and for the reports they may no longer see. */
  async membershipsOf(person: PersonKey): Promise<Array<{ orgnr: string } & MemberRow>> {
    const out: Array<{ orgnr: string } & MemberRow> = [];
    for await (const r of this.index.listEntities<MemberRow>({ queryOptions: { filter: `PartitionKey eq ${odataString(memberOfPk(person))}` } })) {
      out.push({ orgnr: r.rowKey!, addedAt: r.addedAt, addedBy: r.addedBy, removedAt: r.removedAt });
    }
    return out;
  }

  /**
   * Whoever files an owner's first report is linked to it. Only when nobody ever was: once the owner
   * has people (even all removed by the secretariat), typing its org. number links no one.
   */
  async registerFirst(orgnr: string, by: PersonKey): Promise<void> {
    const links = this.index.listEntities({ queryOptions: { filter: `PartitionKey eq ${odataString(linksPk(orgnr))}`, select: ['RowKey'] } });
    for await (const _ of links) return;
    await this.add(orgnr, by, { id: 'filed', asOfficer: false });
  }

  /**
   * Links a person (again). Returns false when they were linked already: nothing is written, nothing
   * audited twice. The link row moves under its ETag, so two presses at once link and audit once.
   */
  async add(orgnr: string, person: PersonKey, by: Actor, displayName?: string): Promise<boolean> {
    const at = this.now().toISOString();
    let changed = false;
    await mutateEntity<LinkRow>(this.index, linksPk(orgnr), personKey(person), (cur) => {
      changed = false;
      if (cur && !cur.removedAt) {
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
      };
    });
    if (!changed) return false;
    await Promise.all([
      this.index.upsertEntity({ partitionKey: memberOfPk(person), rowKey: safeKey(orgnr), addedAt: at, addedBy: by.id }, 'Replace'),
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
      this.audit(orgnr, { at, action: 'removed', person, personName: typedName, by: by.id, byName: by.name, asOfficer: by.asOfficer }),
    ]);
    return true;
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
      },
      'Replace',
    );
  }
}

function linkOf(orgnr: string, r: LinkRow): OwnerLink {
  const { tenantId, aadObjectId, ...rest } = propertiesOf(r as Stored<LinkRow>);
  return { orgnr, person: { tenantId, aadObjectId }, ...rest };
}
