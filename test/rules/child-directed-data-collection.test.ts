import rule from '../../server/src/engine/rules/child-directed-data-collection';
import { RuleTester } from '../helpers/rule-tester';

const kids = (extra = '', childDirected = 'true'): string => `{
  "manifest": {
    "privacyAndCompliance": {
      "usesPersonalInfo": false,
      "isChildDirected": ${childDirected}
    },
    "apis": { "custom": {} }${extra}
  }
}
`;

const quizModel = (slots: string, samples: string): string => `{
  "interactionModel": {
    "languageModel": {
      "invocationName": "animal quiz",
      "intents": [
        { "name": "AnswerIntent", "slots": [${slots}], "samples": [${samples}] }
      ]
    }
  }
}
`;

const benign = quizModel('{ "name": "animal", "type": "AnimalType" }, { "name": "players", "type": "AMAZON.NUMBER" }', '"is it a {animal}", "we are {players} players"');

RuleTester.run(rule, {
  valid: [
    { name: 'a kid skill that collects nothing personal', files: { 'skill.json': kids(), 'interactionModels/custom/en-US.json': benign } },
    {
      name: 'a skill not directed at children may collect (other rules check how)',
      files: {
        'skill.json': kids('', 'false'),
        'interactionModels/custom/en-US.json': quizModel('{ "name": "firstName", "type": "AMAZON.FirstName" }', '"my name is {firstName}"'),
      },
    },
  ],
  invalid: [
    {
      name: 'a kid skill asks for the child\'s name (Japanese) and age (Spanish)',
      files: {
        'skill.json': kids(),
        'interactionModels/custom/es-ES.json': quizModel('{ "name": "edad", "type": "AMAZON.NUMBER" }', '"tengo {edad} años"'),
        'interactionModels/custom/ja-JP.json': quizModel('{ "name": "namae", "type": "AMAZON.FirstName" }', '"私の名前は{namae}です"'),
      },
      errors: [
        {
          messageId: 'childDirected',
          file: 'skill.json',
          line: 5,
          column: 26,
          endLine: 5,
          endColumn: 30,
          messageIncludes: 'COPPA',
          related: ['interactionModels/custom/es-ES.json:6:55', 'interactionModels/custom/ja-JP.json:6:55'],
        },
      ],
    },
    {
      name: 'a kid skill that declares a permission',
      files: {
        'skill.json': kids(`,
    "permissions": [{ "name": "alexa:devices:all:address:country_and_postal_code:read" }]`),
        'interactionModels/custom/en-US.json': benign,
      },
      errors: [{ messageId: 'childDirected', file: 'skill.json', line: 5, column: 26, endLine: 5, endColumn: 30, related: ['skill.json:8:31'] }],
    },
  ],
});
