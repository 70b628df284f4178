import rule from '../../server/src/engine/rules/personal-data-slot';
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Fix } from '../../server/src/engine/types';
import { MANIFEST, MODEL_FILE, codeSkill } from '../helpers/code-skill';
import { Files, RuleTester, lintFiles } from '../helpers/rule-tester';

/** A plain skill: skill.json beside interactionModels/custom/<locale>.json. */
function manifest(extra = ''): string {
  return `{
  "manifest": {
    "publishingInformation": {
      "locales": { "en-US": { "name": "Corner Shop" } }
    },
    "apis": { "custom": {} }${extra}
  }
}
`;
}

function model(intents: string, rest = ''): string {
  return `{
  "interactionModel": {
    "languageModel": {
      "invocationName": "corner shop",
      "intents": [
${intents}
      ]${rest}
    }
  }
}
`;
}

function intent(name: string, slots: string, samples: string): string {
  return `        {
          "name": "${name}",
          "slots": [${slots}],
          "samples": [${samples}]
        }`;
}

const phoneEn = model(intent('SetPhoneIntent', '{ "name": "phone", "type": "AMAZON.PhoneNumber" }', '"my phone number is {phone}", "call me at {phone}"'));

RuleTester.run(rule, {
  valid: [
    {
      name: 'benign slots: favourite colour, score, number of players, city for the weather, song names',
      files: {
        'skill.json': manifest(),
        'interactionModels/custom/en-US.json': model(
          [
            intent('ColorIntent', '{ "name": "color", "type": "ColorType" }', '"my favourite colour is {color}"'),
            intent('ScoreIntent', '{ "name": "score", "type": "AMAZON.NUMBER" }', '"my score is {score}"'),
            intent('PlayersIntent', '{ "name": "players", "type": "AMAZON.NUMBER" }', '"we are {players} players"'),
            intent('WeatherIntent', '{ "name": "city", "type": "AMAZON.City" }', '"what is the weather in {city}"'),
            intent('PlayIntent', '{ "name": "song", "type": "AMAZON.MusicRecording" }', '"play {song}"'),
          ].join(',\n'),
          `,
      "types": [{ "name": "ColorType", "values": [{ "name": { "value": "red" } }, { "name": { "value": "blue" } }] }]`,
        ),
      },
    },
    {
      name: 'benign slots in German, Spanish and Japanese',
      files: {
        'skill.json': manifest(),
        'interactionModels/custom/de-DE.json': model(intent('FarbeIntent', '{ "name": "farbe", "type": "FarbeTyp" }', '"meine Lieblingsfarbe ist {farbe}"')),
        'interactionModels/custom/es-ES.json': model(intent('TiempoIntent', '{ "name": "ciudad", "type": "AMAZON.City" }', '"qué tiempo hace en {ciudad}"')),
        'interactionModels/custom/ja-JP.json': model(intent('PlayersIntent', '{ "name": "players", "type": "AMAZON.NUMBER" }', '"{players}人で遊ぶ"')),
      },
    },
    {
      name: 'sensitive slots are sensitive-data-slot\'s, free-form capture free-form-capture\'s',
      files: {
        'skill.json': manifest(),
        'interactionModels/custom/en-US.json': model(
          [
            intent('PayIntent', '{ "name": "cardNumber", "type": "AMAZON.NUMBER" }', '"my card number is {cardNumber}"'),
            intent('SearchIntent', '{ "name": "query", "type": "AMAZON.SearchQuery" }', '"search for {query}"'),
          ].join(',\n'),
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'a phone number slot; the fix adds the permission and creates `permissions`',
      files: { 'skill.json': manifest(), 'interactionModels/custom/en-US.json': phoneEn },
      errors: [
        {
          messageId: 'permission',
          file: 'interactionModels/custom/en-US.json',
          line: 8,
          column: 31,
          endLine: 8,
          endColumn: 38,
          data: { slot: 'phone', category: 'phone', permission: 'alexa::profile:mobile_number:read', locale: 'en-US' },
          messageIncludes: 'slot `phone` of type AMAZON.PhoneNumber',
          related: ['interactionModels/custom/en-US.json:9:23', 'interactionModels/custom/en-US.json:9:53'],
        },
      ],
      fixes: [
        {
          fixId: 'use-permission',
          output: {
            'skill.json': manifest(`,
    "permissions": [
      {
        "name": "alexa::profile:mobile_number:read"
      }
    ]`),
          },
        },
      ],
    },
    {
      name: 'German words on an AMAZON.NUMBER slot; the fix appends to an existing one-line permissions list in its style',
      files: {
        'skill.json': manifest(`,
    "permissions": [{ "name": "alexa::alerts:reminders:skill:readwrite" }]`),
        'interactionModels/custom/de-DE.json': model(intent('NummerIntent', '{ "name": "nummer", "type": "AMAZON.NUMBER" }', '"meine Telefonnummer ist {nummer}"')),
      },
      errors: [{ messageId: 'permission', file: 'interactionModels/custom/de-DE.json', line: 8, column: 31, endLine: 8, endColumn: 39, data: { category: 'phone', locale: 'de-DE' } }],
      fixes: [
        {
          fixId: 'use-permission',
          output: {
            'skill.json': manifest(`,
    "permissions": [{ "name": "alexa::alerts:reminders:skill:readwrite" }, { "name": "alexa::profile:mobile_number:read" }]`),
          },
        },
      ],
    },
    {
      name: 'French e-mail and Japanese phone: one finding per locale file; the same slot elsewhere is related',
      files: {
        'skill.json': manifest(`,
    "permissions": [
      {
        "name": "alexa::profile:given_name:read"
      }
    ]`),
        'interactionModels/custom/fr-FR.json': model(intent('EmailIntent', '{ "name": "email", "type": "AMAZON.SearchQuery" }', '"mon adresse e-mail est {email}"')),
        'interactionModels/custom/ja-JP.json': model(intent('EmailIntent', '{ "name": "email", "type": "AMAZON.SearchQuery" }', '"私のメールアドレスは{email}です"')),
      },
      errors: [
        {
          messageId: 'permission',
          file: 'interactionModels/custom/fr-FR.json',
          line: 8,
          column: 31,
          endLine: 8,
          endColumn: 38,
          data: { category: 'email', permission: 'alexa::profile:email:read', locale: 'fr-FR' },
          related: ['interactionModels/custom/fr-FR.json:9:23', 'interactionModels/custom/ja-JP.json:8:31'],
        },
        { messageId: 'permission', file: 'interactionModels/custom/ja-JP.json', line: 8, column: 31, endLine: 8, endColumn: 38, data: { category: 'email', locale: 'ja-JP' } },
      ],
      fixes: [
        {
          finding: 1,
          fixId: 'use-permission',
          output: {
            'skill.json': manifest(`,
    "permissions": [
      {
        "name": "alexa::profile:given_name:read"
      },
      {
        "name": "alexa::profile:email:read"
      }
    ]`),
          },
        },
      ],
    },
    {
      name: 'a first-name slot maps to the given-name permission (Portuguese, Hindi)',
      files: {
        'skill.json': manifest(),
        'interactionModels/custom/hi-IN.json': model(intent('NameIntent', '{ "name": "naam", "type": "AMAZON.FirstName" }', '"मेरा नाम {naam} है"')),
        'interactionModels/custom/pt-BR.json': model(intent('NameIntent', '{ "name": "nome", "type": "AMAZON.FirstName" }', '"meu nome é {nome}"')),
      },
      errors: [
        { messageId: 'permission', file: 'interactionModels/custom/hi-IN.json', line: 8, column: 31, endLine: 8, endColumn: 37, data: { permission: 'alexa::profile:given_name:read' } },
        { messageId: 'permission', file: 'interactionModels/custom/pt-BR.json', line: 8, column: 31, endLine: 8, endColumn: 37, data: { permission: 'alexa::profile:given_name:read' } },
      ],
    },
    {
      name: 'a birthday has no permission: disclose it (Spanish)',
      files: {
        'skill.json': manifest(),
        'interactionModels/custom/es-ES.json': model(intent('CumpleIntent', '{ "name": "fecha", "type": "AMAZON.DATE" }', '"mi cumpleaños es el {fecha}"')),
      },
      errors: [{ messageId: 'disclose', file: 'interactionModels/custom/es-ES.json', line: 8, column: 31, endLine: 8, endColumn: 38, data: { category: 'birthdate' } }],
    },
    {
      name: "a child's name",
      files: {
        'skill.json': manifest(),
        'interactionModels/custom/en-US.json': model(intent('KidIntent', '{ "name": "childName", "type": "AMAZON.FirstName" }', '"my son is called {childName}"')),
      },
      errors: [{ messageId: 'child', file: 'interactionModels/custom/en-US.json', line: 8, column: 31, endLine: 8, endColumn: 42, data: { category: 'children' }, messageIncludes: 'COPPA' }],
    },
    {
      name: 'the permission is declared but the slot still asks: the fix removes the slot and its utterances',
      files: {
        'skill.json': manifest(`,
    "permissions": [{ "name": "alexa::profile:mobile_number:read" }]`),
        'interactionModels/custom/en-US.json': model(
          intent('ContactIntent', '{ "name": "phone", "type": "AMAZON.PhoneNumber" }, { "name": "day", "type": "AMAZON.DATE" }', '"call me at {phone}", "call me on {day}", "call me on {day} at {phone}"'),
        ),
      },
      errors: [{ messageId: 'declared', file: 'interactionModels/custom/en-US.json', line: 8, column: 31, endLine: 8, endColumn: 38 }],
      fixes: [
        {
          fixId: 'remove-slot',
          output: {
            'interactionModels/custom/en-US.json': model(intent('ContactIntent', '{ "name": "day", "type": "AMAZON.DATE" }', '"call me on {day}"')),
          },
        },
      ],
    },
    {
      name: 'the full-name permission covers a first-name slot too (Italian)',
      files: {
        'skill.json': manifest(`,
    "permissions": [{ "name": "alexa::profile:name:read" }]`),
        'interactionModels/custom/it-IT.json': model(
          [
            intent('NomeIntent', '{ "name": "nome", "type": "AMAZON.FirstName" }', '"mi chiamo {nome}"'),
            intent('AiutoIntent', '', '"aiuto"'),
          ].join(',\n'),
        ),
      },
      errors: [{ messageId: 'declared', file: 'interactionModels/custom/it-IT.json', line: 8, column: 31, endLine: 8, endColumn: 37, data: { permission: 'alexa::profile:name:read' } }],
      fixes: [
        {
          fixId: 'remove-slot',
          output: {
            'interactionModels/custom/it-IT.json': model(intent('AiutoIntent', '', '"aiuto"')),
          },
        },
      ],
    },
    {
      name: 'ask-cli v1 layout with the older `skillManifest` key',
      files: {
        '.ask/config': '{ "deploy_settings": { "default": { "skill_id": "" } } }\n',
        'skill.json': '{\n  "skillManifest": {\n    "apis": { "custom": {} }\n  }\n}\n',
        'models/en-US.json': phoneEn,
      },
      errors: [{ messageId: 'permission', file: 'models/en-US.json', line: 8, column: 31, endLine: 8, endColumn: 38 }],
      fixes: [
        {
          fixId: 'use-permission',
          output: {
            'skill.json': '{\n  "skillManifest": {\n    "apis": { "custom": {} },\n    "permissions": [\n      {\n        "name": "alexa::profile:mobile_number:read"\n      }\n    ]\n  }\n}\n',
          },
        },
      ],
    },
    {
      name: 'the finding links to the handler code that first reads the slot',
      files: codeSkill({ 'index.js': "const Alexa = require('ask-sdk-core');\n\nconst phoneOf = (h) => Alexa.getSlotValue(h.requestEnvelope, 'phone');\n\nconst Handler = {\n  handle(handlerInput) {\n    const again = handlerInput.requestEnvelope.request.intent.slots.phone.value;\n    const topping = Alexa.getSlotValue(handlerInput.requestEnvelope, 'topping');\n    return handlerInput.responseBuilder.speak(`${phoneOf(handlerInput)} ${again} ${topping}`).getResponse();\n  },\n};\n" }),
      errors: [
        {
          messageId: 'permission',
          file: MODEL_FILE,
          line: 6,
          column: 54,
          endLine: 6,
          endColumn: 61,
          related: ['lambda/index.js:3:24', `${MODEL_FILE}:6:108`],
        },
      ],
      fixes: [{ fixId: 'use-permission', output: { 'skill.json': MANIFEST.replace('    "apis": { "custom": {} }\n', '    "apis": { "custom": {} },\n    "permissions": [\n      {\n        "name": "alexa::profile:mobile_number:read"\n      }\n    ]\n') } }],
    },
    {
      name: 'the handler of the slot\'s intent is in the code: the fix also inserts the consent prompt there (ask-sdk v2)',
      files: {
        'skill.json': manifest(),
        'interactionModels/custom/en-US.json': phoneEn,
        'lambda/index.js': `const Alexa = require('ask-sdk-core');

const SetPhoneIntentHandler = {
  canHandle(handlerInput) {
    return Alexa.getRequestType(handlerInput.requestEnvelope) === 'IntentRequest'
      && Alexa.getIntentName(handlerInput.requestEnvelope) === 'SetPhoneIntent';
  },
  handle(handlerInput) {
    const phone = Alexa.getSlotValue(handlerInput.requestEnvelope, 'phone');
    return handlerInput.responseBuilder.speak('Saved ' + phone).getResponse();
  },
};

exports.handler = Alexa.SkillBuilders.custom().addRequestHandlers(SetPhoneIntentHandler).lambda();
`,
      },
      errors: [{ messageId: 'permission', file: 'interactionModels/custom/en-US.json', line: 8, column: 31, endLine: 8, endColumn: 38 }],
      fixes: [
        {
          fixId: 'use-permission',
          output: {
            'skill.json': manifest(`,
    "permissions": [
      {
        "name": "alexa::profile:mobile_number:read"
      }
    ]`),
            'lambda/index.js': `const Alexa = require('ask-sdk-core');

const SetPhoneIntentHandler = {
  canHandle(handlerInput) {
    return Alexa.getRequestType(handlerInput.requestEnvelope) === 'IntentRequest'
      && Alexa.getIntentName(handlerInput.requestEnvelope) === 'SetPhoneIntent';
  },
  handle(handlerInput) {
    if (!handlerInput.requestEnvelope.context.System.user.permissions?.consentToken) {
      return handlerInput.responseBuilder
        .speak('To do that, this skill needs permission to use your mobile number. You can grant it on the card I sent to your Alexa app.')
        .withAskForPermissionsConsentCard(['alexa::profile:mobile_number:read'])
        .getResponse();
    }
    const phone = Alexa.getSlotValue(handlerInput.requestEnvelope, 'phone');
    return handlerInput.responseBuilder.speak('Saved ' + phone).getResponse();
  },
};

exports.handler = Alexa.SkillBuilders.custom().addRequestHandlers(SetPhoneIntentHandler).lambda();
`,
          },
        },
      ],
    },
    {
      name: 'an alexa-sdk v1 handler map key names the intent: the fix inserts the v1 consent prompt',
      files: {
        'skill.json': manifest(),
        'interactionModels/custom/en-US.json': phoneEn,
        'lambda/index.js': `var handlers = {
    'SetPhoneIntent': function () {
        var phone = this.event.request.intent.slots.phone.value;
        this.emit(':tell', 'Saved ' + phone);
    }
};
module.exports = handlers;
`,
      },
      errors: [{ messageId: 'permission', file: 'interactionModels/custom/en-US.json', line: 8, column: 31, endLine: 8, endColumn: 38 }],
      fixes: [
        {
          fixId: 'use-permission',
          output: {
            'skill.json': manifest(`,
    "permissions": [
      {
        "name": "alexa::profile:mobile_number:read"
      }
    ]`),
            'lambda/index.js': `var handlers = {
    'SetPhoneIntent': function () {
        if (!(this.event.context.System.user.permissions && this.event.context.System.user.permissions.consentToken)) {
            this.emit(':tellWithPermissionCard', 'To do that, this skill needs permission to use your mobile number. You can grant it on the card I sent to your Alexa app.', ['alexa::profile:mobile_number:read']);
            return;
        }
        var phone = this.event.request.intent.slots.phone.value;
        this.emit(':tell', 'Saved ' + phone);
    }
};
module.exports = handlers;
`,
          },
        },
      ],
    },
  ],
});

describe('personal-data-slot: consent prompt of the use-permission fix', () => {
  const files = (code?: string): Files => ({
    'skill.json': manifest(),
    'interactionModels/custom/en-US.json': phoneEn,
    ...(code ? { 'lambda/index.js': code } : {}),
  });
  const fixOf = (f: Files): Fix | undefined => lintFiles(f, rule).findings[0]?.fixes.find((x) => x.id === 'use-permission');

  it('points to the consent snippet when no handler for the intent is found', () => {
    const fix = fixOf(files("const Alexa = require('ask-sdk-core');\n"))!;
    assert.match(fix.title, /ask for consent in the SetPhoneIntent handler \(snippet "Alexa: ask for permission with a consent card", prefix alexa-consent\)/);
    assert.equal(fix.edits.length, 1);
    const snippets = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'snippets', 'javascript.json'), 'utf8')) as Record<string, { prefix: string[] }>;
    assert.ok(snippets['Alexa: ask for permission with a consent card'].prefix.includes('alexa-consent'), 'the snippet the title names exists');
  });

  it('adds no second consent check to a handler that already asks for consent', () => {
    const fix = fixOf(
      files(`const SetPhoneIntentHandler = {
  canHandle(handlerInput) {
    return handlerInput.requestEnvelope.request.intent.name === 'SetPhoneIntent';
  },
  handle(handlerInput) {
    return handlerInput.responseBuilder.withAskForPermissionsConsentCard(['alexa::profile:mobile_number:read']).getResponse();
  },
};
`),
    )!;
    assert.equal(fix.title, 'Use the permission for the customer\'s phone number (alexa::profile:mobile_number:read) instead');
    assert.deepEqual([...new Set(fix.edits.map((e) => path.basename(e.file)))], ['skill.json']);
  });
});
