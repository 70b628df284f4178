/**
 * No regular expression of the server is open to catastrophic backtracking on user text. Every
 * regex literal in server/src is found with the TypeScript parser (so a new one is covered
 * without editing this test) and run on adversarial strings built from the characters it
 * matches: 50,000 repeats of one character, of two alternating, each ending in a character that
 * makes the match fail at the very end (the worst case for backtracking).
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { REPO } from './support';

const LENGTH = 50000;
/** Per input; a linear scan of 50,000 characters takes well under 5 ms, a quadratic one seconds. */
const LIMIT_MS = 250;

interface FoundRegex {
  where: string;
  literal: string;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

function findRegexes(): { literals: FoundRegex[]; dynamic: string[] } {
  const literals: FoundRegex[] = [];
  const dynamic: string[] = [];
  for (const file of sourceFiles(path.join(REPO, 'server', 'src'))) {
    const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const where = (n: ts.Node) => `${path.relative(REPO, file)}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`;
    const visit = (n: ts.Node): void => {
      if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) literals.push({ where: where(n), literal: n.getText(sf) });
      if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && ts.isIdentifier(n.expression) && n.expression.text === 'RegExp') dynamic.push(where(n));
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return { literals, dynamic };
}

/** Characters a pattern can match: its literal characters and one or two of each class it uses. */
function alphabet(source: string): string[] {
  const chars = new Set<string>();
  const classes: Record<string, string[]> = { s: [' ', '\t', '\n'], S: ['x'], w: ['a', '_', '0'], W: ['-', ' '], d: ['1'], D: ['x'], b: [], B: [] };
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const n = source[++i];
      if (n in classes) classes[n].forEach((x) => chars.add(x));
      else if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(source.slice(i + 1, i + 5))) {
        chars.add(String.fromCharCode(parseInt(source.slice(i + 1, i + 5), 16)));
        i += 4;
      } else if (n === 'n') chars.add('\n');
      else if (n === 't') chars.add('\t');
      else if (n !== undefined && !/[0-9pPkx]/.test(n)) chars.add(n);
    } else if (c === '.') chars.add('x');
    else if (!'^$|()[]{}*+?'.includes(c)) chars.add(c);
    else if (c === '{' || c === '}' || c === '[' || c === ']' || c === '(' || c === ')') chars.add(c);
  }
  for (const c of [' ', 'a', 'é']) chars.add(c);
  return [...chars];
}

function inputsFor(source: string): string[] {
  const chars = alphabet(source);
  const out: string[] = [];
  const fail = ['\u0000', '!'];
  for (const c of chars) for (const f of fail) out.push(c.repeat(LENGTH) + f);
  const own = chars.slice(0, 8);
  for (const a of own) for (const b of own) if (a !== b) out.push((a + b).repeat(LENGTH / 2) + '\u0000');
  return out;
}

function timeRegex(re: RegExp, input: string): number {
  const start = performance.now();
  if (re.global || re.sticky) input.replace(new RegExp(re.source, re.flags.replace('y', 'g')), '');
  else re.exec(input);
  // Splitting is how several callers use their patterns (identifiers, lines).
  input.split(new RegExp(re.source, re.flags.replace(/[gy]/g, '')), 50);
  return performance.now() - start;
}

describe('robustness: regular expressions on user text', function () {
  this.timeout(120000);
  const { literals, dynamic } = findRegexes();

  it('finds the regular expressions of server/src', () => {
    assert.ok(literals.length > 50, `only ${literals.length} found`);
    console.log(`      ${literals.length} regex literals, ${dynamic.length} built with RegExp()`);
  });

  it('every regex literal stays linear on 50,000-character adversarial strings', () => {
    const slow: string[] = [];
    let runs = 0;
    for (const { where, literal } of literals) {
      const close = literal.lastIndexOf('/');
      const re = new RegExp(literal.slice(1, close), literal.slice(close + 1));
      for (const input of inputsFor(re.source)) {
        const ms = timeRegex(re, input);
        runs++;
        if (ms > LIMIT_MS) {
          slow.push(`${where} ${literal} took ${Math.round(ms)} ms on ${JSON.stringify(input.slice(0, 6))}… (${input.length})`);
          break;
        }
      }
    }
    console.log(`      ${runs} adversarial runs`);
    assert.deepEqual(slow, []);
  });

  /**
   * Patterns built at run time from identifiers of the user's code. Each is rebuilt here as its
   * module builds it (the `where` says which) and run with an adversarial name and text; a new
   * RegExp() in server/src must be added here.
   */
  const DYNAMIC: Record<string, (name: string) => RegExp> = {
    'server/src/engine/code/consent.ts': (q) => new RegExp(q, 'g'),
    'server/src/engine/code/analyze.ts': (name) => new RegExp(`(^|[^\\w$.])${name.replace(/\$/g, '\\$')}\\s*\\??\\.\\s*(requestEnvelope|responseBuilder|attributesManager|serviceClientFactory)\\b`),
    'server/src/engine/fixes/handler-edits.ts': (n) => new RegExp(`\\b${n}\\b`),
    'server/src/engine/fixes/code-edits.ts': (name) => new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\s*\\.\\s*requestEnvelope\\b`),
  };

  it('every RegExp() built from user identifiers stays linear', () => {
    const files = dynamic.map((d) => d.replace(/:\d+$/, ''));
    assert.deepEqual([...new Set(files)].sort(), Object.keys(DYNAMIC).sort(), 'a RegExp() call was added or removed: list it in DYNAMIC');
    const slow: string[] = [];
    for (const [where, build] of Object.entries(DYNAMIC)) {
      for (const name of ['"', 'input', '$'.repeat(200), 'a'.repeat(2000), '_$'.repeat(500)]) {
        const re = build(name);
        for (const text of [` ${name} `.repeat(LENGTH / (name.length + 2)) + '\u0000', `${name}${' '.repeat(LENGTH)}.`, `${name} ?. `.repeat(LENGTH / (name.length + 4)), 'a'.repeat(LENGTH)]) {
          const ms = timeRegex(re, text);
          if (ms > LIMIT_MS) slow.push(`${where} with ${JSON.stringify(name.slice(0, 8))}: ${Math.round(ms)} ms`);
        }
      }
    }
    assert.deepEqual(slow, []);
  });
});
