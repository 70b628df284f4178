import rule from '../../server/src/engine/rules/free-form-capture';
import { MODEL_FILE, codeSkill } from '../helpers/code-skill';
import { RuleTester } from '../helpers/rule-tester';

const manifest = '{\n  "manifest": {\n    "apis": { "custom": {} }\n  }\n}\n';

function model(intents: string, types = '[]'): string {
  return `{
  "interactionModel": {
    "languageModel": {
      "invocationName": "note taker",
      "intents": [
${intents}
      ],
      "types": ${types}
    }
  }
}
`;
}

RuleTester.run(rule, {
  valid: [
    {
      name: 'slots with a closed set of values: songs, dish names, numbers',
      files: {
        'skill.json': manifest,
        'interactionModels/custom/en-US.json': model(
          `        { "name": "PlayIntent", "slots": [{ "name": "song", "type": "AMAZON.MusicRecording" }], "samples": ["play {song}"] },
        { "name": "DishIntent", "slots": [{ "name": "dish", "type": "DishType" }], "samples": ["cook {dish}", "{dish}"] }`,
          '[{ "name": "DishType", "values": [{ "name": { "value": "lasagne" } }, { "name": { "value": "risotto" } }] }]',
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'AMAZON.SearchQuery in two locales: one finding per locale file',
      files: {
        'skill.json': manifest,
        'interactionModels/custom/de-DE.json': model('        { "name": "NoteIntent", "slots": [{ "name": "notiz", "type": "AMAZON.SearchQuery" }], "samples": ["notiere {notiz}"] }'),
        'interactionModels/custom/en-US.json': model('        { "name": "NoteIntent", "slots": [{ "name": "notiz", "type": "AMAZON.SearchQuery" }], "samples": ["take a note {notiz}"] }'),
      },
      errors: [
        {
          messageId: 'freeForm',
          file: 'interactionModels/custom/de-DE.json',
          line: 6,
          column: 53,
          endLine: 6,
          endColumn: 60,
          messageIncludes: 'must not be stored or logged',
          related: ['interactionModels/custom/de-DE.json:6:107', 'interactionModels/custom/en-US.json:6:53'],
        },
        { messageId: 'freeForm', file: 'interactionModels/custom/en-US.json', line: 6, column: 53, endLine: 6, endColumn: 60 },
      ],
    },
    {
      name: 'AMAZON.Literal of an older ask-cli v1 model, with its `{example|slot}` samples',
      files: {
        '.ask/config': '{ "deploy_settings": {} }\n',
        'skill.json': manifest,
        'models/es-ES.json': model('        { "name": "MensajeIntent", "slots": [{ "name": "mensaje", "type": "AMAZON.LITERAL" }], "samples": ["apunta {hola qué tal|mensaje}"] }'),
      },
      errors: [{ messageId: 'freeForm', file: 'models/es-ES.json', line: 6, column: 56, endLine: 6, endColumn: 65, related: ['models/es-ES.json:6:108'] }],
    },
    {
      name: 'a custom catch-all type',
      files: {
        'skill.json': manifest,
        'interactionModels/custom/fr-FR.json': model(
          '        { "name": "DireIntent", "slots": [{ "name": "texte", "type": "CatchAllType" }], "samples": ["{texte}"] }',
          '[{ "name": "CatchAllType", "values": [{ "name": { "value": "bonjour tout le monde" } }] }]',
        ),
      },
      errors: [{ messageId: 'freeForm', file: 'interactionModels/custom/fr-FR.json', line: 6, column: 53, endLine: 6, endColumn: 60 }],
    },
    {
      name: 'the finding links to the alexa-sdk v1 handler that reads the slot',
      files: codeSkill({ 'index.js': "const Alexa = require('alexa-sdk');\n\nconst handlers = {\n  NoteIntent() {\n    const note = this.event.request.intent.slots.note.value;\n    this.emit(':tell', 'Noted: ' + note);\n  },\n};\n" }),
      errors: [{ messageId: 'freeForm', file: MODEL_FILE, line: 7, column: 53, endLine: 7, endColumn: 59, related: ['lambda/index.js:5:18', `${MODEL_FILE}:7:106`] }],
    },
  ],
});
