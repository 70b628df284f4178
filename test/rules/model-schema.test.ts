import rule from '../../server/src/engine/rules/model-schema';
import { RuleTester } from '../helpers/rule-tester';

const manifest = '{\n  "manifest": {\n    "apis": { "custom": {} }\n  }\n}\n';
const en = 'interactionModels/custom/en-US.json';

const full = `{
  "interactionModel": {
    "languageModel": {
      "invocationName": "plant helper",
      "modelConfiguration": { "fallbackIntentSensitivity": { "level": "LOW" } },
      "intents": [
        { "name": "AMAZON.StopIntent", "samples": [] },
        { "name": "AMAZON.FallbackIntent" },
        {
          "name": "WaterIntent",
          "slots": [
            { "name": "plant", "type": "PlantType", "samples": ["the {plant}"] },
            { "name": "days", "type": "AMAZON.NUMBER", "multipleValues": { "enabled": false } }
          ],
          "samples": ["water the {plant} every {days} days"]
        }
      ],
      "types": [
        { "name": "PlantType", "values": [{ "id": "FERN", "name": { "value": "fern", "synonyms": ["ferns"] } }, { "id": null, "name": { "value": "cactus" } }] },
        { "name": "CatalogType", "valueSupplier": { "type": "CatalogValueSupplier", "valueCatalog": { "catalogId": "amzn1.ask.interactionModel.catalog.1", "version": "1" } } }
      ]
    },
    "dialog": {
      "delegationStrategy": "ALWAYS",
      "intents": [
        {
          "name": "WaterIntent",
          "confirmationRequired": true,
          "prompts": { "confirmation": "Confirm.Intent.Water" },
          "slots": [
            {
              "name": "days",
              "type": "AMAZON.NUMBER",
              "elicitationRequired": true,
              "confirmationRequired": false,
              "prompts": { "elicitation": "Elicit.Slot.Days" },
              "validations": [{ "type": "isGreaterThan", "prompt": "Slot.Validation.Days", "value": "0" }]
            }
          ]
        }
      ]
    },
    "prompts": [
      { "id": "Elicit.Slot.Days", "variations": [{ "type": "PlainText", "value": "Every how many days?" }] },
      { "id": "Slot.Validation.Days", "variations": [{ "type": "SSML", "value": "<speak>At least one day.</speak>" }] },
      { "id": "Confirm.Intent.Water", "variations": [{ "type": "PlainText", "value": "Water the {plant} every {days} days?" }] }
    ]
  },
  "version": "3"
}
`;

const intents = (list: string): string => `{
  "interactionModel": {
    "languageModel": {
      "invocationName": "plant helper",
      "intents": [
${list}
      ]
    }
  }
}
`;

const withPrompts = (prompts: string): string => `{
  "interactionModel": {
    "languageModel": { "invocationName": "plant helper", "intents": [] },
    "prompts": [
${prompts}
    ]
  }
}
`;

RuleTester.run(rule, {
  valid: [
    { name: 'a full model: slots, custom and catalog types, dialog with validations, prompts', files: { 'skill.json': manifest, [en]: full } },
    { name: 'an ask-cli v1 model in models/<locale>.json', files: { 'skill.json': manifest, 'models/de-DE.json': intents('        { "name": "GiessIntent", "samples": ["giess die pflanze"] }') } },
    { name: 'a model that does not parse is left to parse-error', files: { 'skill.json': manifest, [en]: '{ "interactionModel": { "languageModel": { "intents": [ }\n' } },
    {
      name: 'a finding suppressed in .skillprivacyrc.json by a file glob and the pointer of the element (as the docs page says)',
      files: {
        'skill.json': manifest,
        [en]: intents('        { "samples": ["water the plants"] }'),
        '.skillprivacyrc.json': '{ "suppress": [{ "rule": "model-schema", "file": "interactionModels/custom/*.json", "pointer": "/interactionModel/languageModel/intents/0", "reason": "generated" }] }\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a slot without a type: the slot object is marked (at its brace: it has no key)',
      files: { 'skill.json': manifest, [en]: intents('        { "name": "WaterIntent", "slots": [{ "name": "plant" }], "samples": ["water the {plant}"] }') },
      errors: [
        {
          messageId: 'schema',
          file: en,
          line: 6,
          column: 44,
          endLine: 6,
          endColumn: 45,
          data: { locale: 'en-US', pointer: '/interactionModel/languageModel/intents/0/slots/0', keyword: 'required' },
          messageIncludes: 'Interaction model en-US: `/interactionModel/languageModel/intents/0/slots/0` is missing the required property `type`',
        },
      ],
    },
    {
      name: 'an intent without a name',
      files: { 'skill.json': manifest, [en]: intents('        { "name": "AMAZON.StopIntent" },\n        { "samples": ["water the plants"] }') },
      errors: [{ messageId: 'schema', file: en, line: 7, column: 9, endLine: 7, endColumn: 10, data: { pointer: '/interactionModel/languageModel/intents/1', keyword: 'required' }, messageIncludes: 'missing the required property `name`' }],
    },
    {
      name: 'samples that are not strings: each bad sample is marked',
      files: { 'skill.json': manifest, [en]: intents('        { "name": "WaterIntent", "samples": ["water the plants", 42, { "text": "water" }] }') },
      errors: [
        { messageId: 'schema', file: en, line: 6, column: 66, endLine: 6, endColumn: 68, data: { pointer: '/interactionModel/languageModel/intents/0/samples/1', keyword: 'type' }, messageIncludes: 'must be string' },
        { messageId: 'schema', file: en, line: 6, column: 70, endLine: 6, endColumn: 89, data: { pointer: '/interactionModel/languageModel/intents/0/samples/2', keyword: 'type' } },
      ],
    },
    {
      name: 'a prompt variation of an unknown type: the value is marked',
      files: { 'skill.json': manifest, [en]: withPrompts('      { "id": "Elicit.Slot.Days", "variations": [{ "type": "Text", "value": "Every how many days?" }] }') },
      errors: [
        {
          messageId: 'schema',
          file: en,
          line: 5,
          column: 60,
          endLine: 5,
          endColumn: 66,
          data: { pointer: '/interactionModel/prompts/0/variations/0/type', keyword: 'enum' },
          messageIncludes: 'must be one of "PlainText", "SSML"',
        },
      ],
    },
    {
      name: 'a prompt with no variations and a dialog slot with a mistyped flag',
      files: {
        'skill.json': manifest,
        [en]: `{
  "interactionModel": {
    "languageModel": { "invocationName": "plant helper", "intents": [] },
    "dialog": {
      "intents": [{ "name": "WaterIntent", "slots": [{ "name": "days", "type": "AMAZON.NUMBER", "elicitationRequired": "yes", "prompts": {} }] }]
    },
    "prompts": [{ "id": "Elicit.Slot.Days", "variations": [] }]
  }
}
`,
      },
      errors: [
        { messageId: 'schema', file: en, line: 5, column: 120, endLine: 5, endColumn: 125, data: { pointer: '/interactionModel/dialog/intents/0/slots/0/elicitationRequired', keyword: 'type' } },
        { messageId: 'schema', file: en, line: 7, column: 59, endLine: 7, endColumn: 61, data: { pointer: '/interactionModel/prompts/0/variations', keyword: 'minItems' }, messageIncludes: 'must have at least 1 item' },
      ],
    },
    {
      name: 'the 2017 Skill Builder format without the interactionModel wrapper: nothing reads it any more, so it is reported at the file',
      files: { 'skill.json': manifest, 'models/en-US.json': '{\n  "intents": [{ "name": "GetFactIntent", "samples": ["a fact"] }]\n}\n' },
      errors: [{ messageId: 'schema', file: 'models/en-US.json', line: 1, column: 1, endLine: 1, endColumn: 2, data: { pointer: '', keyword: 'required' }, messageIncludes: 'the file is missing the required property `interactionModel`' }],
    },
    {
      name: 'no languageModel: the interactionModel key is marked; every locale is checked on its own',
      files: {
        'skill.json': manifest,
        [en]: full,
        'interactionModels/custom/fr-FR.json': '{\n  "interactionModel": {\n    "prompts": []\n  }\n}\n',
      },
      errors: [
        {
          messageId: 'schema',
          file: 'interactionModels/custom/fr-FR.json',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 21,
          data: { locale: 'fr-FR', pointer: '/interactionModel', keyword: 'required' },
          messageIncludes: 'Interaction model fr-FR: `/interactionModel` is missing the required property `languageModel`',
        },
      ],
    },
  ],
});
