// The site's second layer behind the schema: Starlight writes the <title> element's
// content as raw HTML, so the route middleware escapes it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeTitle } from '../src/site/lib/head.ts';

test('a title that closes <title> and opens a script is escaped into text', () => {
  const head = [
    { tag: 'meta', attrs: { charset: 'utf-8' } },
    { tag: 'title', content: '</title><script>alert(1)</script> & more | Production Atlas' },
    { tag: 'script', content: 'if (a < b) start();' },
  ];
  const escaped = escapeTitle(head);
  assert.equal(escaped[1]!.content, '&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; more | Production Atlas');
  assert.deepEqual(escaped[0], head[0], 'other entries are unchanged');
  assert.equal(escaped[2]!.content, 'if (a < b) start();', 'script content is code, not text');
});
