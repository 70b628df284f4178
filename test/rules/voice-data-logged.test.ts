import { strict as assert } from 'assert';
import * as ts from 'typescript';
import rule from '../../server/src/engine/rules/voice-data-logged';
import { MODEL, MODEL_FILE, codeSkill } from '../helpers/code-skill';
import { RuleTester } from '../helpers/rule-tester';

const v2 = (body: string, head = ''): string => `const Alexa = require('ask-sdk-core');
${head}
const Handler = {
  canHandle(handlerInput) {
    return Alexa.getRequestType(handlerInput.requestEnvelope) === 'IntentRequest';
  },
  handle(handlerInput) {
${body}
    return handlerInput.responseBuilder.speak('Done.').getResponse();
  },
};

exports.handler = Alexa.SkillBuilders.custom().addRequestHandlers(Handler).lambda();
`;

const phoneLogged = v2("    const phone = Alexa.getSlotValue(handlerInput.requestEnvelope, 'phone');\n    console.log(`Calling back ${phone} soon`);");

const interceptor = `const Alexa = require('ask-sdk-core');

const LogRequestInterceptor = {
  process(handlerInput) {
    console.log('Request: ' + JSON.stringify(handlerInput.requestEnvelope, null, 2));
  },
};

exports.handler = Alexa.SkillBuilders.custom()
  .addRequestInterceptors(LogRequestInterceptor)
  .lambda();
`;

const v1 = `'use strict';
const Alexa = require('alexa-sdk');
const { remember } = require('./util');

const handlers = {
  PhoneIntent() {
    const number = this.event.request.intent.slots.phone.value;
    remember(number);
    this.emit(':tell', 'Thanks.');
  },
};

exports.handler = function (event, context) {
  const alexa = Alexa.handler(event, context);
  alexa.registerHandlers(handlers);
  alexa.execute();
};
`;
const v1Util = `const winston = require('winston');
const logger = winston.createLogger({ transports: [new winston.transports.Console()] });

function remember(value) {
  logger.info('remembering', { value });
}

module.exports = { remember };
`;

const tsHandler = `import { HandlerInput, RequestHandler } from 'ask-sdk-core';
import { Response } from 'ask-sdk-model';

export class NoteHandler implements RequestHandler {
  canHandle(input: HandlerInput): boolean {
    return input.requestEnvelope.request.type === 'IntentRequest';
  }

  handle(input: HandlerInput): Response {
    const request = input.requestEnvelope.request as any;
    const note: string = request.intent.slots.note.value;
    console.info(note);
    return input.responseBuilder.speak('Noted.').getResponse();
  }
}
`;

const rawLambda = `exports.handler = async (event) => {
  console.log(event);
  return { version: '1.0', response: {} };
};
`;

const profileThen = v2(`    handlerInput.serviceClientFactory.getUpsServiceClient().getProfileEmail()
      .then((email) => console.log("email", email));`);

function fixed(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), `fixture contains ${from}`);
  return text.replace(from, to);
}

function parses(text: string, file = 'x.js'): void {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS);
  assert.deepEqual((sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length, 0, 'the fixed code parses');
}

const phoneFixed = fixed(phoneLogged, 'Calling back ${phone} soon', 'Calling back [redacted phone] soon');
const interceptorFixed = fixed(interceptor, 'JSON.stringify(handlerInput.requestEnvelope, null, 2)', 'Alexa.getRequestType(handlerInput.requestEnvelope)');
const v1UtilFixed = fixed(v1Util, '{ value }', "{ value: '[redacted phone]' }");
const tsFixed = fixed(tsHandler, 'console.info(note)', "console.info('[redacted note]')");
const rawFixed = fixed(rawLambda, 'console.log(event)', 'console.log(event.request.type)');
const profileFixed = fixed(profileThen, 'console.log("email", email)', 'console.log("email", \'[redacted email]\')');

describe('voice-data-logged fixes parse', () => {
  it('every fixed text is valid code', () => {
    for (const t of [phoneFixed, interceptorFixed, v1UtilFixed, rawFixed, profileFixed]) parses(t);
    parses(tsFixed, 'x.ts');
  });
});

RuleTester.run(rule, {
  valid: [
    {
      name: 'logging the request type, the intent name and the locale',
      files: codeSkill({
        'index.js': v2(`    console.log('request', handlerInput.requestEnvelope.request.type, Alexa.getIntentName(handlerInput.requestEnvelope));
    console.log(\`locale \${handlerInput.requestEnvelope.request.locale}\`);`),
      }),
    },
    {
      name: 'logging a slot that is not personal (a pizza topping)',
      files: codeSkill({ 'index.js': v2("    const topping = Alexa.getSlotValue(handlerInput.requestEnvelope, 'topping');\n    console.log('adding', topping);") }),
    },
    {
      name: 'logging the user id alone (pseudonymous; it is flagged only when shared)',
      files: codeSkill({ 'index.js': v2('    console.log(Alexa.getUserId(handlerInput.requestEnvelope));') }),
    },
    {
      name: 'a personal slot read but only spoken back, and a constant named like one logged',
      files: codeSkill({
        'index.js': v2("    const phone = Alexa.getSlotValue(handlerInput.requestEnvelope, 'phone');\n    const email = 'support@example.com';\n    console.log('help line', email);"),
      }),
    },
    {
      name: 'all slots logged in a skill whose slots hold nothing personal (pizza toppings)',
      files: codeSkill(
        { 'index.js': v2('    console.log(`slots: ${JSON.stringify(handlerInput.requestEnvelope.request.intent.slots)}`);') },
        { [MODEL_FILE]: MODEL.replace(/\n.*"PhoneIntent".*\n.*"NoteIntent".*/, '') },
      ),
    },
    {
      name: 'the slot name (not its value) of the intent is logged',
      files: codeSkill({ 'index.js': v2('    const slot = handlerInput.requestEnvelope.request.intent.slots.phone;\n    console.log(slot.name, slot.confirmationStatus);') }),
    },
  ],
  invalid: [
    {
      name: 'a phone slot in a template string: the template part is redacted',
      files: codeSkill({ 'index.js': phoneLogged }),
      errors: [
        {
          messageId: 'logged',
          file: 'lambda/index.js',
          line: 9,
          column: 33,
          endLine: 9,
          endColumn: 38,
          messageIncludes: 'Slot `phone` (AMAZON.PhoneNumber) reaches a log through `console.log`',
          related: ['lambda/index.js:8:19', 'lambda/index.js:9:5'],
        },
      ],
      fixes: [{ fixId: 'redact-log', output: { 'lambda/index.js': phoneFixed } }],
    },
    {
      name: 'all slots logged when one of them is personal',
      files: codeSkill({ 'index.js': v2('    console.log(`slots: ${JSON.stringify(handlerInput.requestEnvelope.request.intent.slots)}`);') }),
      errors: [{ messageId: 'logged', file: 'lambda/index.js', line: 8, column: 27, endLine: 8, endColumn: 92, messageIncludes: 'The slot values (`request.intent.slots`)' }],
      fixes: [{ fixId: 'redact-log', output: { 'lambda/index.js': v2('    console.log(`slots: ${Alexa.getIntentName(handlerInput.requestEnvelope)}`);') } }],
    },
    {
      name: 'a response interceptor logs the response, which speaks the phone number back (analysed before the handler)',
      files: codeSkill({ 'index.js': "const Alexa = require('ask-sdk-core');\n\nconst LogResponseInterceptor = {\n  process(handlerInput, response) {\n    console.log(`RESPONSE ${JSON.stringify(response)}`);\n  },\n};\n\nconst PhoneHandler = {\n  handle(handlerInput) {\n    const phone = Alexa.getSlotValue(handlerInput.requestEnvelope, 'phone');\n    return handlerInput.responseBuilder.speak(`I will call ${phone}.`).getResponse();\n  },\n};\n\nexports.handler = Alexa.SkillBuilders.custom().addRequestHandlers(PhoneHandler).addResponseInterceptors(LogResponseInterceptor).lambda();\n" }),
      errors: [
        {
          messageId: 'logged',
          file: 'lambda/index.js',
          line: 5,
          column: 29,
          endLine: 5,
          endColumn: 53,
          related: ['lambda/index.js:11:19', 'lambda/index.js:12:12', 'lambda/index.js:5:5'],
        },
      ],
      fixes: [{ fixId: 'redact-log', output: { 'lambda/index.js': "const Alexa = require('ask-sdk-core');\n\nconst LogResponseInterceptor = {\n  process(handlerInput, response) {\n    console.log(`RESPONSE [redacted phone]`);\n  },\n};\n\nconst PhoneHandler = {\n  handle(handlerInput) {\n    const phone = Alexa.getSlotValue(handlerInput.requestEnvelope, 'phone');\n    return handlerInput.responseBuilder.speak(`I will call ${phone}.`).getResponse();\n  },\n};\n\nexports.handler = Alexa.SkillBuilders.custom().addRequestHandlers(PhoneHandler).addResponseInterceptors(LogResponseInterceptor).lambda();\n" } }],
    },
    {
      name: 'a request interceptor logs the whole envelope: the request type is logged instead',
      files: codeSkill({ 'index.js': interceptor }),
      errors: [{ messageId: 'logged', file: 'lambda/index.js', line: 5, column: 31, endLine: 5, endColumn: 84, messageIncludes: 'The request envelope' }],
      fixes: [{ fixId: 'redact-log', output: { 'lambda/index.js': interceptorFixed } }],
    },
    {
      name: 'alexa-sdk v1: a slot passed to a helper module that logs it with winston',
      files: codeSkill({ 'index.js': v1, 'util.js': v1Util }),
      errors: [
        {
          messageId: 'logged',
          file: 'lambda/util.js',
          line: 5,
          column: 32,
          endLine: 5,
          endColumn: 37,
          messageIncludes: '(via `remember()`, in lambda/util.js)',
          related: ['lambda/index.js:7:20', 'lambda/index.js:8:5', 'lambda/util.js:5:3'],
        },
      ],
      fixes: [{ fixId: 'redact-log', output: { 'lambda/util.js': v1UtilFixed } }],
    },
    {
      name: 'TypeScript: a RequestHandler class logs an AMAZON.SearchQuery value',
      files: codeSkill({ 'index.ts': tsHandler }),
      errors: [{ messageId: 'logged', file: 'lambda/index.ts', line: 12, column: 18, endLine: 12, endColumn: 22, messageIncludes: 'Slot `note` (AMAZON.SearchQuery)' }],
      fixes: [{ fixId: 'redact-log', output: { 'lambda/index.ts': tsFixed } }],
    },
    {
      name: 'a raw Lambda handler logs its event',
      files: codeSkill({ 'index.js': rawLambda }),
      errors: [{ messageId: 'logged', file: 'lambda/index.js', line: 2, column: 15, endLine: 2, endColumn: 20 }],
      fixes: [{ fixId: 'redact-log', output: { 'lambda/index.js': rawFixed } }],
    },
    {
      name: 'the profile e-mail logged in a `.then` callback',
      files: codeSkill({ 'index.js': profileThen }),
      errors: [{ messageId: 'logged', file: 'lambda/index.js', line: 9, column: 45, endLine: 9, endColumn: 50, messageIncludes: "The customer's e-mail address (`getProfileEmail`)" }],
      fixes: [{ fixId: 'redact-log', output: { 'lambda/index.js': profileFixed } }],
    },
  ],
});
