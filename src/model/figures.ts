// The figure extractor: finds every figure a reader would take as a claim about the
// world (a number with a unit, money, a percentage, a duration, a clock time, a date,
// a count, a multiplier) in a line of diagram or table text. Version numbers, node ids,
// region names and bare numbers are not figures. Pinned by test/figures.test.ts.

const NUM = String.raw`\d+(?:,\d{3})*(?:\.\d+)?`;
const MAGNITUDE = String.raw`(?:\s?(?:thousand|million|billion|trillion)\b|[KMBT]\b)`;

const TIME_UNIT = String.raw`(?:ns|µs|μs|us|ms|milliseconds?|microseconds?|nanoseconds?|secs?|seconds?|mins?|minutes?|hrs?|hours?|days?|weeks?|months?|years?)`;
const TIME_LETTER = String.raw`[smhd]`; // only when attached: 5s, 24h, 11m, 7d
const DATA_UNIT = String.raw`(?:[KMGTPE]i?B|[KMGTP]b|bytes?|bits?|[KMGT]?bps|[KMGT]?B/s|[KMGT]?Hz|vCPUs?|CPUs?|cores?|GPUs?)`;
const RATE_UNIT = String.raw`(?:rps|qps|tps|RPS|QPS|TPS|ops/s|ops/sec|req/s|req/sec|requests/s|requests/sec|writes/s|reads/s|msg/s|messages/s|events/s|/s|/sec)`;
const COUNTED = String.raw`(?:servers?|nodes?|machines?|hosts?|instances?|users?|customers?|requests?|messages?|events?|connections?|shards?|partitions?|replicas?|clusters?|regions?|zones?|data ?cent(?:er|re)s?|racks?|sites?|PoPs?|guilds?|members?|employees?|engineers?|services?|microservices?|routers?|cities|countries|files?|objects?|keys?|writes?|reads?|queries|calls?|tickets?|lines?|retries|attempts?|threads?|processes|pods?|containers?|tables?|rows?|databases?|brokers?|topics?|disks?|drives?|volumes?|accounts?|sessions?|streams?|channels?|sockets?|items?|records?|transactions?|orders?|deploys?|deployments?|commits?|rules?|devices?|subscribers?|tenants?|workers?|peers?|links?|prefixes|routes?|apps?|websites?|domains?|organi[sz]ations?|companies|people|nodes?)`;
const MONTH = String.raw`(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)`;
const ZONE = String.raw`(?:UTC|GMT|Z|PST|PDT|PT|EST|EDT|ET|CST|CDT|CET|CEST|BST|IST|JST|AEST|AEDT)`;

const amount = `${NUM}${MAGNITUDE}?`;
const range = (unit: string, sep = String.raw`\s?(?:-|–|—|to)\s?`) =>
  String.raw`${NUM}(?:${sep}${NUM})?\s?${unit}`;

/** Alternatives, longest and most specific first. */
const PATTERNS: string[] = [
  // Money: $1.2M, $605K/mo, $0.023/GB, €3 million, $10-20K
  String.raw`[$€£¥]\s?${amount}(?:\s?(?:-|–|to)\s?[$€£¥]?${amount})?(?:\s?(?:/|per\s)\s?[A-Za-z-]+)?`,
  // Dates: 2018-10-21, October 21, 2018, Oct 21, 21 October 2018, October 2018
  String.raw`\d{4}-\d{2}-\d{2}`,
  String.raw`${MONTH}\.?\s\d{1,2}(?:st|nd|rd|th)?(?:,?\s\d{4})?(?!\d)`,
  String.raw`\d{1,2}(?:st|nd|rd|th)?\s${MONTH}(?:,?\s\d{4})?`,
  String.raw`${MONTH}\s\d{4}`,
  // Clock times: 22:52, 22:52:30 UTC, 10:37 AM PDT
  String.raw`\d{1,2}:\d{2}(?::\d{2})?(?:\s?(?:AM|PM|am|pm|a\.m\.|p\.m\.))?(?:\s${ZONE}\b)?`,
  // Compound durations: 24h 11m, 4 hours 22 minutes, 1h30m
  String.raw`${NUM}\s?(?:${TIME_UNIT}|${TIME_LETTER})(?:,?\s?(?:and\s)?${NUM}\s?(?:${TIME_UNIT}|${TIME_LETTER}))+(?![\w])`,
  // Percentages: 99.99%, 50-60%, 5 percent
  range(String.raw`(?:%|percent\b)`),
  // Units: 47ms, 10-20 ms, 3 TB, 10 Gbps, 500K req/s, 2 vCPUs
  String.raw`${NUM}(?:\s?(?:-|–|—|to)\s?${NUM})?${MAGNITUDE}?\s?(?:${TIME_UNIT}|${DATA_UNIT}|${RATE_UNIT})(?![\w])`,
  String.raw`${NUM}(?:-|–)?${NUM}?${TIME_LETTER}(?![\w])`,
  // Counts: 100K, 2M users, 5,000,000 concurrent users, 5 servers, 2.5 million
  String.raw`${NUM}(?:\s?(?:-|–|to)\s?${NUM})?\s?(?:thousand|million|billion|trillion)\b(?:\s${COUNTED}\b)?`,
  String.raw`${NUM}[KMBT]\+?(?![\w])`,
  String.raw`${NUM}(?:\s?(?:-|–|to)\s?${NUM})?\+?\s(?:[a-z-]+\s)?${COUNTED}\b`,
  String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?`,
  // Multipliers: 10x, 2.5x
  String.raw`${NUM}\s?[x×](?![\w])`,
  // Years standing alone: 2017
  String.raw`(?:19|20)\d{2}(?![\w.:-]|,\d)`,
];

// A figure never starts inside a word, an id or a version number (S3, v3.5, r5.24xlarge).
const FIGURE = new RegExp(String.raw`(?<![\w.\/#&:-])(?:${PATTERNS.join('|')})`, 'g');

export interface FoundFigure {
  text: string;
  /** 0-based index in the scanned string. */
  index: number;
}

export function extractFigures(text: string): FoundFigure[] {
  const found: FoundFigure[] = [];
  for (const match of text.matchAll(FIGURE)) {
    const value = match[0].trimEnd();
    if (value) found.push({ text: value, index: match.index });
  }
  return found;
}

/** The comparison key: case, spaces, dash style and thousands separators ignored. */
export function normalizeFigure(text: string): string {
  return text
    .toLowerCase()
    .replace(/[–—‑]/g, '-')
    .replace(/×/g, 'x')
    .replace(/(\d),(?=\d{3})/g, '$1')
    .replace(/\s+/g, '');
}
