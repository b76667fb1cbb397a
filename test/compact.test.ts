import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compactSvg } from '../src/diagrams/compact.ts';

test("coordinates are rounded, edge point copies dropped, text left alone", () => {
  const svg = '<svg viewBox="4 4 352 99.14869689941406"><path data-points="W3sieCI6MX1d" d="M1.23456,2"/><g transform="translate(88, 53.57434844970703)"><text x="1.5">pi is 3.14159265</text></g></svg>';
  assert.equal(compactSvg(svg), '<svg viewBox="4 4 352 99.14"><path d="M1.23,2"/><g transform="translate(88, 53.57)"><text x="1.5">pi is 3.14159265</text></g></svg>');
});
