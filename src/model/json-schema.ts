// `npm run schema`: writes the entry schema as JSON Schema, for editors that check
// frontmatter while you type, and the schemas of the CLI's JSON output (see README).
// test/schema.test.ts keeps them in sync.
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { OUTPUT_SCHEMAS } from '../cli/json-output.ts';
import { entrySchema, sourceSchema } from './schema.ts';

export const SCHEMA_FILES = {
  'schemas/entry.schema.json': entrySchema,
  'schemas/source.schema.json': sourceSchema,
  ...OUTPUT_SCHEMAS,
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
