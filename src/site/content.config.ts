// One schema: Starlight's docs schema extended with the atlas entry schema the CLI uses.
// Starlight validates the frontmatter of generated pages (hubs, dashboard) against the
// same collection schema, so its fields are optional here; the build's render stage
// checks every file under content/entries against the full schema first.
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { entrySchema } from '../model/schema.ts';
import { atlasRoot } from './lib/root.ts';

export const collections = {
  docs: defineCollection({
    loader: glob({ pattern: '**/*.md', base: `${atlasRoot()}/content/entries` }),
    schema: docsSchema({ extend: entrySchema.partial() }),
  }),
};
