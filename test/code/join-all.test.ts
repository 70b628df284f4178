/**
 * joinAll (code/values.ts) adds into a value of its own instead of building a new one per
 * element; it must give what folding `join` gives — same data in the same order, the same
 * property maps shared with the same inputs — and leave its inputs as they were. Seeded random
 * values: taints, envelope parts, libraries, functions, tags, strings, nested and shared property
 * maps, literals, classes, resolved promises, EMPTY, empty and frozen values.
 */
import { strict as assert } from 'assert';
import { EMPTY, Val, join, joinAll } from '../../server/src/engine/code/values';
import { mulberry32 as rng } from '../robustness/support';

function seqJoin(vals: Val[]): Val {
  let out = EMPTY;
  for (const v of vals) out = join(out, v);
  return out;
}

/** Every field of a value, maps and sets in their order, nested values followed. */
function show(v: Val | undefined, depth = 0): unknown {
  if (!v) return undefined;
  if (depth > 6) return '…';
  return {
    frozen: Object.isFrozen(v),
    taints: v.taints && [...v.taints].map(([k, t]) => [k, t.source.id, t.steps.length]),
    env: v.env?.map((e) => `${e.path.join('.')}@${e.file}:${e.node.pos}`),
    libs: v.libs?.map((l) => `${l.lib}:${l.path.join('.')}`),
    fns: v.fns?.map((f) => `${f.file}:${f.node.pos}:${f.env.id}`),
    tags: v.tags && [...v.tags],
    props: v.props && [...v.props].map(([k, x]) => [k, show(x, depth + 1)]),
    strs: v.strs,
    lit: v.lit?.file,
    cls: v.cls?.file,
    resolved: show(v.resolved, depth + 1),
  };
}

describe('joinAll', () => {
  it('gives what folding join gives, over 20,000 seeded lists of values', () => {
    const next = rng(11);
    const pick = <T>(xs: T[]): T => xs[Math.floor(next() * xs.length)];
    const node = (pos: number) => ({ pos }) as never;
    const env = { id: 1, vars: new Map(), parent: undefined };
    const sharedProps: Array<Map<string, Val>> = [];
    const val = (depth: number): Val => {
      const r = next();
      if (r < 0.08) return EMPTY;
      if (r < 0.12) return {};
      if (r < 0.15) return { props: new Map() };
      const v: Val = {};
      if (next() < 0.4) v.taints = new Map(Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(['a', 'b', 'c', 'd'])).map((k) => [k, { source: { id: k } as never, steps: [] }]));
      if (next() < 0.3) v.env = Array.from({ length: 1 + Math.floor(next() * 20) }, () => ({ path: [pick(['request', 'context', 'session'])], node: node(Math.floor(next() * 30)), file: 'a.js', steps: [] }));
      if (next() < 0.2) v.libs = [{ lib: pick(['axios', 'aws-sdk']), path: [pick(['post', 'get'])] } as never];
      if (next() < 0.4) v.fns = Array.from({ length: 1 + Math.floor(next() * 20) }, () => ({ node: node(Math.floor(next() * 40)), env, file: 'a.js', name: 'f' }) as never);
      if (next() < 0.2) v.tags = new Set([pick(['this', 'module', 'session-attributes'] as const)]);
      if (next() < 0.4 && depth < 2) {
        if (sharedProps.length && next() < 0.3) v.props = pick(sharedProps);
        else {
          v.props = new Map(Array.from({ length: Math.floor(next() * 4) }, () => [pick(['canHandle', 'handle', 'x', 'y']), val(depth + 1)] as [string, Val]));
          sharedProps.push(v.props);
        }
      }
      if (next() < 0.2) v.strs = Array.from({ length: 1 + Math.floor(next() * 10) }, () => pick(['a', 'b', 'c', '{…}']));
      if (next() < 0.1) v.lit = { node: node(1), file: pick(['a.js', 'b.js']) };
      if (next() < 0.05) v.cls = { node: node(2), env, file: pick(['a.js', 'b.js']) } as never;
      if (next() < 0.1 && depth < 2) v.resolved = val(depth + 1);
      return next() < 0.05 ? Object.freeze(v) : v;
    };
    let own = 0;
    for (let k = 0; k < 20000; k++) {
      sharedProps.length = 0;
      const vals = Array.from({ length: Math.floor(next() * 12) }, () => val(0));
      const before = JSON.stringify(vals.map((v) => show(v)));
      const want = seqJoin(vals);
      const got = joinAll(vals);
      assert.deepEqual(show(got), show(want), `list ${k}`);
      assert.equal(JSON.stringify(vals.map((v) => show(v))), before, `list ${k}: the inputs are unchanged`);
      // Property maps shared with an input stay shared with the same one (aliasing is the pass's model of objects).
      assert.equal(vals.findIndex((v) => v.props && v.props === got.props), vals.findIndex((v) => v.props && v.props === want.props), `list ${k}: same shared properties`);
      assert.equal(vals.indexOf(got), vals.indexOf(want), `list ${k}: the same input returned`);
      if (!vals.includes(got) && got !== EMPTY) own++;
    }
    assert.ok(own > 10000, `${own} lists folded into a value of joinAll's own`);
  });
});
