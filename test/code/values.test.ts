/**
 * The allocation-lean value helpers of code/values.ts and the field-by-field copies of
 * code/analyze.ts: the same fields as the object spreads they replace, one tag set per tag that
 * nothing changes, and the model's sources with their fields in the order the spread gave them
 * (the JSON output shows it).
 */
import { strict as assert } from 'assert';
import * as ts from 'typescript';
import { codeModel } from '../../server/src/engine/code/analyze';
import { EMPTY, EnvRef, Tag, Val, absorbInto, copyVal, envRef, join, joinAll, signature, strList, strVal, tagVal, withStep } from '../../server/src/engine/code/values';
import { mulberry32 as rng } from '../robustness/support';
import { analysisOf } from './helpers';

// The string keys lists were merged by, and the signature built from sorted part lists, before
// both went without the intermediate strings and arrays: the reference for the tests below.
const envKey = (e: NonNullable<Val['env']>[number]): string => `${e.path.join('.')}@${e.file}:${e.node.pos}`;
const libKey = (l: NonNullable<Val['libs']>[number]): string => `${l.lib}:${l.path.join('.')}`;
const fnKey = (f: NonNullable<Val['fns']>[number]): string => `${f.file}:${f.node.pos}:${f.env.id}`;
function refUnion<T>(a: T[] | undefined, b: T[] | undefined, key: (x: T) => string, max: number): T[] | undefined {
  if (!a?.length) return b?.length ? b : undefined;
  if (!b?.length || a.length >= max) return a;
  const seen = new Set(a.map(key));
  const out = [...a];
  for (const x of b) {
    if (out.length >= max) break;
    const k = key(x);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(x);
    }
  }
  return out;
}
function refSignature(v: Val, depth = 0): string {
  if (!v.taints?.size && !v.env?.length && !v.libs?.length && !v.fns?.length && !v.tags?.size && !v.props && !v.strs?.length && !v.resolved && !v.cls) return '';
  const parts: string[] = [];
  if (v.taints?.size) parts.push('t' + [...v.taints.keys()].sort().join(','));
  if (v.env?.length) parts.push('e' + v.env.map((e) => e.path.join('.')).sort().join(','));
  if (v.libs?.length) parts.push('l' + v.libs.map(libKey).sort().join(','));
  if (v.fns?.length) parts.push('f' + v.fns.map(fnKey).sort().join(','));
  if (v.tags?.size) parts.push('g' + [...v.tags].sort().join(','));
  if (v.strs?.length) parts.push('s' + v.strs.join('\u0001'));
  if (v.props && depth < 2) parts.push('p{' + [...v.props].map(([k, x]) => `${k}:${refSignature(x, depth + 1)}`).join(';') + '}');
  const s = parts.join('|');
  return s.length > 600 ? s.slice(0, 600) : s;
}

/**
 * Seeded random values whose list items collide in every way their keys can: the same object,
 * equal keys from different objects, and keys equal only as joined strings (`a.b` as one path
 * segment or two, `http:x` + `y` against `http` + `x:y`).
 */
function randomValues(seed: number): () => Val {
  const next = rng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(next() * xs.length)];
  const nodes = [0, 7].map((pos) => ({ pos }) as never);
  const envs = [1, 2, 12].map((id) => ({ id, vars: new Map(), parent: undefined }));
  const files = ['a.js', 'a.js:1'];
  // Every combination, twice (equal keys, different objects).
  const envPool: EnvRef[] = [];
  const libPool: Array<{ lib: string; path: string[] }> = [];
  const fnPool: never[] = [];
  for (let twice = 0; twice < 2; twice++) {
    for (const node of nodes) for (const file of files) for (const path of [[], ['request'], ['request', 'intent'], ['request.intent'], ['a.b', 'c'], ['a', 'b.c']]) envPool.push({ path, node, file, steps: [] });
    for (const lib of ['http:x', 'http', 'console', 'http:x:y']) for (const path of [[], ['y'], ['x:y'], ['post'], ['a', 'b'], ['a.b']]) libPool.push({ lib, path });
    for (const node of nodes) for (const env of envs) for (const file of files) fnPool.push({ node, env, file, name: 'f' } as never);
  }
  const list = <T>(pool: T[], n: number): T[] => Array.from({ length: 1 + Math.floor(next() * n) }, () => pick(pool));
  return () => {
    const v: Val = {};
    if (next() < 0.3) v.taints = new Map(list(['b', 'a', 'c'], 3).map((k) => [k, { source: { id: k } as never, steps: [] }]));
    if (next() < 0.5) v.env = list(envPool, next() < 0.2 ? 20 : 3);
    if (next() < 0.5) v.libs = list(libPool, next() < 0.2 ? 20 : 3);
    if (next() < 0.5) v.fns = list(fnPool, next() < 0.2 ? 20 : 3);
    if (next() < 0.3) v.tags = new Set(list(['this', 'module', 'response-builder'] as Tag[], 3));
    if (next() < 0.4) v.strs = list(['a', 'b', '{x}', 'https://h/'], 10).slice(0, 8);
    if (next() < 0.3) v.props = new Map(list(['x', 'y', 'handle'], 3).map((k) => [k, next() < 0.5 ? EMPTY : { strs: [k], props: new Map([['z', { tags: new Set(['this' as Tag]) }]]) }]));
    return v;
  };
}

const node = ts.factory.createIdentifier('x');
const FIELDS: Array<[keyof Val, unknown]> = [
  ['taints', new Map()],
  ['env', [{ path: ['a'], node, file: 'f', steps: [] }]],
  ['libs', [{ lib: 'console', path: [] }]],
  ['fns', []],
  ['tags', new Set(['this'])],
  ['props', new Map()],
  ['strs', ['s']],
  ['lit', { node, file: 'f' }],
  ['resolved', {}],
  ['cls', { node, file: 'f' }],
];

/** A value's set fields, by name, in a fixed order (presence of an `undefined` field is no field). */
function fields(v: Val): Array<[string, unknown]> {
  return Object.entries(v)
    .filter(([, x]) => x !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
}

describe('code values: copies and shared parts', () => {
  it('copyVal gives the fields of `{ ...v }` for every combination of set fields', () => {
    for (let mask = 0; mask < 1 << FIELDS.length; mask++) {
      const v: Val = {};
      FIELDS.forEach(([k, x], i) => {
        if (mask & (1 << i)) (v as Record<string, unknown>)[k] = x;
        // A field present but undefined, as `tagVal(tag)` and `obj(props)` leave `props` and `lit`.
        else if (i % 3 === 0) (v as Record<string, unknown>)[k] = undefined;
      });
      const copy = copyVal(v);
      assert.notEqual(copy, v);
      assert.deepEqual(fields(copy), fields({ ...v }));
      const env: EnvRef[] = [{ path: ['b'], node, file: 'g', steps: [] }];
      assert.deepEqual(fields(copyVal(v, env)), fields({ ...v, env }));
    }
    // EMPTY is frozen; its copy, as its spread, is a value of its own that can be written.
    assert.ok(!Object.isFrozen(copyVal(EMPTY)));
  });

  it('envRef gives `{ ...e, path }`, `{ ...e, path, node }` and `{ ...e, steps }`', () => {
    const e: EnvRef = { path: ['request'], node, file: 'f', steps: [{ file: 'f', offset: 1, length: 2, message: 'm' }] };
    const other = ts.factory.createIdentifier('y');
    const steps = [{ file: 'f', offset: 3, length: 4, message: 'n' }];
    assert.deepEqual(envRef(e, ['request', 'intent']), { ...e, path: ['request', 'intent'] });
    assert.deepEqual(envRef(e, e.path, other), { ...e, node: other });
    assert.deepEqual(envRef(e, e.path, e.node, steps), { ...e, steps });
  });

  it('tagVal shares one set per tag, which join, joinAll and withStep leave as it is', () => {
    const tags: Tag[] = ['this', 'response-builder', 'attributes-manager', 'session-attributes'];
    for (const t of tags) assert.equal(tagVal(t).tags, tagVal(t, new Map()).tags);
    const a = tagVal('this');
    const b = tagVal('response-builder');
    const joined = join(a, b);
    assert.deepEqual([...joined.tags!], ['this', 'response-builder']);
    assert.notEqual(joined.tags, a.tags);
    const all = joinAll([a, strVal('x'), b, tagVal('attributes-manager'), { taints: new Map() }, tagVal('this')]);
    assert.deepEqual([...all.tags!], ['this', 'response-builder', 'attributes-manager']);
    withStep(tagVal('this', new Map()), { file: 'f', offset: 0, length: 1, message: 'm' });
    for (const t of tags) assert.deepEqual([...tagVal(t).tags!], [t]);
  });

  it('join merges lists as the string keys did, over 20,000 seeded pairs', () => {
    const val = randomValues(7);
    let added = 0;
    for (let k = 0; k < 20000; k++) {
      const a = val();
      const b = val();
      const j = join(a, b);
      if (j === a || j === b) continue;
      assert.deepEqual(j.env, refUnion(a.env, b.env, envKey, 16), `pair ${k}: env`);
      assert.deepEqual(j.libs, refUnion(a.libs, b.libs, libKey, 16), `pair ${k}: libs`);
      assert.deepEqual(j.fns, refUnion(a.fns, b.fns, fnKey, 16), `pair ${k}: fns`);
      assert.deepEqual(j.strs, refUnion(a.strs, b.strs, (x) => x, 8), `pair ${k}: strs`);
      // The same items, not only equal ones.
      j.env?.forEach((e, i) => assert.equal(e, refUnion(a.env, b.env, envKey, 16)![i]));
      if ((j.fns?.length ?? 0) > (a.fns?.length ?? 0)) added++;
    }
    assert.ok(added > 1000, `${added} joins added functions`);
  });

  it('signature gives the string of the sorted part lists, over 20,000 seeded values', () => {
    const val = randomValues(8);
    for (let k = 0; k < 20000; k++) {
      const v = val();
      assert.equal(signature(v), refSignature(v), `value ${k}`);
    }
    const long: Val = { strs: ['x'.repeat(700)] };
    assert.equal(signature(long), refSignature(long));
    assert.equal(signature(long).length, 600);
  });

  it('join and joinAll give the maps and sets of the Map and Set constructors, over 20,000 seeded pairs', () => {
    const val = randomValues(9);
    const entries = (m: Map<unknown, unknown> | Set<unknown> | undefined): unknown[] | undefined => (m ? [...m] : undefined);
    for (let k = 0; k < 20000; k++) {
      const a = val();
      const b = val();
      const before = [a, b].map((v) => [entries(v.taints), entries(v.tags), entries(v.props)]);
      const j = join(a, b);
      assert.deepEqual([a, b].map((v) => [entries(v.taints), entries(v.tags), entries(v.props)]), before, `pair ${k}: inputs unchanged`);
      if (j === a || j === b) continue;
      const taints = a.taints?.size || b.taints?.size ? new Map(a.taints ?? []) : undefined;
      for (const [key, t] of b.taints ?? []) if (!taints!.has(key)) taints!.set(key, t);
      assert.deepEqual(entries(j.taints), entries(taints), `pair ${k}: taints`);
      assert.deepEqual(entries(j.tags), a.tags?.size || b.tags?.size ? [...new Set([...(a.tags ?? []), ...(b.tags ?? [])])] : undefined, `pair ${k}: tags`);
      if (a.props && b.props) assert.deepEqual([...j.props!.keys()], [...new Map([...a.props, ...b.props]).keys()], `pair ${k}: props`);
      // A fold of its own fills its taints and tags in place: they are never an input's.
      const inputs = [a, b, val(), val()];
      const all = joinAll(inputs);
      if (!inputs.includes(all)) for (const v of inputs) assert.ok((!all.taints || all.taints !== v.taints) && (!all.tags || all.tags !== v.tags), `pair ${k}: fold's own sets`);
    }
  });

  it('absorbInto sets what joining both values\' taints and envelope parts set, and changes no map or list in place', () => {
    // The code it replaces.
    const refAbsorb = (a: Val, b: Val): void => {
      if (Object.isFrozen(a)) return;
      const j = join({ taints: a.taints, env: a.env }, { taints: b.taints, env: b.env });
      if (j.taints) a.taints = j.taints;
      if (j.env) a.env = j.env;
    };
    const val = randomValues(10);
    const next = rng(11);
    // Empty maps and lists too: a field set to one is a field (the state fingerprint shows it).
    const sparse = (): Val => {
      const v = val();
      if (next() < 0.15) v.taints = new Map();
      if (next() < 0.15) v.env = [];
      if (next() < 0.1) return Object.freeze(v);
      return v;
    };
    const shape = (v: Val): unknown => [v.taints && [...v.taints], v.env && [...v.env], v.libs, v.props];
    for (let k = 0; k < 20000; k++) {
      const a = sparse();
      const b = sparse();
      const ref = copyVal(a);
      if (Object.isFrozen(a)) Object.freeze(ref);
      const frozen = [shape(a), shape(b)];
      const [ta, ea] = [a.taints, a.env];
      absorbInto(a, b);
      refAbsorb(ref, b);
      assert.deepEqual(shape(a), shape(ref), `pair ${k}`);
      a.env?.forEach((e, i) => assert.equal(e, ref.env![i], `pair ${k}: the same parts`));
      assert.deepEqual([ta && [...ta], ea && [...ea], shape(b)], [(frozen[0] as unknown[])[0], (frozen[0] as unknown[])[1], frozen[1]], `pair ${k}: no map or list changed in place`);
    }
  });

  it('strList keeps at most eight strings, the list given when it has no more', () => {
    const few = ['a', 'b'];
    assert.equal(strList(few).strs, few);
    assert.deepEqual(strList('abcdefghij'.split('')).strs, 'abcdefgh'.split(''));
  });

  it('strVal keeps at most eight strings, and a list of its own', () => {
    assert.deepEqual(strVal('a').strs, ['a']);
    const many = 'abcdefghij'.split('');
    const v = strVal(...many);
    assert.deepEqual(v.strs, many.slice(0, 8));
    assert.notEqual(v.strs, many);
  });

  it("gives the model's sources their fields in the templates' order, then id and place", () => {
    const code = [
      "const Alexa = require('ask-sdk-core');",
      'exports.H = {',
      '  handle(handlerInput) {',
      "    const phone = Alexa.getSlotValue(handlerInput.requestEnvelope, 'phone');",
      '    const id = Alexa.getUserId(handlerInput.requestEnvelope);',
      '    console.log(phone, id);',
      '  },',
      '};',
    ].join('\n');
    const model = codeModel(analysisOf({ 'index.js': code }));
    const shapes = model.sources.map((s) => `${s.kind}: ${Object.keys(s).join(',')}`).sort();
    assert.deepEqual(shapes, [
      'slot: kind,category,description,short,slot,id,file,offset,length',
      'user-id: kind,category,description,short,id,file,offset,length',
    ]);
  });
});
