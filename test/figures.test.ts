import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagramTextLines } from '../src/model/entry.ts';
import { extractFigures, normalizeFigure, showsWholeFigure } from '../src/model/figures.ts';

// [text, the figures a reader would take as claims]
const cases: [string, string[]][] = [
  ['p99: 47ms', ['47ms']],
  ['p50: 12ms, p99: 47ms, p99.9: 183ms', ['12ms', '47ms', '183ms']],
  ['degraded for 24h 11m', ['24h 11m']],
  ['4 hours 22 minutes total', ['4 hours 22 minutes']],
  ['Cost: $1.2M', ['$1.2M']],
  ['$605K/mo', ['$605K/mo']],
  ['S3 standard $0.023/GB', ['$0.023/GB']],
  ['22:52 UTC: partition', ['22:52 UTC']],
  ['10:37 AM PDT', ['10:37 AM PDT']],
  ['at 22:52:30', ['22:52:30']],
  ['43-second partition', ['43-second']],
  ['lasted 43 seconds', ['43 seconds']],
  ['range 10-20ms', ['10-20ms']],
  ['range 10–20 ms', ['10–20 ms']],
  ['100K partitions and 2M users', ['100K', '2M']],
  ['7TB/day', ['7TB']],
  ['10 Gbps links', ['10 Gbps']],
  ['99.99% availability', ['99.99%']],
  ['50-60% CPU', ['50-60%']],
  ['5 servers', ['5 servers']],
  ['3 replicas', ['3 replicas']],
  ['177 data centers', ['177 data centers']],
  ['5,000,000 concurrent users', ['5,000,000 concurrent users']],
  ['2.5 million concurrent voice users', ['2.5 million']],
  ['10x more reads', ['10x']],
  ['2018-10-21', ['2018-10-21']],
  ['October 21, 2018', ['October 21, 2018']],
  ['21 October 2018', ['21 October 2018']],
  ['moved in 2017', ['2017']],
  ['March 2020', ['March 2020']],
  ['1,000 writes per second', ['1,000 writes']],
  ['500K QPS', ['500K QPS']],
  // Bare numbers, unknown units, numbers before and after their noun, parentheses, quotes.
  ['queue depth 5000', ['5000']],
  ['3 AZs', ['3']],
  ['40 msgs/s', ['40']],
  ['12 foo', ['12']],
  ['replicas: 3', ['3']],
  ['3 replicas: 3', ['3 replicas', '3']],
  ['queue (5000)', ['5000']],
  ['limit "5000" and \'42\'', ['5000', '42']],
  ['Node 2 becomes leader', ['2']],
  ['Layer 7 load balancer', ['7']],
  ['Node 20 runtime', ['20']],
  ['retry 1/3', ['1', '3']],
  ['between 10 to 20', ['10 to 20']],
  ['40Gbit uplink', ['40Gbit']],
  ['reads 512 KiB/s', ['512 KiB/s']],
  ['from 9AM', ['9AM']],
  ['at 6 a.m. PT.', ['6 a.m. PT']],
  ['by 11 PM.', ['11 PM']],
  ['500 errors', ['500']],
  // Names, not figures: identifiers that mix letters and digits.
  ['S3 and EC2', []],
  ['37signals and 1Password', []],
  ['10seconds, 5servers', ['10seconds', '5']],
  ['us-east-1 and eu-west-2', []],
  ['IPv4, IPv6', []],
  ['HTTP/2 over TLS 1.3', []],
  ['Cassandra 3.11 on r5.24xlarge', []],
  ['p99 latency', []],
  ['p99.9 under load', []],
  ['INC-123 opened', []],
  ['v2 and v1.4 clients', []],
  ['A1 --> B2', []],
  // HTTP status codes and classes.
  ['S3 GET requests fail with HTTP 503', []],
  ['status 500 returned', []],
  ['HTTP 500/503 spike', []],
  ['5xx errors', []],
  // Versions after a capitalised product word, or with two dots.
  ['PostgreSQL 9.6, MySQL 8.0', []],
  ['Kafka 2.x brokers', []],
  ['Node.js 20.x', []],
  ['release 1.2.3', []],
  ['CIDR 10.0.0.0/8', []],
  ['prefix 2606:4700::/32', []],
  ['resolver 2606:4700:4700::1111 and fe80::1', []],
  ['route 2001:db8:0:0:0:0:0:1/128', []],
  ['at 22:52:30 UTC', ['22:52:30 UTC']],
  ['2606:4700::/32 for 62 minutes', ['62 minutes']],
  ['Latency 1.5 ms', ['1.5 ms']],
  ['Users 2.5 million', ['2.5 million']],
  // Step numbers and footnote markers.
  ['Step 1: drain', []],
  ['then does steps 4 and 5', []],
  ['steps 2, 3 and 4', []],
  ['Theory 1: failing hardware', []],
  ['A["Phase 2: drain"]', []],
  ['cause: Theory 2: load', []],
  ['the Theory 2: load', ['2']],
  ['A["Around 18:00 UTC: import"]', ['18:00 UTC']],
  ['From 2:25 AM PDT', ['2:25 AM PDT']],
  ['1. drain the node', []],
  ['2) restart', []],
  ['A["1. drain"] --> B["2) restart"]', []],
  ['A->>B: 3. retry', []],
  ['lost writes[1]', []],
  ['lost writes^2', []],
  ['issue #123, colour #3B82F6', []],
  ['<br/>', []],
];

for (const [text, expected] of cases) {
  test(`figures in "${text}"`, () => {
    assert.deepEqual(extractFigures(text).map((f) => f.text), expected);
  });
}

test('figures carry their column', () => {
  assert.deepEqual(extractFigures('p99: 47ms'), [{ text: '47ms', index: 5 }]);
});

test('normalisation ignores case, spaces, dashes and thousands separators', () => {
  assert.equal(normalizeFigure('10–20 ms'), normalizeFigure('10-20ms'));
  assert.equal(normalizeFigure('24h 11m'), normalizeFigure('24H11M'));
  assert.equal(normalizeFigure('1,000 writes'), normalizeFigure('1000 writes'));
  assert.notEqual(normalizeFigure('47ms'), normalizeFigure('48ms'));
});

test('only diagram text a reader sees is scanned: ids, styling, colours and directives are not', () => {
  const source = [
    '---',
    'config:',
    '  fontSize: 16',
    '---',
    'flowchart LR',
    '%%{init: {"themeVariables": {"fontSize": "18px"}}}%%',
    '%% note: 5 replicas in the old design',
    '    1[5000] --> 22("queue (250)") & 33{12 foo}',
    '    N1:::3col -->|"HTTP 503"| 44>"writes[1] 7"]',
    '    subgraph 55[Zone 9]',
    '    end',
    '    classDef tier2 fill:#3B82F6,stroke-width:4px',
    '    style N1 stroke-width:3px',
    '    linkStyle 3 stroke:#F59E0B',
    '    click N1 "https://example.com/2" "tooltip 8"',
  ].join('\n');
  const shown = diagramTextLines({ index: 0, source, line: 10 }).flatMap((span) =>
    extractFigures(span.text).map((f) => `${span.line}:${span.col + f.index}:${f.text}`),
  );
  assert.deepEqual(shown, ['17:7:5000', '17:28:250', '17:40:12', '18:45:7', '19:22:9']);
});

test('sequence numbering and colours in sequence diagrams are not figures', () => {
  const source = ['sequenceDiagram', '    autonumber 10 10', '    rect rgb(200, 150, 255)', '    box rgb(1, 2, 3) Group 4', '    A->>B: 1. retry 3 times', '    end'].join('\n');
  const shown = diagramTextLines({ index: 0, source, line: 1 }).flatMap((span) => extractFigures(span.text).map((f) => f.text));
  assert.deepEqual(shown, ['4', '3']);
});

test('a figure is shown whole, never as part of a longer number or clock time', () => {
  // [text, figure]
  const shown = [
    ['F1 production: 21.5B reads', '21.5B'],
    ['two lost: 266 chunks', '266 chunks'],
    ['reverted at 21:48 UTC', '21:48 UTC'],
    ['a /48 prefix', '48'],
    ['took 10ms', '10 ms'],
    ['took 10 ms', '10ms'],
    ['1,000 nodes', '1000 nodes'],
  ];
  const inside = [
    ['reverted at 21:48 UTC', '48'],
    ['reverted at 21:48 UTC', '21'],
    ['15 servers', '5 servers'],
    ['version 2.5.1', '2.5'],
  ];
  for (const [text, figure] of shown) assert.ok(showsWholeFigure(text!, figure!), `"${figure}" is shown in "${text}"`);
  for (const [text, figure] of inside) assert.ok(!showsWholeFigure(text!, figure!), `"${figure}" is only inside a longer figure in "${text}"`);
});

