// Surgical edits of frontmatter fields: only the value's bytes change, every other
// byte of the file stays as it was. Written atomically.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { isMap, isScalar, parseDocument } from 'yaml';

const FRONTMATTER = /^(---\r?\n)([\s\S]*?\r?\n)(---[ \t]*(?:\r?\n|$))/;

/** Review metadata: changing it is not a change of content. */
const REVIEW_FIELDS = ['version', 'status', 'last_reviewed', 'content_hash'];

function split(raw: string) {
  const m = FRONTMATTER.exec(raw);
  if (!m) throw new Error('no YAML frontmatter');
  return { open: m[1]!, yaml: m[2]!, close: m[3]!, body: raw.slice(m[0].length) };
}

export function setField(raw: string, key: string, value: string): string {
  const { open, yaml, close, body } = split(raw);
  const doc = parseDocument(yaml);
  if (!isMap(doc.contents)) throw new Error('frontmatter is not a mapping');
  const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === key);
  const text = /^[\w.-]+$/.test(value) && !/^\d+\.\d+$/.test(value) ? value : JSON.stringify(value);
  let updated: string;
  if (pair && isScalar(pair.value) && pair.value.range) {
    const [start, end] = pair.value.range;
    updated = yaml.slice(0, start) + text + yaml.slice(end);
  } else {
    const newline = yaml.includes('\r\n') ? '\r\n' : '\n';
    updated = `${yaml}${key}: ${text}${newline}`;
  }
  return open + updated + close + body;
}

export function contentHash(raw: string): string {
  const { yaml, body } = split(raw);
  const doc = parseDocument(yaml);
  for (const key of REVIEW_FIELDS) doc.delete(key);
  return createHash('sha256').update(doc.toString()).update('\0').update(body).digest('hex');
}

export function bumpMinor(version: string): string {
  const [major, minor] = version.split('.').map(Number);
  return `${major}.${(minor ?? 0) + 1}`;
}

/** Writes a temporary file beside `file`, then renames it into place: readers see the old
 * file or the new one, never a part; a failed write leaves the old file and no temporary. */
export function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new Error(`cannot write ${file}: ${(error as Error).message}`);
  }
}
