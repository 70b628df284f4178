/**
 * The allocation-lean value helpers of code/values.ts and the field-by-field copies of
 * code/analyze.ts: the same fields as the object spreads they replace, one tag set per tag that
 * nothing changes, and the model's sources with their fields in the order the spread gave them
 * (the JSON output shows it).
 */
import { strict as assert } from 'assert';
import * as ts from 'typescript';
import { codeModel } from '../../server/src/engine/code/analyze';
import { EMPTY, EnvRef, Tag, Val, copyVal, envRef, join, joinAll, strVal, tagVal, withStep } from '../../server/src/engine/code/values';
import { analysisOf } from './helpers';

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
