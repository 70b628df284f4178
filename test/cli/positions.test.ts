/**
 * The CLI's own line table (cli/positions.ts) against LSP's TextDocument, which it replaced for
 * speed: the same 0-based positions for every offset (clamped ones and ones inside `\r\n` too) of
 * seeded random texts mixing `\n`, `\r\n`, lone `\r`, tabs and non-ASCII characters.
 */
import { strict as assert } from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { PositionMapper, lineStarts } from '../../server/src/cli/positions';
import { Random } from '../robustness/support';

const PIECES = ['a', 'speak', ' ', '\t', '\n', '\r\n', '\r', '\n\n', '\r\r\n', 'é', '😀', '"x"', '\n\r'];

function randomText(r: Random, crlf: boolean): string {
  let s = '';
  const n = r.int(60);
  for (let i = 0; i < n; i++) {
    const p = r.pick(PIECES);
    s += crlf ? p : p.replace(/\r/g, '');
  }
  return s;
}

describe('cli positions: the line table gives TextDocument.positionAt', () => {
  it('line starts equal TextDocument line offsets over 2,000 seeded texts', () => {
    const r = new Random(7101);
    for (let t = 0; t < 2000; t++) {
      const text = randomText(r, t % 3 !== 0);
      const doc = TextDocument.create('file:///x', 'plaintext', 0, text);
      const expected: number[] = [];
      for (let line = 0; line < doc.lineCount; line++) expected.push(doc.offsetAt({ line, character: 0 }));
      assert.deepEqual(lineStarts(text), expected, JSON.stringify(text));
    }
  });

  it('every region equals the one computed with TextDocument, offsets out of range included', () => {
    const r = new Random(7102);
    let compared = 0;
    for (let t = 0; t < 1500; t++) {
      const text = randomText(r, t % 2 === 0);
      const doc = TextDocument.create('file:///x', 'plaintext', 0, text);
      const mapper = new PositionMapper(() => text);
      for (let offset = -2; offset <= text.length + 2; offset++) {
        const length = r.int(8);
        const s = doc.positionAt(offset);
        const e = doc.positionAt(offset + length);
        assert.deepEqual(
          mapper.region('/f', offset, length),
          { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 },
          `${JSON.stringify(text)} @${offset}+${length}`,
        );
        compared++;
      }
    }
    assert.ok(compared > 20_000);
  });

  it('an unreadable file maps every offset to 1:1', () => {
    const mapper = new PositionMapper(() => undefined);
    assert.deepEqual(mapper.region('/gone', 40, 3), { line: 1, column: 1, endLine: 1, endColumn: 1 });
  });
});
