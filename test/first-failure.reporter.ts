// A node:test reporter for `npm run mutate`: at the first failed test it prints the test
// and its error and ends the run with exit status 1. A mutant is killed by any one failure,
// so the remaining tests would only cost time. Needs --test-isolation=none (the tests run
// in this process; with a process per file only that file's run would end).
import type { TestEvent } from 'node:test/reporters';

export default async function* firstFailure(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  for await (const event of source) {
    if (event.type === 'test:fail') {
      process.stderr.write(`failed: ${event.data.name} (${event.data.file ?? ''})\n${String(event.data.details.error)}\n`);
      process.exit(1);
    }
  }
  yield* [];
}
