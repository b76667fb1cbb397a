import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractFigures, normalizeFigure } from '../src/model/figures.ts';

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
  ['43-second partition', []],
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
  // Not figures: versions, ids, regions, protocol names, sizes of instances, status codes.
  ['Cassandra 3.11 on r5.24xlarge', []],
  ['us-east-1 and eu-west-2', []],
  ['HTTP/2 over TLS 1.3, IPv6', []],
  ['S3 GET requests fail with HTTP 503', []],
  ['Node 2 becomes leader', []],
  ['Step 1: drain', []],
  ['p99 latency', []],
  ['<br/>', []],
  ['A1 --> B2', []],
  ['Layer 7 load balancer', []],
  ['5xx errors', []],
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
