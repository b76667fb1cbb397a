// The palette's text colours meet WCAG AA (4.5:1) on their fills.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { loadProject } from '../src/model/project.ts';
import { repoRoot } from './helpers.ts';

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

test('contrast is computed as WCAG defines it', () => {
  assert.equal(contrast('#000000', '#FFFFFF').toFixed(1), '21.0');
  assert.ok(contrast('#FFFFFF', '#F59E0B') < 4.5, 'white on amber fails, as the issue says');
});

test('every plane has the spec fill and AA-contrast text', () => {
  const { palette } = loadProject(path.join(repoRoot));
  assert.deepEqual(palette.planes.map((p) => [p.class, p.fill]), [
    ['edge', '#3B82F6'],
    ['service', '#10B981'],
    ['state', '#F59E0B'],
    ['control', '#8B5CF6'],
  ]);
  for (const plane of palette.planes) assert.ok(contrast(plane.text, plane.fill) >= 4.5, `${plane.class}: ${contrast(plane.text, plane.fill).toFixed(2)}`);
});
