import rule from '../../server/src/engine/rules/sensitive-data-slot';
import { MODEL, MODEL_FILE, codeSkill } from '../helpers/code-skill';
import { RuleTester } from '../helpers/rule-tester';

const manifest = `{
  "manifest": {
    "apis": { "custom": {} }
  }
}
`;

/** A banking skill whose transfer intent also asks for a card number, with a dialog and prompts. */
const transferModel = `{
  "interactionModel": {
    "languageModel": {
      "invocationName": "pocket bank",
      "intents": [
        {
          "name": "TransferIntent",
          "slots": [
            { "name": "amount", "type": "AMAZON.NUMBER" },
            { "name": "cardNumber", "type": "AMAZON.NUMBER", "samples": ["it is {cardNumber}"] }
          ],
          "samples": [
            "send {amount} dollars",
            "send {amount} dollars with card {cardNumber}",
            "my card number is {cardNumber}",
            "transfer {amount}"
          ]
        },
        { "name": "AMAZON.HelpIntent", "samples": [] }
      ]
    },
    "dialog": {
      "intents": [
        {
          "name": "TransferIntent",
          "confirmationRequired": false,
          "prompts": {},
          "slots": [
            {
              "name": "amount",
              "type": "AMAZON.NUMBER",
              "elicitationRequired": true,
              "prompts": { "elicitation": "Elicit.Amount" }
            },
            {
              "name": "cardNumber",
              "type": "AMAZON.NUMBER",
              "elicitationRequired": true,
              "prompts": { "elicitation": "Elicit.Card", "confirmation": "Confirm.Shared" }
            }
          ]
        }
      ],
      "delegationStrategy": "ALWAYS"
    },
    "prompts": [
      { "id": "Elicit.Amount", "variations": [{ "type": "PlainText", "value": "How much?" }] },
      { "id": "Elicit.Card", "variations": [{ "type": "PlainText", "value": "What is your card number?" }] },
      { "id": "Confirm.Shared", "variations": [{ "type": "PlainText", "value": "Is that right?" }] },
      { "id": "Confirm.Other", "variations": [{ "type": "PlainText", "value": "Shall I?" }] }
    ]
  }
}
`;

const transferFixed = `{
  "interactionModel": {
    "languageModel": {
      "invocationName": "pocket bank",
      "intents": [
        {
          "name": "TransferIntent",
          "slots": [
            { "name": "amount", "type": "AMAZON.NUMBER" }
          ],
          "samples": [
            "send {amount} dollars",
            "transfer {amount}"
          ]
        },
        { "name": "AMAZON.HelpIntent", "samples": [] }
      ]
    },
    "dialog": {
      "intents": [
        {
          "name": "TransferIntent",
          "confirmationRequired": false,
          "prompts": {},
          "slots": [
            {
              "name": "amount",
              "type": "AMAZON.NUMBER",
              "elicitationRequired": true,
              "prompts": { "elicitation": "Elicit.Amount" }
            }
          ]
        }
      ],
      "delegationStrategy": "ALWAYS"
    },
    "prompts": [
      { "id": "Elicit.Amount", "variations": [{ "type": "PlainText", "value": "How much?" }] },
      { "id": "Confirm.Other", "variations": [{ "type": "PlainText", "value": "Shall I?" }] }
    ]
  }
}
`;

/** Confirm.Shared is also the intent's confirmation prompt, so it stays. */
const sharedPromptModel = transferModel.replace('"prompts": {},', '"prompts": { "confirmation": "Confirm.Shared" },');
const sharedPromptFixed = transferFixed
  .replace('"prompts": {},', '"prompts": { "confirmation": "Confirm.Shared" },')
  .replace(
    '      { "id": "Confirm.Other"',
    '      { "id": "Confirm.Shared", "variations": [{ "type": "PlainText", "value": "Is that right?" }] },\n      { "id": "Confirm.Other"',
  );

/** Every utterance of the intent uses the slot: the intent goes too (an intent without samples does not build). */
const pinModel = `{
  "interactionModel": {
    "languageModel": {
      "invocationName": "haus tresor",
      "intents": [
        { "name": "AMAZON.StopIntent", "samples": [] },
        {
          "name": "PinIntent",
          "slots": [{ "name": "geheimzahl", "type": "AMAZON.FOUR_DIGIT_NUMBER" }],
          "samples": ["meine PIN ist {geheimzahl}", "die Geheimzahl lautet {geheimzahl}"]
        },
        { "name": "StatusIntent", "samples": ["wie geht es"] }
      ]
    }
  }
}
`;
const pinFixed = `{
  "interactionModel": {
    "languageModel": {
      "invocationName": "haus tresor",
      "intents": [
        { "name": "AMAZON.StopIntent", "samples": [] },
        { "name": "StatusIntent", "samples": ["wie geht es"] }
      ]
    }
  }
}
`;

const crlf = (s: string): string => s.replace(/\n/g, '\r\n');

RuleTester.run(rule, {
  valid: [
    {
      name: 'personal but not sensitive data, and numbers that are not secrets',
      files: {
        'skill.json': manifest,
        'interactionModels/custom/en-US.json': `{
  "interactionModel": {
    "languageModel": {
      "invocationName": "pocket bank",
      "intents": [
        { "name": "PhoneIntent", "slots": [{ "name": "phone", "type": "AMAZON.PhoneNumber" }], "samples": ["my number is {phone}"] },
        { "name": "AmountIntent", "slots": [{ "name": "amount", "type": "AMAZON.NUMBER" }], "samples": ["send {amount} dollars"] },
        { "name": "RoomIntent", "slots": [{ "name": "room", "type": "AMAZON.FOUR_DIGIT_NUMBER" }], "samples": ["my room is {room}"] }
      ]
    }
  }
}
`,
      },
    },
  ],
  invalid: [
    {
      name: 'a card number slot: one fix removes the slot, its utterances, its dialog entry and the prompts only it uses',
      files: { 'skill.json': manifest, 'interactionModels/custom/en-US.json': transferModel },
      errors: [
        {
          messageId: 'sensitive',
          file: 'interactionModels/custom/en-US.json',
          line: 10,
          column: 23,
          endLine: 10,
          endColumn: 35,
          data: { slot: 'cardNumber', category: 'financial' },
          related: ['interactionModels/custom/en-US.json:14:13', 'interactionModels/custom/en-US.json:15:13', 'interactionModels/custom/en-US.json:10:74'],
        },
      ],
      fixes: [{ fixId: 'remove-slot', output: { 'interactionModels/custom/en-US.json': transferFixed } }],
    },
    {
      name: 'a prompt that another dialog entry uses stays',
      files: { 'skill.json': manifest, 'interactionModels/custom/en-US.json': sharedPromptModel },
      errors: [{ messageId: 'sensitive', file: 'interactionModels/custom/en-US.json', line: 10, column: 23, endLine: 10, endColumn: 35 }],
      fixes: [{ fixId: 'remove-slot', output: { 'interactionModels/custom/en-US.json': sharedPromptFixed } }],
    },
    {
      name: 'CRLF line endings are kept',
      files: { 'skill.json': manifest, 'interactionModels/custom/en-US.json': crlf(transferModel) },
      errors: [{ messageId: 'sensitive', file: 'interactionModels/custom/en-US.json', line: 10, column: 23, endLine: 10, endColumn: 35 }],
      fixes: [{ fixId: 'remove-slot', output: { 'interactionModels/custom/en-US.json': crlf(transferFixed) } }],
    },
    {
      name: 'a German PIN slot whose intent has no other utterances: the intent is removed',
      files: { 'skill.json': manifest, 'interactionModels/custom/de-DE.json': pinModel },
      errors: [{ messageId: 'sensitive', file: 'interactionModels/custom/de-DE.json', line: 9, column: 31, endLine: 9, endColumn: 43, data: { category: 'credentials', locale: 'de-DE' } }],
      fixes: [{ fixId: 'remove-slot', output: { 'interactionModels/custom/de-DE.json': pinFixed } }],
    },
    {
      name: 'government ids and card numbers in Portuguese, Hindi, Italian and Japanese',
      files: {
        'skill.json': manifest,
        'interactionModels/custom/hi-IN.json': '{"interactionModel":{"languageModel":{"intents":[{"name":"AadhaarIntent","slots":[{"name":"sankhya","type":"AMAZON.NUMBER"}],"samples":["मेरा आधार नंबर {sankhya} है","{sankhya}"]}]}}}\n',
        'interactionModels/custom/it-IT.json': '{"interactionModel":{"languageModel":{"intents":[{"name":"CartaIntent","slots":[{"name":"numero","type":"AMAZON.NUMBER"}],"samples":["il mio numero di carta di credito è {numero}","paga"]}]}}}\n',
        'interactionModels/custom/ja-JP.json': '{"interactionModel":{"languageModel":{"intents":[{"name":"CardIntent","slots":[{"name":"bangou","type":"AMAZON.NUMBER"}],"samples":["カード番号は{bangou}です","払う"]}]}}}\n',
        'interactionModels/custom/pt-BR.json': '{"interactionModel":{"languageModel":{"intents":[{"name":"CpfIntent","slots":[{"name":"cpf","type":"AMAZON.NUMBER"}],"samples":["meu CPF é {cpf}","cadastro"]}]}}}\n',
      },
      errors: [
        { messageId: 'sensitive', file: 'interactionModels/custom/hi-IN.json', line: 1, column: 91, endLine: 1, endColumn: 100, data: { category: 'government-id' } },
        { messageId: 'sensitive', file: 'interactionModels/custom/it-IT.json', line: 1, column: 89, endLine: 1, endColumn: 97, data: { category: 'financial' } },
        { messageId: 'sensitive', file: 'interactionModels/custom/ja-JP.json', line: 1, column: 88, endLine: 1, endColumn: 96, data: { category: 'financial' } },
        { messageId: 'sensitive', file: 'interactionModels/custom/pt-BR.json', line: 1, column: 87, endLine: 1, endColumn: 92, data: { category: 'government-id' } },
      ],
      fixes: [
        { finding: 0, fixId: 'remove-slot', output: { 'interactionModels/custom/hi-IN.json': '{"interactionModel":{"languageModel":{"intents":[]}}}\n' } },
        { finding: 1, fixId: 'remove-slot', output: { 'interactionModels/custom/it-IT.json': '{"interactionModel":{"languageModel":{"intents":[{"name":"CartaIntent","slots":[],"samples":["paga"]}]}}}\n' } },
        { finding: 3, fixId: 'remove-slot', output: { 'interactionModels/custom/pt-BR.json': '{"interactionModel":{"languageModel":{"intents":[{"name":"CpfIntent","slots":[],"samples":["cadastro"]}]}}}\n' } },
      ],
    },
    {
      name: 'the finding links to the TypeScript code that reads the slot',
      files: codeSkill(
        { 'card.ts': "import { HandlerInput, getSlot } from 'ask-sdk-core';\n\nexport function cardOf(input: HandlerInput): string | undefined {\n  const slot = getSlot(input.requestEnvelope, 'cardNumber');\n  return slot?.value;\n}\n" },
        {
          [MODEL_FILE]: MODEL.replace(
            '"samples": ["add {topping}"] }',
            '"samples": ["add {topping}"] },\n        { "name": "PayIntent", "slots": [{ "name": "cardNumber", "type": "AMAZON.NUMBER" }], "samples": ["my credit card number is {cardNumber}"] }',
          ),
        },
      ),
      errors: [{ messageId: 'sensitive', file: MODEL_FILE, line: 9, column: 52, endLine: 9, endColumn: 64, related: ['lambda/card.ts:4:16', `${MODEL_FILE}:9:106`] }],
      fixes: [{ fixId: 'remove-slot', output: { [MODEL_FILE]: MODEL } }],
    },
  ],
});
