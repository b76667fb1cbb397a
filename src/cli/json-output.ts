// The JSON that `--json` commands print: one zod schema per command, exported as JSON
// Schema into schemas/ by `npm run schema`. Scripts may rely on these shapes; the tests
// check the real output against them, so a field cannot change or vanish unnoticed.
import { z } from 'zod';

const finding = z.strictObject({
  file: z.string(),
  line: z.number().int().positive(),
  col: z.number().int().positive(),
  rule: z.string(),
  message: z.string(),
  severity: z.enum(['error', 'warning']),
  fix: z.string().optional(),
});

export const validateOutput = z.strictObject({
  entries: z.number().int().nonnegative(),
  diagrams: z.strictObject({
    rendered: z.number().int().nonnegative(),
    /** Times Mermaid ran: one per diagram, two where the dark theme needed its own drawing. */
    renders: z.number().int().nonnegative(),
    cached: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    /** Whether the warm renderer, a background process kept between runs, rendered every diagram not in the cache. */
    warm: z.boolean(),
  }),
  findings: z.array(finding),
});

export const reviewOutput = z.strictObject({
  entries: z.array(
    z.strictObject({
      file: z.string(),
      id: z.string(),
      /** Gate id to passed, for the gates that apply to the entry. */
      gates: z.record(z.string(), z.boolean()),
      findings: z.array(finding.omit({ file: true, severity: true })),
    }),
  ),
  /** Findings outside the reviewed entries (the source registry, the glossary). */
  other: z.array(finding),
});

export const impactOutput = z.array(z.strictObject({ file: z.string(), reason: z.string() }));

export const sourcesOutput = z.strictObject({
  registered: z.number().int().nonnegative(),
  unused: z.array(z.string()),
  missing: z.array(z.strictObject({ id: z.string(), citedBy: z.array(z.string()) })),
  duplicateUrls: z.array(z.strictObject({ url: z.string(), ids: z.array(z.string()) })),
  citedBy: z.record(z.string(), z.array(z.string())),
});

export const exportOutput = z.array(
  z.strictObject({
    entry: z.string(),
    file: z.string(),
    figure: z.string(),
    measures: z.string(),
    provenance: z.enum(['sourced', 'derived', 'illustrative']),
    source: z.string().nullable(),
    source_url: z.string().nullable(),
    where: z.string().nullable(),
    quote: z.string().nullable(),
    derived_from: z.string().nullable(),
    method: z.string().nullable(),
    illustrative: z.string().nullable(),
  }),
);

export type ValidateOutput = z.infer<typeof validateOutput>;
export type ReviewOutput = z.infer<typeof reviewOutput>;
export type ImpactOutput = z.infer<typeof impactOutput>;
export type SourcesOutput = z.infer<typeof sourcesOutput>;
export type ExportOutput = z.infer<typeof exportOutput>;

export const OUTPUT_SCHEMAS = {
  'schemas/validate-output.schema.json': validateOutput,
  'schemas/review-output.schema.json': reviewOutput,
  'schemas/impact-output.schema.json': impactOutput,
  'schemas/sources-output.schema.json': sourcesOutput,
  'schemas/export-output.schema.json': exportOutput,
};
