/**
 * The directive reader of engine/suppressions.ts searches the whole text for the prefix instead of
 * reading every line: over seeded random texts (directives of each kind, in and out of comments,
 * several on a line, `\r\n` line ends, directives on the first and the last line) it reads what a
 * line-by-line scan reads.
 */
import { strict as assert } from 'assert';
import { DIRECTIVE_FILE, DIRECTIVE_LINE, DIRECTIVE_NEXT_LINE, readCodeDirectives } from '../../server/src/engine/suppressions';
import { Random } from '../robustness/support';

/** The line-by-line reading the engine used to do, as the reference. */
function lineScan(text: string): { lines: Map<number, Set<string>>; file: Set<string> | undefined } {
  const lines = new Map<number, Set<string>>();
  let file: Set<string> | undefined;
  const merge = (a: Set<string> | undefined, b: Set<string>): Set<string> => (!a ? b : a.size === 0 || b.size === 0 ? new Set() : new Set([...a, ...b]));
  const ids = (tail: string): Set<string> => {
    let t = tail;
    if (t.includes('*/')) t = t.slice(0, t.indexOf('*/'));
    if (t.includes('--')) t = t.slice(0, t.indexOf('--'));
    return new Set(t.split(/[\s,]+/).filter(Boolean));
  };
  text.split('\n').forEach((line, lineNo) => {
    const at = line.indexOf(DIRECTIVE_FILE);
    if (at < 0) return;
    const before = line.slice(0, at);
    if (!before.includes('//') && !before.includes('/*')) return;
    const rest = line.slice(at);
    const kind = rest.startsWith(DIRECTIVE_NEXT_LINE) ? 'next' : rest.startsWith(DIRECTIVE_LINE) ? 'line' : 'file';
    const tail = rest.slice(kind === 'next' ? DIRECTIVE_NEXT_LINE.length : kind === 'line' ? DIRECTIVE_LINE.length : DIRECTIVE_FILE.length);
    if (!(tail === '' || tail[0] === ' ' || tail[0] === '\t' || tail.startsWith('*/'))) return;
    if (kind === 'file') file = merge(file, ids(tail));
    else {
      const target = kind === 'next' ? lineNo + 1 : lineNo;
      lines.set(target, merge(lines.get(target), ids(tail)));
    }
  });
  return { lines, file };
}

const PIECES = [
  'const a = 1;',
  "console.log('x');",
  '// a comment',
  `// ${DIRECTIVE_NEXT_LINE}`,
  `// ${DIRECTIVE_NEXT_LINE} voice-data-logged`,
  `/* ${DIRECTIVE_LINE} consent-not-checked, voice-data-logged */`,
  `foo(); // ${DIRECTIVE_LINE}`,
  `// ${DIRECTIVE_FILE} personal-data-shared -- reason`,
  `const s = '${DIRECTIVE_FILE}';`,
  `// ${DIRECTIVE_FILE}d`,
  `// ${DIRECTIVE_LINE}\tpermission-unused`,
  `x; // ${DIRECTIVE_LINE} a // ${DIRECTIVE_NEXT_LINE} b`,
  `'${DIRECTIVE_LINE}' // ${DIRECTIVE_LINE} c`,
  '',
];

function show(d: { lines: Map<number, Set<string>>; file: Set<string> | undefined }): string {
  return JSON.stringify({ lines: [...d.lines].map(([k, v]) => [k, [...v].sort()]).sort((a, b) => (a[0] as number) - (b[0] as number)), file: d.file ? [...d.file].sort() : null });
}

describe('reading code directives', () => {
  it('reads what a line-by-line scan reads, over 2,000 random texts', () => {
    const r = new Random(4242);
    for (let i = 0; i < 2000; i++) {
      const n = r.int(12);
      const eol = r.chance(0.3) ? '\r\n' : '\n';
      const text = Array.from({ length: n }, () => r.pick(PIECES)).join(eol) + (r.chance(0.5) ? eol : '');
      assert.equal(show(readCodeDirectives(text)), show(lineScan(text)), JSON.stringify(text));
    }
  });
});
