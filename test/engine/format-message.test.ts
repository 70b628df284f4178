/**
 * formatMessage splits each template once into text and `{{name}}` parts (engine/rule.ts); it must
 * give exactly what replacing the placeholders with a regular expression gives, for every rule's
 * templates and for random ones (spaces inside braces, unknown names, names inherited from
 * Object.prototype, stray braces, placeholders back to back).
 */
import { strict as assert } from 'assert';
import { formatMessage } from '../../server/src/engine/rule';
import { RULES } from '../../server/src/engine/rules';
import { mulberry32 as rng } from '../robustness/support';

function byRegExp(template: string, data: Record<string, string | number>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, key: string) => (key in data ? String(data[key]) : m));
}

describe('formatMessage', () => {
  it('formats every rule template as a regular-expression replacement does', () => {
    let placeholders = 0;
    for (const rule of RULES) {
      for (const template of Object.values(rule.meta.messages)) {
        const names = [...template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]);
        placeholders += names.length;
        const data = Object.fromEntries(names.map((n, i) => [n, i % 2 ? i : `<${n}>`]));
        assert.equal(formatMessage(template, data), byRegExp(template, data));
        assert.equal(formatMessage(template), byRegExp(template, {}));
      }
    }
    assert.ok(placeholders > 20, `rule templates hold ${placeholders} placeholders`);
  });

  it('formats random templates as a regular-expression replacement does', () => {
    const next = rng(7);
    const pieces = ['{{a}}', '{{ b }}', '{{c}}', '{{toString}}', '{{', '}}', '{ {a} }', 'text ', ' ', '{{a}}{{b}}', '{{ }}', '{{a-b}}', '\n', '$1', '$&'];
    for (let k = 0; k < 3000; k++) {
      let template = '';
      for (let n = Math.floor(next() * 8); n > 0; n--) template += pieces[Math.floor(next() * pieces.length)];
      const data: Record<string, string | number> = {};
      if (next() < 0.7) data.a = next() < 0.5 ? 'A$&' : 3;
      if (next() < 0.5) data.b = '{{a}}';
      assert.equal(formatMessage(template, data), byRegExp(template, data), JSON.stringify({ template, data }));
    }
  });
});
