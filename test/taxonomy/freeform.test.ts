import { strict as assert } from 'assert';
import { SlotInput, classifyFreeForm, classifySlot } from '../../server/src/engine/taxonomy';

function slot(name: string, type: string, samples: string[], customValues?: string[]): SlotInput {
  return { name, type, locale: 'en-US', samples, customValues };
}

describe('taxonomy: classifyFreeForm', () => {
  it('AMAZON.SearchQuery captures free-form speech', () => {
    assert.deepEqual(classifyFreeForm(slot('query', 'AMAZON.SearchQuery', ['search for {query}'])), {
      category: 'free-speech',
      reason: 'slot `query` of type AMAZON.SearchQuery captures free-form speech',
    });
  });

  it('AMAZON.Literal (alexa-sdk v1 models) captures free-form speech', () => {
    assert.equal(classifyFreeForm(slot('text', 'AMAZON.LITERAL', ['{hello world|text}']))?.category, 'free-speech');
    assert.equal(classifyFreeForm(slot('text', 'AMAZON.Literal', ['{text}']))?.category, 'free-speech');
  });

  it('is still free-form when the words say what is captured (classifySlot gives the specific category)', () => {
    const input = slot('query', 'AMAZON.SearchQuery', ['my address is {query}']);
    assert.equal(classifyFreeForm(input)?.category, 'free-speech');
    assert.equal(classifySlot(input)?.category, 'address');
  });

  const named: [string, string][] = [
    ['anything', 'CatchAllType'],
    ['x', 'CATCH_ALL'],
    ['x', 'catchAll'],
    ['x', 'WildcardSlotType'],
    ['x', 'FreeTextType'],
    ['anything', 'AnythingType'],
    ['freeText', 'TextType'],
    ['utterance', 'UtteranceType'],
  ];
  for (const [name, type] of named) {
    it(`a custom catch-all named ${name}/${type}`, () => {
      const c = classifyFreeForm(slot(name, type, [`{${name}}`], ['hello']));
      assert.equal(c?.category, 'free-speech');
      assert.match(c?.reason ?? '', /catch-all/);
    });
  }

  it('a custom type filling the whole utterance with arbitrary phrases', () => {
    const values = ['I went to the store yesterday', 'what a lovely day it is', 'tell my wife I love her', 'the quick brown fox jumps', 'nothing much to say really'];
    const c = classifyFreeForm(slot('phrase', 'PhraseType', ['{phrase}'], values));
    assert.deepEqual(c, {
      category: 'free-speech',
      reason: 'slot `phrase` of type PhraseType fills the whole utterance "{phrase}" and has arbitrary phrases as values, a catch-all that captures any speech',
    });
  });

  it('not free-form: ordinary custom types, even with multi-word values', () => {
    assert.equal(classifyFreeForm(slot('recipe', 'RecipeType', ['how do I make {recipe}'], ['chicken curry', 'spaghetti carbonara', 'apple pie', 'pad thai', 'fish and chips'])), undefined);
    assert.equal(classifyFreeForm(slot('color', 'ColorType', ['{color}'], ['red', 'green', 'blue', 'yellow', 'purple'])), undefined);
  });

  it('not free-form: other built-in types', () => {
    for (const type of ['AMAZON.NUMBER', 'AMAZON.DATE', 'AMAZON.US_FIRST_NAME', 'AMAZON.City', 'AMAZON.Anything']) {
      assert.equal(classifyFreeForm(slot('x', type, ['{x}'])), undefined, type);
    }
  });

  it('tolerates missing fields', () => {
    assert.equal(classifyFreeForm({ name: '', type: '', locale: '', samples: [] }), undefined);
  });
});
