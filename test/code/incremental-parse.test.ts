/**
 * Incremental re-parsing (code/parse.ts): a keystroke updates the cached tree with
 * `ts.updateSourceFile`, which reuses the old tree's unchanged nodes. Differential tests: after
 * every one of many seeded random edits (characters, tokens, whole lines, half-typed code,
 * unbalanced braces, strings, template literals, comments), the updated tree must equal a fresh
 * parse node for node, and the findings of a lint run over the incrementally parsed skill must
 * equal those of a run that parses everything afresh.
 */
import { strict as assert } from 'assert';
import * as vm from 'vm';
import * as v8 from 'v8';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { emptyConfig } from '../../server/src/engine/config';
import { findDeclaration } from '../../server/src/engine/code/bindings';
import { handlerStyle } from '../../server/src/engine/code/consent';
import { MAX_CODE_DEPTH, ParsedCode, changedPart, clearParseCache, forgetParsed, isParsed, parseCode } from '../../server/src/engine/code/parse';
import { DiskFileHost } from '../../server/src/engine/host';
import { lintSkill } from '../../server/src/engine/linter';
import { discoverSkills } from '../../server/src/engine/project/discover';
import { Skill, loadSkill } from '../../server/src/engine/skill';
import { Finding } from '../../server/src/engine/types';
import { mulberry32 as rng } from '../robustness/support';

const FIXTURE = path.resolve(__dirname, '../../../test/fixtures/incremental');


/** Pieces of code a developer types or deletes on the way: many are half-finished on purpose. */
const SNIPPETS = [
  '{', '}', '(', ')', '[', ']', ';', ',', '.', "'", '"', '`', '${', '}`', '/*', '*/', '//', '\n', '\n\n', '  ', '=>', '=', '<', '>', '!', '?', ':', '/', '\\', '+', '-',
  'x', 'phone', 'await ', 'async ', 'function ', 'return ', 'const ', 'let v = ', 'var w;', 'if (', 'if (a) {', '} else {', 'for (const k of list) {', 'try {', '} catch (e) {', 'switch (n) { case 1:',
  'class K {', 'interface I { a: string }', ': string', ' as any', '<T>', 'enum E { A, B }', 'import { z } from "./legacy";', "require('./receipts')", 'export const q = 1;',
  "console.log(phone);", "console.log(handlerInput.requestEnvelope);", "Alexa.getSlotValue(handlerInput.requestEnvelope, 'phone')", "handlerInput.responseBuilder.speak('What is your email address?')",
  "this.emit(':tell', 'ok');", "this.attributes['phone'] = phone;", 'await axios.post(URL, { phone });', '/[a-z]+/g', ' / 2', '`hello ${name} and ${', "'unterminated", '"also unterminated',
  '/* a comment that never ends', '// line comment', '<div>{x}</div>', 'handle(handlerInput) {', 'canHandle() { return true; },', '() => {', 'new Promise((resolve) => ', ')))', '}}}', '{{{',
  '/** @param {string} a */', '@decorator ', '?.', ' ?? ', '#secret', 'get total() {', 'static ', '<T,>(a: T) => a', 'function* gen() { yield 1; }', 'label: ', 'import("./legacy")', 'import.meta',
  '0x1F', '1_000n', "'\\u{1F600}'", '\r\n', 'a < b > c', '</', ' satisfies Receipt', 'declare ', 'namespace N {', 'type T = ', 'abstract class', '!:', ' as const', '} = ', 'delete ', 'typeof x === ',
  'constructor(private readonly t: string) {}', '@dec(await x) ', 'async ',
];

interface Edit {
  offset: number;
  remove: number;
  insert: string;
}

function randomEdit(text: string, next: () => number, other: string): Edit {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const r = next();
  const offset = r < 0.05 ? 0 : r < 0.1 ? text.length : Math.floor(next() * (text.length + 1));
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEndAt = text.indexOf('\n', offset);
  const lineEnd = lineEndAt < 0 ? text.length : lineEndAt + 1;
  const kind = next();
  if (kind < 0.3) return { offset, remove: 0, insert: pick(SNIPPETS) };
  if (kind < 0.45) return { offset, remove: Math.min(text.length - offset, 1 + Math.floor(next() * 12)), insert: '' };
  if (kind < 0.6) return { offset, remove: Math.min(text.length - offset, 1 + Math.floor(next() * 6)), insert: pick(SNIPPETS) };
  if (kind < 0.7) return { offset: lineStart, remove: lineEnd - lineStart, insert: '' };
  if (kind < 0.78) return { offset: lineStart, remove: 0, insert: text.slice(lineStart, lineEnd) };
  if (kind < 0.86) {
    // A line of another file pasted here.
    const at = Math.floor(next() * other.length);
    const s = other.lastIndexOf('\n', at - 1) + 1;
    const e = other.indexOf('\n', at);
    return { offset: lineStart, remove: 0, insert: other.slice(s, e < 0 ? other.length : e + 1) };
  }
  if (kind < 0.93) return { offset, remove: 0, insert: String.fromCharCode(32 + Math.floor(next() * 95)) };
  // A whole block cut out, as when a selection is deleted.
  return { offset: lineStart, remove: Math.min(text.length - lineStart, Math.floor(next() * 400)), insert: '' };
}

function apply(text: string, e: Edit): string {
  return text.slice(0, e.offset) + e.insert + text.slice(e.offset + e.remove);
}

/**
 * Flags that are no syntax: hints the incremental parser carries over to the new SourceFile
 * (the old text had `import(` or `import.meta`), and the lazily computed "a node below has an
 * error" cache (HasAggregatedChildData with its ThisNodeOrAnySubNodesHasError bit), which the
 * incremental parser fills in on the nodes it considers for reuse. The error itself
 * (ThisNodeHasError) is compared.
 */
// PossiblyContainsDynamicImport and PossiblyContainsImportMeta (1 << 22, 1 << 23) are internal to TypeScript.
const NOT_SYNTAX = (1 << 22) | (1 << 23) | ts.NodeFlags.HasAggregatedChildData | ts.NodeFlags.ThisNodeOrAnySubNodesHasError;

/**
 * The whole tree as text: every node's kind, pos, end, flags, start, its own text and that it is
 * its parent's child (parent pointers), and every node list's range.
 */
function dump(sf: ts.SourceFile): string {
  const out: string[] = [`variant ${sf.languageVariant} module ${ts.isExternalModule(sf)} statements ${sf.statements.length}`];
  const text = sf.text;
  const visit = (n: ts.Node, parent: ts.Node | undefined, depth: number): void => {
    const own = ts.isIdentifier(n) || ts.isPrivateIdentifier(n) ? n.text : ts.isLiteralExpression(n) || ts.isTemplateLiteralToken(n) ? `${n.text}|${(n as { rawText?: string }).rawText ?? ''}` : '';
    // A parameter's modifier keywords are parsed in the enclosing function's await context but
    // reused with the parameter by its own: the flag can differ on a keyword that has no inner
    // syntax (decorators, which have, make parse.ts parse afresh).
    const flags = n.flags & ~NOT_SYNTAX & ~(ts.isModifier(n) && parent && ts.isParameter(parent) ? ts.NodeFlags.AwaitContext : 0);
    const start = n.kind === ts.SyntaxKind.SourceFile ? n.pos : n.getStart(sf);
    out.push(`${depth} ${ts.SyntaxKind[n.kind]} ${n.pos}-${n.end} @${start} f${flags} ${n.parent === parent ? '' : 'WRONG PARENT '}${own} «${text.slice(start, Math.min(n.end, start + 40))}»`);
    ts.forEachChild(
      n,
      (c) => visit(c, n, depth + 1),
      (list) => {
        out.push(`${depth + 1} [${list.pos}-${list.end}${list.hasTrailingComma ? ',' : ''}]`);
        for (const c of list) visit(c, n, depth + 1);
      },
    );
  };
  visit(sf, undefined, 0);
  return out.join('\n');
}

/** A fresh engine parse of the same text: a path never parsed before, same extension. */
let freshSeq = 0;
function freshParse(file: string, text: string): ParsedCode {
  const other = path.join(path.dirname(file), `fresh-${++freshSeq}-${path.basename(file)}`);
  const parsed = parseCode(other, text);
  forgetParsed([other]);
  return parsed;
}

function assertSameParse(inc: ParsedCode, fresh: ParsedCode, what: string): void {
  assert.equal(inc.text, fresh.text, what);
  assert.deepEqual(inc.tooDeep, fresh.tooDeep, `${what}: tooDeep`);
  assert.deepEqual(inc.syntaxErrors, fresh.syntaxErrors, `${what}: syntax errors`);
  const a = dump(inc.sourceFile);
  const b = dump(fresh.sourceFile);
  if (a !== b) {
    const la = a.split('\n');
    const lb = b.split('\n');
    let i = 0;
    while (i < la.length && la[i] === lb[i]) i++;
    assert.fail(`${what}: trees differ at dump line ${i}:\n  incremental: ${la[i]}\n  fresh:       ${lb[i]}`);
  }
}

function loadFixture(root: string): Skill {
  const host = new DiskFileHost();
  const [project] = discoverSkills(root, host);
  assert.ok(project, `a skill at ${root}`);
  return loadSkill(project, host);
}

function lint(skill: Skill): Finding[] {
  return lintSkill(skill, { config: emptyConfig(), onInternalError: (id, e) => assert.fail(`rule ${id} threw: ${String(e)}`) });
}

/** Findings with the copy's root written as the original's, to compare runs over two copies. */
function rooted(findings: Finding[], from: string, to: string): Finding[] {
  return JSON.parse(JSON.stringify(findings).split(JSON.stringify(from).slice(1, -1)).join(JSON.stringify(to).slice(1, -1))) as Finding[];
}

describe('incremental re-parsing (code/parse.ts)', () => {
  const files = ['index.js', 'receipts.ts', 'legacy.js'].map((f) => path.join(FIXTURE, 'lambda', f));
  const originals = new Map(files.map((f) => [f, fs.readFileSync(f, 'utf8')]));
  afterEach(() => clearParseCache());

  it('keeps the tree of every random edit equal to a fresh parse (3 files × 500 seeded edits)', function () {
    this.timeout(120000);
    let incremental = 0;
    for (const [n, file] of files.entries()) {
      const next = rng(20261201 + n);
      const other = originals.get(files[(n + 1) % files.length])!;
      let text = originals.get(file)!;
      clearParseCache();
      let prev = parseCode(file, text);
      const history: string[] = [];
      for (let step = 0; step < 500; step++) {
        const r = next();
        let changed: string;
        if (r < 0.02) changed = originals.get(file)!;
        else if (r < 0.1 && history.length) changed = history.pop()!; // undo
        else {
          history.push(text);
          changed = apply(text, randomEdit(text, next, other));
        }
        const before = prev.sourceFile;
        const parsed = parseCode(file, changed);
        const what = `${path.basename(file)} edit ${step}`;
        assertSameParse(parsed, freshParse(file, changed), what);
        if (changed !== text && parsed.sourceFile.statements.some((s) => before.statements.includes(s))) incremental++;
        text = changed;
        prev = parsed;
      }
    }
    // Most edits must really have gone the incremental way (reused statements), or nothing was tested.
    assert.ok(incremental > 900, `only ${incremental} of 1500 edits re-used nodes of the old tree`);
  });

  it('gives the findings and fixes of a fresh run after every edit of a skill (3 files × 60 seeded edits)', function () {
    this.timeout(120000);
    const copyRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-incremental-'));
    try {
      fs.cpSync(FIXTURE, copyRoot, { recursive: true });
      const skill = loadFixture(FIXTURE);
      const copy = loadFixture(copyRoot);
      const copyOf = (file: string): string => path.join(copyRoot, path.relative(FIXTURE, file));
      const before = lint(skill);
      assert.ok(before.length >= 15 && before.some((f) => f.fixes.length > 0), 'the fixture skill has findings with fixes');
      const next = rng(7);
      let compared = 0;
      for (let step = 0; step < 180; step++) {
        const i = step % skill.code.length;
        const file = skill.code[i].file;
        const other = skill.code[(i + 1) % skill.code.length].text;
        const text = next() < 0.03 ? originals.get(file)! : apply(skill.code[i].text, randomEdit(skill.code[i].text, next, other));
        skill.code = skill.code.map((c, j) => (j === i ? { file: c.file, text } : c));
        copy.code = copy.code.map((c) => (c.file === copyOf(file) ? { file: c.file, text } : c));
        const got = lint(skill);
        // The copy is parsed afresh: its trees are dropped before every run.
        forgetParsed(copy.code.map((c) => c.file));
        const fresh = rooted(lint(copy), copyRoot, FIXTURE);
        assert.deepEqual(got, fresh, `findings after edit ${step} of ${path.basename(file)}`);
        if (step % 30 === 29) {
          // And against a run after clearParseCache(), as the CLI runs (the next edit starts a new chain).
          clearParseCache();
          assert.deepEqual(lint(skill), got, `findings after edit ${step}, parse cache cleared`);
        }
        compared += got.length;
      }
      assert.ok(compared > 1000, `findings compared: ${compared}`);
    } finally {
      fs.rmSync(copyRoot, { recursive: true, force: true });
    }
  });

  it('finds the changed part of two texts as a character-by-character comparison does (2,000 seeded pairs, up to 40,000 characters)', () => {
    const next = rng(4242);
    const slow = (a: string, b: string): { start: number; oldLength: number; newLength: number } => {
      const max = Math.min(a.length, b.length);
      let start = 0;
      while (start < max && a.charCodeAt(start) === b.charCodeAt(start)) start++;
      let tail = 0;
      while (tail < max - start && a.charCodeAt(a.length - 1 - tail) === b.charCodeAt(b.length - 1 - tail)) tail++;
      return { start, oldLength: a.length - start - tail, newLength: b.length - start - tail };
    };
    for (let k = 0; k < 2000; k++) {
      // Texts around the 256-character blocks, of few letters so that prefix and suffix overlap;
      // every fourth long enough for the compared block to double several times.
      const len = Math.floor(next() * (k % 4 === 0 ? 40000 : 1400));
      const a = Array.from({ length: len }, () => 'ab\n'[Math.floor(next() * 3)]).join('');
      const at = Math.floor(next() * (len + 1));
      const cut = Math.floor(next() * Math.min(600, len - at + 1));
      const put = 'ab'.repeat(Math.floor(next() * 300)).slice(0, Math.floor(next() * 520));
      const b = k % 10 === 0 ? a : a.slice(0, at) + put + a.slice(at + cut);
      assert.deepEqual(changedPart(a, b), slow(a, b), `pair ${k}`);
    }
  });

  it('handles edits at offset 0 and at the very end', () => {
    const file = files[0];
    let text = originals.get(file)!;
    parseCode(file, text);
    for (const e of [
      { offset: 0, remove: 0, insert: '// header\n' },
      { offset: 0, remove: 3, insert: '' },
      { offset: 0, remove: 0, insert: '{' },
      { offset: 0, remove: 1, insert: '' },
      { offset: 0, remove: 0, insert: '`' },
      { offset: 0, remove: 1, insert: '' },
    ]) {
      text = apply(text, e);
      assertSameParse(parseCode(file, text), freshParse(file, text), `at 0: ${JSON.stringify(e)}`);
    }
    for (const insert of ['\n', 'exports.more = 1;\n', 'function tail() {', '\n}', '/* open', ' */', '`${']) {
      text = text + insert;
      assertSameParse(parseCode(file, text), freshParse(file, text), `at the end: ${JSON.stringify(insert)}`);
    }
    for (const n of [1, 3, 10]) {
      text = text.slice(0, -n);
      assertSameParse(parseCode(file, text), freshParse(file, text), `${n} removed at the end`);
    }
    text = '';
    assertSameParse(parseCode(file, text), freshParse(file, text), 'everything deleted');
    text = 'const a = 1;';
    assertSameParse(parseCode(file, text), freshParse(file, text), 'typed into an empty file');
  });

  it('still reports tooDeep when an incremental edit nests too deep, and recovers after it', () => {
    const file = files[1];
    const base = originals.get(file)!;
    const inside = base.indexOf('const email');
    const top = base.indexOf('export function smsLine');
    assert.ok(parseCode(file, base).tooDeep === undefined);
    const cases: Array<[string, string]> = [
      // Deeper than the analysis walks, shallow enough for the parser: tooDeep at the deep node.
      ['in a function body', base.slice(0, inside) + `const deep = ${'['.repeat(MAX_CODE_DEPTH)}1${']'.repeat(MAX_CODE_DEPTH)};\n  ` + base.slice(inside)],
      ['back to normal', base],
      ['a new top-level statement', base.slice(0, top) + `const deep = ${'('.repeat(MAX_CODE_DEPTH)}1${')'.repeat(MAX_CODE_DEPTH)};\n` + base.slice(top)],
      // So deep that the parser itself overflows its stack.
      ['the parser overflows', base.slice(0, top) + `const deep = ${'['.repeat(20000)}${']'.repeat(20000)};\n` + base.slice(top)],
      ['back to normal again', base],
      ['a shallow edit after that', base.replace('8.5 }]', '9 }]')],
    ];
    for (const [what, text] of cases) {
      const parsed = parseCode(file, text);
      assertSameParse(parsed, freshParse(file, text), what);
      assert.equal(parsed.tooDeep !== undefined, what.startsWith('in a') || what.startsWith('a new') || what.startsWith('the parser'), `${what}: tooDeep ${JSON.stringify(parsed.tooDeep)}`);
    }
    // The deep node is the one the fresh parse names, not the top of the statement. 1,000 nested
    // brackets are near the parser's own stack limit: where the call stack is already deep (a full
    // test run) TypeScript can overflow on them, and then both parses say offset 0 (parse.ts).
    const deep = parseCode(file, cases[0][1]);
    const fresh = freshParse(file, cases[0][1]);
    assert.deepEqual(deep.tooDeep, fresh.tooDeep);
    assert.ok(deep.tooDeep && (deep.tooDeep.offset === 0 || deep.tooDeep.offset > inside + 14), `tooDeep at ${deep.tooDeep?.offset}`);
  });

  it('parses a file under its new kind when it is renamed (.js → .ts → .tsx), with the errors of that kind', () => {
    const text = 'const a = <string>b;\ninterface I { x: number }\nconst el = <div>{a}</div>;\n';
    const errorsAs = (ext: string): number => {
      const file = path.join(FIXTURE, 'lambda', `renamed${ext}`);
      const parsed = parseCode(file, text);
      assertSameParse(parsed, freshParse(file, text), ext);
      assert.equal(parsed.sourceFile.languageVariant, ext === '.ts' ? ts.LanguageVariant.Standard : ts.LanguageVariant.JSX, ext);
      // An edit under the new kind is still incremental and still right.
      const edited = text.replace('x: number', 'x: string');
      assertSameParse(parseCode(file, edited), freshParse(file, edited), `${ext} edited`);
      forgetParsed([file]);
      return parsed.syntaxErrors.length;
    };
    const js = errorsAs('.js');
    const tsErrors = errorsAs('.ts');
    const tsx = errorsAs('.tsx');
    assert.ok(js > 0, 'interfaces are no JavaScript');
    assert.notEqual(tsErrors, tsx, '<string>b is a type assertion in .ts, an unclosed element in .tsx');
  });

  it('keeps forgetParsed, isParsed and clearParseCache working', () => {
    const [a, b] = files;
    parseCode(a, originals.get(a)!);
    parseCode(b, originals.get(b)!);
    const edited = parseCode(a, originals.get(a)! + '\n// more\n');
    assert.equal(isParsed(a), true);
    forgetParsed([a]);
    assert.equal(isParsed(a), false);
    assert.equal(isParsed(b), true);
    // After forgetting, the same text is parsed afresh: a new tree, equal to the incremental one.
    const again = parseCode(a, originals.get(a)! + '\n// more\n');
    assert.notEqual(again.sourceFile, edited.sourceFile);
    assert.equal(dump(again.sourceFile), dump(edited.sourceFile));
    clearParseCache();
    assert.equal(isParsed(b), false);
  });

  it('lets go of older texts of a file: strings of nodes parsed anew are copied out of their text', () => {
    // V8 keeps a whole string alive for any longer substring sliced from it, and the scanner
    // slices names and literal values from the file text; a reused node lives on into later
    // trees. Without the copy every version whose statements were parsed anew stays in memory.
    // A new context made after this flag has `gc`.
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const file = '/virtual/retention/handlers.js';
    const handlers = Array.from({ length: 600 }, (_, i) => `const handlerNumber${i}WithALongName = { handle(h) { return h.responseBuilder.speak('Say something long enough to be sliced ${i}').getResponse(); } };`);
    let text = handlers.join('\n') + '\n';
    parseCode(file, text);
    const heapAfter = (edits: number): number => {
      for (let k = 0; k < edits; k++) {
        // One letter typed into a different statement each time, far apart.
        const at = text.indexOf("speak('", (k * 7919) % (text.length - 200)) + 7;
        text = text.slice(0, at) + 'x' + text.slice(at);
        parseCode(file, text);
      }
      gc();
      gc();
      return process.memoryUsage().heapUsed;
    };
    const before = heapAfter(20);
    const after = heapAfter(200);
    clearParseCache();
    // 200 retained versions of this ~80 KB text would be ~32 MB (with two-byte copies more).
    assert.ok(after - before < 4 * text.length, `heap grew by ${((after - before) / 1024).toFixed(0)} KiB over 200 edits of a ${(text.length / 1024).toFixed(0)} KiB file`);
  });

  it('never hands out the same tree for two texts, so per-tree caches cannot mix them', () => {
    const file = files[2];
    const seen = new Set<ts.SourceFile>();
    let text = originals.get(file)!;
    for (let i = 0; i < 20; i++) {
      text = i % 2 ? text.replace('Bye!', 'Bye now!') : text.replace('Bye now!', 'Bye!');
      const sf = parseCode(file, text).sourceFile;
      assert.equal(seen.has(sf), false, `edit ${i}`);
      seen.add(sf);
      assert.equal(parseCode(file, text).sourceFile, sf, 'the same text gives the cached tree');
    }
  });
});

// The caches kept per inner node, where an incremental update moves an unchanged node under new
// ancestors: each answer must be the fresh tree's, and the node must really be the reused one.
describe('node caches across incremental re-parses', () => {
  afterEach(() => clearParseCache());

  /** The first node of `sf` whose text starts at `at` and that passes `test`. */
  function nodeAt<T extends ts.Node>(sf: ts.SourceFile, at: number, test: (n: ts.Node) => n is T): T {
    let found: T | undefined;
    const visit = (n: ts.Node): void => {
      if (found || n.end < at || n.pos > at) return;
      if (test(n) && n.getStart(sf) === at) found = n;
      else ts.forEachChild(n, visit);
    };
    visit(sf);
    assert.ok(found, `a node at ${at}`);
    return found;
  }

  it('findDeclaration: a name in a reused statement resolves to the declaration around it now', () => {
    const file = path.join(FIXTURE, 'lambda', 'shadow.js');
    const use = "  console.log('to', phone);\n";
    const base = `function send(handlerInput) {\n  const phone = Alexa.getSlotValue(handlerInput.requestEnvelope, 'phone');\n  if (phone) {\n    const at = Date.now();\n    let tries = 3;\n${use}  }\n}\n`;
    const shadowed = base.replace('    const at', "    const phone = 'none';\n    const at");
    const idIn = (sf: ts.SourceFile, text: string): ts.Identifier => nodeAt(sf, text.indexOf(use) + use.indexOf('phone'), ts.isIdentifier);
    const first = parseCode(file, base).sourceFile;
    const id = idIn(first, base);
    const slot = findDeclaration('phone', id);
    assert.ok(slot && ts.isVariableDeclaration(slot) && slot.initializer && ts.isCallExpression(slot.initializer), 'the slot value');
    const second = parseCode(file, shadowed).sourceFile;
    assert.equal(idIn(second, shadowed), id, 'the console.log statement was reused, with its identifier');
    const inner = findDeclaration('phone', id);
    assert.ok(inner && ts.isVariableDeclaration(inner) && inner.initializer && ts.isStringLiteral(inner.initializer), `the block's constant, not ${inner && ts.SyntaxKind[inner.kind]}`);
    assert.equal(inner.getSourceFile(), second);
    // And back: the statement moves again, the slot value is its declaration again.
    const third = parseCode(file, base).sourceFile;
    const back = findDeclaration('phone', idIn(third, base));
    assert.ok(back && ts.isVariableDeclaration(back) && back.initializer && ts.isCallExpression(back.initializer));
    assert.equal(back.getSourceFile(), third);
  });

  it('handlerStyle: a reused function becomes a handler when another statement names it `handle`', () => {
    const file = path.join(FIXTURE, 'lambda', 'style.js');
    const fn = 'function answer(handlerInput) {\n  return handlerInput.responseBuilder.getResponse();\n}\n';
    const base = `${fn}const Other = { canHandle() { return true; }, handle: other };\n`;
    const named = base.replace('handle: other', 'handle: answer');
    const fnIn = (sf: ts.SourceFile): ts.FunctionDeclaration => nodeAt(sf, 0, ts.isFunctionDeclaration);
    const a = fnIn(parseCode(file, base).sourceFile);
    assert.equal(handlerStyle(a), undefined);
    const b = fnIn(parseCode(file, named).sourceFile);
    assert.equal(b, a, 'the function declaration was reused');
    assert.equal(handlerStyle(b), 'v2');
    assert.equal(handlerStyle(fnIn(parseCode(file, base).sourceFile)), undefined);
  });
});
