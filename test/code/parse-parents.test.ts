/**
 * code/parse.ts parses without TypeScript's `setParentNodes` and sets the parent pointers itself
 * (code/syntax-index.ts `linkAndIndex`, one walk that is also the depth guard and builds the
 * statements' indexes). Differential test: over every code fixture of the repository, JSDoc-heavy
 * code and many seeded half-typed variants of them, every node of the engine's tree (JSDoc nodes
 * included) has the parent a `setParentNodes` parse gives.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { MAX_CODE_DEPTH, clearParseCache, parseCode } from '../../server/src/engine/code/parse';
import { mulberry32 as rng } from '../robustness/support';

const REPO = path.resolve(__dirname, '../../..');

function codeFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules') out.push(...codeFiles(p));
    } else if (/\.(c|m)?(j|t)sx?$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

type Doc = { jsDoc?: ts.Node[] };

/** Every node in tree order with its parent's index (-1 for none), JSDoc nodes before the node's children. */
function shape(sf: ts.SourceFile): string[] {
  const index = new Map<ts.Node, number>();
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    index.set(n, out.length);
    const p = n.parent ? index.get(n.parent) : -1;
    out.push(`${ts.SyntaxKind[n.kind]} ${n.pos}-${n.end} parent ${p === undefined ? 'OUTSIDE THE TREE' : p}`);
    for (const d of (n as unknown as Doc).jsDoc ?? []) visit(d);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

function kindOf(file: string): ts.ScriptKind {
  return file.endsWith('.tsx') ? ts.ScriptKind.TSX : /\.(c|m)?ts$/.test(file) ? ts.ScriptKind.TS : file.endsWith('.jsx') ? ts.ScriptKind.JSX : ts.ScriptKind.JS;
}

function assertSameParents(file: string, text: string, what: string): number {
  clearParseCache();
  const ours = parseCode(file, text);
  assert.equal(ours.tooDeep, undefined, `${what}: not too deep`);
  const theirs = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, /*setParentNodes*/ true, kindOf(file));
  const a = shape(ours.sourceFile);
  const b = shape(theirs);
  assert.equal(a.length, b.length, `${what}: node count`);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) assert.fail(`${what}: node ${i} is «${a[i]}», setParentNodes gives «${b[i]}»`);
  return a.length;
}

const JSDOC = `/**
 * Handles the order intent.
 * @param {import('ask-sdk-core').HandlerInput} handlerInput the request
 * @returns {Promise<object>} the response
 * @see {@link https://developer.amazon.com}
 */
async function handle(handlerInput) {
  /** @type {string | undefined} */
  const phone = handlerInput.requestEnvelope.request.intent.slots.phone.value;
  /** @typedef {{ name: string, phone?: string }} Contact */
  /** @callback Done @param {Error} e */
  return /** @type {any} */ (handlerInput.responseBuilder).speak(\`Got \${phone}\`).getResponse();
}
class K {
  /** @private @readonly */
  x = 1;
  /** @template T @param {T} t */
  m(t) { return t; }
}
module.exports = { handle, K };
`;

describe('parent pointers of the engine parse (code/syntax-index.ts linkAndIndex)', () => {
  afterEach(() => clearParseCache());

  it('gives every node of every code fixture the parent setParentNodes gives', () => {
    const files = [...codeFiles(path.join(REPO, 'test/fixtures')), ...codeFiles(path.join(REPO, 'examples'))];
    assert.ok(files.length >= 20, `only ${files.length} code fixtures found`);
    let nodes = 0;
    for (const f of files) nodes += assertSameParents(f, fs.readFileSync(f, 'utf8'), path.relative(REPO, f));
    assert.ok(nodes > 5000, `only ${nodes} nodes compared`);
  });

  it('links JSDoc nodes (tags, types, links) to the node they document, in .js and .ts', () => {
    const js = assertSameParents('/virtual/doc.js', JSDOC, 'doc.js');
    const tsCount = assertSameParents('/virtual/doc.ts', JSDOC, 'doc.ts');
    const sf = parseCode('/virtual/doc2.js', JSDOC).sourceFile;
    const docs: ts.Node[] = [];
    const collect = (n: ts.Node): void => {
      docs.push(...((n as unknown as Doc).jsDoc ?? []));
      ts.forEachChild(n, collect);
    };
    collect(sf);
    assert.ok(docs.length >= 6 && js > 100 && tsCount > 100, `${docs.length} JSDoc comments parsed`);
    for (const d of docs) assert.ok(d.parent && (d.parent as unknown as Doc).jsDoc?.includes(d), 'a JSDoc comment is the child of what it documents');
  });

  it('keeps the parents of half-typed code equal too (400 seeded cuts and splices of the fixtures)', () => {
    const files = codeFiles(path.join(REPO, 'test/fixtures/incremental'));
    const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
    const next = rng(4242);
    for (let k = 0; k < 400; k++) {
      const i = Math.floor(next() * files.length);
      const t = texts[i];
      const at = Math.floor(next() * t.length);
      const cut = Math.floor(next() * 40);
      const other = texts[Math.floor(next() * texts.length)];
      const from = Math.floor(next() * other.length);
      const text = t.slice(0, at) + other.slice(from, from + Math.floor(next() * 30)) + t.slice(at + cut);
      assertSameParents(files[i], text, `${path.basename(files[i])} variant ${k}`);
    }
  });

  it('reports too-deep code at the first node past MAX_CODE_DEPTH, as before', () => {
    const depth = MAX_CODE_DEPTH + 5;
    const text = 'x = ' + '('.repeat(depth) + '1' + ')'.repeat(depth) + ';';
    const parsed = parseCode('/virtual/deep.js', text);
    assert.ok(parsed.tooDeep, 'too deep');
    assert.equal(parsed.sourceFile.statements.length, 0, 'the too-deep tree is an empty stand-in');
    // The statement is depth 1, `x = (...)` depth 2, the assignment's right side 3: the node at depth
    // MAX_CODE_DEPTH + 1 is the parenthesis opened MAX_CODE_DEPTH - 2 levels in.
    assert.equal(parsed.tooDeep!.offset, 4 + MAX_CODE_DEPTH - 2);
    const shallow = 'x = ' + '('.repeat(MAX_CODE_DEPTH - 10) + '1' + ')'.repeat(MAX_CODE_DEPTH - 10) + ';';
    assert.equal(parseCode('/virtual/shallow.js', shallow).tooDeep, undefined);
  });
});
