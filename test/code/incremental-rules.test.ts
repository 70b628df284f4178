/**
 * Differential test of what the rule passes keep between checks (code/syntax-index.ts, the handler
 * scans, consent evidence, permission uses and call names, all kept per parsed tree): a skill is
 * edited many times in a row, as in the editor, and after every edit the findings of every rule
 * must equal those of a fresh check.
 *
 * The incremental side keeps its state the whole time: the parse cache keeps the trees of the
 * files the edit did not touch, and with them every fact kept per tree. The fresh side is a copy
 * of the skill under another folder whose trees and data-flow model are dropped before each check
 * (`forgetParsed`, `forgetCodeModel`), so it parses everything anew and no fact kept per tree can
 * be found for it; every few edits the whole parse cache is emptied too (`clearParseCache`), and
 * the incremental side then starts over from nothing, as the server does after a restart.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { clearParseCache } from '../../server/src/engine/code/parse';
import { lintSkill } from '../../server/src/engine/linter';
import { mulberry32 as rng } from '../robustness/support';
import { Files, writeFiles } from '../helpers/rule-tester';
import { freshFindings, load, normalised, withCode, Edit, deleteLine, duplicateLine, lineStarts, pick } from './sides';


// --- fixture skills (written for this test) --------------------------------------------------------

const V2_MANIFEST = `{
  "manifest": {
    "publishingInformation": { "locales": { "en-US": { "name": "Garden Helper" }, "de-DE": { "name": "Gartenhelfer" } } },
    "privacyAndCompliance": { "usesPersonalInfo": false, "locales": { "en-US": { "privacyPolicyUrl": "https://garden.example.org/privacy" } } },
    "permissions": [{ "name": "alexa::profile:email:read" }, { "name": "alexa::alerts:reminders:skill:readwrite" }],
    "events": { "subscriptions": [{ "eventName": "SKILL_ENABLED" }] },
    "apis": { "custom": {} }
  }
}
`;

const V2_MODEL = `{
  "interactionModel": {
    "languageModel": {
      "invocationName": "garden helper",
      "intents": [
        { "name": "PlantIntent", "slots": [{ "name": "plant", "type": "AMAZON.SearchQuery" }], "samples": ["plant {plant}"] },
        { "name": "PhoneIntent", "slots": [{ "name": "phone", "type": "AMAZON.PhoneNumber" }], "samples": ["my number is {phone}"] },
        { "name": "EmailIntent", "samples": ["send me an email"] },
        { "name": "RemindIntent", "samples": ["remind me to water"] },
        { "name": "WhereIntent", "samples": ["where am i"] }
      ]
    }
  }
}
`;

const ASK_RESOURCES = `{ "askcliResourcesVersion": "2020-03-31", "profiles": { "default": { "skillMetadata": { "src": "./skill-package" }, "code": { "default": { "src": "./lambda" } } } } }
`;

/** ask-sdk v2, JavaScript: helpers across files, a consent check in a helper, a SkillDisabled handler, speech in constants and i18n. */
const V2_JS: Files = {
  'ask-resources.json': ASK_RESOURCES,
  'skill-package/skill.json': V2_MANIFEST,
  'skill-package/interactionModels/custom/en-US.json': V2_MODEL,
  'lambda/index.js': `const Alexa = require('ask-sdk-core');
const { PlantIntentHandler, EmailIntentHandler } = require('./handlers/plants');
const { RemindIntentHandler, WhereIntentHandler } = require('./handlers/extras');
const store = require('./lib/store');
const texts = require('./lib/texts');

const PhoneIntentHandler = {
  canHandle(handlerInput) {
    return Alexa.getRequestType(handlerInput.requestEnvelope) === 'IntentRequest'
      && Alexa.getIntentName(handlerInput.requestEnvelope) === 'PhoneIntent';
  },
  async handle(handlerInput) {
    const phone = Alexa.getSlotValue(handlerInput.requestEnvelope, 'phone');
    console.log('phone number', phone);
    await store.saveUser(Alexa.getUserId(handlerInput.requestEnvelope), { phone });
    return handlerInput.responseBuilder.speak(texts.ASK_PHONE).reprompt(texts.ASK_PHONE).getResponse();
  },
};

const SkillDisabledHandler = {
  canHandle(handlerInput) {
    return Alexa.getRequestType(handlerInput.requestEnvelope) === 'AlexaSkillEvent.SkillDisabled';
  },
  async handle(handlerInput) {
    await store.forgetUser(Alexa.getUserId(handlerInput.requestEnvelope));
    return handlerInput.responseBuilder.getResponse();
  },
};

const ErrorHandler = {
  canHandle() {
    return true;
  },
  handle(handlerInput, error) {
    console.log('error', error.message);
    return handlerInput.responseBuilder.speak('Sorry, something went wrong.').getResponse();
  },
};

exports.handler = Alexa.SkillBuilders.custom()
  .addRequestHandlers(PhoneIntentHandler, PlantIntentHandler, EmailIntentHandler, RemindIntentHandler, WhereIntentHandler, SkillDisabledHandler)
  .addErrorHandlers(ErrorHandler)
  .lambda();
`,
  'lambda/handlers/plants.js': `const Alexa = require('ask-sdk-core');
const { hasConsent, askForConsent } = require('../lib/consent');
const { t } = require('../lib/i18n');

const PlantIntentHandler = {
  canHandle(handlerInput) {
    return Alexa.getRequestType(handlerInput.requestEnvelope) === 'IntentRequest'
      && ['PlantIntent', 'SowIntent'].includes(Alexa.getIntentName(handlerInput.requestEnvelope));
  },
  handle(handlerInput) {
    const plant = Alexa.getSlotValue(handlerInput.requestEnvelope, 'plant');
    const attributes = handlerInput.attributesManager.getSessionAttributes();
    attributes.lastPlant = plant;
    return handlerInput.responseBuilder.speak(t('PLANTED')).reprompt(t('WHAT_NEXT')).getResponse();
  },
};

const EmailIntentHandler = {
  canHandle(handlerInput) {
    return Alexa.getRequestType(handlerInput.requestEnvelope) === 'IntentRequest'
      && Alexa.getIntentName(handlerInput.requestEnvelope) === 'EmailIntent';
  },
  async handle(handlerInput) {
    if (!hasConsent(handlerInput)) {
      return askForConsent(handlerInput);
    }
    const client = handlerInput.serviceClientFactory.getUpsServiceClient();
    const email = await client.getProfileEmail();
    return handlerInput.responseBuilder.speak(\`I will write to \${email}.\`).getResponse();
  },
};

module.exports = { PlantIntentHandler, EmailIntentHandler };
`,
  'lambda/handlers/extras.js': `const Alexa = require('ask-sdk-core');
const axios = require('axios');
const { DocumentClient, TABLE } = require('../lib/db');

const visits = new DocumentClient();

const RemindIntentHandler = {
  canHandle(handlerInput) {
    return Alexa.getRequestType(handlerInput.requestEnvelope) === 'IntentRequest'
      && Alexa.getIntentName(handlerInput.requestEnvelope) === 'RemindIntent';
  },
  async handle(handlerInput) {
    const reminders = handlerInput.serviceClientFactory.getReminderManagementServiceClient();
    await reminders.createReminder({ requestTime: new Date().toISOString() });
    await visits.put({ TableName: TABLE, Item: { userId: Alexa.getUserId(handlerInput.requestEnvelope), reminder: true } }).promise();
    return handlerInput.responseBuilder.speak('Your reminder is set.').getResponse();
  },
};

const WhereIntentHandler = {
  canHandle(handlerInput) {
    return Alexa.getIntentName(handlerInput.requestEnvelope) === 'WhereIntent';
  },
  async handle(handlerInput) {
    const { Geolocation } = handlerInput.requestEnvelope.context;
    const deviceId = Alexa.getDeviceId(handlerInput.requestEnvelope);
    const address = await axios.get(\`https://api.amazonalexa.com/v1/devices/\${deviceId}/settings/address\`);
    await axios.post('https://tracker.example.net/where', { where: Geolocation, address: address.data });
    return handlerInput.responseBuilder.speak('Noted where you are.').getResponse();
  },
};

module.exports = { RemindIntentHandler, WhereIntentHandler };
`,
  'lambda/lib/consent.js': `function hasConsent(handlerInput) {
  const permissions = handlerInput.requestEnvelope.context.System.user.permissions;
  return !!(permissions && permissions.consentToken);
}

function askForConsent(handlerInput) {
  return handlerInput.responseBuilder
    .speak('Please allow access to your e-mail address in the Alexa app.')
    .withAskForPermissionsConsentCard(['alexa::profile:email:read'])
    .getResponse();
}

module.exports = { hasConsent, askForConsent };
`,
  'lambda/lib/store.js': `const AWS = require('aws-sdk');
const ddb = new AWS.DynamoDB.DocumentClient();
const TABLE = 'garden-users';

async function saveUser(userId, data) {
  await ddb.put({ TableName: TABLE, Item: { userId, ...data } }).promise();
}

async function forgetUser(userId) {
  await ddb.delete({ TableName: TABLE, Key: { userId } }).promise();
}

module.exports = { saveUser, forgetUser };
`,
  'lambda/lib/db.js': `const AWS = require('aws-sdk');

module.exports = { DocumentClient: AWS.DynamoDB.DocumentClient, TABLE: 'garden-visits' };
`,
  'lambda/lib/texts.js': `module.exports = {
  ASK_PHONE: 'What is your phone number?',
  WELCOME: 'Welcome to the garden.',
};
`,
  'lambda/lib/i18n.js': `const resources = {
  en: { translation: { PLANTED: 'Planted. What is your date of birth?', WHAT_NEXT: 'What next?' } },
  de: { translation: { PLANTED: 'Gepflanzt. Wie lautet deine Telefonnummer?', WHAT_NEXT: 'Was nun?' } },
};

function t(key) {
  return resources.en.translation[key];
}

module.exports = { t, resources };
`,
};

const TS_MANIFEST = `{
  "manifest": {
    "privacyAndCompliance": { "usesPersonalInfo": true, "locales": { "en-US": { "privacyPolicyUrl": "https://bakery.example.com/privacy" } } },
    "permissions": [{ "name": "alexa::devices:all:address:full:read" }],
    "events": { "subscriptions": [{ "eventName": "SKILL_DISABLED" }] },
    "apis": { "custom": {} }
  }
}
`;

/** ask-sdk v2, TypeScript: handler classes, a persistence adapter, an error handler that asks for consent on a 403. */
const V2_TS: Files = {
  'skill.json': TS_MANIFEST,
  'models/en-US.json': `{
  "interactionModel": { "languageModel": { "invocationName": "corner bakery", "intents": [
    { "name": "OrderIntent", "slots": [{ "name": "name", "type": "AMAZON.US_FIRST_NAME" }], "samples": ["my name is {name}"] },
    { "name": "DeliverIntent", "samples": ["deliver my order"] }
  ] } }
}
`,
  '.ask/config': `{ "deploy_settings": { "default": { "skill_id": "", "resources": {}, "merge": {} } } }
`,
  'lambda/custom/src/index.ts': `import * as Alexa from 'ask-sdk-core';
import { HandlerInput, RequestHandler, ErrorHandler } from 'ask-sdk-core';
import { DynamoDbPersistenceAdapter } from 'ask-sdk-dynamodb-persistence-adapter';
import { OrderIntentHandler } from './orders';
import { deliveryAddress } from './address';

class DeliverIntentHandler implements RequestHandler {
  canHandle(handlerInput: HandlerInput): boolean {
    return Alexa.getIntentName(handlerInput.requestEnvelope) === 'DeliverIntent';
  }

  async handle(handlerInput: HandlerInput) {
    const where = await deliveryAddress(handlerInput);
    return handlerInput.responseBuilder.speak(\`Delivering to \${where}.\`).getResponse();
  }
}

const PermissionErrorHandler: ErrorHandler = {
  canHandle(_input: HandlerInput, error: Error) {
    return error.name === 'ServiceError';
  },
  handle(handlerInput: HandlerInput, error: any) {
    if (error.statusCode === 403) {
      return handlerInput.responseBuilder
        .speak('Please grant access to your address.')
        .withAskForPermissionsConsentCard(['read::alexa:device:all:address'])
        .getResponse();
    }
    return handlerInput.responseBuilder.speak('Sorry.').getResponse();
  },
};

export const handler = Alexa.SkillBuilders.custom()
  .addRequestHandlers(new OrderIntentHandler(), new DeliverIntentHandler())
  .addErrorHandlers(PermissionErrorHandler)
  .withPersistenceAdapter(new DynamoDbPersistenceAdapter({ tableName: 'bakery' }))
  .lambda();
`,
  'lambda/custom/src/orders.ts': `import * as Alexa from 'ask-sdk-core';
import { HandlerInput, RequestHandler } from 'ask-sdk-core';

export class OrderIntentHandler implements RequestHandler {
  canHandle(handlerInput: HandlerInput): boolean {
    const request = handlerInput.requestEnvelope.request;
    return request.type === 'IntentRequest' && request.intent.name === 'OrderIntent';
  }

  async handle(handlerInput: HandlerInput) {
    const name = Alexa.getSlotValue(handlerInput.requestEnvelope, 'name');
    const attributes = (await handlerInput.attributesManager.getPersistentAttributes()) || {};
    attributes.customerName = name;
    handlerInput.attributesManager.setPersistentAttributes(attributes);
    await handlerInput.attributesManager.savePersistentAttributes();
    return handlerInput.responseBuilder.speak('What is your email address?').reprompt('Your email, please?').getResponse();
  }
}
`,
  'lambda/custom/src/address.ts': `import { HandlerInput } from 'ask-sdk-core';

export async function deliveryAddress(handlerInput: HandlerInput): Promise<string> {
  const { deviceId } = handlerInput.requestEnvelope.context.System.device;
  const client = handlerInput.serviceClientFactory!.getDeviceAddressServiceClient();
  const address = await client.getFullAddress(deviceId);
  return address.addressLine1 ?? 'your door';
}
`,
};

/** alexa-sdk v1: handler maps, state handlers, `this.attributes` in DynamoDB, a permission card. */
const V1_JS: Files = {
  'skill.json': `{
  "skillManifest": {
    "privacyAndCompliance": { "usesPersonalInfo": true, "isChildDirected": false },
    "permissions": [{ "name": "alexa::profile:name:read" }],
    "apis": { "custom": { "endpoint": { "sourceDir": "lambda/custom" } } }
  }
}
`,
  'models/en-US.json': `{
  "interactionModel": { "languageModel": { "invocationName": "quiz time", "intents": [
    { "name": "AnswerIntent", "slots": [{ "name": "answer", "type": "AMAZON.SearchQuery" }], "samples": ["the answer is {answer}"] },
    { "name": "BirthdayIntent", "slots": [{ "name": "birthday", "type": "AMAZON.DATE" }], "samples": ["my birthday is {birthday}"] }
  ] } }
}
`,
  '.ask/config': `{ "deploy_settings": { "default": { "skill_id": "", "resources": {}, "merge": {} } } }
`,
  'lambda/custom/index.js': `'use strict';
const Alexa = require('alexa-sdk');
const quiz = require('./quiz');

const handlers = {
  'LaunchRequest': function () {
    this.emit(':ask', 'Welcome to the quiz. What is your name?', 'Tell me your name.');
  },
  'BirthdayIntent': function () {
    const birthday = this.event.request.intent.slots.birthday.value;
    this.attributes.birthday = birthday;
    console.log('birthday', birthday);
    this.emit(':tell', 'Thanks, I will remember your birthday.');
  },
  'NameIntent': function () {
    if (!(this.event.context.System.user.permissions && this.event.context.System.user.permissions.consentToken)) {
      this.emit(':tellWithPermissionCard', 'Please grant access to your name.', ['alexa::profile:name:read']);
      return;
    }
    this.emit(':tell', 'Hello again.');
  },
  'AMAZON.HelpIntent': function () {
    this.emit(':ask', 'Say an answer.', 'Say an answer.');
  },
  'Unhandled': function () {
    this.emit(':ask', 'Sorry?', 'Sorry?');
  },
};

exports.handler = function (event, context) {
  const alexa = Alexa.handler(event, context);
  alexa.dynamoDBTableName = 'QuizUsers';
  alexa.registerHandlers(handlers, quiz.quizHandlers);
  alexa.execute();
};
`,
  'lambda/custom/quiz.js': `const Alexa = require('alexa-sdk');

const quizHandlers = Alexa.CreateStateHandler('_QUIZ', {
  'AnswerIntent': function () {
    const answer = this.event.request.intent.slots.answer.value;
    this.attributes.lastAnswer = answer;
    this.emit(':ask', 'Next question: what is your phone number?', 'Your phone number?');
  },
  'Unhandled': function () {
    this.emit(':ask', 'Say the answer.', 'Say the answer.');
  },
});

module.exports = { quizHandlers };
`,
};

/**
 * A long handler file of many top-level statements, as the bench's 10,000-line file is: the rule
 * passes keep what each statement holds per statement node (syntax index, handler scan, permission
 * uses, call names, speech), and an edit moves every statement after it. Speech, names and
 * permission calls resolve inside the statement (kept), to module-level constants, to a function
 * declared beside the handler and to an i18n resource (not kept), so both kinds sit side by side.
 */
function manyStatements(count: number): string {
  const kinds = ['colour', 'phone', 'city', 'day'];
  const parts: string[] = [
    "const Alexa = require('ask-sdk-core');",
    "const axios = require('axios');",
    "const store = require('./lib/store');",
    "const texts = require('./lib/texts');",
    "const AWS = require('aws-sdk');",
    "const ddb = new AWS.DynamoDB.DocumentClient();",
    "const ASK_NAME = 'What is your full name?';",
    "const ADDRESS_URL = 'https://api.amazonalexa.com/v1/devices/abc/settings/address';",
    "const { Geolocation } = handlerInput.requestEnvelope.context;",
    '',
  ];
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = `Garden${i}Handler`;
    names.push(name);
    const slot = kinds[i % kinds.length];
    const head = `const ${name} = {
  canHandle(handlerInput) {
    return Alexa.getRequestType(handlerInput.requestEnvelope) === 'IntentRequest'
      && Alexa.getIntentName(handlerInput.requestEnvelope) === 'Garden${i}Intent';
  },`;
    switch (i % 6) {
      case 0:
        parts.push(`${head}
  handle(handlerInput) {
    const value = Alexa.getSlotValue(handlerInput.requestEnvelope, '${slot}');
    const speakOutput = \`You said \${value}. What is your phone number?\`;
    return handlerInput.responseBuilder.speak(speakOutput).reprompt('What next?').getResponse();
  },
};`);
        break;
      case 1:
        parts.push(`${head}
  async handle(handlerInput) {
    const email = await handlerInput.serviceClientFactory.getUpsServiceClient().getProfileEmail();
    console.log('mailing', email);
    return handlerInput.responseBuilder.speak(ASK_NAME).getResponse();
  },
};`);
        break;
      case 2:
        parts.push(`function isGarden${i}(handlerInput) {
  return Alexa.getIntentName(handlerInput.requestEnvelope) === 'Garden${i}Intent';
}

const ${name} = {
  canHandle: isGarden${i},
  async handle(handlerInput) {
    const attributes = await handlerInput.attributesManager.getPersistentAttributes();
    attributes.${slot} = Alexa.getSlotValue(handlerInput.requestEnvelope, '${slot}');
    handlerInput.attributesManager.setPersistentAttributes(attributes);
    return handlerInput.responseBuilder.speak(texts.ASK_PHONE).getResponse();
  },
};`);
        break;
      case 3:
        parts.push(`${head}
  async handle(handlerInput) {
    const reminders = handlerInput.serviceClientFactory.getReminderManagementServiceClient();
    await reminders.createReminder({ requestTime: new Date().toISOString() });
    const res = await axios.get(ADDRESS_URL);
    return handlerInput.responseBuilder.speak(\`Done: \${res.data.summary}\`).getResponse();
  },
};`);
        break;
      case 4:
        parts.push(`${head}
  handle(handlerInput) {
    const permissions = handlerInput.requestEnvelope.context.System.user.permissions;
    if (!permissions || !permissions.consentToken) {
      return handlerInput.responseBuilder.speak('Please grant access.').withAskForPermissionsConsentCard(['read::alexa:device:all:address']).getResponse();
    }
    let speech = 'Tell me your birthday.';
    if (permissions.scopes) speech = 'What is your e-mail address?';
    const { Geolocation } = handlerInput.requestEnvelope.context;
    return handlerInput.responseBuilder.speak(speech).getResponse();
  },
};`);
        break;
      default:
        parts.push(`${head}
  async handle(handlerInput) {
    await store.saveUser(Alexa.getUserId(handlerInput.requestEnvelope), { ${slot}: Alexa.getSlotValue(handlerInput.requestEnvelope, '${slot}') });
    await ddb.put({ TableName: 'garden', Item: { id: Alexa.getUserId(handlerInput.requestEnvelope) } }).promise();
    const address = await axios.get(\`https://api.amazonalexa.com/v1/devices/\${Alexa.getDeviceId(handlerInput.requestEnvelope)}/settings/address\`);
    return handlerInput.responseBuilder.speak(t('WHAT_NEXT')).getResponse();
  },
};`);
    }
    parts.push('');
  }
  parts.push(`function t(key) {
  return { WHAT_NEXT: 'What is your postal code?' }[key] || key;
}

const resources = { en: { translation: { WHAT_NEXT: 'Please tell me your home address.' } } };

exports.handler = Alexa.SkillBuilders.custom()
  .addRequestHandlers(${names.join(', ')})
  .lambda();
`);
  return parts.join('\n');
}

/** The v2 JavaScript skill with its handlers in one long file instead. */
const LONG_FILE: Files = { ...V2_JS, 'lambda/index.js': manyStatements(24) };

// --- edits --------------------------------------------------------------------------------------

/** Lines a developer might type into handler code: sources, sinks, consent checks, speech. */
const SNIPPETS = [
  "const email = await handlerInput.serviceClientFactory.getUpsServiceClient().getProfileEmail();",
  "console.log('slot', Alexa.getSlotValue(handlerInput.requestEnvelope, 'phone'));",
  "if (!handlerInput.requestEnvelope.context.System.user.permissions) { return askForConsent(handlerInput); }",
  "await store.saveUser(Alexa.getUserId(handlerInput.requestEnvelope), { plant });",
  "return handlerInput.responseBuilder.speak('What is your phone number?').getResponse();",
  "const { Geolocation } = handlerInput.requestEnvelope.context;",
  "this.emit(':ask', 'Tell me your email address', 'What is your email?');",
  "this.attributes.phone = this.event.request.intent.slots.phone.value;",
  "await axios.post('https://api.example.com/track', { user: Alexa.getUserId(handlerInput.requestEnvelope) });",
  "const permissions = handlerInput.requestEnvelope.context.System.user.permissions; if (!permissions || !permissions.consentToken) { return askForConsent(handlerInput); }",
  "await ddb.delete({ TableName: TABLE, Key: { userId } }).promise();",
  "await handlerInput.attributesManager.deletePersistentAttributes();",
  "const street = await handlerInput.serviceClientFactory.getDeviceAddressServiceClient().getCountryAndPostalCode(deviceId);",
  "const lists = handlerInput.serviceClientFactory.getListManagementServiceClient(); await lists.getListsMetadata();",
  "await fetch('https://api.amazonalexa.com/v2/accounts/~current/settings/Profile.mobileNumber', { headers: {} });",
  "if (error.statusCode === 403) { return askForConsent(handlerInput); }",
  "const scopes = handlerInput.requestEnvelope.context.System.user.permissions.scopes; if (scopes['alexa::devices:all:geolocation:read'].status !== 'GRANTED') { return null; }",
  "module.exports.helper = hasConsent;",
  "function helperSpeech() { return 'Please tell me your home address.'; }",
  "const SkillEventHandler = { canHandle(h) { return Alexa.getRequestType(h.requestEnvelope) === 'AlexaSkillEvent.SkillDisabled'; }, async handle(h) { await h.attributesManager.deletePersistentAttributes(); return h.responseBuilder.getResponse(); } };",
  "this.emit(':elicitSlot', 'phone', 'What is your phone number?', 'Your number?');",
  "handlerInput.attributesManager.setPersistentAttributes({ email });",
];

/** Words whose change turns a finding on or off. */
const RENAMES: Array<[string, string]> = [
  ['consentToken', 'consentTokn'],
  ['getProfileEmail', 'getProfileName'],
  ['SkillDisabled', 'SkillEnabled'],
  ['forgetUser', 'forgetUsers'],
  ['withAskForPermissionsConsentCard', 'withSimpleCard'],
  ['phone number', 'favourite colour'],
  ['ServiceError', 'OtherError'],
  ['403', '404'],
  ['require(', 'requir('],
  ['addRequestHandlers', 'addRequestInterceptors'],
  ['dynamoDBTableName', 'appId'],
  ['getDeviceAddressServiceClient', 'getDeviceClient'],
];


const EDITS: Edit[] = [
  // Type a whole line, indented like the line it goes before.
  (text, r) => {
    const at = pick(lineStarts(text), r);
    const indent = /^[ \t]*/.exec(text.slice(at))![0];
    return text.slice(0, at) + indent + pick(SNIPPETS, r) + '\n' + text.slice(at);
  },
  // Delete a line.
  deleteLine,
  // Duplicate a line.
  duplicateLine,
  // One keystroke: a character that often breaks the syntax.
  (text, r) => {
    const at = Math.floor(r() * (text.length + 1));
    return text.slice(0, at) + pick(['{', '}', '(', ')', "'", '`', '.', ';', 'x', ',', '\n'], r) + text.slice(at);
  },
  // Backspace over a few characters.
  (text, r) => {
    const at = Math.floor(r() * text.length);
    return text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 12));
  },
  // Comment a line out.
  (text, r) => {
    const at = pick(lineStarts(text), r);
    return text.slice(0, at) + '// ' + text.slice(at);
  },
  // Change a word that matters.
  (text, r) => {
    const [a, b] = pick(RENAMES, r);
    const [from, to] = r() < 0.5 ? [a, b] : [b, a];
    const hits: number[] = [];
    for (let i = text.indexOf(from); i >= 0; i = text.indexOf(from, i + 1)) hits.push(i);
    if (hits.length === 0) return text;
    const at = pick(hits, r);
    return text.slice(0, at) + to + text.slice(at + from.length);
  },
];

// --- the two sides ---------------------------------------------------------------------------------


/** `focus`: a file most edits go to (the others are still edited now and then). */
function runEdits(name: string, files: Files, seed: number, steps: number, focus?: string): void {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-incremental-'));
  try {
    const inc = load(writeFiles(files, path.join(base, 'incremental')));
    const fresh = load(writeFiles(files, path.join(base, 'fresh')));
    const r = rng(seed);
    const texts = new Map(inc.skill.code.map((c) => [path.relative(inc.root, c.file), c.text]));
    const history = new Map<string, string[]>();
    const rels = [...texts.keys()];
    assert.equal(normalised(lintSkill(inc.skill), inc.root), normalised(freshFindings(fresh), fresh.root), `${name}: before any edit`);
    const seen = new Set<string>();
    for (let step = 1; step <= steps; step++) {
      const rel = focus && r() < 0.75 ? focus : pick(rels, r);
      const before = texts.get(rel)!;
      const past = history.get(rel) ?? [];
      // Sometimes undo: the file's earlier text comes back, and with it (in the editor) its cached tree.
      let after: string;
      if (past.length > 0 && r() < 0.15) after = past.pop()!;
      else {
        after = pick(EDITS, r)(before, r);
        past.push(before);
      }
      history.set(rel, past);
      texts.set(rel, after);
      withCode(inc, texts);
      withCode(fresh, texts);
      if (step % 25 === 0) clearParseCache();
      const got = normalised(lintSkill(inc.skill), inc.root);
      const want = normalised(freshFindings(fresh), fresh.root);
      assert.equal(got, want, `${name}: findings differ from a fresh check after edit ${step} (seed ${seed}, ${rel})`);
      seen.add(want);
    }
    // The edits must have changed what is found, or the comparison proved little.
    assert.ok(seen.size > steps / 4, `${name}: only ${seen.size} distinct results over ${steps} edits`);
  } finally {
    clearParseCache();
    fs.rmSync(base, { recursive: true, force: true });
  }
}

/** Edits of one file, one after the other, each compared with a fresh check; returns the findings after each. */
function runScript(files: Files, script: Array<[string, (text: string) => string]>): string[] {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-incremental-'));
  try {
    const inc = load(writeFiles(files, path.join(base, 'incremental')));
    const fresh = load(writeFiles(files, path.join(base, 'fresh')));
    const texts = new Map(inc.skill.code.map((c) => [path.relative(inc.root, c.file), c.text]));
    const out = [normalised(lintSkill(inc.skill), inc.root)];
    for (const [rel, edit] of script) {
      texts.set(rel, edit(texts.get(rel)!));
      withCode(inc, texts);
      withCode(fresh, texts);
      const got = normalised(lintSkill(inc.skill), inc.root);
      assert.equal(got, normalised(freshFindings(fresh), fresh.root), `after editing ${rel}`);
      out.push(got);
    }
    return out;
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
}

describe('rule passes after many edits equal a fresh check', function () {
  this.timeout(300_000);
  it('ask-sdk v2 JavaScript: helpers across files, consent in a helper, SkillDisabled, speech in constants and i18n', () => runEdits('v2-js', V2_JS, 7, 120));
  it('ask-sdk v2 TypeScript: handler classes, a persistence adapter, a 403 error handler', () => runEdits('v2-ts', V2_TS, 11, 80));
  it('alexa-sdk v1: handler maps, a state handler, this.attributes in DynamoDB, a permission card', () => runEdits('v1-js', V1_JS, 13, 80));
  it('another seed over the v2 JavaScript skill', () => runEdits('v2-js#2', V2_JS, 2026, 80));
  it('a long file of many top-level statements, each edit moving the statements after it', () => runEdits('long-file', LONG_FILE, 99, 150, 'lambda/index.js'));
  it('another seed over the long file', () => runEdits('long-file#2', LONG_FILE, 4242, 100, 'lambda/index.js'));

  it('an edit of an imported module changes what the unchanged importing file stores', () => {
    const db = 'lambda/lib/db.js';
    const results = runScript(V2_JS, [
      [db, (t) => t.replace("require('aws-sdk')", "require('./fake-aws')")],
      [db, (t) => t.replace("require('./fake-aws')", "require('aws-sdk')")],
      [db, (t) => t.replace('AWS.DynamoDB.DocumentClient', 'AWS.DynamoDB.Client')],
    ]);
    const stores = results.map((r) => r.includes('`visits.put`'));
    assert.deepEqual(stores, [true, false, true, false]);
  });

  it('an edit of a module-level declaration changes what the unchanged statements of the same file store', () => {
    const index = 'lambda/index.js';
    const results = runScript(LONG_FILE, [
      [index, (t) => t.replace('new AWS.DynamoDB.DocumentClient()', 'new AWS.DynamoDB.Client()')],
      [index, (t) => t.replace('new AWS.DynamoDB.Client()', 'new AWS.DynamoDB.DocumentClient()')],
      [index, (t) => t.replace("const AWS = require('aws-sdk');", "const AWS = require('./lib/fake-aws');")],
    ]);
    // no-data-deletion counts the skill's stores: the long file's `ddb.put` calls come and go.
    const stores = results.map((r) => Number(/stores user data \(`[^`]*` \([^)]*\) and (\d+) more\)/.exec(r)?.[1]));
    assert.ok(stores[1] < stores[0] && stores[2] === stores[0] && stores[3] < stores[0], `stores by step: ${stores.join(', ')}`);
  });

  it('an edit of a helper module changes the consent finding of the unchanged handler file', () => {
    const consent = 'lambda/lib/consent.js';
    const results = runScript(V2_JS, [
      [consent, (t) => t.replace('permissions.consentToken', 'permissions.token')],
      [consent, (t) => t.replace(".withAskForPermissionsConsentCard(['alexa::profile:email:read'])", '')],
      [consent, (t) => t.replace('permissions.token', 'permissions.consentToken')],
    ]);
    const unchecked = results.map((r) => (r.match(/"ruleId": "consent-not-checked"/g) ?? []).length);
    assert.ok(unchecked[2] > unchecked[0], `consent findings by step: ${unchecked.join(', ')}`);
  });
});
