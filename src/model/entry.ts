// Reading one entry file: frontmatter, diagrams, headings, tables and links, each
// with the line of the Markdown file it came from.
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { visit } from 'unist-util-visit';
import type { Root } from 'mdast';
import { finding, type Finding } from './finding.ts';
import { entrySchema, type EntryData } from './schema.ts';
import { parseYaml, schemaFindings, type YamlSource } from './yaml-source.ts';

export interface Diagram {
  /** Position among the entry's diagrams, 0 = the primary diagram. */
  index: number;
  source: string;
  /** File line of the first line of Mermaid source (the line after the fence). */
  line: number;
}

export interface TextSpan {
  text: string;
  line: number;
  col: number;
}

export interface Entry {
  /** Path relative to the project root, with forward slashes. */
  file: string;
  raw: string;
  data: EntryData;
  yaml: YamlSource;
  /** File line where the frontmatter's closing `---` is. */
  frontmatterEnd: number;
  body: string;
  diagrams: Diagram[];
  headings: TextSpan[];
  tableText: TextSpan[];
  links: { url: string; line: number; col: number }[];
  /** The Markdown body as mdast; node lines are body lines (add `frontmatterEnd` for file lines). */
  tree: Root;
}

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** The file line of the frontmatter's closing `---` (0 without frontmatter): body line n is file line this + n. */
export function frontmatterEndLine(raw: string): number {
  const yamlText = FRONTMATTER.exec(raw)?.[1];
  return yamlText === undefined ? 0 : yamlText.split('\n').length + 2;
}

export type ParsedEntry = { ok: true; entry: Entry } | { ok: false; findings: Finding[] };

export function parseEntry(file: string, raw: string): ParsedEntry {
  const match = FRONTMATTER.exec(raw);
  if (!match) {
    return { ok: false, findings: [finding(file, 1, 1, 'frontmatter', 'no YAML frontmatter: the file must start with a line "---", the YAML, and a closing "---"')] };
  }
  const yamlText = match[1]!;
  const parsedYaml = parseYaml(yamlText, file, 2);
  if (!parsedYaml.ok) return { ok: false, findings: [parsedYaml.finding] };
  const yaml = parsedYaml.yaml;
  const result = entrySchema.safeParse(yaml.value ?? {});
  if (!result.success) return { ok: false, findings: schemaFindings(result.error, yaml, file) };

  const frontmatterEnd = frontmatterEndLine(raw);
  const body = raw.slice(match[0].length);
  // The body is parsed on first use: checking one file never parses every other body.
  let parts: BodyParts | undefined;
  const part = <K extends keyof BodyParts>(key: K): BodyParts[K] => (parts ??= readBody(body, frontmatterEnd))[key];
  return {
    ok: true,
    entry: {
      file,
      raw,
      data: result.data,
      yaml,
      frontmatterEnd,
      body,
      get diagrams() {
        return part('diagrams');
      },
      get headings() {
        return part('headings');
      },
      get tableText() {
        return part('tableText');
      },
      get links() {
        return part('links');
      },
      get tree() {
        return part('tree');
      },
    },
  };
}

type BodyParts = Pick<Entry, 'diagrams' | 'headings' | 'tableText' | 'links' | 'tree'>;

/** Diagrams, headings, table text and links of the Markdown body; `offset` is the file line before body line 1. */
function readBody(body: string, offset: number): BodyParts {
  const tree: Root = fromMarkdown(body, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const diagrams: Diagram[] = [];
  const headings: TextSpan[] = [];
  const tableText: TextSpan[] = [];
  const links: Entry['links'] = [];

  visit(tree, (node) => {
    const start = node.position?.start;
    if (!start) return;
    if (node.type === 'code' && node.lang === 'mermaid') {
      diagrams.push({ index: diagrams.length, source: node.value, line: offset + start.line + 1 });
    } else if (node.type === 'heading' && node.depth === 2) {
      const text = node.children.map((c) => ('value' in c ? c.value : '')).join('').trim();
      headings.push({ text, line: offset + start.line, col: start.column });
    } else if (node.type === 'link' || node.type === 'definition') {
      links.push({ url: node.url, line: offset + start.line, col: start.column });
    } else if (node.type === 'table') {
      // Cell text here; the walk goes on into the cells, so a link in a table is collected above.
      visit(node, (cell) => {
        if ((cell.type === 'text' || cell.type === 'inlineCode') && cell.position) {
          tableText.push({ text: cell.value, line: offset + cell.position.start.line, col: cell.position.start.column });
        }
      });
    }
  });
  return { diagrams, headings, tableText, links, tree };
}

// Lines a reader never sees: styling, links, comments, accessibility text and directives.
const HIDDEN_LINE = /^\s*(?:%%|(?:classDef|class|style|linkStyle|click|accTitle|accDescr|dateFormat|axisFormat|tickInterval|excludes|includes|todayMarker|weekday|init|autonumber|rect|direction)\b)/;
// Parts of a visible line a reader never sees: a node id before its shape
// (`A1[`, `--> 42(`), a class shorthand (`:::edge`), a colour (`rgb(0, 0, 255)`).
const HIDDEN_PART = /(?<=^\s*|(?:-->|---|==>|-\.->|--[ox]|~~~|&)(?:\|[^|]*\|)?\s*|subgraph\s+)[\w-]+(?=[[({>])|:::[\w-]+|\b(?:rgba?|hsla?)\([^)]*\)/g;

/** The text of a diagram a reader sees, line by line: hidden parts are blanked so columns stay true. */
export function diagramTextLines(diagram: Diagram): TextSpan[] {
  const lines = diagram.source.split('\n');
  // A Mermaid frontmatter block (`---` ... `---`) is configuration.
  const configEnd = lines[0]?.trim() === '---' ? lines.indexOf('---', 1) + 1 : 0;
  return lines.flatMap((text, i) =>
    i < configEnd || HIDDEN_LINE.test(text)
      ? []
      : [{ text: text.replace(HIDDEN_PART, (part) => ' '.repeat(part.length)), line: diagram.line + i, col: 1 }],
  );
}

export interface DiagramClick {
  /** The node id the click line names. */
  node: string;
  /** The link target, or undefined when the line names a callback instead. */
  target?: string;
  /** What follows the node id, as written. */
  rest: string;
  line: number;
  /** Column of what follows the node id. */
  col: number;
}

/** Mermaid `click` lines: `click ID "url"`, `click ID href "url"`, or a callback. */
export function diagramClicks(diagram: Diagram): DiagramClick[] {
  return diagram.source.split('\n').flatMap((text, i) => {
    const click = /^(\s*click\s+(\S+)\s+)(.*)$/.exec(text);
    if (!click) return [];
    const target = /^(?:href\s+)?["']([^"']*)["']/.exec(click[3]!)?.[1];
    return [{ node: click[2]!, target, rest: click[3]!, line: diagram.line + i, col: click[1]!.length + 1 }];
  });
}
