/**
 * `Parts` (code/reuse.ts): a fingerprint written in place into an array of the expected size. The
 * list it gives is exactly the parts added, in order, whether the expected size was right, too
 * large or too small; and two lists written at once do not share storage.
 */
import { strict as assert } from 'assert';
import { Parts, writeParts } from '../../server/src/engine/code/reuse';
import { tagVal } from '../../server/src/engine/code/values';

const write = (expected: number | undefined, count: number): unknown[] => {
  const p = new Parts(expected);
  for (let i = 0; i < count; i++) p.add(i % 3 === 0 ? `s${i}` : i, i % 5 === 0 ? { i } : null);
  return p.take();
};

describe('code/reuse Parts', () => {
  const expected = (count: number): unknown[] => {
    const out: unknown[] = [];
    for (let i = 0; i < count; i++) out.push(i % 3 === 0 ? `s${i}` : i, i % 5 === 0 ? { i } : null);
    return out;
  };

  for (const [label, hint] of [
    ['no expected size', undefined],
    ['the exact size', 2000],
    ['a larger size', 50000],
    ['a smaller size', 10],
  ] as const) {
    it(`gives exactly the parts added, in order, with ${label}`, () => {
      const out = write(hint, 1000);
      assert.equal(out.length, 2000);
      assert.deepEqual(out, expected(1000));
      // No holes left from the expected size.
      assert.ok(out.every((_, i) => i in out));
    });
  }

  it('gives an empty list when nothing was added', () => {
    assert.deepEqual(new Parts(100).take(), []);
  });

  it('keeps two lists written at once apart (a shared write compared with the one before it)', () => {
    const a = new Parts(4);
    const b = new Parts(4);
    a.add('a', 1);
    b.add('b', 2, 3);
    a.add('a2');
    assert.deepEqual(a.take(), ['a', 1, 'a2']);
    assert.deepEqual(b.take(), ['b', 2, 3]);
  });

  it('writes a shared write as its target, operation, key and the value\'s data', () => {
    const parts = writeParts({ target: 'session', op: 'set', key: 'name', value: tagVal('attributes-manager') });
    assert.deepEqual(parts.slice(0, 3), ['session', 'set', 'name']);
    assert.deepEqual(parts.slice(3), ['g', 1, 'attributes-manager']);
  });
});
