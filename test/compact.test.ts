import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compactSvg } from '../src/diagrams/compact.ts';

test("coordinates are rounded, edge point copies dropped, text left alone", () => {
  const svg = '<svg viewBox="4 4 352 99.14869689941406"><path data-points="W3sieCI6MX1d" d="M1.23456,2"/><g transform="translate(88, 53.57434844970703)"><text x="1.5">pi is 3.14159265</text></g></svg>';
  assert.equal(compactSvg(svg), '<svg viewBox="4 4 352 99.14"><path d="M1.23,2"/><g transform="translate(88, 53.57)"><text x="1.5">pi is 3.14159265</text></g></svg>');
});

test("Mermaid's runtime data attributes go unless the stylesheet selects by them; class names are kept once each", () => {
  const svg =
    '<svg id="m"><style>#m [data-look="neo"].node rect{stroke:red}</style>' +
    '<path class="edge-thickness-normal edge-pattern-solid edge-thickness-normal  flowchart-link" data-edge="true" data-et="edge" data-id="L_A_B_0" data-look="neo"/>' +
    '<g class=" node default  node " data-look="neo" data-node="true"><rect class="basic"/></g></svg>';
  assert.equal(
    compactSvg(svg),
    '<svg id="m"><style>#m [data-look="neo"].node rect{stroke:red}</style>' +
      '<path class="edge-thickness-normal edge-pattern-solid flowchart-link" data-look="neo"/>' +
      '<g class="node default" data-look="neo"><rect class="basic"/></g></svg>',
  );
});

test('label text that reads like an attribute is left as written', () => {
  const svg = '<svg><text class="a a" x="1.23456"> data-id="x" class="b b" y="3.14159"</text></svg>';
  assert.equal(compactSvg(svg), '<svg><text class="a" x="1.23"> data-id="x" class="b b" y="3.14159"</text></svg>');
});
