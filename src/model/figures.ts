// The figure extractor. Any number in a diagram label or a table cell is a figure (a
// claim a reader would take about the world) unless this grammar says it is part of a
// name. Pinned by test/figures.test.ts; CONTRIBUTING.md ("What counts as a figure")
// says the same for authors.
//
// Names (never figures):
//   - identifiers: a token that starts with a letter and contains a digit
//     (S3, EC2, us-east-1, IPv4, HTTP/2, r5.24xlarge, p99, v1.2, INC-123, A1)
//   - HTTP status codes after "HTTP" or "status" (HTTP 503, status 500, HTTP 500/503)
//     and status classes (5xx)
//   - versions: a dotted number after a capitalised word (PostgreSQL 9.6, TLS 1.3,
//     Kafka 2.x), and any number with two or more dots (1.2.3, 10.0.0.0/8)
//   - IPv6 addresses and prefixes (2606:4700::/32, fe80::1)
//   - step numbers: "Step 2", "steps 4 and 5", and "1.", "1)" or a capitalised word
//     with its number and a colon ("Theory 2:", "Phase 1:") opening a label or cell
//   - footnote markers attached to their text (writes[1], ^1) and references after # (#123, #3B82F6)
//   - digits glued to a word of five or more letters that is no unit (37signals, 1Password)
// Figures: everything else, as one figure where a unit, magnitude, range or date
// follows (10-20 ms, 2.5 million, $1.2M, 24h 11m, 22:52 UTC, 9AM, October 21, 2018, 5 servers,
// 10x), otherwise the number itself (queue depth 5000, 3 AZs, replicas: 3, (5000), "5000").
// One regex pass per line: names and figures are alternatives of one expression, so a
// name consumes its digits before any figure can start inside it.

const NUM = String.raw`\d+(?:,\d{3})*(?:\.\d+)?`;
const MAGNITUDE = String.raw`(?:\s?(?:thousand|million|billion|trillion)\b|[KMBT]\b)`;
const TO = String.raw`\s?(?:-|–|—|to)\s?`;
const MAGNITUDE_FIRST = new RegExp(`^${MAGNITUDE}`, 'i');

/** Whether `text` begins with a magnitude (million, K, ...): "$2" and "$2 million" are different figures. */
export function startsWithMagnitude(text: string): boolean {
  return MAGNITUDE_FIRST.test(text);
}

const TIME_UNIT = String.raw`(?:ns|µs|μs|us|ms|milliseconds?|microseconds?|nanoseconds?|secs?|seconds?|mins?|minutes?|hrs?|hours?|days?|weeks?|months?|years?)`;
const TIME_LETTER = String.raw`[smhd]`; // only when attached: 5s, 24h, 11m, 7d
const DATA_UNIT = String.raw`(?:[KMGTPE]i?B(?:/s)?|[KMGT]bit(?:s|/s)?|[KMGTP]b|bytes?|bits?|[KMGT]?bps|B/s|[KMGT]?Hz|vCPUs?|CPUs?|cores?|GPUs?)`;
const RATE_UNIT = String.raw`(?:rps|qps|tps|RPS|QPS|TPS|ops/s|ops/sec|req/s|req/sec|requests/s|requests/sec|writes/s|reads/s|msg/s|messages/s|events/s|/s|/sec)`;
const COUNTED = String.raw`(?:servers?|nodes?|machines?|hosts?|instances?|users?|customers?|requests?|messages?|events?|connections?|shards?|partitions?|replicas?|clusters?|regions?|zones?|data ?cent(?:er|re)s?|racks?|sites?|PoPs?|guilds?|members?|employees?|engineers?|services?|microservices?|routers?|cities|countries|files?|objects?|keys?|writes?|reads?|queries|calls?|tickets?|lines?|retries|attempts?|threads?|processes|pods?|containers?|tables?|rows?|databases?|brokers?|topics?|disks?|drives?|volumes?|accounts?|sessions?|streams?|channels?|sockets?|items?|records?|transactions?|orders?|deploys?|deployments?|commits?|rules?|devices?|subscribers?|tenants?|workers?|peers?|links?|prefixes|routes?|apps?|websites?|domains?|organi[sz]ations?|companies|people)`;
const MONTH = String.raw`(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)`;
const MERIDIEM = String.raw`(?:(?:AM|PM|am|pm)(?!\w)|a\.m\.|p\.m\.)`;
const ZONE = String.raw`(?:UTC|GMT|Z|PST|PDT|PT|EST|EDT|ET|CST|CDT|CET|CEST|BST|IST|JST|AEST|AEDT)`;

const amount = `${NUM}${MAGNITUDE}?`;
const range = (unit: string) => String.raw`${NUM}(?:${TO}${NUM})?\s?${unit}`;

/** Dates come first: a month name would otherwise read as a plain word. */
const DATES: string[] = [
  // 2018-10-21, October 21, 2018, Oct 21, 21 October 2018, October 2018
  String.raw`\d{4}-\d{2}-\d{2}`,
  String.raw`${MONTH}\.?\s\d{1,2}(?:st|nd|rd|th)?(?:,?\s\d{4})?(?!\d)`,
  String.raw`\d{1,2}(?:st|nd|rd|th)?\s${MONTH}(?:,?\s\d{4})?`,
  String.raw`${MONTH}\s\d{4}`,
];

// Where a label or cell starts: the line, a quote or shape opener, an edge label, a
// sequence message (after its colon) or a line break.
const LABEL_START = String.raw`(?:^|["'\[(|{>:]|<br\s*\/?>)\s*`;

/** Names: numbers that are part of what something is called. */
const NAMES: string[] = [
  // HTTP 503, status 500, HTTP 500/503, status codes 500 and 503
  String.raw`(?:HTTP|[Ss]tatus(?:\s[Cc]odes?)?)\s[1-5]\d{2}(?:\s?(?:/|,|or|and)\s?[1-5]\d{2})*(?!\w)`,
  String.raw`[1-5]xx\b`,
  // Step 2, steps 4 and 5; opening a label or cell: "1.", "1)", "Theory 2:"
  String.raw`[Ss]teps?\s\d+(?:(?:,\s?|\s(?:and|or|to)\s|[-–])\d+)*`,
  String.raw`(?<=${LABEL_START})(?:\d{1,2}[.)](?=\s)|[A-Z][a-z]+\s\d{1,2}(?=:(?!\d)))`,
  // [1], ^1, attached to the text they annotate (a Mermaid node `A[42]` is a label)
  String.raw`(?<=[\w.,;:!?)"'’]\[)\d{1,3}(?=\])|(?<=\^)\d+`,
  // IPv6: 2606:4700::/32, fe80::1, 2001:db8:0:0:0:0:0:1 (with "::" or at least three
  // colons, so a clock time such as 22:52:30 is never one)
  String.raw`(?<![\w:])(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4})*)?::(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4})*)?(?:\/\d{1,3})?|(?<![\w:])[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){3,7}(?:\/\d{1,3})?`,
  // S3, us-east-1, HTTP/2, r5.24xlarge, p99.9, INC-123: starts with a letter, holds a digit
  String.raw`(?=[A-Za-z][\w./-]*?\d)[A-Za-z]\w*(?:[-/.]\w+)*`,
  // 1.2.3, 10.0.0.0/8
  String.raw`\d+(?:\.\d+){2,}(?:\/\d+)?`,
  // 37signals, 1Password: digits glued to a word of five or more letters that is no unit
  String.raw`\d+(?!(?:${TIME_UNIT}|${DATA_UNIT}|${RATE_UNIT}|${COUNTED}|thousand|million|billion|trillion)(?![A-Za-z]))[A-Za-z]{5,}\w*`,
];

// PostgreSQL 9.6, TLS 1.3, Kafka 2.x: after the units, so "Latency 1.5 ms" stays a figure.
const VERSION = String.raw`(?<=\b[A-Z][\w+#.]*\s)\d+\.(?:\d+|x)\b(?!${MAGNITUDE}|%)`;

const UNITS: string[] = [
  // Money: $1.2M, $605K/mo, $0.023/GB, €3 million, $10-20K
  String.raw`[$€£¥]\s?${amount}(?:\s?(?:-|–|to)\s?[$€£¥]?${amount})?(?:\s?(?:/|per\s)\s?[A-Za-z-]+)?`,
  // Clock times: 22:52, 22:52:30 UTC, 10:37 AM PDT, 9AM, 6 a.m. PT
  String.raw`\d{1,2}:\d{2}(?::\d{2})?(?:\s?${MERIDIEM})?(?:\s${ZONE}\b)?`,
  String.raw`\d{1,2}\s?${MERIDIEM}(?:\s${ZONE}\b)?`,
  // Compound durations: 24h 11m, 4 hours 22 minutes, 1h30m
  String.raw`${NUM}\s?(?:${TIME_UNIT}|${TIME_LETTER})(?:,?\s?(?:and\s)?${NUM}\s?(?:${TIME_UNIT}|${TIME_LETTER}))+(?!\w)`,
  // Percentages: 99.99%, 50-60%, 5 percent
  range(String.raw`(?:%|percent\b)`),
  // Units: 47ms, 10-20 ms, 3 TB, 10 Gbps, 500K req/s, 2 vCPUs, 43-second
  String.raw`${NUM}(?:${TO}${NUM})?${MAGNITUDE}?[\s-]?(?:${TIME_UNIT}|${DATA_UNIT}|${RATE_UNIT})(?!\w)`,
  String.raw`${NUM}(?:-|–)?${NUM}?${TIME_LETTER}(?!\w)`,
];

const COUNTS: string[] = [
  // 2.5 million, 3-5 thousand users, 5 servers, 5,000,000 concurrent users
  String.raw`${NUM}(?:${TO}${NUM})?\s?(?:thousand|million|billion|trillion)\b(?:\s${COUNTED}\b)?`,
  String.raw`${NUM}(?:${TO}${NUM})?\+?[\s-](?:[a-z-]+\s)?${COUNTED}\b`,
  // Multipliers: 10x, 2.5x
  String.raw`${NUM}\s?[x×](?!\w)`,
  // Anything else: 5000, 100K, 10-20, 12 (of "12 foo"), 3 (of "3 AZs")
  String.raw`${NUM}(?:${TO}${NUM})?(?:[KMBT]\b)?\+?`,
];

// Alternatives are tried in this order at each position; nothing starts inside a word
// or after a dot or #. A match in the `name` or `version` group is not a figure.
const FIGURE = new RegExp(
  String.raw`(?<![\w.#])(?:${DATES.join('|')}|(?<name>${NAMES.join('|')})|${UNITS.join('|')}|(?<version>${VERSION})|${COUNTS.join('|')})`,
  'g',
);

export interface FoundFigure {
  text: string;
  /** 0-based index in the scanned string. */
  index: number;
}

export function extractFigures(text: string): FoundFigure[] {
  const found: FoundFigure[] = [];
  // Every figure and every name holds a digit: most label lines have none.
  if (!/\d/.test(text)) return found;
  for (const match of text.matchAll(FIGURE)) {
    if (match.groups!.name !== undefined || match.groups!.version !== undefined) continue;
    const value = match[0].trimEnd();
    if (value) found.push({ text: value, index: match.index });
  }
  return found;
}

/** The comparison key: case, spaces, dash style and thousands separators ignored. */
export function normalizeFigure(text: string): string {
  return canonicalText(text).replace(/\s+/g, '');
}

/** Case, dashes, the multiplication sign and thousands separators made uniform (spacing kept). */
export function canonicalText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[–—‑]/g, '-')
    .replace(/×/g, 'x')
    .replace(/(\d),(?=\d{3})/g, '$1');
}

/**
 * Whether `text` shows `figure` whole, spacing, case, dashes and thousands separators
 * aside: never the tail or the head of a longer number or clock time ("5 servers" is not
 * in "15 servers", "48" is not in "21:48", "21" is not in "21:48").
 */
export function showsWholeFigure(text: string, figure: string): boolean {
  return wholeFigurePattern(figure).test(canonicalText(text));
}

/** showsWholeFigure's pattern, for text already made canonical (canonicalText) once. */
export function wholeFigurePattern(figure: string): RegExp {
  const key = [...normalizeFigure(figure)].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s?');
  return new RegExp(`(?<![\\d.:])${key}(?!(?<=\\d)[.:]?\\d)`);
}

export interface DateParts {
  year?: number;
  month?: number;
  day?: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const monthNumber = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
const DATE_FORMS = new RegExp(
  String.raw`(?<iy>\d{4})-(?<im>\d{2})-(?<id>\d{2})|(?<am>${MONTH})\.?\s(?<ad>\d{1,2})(?:st|nd|rd|th)?(?:,?\s(?<ay>\d{4}))?(?!\d)|(?<bd>\d{1,2})(?:st|nd|rd|th)?\s(?<bm>${MONTH})(?:,?\s(?<by>\d{4}))?|(?<cm>${MONTH})\s(?<cy>\d{4})`,
  'g',
);

/** Every date written in the text in a common form (2018-10-21, October 21, 2018, 21 Oct 2018, October 2018). */
export function datesIn(text: string): DateParts[] {
  return [...text.matchAll(DATE_FORMS)].map(({ groups: g = {} }) => {
    const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
    const month = g.im ?? g.am ?? g.bm ?? g.cm;
    return { year: num(g.iy ?? g.ay ?? g.by ?? g.cy), month: month && /\d/.test(month) ? Number(month) : month ? monthNumber(month) : undefined, day: num(g.id ?? g.ad ?? g.bd) };
  });
}
