import { strict as assert } from 'assert';
import { SkillAnalysis } from '../../server/src/engine/analysis';
import { parseJsonDocument, propertyOf } from '../../server/src/engine/json/document';
import { ModelFacts, SlotFact, modelFacts, sameSlotElsewhere, slotRelated, withoutKeptFacts } from '../../server/src/engine/model/facts';
import { ModelFile, Skill } from '../../server/src/engine/skill';

/** A skill of in-memory models only, by locale. */
function skillOf(models: Record<string, unknown>): Skill {
  const files: ModelFile[] = Object.entries(models).map(([locale, json]) => {
    const doc = parseJsonDocument(`/facts-test/${Math.random()}/${locale}.json`, JSON.stringify(json, null, 2));
    const interactionModel = propertyOf(doc.root, 'interactionModel')?.children?.[1];
    return { locale, doc, interactionModel, languageModel: propertyOf(interactionModel, 'languageModel')?.children?.[1] };
  });
  return { project: { root: '/facts-test', layout: 'v2', manifestFile: '/facts-test/skill.json', models: [], codeRoots: [] } as unknown as Skill['project'], manifest: undefined, models: files, code: [], unreadable: [] };
}

const model = (intents: unknown[]) => ({ interactionModel: { languageModel: { invocationName: 'test', intents } } });

function factsOf(models: Record<string, unknown>): ModelFacts {
  return withoutKeptFacts(() => modelFacts(new SkillAnalysis(skillOf(models))));
}

/** What sameSlotElsewhere gave as a scan of every slot, for comparison. */
function scanned(facts: ModelFacts, slot: SlotFact): SlotFact[] {
  return facts.slots.filter((s) => s !== slot && s.file !== slot.file && s.intent === slot.intent && s.name === slot.name);
}

describe('model facts', () => {
  it('slotRelated: the first seven utterances and answers, then the same slot in other locales, at most ten', () => {
    const many = Array.from({ length: 12 }, (_, i) => `my phone number ${i} is {phone}`);
    const answers = Array.from({ length: 9 }, (_, i) => `it is {phone} ${i}`);
    const intent = (samples: string[], slotSamples: string[]) => ({ name: 'CallIntent', slots: [{ name: 'phone', type: 'AMAZON.PhoneNumber', samples: slotSamples }], samples });
    const locales = ['en-US', 'en-GB', 'en-IN', 'en-AU', 'en-CA'];
    for (const [samples, slotSamples, utterances, asked] of [
      [many, answers, 7, 0],
      [many.slice(0, 2), answers, 2, 5],
      [[], answers.slice(0, 3), 0, 3],
      [many.slice(0, 7), answers, 7, 0],
    ] as Array<[string[], string[], number, number]>) {
      const facts = factsOf(Object.fromEntries(locales.map((l) => [l, model([intent(samples, slotSamples)])])));
      const slot = facts.slots[0];
      const related = slotRelated(facts, slot);
      assert.equal(related.filter((r) => r.message.startsWith('Utterance')).length, utterances);
      assert.equal(related.filter((r) => r.message.startsWith('Answer')).length, asked);
      assert.deepEqual(related.slice(0, utterances).map((r) => r.message), samples.slice(0, utterances).map((s) => `Utterance that fills \`phone\`: "${s}"`));
      assert.deepEqual(
        related.filter((r) => r.message.startsWith('The same slot')).map((r) => r.message),
        locales.slice(1).map((l) => `The same slot in ${l}`).slice(0, 10 - utterances - asked),
      );
    }
  });

  it('sameSlotElsewhere: the slots of the same intent and name in other files, in order, as a scan of every slot gives', () => {
    const intents = [
      { name: 'A', slots: [{ name: 'x', type: 'AMAZON.NUMBER' }, { name: 'y\u0000z', type: 'AMAZON.NUMBER' }], samples: ['{x}'] },
      { name: 'A\u0000y', slots: [{ name: 'z', type: 'AMAZON.NUMBER' }], samples: [] },
      { name: 'B', slots: [{ name: 'x', type: 'AMAZON.NUMBER' }, { name: 'x', type: 'AMAZON.DATE' }], samples: [] },
    ];
    const facts = factsOf({ 'en-US': model(intents), 'de-DE': model(intents), 'fr-FR': model(intents.slice(1)) });
    assert.ok(facts.slots.length >= 10);
    for (const slot of facts.slots) assert.deepEqual(sameSlotElsewhere(facts, slot), scanned(facts, slot), `${slot.locale} ${slot.intent} ${slot.name}`);
    const ax = facts.slots.find((s) => s.intent === 'A' && s.name === 'x' && s.locale === 'en-US')!;
    assert.deepEqual(sameSlotElsewhere(facts, ax).map((s) => s.locale), ['de-DE']);
  });
});
