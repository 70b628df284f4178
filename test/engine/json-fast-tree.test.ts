/**
 * The strict-JSON tree builder (json/fast-tree.ts) against jsonc-parser's parseTree, over seeded
 * random documents: where it answers, jsonc-parser reads the text without an error and builds the
 * same tree (every field, in the same order, the same parent links, offsets and values); where it
 * does not (comments, trailing commas, other whitespace, broken text), parseJsonDocument gives
 * jsonc-parser's tree and errors as before.
 */
import { strict as assert } from 'assert';
import { Node, ParseError, parseTree } from 'jsonc-parser';
import { parseJsonDocument } from '../../server/src/engine/json/document';
import { parseStrictJsonTree } from '../../server/src/engine/json/fast-tree';
import { Random } from '../robustness/support';

const JSONC = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false };

/** A node as nested arrays of [key, value] in field order; parents checked by identity on the way. */
function shape(node: Node, parent: Node | undefined): unknown {
  assert.equal(node.parent, parent, 'parent link');
  return Object.keys(node).map((k) => {
    const v = (node as unknown as Record<string, unknown>)[k];
    if (k === 'parent') return [k];
    if (k === 'children') return [k, (v as Node[]).map((c) => shape(c, node))];
    return [k, typeof v === 'number' && Object.is(v, -0) ? '-0' : v];
  });
}

const STRINGS = ['', 'a', 'speak', 'é', '😀', 'tab\there', 'quote"', 'back\\slash', 'line\nbreak', '\u2028', '\u0001', 'AMAZON.PhoneNumber', '/'];
const NUMBERS = ['0', '-0', '1', '-12', '3.25', '1e5', '1E-3', '2.5e+10', '1e400', '-0.0', '10'];
const SPACES = ['', ' ', '  ', '\n', '\r\n', '\t', '\n    '];

function randomJson(r: Random, depth: number): string {
  const ws = () => r.pick(SPACES);
  const k = r.int(depth > 4 ? 4 : 7);
  switch (k) {
    case 0:
      return JSON.stringify(r.pick(STRINGS));
    case 1:
      return r.pick(NUMBERS);
    case 2:
      return r.pick(['true', 'false', 'null']);
    case 3:
      return `"${r.pick(['\\u00e9', '\\/', '\\ud83d\\ude00', '\\ud800', 'x\\"y', '\\b\\f\\n\\r\\t'])}"`;
    case 4:
    case 5: {
      const n = r.int(4);
      const props = Array.from({ length: n }, () => `${ws()}${JSON.stringify(r.pick(STRINGS))}${ws()}:${ws()}${randomJson(r, depth + 1)}${ws()}`);
      return `{${props.join(',')}${n ? '' : ws()}}`;
    }
    default: {
      const n = r.int(4);
      return `[${Array.from({ length: n }, () => `${ws()}${randomJson(r, depth + 1)}${ws()}`).join(',')}${n ? '' : ws()}]`;
    }
  }
}

const BREAKS = ['// c\n', '/* c */', ',', '\u000b', '\u00a0', '\ufeff', 'x', '"', '{', ']', ':', '-', '.', 'e', '0', 'tru', '\u0000', '\\'];

function mutate(r: Random, text: string): string {
  const at = r.int(text.length + 1);
  switch (r.int(4)) {
    case 0:
      return text.slice(0, at) + r.pick(BREAKS) + text.slice(at);
    case 1:
      return text.slice(0, at) + text.slice(at + 1 + r.int(3));
    case 2:
      return text.slice(0, at);
    default:
      return text.replace(/(\d|"|\])(\s*)([}\]])/, '$1,$2$3');
  }
}

describe('json fast tree: the same tree as jsonc-parser', () => {
  it('answers only for texts jsonc-parser reads without an error, with an identical tree (4,000 seeded documents)', () => {
    const r = new Random(8801);
    let fast = 0;
    let fallback = 0;
    for (let t = 0; t < 4000; t++) {
      let text = `${r.pick(SPACES)}${randomJson(r, 0)}${r.pick(SPACES)}`;
      if (r.chance(0.4)) text = mutate(r, text);
      const errors: ParseError[] = [];
      const expected = parseTree(text, errors, JSONC);
      const got = parseStrictJsonTree(text);
      if (got === undefined) {
        fallback++;
        continue;
      }
      fast++;
      assert.deepEqual(errors, [], `fast path on a text with errors: ${JSON.stringify(text)}`);
      assert.ok(expected);
      assert.deepEqual(shape(got, undefined), shape(expected, undefined), JSON.stringify(text));
    }
    assert.ok(fast > 2000, `fast ${fast}`);
    assert.ok(fallback > 500, `fallback ${fallback}`);
  });

  it('parseJsonDocument gives jsonc-parser tree and errors for every text, BOM included', () => {
    const r = new Random(8802);
    for (let t = 0; t < 1500; t++) {
      let text = randomJson(r, 0);
      if (r.chance(0.5)) text = mutate(r, text);
      if (r.chance(0.1)) text = '\ufeff' + text;
      const doc = parseJsonDocument(`/fast-tree/${t}.json`, text);
      const errors: ParseError[] = [];
      const source = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
      const expected = parseTree(source, errors, JSONC);
      assert.equal(doc.root === undefined, expected === undefined, JSON.stringify(text));
      if (doc.root && expected) assert.deepEqual(shape(doc.root, undefined), shape(expected, undefined), JSON.stringify(text));
      assert.deepEqual(
        doc.errors.map((e) => [e.code, e.offset, e.length]),
        errors.map((e) => [e.error, e.offset, Math.max(e.length, 0)]),
        JSON.stringify(text),
      );
    }
  });

  it('hand cases: nesting, escapes, numbers that stop early, words that run on', () => {
    const same = (text: string) => {
      const got = parseStrictJsonTree(text);
      assert.ok(got, text);
      assert.deepEqual(shape(got, undefined), shape(parseTree(text, [], JSONC)!, undefined));
    };
    same('{"a":{"b":[1,{"c":null}],"d":"\\u00e9"},"e":[]}');
    same('  [ -0 , 1e400 , "x" ]  ');
    same('{"": ""}');
    for (const bad of ['', '   ', '01', '1.', '-', '1e', 'truex', 'nul', '[1,]', '{"a":1,}', '{"a" 1}', '[1 2]', '"a\nb"', '{a:1}', '1 2', '[1]//c', '\u00a0[]', '"\\x"', '[', '{"a":']) {
      assert.equal(parseStrictJsonTree(bad), undefined, JSON.stringify(bad));
    }
  });
});
