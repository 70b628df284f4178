/**
 * A fresh parse (code/parse.ts) sets the parents and builds every top-level statement's module
 * index part (code/modules.ts) and syntax index (code/syntax-index.ts) in ONE walk
 * (`linkAndIndex`); a statement an incremental re-parse makes anew is walked once for both
 * indexes (`statementIndexWith`). Differential test: over seeded random skills, random edits of
 * them (broken code included) and the incremental fixtures with random pieces typed in (imports,
 * exports, classes, DynamoDB tables, both quotes, JSDoc), each statement's parts as the engine
 * built them equal the parts built by a walk of their own each over a tree TypeScript gave its
 * parents (`setParentNodes`).
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { ModulePart, ModulePartWalker, indexFile } from '../../server/src/engine/code/modules';
import { clearParseCache, parseCode } from '../../server/src/engine/code/parse';
import { keptFactsOf } from '../../server/src/engine/code/statement-facts';
import { StatementIndex, statementIndex } from '../../server/src/engine/code/syntax-index';
import { Random } from '../robustness/support';
import { randomEdit, randomSkill } from './random-skill';

const LAMBDA = path.resolve(__dirname, '../../../test/fixtures/incremental/lambda');
const PIECES = [
  '{', '}', '(', ')', ';', "'", '"', '`', '\n', 'function ', 'async ', '=>', 'return ', 'class ', 'x', '/** ', '*/',
  "import { z } from './receipts';\n", "import d = require('./legacy');\n", "export * from './legacy';\n", "export { a } from \"./b\";\n",
  "alexa.dynamoDBTableName = 'notes';\n", "const t = { dynamoDBTableName: 'x' };\n", "const fn = function named() { function inner() {} };\n",
  "class Store { save(x) { this.x = x; } get v() { return 1; } }\n", 'const k = class { constructor() { const g = () => import("./dyn"); } };\n',
  "if (status === 403) { handlerInput.responseBuilder.withAskForPermissionsConsentCard(['p']); }\n", 'const { Geolocation } = context;\n',
  // JSDoc: its nodes get parents but are not indexed; the nodes they document are.
  "/** @param {string} x the slot @returns {Promise<void>} */\nasync function documented(x) { return require('./doc').save(x, 403); }\n",
  "const Doc = {\n  /** @type {import('./t').H} */\n  handle(h) { return h.responseBuilder.speak('/v1/x').getResponse(); },\n};\n",
];

const KIND = (file: string): ts.ScriptKind => (file.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS);
const place = (n: ts.Node | string | undefined): string => (typeof n === 'string' ? n : n ? `${ts.SyntaxKind[n.kind]}@${n.pos}-${n.end}` : '-');

function dumpModule(part: ModulePart): string {
  const lines = [`dynamo ${part.setsDynamoTable} quotes ${part.single}/${part.double} specifiers ${part.specifiers.join(',')}`];
  lines.push(`functions ${part.functions.map(place).join(' ')}`, `classes ${part.classes.map(place).join(' ')}`, `hoisted ${part.hoisted.map(place).join(' ')}`);
  lines.push(`outer ${part.outer.map((s) => place(s.node)).join(' ')}`);
  // The scopes directly in the statement get the file scope as their parent when a file index is put together.
  for (const s of part.scopes) lines.push(`scope ${place(s.node)} parent ${part.outer.includes(s) ? 'file' : place(s.parent?.node)} hoisted ${s.hoisted.map(place).join(' ')}`);
  return lines.join('\n');
}

function dumpSyntax(ix: StatementIndex): string {
  return Object.entries(ix)
    .map(([k, v]) => `${k} ${Array.isArray(v) ? v.map((n: ts.Node | string | undefined) => place(n)).join(' ') : JSON.stringify(v)}`)
    .join('\n');
}

/**
 * Each statement's parts as the engine built them for `text` at `file`: by the fresh parse's walk,
 * or (when the cache holds an older text of `file`) for the statements the incremental re-parse
 * made anew, by buildIndex's walk; `walked` counts the latter.
 */
function engineParts(file: string, text: string, walked: { count: number }): string[] {
  const parsed = parseCode(file, text);
  if (parsed.tooDeep) return [];
  const statements = parsed.sourceFile.statements;
  walked.count += statements.filter((st) => !keptFactsOf(st)?.module).length;
  indexFile(file, text);
  return statements.map((st) => {
    const facts = keptFactsOf(st);
    assert.ok(facts?.syntax && facts.module, `statement ${place(st)} indexed`);
    return `${dumpModule(facts.module)}\n${dumpSyntax(facts.syntax)}`;
  });
}

/** The same parts from a walk of their own each, over TypeScript's tree with its own parents. */
function separateParts(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, /*setParentNodes*/ true, KIND(file));
  return sf.statements.map((st) => {
    const walker = new ModulePartWalker(st, text);
    const visit = (node: ts.Node): void => {
      walker.enter(node);
      if (!walker.pruned) ts.forEachChild(node, visit);
      walker.leave(node);
    };
    visit(st);
    return `${dumpModule(walker.finish())}\n${dumpSyntax(statementIndex(st))}`;
  });
}

let n = 0;
const walked = { count: 0 };

/** `text` as the next version of `file` (parsed incrementally when it can be) and parsed afresh, against a walk each. */
function same(file: string, text: string, what: string): void {
  const separate = separateParts(file, text);
  const fresh = { count: 0 };
  const other = path.join(path.dirname(file), `merged-walk-${++n}${path.extname(file)}`);
  for (const [engine, how] of [[engineParts(other, text, fresh), 'parse walk'], [engineParts(file, text, walked), 'next version']] as const) {
    assert.equal(engine.length, separate.length, `${what}: statements`);
    for (let i = 0; i < engine.length; i++) {
      if (engine[i] !== separate[i]) assert.fail(`${what}: statement ${i}'s parts differ\n--- ${how}\n${engine[i]}\n--- a walk each\n${separate[i]}`);
    }
  }
  assert.equal(fresh.count, 0, `${what}: a fresh parse indexes every statement in its walk`);
}

describe('one walk for the parents, the module index and the syntax index', () => {
  afterEach(() => clearParseCache());

  it('equals a walk each over 150 seeded random skills and 8 random edits of each', function () {
    this.timeout(120_000);
    const r = new Random(5150);
    let compared = 0;
    walked.count = 0;
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
    // Statements of edited versions that the re-parse made anew, indexed by buildIndex's walk.
    assert.ok(walked.count > 2000, `only ${walked.count} statements indexed after a re-parse`);
  });

  it('equals a walk each on the fixtures with 3 x 150 random pieces typed in (imports, exports, classes, tables, JSDoc)', function () {
    this.timeout(120_000);
    walked.count = 0;
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
    assert.ok(walked.count > 800, `only ${walked.count} statements indexed after a re-parse`);
  });
});
