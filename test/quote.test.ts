import { test } from 'node:test';
import assert from 'node:assert/strict';
import { datesIn } from '../src/model/figures.ts';
import type { Project } from '../src/model/project.ts';
import { quoteCheck, quoteShowsFigure } from '../src/checks/quote.ts';
import { checkContext, entryFrom, fixtureText, TIMELINE } from './helpers.ts';

// [figure, quote, whether the quote shows the figure]
const cases: [string, string, boolean][] = [
  ['73 hours', 'the site was unavailable for 73 hours while we restored', true],
  ['22:52 UTC', 'At 22:52 UTC, routine maintenance caused a partition', true],
  ['24h 11m', 'degraded for 24 hours and 11 minutes', true],
  ['1,451', 'a total of 1451 jobs', true],
  ['10–20 ms', 'between 10-20ms', true],
  ['$1.2M', 'cost about $1.2 million', true],
  ['2018-10-21', 'On October 21, 2018, at 22:52 UTC', true],
  ['2018-10-21', 'on 21 October 2018', true],
  ['2018-10-21', 'On Oct. 21 of 2018 we saw', true],
  ['October 21, 2018', 'the incident of 2018-10-21', true],
  ['October 2018', 'in October 2018 we began', true],
  ['2018-10-21', 'On October 22, 2018', false],
  ['2018-10-21', 'On October 21, 2019', false],
  ['45 minutes', 'for 15 minutes', false],
  ['5 servers', 'across 15 servers', false],
  ['22:52 UTC', 'At 22:53 UTC', false],
  ['14:02 UTC', 'At 1402 UTC a rule was deployed', true],
  ['9:05 UTC', 'from 0905 UTC', true],
  ['14:02 UTC', 'At 1403 UTC', false],
  ['99.99%', 'four nines of availability', false],
  ['1.2 GB', 'grew to 1.25 GB', false],
  ['47ms', 'a p99 of 47ms', true],
  ['4 hours', 'MySQL data backups occur every four hours', true],
  ['5 million', 'There were over Five million hook events', true],
  ['40 minutes', 'for forty minutes', true],
  ['4 hours', 'every fourteen hours', false],
];

for (const [figure, quote, expected] of cases) {
  test(`quote "${quote}" ${expected ? 'shows' : 'does not show'} "${figure}"`, () => {
    assert.equal(quoteShowsFigure(figure, quote), expected);
  });
}

test('dates are read in the common forms', () => {
  assert.deepEqual(datesIn('2018-10-21, October 21, 2018, 21 Oct 2018, March 2020, Oct 21'), [
    { year: 2018, month: 10, day: 21 },
    { year: 2018, month: 10, day: 21 },
    { year: 2018, month: 10, day: 21 },
    { year: 2020, month: 3, day: undefined },
    { year: undefined, month: 10, day: 21 },
  ]);
});

// Every number word the rule knows, in a quote, shows its value.
const words = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];
const tens = ['thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
test('each number word up to twenty and each ten shows its value, and only its value', () => {
  const spelled: [string, number][] = [...words.map((w, i) => [w, i] as [string, number]), ...tens.map((w, i) => [w, (i + 3) * 10] as [string, number])];
  for (const [word, value] of spelled) {
    assert.equal(quoteShowsFigure(`${value} hours`, `for ${word} hours`), true, word);
    assert.equal(quoteShowsFigure(`${value + 100} hours`, `for ${word} hours`), false, word);
  }
});

const timeline = fixtureText(TIMELINE);
/** The quote rule's findings on the fixture timeline after one edit of its text. */
function quoteFindings(change: (text: string) => string) {
  return quoteCheck.run(entryFrom(TIMELINE, change(timeline)), checkContext({} as Project)).map((f) => [f.line, f.message]);
}
const lineOfText = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

test('the quote rule: a sourced fact needs a quote that shows its figure in at most 60 words; a derived fact needs none', () => {
  assert.deepEqual(quoteFindings((t) => t), []);
  const noQuote = (t: string) => t.replace('    quote: "At 10:00 UTC a DNS change was deployed."\n', '');
  assert.deepEqual(quoteFindings(noQuote), [[lineOfText(noQuote(timeline), 'figure: "10:00 UTC"'), 'sourced fact "10:00 UTC" has no quote']]);
  const wrong = (t: string) => t.replace('reverted at 10:45 UTC', 'reverted at 10:40 UTC');
  assert.deepEqual(quoteFindings(wrong), [[lineOfText(wrong(timeline), 'reverted at 10:40'), 'the quote of fact "10:45 UTC" does not contain the figure']]);
  const long = (n: number) => (t: string) => t.replace('a DNS change was deployed.', `a DNS change was deployed${' and'.repeat(n - 8)}.`);
  assert.deepEqual(quoteFindings(long(60)), [], 'sixty words pass');
  assert.deepEqual(quoteFindings(long(61)), [[lineOfText(long(61)(timeline), 'quote: "At 10:00 UTC'), 'the quote of fact "10:00 UTC" has 61 words; at most 60']]);
});

test('every month name, long or short, shows its month of an ISO date, and no other month', () => {
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  months.forEach((name, i) => {
    const iso = `2019-${String(i + 1).padStart(2, '0')}-05`;
    assert.equal(quoteShowsFigure(iso, `on ${name} 5, 2019`), true, name);
    assert.equal(quoteShowsFigure(iso, `on 5 ${name.slice(0, 3)} 2019`), true, name.slice(0, 3));
    assert.equal(quoteShowsFigure(iso, `on ${months[(i + 1) % 12]} 5, 2019`), false, `${name} is not ${months[(i + 1) % 12]}`);
  });
});
