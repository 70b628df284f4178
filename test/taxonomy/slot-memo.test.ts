/**
 * classifySlot and classifyFreeForm keep their results by input (taxonomy/classify.ts): a kept
 * result must be the one a fresh classification gives, for any input, and each caller gets its
 * own object.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { SlotInput, classifyFreeForm, classifySlot } from '../../server/src/engine/taxonomy';
import { withoutKeptSlotResults } from '../../server/src/engine/taxonomy/classify';

const repo = path.resolve(__dirname, '..', '..', '..');

/** Every slot of every interaction model under `dir`, as model facts build its input. */
function slotInputs(dir: string): SlotInput[] {
  const out: SlotInput[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') walk(p);
        continue;
      }
      if (!/^[a-z]{2}-[A-Z]{2}\.json$/.test(e.name)) continue;
      let model: { interactionModel?: { languageModel?: { intents?: unknown[]; types?: unknown[] } } };
      try {
        model = JSON.parse(fs.readFileSync(p, 'utf8'));
      } catch {
        continue;
      }
      const lm = model.interactionModel?.languageModel;
      const types = new Map<string, string[]>();
      for (const t of (lm?.types ?? []) as Array<{ name?: string; values?: Array<{ name?: { value?: string } }> }>) {
        if (typeof t?.name === 'string') types.set(t.name, (t.values ?? []).map((v) => v?.name?.value).filter((v): v is string => typeof v === 'string'));
      }
      for (const intent of (lm?.intents ?? []) as Array<{ samples?: string[]; slots?: Array<{ name?: string; type?: string; samples?: string[] }> }>) {
        for (const s of intent?.slots ?? []) {
          if (typeof s?.name !== 'string') continue;
          const samples = [...(intent.samples ?? []).filter((x) => typeof x === 'string' && x.includes(`{${s.name}}`)), ...(s.samples ?? [])];
          out.push({ name: s.name, type: s.type ?? '', locale: e.name.slice(0, 5), samples, customValues: types.get(s.type ?? ''), prompts: [] });
        }
      }
    }
  };
  walk(dir);
  return out;
}

describe('taxonomy: kept slot classifications', () => {
  it('every slot of the repository’s models, asked twice and in other locales, gets what a fresh classification gives', () => {
    const inputs = [...slotInputs(path.join(repo, 'examples')), ...slotInputs(path.join(repo, 'test', 'fixtures'))];
    assert.ok(inputs.length > 50, `${inputs.length} slots`);
    const variants = inputs.flatMap((i) => [i, { ...i }, { ...i, locale: 'de-DE' }, { ...i, locale: 'ja-JP' }, { ...i, samples: i.samples.slice(1) }]);
    const fresh = withoutKeptSlotResults(() => variants.map((i) => withoutKeptSlotResults(() => [classifySlot(i), classifyFreeForm(i)])));
    const kept = withoutKeptSlotResults(() => {
      variants.forEach((i) => [classifySlot(i), classifyFreeForm(i)]);
      return variants.map((i) => [classifySlot(i), classifyFreeForm(i)]);
    });
    assert.deepEqual(kept, fresh);
  });

  it('strings that move from one list to another, or into the name, are another input', () => {
    withoutKeptSlotResults(() => {
      const samples: SlotInput = { name: 'n', type: 'AMAZON.NUMBER', locale: 'en-US', samples: ['my pin is {n}'], customValues: [] };
      const values: SlotInput = { name: 'n', type: 'AMAZON.NUMBER', locale: 'en-US', samples: [], customValues: ['my pin is {n}'] };
      assert.equal(classifySlot(samples)?.category, 'credentials');
      assert.equal(classifySlot(values), undefined, 'values do not count for a number slot');
      const a: SlotInput = { name: 'pin', type: 'AMAZON.NUMBER', locale: 'en-US', samples: [] };
      const b: SlotInput = { name: 'pin\u0000AMAZON.NUMBER', type: '', locale: 'en-US', samples: [] };
      assert.equal(classifySlot(a)?.category, 'credentials');
      assert.deepEqual(classifySlot(b), withoutKeptSlotResults(() => classifySlot(b)));
    });
  });

  it('each call gets its own result object; a missing list and an empty one are the same input', () => {
    withoutKeptSlotResults(() => {
      const input: SlotInput = { name: 'phone', type: 'AMAZON.PhoneNumber', locale: 'en-US', samples: [] };
      const first = classifySlot(input);
      assert.ok(first);
      first.reason = 'changed by a caller';
      const second = classifySlot({ ...input, customValues: undefined, prompts: [] });
      assert.notEqual(second, first);
      assert.deepEqual(second, { category: 'phone', reason: 'slot `phone` of type AMAZON.PhoneNumber' });
    });
  });

  it('inputs with a name, type or locale that is not a string, or lists with other things, are classified as before (not kept)', () => {
    withoutKeptSlotResults(() => {
      const odd = { name: undefined, type: 'AMAZON.SearchQuery', locale: 'en-US', samples: ['{}'] } as unknown as SlotInput;
      assert.deepEqual(classifyFreeForm(odd), { category: 'free-speech', reason: 'slot `` of type AMAZON.SearchQuery captures free-form speech' });
      assert.deepEqual(classifySlot(odd), classifySlot({ ...odd }));
      // A list with something else than strings in it: classified afresh, the non-strings ignored as before.
      const mixed = { name: 'pin', type: 'AMAZON.NUMBER', locale: 'en-US', samples: [{ toJSON: () => 'my pin is {pin}' }, 3, 'my pin is {pin}'] } as unknown as SlotInput;
      assert.equal(classifySlot(mixed)?.category, 'credentials');
      const objectOnly = { name: 'n', type: 'AMAZON.NUMBER', locale: 'en-US', samples: [{ toJSON: () => 'my pin is {n}' }] } as unknown as SlotInput;
      classifySlot({ name: 'n', type: 'AMAZON.NUMBER', locale: 'en-US', samples: ['my pin is {n}'] });
      assert.equal(classifySlot(objectOnly), undefined, 'an object whose JSON is a sample is not that sample');
    });
  });
});
