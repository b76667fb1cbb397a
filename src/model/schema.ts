// The one schema of the atlas. The CLI validates with it and the site extends
// Starlight's docs schema with `entrySchema`; `npm run schema` exports it as JSON Schema.
import { z } from 'zod';
import { AA_CONTRAST, contrast } from './contrast.ts';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .or(z.date().transform((d) => d.toISOString().slice(0, 10)));

// Title and description go into the page's head (<title>, meta tags) as they are: text, no markup.
const headText = (min: number) =>
  z.string().min(min).regex(/^[^<>]*$/, 'must be plain text without "<" or ">" (it goes into the page\'s <title> and meta tags): write the words, or drop the markup');

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected lower-case words joined by hyphens');

export const factSchema = z
  .object({
    figure: z.string().min(1),
    measures: z.string().min(3),
    source: slug.optional(),
    where: z.string().optional(),
    // The shortest verbatim passage of the source that shows the figure.
    quote: z.string().min(1).optional(),
    derived: z
      .object({
        from: z.array(z.string().min(1)).min(1),
        method: z.string().min(3),
      })
      .strict()
      .optional(),
    illustrative: z.string().min(3).optional(),
  })
  .strict()
  .refine((f) => [f.source, f.derived, f.illustrative].filter((v) => v !== undefined).length === 1, {
    message: 'a fact has exactly one of source, derived or illustrative',
  });

export const symptomSchema = z
  .object({
    kind: z.enum(['error', 'metric', 'status', 'component']),
    text: z.string().min(2),
  })
  .strict();

export const statusValues = ['draft', 'needs_review', 'up_to_date', 'outdated'] as const;

// The values listing pages group entries by (content/taxonomy.yaml `group_by`), with the
// heading each group gets. Debugging guides: the family of the symptom an alert shows.
export const debuggingFamilies = {
  latency: 'Slow responses',
  errors: 'Error rates',
  unavailable: 'Unreachable or down',
  saturation: 'Resource exhaustion',
  data: 'Stale, inconsistent or lost data',
  backlog: 'Queues and consumer lag',
  network: 'Network, DNS and TLS',
  security: 'Security signals',
} as const;
// Technology comparisons: the area the compared technologies compete in.
export const comparisonAreas = {
  databases: 'Databases',
  messaging: 'Messaging and streaming',
  caching: 'Caching',
  networking: 'Load balancing and networking',
  compute: 'Compute and orchestration',
  storage: 'Storage',
  coordination: 'Coordination and consensus',
  observability: 'Observability',
} as const;
// Capacity models: the resource being sized.
export const capacityResources = {
  compute: 'Compute',
  memory: 'Memory and cache',
  storage: 'Storage',
  network: 'Network and edge',
  database: 'Database throughput',
  queue: 'Queues and streams',
} as const;

const keysOf = <T extends object>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

export const entrySchema = z
  .object({
    id: z.string().regex(/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/, 'expected an upper-case id such as INC-GITHUB-2018-10-21-TIMELINE'),
    title: headText(3),
    description: headText(10),
    category: slug,
    subject: slug.optional(),
    kind: slug.optional(),
    system: slug.optional(),
    tags: z.array(z.string().min(1)).default([]),
    version: z.string().regex(/^\d+\.\d+$/, 'expected major.minor, such as "1.0"'),
    status: z.enum(statusValues),
    last_reviewed: isoDate,
    content_hash: z.string().regex(/^[0-9a-f]{64}$/).optional(),
    sources: z.array(slug).default([]),
    symptoms: z.array(symptomSchema).default([]),
    // Listing fields: which of them a category requires is its `group_by` in the taxonomy.
    family: z.enum(keysOf(debuggingFamilies)).optional(),
    area: z.enum(keysOf(comparisonAreas)).optional(),
    resource: z.enum(keysOf(capacityResources)).optional(),
    technologies: z.array(slug).optional(),
    facts: z.array(factSchema).default([]),
  })
  .strict();

export const sourceKinds = ['postmortem', 'engineering-blog', 'paper', 'talk', 'docs', 'filing', 'secondary'] as const;

export const sourceSchema = z
  .object({
    id: slug,
    title: z.string().min(2),
    publisher: z.string().min(2),
    url: z.url({ protocol: /^https?$/ }),
    // Papers are often dated only to the month or year.
    published: z
      .string()
      .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD')
      .or(z.date().transform((d) => d.toISOString().slice(0, 10)))
      // YAML reads a bare year (published: 2023) as a number.
      .or(z.number().int().min(1000).max(9999).transform(String))
      .optional(),
    kind: z.enum(sourceKinds),
    accessed: isoDate,
    read_at: z.url({ protocol: /^https?$/ }).optional(),
  })
  .strict();

export const glossaryTermSchema = z
  .object({
    term: z.string().min(2),
    expansion: z.string().min(2),
    definition: z.string().min(5),
  })
  .strict();

const subjectRef = z.object({ id: slug, title: z.string() }).strict();
// A guarantee, mechanism or pattern: what it is, in one line, shown on its hub.
const definedSubject = subjectRef.extend({ definition: z.string().min(10) });

export const groupFields = ['system', 'family', 'technologies', 'area', 'resource'] as const;

export const taxonomySchema = z
  .object({
    categories: z.array(
      z
        .object({
          id: slug,
          title: z.string(),
          purpose: slug,
          target: z.number().int().positive(),
          // Where the target comes from: which spec document, and why where they disagree.
          target_reason: z.string().min(10),
          subject: z.enum(['system', 'incident', 'guarantee', 'mechanism', 'pattern']).optional(),
          kinds: z.array(slug).optional(),
          // Frontmatter fields every entry must set; the listing page groups by each in turn.
          group_by: z.array(z.enum(groupFields)).optional(),
        })
        .strict(),
    ),
    purposes: z.array(subjectRef),
    sections: z.record(z.string(), z.array(z.string())),
    palette_kinds: z.array(z.string()),
    systems: z.array(
      subjectRef.extend({
        // The spec's tier (001, 003); systems added from the source survey have none.
        tier: z.number().int().min(1).max(3).optional(),
        // What is not public, where the source survey found no usable primary material.
        public: z.string().min(10).optional(),
      }),
    ),
    guarantees: z.array(definedSubject),
    mechanisms: z.array(definedSubject),
    patterns: z.array(definedSubject),
  })
  .strict();

const hex = z.string().regex(/^#[0-9A-Fa-f]{6}$/);
export const paletteSchema = z
  .object({
    planes: z.array(
      z
        .object({ class: slug, title: z.string(), covers: z.string(), fill: hex, stroke: hex, text: hex })
        .strict()
        .refine((p) => contrast(p.text, p.fill) >= AA_CONTRAST, {
          path: ['text'],
          error: (issue) => {
            const p = issue.input as { text: string; fill: string };
            return `text ${p.text} on fill ${p.fill} has contrast ${contrast(p.text, p.fill).toFixed(2)}:1; WCAG AA needs ${AA_CONTRAST}:1`;
          },
        }),
    ),
  })
  .strict();

export type Fact = z.infer<typeof factSchema>;
export type Symptom = z.infer<typeof symptomSchema>;
export type EntryData = z.infer<typeof entrySchema>;
export type Source = z.infer<typeof sourceSchema>;
export type GlossaryTerm = z.infer<typeof glossaryTermSchema>;
export type Taxonomy = z.infer<typeof taxonomySchema>;
export type Palette = z.infer<typeof paletteSchema>;
export type Status = (typeof statusValues)[number];
export type GroupField = (typeof groupFields)[number];
