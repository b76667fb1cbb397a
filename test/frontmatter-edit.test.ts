// Surgical frontmatter edits, in process: only the value's bytes change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bumpMinor, contentHash, setField } from '../src/model/frontmatter-edit.ts';

const entry = '---\nid: X\nversion: "1.9"\nstatus: draft # keep me\ntags: [a, b]\n---\n\nBody text.\n';

test('setField changes only the value of an existing field', () => {
  assert.equal(setField(entry, 'status', 'up_to_date'), entry.replace('status: draft', 'status: up_to_date'));
  assert.equal(setField(entry, 'version', '1.10'), entry.replace('version: "1.9"', 'version: "1.10"'), 'a version stays a quoted string');
  assert.equal(setField(entry, 'last_reviewed', '2026-11-23'), entry.replace('tags: [a, b]\n', 'tags: [a, b]\nlast_reviewed: 2026-11-23\n'), 'a missing field is appended');
  assert.equal(setField(entry, 'status', 'two words'), entry.replace('status: draft', 'status: "two words"'), 'a value that needs quotes gets them');
  const crlf = entry.replace(/\n/g, '\r\n');
  assert.equal(setField(crlf, 'content_hash', 'abc'), crlf.replace('tags: [a, b]\r\n', 'tags: [a, b]\r\ncontent_hash: abc\r\n'), 'CRLF files stay CRLF');
});

test('setField refuses a file without a frontmatter mapping', () => {
  assert.throws(() => setField('no frontmatter\n', 'status', 'draft'), /no YAML frontmatter/);
  assert.throws(() => setField('---\n- a list\n---\n', 'status', 'draft'), /not a mapping/);
  assert.throws(() => setField(`Intro\n${entry}`, 'status', 'up_to_date'), /no YAML frontmatter/, 'frontmatter starts the file');
  assert.equal(setField('---\nstatus: draft\n---', 'status', 'outdated'), '---\nstatus: outdated\n---', 'a file may end at the closing ---');
});

test('the content hash ignores review fields and sees everything else', () => {
  const hash = contentHash(entry);
  assert.match(hash, /^[0-9a-f]{64}$/);
  assert.equal(contentHash(setField(setField(entry, 'status', 'up_to_date'), 'version', '2.0')), hash, 'review fields do not count');
  assert.equal(contentHash(setField(entry, 'last_reviewed', '2026-01-01')), hash);
  assert.equal(contentHash(setField(entry, 'content_hash', 'f'.repeat(64))), hash, 'nor does the hash itself');
  assert.notEqual(contentHash(entry.replace('Body text.', 'Body text!')), hash, 'the body counts');
  assert.notEqual(contentHash(entry.replace('tags: [a, b]', 'tags: [a]')), hash, 'other fields count');
});

test('bumpMinor increments the minor version', () => {
  assert.equal(bumpMinor('1.0'), '1.1');
  assert.equal(bumpMinor('1.9'), '1.10');
  assert.equal(bumpMinor('2'), '2.1');
});
