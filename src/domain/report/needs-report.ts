import { z } from 'zod';
import { formatsFor } from './problems';
import { ReportFields, type NeedsReport as WholeReport } from './report-fields';
import { crossFieldProblems, normaliseReport } from './rules';

// The field shape is its own leaf so the rules across fields can use its types without a cycle.
// (The local NeedsReport below, type and schema, takes precedence over the leaf's type.)
export * from './report-fields';

/** A complete needs report, as stored and submitted. */
export type NeedsReport = WholeReport;

/** The whole report, for storage and submission: every field plus the rules across fields. */
export const NeedsReport: z.ZodType<NeedsReport, z.ZodTypeDef, unknown> = ReportFields.superRefine((report, ctx) => {
  for (const p of crossFieldProblems(report, formatsFor('nb'))) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: p.key,
      path: [p.field, ...(p.path ?? [])],
      params: { key: p.key, params: p.params ?? {} },
    });
  }
}).transform((report) => normaliseReport(report));
