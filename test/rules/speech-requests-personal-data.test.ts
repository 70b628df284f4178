import { strict as assert } from 'assert';
import rule, { rawSpan } from '../../server/src/engine/rules/speech-requests-personal-data';
import { RuleTester } from '../helpers/rule-tester';

const manifest = '{\n  "manifest": {\n    "apis": { "custom": {} }\n  }\n}\n';

function model(prompts: string, dialogSlots = ''): string {
  return `{
  "interactionModel": {
    "languageModel": {
      "invocationName": "corner shop",
      "intents": [
        { "name": "ContactIntent", "slots": [{ "name": "contact", "type": "AMAZON.PhoneNumber" }], "samples": ["my number is {contact}"] }
      ]
    },
    "dialog": {
      "intents": [{ "name": "ContactIntent", "slots": [${dialogSlots}] }]
    },
    "prompts": [
${prompts}
    ]
  }
}
`;
}

const prompt = (id: string, value: string): string => `      { "id": "${id}", "variations": [{ "type": "PlainText", "value": ${value} }] }`;

RuleTester.run(rule, {
  valid: [
    {
      name: 'prompts that ask for nothing personal, or promise never to ask',
      files: {
        'skill.json': manifest,
        'interactionModels/custom/en-US.json': model(
          [prompt('Elicit.City', '"Which city?"'), prompt('Elicit.Color', '"What is your favourite colour?"'), prompt('Info', '"I will never ask for your password."')].join(',\n'),
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'an elicitation prompt asks for the phone number; the slot it elicits is related',
      files: {
        'skill.json': manifest,
        'interactionModels/custom/en-US.json': model(prompt('Elicit.Contact', '"What is your phone number?"'), '{ "name": "contact", "type": "AMAZON.PhoneNumber", "prompts": { "elicitation": "Elicit.Contact" } }'),
      },
      errors: [
        {
          messageId: 'permission',
          file: 'interactionModels/custom/en-US.json',
          line: 13,
          column: 94,
          endLine: 13,
          endColumn: 106,
          data: { prompt: 'Elicit.Contact', category: 'phone', permission: 'alexa::profile:mobile_number:read' },
          related: ['interactionModels/custom/en-US.json:6:56'],
        },
      ],
    },
    {
      name: 'escapes before the words are counted in the file, not in the value (German, French)',
      files: {
        'skill.json': manifest,
        'interactionModels/custom/de-DE.json': model(prompt('Elicit.Nummer', '"Gut.\\nWie lautet deine Telefonnummer?"')),
        'interactionModels/custom/fr-FR.json': model(prompt('Elicit.Email', '"Tr\\u00e8s \\"bien\\". Quelle est votre adresse e-mail ?"')),
      },
      errors: [
        { messageId: 'permission', file: 'interactionModels/custom/de-DE.json', line: 13, column: 103, endLine: 13, endColumn: 116, data: { category: 'phone', locale: 'de-DE' } },
        { messageId: 'permission', file: 'interactionModels/custom/fr-FR.json', line: 13, column: 116, endLine: 13, endColumn: 130, data: { category: 'email', locale: 'fr-FR' } },
      ],
    },
    {
      name: 'sensitive data, a child\'s name and data without a permission (Italian, English, Japanese)',
      files: {
        'skill.json': manifest,
        'interactionModels/custom/en-US.json': model(prompt('Elicit.Child', '"What is your child’s name?"')),
        'interactionModels/custom/it-IT.json': model(prompt('Elicit.Pin', '"Qual è il tuo PIN?"')),
        'interactionModels/custom/ja-JP.json': model(prompt('Elicit.Age', '"何歳ですか？"')),
      },
      errors: [
        { messageId: 'child', file: 'interactionModels/custom/en-US.json', line: 13, column: 92, endLine: 13, endColumn: 104 },
        { messageId: 'sensitive', file: 'interactionModels/custom/it-IT.json', line: 13, column: 91, endLine: 13, endColumn: 94 },
        { messageId: 'disclose', file: 'interactionModels/custom/ja-JP.json', line: 13, column: 77, endLine: 13, endColumn: 79, data: { category: 'age' } },
      ],
    },
  ],
});

describe('speech-requests-personal-data rawSpan', () => {
  it('maps value offsets through JavaScript escapes', () => {
    // value: `Hi\n, "Bob": your é…` — \n, \", \u00e9, \x41 and \u{1F600} each stand for fewer characters.
    const raw = 'Hi\\n \\"Bob\\" \\u00e9\\x41\\u{1F600}phone';
    const value = 'Hi\n "Bob" éA\u{1F600}phone';
    const at = value.indexOf('phone');
    assert.deepEqual(rawSpan(raw, at, 5), { offset: raw.indexOf('phone'), length: 5 });
    assert.deepEqual(rawSpan(raw, value.indexOf('Bob'), 3), { offset: raw.indexOf('Bob'), length: 3 });
  });
});
