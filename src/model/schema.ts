// The one schema of the atlas. The CLI validates with it and the site extends
// Starlight's docs schema with `entrySchema`; `npm run schema` exports it as JSON Schema.
import { z } from 'zod';
import { AA_CONTRAST, contrast } from './contrast.ts';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .or(z.date().transform((d) => d.toISOString().slice(0, 10)));

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

export const entrySchema = z
  .object({
    id: z.string().regex(/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/, 'expected an upper-case id such as INC-GITHUB-2018-10-21-TIMELINE'),
    title: z.string().min(3),
    description: z.string().min(10),
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

export const taxonomySchema = z
  .object({
    categories: z.array(
      z
        .object({
          id: slug,
          title: z.string(),
          purpose: slug,
          target: z.number().int().positive(),
          subject: z.enum(['system', 'incident', 'guarantee', 'mechanism', 'pattern']).optional(),
          kinds: z.array(slug).optional(),
        })
        .strict(),
    ),
    purposes: z.array(subjectRef),
    sections: z.record(z.string(), z.array(z.string())),
    palette_kinds: z.array(z.string()),
    systems: z.array(subjectRef.extend({ tier: z.number().int().min(1).max(3) })),
    guarantees: z.array(subjectRef),
    mechanisms: z.array(subjectRef),
    patterns: z.array(subjectRef),
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
