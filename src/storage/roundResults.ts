import { z } from 'zod';
import type { Decision } from '../domain/decision';
import type { ReportStatus } from '../domain/report/lifecycle';
import type { ResultRow } from '../domain/results';
import { odataString } from './keys';
import { reportPk } from './reports';
import { createIfAbsent, getOrUndefined, mutateEntity, safeKey, type Tables } from './tables';

const PK = 'results';

/** That a round's results were published: by whom and when, and whether every message is queued. */
export const PublicationSchema = z.object({
  roundId: z.string(),
  by: z.string(),
  byName: z.string().optional(),
  at: z.string(),
  /** False while the messages are being queued (a press after a crash finishes them). */
  done: z.boolean(),
  channel: z.boolean(),
  owners: z.number().int().min(0),
});
export type Publication = z.infer<typeof PublicationSchema>;

type Row = {
  reference?: string;
  workingGroup?: string;
  status?: ReportStatus;
  scheme?: string;
  region?: string;
  requestedPerYear?: string;
  decision?: string;
  ownerOrgnr?: string;
  createdByTenant?: string;
  createdByUser?: string;
};

/** A round's decisions as result rows (one partition query, summary columns and the decision only) and its publication record. */
export class RoundResults {
  constructor(private readonly tables: Tables) {}
  private get jobs() {
    return this.tables.client('Jobs');
  }

  async rows(roundId: string): Promise<ResultRow[]> {
    const out: ResultRow[] = [];
    const pages = this.tables
      .client('Reports')
      .listEntities<Row>({
        queryOptions: {
          filter: `PartitionKey eq ${odataString(reportPk(roundId))} and status ne 'withdrawn'`,
          select: [
            'RowKey',
            'reference',
            'status',
            'scheme',
            'region',
            'workingGroup',
            'requestedPerYear',
            'decision',
            'ownerOrgnr',
            'createdByTenant',
            'createdByUser',
          ],
        },
      })
      .byPage({ maxPageSize: 1000 });
    for await (const page of pages) {
      for (const r of page) {
        const decision = r.decision ? (JSON.parse(r.decision) as Decision) : undefined;
        out.push({
          id: r.rowKey!,
          reference: r.reference ?? '',
          workingGroup: r.workingGroup ?? '',
          status: r.status ?? 'submitted',
          scheme: r.scheme ?? '',
          region: r.region ?? '',
          ...(r.requestedPerYear ? { requestedPerYear: r.requestedPerYear } : {}),
          ...(decision ? { decision: { outcome: decision.outcome, amounts: decision.amounts, total: decision.total } } : {}),
          ownerOrgnr: r.ownerOrgnr ?? '',
          createdBy: { tenantId: r.createdByTenant ?? '', aadObjectId: r.createdByUser ?? '' },
        });
      }
    }
    return out;
  }

  async publication(roundId: string): Promise<Publication | undefined> {
    const row = await getOrUndefined<{ json: string }>(this.jobs, PK, safeKey(roundId));
    return row ? PublicationSchema.parse(JSON.parse(row.json)) : undefined;
  }

  /** Claims the publication; returns the record as stored and whether this call made it. */
  async claim(p: Publication): Promise<{ publication: Publication; created: boolean }> {
    const created = await createIfAbsent(this.jobs, { partitionKey: PK, rowKey: safeKey(p.roundId), json: JSON.stringify(PublicationSchema.parse(p)) });
    return { publication: created ? p : (await this.publication(p.roundId))!, created };
  }

  async finish(roundId: string, change: (p: Publication) => Publication): Promise<void> {
    await mutateEntity<{ json: string }>(this.jobs, PK, safeKey(roundId), (cur) =>
      cur ? { json: JSON.stringify(PublicationSchema.parse(change(PublicationSchema.parse(JSON.parse(cur.json))))) } : undefined,
    );
  }
}
