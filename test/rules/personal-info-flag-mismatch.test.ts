import rule from '../../server/src/engine/rules/personal-info-flag-mismatch';
import { RuleTester } from '../helpers/rule-tester';

const phoneModel = `{
  "interactionModel": {
    "languageModel": {
      "invocationName": "corner shop",
      "intents": [
        { "name": "PhoneIntent", "slots": [{ "name": "telefono", "type": "AMAZON.PhoneNumber" }], "samples": ["mi teléfono es {telefono}"] }
      ]
    }
  }
}
`;
const colorModel = phoneModel.replace('"AMAZON.PhoneNumber"', '"ColorType"').replace('mi teléfono es {telefono}', 'mi color favorito es {telefono}').replace(/telefono/g, 'color');

const withFlag = (value: string): string => `{
  "manifest": {
    "privacyAndCompliance": {
      "allowsPurchases": false,
      "usesPersonalInfo": ${value},
      "isChildDirected": false
    },
    "apis": { "custom": {} }
  }
}
`;

const noKey = `{
  "manifest": {
    "privacyAndCompliance": {
      "allowsPurchases": false,
      "isChildDirected": false
    },
    "apis": { "custom": {} }
  }
}
`;
const noKeyFixed = `{
  "manifest": {
    "privacyAndCompliance": {
      "allowsPurchases": false,
      "isChildDirected": false,
      "usesPersonalInfo": true
    },
    "apis": { "custom": {} }
  }
}
`;

const noBlock = `{
  "manifest": {
    "publishingInformation": { "locales": { "es-ES": { "name": "Tienda" } } },
    "apis": { "custom": {} }
  }
}
`;
const noBlockFixed = `{
  "manifest": {
    "publishingInformation": { "locales": { "es-ES": { "name": "Tienda" } } },
    "apis": { "custom": {} },
    "privacyAndCompliance": {
      "usesPersonalInfo": true
    }
  }
}
`;

const model = 'interactionModels/custom/es-ES.json';

RuleTester.run(rule, {
  valid: [
    { name: 'usesPersonalInfo is true', files: { 'skill.json': withFlag('true'), [model]: phoneModel } },
    { name: 'nothing personal is collected', files: { 'skill.json': withFlag('false'), [model]: colorModel } },
    { name: 'nothing personal, no privacy block at all', files: { 'skill.json': noBlock, [model]: colorModel } },
    {
      name: 'the code keeps only a visit count and the user id it is keyed by: not personal information on its own',
      files: { 'skill.json': withFlag('false'), [model]: colorModel, 'lambda/index.js': "const Alexa = require('ask-sdk-core');\n\nconst VisitHandler = {\n  async handle(handlerInput) {\n    const attributes = await handlerInput.attributesManager.getPersistentAttributes();\n    attributes.visits = (attributes.visits || 0) + 1;\n    attributes.owner = Alexa.getUserId(handlerInput.requestEnvelope);\n    handlerInput.attributesManager.setPersistentAttributes(attributes);\n    return handlerInput.responseBuilder.speak('Welcome back.').getResponse();\n  },\n};\n" },
    },
  ],
  invalid: [
    {
      name: 'usesPersonalInfo is false while a slot collects a phone number',
      files: { 'skill.json': withFlag('false'), [model]: phoneModel },
      errors: [
        {
          messageId: 'false',
          file: 'skill.json',
          line: 5,
          column: 27,
          endLine: 5,
          endColumn: 32,
          messageIncludes: 'slot `telefono` of type AMAZON.PhoneNumber in es-ES',
          related: [`${model}:6:54`],
        },
      ],
      fixes: [{ fixId: 'set-uses-personal-info', output: { 'skill.json': withFlag('true') } }],
    },
    {
      name: 'the key is missing from privacyAndCompliance',
      files: { 'skill.json': noKey, [model]: phoneModel },
      errors: [{ messageId: 'absent', file: 'skill.json', line: 3, column: 5, endLine: 3, endColumn: 27 }],
      fixes: [{ fixId: 'set-uses-personal-info', output: { 'skill.json': noKeyFixed } }],
    },
    {
      name: 'there is no privacyAndCompliance block: it is created',
      files: { 'skill.json': noBlock, [model]: phoneModel },
      errors: [{ messageId: 'absent', file: 'skill.json', line: 2, column: 3, endLine: 2, endColumn: 13 }],
      fixes: [{ fixId: 'set-uses-personal-info', output: { 'skill.json': noBlockFixed } }],
    },
    {
      name: 'a declared permission is evidence too; the older `skillManifest` key; tabs are kept',
      files: {
        'skill.json': '{\n\t"skillManifest": {\n\t\t"permissions": [{ "name": "alexa::profile:email:read" }]\n\t}\n}\n',
      },
      errors: [{ messageId: 'absent', file: 'skill.json', line: 2, column: 2, endLine: 2, endColumn: 17, related: ['skill.json:3:29'] }],
      fixes: [
        {
          fixId: 'set-uses-personal-info',
          output: { 'skill.json': '{\n\t"skillManifest": {\n\t\t"permissions": [{ "name": "alexa::profile:email:read" }],\n\t\t"privacyAndCompliance": {\n\t\t\t"usesPersonalInfo": true\n\t\t}\n\t}\n}\n' },
        },
      ],
    },
    {
      name: 'the handler code reads the device address: code evidence, with the call as related location',
      files: { 'skill.json': withFlag('false'), [model]: colorModel, 'lambda/index.js': "const Alexa = require('ask-sdk-core');\n\nconst AddressHandler = {\n  async handle(handlerInput) {\n    const deviceId = Alexa.getDeviceId(handlerInput.requestEnvelope);\n    const client = handlerInput.serviceClientFactory.getDeviceAddressServiceClient();\n    const address = await client.getFullAddress(deviceId);\n    return handlerInput.responseBuilder.speak(`Delivering to ${address.city}`).getResponse();\n  },\n};\n" },
      errors: [
        {
          messageId: 'false',
          file: 'skill.json',
          line: 5,
          column: 27,
          endLine: 5,
          endColumn: 32,
          messageIncludes: 'the code reads the device address (`getFullAddress`)',
          related: ['lambda/index.js:7:27'],
        },
      ],
      fixes: [{ fixId: 'set-uses-personal-info', output: { 'skill.json': withFlag('true') } }],
    },
  ],
});
