// Architecture views speak one visual language: the 4-plane palette, on every node.
import { finding, type Finding } from '../model/finding.ts';
import type { Palette } from '../model/schema.ts';
import { kindKey, type Check } from './context.ts';

export function classDefLine(plane: Palette['planes'][number]): string {
  return `classDef ${plane.class} fill:${plane.fill},stroke:${plane.stroke},color:${plane.text}`;
}

export const paletteCheck: Check = {
  id: 'palette',
  description: 'architecture kinds colour every flowchart node with the 4-plane palette, its classDefs exactly as content/palette.yaml defines them',
  run(entry, ctx) {
    if (!ctx.project.taxonomy.palette_kinds.includes(kindKey(entry))) return [];
    const planes = ctx.project.palette.planes;
    const classes = new Set(planes.map((p) => p.class));
    const out: Finding[] = [];
    const flowcharts = entry.diagrams.filter((d) => /^\s*(flowchart|graph)\b/m.test(d.source.split('\n').find((l) => l.trim() && !l.trim().startsWith('%%')) ?? ''));
    if (flowcharts.length === 0) {
      return [finding(entry.file, entry.diagrams[0]?.line ?? entry.frontmatterEnd + 1, 1, 'palette', 'an architecture kind needs a flowchart coloured with the 4-plane palette', { fix: 'draw the primary diagram as a flowchart and class its nodes edge, service, state or control' })];
    }
    for (const diagram of flowcharts) {
      const lines = diagram.source.split('\n');
      for (const plane of planes) {
        const i = lines.findIndex((l) => new RegExp(`^\\s*classDef\\s+${plane.class}\\b`).test(l));
        if (i >= 0 && lines[i]!.trim().replace(/;$/, '') !== classDefLine(plane)) {
          out.push(finding(entry.file, diagram.line + i, 1, 'palette', `classDef ${plane.class} differs from the palette`, { fix: `use exactly: ${classDefLine(plane)}` }));
        }
        if (i < 0 && lines.some((l) => new RegExp(`(:::${plane.class}\\b|^\\s*class\\s+\\S+\\s+${plane.class}\\b)`).test(l))) {
          out.push(finding(entry.file, diagram.line, 1, 'palette', `class "${plane.class}" is used but its classDef is missing`, { fix: `add: ${classDefLine(plane)}` }));
        }
      }
      const rendered = ctx.rendered(entry, diagram.index);
      if (!rendered?.ok) continue;
      const uncoloured = [...rendered.svg.matchAll(/<g class="node ([^"]*)" id="[^"]*-flowchart-(.+?)-\d+"/g)]
        .filter((m) => !m[1]!.split(/\s+/).some((c) => classes.has(c)))
        .map((m) => m[2]!);
      if (uncoloured.length) {
        out.push(finding(entry.file, diagram.line, 1, 'palette', `nodes without a plane: ${[...new Set(uncoloured)].join(', ')}`, { fix: 'class each node as edge, service, state or control' }));
      }
    }
    return out;
  },
};
