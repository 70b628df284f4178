import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Node, ParseError, parseTree } from 'jsonc-parser';
import { parseJsonDocument } from '../../server/src/engine/json/document';
import { strictTree } from '../../server/src/engine/json/strict-tree';
import { Random } from '../robustness/support';

const ROOT = path.join(__dirname, '..', '..', '..');

/** What json/document.ts asked jsonc-parser for before the strict parser, with its errors. */
function jsoncTree(text: string): { root: Node | undefined; errors: ParseError[] } {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
  return { root, errors };
}

/**
 * Where two trees differ, or undefined: the same properties in the same order on every node, the
 * same values (`Object.is`: -0 is not 0), and each node's `parent` the node it sits in (the root:
 * no `parent` property at all).
 */
function difference(a: Node, b: Node, parentA: Node | undefined, parentB: Node | undefined, at = '$'): string | undefined {
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.join() !== keysB.join()) return `${at}: properties ${keysA.join()} against ${keysB.join()}`;
  for (const k of keysA) {
    if (k === 'parent') {
      if (a.parent !== parentA || b.parent !== parentB) return `${at}: parent`;
    } else if (k === 'children') {
      const ca = a.children as Node[];
      const cb = b.children as Node[];
      if (ca.length !== cb.length) return `${at}: ${ca.length} children against ${cb.length}`;
      for (let i = 0; i < ca.length; i++) {
        const d = difference(ca[i], cb[i], a, b, `${at}.${i}`);
        if (d) return d;
      }
    } else if (!Object.is((a as unknown as Record<string, unknown>)[k], (b as unknown as Record<string, unknown>)[k])) {
      return `${at}: ${k} ${String((a as unknown as Record<string, unknown>)[k])} against ${String((b as unknown as Record<string, unknown>)[k])}`;
    }
  }
  return undefined;
}

/** The strict parser's answer for `text` checked against jsonc-parser's and JSON.parse's. */
function check(text: string): 'strict' | 'fallback' {
  const fast = strictTree(text);
  let plain = true;
  try {
    JSON.parse(text);
  } catch {
    plain = false;
  }
  // Strict JSON is what JSON.parse accepts (its whitespace is these four characters too): every such
  // file takes the fast path, and nothing else does.
  assert.equal(fast !== undefined, plain, `strict tree ${fast ? 'built' : 'refused'} for ${JSON.stringify(text)}`);
  if (!fast) return 'fallback';
  const reference = jsoncTree(text);
  assert.deepEqual(reference.errors, [], `jsonc-parser reports errors for ${JSON.stringify(text)}`);
  assert.ok(reference.root);
  assert.ok(!('parent' in fast) && !('parent' in reference.root));
  const d = difference(fast, reference.root, undefined, undefined);
  assert.equal(d, undefined, `${d} in ${JSON.stringify(text)}`);
  return 'strict';
}

const SPACE = ['', ' ', '  ', '\n', '\r\n', '\t', '\n    '];
const STRING_PARTS = ['a', 'Hello', ' ', 'é', '日本', '😀', '\\"', '\\\\', '\\/', '\\b', '\\f', '\\n', '\\r', '\\t', '\\u0041', '\\u00e9', '\\uD83D\\uDE00', '\\ud800', '\\uFFFF', '/', '{', '[', ',', ':', '\u2028', '\u00a0', '\u007f'];
const NUMBERS = ['0', '-0', '1', '-1', '12', '0.5', '-0.25', '1e5', '1E5', '1e+5', '1e-5', '2.5E-3', '123456789012345678901234567890', '1e400', '-1e-400', '0.1', '9007199254740993'];

/** A random JSON text written with random whitespace between its tokens. */
function randomJson(r: Random, depth: number): string {
  const ws = (): string => r.pick(SPACE);
  const kind = depth <= 0 ? 2 + r.int(4) : r.int(6);
  switch (kind) {
    case 0: {
      const n = r.int(4);
      const items = Array.from({ length: n }, () => `${ws()}${randomString(r)}${ws()}:${ws()}${randomJson(r, depth - 1)}${ws()}`);
      return n ? `{${items.join(',')}}` : `{${ws()}}`;
    }
    case 1: {
      const n = r.int(4);
      const items = Array.from({ length: n }, () => `${ws()}${randomJson(r, depth - 1)}${ws()}`);
      return n ? `[${items.join(',')}]` : `[${ws()}]`;
    }
    case 2:
      return randomString(r);
    case 3:
      return r.pick(NUMBERS);
    case 4:
      return r.pick(['true', 'false', 'null']);
    default:
      return r.chance(0.5) ? randomString(r) : r.pick(NUMBERS);
  }
}

function randomString(r: Random): string {
  let s = '"';
  for (let i = r.int(5); i > 0; i--) s += r.pick(STRING_PARTS);
  return s + '"';
}

/** Characters that break strict JSON in every way jsonc-parser tolerates or reports. */
const MUTATIONS = ['/', '//', '/*', '*/', ',', ']', '}', '[', '{', '"', '\\', ':', '\u00a0', '\u000b', '\f', '\ufeff', '\u2028', '\u0000', '\u0001', '\u001f', 'x', '0', '-', '.', 'e', '+', 'u', 'tru', 'nul', ' ', '\n'];

function mutate(r: Random, text: string): string {
  const at = r.int(text.length + 1);
  switch (r.int(3)) {
    case 0:
      return text.slice(0, at) + text.slice(at + 1);
    case 1:
      return text.slice(0, at) + r.pick(MUTATIONS) + text.slice(at);
    default:
      return text.slice(0, at) + r.pick(MUTATIONS) + text.slice(at + 1);
  }
}

/** The repository's own JSON files: skill manifests and models of the fixtures and examples, schemas, package files. */
function repositoryJson(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.json')) out.push(p);
    }
  };
  for (const d of ['test/fixtures', 'examples', 'schemas', 'snippets']) walk(path.join(ROOT, d));
  out.push(path.join(ROOT, 'package.json'));
  return out;
}

describe('json/strict-tree', () => {
  it("builds jsonc-parser's tree for the repository's JSON files, and for each with CRLF line ends", () => {
    const files = repositoryJson();
    assert.ok(files.length > 50, `${files.length} files`);
    let strict = 0;
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      for (const t of [text, text.replace(/\r?\n/g, '\r\n')]) if (check(t) === 'strict') strict++;
    }
    assert.ok(strict > files.length, `${strict} of ${2 * files.length} texts took the strict path`);
  });

  it('agrees with jsonc-parser on 3,000 random texts and 30,000 one-character mutations of them', () => {
    const r = new Random(20260802);
    const counts = { strict: 0, fallback: 0 };
    for (let i = 0; i < 3000; i++) {
      const text = `${r.pick(SPACE)}${randomJson(r, 1 + r.int(4))}${r.pick(SPACE)}`;
      assert.equal(check(text), 'strict', text);
      for (let k = 0; k < 10; k++) counts[check(mutate(r, text))]++;
    }
    // Both paths are exercised: mutations that stay strict JSON and ones that fall back.
    assert.ok(counts.strict > 3000 && counts.fallback > 10000, JSON.stringify(counts));
  });

  it('refuses what jsonc-parser accepts with or without errors: comments, trailing commas, other whitespace, empty text', () => {
    for (const text of ['', ' ', '{"a": 1,}', '[1,]', '// c\n{}', '{"a": /* c */ 1}', '\u00a0{}', '{}\u000b', '\ufeff{}', '{"a": 1} x', '{"a" 1}', '[01]', '[1.]', '[.5]', '[+1]', '["a\u0001"]', '["\\x"]', '["\\u12"]', 'tru', 'nullx', '[true false]']) {
      assert.equal(strictTree(text), undefined, JSON.stringify(text));
      check(text);
    }
  });

  it('parseJsonDocument gives the tree jsonc-parser gives, for strict JSON and for JSONC', () => {
    for (const text of ['{\n  "manifest": { "privacy": [1, -0, 2.5e3, "x\\ny"] }\n}', '{\n  // comment\n  "a": [1, 2,],\n}', '\ufeff{"a": 1}']) {
      const doc = parseJsonDocument(`/virtual/strict-${Math.random()}.json`, text);
      const source = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
      const reference = jsoncTree(source);
      assert.deepEqual(doc.errors.map((e) => [e.code, e.offset, e.length]), reference.errors.map((e) => [e.error, e.offset, e.length]));
      assert.ok(doc.root && reference.root);
      assert.equal(difference(doc.root, reference.root, undefined, undefined), undefined, text);
    }
  });
});
