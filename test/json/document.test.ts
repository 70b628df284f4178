import { strict as assert } from 'assert';
import { MAX_JSON_DEPTH, jsonTooDeepAt, parseJsonDocument } from '../../server/src/engine/json/document';

/** The full scan of jsonTooDeepAt, without the bracket count that lets most files skip it. */
function deepestScan(text: string, limit: number): number {
  // A limit of -1 can never be under the count, so the scan always runs: the reference answer.
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"' && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
    } else if (c === '/' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === '[' || c === '{') {
      if (++depth > limit) return i;
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return -1;
}

describe('json/document', () => {
  describe('jsonTooDeepAt', () => {
    it('finds the first bracket past the limit, with exactly limit + 1 brackets (the count does not cut the scan short)', () => {
      const text = '['.repeat(4) + ']'.repeat(4);
      assert.equal(jsonTooDeepAt(text, 3), 3);
      assert.equal(jsonTooDeepAt(text, 4), -1, 'four brackets cannot nest five deep');
      assert.equal(jsonTooDeepAt('{"a":{"b":[{}]}}', 3), 11);
    });

    it('brackets in strings and comments count for the bound but not for the depth', () => {
      // More brackets than the limit, none of them nesting: the count lets the scan run, which says no.
      const text = `{"a": "${'[{'.repeat(10)}", /* [[[[ */ "b": [1] // {{{{\n}`;
      assert.equal(jsonTooDeepAt(text, 3), -1);
      assert.equal(jsonTooDeepAt(text, 3), deepestScan(text, 3));
    });

    it('agrees with the full scan on generated texts around the bound', () => {
      let seed = 7;
      const next = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
      const parts = ['[', ']', '{', '}', '"[{"', '1,', '// [\n', '/* { */', '"\\"["'];
      for (let k = 0; k < 500; k++) {
        let text = '';
        for (let i = next(40); i > 0; i--) text += parts[next(parts.length)];
        for (const limit of [0, 1, 2, 3, 5, 8]) assert.equal(jsonTooDeepAt(text, limit), deepestScan(text, limit), `${JSON.stringify(text)} at ${limit}`);
      }
    });

    it('a file nested past MAX_JSON_DEPTH is still not parsed', () => {
      const doc = parseJsonDocument(`/virtual/deep-${Math.random()}.json`, '['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1));
      assert.equal(doc.root, undefined);
      assert.deepEqual(doc.errors.map((e) => [e.code, e.offset]), [['too-deep', MAX_JSON_DEPTH]]);
    });
  });
});
