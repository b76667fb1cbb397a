// Loading the whole atlas: the registries (taxonomy, sources, glossary, palette) and
// every entry. Problems found while loading become findings, never exceptions.
import { readFileSync, globSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { finding, type Finding } from './finding.ts';
import { parseEntry, type Entry } from './entry.ts';
import {
  glossaryTermSchema,
  paletteSchema,
  sourceSchema,
  taxonomySchema,
  type GlossaryTerm,
  type Palette,
  type Source,
  type Taxonomy,
} from './schema.ts';
import { parseYaml, schemaFindings } from './yaml-source.ts';

export interface Located {
  file: string;
  line: number;
}

export interface Project {
  root: string;
  paths: ProjectPaths;
  taxonomy: Taxonomy;
  palette: Palette;
  sources: Map<string, Source & Located>;
  glossary: Map<string, GlossaryTerm & Located>;
  entries: Entry[];
  /** Problems met while loading: unreadable files, malformed YAML, schema errors. */
  findings: Finding[];
}

export interface ProjectPaths {
  content: string;
  entries: string;
  taxonomy: string;
  palette: string;
  sources: string;
  glossary: string;
  templates: string;
}

export function projectPaths(root: string): ProjectPaths {
  const content = path.join(root, 'content');
  return {
    content,
    entries: path.join(content, 'entries'),
    taxonomy: path.join(content, 'taxonomy.yaml'),
    palette: path.join(content, 'palette.yaml'),
    sources: path.join(content, 'sources.yaml'),
    glossary: path.join(content, 'glossary.yaml'),
    templates: path.join(content, 'templates'),
  };
}

export class ProjectError extends Error {}

export function relativePath(root: string, file: string): string {
  return path.relative(root, path.resolve(root, file)).split(path.sep).join('/');
}

function readText(file: string, root: string, findings: Finding[]): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    findings.push(finding(relativePath(root, file), 1, 1, 'read', `cannot read the file (${reason})`));
    return undefined;
  }
}

/** A YAML file holding one schema-checked value; undefined when it is unusable. */
function loadYamlFile<T extends z.ZodType>(file: string, schema: T, root: string, findings: Finding[]) {
  const rel = relativePath(root, file);
  const text = readText(file, root, findings);
  if (text === undefined) return undefined;
  const parsed = parseYaml(text, rel);
  if (!parsed.ok) {
    findings.push(parsed.finding);
    return undefined;
  }
  const result = schema.safeParse(parsed.yaml.value);
  if (!result.success) {
    findings.push(...schemaFindings(result.error, parsed.yaml, rel));
    return undefined;
  }
  return { value: result.data as z.infer<T>, yaml: parsed.yaml, rel };
}

/** A YAML list of records keyed by `key`: invalid items and duplicates become findings. */
function loadRegistry<T extends z.ZodType>(
  file: string,
  schema: T,
  key: string,
  root: string,
  findings: Finding[],
): Map<string, z.infer<T> & Located> {
  const registry = new Map<string, z.infer<T> & Located>();
  const loaded = loadYamlFile(file, z.array(z.unknown()), root, findings);
  if (!loaded) return registry;
  loaded.value.forEach((item, index) => {
    const line = loaded.yaml.lineOf([index]);
    const result = schema.safeParse(item);
    if (!result.success) {
      for (const issue of result.error.issues) {
        findings.push(finding(loaded.rel, loaded.yaml.lineOf([index, ...issue.path]), 1, 'registry', `${[index, ...issue.path].join('.')}: ${issue.message}`));
      }
      return;
    }
    const record = result.data as Record<string, unknown>;
    const id = String(record[key]);
    const previous = registry.get(id);
    if (previous) {
      findings.push(finding(loaded.rel, line, 1, 'registry', `duplicate ${key} "${id}" (first at line ${previous.line})`));
      return;
    }
    registry.set(id, { ...(result.data as object), file: loaded.rel, line } as z.infer<T> & Located);
  });
  return registry;
}

export function listEntryFiles(paths: ProjectPaths): string[] {
  return globSync('**/*.md', { cwd: paths.entries })
    .map((f) => path.join(paths.entries, f))
    .sort();
}

export function loadEntryFile(root: string, file: string, findings: Finding[]): Entry | undefined {
  const text = readText(file, root, findings);
  if (text === undefined) return undefined;
  const parsed = parseEntry(relativePath(root, file), text);
  if (!parsed.ok) {
    findings.push(...parsed.findings);
    return undefined;
  }
  return parsed.entry;
}

function unusable(findings: Finding[]): ProjectError {
  const detail = findings.map((f) => `${f.file}:${f.line}:${f.col}  ${f.message}`).join('\n');
  return new ProjectError(`the atlas registries cannot be used:\n${detail}`);
}

/** Categories with at least one entry file, from the paths alone (the site's navigation). */
export function categoriesWithEntries(root: string): Set<string> {
  const paths = projectPaths(root);
  return new Set(listEntryFiles(paths).map((file) => path.relative(paths.entries, file).split(path.sep)[0]!));
}

/** The taxonomy alone (with categoriesWithEntries, all the site's navigation needs). */
export function loadTaxonomy(root: string): Taxonomy {
  const findings: Finding[] = [];
  const taxonomy = loadYamlFile(projectPaths(root).taxonomy, taxonomySchema, root, findings)?.value;
  if (!taxonomy) throw unusable(findings);
  return taxonomy;
}

export function loadProject(root: string): Project {
  const paths = projectPaths(root);
  const findings: Finding[] = [];
  const taxonomy = loadYamlFile(paths.taxonomy, taxonomySchema, root, findings)?.value;
  const palette = loadYamlFile(paths.palette, paletteSchema, root, findings)?.value;
  if (!taxonomy || !palette) throw unusable(findings);
  const sources = loadRegistry(paths.sources, sourceSchema, 'id', root, findings);
  const glossary = loadRegistry(paths.glossary, glossaryTermSchema, 'term', root, findings);
  const entries = listEntryFiles(paths).flatMap((file) => loadEntryFile(root, file, findings) ?? []);
  return { root, paths, taxonomy, palette, sources, glossary, entries, findings };
}
