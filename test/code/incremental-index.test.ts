/**
 * The module index (code/modules.ts) keeps what each top-level statement adds to it by the
 * statement node, so after an incremental re-parse only the statements the edit made anew are
 * walked. Differential test: after each of many seeded random edits, the index of the updated
 * tree equals the index of a fresh parse of the same text — functions, scopes with their parents
 * and hoisted declarations, the module-level functions (the data flow's entry points), classes,
 * specifiers, the DynamoDB table flag and the quote.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { FileIndex, indexFile, scopeOf, scopesOf } from '../../server/src/engine/code/modules';
import { clearParseCache, forgetParsed } from '../../server/src/engine/code/parse';
import { Random } from '../robustness/support';

const LAMBDA = path.resolve(__dirname, '../../../test/fixtures/incremental/lambda');

const PIECES = [
  '{', '}', '(', ')', ';', "'", '"', '`', '\n', 'function ', 'async ', '=>', 'return ', 'const ', 'class ', 'static ', 'x',
  "function helper(a) { return a; }\n", "const Q = { handle(h) { return h; } };\n", "class Store { save(x) { this.x = x; } }\n",
  "require('./legacy');\n", "import { z } from './receipts';\n", "export * from './legacy';\n", "alexa.dynamoDBTableName = 'notes';\n",
  "const fn = function named() { function inner() {} };\n", '(() => { function iife() {} })();\n', "{ dynamoDBTableName: 'x' }", "\"double\"", "'single'",
];

function place(n: ts.Node): string {
  return `${ts.SyntaxKind[n.kind]}@${n.pos}-${n.end}`;
}

function dump(ix: FileIndex): string {
  const lines = [`quote ${ix.quote} dynamo ${ix.setsDynamoTable} specifiers ${ix.specifiers.join(',')}`];
  lines.push(`functions ${ix.functions.map(place).join(' ')}`);
  lines.push(`classes ${ix.classes.map(place).join(' ')}`);
  const scopes = scopesOf(ix);
  for (const info of scopes) {
    assert.equal(scopeOf(ix, info.node), info, 'a scope is found by its own node');
    lines.push(`scope ${place(info.node)} parent ${info.parent ? place(info.parent.node) : '-'} hoisted ${info.hoisted.map(place).join(' ')}`);
  }
  assert.equal(scopes.length, ix.functions.length + 1, 'a scope per function, and the file\'s');
  // Every scope's parent is a scope of this index (not of an older tree's index).
  for (const info of scopes) if (info.parent) assert.equal(scopeOf(ix, info.parent.node), info.parent, `parent of ${place(info.node)} belongs to this index`);
  // The entry points, put together from the statements' own: the functions directly in the file (their scope has no parent).
  const moduleLevel = ix.moduleLevel;
  assert.deepEqual(moduleLevel, ix.functions.filter((fn) => scopeOf(ix, fn) && !scopeOf(ix, fn)!.parent), 'module-level functions');
  lines.push(`module level ${moduleLevel.map(place).join(' ')}`);
  return lines.join('\n');
}

let fresh = 0;
function freshIndex(file: string, text: string): FileIndex {
  const other = path.join(path.dirname(file), `fresh-index-${++fresh}${path.extname(file)}`);
  const ix = indexFile(other, text);
  forgetParsed([other]);
  return ix;
}

describe('incremental module index (code/modules.ts)', () => {
  afterEach(() => clearParseCache());

  it('equals the index of a fresh parse after every one of 3 × 300 seeded random edits', function () {
    this.timeout(120000);
    let reused = 0;
    for (const name of ['index.js', 'receipts.ts', 'legacy.js']) {
      const file = path.join(LAMBDA, name);
      const r = new Random(777 + name.length);
      let text = fs.readFileSync(file, 'utf8');
      clearParseCache();
      let prev = indexFile(file, text);
      const history: string[] = [];
      for (let step = 0; step < 300; step++) {
        const at = r.int(text.length + 1);
        const k = r.next();
        // Undo now and then, as developers do: broken code (an open template) does not pile up.
        if (k < 0.25 && history.length) text = history.pop()!;
        else if ((history.push(text), k < 0.6)) text = text.slice(0, at) + r.pick(PIECES) + text.slice(at);
        else if (k < 0.85) text = text.slice(0, at) + text.slice(at + 1 + r.int(15));
        else {
          const start = text.lastIndexOf('\n', at - 1) + 1;
          const end = text.indexOf('\n', at);
          const line = text.slice(start, end < 0 ? text.length : end + 1);
          text = text.slice(0, start) + line + text.slice(start);
        }
        const ix = indexFile(file, text);
        if (ix.parsed.sourceFile.statements.some((s) => prev.parsed.sourceFile.statements.includes(s))) reused++;
        const what = `${name} edit ${step}`;
        const expected = dump(freshIndex(file, text));
        const actual = dump(ix);
        if (actual !== expected) assert.fail(`${what}: index differs from a fresh one\n--- incremental\n${actual}\n--- fresh\n${expected}`);
        prev = ix;
      }
    }
    // Most edits must have gone the incremental way (statements of the old tree reused), or nothing was tested.
    assert.ok(reused > 450, `only ${reused} of 900 edits reused statements of the old tree`);
  });
});
