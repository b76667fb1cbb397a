// The atlas site: Starlight over the same content files and zod schema as the CLI.
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import path from 'node:path';
import remarkGithubAdmonitionsToDirectives from 'remark-github-admonitions-to-directives';
import { categoriesWithEntries, loadTaxonomy } from './src/model/project.ts';
import { remarkMermaid } from './src/site/plugins/remark-mermaid.ts';
import { remarkEntryLinks } from './src/site/plugins/remark-entry-links.ts';
import { remarkSafeMarkdown } from './src/site/plugins/remark-safe-markdown.ts';
import { astroCacheDir, atlasRoot } from './src/site/lib/root.ts';
import { FONT_PACKAGE } from './src/diagrams/font.ts';

const taxonomy = loadTaxonomy(atlasRoot());
// A category without entries has no listing page; the nav counts it under "Not started yet".
const started = categoriesWithEntries(atlasRoot());
const notStarted = taxonomy.categories.filter((c) => !started.has(c.id)).length;

export default defineConfig({
  srcDir: './src/site',
  outDir: process.env.ATLAS_OUT_DIR ?? './dist',
  // Per atlas: Astro keeps rendered Markdown here, and two atlases must not share it.
  cacheDir: astroCacheDir(),
  site: process.env.ATLAS_SITE_URL,
  base: process.env.ATLAS_BASE_PATH,
  server: { port: 4321, host: true },
  markdown: {
    remarkPlugins: [
      remarkSafeMarkdown,
      // GitHub alerts (> [!CAUTION]) become Starlight asides: the same markup and colours
      // as Starlight's own, in both themes. CAUTION is GitHub's red alert, WARNING its yellow.
      [remarkGithubAdmonitionsToDirectives, { mapping: { NOTE: 'note', TIP: 'tip', IMPORTANT: 'note', WARNING: 'caution', CAUTION: 'danger' } }],
      [remarkMermaid, { base: process.env.ATLAS_BASE_PATH ?? '/' }],
      [remarkEntryLinks, { base: process.env.ATLAS_BASE_PATH ?? '/' }],
    ],
  },
  integrations: [
    starlight({
      title: 'Production Atlas',
      description: 'Production distributed-systems diagrams you can trust at 3 AM: every figure sourced.',
      // The diagram font, self-hosted: the font the render stage measured labels in.
      customCss: [FONT_PACKAGE, './src/site/styles/atlas.css'],
      routeMiddleware: './src/site/route-data.ts',
      // Entries live outside src/; Starlight's Markdown transforms (asides) apply to them too.
      // Heading anchor links stay off, as they were before entries were processed.
      markdown: { processedDirs: [path.join(atlasRoot(), 'content', 'entries')], headingLinks: false },
      components: { MarkdownContent: './src/site/components/EntryContent.astro' },
      lastUpdated: false,
      pagination: false,
      sidebar: [
        {
          label: 'Start here',
          items: [
            { label: 'Home', link: '/' },
            { label: 'I have a production issue', link: '/respond/' },
            { label: 'Progress dashboard', link: '/dashboard/' },
          ],
        },
        // One link per category, not every entry: the sidebar is in every page, and with
        // hundreds of entries it would dominate each page's size.
        {
          label: 'Browse',
          items: [
            ...taxonomy.categories.filter((c) => started.has(c.id)).map((c) => ({ label: c.title, link: `/${c.id}/` })),
            ...(notStarted ? [{ label: 'Not started yet', link: '/#not-started', badge: String(notStarted) }] : []),
          ],
        },
        {
          label: 'Reference',
          items: [
            { label: 'Sources', link: '/sources/' },
            { label: 'Glossary', link: '/glossary/' },
            { label: 'Style guide', link: '/style-guide/' },
          ],
        },
      ],
    }),
  ],
});
