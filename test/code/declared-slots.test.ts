/**
 * The slots the data flow classifies (code/sources.ts `declaredSlots`) are read off the language
 * models' trees instead of their plain values (`valueOf`, converted on every run before). Check:
 * over the bench's kind of model and seeded random models with everything a hand-edited model can
 * hold where a slot is looked for (repeated keys, keys without a value, values of the wrong kind,
 * nulls, nested arrays, parse errors), the slots are those the plain values gave, in the same order;
 * and a name's entry, which classifies its declarations only up to the first personal one, is the
 * one classifying all of them picks.
 */
import { strict as assert } from 'assert';
import { parseJsonDocument, valueOf } from '../../server/src/engine/json/document';
import { DeclaredSlot, SlotCatalog, declaredSlots } from '../../server/src/engine/code/sources';
import { ModelFile, Skill } from '../../server/src/engine/skill';
import { classifyFreeForm, classifySlot } from '../../server/src/engine/taxonomy';
import { propertyOf } from '../../server/src/engine/json/document';
import { Random } from '../robustness/support';

/** The constructor's reading before, over `valueOf` of each language model: the reference. */
function fromValues(models: ModelFile[]): Map<string, DeclaredSlot[]> {
  const slots = new Map<string, DeclaredSlot[]>();
  for (const m of models) {
    const lm = valueOf(m.languageModel) as { intents?: unknown; types?: unknown } | undefined;
    if (!lm || typeof lm !== 'object') continue;
    const typeValues = new Map<string, string[]>();
    if (Array.isArray(lm.types)) {
      for (const t of lm.types as Array<{ name?: unknown; values?: unknown }>) {
        if (!t || typeof t.name !== 'string' || !Array.isArray(t.values)) continue;
        const vals: string[] = [];
        for (const v of t.values as Array<{ name?: { value?: unknown } }>) if (typeof v?.name?.value === 'string') vals.push(v.name.value);
        typeValues.set(t.name, vals);
      }
    }
    if (!Array.isArray(lm.intents)) continue;
    for (const intent of lm.intents as Array<{ slots?: unknown; samples?: unknown }>) {
      if (!intent || !Array.isArray(intent.slots)) continue;
      const samples = Array.isArray(intent.samples) ? (intent.samples as unknown[]).filter((s): s is string => typeof s === 'string') : [];
      for (const s of intent.slots as Array<{ name?: unknown; type?: unknown; samples?: unknown }>) {
        if (!s || typeof s.name !== 'string') continue;
        const type = typeof s.type === 'string' ? s.type : '';
        const own = Array.isArray(s.samples) ? (s.samples as unknown[]).filter((x): x is string => typeof x === 'string') : [];
        const input = { name: s.name, type, locale: m.locale, samples: [...samples.filter((x) => x.includes(`{${s.name}}`)), ...own], customValues: typeValues.get(type) };
        const list = slots.get(s.name) ?? [];
        list.push({ type, input });
        slots.set(s.name, list);
      }
    }
  }
  return slots;
}

function model(locale: string, text: string): ModelFile {
  const doc = parseJsonDocument(`/m/${locale}.json`, text);
  const interactionModel = propertyOf(doc.root, 'interactionModel')?.children?.[1];
  const languageModel = propertyOf(interactionModel, 'languageModel')?.children?.[1];
  return { locale, doc, languageModel, interactionModel };
}

/** Random JSON of what a language model may hold where slots are looked for, odd shapes included. */
function randomLanguageModel(r: Random): string {
  const odd = (): string => r.pick(['null', '3', 'true', '"x"', '[]', '{}', '[null]', '']);
  const str = (xs: string[]): string => (r.chance(0.1) ? odd() : JSON.stringify(r.pick(xs)));
  const obj = (props: Array<[string, () => string]>): string => {
    const parts: string[] = [];
    for (const [k, v] of props) {
      if (r.chance(0.1)) continue;
      parts.push(`${JSON.stringify(k)}: ${v()}`);
      // The same key again (the last one counts), or a key with no value (a parse error).
      if (r.chance(0.1)) parts.push(`${JSON.stringify(k)}: ${v()}`);
      if (r.chance(0.03)) parts.push(`${JSON.stringify(k)}:`);
    }
    return `{ ${parts.join(', ')} }`;
  };
  const arr = (item: () => string, n: number): string => (r.chance(0.08) ? odd() : `[${Array.from({ length: r.int(n) }, () => (r.chance(0.1) ? odd() : item())).join(', ')}]`);
  const names = ['phone', 'city', 'note', 'email', 'size'];
  const types = ['AMAZON.PhoneNumber', 'AMAZON.City', 'SizeType', 'NoteType', 'AMAZON.SearchQuery'];
  const sample = (): string => str(['call {phone}', 'in {city} please', '{note}', 'size {size} and {phone}', 'hello']);
  const slot = (): string => obj([['name', () => str(names)], ['type', () => str(types)], ['samples', () => arr(sample, 3)]]);
  const intent = (): string => obj([['name', () => str(['A', 'B'])], ['slots', () => arr(slot, 4)], ['samples', () => arr(sample, 5)]]);
  const value = (): string => obj([['name', () => (r.chance(0.1) ? odd() : obj([['value', () => str(['small', 'large', 'tiny'])]]))]]);
  const type = (): string => obj([['name', () => str(types)], ['values', () => arr(value, 4)]]);
  return obj([['invocationName', () => '"x"'], ['types', () => arr(type, 3)], ['intents', () => arr(intent, 4)]]);
}

describe('declared slots read off the model trees (code/sources.ts declaredSlots)', () => {
  it('a plain model: every slot of every intent and locale, with its samples and custom values', () => {
    const lm = {
      intents: [
        { name: 'A', samples: ['call {phone}', 'in {city}', 'x'], slots: [{ name: 'phone', type: 'AMAZON.PhoneNumber' }, { name: 'city', type: 'CityType', samples: ['{city} now'] }] },
        { name: 'B', slots: [{ name: 'phone', type: 'AMAZON.PhoneNumber' }] },
      ],
      types: [{ name: 'CityType', values: [{ name: { value: 'Paris' } }, { name: { value: 'Rome' } }] }],
    };
    const models = ['en-US', 'de-DE'].map((l) => model(l, JSON.stringify({ interactionModel: { languageModel: lm } })));
    const slots = declaredSlots(models);
    assert.deepEqual(slots, fromValues(models));
    assert.deepEqual([...slots.keys()], ['phone', 'city']);
    assert.equal(slots.get('phone')!.length, 4);
    assert.deepEqual(slots.get('city')![0].input, { name: 'city', type: 'CityType', locale: 'en-US', samples: ['in {city}', '{city} now'], customValues: ['Paris', 'Rome'] });
  });

  it('3,000 seeded random models with odd shapes: the slots the plain values gave', () => {
    const r = new Random(5);
    let found = 0;
    for (let k = 0; k < 3000; k++) {
      const models = Array.from({ length: 1 + r.int(2) }, (_, i) => model(['en-US', 'fr-FR'][i], `{ "interactionModel": { "languageModel": ${r.chance(0.05) ? '[]' : randomLanguageModel(r)} } }`));
      const slots = declaredSlots(models);
      assert.deepEqual(slots, fromValues(models), `models ${k}: ${models.map((m) => m.doc.text).join('\n')}`);
      found += [...slots.values()].reduce((n, l) => n + l.length, 0);
    }
    assert.ok(found > 3000, `${found} slots`);
  });

  it('lookup: the first personal declaration of a name, else its first, as classifying every declaration gave', () => {
    const r = new Random(6);
    let personal = 0;
    for (let k = 0; k < 500; k++) {
      const models = Array.from({ length: 1 + r.int(2) }, (_, i) => model(['en-US', 'fr-FR'][i], `{ "interactionModel": { "languageModel": ${randomLanguageModel(r)} } }`));
      const catalog = SlotCatalog.of({ models } as Skill);
      for (const [name, entries] of declaredSlots(models)) {
        const all = entries.map((d) => ({ type: d.type, classification: classifySlot(d.input) ?? classifyFreeForm(d.input) }));
        const expected = all.find((e) => e.classification) ?? all[0];
        assert.deepEqual(catalog.lookup(name), expected, `models ${k}, slot ${name}`);
        if (expected.classification) personal++;
      }
    }
    assert.ok(personal > 300, `${personal} personal slots`);
  });

  it('of: the same catalog for the same models\' locales and trees, another for any other', () => {
    const r = new Random(7);
    const en = model('en-US', `{ "interactionModel": { "languageModel": ${randomLanguageModel(r)} } }`);
    const fr = model('fr-FR', `{ "interactionModel": { "languageModel": ${randomLanguageModel(r)} } }`);
    const catalog = SlotCatalog.of({ models: [en, fr] } as Skill);
    // Another skill object and list with the same models (a keystroke in code): the same catalog.
    assert.equal(SlotCatalog.of({ models: [en, fr] } as Skill), catalog);
    assert.notEqual(SlotCatalog.of({ models: [en] } as Skill), catalog);
    assert.notEqual(SlotCatalog.of({ models: [en, { ...fr, locale: 'de-DE' }] } as Skill), catalog);
    // Another text of the French model: another tree, read again.
    const edited = model('fr-FR', fr.doc.text.replace('{', '{ "x": 1, '));
    assert.notEqual(edited.languageModel, fr.languageModel);
    assert.notEqual(SlotCatalog.of({ models: [en, edited] } as Skill), SlotCatalog.of({ models: [en, fr] } as Skill));
    assert.equal(SlotCatalog.of({ models: [] } as unknown as Skill), SlotCatalog.of({ models: [] } as unknown as Skill));
  });
});
