// `npm run schema`: writes the entry schema as JSON Schema, for editors that check
// frontmatter while you type (see README). test/schema.test.ts keeps it in sync.
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { entrySchema, sourceSchema } from './schema.ts';

export const SCHEMA_FILES = {
  'schemas/entry.schema.json': entrySchema,
  'schemas/source.schema.json': sourceSchema,
};

export function jsonSchemaText(schema: z.ZodType): string {
  return `${JSON.stringify(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }), null, 2)}\n`;
}

if (import.meta.main) {
  for (const [file, schema] of Object.entries(SCHEMA_FILES)) {
    writeFileSync(file, jsonSchemaText(schema));
    console.log(`wrote ${file}`);
  }
}
