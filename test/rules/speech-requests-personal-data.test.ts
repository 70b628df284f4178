import { strict as assert } from 'assert';
import { candidateLocales, guessLanguage } from '../../server/src/engine/code/speech';
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

// Speech in handler code: the finding is on the string literal the words are written in.
RuleTester.run(rule, {
  valid: [
    {
      name: 'statements, promises, logs, and texts computed at run time; half-typed code',
      files: {
      'skill.json': `{
  "manifest": {
    "publishingInformation": { "locales": { "en-US": { "name": "Shop" } } },
    "apis": { "custom": {} }
  }
}
`,
      'lambda/index.js': `const Alexa = require('ask-sdk-core');
const H = {
  canHandle: () => true,
  handle(handlerInput) {
    const city = Alexa.getSlotValue(handlerInput.requestEnvelope, 'city');
    const msg = \`Your number is saved. I will never ask for your password.\`;
    console.log('What is your phone number?');
    return handlerInput.responseBuilder.speak(msg).reprompt('Which city, ' + city + '?').speak(someFn()).getResponse();
  },
};
exports.handler = Alexa.SkillBuilders.custom().addRequestHandlers(H).lambda(
`,
    },
    },
  ],
  invalid: [
    {
      name: 'ask-sdk v2: a template, a constant of the file and a constant of another module, a let with its assignments; speak and reprompt of one text give one finding',
      files: {
      'skill.json': `{
  "manifest": {
    "publishingInformation": { "locales": { "en-US": { "name": "Shop" } } },
    "apis": { "custom": {} }
  }
}
`,
      'lambda/prompts.js': `exports.ASK_EMAIL = 'Sure. What is your email address?';
exports.WELCOME = 'Welcome to the shop.';
`,
      'lambda/index.js': `const Alexa = require('ask-sdk-core');
const { ASK_EMAIL, WELCOME } = require('./prompts');
const REPROMPT = 'Please tell me your phone number.';

const ContactHandler = {
  canHandle(handlerInput) {
    return Alexa.getIntentName(handlerInput.requestEnvelope) === 'ContactIntent';
  },
  handle(handlerInput) {
    const name = 'friend';
    const speakOutput = \`Hello \${name}, what is your phone number?\`;
    return handlerInput.responseBuilder
      .speak(speakOutput)
      .reprompt(REPROMPT)
      .addElicitSlotDirective('phone')
      .getResponse();
  },
};

const EmailHandler = {
  canHandle: () => true,
  handle(handlerInput) {
    let speech = WELCOME;
    if (Math.random() > 2) speech = 'Okay. ' + ASK_EMAIL;
    return handlerInput.responseBuilder.speak(speech).reprompt(speech).getResponse();
  },
};

exports.handler = Alexa.SkillBuilders.custom().addRequestHandlers(ContactHandler, EmailHandler).lambda();
`,
    },
      errors: [
        { messageId: 'permission', file: 'lambda/index.js', line: 3, column: 18, endLine: 3, endColumn: 53, data: { category: 'phone', kind: 'elicit-slot', slot: 'phone', locale: 'en-US' }, related: ['lambda/index.js:14:8'] },
        { messageId: 'permission', file: 'lambda/index.js', line: 11, column: 25, endLine: 11, endColumn: 68, data: { category: 'phone', kind: 'elicit-slot' }, related: ['lambda/index.js:13:8'] },
        { messageId: 'permission', file: 'lambda/prompts.js', line: 1, column: 21, endLine: 1, endColumn: 56, data: { category: 'email', kind: 'speak' }, related: ['lambda/index.js:25:41'] },
      ],
    },
    {
      name: 'i18n resources read through t(KEY): each language is matched in its own vocabulary',
      files: {
      'skill.json': `{
  "manifest": {
    "publishingInformation": { "locales": { "en-US": { "name": "Shop" }, "de-DE": { "name": "Shop" } } },
    "apis": { "custom": {} }
  }
}
`,
      'lambda/languageStrings.js': `module.exports = {
  en: {
    translation: {
      WELCOME: 'Welcome!',
      ASK_BIRTHDAY: 'When is your birthday?',
    },
  },
  de: {
    translation: {
      WELCOME: 'Willkommen!',
      ASK_BIRTHDAY: 'Wie lautet dein Geburtsdatum?',
    },
  },
};
`,
      'lambda/index.js': `const Alexa = require('ask-sdk-core');
const i18n = require('i18next');
const languageStrings = require('./languageStrings');

const BirthdayHandler = {
  canHandle: () => true,
  handle(handlerInput) {
    const t = handlerInput.attributesManager.getRequestAttributes().t;
    return handlerInput.responseBuilder.speak(t('ASK_BIRTHDAY')).reprompt(handlerInput.t('WELCOME')).getResponse();
  },
};
exports.handler = Alexa.SkillBuilders.custom().addRequestHandlers(BirthdayHandler).lambda();
`,
    },
      errors: [
        { messageId: 'disclose', file: 'lambda/languageStrings.js', line: 5, column: 21, endLine: 5, endColumn: 45, data: { category: 'birthdate', locale: 'en' }, related: ['lambda/index.js:9:41'] },
        { messageId: 'disclose', file: 'lambda/languageStrings.js', line: 11, column: 21, endLine: 11, endColumn: 52, data: { category: 'birthdate', locale: 'de' }, related: ['lambda/index.js:9:41'] },
      ],
    },
    {
      name: 'alexa-sdk v1: :ask, :elicitSlot speech and reprompt, this.response.listen (Spanish and French locales)',
      files: {
      'skill.json': `{
  "manifest": {
    "publishingInformation": { "locales": { "es-ES": { "name": "Shop" }, "fr-FR": { "name": "Shop" } } },
    "apis": { "custom": {} }
  }
}
`,
      'lambda/custom/index.js': `const Alexa = require('alexa-sdk');
const handlers = {
  LaunchRequest() {
    this.emit(':ask', '¿Cuál es tu número de teléfono?', 'Dime tu número, por favor.');
  },
  AddressIntent() {
    this.emit(':elicitSlot', 'adresse', 'Quelle est votre adresse ?', "Votre adresse, s'il vous plaît ?");
  },
  PinIntent() {
    this.response.speak('Bonjour.').listen('Dites-moi votre code PIN.');
    this.emit(':responseReady');
  },
};
exports.handler = function (event, context) {
  const alexa = Alexa.handler(event, context);
  alexa.registerHandlers(handlers);
  alexa.execute();
};
`,
    },
      errors: [
        { messageId: 'permission', file: 'lambda/custom/index.js', line: 4, column: 23, endLine: 4, endColumn: 56, data: { category: 'phone', locale: 'es-ES', kind: 'ask' } },
        { messageId: 'permission', file: 'lambda/custom/index.js', line: 7, column: 41, endLine: 7, endColumn: 69, data: { category: 'address', locale: 'fr-FR', slot: 'adresse' } },
        { messageId: 'permission', file: 'lambda/custom/index.js', line: 7, column: 71, endLine: 7, endColumn: 105, data: { category: 'address' } },
        { messageId: 'sensitive', file: 'lambda/custom/index.js', line: 10, column: 44, endLine: 10, endColumn: 71, data: { category: 'credentials', kind: 'reprompt' } },
      ],
    },
    {
      name: 'a Japanese text in an en-US skill: the language is guessed from the script (TypeScript)',
      files: {
      'skill.json': `{
  "manifest": {
    "publishingInformation": { "locales": { "en-US": { "name": "Shop" } } },
    "apis": { "custom": {} }
  }
}
`,
      'lambda/index.ts': `import { HandlerInput } from 'ask-sdk-core';
export const Handler = {
  canHandle: () => true,
  handle: (input: HandlerInput) => input.responseBuilder.speak('お名前を教えてください。').getResponse(),
};
`,
    },
      errors: [
        { messageId: 'permission', file: 'lambda/index.ts', line: 4, column: 64, endLine: 4, endColumn: 78, data: { category: 'name', locale: 'ja' } },
      ],
    },
    {
      name: 'a Spanish text in an en-US skill: matched in the language guessed from its words',
      files: {
      'skill.json': `{
  "manifest": {
    "publishingInformation": { "locales": { "en-US": { "name": "Shop" } } },
    "apis": { "custom": {} }
  }
}
`,
      'lambda/index.js': `const Alexa = require('ask-sdk-core');
const GREETING = { es: 'Hola.' };
const H = {
  canHandle: () => true,
  handle: (handlerInput) => handlerInput.responseBuilder
    .speak('¿Cuál es tu correo electrónico, por favor?')
    .getResponse(),
};
exports.handler = Alexa.SkillBuilders.custom().addRequestHandlers(H).lambda();
`,
    },
      errors: [{ messageId: 'permission', file: 'lambda/index.js', line: 6, column: 12, endLine: 6, endColumn: 56, data: { category: 'email', locale: 'es' } }],
    },
    {
      name: 'SSML: tags do not count as words; the finding is on the whole literal',
      files: { 'skill.json': '{ "manifest": { "apis": { "custom": {} } } }\n', 'lambda/index.js': `const Alexa = require('ask-sdk-core');
const store = require('./store');

const ColourHandler = {
  canHandle: (input) => Alexa.getIntentName(input.requestEnvelope) === 'ColourIntent',
  async handle(input) {
    await store.save(Alexa.getUserId(input.requestEnvelope), Alexa.getSlotValue(input.requestEnvelope, 'colour'));
    return input.responseBuilder.speak('<speak>Noted. What is your <emphasis level="strong">e-mail address</emphasis>?</speak>').getResponse();
  },
};

const DisabledHandler = {
  canHandle: (input) => Alexa.getRequestType(input.requestEnvelope) === 'AlexaSkillEvent.SkillDisabled',
  async handle(input) {
    await store.forget(Alexa.getUserId(input.requestEnvelope));
    return input.responseBuilder.getResponse();
  },
};

exports.handler = Alexa.SkillBuilders.custom().addRequestHandlers(ColourHandler, DisabledHandler).lambda();
` },
      errors: [{ messageId: 'permission', file: 'lambda/index.js', line: 8, column: 40, endLine: 8, endColumn: 128, data: { category: 'email' }, messageIncludes: '"What is your e-mail address"' }],
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

describe('speech-requests-personal-data language of code texts', () => {
  it('guesses the language of a text by script or function words, and only when sure', () => {
    const cases: Array<[string, string | undefined]> = [
      ['What is your phone number?', 'en'],
      ['Wie lautet deine Telefonnummer?', 'de'],
      ['Quelle est votre adresse ?', 'fr'],
      ['¿Cuál es tu número de teléfono?', 'es'],
      ['Qual è il tuo numero?', 'it'],
      ['Qual é o seu número?', 'pt'],
      ['お名前は？', 'ja'],
      ['आपका नाम क्या है?', 'hi'],
      ['Okay.', undefined],
    ];
    assert.deepEqual(cases.map(([t]) => [t, guessLanguage(t)]), cases);
  });

  it('tries the skill languages first, one locale per language, then the guess', () => {
    assert.deepEqual(candidateLocales('Okay.', ['en-GB', 'en-US', 'de-DE']), ['en-GB', 'de-DE']);
    assert.deepEqual(candidateLocales('¿Cuál es tu nombre?', ['en-US']), ['en-US', 'es']);
    assert.deepEqual(candidateLocales('お名前は？', ['en-US', 'ja-JP']), ['ja-JP']);
    assert.deepEqual(candidateLocales('Okay.', []), ['en', 'de', 'fr', 'es', 'it', 'pt']);
  });
});
