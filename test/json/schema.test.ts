import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseJsonDocument, valueOf } from '../../server/src/engine/json/document';
import { SchemaName, instanceOf, packageRoot, validateDocument } from '../../server/src/engine/json/schema';

const NAMES: SchemaName[] = ['skill-manifest', 'interaction-model', 'skillprivacyrc'];
const doc = (text: string) => parseJsonDocument(`/virtual/schema-test/${Math.random()}.json`, text);

describe('json/schema', () => {
  describe('instanceOf (the value ajv validates)', () => {
    it('plain JSON is read by JSON.parse, with the value the tree gives', () => {
      const text = '{"b": [1, -0, 1e400, 2.5e-3, "\\u00e9\\ud800\\n"], "a": {"__proto__": 1, "1": true, "x": null}, "a": {"z": 2}}';
      const v = instanceOf(doc(text)) as Record<string, unknown>;
      assert.equal(Object.getPrototypeOf(v), Object.prototype, 'JSON.parse made it (the tree walk makes objects without a prototype)');
      assert.deepEqual(JSON.stringify(v), JSON.stringify(valueOf(doc(text).root)));
      assert.ok(Object.is((v.b as number[])[1], -0));
      assert.deepEqual(Object.keys(v), ['b', 'a'], 'a repeated key keeps its first place and its last value, as in the tree');
    });

    it('JSONC (comments, trailing commas), a BOM and files with errors are walked from the tree', () => {
      for (const text of ['{"a": 1, /* c */ "b": [2,]}', '\ufeff{"a": 1}', '{"a": 1,, "b": 2}', '{"a":\u00a01}']) {
        const d = doc(text);
        const v = instanceOf(d) as Record<string, unknown>;
        assert.equal(Object.getPrototypeOf(v), null, JSON.stringify(text));
        assert.deepEqual(v, valueOf(d.root));
      }
    });

    it('the schemas name no property Object.prototype has and compare no objects, so the prototype cannot change a result', () => {
      const inherited = new Set(Object.getOwnPropertyNames(Object.prototype));
      for (const name of NAMES) {
        const s = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'schemas', `${name}.schema.json`), 'utf8')) as unknown;
        const bad: string[] = [];
        const visit = (node: unknown, at: string): void => {
          if (!node || typeof node !== 'object') return;
          if (Array.isArray(node)) return node.forEach((x, i) => visit(x, `${at}/${i}`));
          for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
            if (k === 'properties' && v && typeof v === 'object') for (const p of Object.keys(v)) if (inherited.has(p)) bad.push(`${at}/properties/${p}`);
            if ((k === 'required' || k === 'dependentRequired') && Array.isArray(v)) for (const p of v) if (inherited.has(p as string)) bad.push(`${at}/${k}: ${String(p)}`);
            if (k === 'dependencies' && v && typeof v === 'object') bad.push(`${at}/dependencies`);
            if ((k === 'enum' ? (Array.isArray(v) ? v : []) : k === 'const' ? [v] : []).some((x) => x !== null && typeof x === 'object')) bad.push(`${at}/${k}`);
            if (k === 'uniqueItems' && v === true) bad.push(`${at}/uniqueItems`);
            visit(v, `${at}/${k}`);
          }
        };
        visit(s, '');
        assert.deepEqual(bad, [], `${name}: keywords that would see the prototype`);
      }
    });

    it('a manifest with comments gets the same problems as the same manifest without them', () => {
      const plain = '{"manifest": {"publishingInformation": {"locales": {"en-US": {"name": 3}}}, "privacyAndCompliance": {"usesPersonalInfo": "yes"}}}';
      const commented = plain.replace('{"manifest"', '{ // the manifest\n"manifest"');
      const problems = (text: string) => validateDocument('skill-manifest', doc(text)).map((p) => `${p.pointer} ${p.keyword} ${p.problem}`);
      assert.ok(problems(plain).length > 0);
      assert.deepEqual(problems(commented), problems(plain));
    });
  });
});
