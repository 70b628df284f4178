/**
 * One walk per new statement builds both the module index (code/modules.ts) and the syntax index
 * (code/syntax-index.ts). Differential test: over seeded random skills, random edits of them
 * (broken code included) and the incremental fixtures with random pieces typed in (imports,
 * exports, classes, DynamoDB tables, both quotes), both indexes built in the one walk equal the
 * indexes built by a walk of their own each.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { FileIndex, indexFile } from '../../server/src/engine/code/modules';
import { clearParseCache, parseCode } from '../../server/src/engine/code/parse';
import { SyntaxIndex, statementIndexWith, syntaxIndex } from '../../server/src/engine/code/syntax-index';
import { Random } from '../robustness/support';
import { randomEdit, randomSkill } from './random-skill';

const LAMBDA = path.resolve(__dirname, '../../../test/fixtures/incremental/lambda');
const PIECES = [
  '{', '}', '(', ')', ';', "'", '"', '`', '\n', 'function ', 'async ', '=>', 'return ', 'class ', 'x',
  "import { z } from './receipts';\n", "import d = require('./legacy');\n", "export * from './legacy';\n", "export { a } from \"./b\";\n",
  "alexa.dynamoDBTableName = 'notes';\n", "const t = { dynamoDBTableName: 'x' };\n", "const fn = function named() { function inner() {} };\n",
  "class Store { save(x) { this.x = x; } get v() { return 1; } }\n", 'const k = class { constructor() { const g = () => import("./dyn"); } };\n',
  "if (status === 403) { handlerInput.responseBuilder.withAskForPermissionsConsentCard(['p']); }\n", 'const { Geolocation } = context;\n',
];

const place = (n: ts.Node | undefined): string => (n ? `${ts.SyntaxKind[n.kind]}@${n.pos}-${n.end}` : '-');

function dumpModule(ix: FileIndex): string {
  const lines = [`quote ${ix.quote} dynamo ${ix.setsDynamoTable} specifiers ${ix.specifiers.join(',')}`];
  lines.push(`functions ${ix.functions.map(place).join(' ')}`, `classes ${ix.classes.map(place).join(' ')}`);
  for (const [node, info] of ix.scopes) lines.push(`scope ${place(node)} = ${place(info.node)} parent ${place(info.parent?.node)} hoisted ${info.hoisted.map(place).join(' ')}`);
  return lines.join('\n');
}

function dumpSyntax(ix: SyntaxIndex): string {
  const lines: string[] = [];
  for (const [k, v] of Object.entries(ix)) {
    if (Array.isArray(v)) lines.push(`${k} ${v.map((n: ts.Node | undefined) => place(n)).join(' ')}`);
    else if (v instanceof Map) lines.push(`${k} ${[...v].map(([a, b]) => `${place(a)}<${place(b)}`).join(' ')}`);
    else if (v instanceof Set) lines.push(`${k} ${[...v].join(',')}`);
    else lines.push(`${k} ${JSON.stringify(v)}`);
  }
  return lines.join('\n');
}

let n = 0;
/** Both indexes of `text` parsed afresh, built in one walk (`merged`) or in a walk each. */
function indexes(file: string, text: string, merged: boolean): string {
  const other = path.join(path.dirname(file), `merged-walk-${++n}${path.extname(file)}`);
  const sf = parseCode(other, text).sourceFile;
  if (!merged) syntaxIndex(sf);
  const module = indexFile(other, text);
  const statements = module.parsed.sourceFile.statements;
  // Whichever way the syntax index was built, it is kept for every statement now.
  for (const st of statements) assert.equal(statementIndexWith(st, { enter: () => undefined, leave: () => undefined }), false);
  return `${dumpModule(module)}\n${dumpSyntax(syntaxIndex(sf))}`;
}

function same(file: string, text: string, what: string): void {
  const separate = indexes(file, text, false);
  const merged = indexes(file, text, true);
  if (merged !== separate) assert.fail(`${what}: the one-walk indexes differ\n--- one walk\n${merged}\n--- a walk each\n${separate}`);
}

describe('one walk for the module index and the syntax index', () => {
  afterEach(() => clearParseCache());

  it('equals a walk each over 150 seeded random skills and 8 random edits of each', function () {
    this.timeout(120_000);
    const r = new Random(5150);
    let compared = 0;
    for (let s = 0; s < 150; s++) {
      const files = randomSkill(r, s % 2 === 0);
      for (const [name, original] of Object.entries(files)) {
        let text = original;
        for (let e = 0; e <= 8; e++) {
          same(path.join('/skill', name), text, `skill ${s} ${name} edit ${e}`);
          compared++;
          text = randomEdit(r, text);
        }
        clearParseCache();
      }
    }
    assert.ok(compared > 1300);
  });

  it('equals a walk each on the fixtures with 3 x 150 random pieces typed in (imports, exports, classes, tables)', function () {
    this.timeout(120_000);
    for (const name of ['index.js', 'receipts.ts', 'legacy.js']) {
      const file = path.join(LAMBDA, name);
      const r = new Random(99 + name.length);
      let text = fs.readFileSync(file, 'utf8');
      for (let step = 0; step < 150; step++) {
        const at = r.int(text.length + 1);
        text = r.chance(0.75) ? text.slice(0, at) + r.pick(PIECES) + text.slice(at) : text.slice(0, at) + text.slice(at + 1 + r.int(10));
        same(file, text, `${name} step ${step}`);
      }
      clearParseCache();
    }
  });
});
