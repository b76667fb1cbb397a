// A sourced fact carries the source's own words for its figure, so a reviewer can check
// it without reading the whole source: the shortest passage that shows the figure.
import { datesIn, showsWholeFigure } from '../model/figures.ts';
import { finding, type Finding } from '../model/finding.ts';
import type { Check } from './context.ts';

const MAX_WORDS = 60;
// Sources spell small numbers out: "every four hours", "over five million".
const NUMBER_WORDS = new Map<string, number>([
  ...['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'].map((w, i) => [w, i] as const),
  ...['thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'].map((w, i) => [w, (i + 3) * 10] as const),
]);
const numbersIn = (text: string) =>
  new Set(
    [...text.matchAll(/\d+(?:,\d{3})*(?:\.\d+)?|[A-Za-z]+/g)].flatMap((m) => {
      if (/\d/.test(m[0])) return [m[0].replace(/,/g, '')];
      const value = NUMBER_WORDS.get(m[0].toLowerCase());
      return value === undefined ? [] : [String(value)];
    }),
  );

/**
 * Whether the quote shows the figure: the figure itself (spacing, case, dashes and
 * thousands separators aside), every number of the figure as a number of the quote,
 * in digits or as a word up to twenty and the tens ("22:52 UTC" in "At 22:52 UTC",
 * "4 hours" in "every four hours"), a clock time printed as four digits ("14:02 UTC" in
 * "1402 UTC"), or the same date written another way.
 */
export function quoteShowsFigure(figure: string, quote: string): boolean {
  if (showsWholeFigure(quote, figure)) return true;
  const wanted = numbersIn(figure);
  const have = numbersIn(quote);
  if (wanted.size > 0 && [...wanted].every((n) => have.has(n))) return true;
  // A clock time the source prints as four digits: "14:02 UTC" in "at 1402 UTC".
  const clock = /^(\d{1,2}):(\d{2})\b/.exec(figure.trim());
  if (clock && have.has(clock[1]!.padStart(2, '0') + clock[2]!)) return true;
  const quoted = datesIn(quote);
  return datesIn(figure).some((date) =>
    quoted.some((q) => (['year', 'month', 'day'] as const).every((part) => date[part] === undefined || date[part] === q[part] || (part === 'year' && have.has(String(date.year))))),
  );
}

export const quoteCheck: Check = {
  id: 'quote',
  description: `every sourced fact quotes the source's words that show its figure, in at most ${MAX_WORDS} words`,
  run(entry) {
    const { data, yaml, file } = entry;
    const out: Finding[] = [];
    data.facts.forEach((fact, i) => {
      if (fact.source === undefined) return;
      if (fact.quote === undefined) {
        out.push(finding(file, yaml.lineOf(['facts', i]), 1, 'quote', `sourced fact "${fact.figure}" has no quote`, {
          fix: `add quote: the shortest passage of ${fact.source} that shows "${fact.figure}", verbatim`,
        }));
        return;
      }
      const line = yaml.lineOf(['facts', i, 'quote']);
      if (!quoteShowsFigure(fact.figure, fact.quote)) {
        out.push(finding(file, line, 1, 'quote', `the quote of fact "${fact.figure}" does not contain the figure`, {
          fix: 'quote the passage where the source states this figure, or correct the figure to what the source says',
        }));
      }
      const words = fact.quote.trim().split(/\s+/).length;
      if (words > MAX_WORDS) {
        out.push(finding(file, line, 1, 'quote', `the quote of fact "${fact.figure}" has ${words} words; at most ${MAX_WORDS}`, {
          fix: 'shorten it to the sentence or clause that shows the figure',
        }));
      }
    });
    return out;
  },
};
