import { strict as assert } from 'assert';
import { codeHandlers, handlerForIntent, handlersForRequest, Handler, spanOfNode } from '../../server/src/engine/code/handlers';
import { analysisOf, where } from './helpers';
import { Random } from '../robustness/support';
import { SkillAnalysis } from '../../server/src/engine/analysis';

const matches = (h: Handler): string[] => h.matches.map((m) => `${m.requestType ?? '*'}${m.intent ? `/${m.intent}` : ''}${m.conditional ? ' (conditional)' : ''}`);

describe('code/handlers', () => {
  it('finds ask-sdk v2 handler objects, what each canHandle checks, and the builder chain', () => {
    const files = {
      'index.js': `const Alexa = require('ask-sdk-core');

const LaunchRequestHandler = {
  canHandle(handlerInput) {
    return Alexa.getRequestType(handlerInput.requestEnvelope) === 'LaunchRequest';
  },
  handle(handlerInput) {
    return handlerInput.responseBuilder.speak('Hi').getResponse();
  },
};

const PhoneIntentHandler = {
  canHandle: (handlerInput) =>
    Alexa.getRequestType(handlerInput.requestEnvelope) === 'IntentRequest'
    && (Alexa.getIntentName(handlerInput.requestEnvelope) === 'PhoneIntent' || Alexa.getIntentName(handlerInput.requestEnvelope) === 'CallIntent'),
  handle: async function (handlerInput) {
    return handlerInput.responseBuilder.getResponse();
  },
};

const HelpHandler = {
  canHandle(handlerInput) {
    const request = handlerInput.requestEnvelope.request;
    return request.type === 'IntentRequest' && request.intent.name === 'AMAZON.HelpIntent';
  },
  handle(handlerInput) {
    return handlerInput.responseBuilder.getResponse();
  },
};

const StopHandler = {
  canHandle(handlerInput) {
    const { request } = handlerInput.requestEnvelope;
    if (request.type !== 'IntentRequest') return false;
    return ['AMAZON.StopIntent', 'AMAZON.CancelIntent'].includes(request.intent.name);
  },
  handle(handlerInput) {
    return handlerInput.responseBuilder.getResponse();
  },
};

const DialogHandler = {
  canHandle(handlerInput) {
    return Alexa.getIntentName(handlerInput.requestEnvelope) === 'OrderIntent' && Alexa.getDialogState(handlerInput.requestEnvelope) !== 'COMPLETED';
  },
  handle(handlerInput) {
    return handlerInput.responseBuilder.getResponse();
  },
};

const ErrorHandler = {
  canHandle() {
    return true;
  },
  handle(handlerInput, error) {
    return handlerInput.responseBuilder.getResponse();
  },
};

const Logger = { process(handlerInput) {} };

exports.handler = Alexa.SkillBuilders.custom()
  .addRequestHandlers(
    LaunchRequestHandler,
    PhoneIntentHandler,
    HelpHandler,
    StopHandler,
    DialogHandler,
  )
  .addRequestInterceptors(Logger)
  .addErrorHandlers(ErrorHandler)
  .withPersistenceAdapter(adapter)
  .lambda();
`,
    };
    const a = analysisOf(files);
    const ch = codeHandlers(a);
    assert.deepEqual(
      ch.handlers.map((h) => `${h.name} ${h.kind} ${where(files, h.span)} registered=${h.registered} opaque=${h.opaque} [${matches(h).join(', ')}]`),
      [
        'LaunchRequestHandler object index.js:3:30-10:2 registered=true opaque=false [LaunchRequest]',
        'PhoneIntentHandler object index.js:12:28-19:2 registered=true opaque=false [IntentRequest/PhoneIntent, IntentRequest/CallIntent]',
        'HelpHandler object index.js:21:21-29:2 registered=true opaque=false [IntentRequest/AMAZON.HelpIntent]',
        // `request.type !== …` guards a return false: the analysis does not read it, the `includes` it does.
        'StopHandler object index.js:31:21-40:2 registered=true opaque=false [*/AMAZON.StopIntent, */AMAZON.CancelIntent]'.replace(/\*\//g, 'IntentRequest/'),
        'DialogHandler object index.js:42:23-49:2 registered=true opaque=false [IntentRequest/OrderIntent (conditional)]',
        'ErrorHandler object index.js:51:22-58:2 registered=false opaque=false [*]',
      ],
    );
    assert.equal(where(files, ch.handlers[1].nameSpan), 'index.js:12:7-12:25');
    assert.equal(where(files, ch.handlers[1].matches[0].intentLiteral), 'index.js:15:63-15:76');
    assert.equal(where(files, ch.handlers[1].matches[1].intentLiteral), 'index.js:15:134-15:146');
    assert.equal(where(files, ch.handlers[2].matches[0].requestTypeLiteral), 'index.js:24:29-24:44');
    assert.equal(where(files, spanOfNode(ch.handlers[1].file, ch.handlers[1].handle!)), 'index.js:16:11-18:4');

    assert.equal(ch.builders.length, 1);
    const b = ch.builders[0];
    assert.equal(b.kind, 'custom');
    assert.deepEqual(b.calls.map((c) => c.method), ['addRequestHandlers', 'addRequestInterceptors', 'addErrorHandlers', 'withPersistenceAdapter', 'lambda']);
    assert.equal(where(files, b.create.span), 'index.js:62:19-62:47');
    assert.equal(where(files, b.addRequestHandlers[0].nameSpan), 'index.js:63:4-63:22');
    assert.equal(where(files, b.addRequestHandlers[0].argsSpan), 'index.js:63:23-69:3');
    assert.equal(b.addRequestHandlers[0].args.length, 5);
    assert.deepEqual(b.requestHandlers.map((h) => h.name), ['LaunchRequestHandler', 'PhoneIntentHandler', 'HelpHandler', 'StopHandler', 'DialogHandler']);
    assert.deepEqual(b.unresolvedHandlers, []);
    assert.equal(where(files, b.addRequestInterceptors[0].span), 'index.js:62:19-70:34');
    assert.equal(b.persistenceAdapter?.method, 'withPersistenceAdapter');
    assert.equal(b.entry?.method, 'lambda');
    assert.equal(where(files, spanOfNode(b.file, b.statement)), 'index.js:62:1-73:13');

    assert.deepEqual(handlerForIntent(a, 'CallIntent').map((h) => h.sdk === 'v2' && h.name), ['PhoneIntentHandler']);
    assert.deepEqual(handlerForIntent(a, 'AMAZON.CancelIntent').map((h) => h.sdk === 'v2' && h.name), ['StopHandler']);
    assert.deepEqual(handlerForIntent(a, 'NoSuchIntent'), []);
    assert.deepEqual(handlersForRequest(a, 'LaunchRequest').map((h) => h.sdk === 'v2' && h.name), ['LaunchRequestHandler']);
    assert.strictEqual(codeHandlers(a), ch, 'memoised per analysis');
  });

  it('resolves handlers exported from other modules (CommonJS and ES), classes, spread arrays and a builder kept in a variable', () => {
    const files = {
      'handlers/phone.js': `const Alexa = require('ask-sdk-core');
module.exports = {
  canHandle(input) {
    return Alexa.getRequestType(input.requestEnvelope) === 'IntentRequest' && Alexa.getIntentName(input.requestEnvelope) === 'PhoneIntent';
  },
  handle(input) { return input.responseBuilder.getResponse(); },
};
`,
      'handlers/misc.js': `exports.Launch = {
  canHandle: (input) => input.requestEnvelope.request.type === 'LaunchRequest',
  handle: (input) => input.responseBuilder.getResponse(),
};
const Disabled = {
  canHandle(input) { return input.requestEnvelope.request.type === 'AlexaSkillEvent.SkillDisabled'; },
  async handle(input) { await input.attributesManager.deletePersistentAttributes(); return input.responseBuilder.getResponse(); },
};
module.exports.Disabled = Disabled;
`,
      'handlers/ts-handlers.ts': `import { HandlerInput, RequestHandler, getRequestType, getIntentName } from 'ask-sdk-core';
export class BirthdayHandler implements RequestHandler {
  canHandle(handlerInput: HandlerInput): boolean {
    return getRequestType(handlerInput.requestEnvelope) === 'IntentRequest' && getIntentName(handlerInput.requestEnvelope) === 'BirthdayIntent';
  }
  handle(handlerInput: HandlerInput) {
    return handlerInput.responseBuilder.getResponse();
  }
}
export const list = [new BirthdayHandler()];
`,
      'index.js': `const Alexa = require('ask-sdk-core');
const PhoneHandler = require('./handlers/phone');
const { Launch, Disabled: SkillDisabledHandler } = require('./handlers/misc');
const extra = require('./handlers/ts-handlers');

const skillBuilder = Alexa.SkillBuilders.standard();

exports.handler = skillBuilder
  .addRequestHandlers(Launch, PhoneHandler, SkillDisabledHandler, ...extra.list, helpers.Other)
  .withTableName('people')
  .lambda();
`,
    };
    const a = analysisOf(files);
    const ch = codeHandlers(a);
    assert.deepEqual(
      ch.handlers.map((h) => `${h.name ?? '(anonymous)'} ${h.kind} ${where(files, h.span)} registered=${h.registered} [${matches(h).join(', ')}]`),
      [
        '(anonymous) object handlers/phone.js:2:18-7:2 registered=true [IntentRequest/PhoneIntent]',
        'Launch object handlers/misc.js:1:18-4:2 registered=true [LaunchRequest]',
        'Disabled object handlers/misc.js:5:18-8:2 registered=true [AlexaSkillEvent.SkillDisabled]',
        'BirthdayHandler class handlers/ts-handlers.ts:2:1-9:2 registered=true [IntentRequest/BirthdayIntent]',
      ],
    );
    const b = ch.builders[0];
    assert.equal(b.kind, 'standard');
    assert.deepEqual(b.calls.map((c) => c.method), ['addRequestHandlers', 'withTableName', 'lambda']);
    assert.deepEqual(b.requestHandlers.map((h) => h.name ?? '(anonymous)'), ['Launch', '(anonymous)', 'Disabled', 'BirthdayHandler']);
    assert.deepEqual(b.unresolvedHandlers.map((e) => e.getText()), ['helpers.Other']);
    assert.equal(where(files, b.tableName?.span), 'index.js:8:19-10:27');
    assert.equal(where(files, spanOfNode(b.file, b.statement)), 'index.js:8:1-11:13');
    assert.deepEqual(handlersForRequest(a, 'AlexaSkillEvent.SkillDisabled').map((h) => h.file.endsWith('misc.js')), [true]);
    assert.deepEqual(handlerForIntent(a, 'BirthdayIntent').map((h) => h.sdk === 'v2' && h.kind), ['class']);
  });

  it('finds alexa-sdk v1 handler maps, registerHandlers, state handlers and the DynamoDB table', () => {
    const files = {
      'index.js': `'use strict';
const Alexa = require('alexa-sdk');
const TABLE = 'UserData';

const handlers = {
  'LaunchRequest': function () {
    this.emit(':ask', 'Welcome. What is your phone number?');
  },
  PhoneIntent() {
    this.attributes.phone = this.event.request.intent.slots.phone.value;
    this.emit(':tell', 'Saved.');
  },
  'AMAZON.StopIntent': function () { this.emit(':tell', 'Bye'); },
};

const quizHandlers = Alexa.CreateStateHandler('_QUIZ', {
  AnswerIntent: function () { this.emit(':ask', 'Next?'); },
});

const notHandlers = { format: (x) => String(x) };

exports.handler = function (event, context) {
  const alexa = Alexa.handler(event, context);
  alexa.appId = 'amzn1.ask.skill.x';
  alexa.dynamoDBTableName = TABLE;
  alexa.registerHandlers(handlers, quizHandlers);
  alexa.execute();
};
`,
    };
    const a = analysisOf(files);
    const ch = codeHandlers(a);
    assert.deepEqual(ch.handlers, []);
    assert.deepEqual(ch.builders, []);
    assert.equal(ch.v1.length, 1);
    const s = ch.v1[0];
    assert.equal(where(files, s.span), 'index.js:23:17-23:46');
    assert.deepEqual(s.registerHandlers.map((c) => where(files, c.span)), ['index.js:26:3-26:49']);
    assert.equal(s.dynamoDBTableName?.value, 'UserData');
    assert.equal(where(files, s.dynamoDBTableName?.span), 'index.js:25:3-25:34');
    assert.equal(s.execute?.method, 'execute');
    assert.deepEqual(
      s.maps.map((m) => `${m.state ?? '-'} ${where(files, m.span)} ${m.handlers.map((h) => `${h.name}@${where(files, h.keySpan)}`).join(' ')}`),
      [
        '- index.js:5:18-14:2 LaunchRequest@index.js:6:3-6:18 PhoneIntent@index.js:9:3-9:14 AMAZON.StopIntent@index.js:13:3-13:22',
        '_QUIZ index.js:16:56-18:2 AnswerIntent@index.js:17:3-17:15',
      ],
    );
    assert.equal(ch.v1Maps.length, 2, 'the helper object is no handler map');
    assert.ok(ch.v1Maps.every((m) => m.registered));
    const phone = handlerForIntent(a, 'PhoneIntent');
    assert.equal(phone.length, 1);
    assert.equal(phone[0].sdk, 'v1');
    assert.equal(where(files, spanOfNode(phone[0].file, phone[0].handle!)), 'index.js:9:3-12:4');

    // The same API through ask-sdk-v1adapter, imported as an ES module namespace.
    const adapter = {
      'index.ts': `import * as Adapter from 'ask-sdk-v1adapter';
const handlers = { HelloIntent(this: any) { this.emit(':tell', 'Hello'); } };
export const handler = (event: unknown, context: unknown) => {
  const alexa = Adapter.handler(event, context);
  alexa.registerHandlers(handlers);
  alexa.execute();
};
`,
    };
    const v1 = codeHandlers(analysisOf(adapter)).v1;
    assert.deepEqual(v1.map((x) => x.maps.flatMap((m) => m.handlers.map((h) => h.name))), [['HelloIntent']]);
    assert.equal(v1[0].dynamoDBTableName, undefined);
  });

  it('reads handlers whose methods are functions declared beside them, and records each registration', () => {
    const files = {
      'index.js': `const Alexa = require('ask-sdk-core');
function canHandle(input) {
  return Alexa.getRequestType(input.requestEnvelope) === 'SessionEndedRequest';
}
const handle = (input) => input.responseBuilder.getResponse();
const Ended = { canHandle, handle };
const list = [Ended];
exports.handler = Alexa.SkillBuilders.custom().addRequestHandlers(...list).lambda();
`,
    };
    const ch = codeHandlers(analysisOf(files));
    assert.deepEqual(ch.handlers.map((h) => `${h.name} ${where(files, h.span)} [${matches(h).join(', ')}]`), ['Ended index.js:6:15-6:36 [SessionEndedRequest]']);
    const reg = ch.builders[0].registrations;
    assert.deepEqual(reg.map((x) => `${x.handler.name} via ${x.argument.getText()} in ${x.call.method}`), ['Ended via ...list in addRequestHandlers']);
  });

  it('survives half-typed code and finds what is still there', () => {
    const files = {
      'index.js': `const Alexa = require('ask-sdk-core');
const H = {
  canHandle(handlerInput) {
    return Alexa.getIntentName(handlerInput.requestEnvelope) === 'PhoneIntent' &&
  },
  handle(handlerInput) {
    return handlerInput.responseBuilder.speak(
  },
};
exports.handler = Alexa.SkillBuilders.custom().addRequestHandlers(H, ).lambda(
`,
      'empty.js': '',
      'odd.js': 'module.exports = module.exports; exports.a = exports.a; const x = x; x.canHandle;',
    };
    const ch = codeHandlers(analysisOf(files));
    assert.equal(ch.handlers.length, 1);
    assert.deepEqual(matches(ch.handlers[0]), ['IntentRequest/PhoneIntent (conditional)']);
    assert.deepEqual(ch.builders[0].requestHandlers.map((h) => h.name), ['H']);
  });

  it('answers handlerForIntent from its index as a filter over every handler does (random skills, v2 and v1)', () => {
    /** handlerForIntent as it was before its index: a pass over every handler per question. */
    const byFilter = (a: SkillAnalysis, intent: string): unknown[] => {
      const ch = codeHandlers(a);
      const v2 = ch.handlers.filter((h) => h.matches.some((m) => m.intent === intent && (m.requestType === undefined || m.requestType === 'IntentRequest')));
      v2.sort((x, y) => Number(y.registered) - Number(x.registered));
      return [...v2, ...ch.v1Maps.flatMap((m) => m.handlers.filter((h) => h.name === intent))];
    };
    const INTENTS = ['AIntent', 'BIntent', 'CIntent', 'AMAZON.HelpIntent'];
    const r = new Random(808);
    const env = 'handlerInput.requestEnvelope';
    let asked = 0;
    let unregisteredFirst = 0;
    for (let n = 0; n < 150; n++) {
      const checks = (): string => {
        const intent = (): string => `Alexa.getIntentName(${env}) === '${r.pick(INTENTS)}'`;
        switch (r.int(5)) {
          case 0:
            return `Alexa.getRequestType(${env}) === 'IntentRequest' && ${intent()}`;
          case 1:
            return intent();
          case 2:
            return `Alexa.getRequestType(${env}) === 'IntentRequest' && (${intent()} || ${intent()})`;
          case 3:
            return `Alexa.getRequestType(${env}) === '${r.pick(['LaunchRequest', 'SessionEndedRequest'])}'`;
          default:
            return `${env}.request.type === '${r.pick(['IntentRequest', 'CanFulfillIntentRequest'])}' && ${env}.request.intent.name === '${r.pick(INTENTS)}'`;
        }
      };
      const count = 1 + r.int(8);
      const names = Array.from({ length: count }, (_, i) => `H${i}`);
      const handlers = names.map((h) => `const ${h} = {\n  canHandle(handlerInput) { return ${checks()}; },\n  handle(handlerInput) { return handlerInput.responseBuilder.getResponse(); },\n};\n`);
      const registered = names.filter(() => r.chance(0.6)).sort(() => r.next() - 0.5);
      const builder = `exports.handler = Alexa.SkillBuilders.custom().addRequestHandlers(${registered.join(', ')}).lambda();\n`;
      const files: Record<string, string> = { 'index.js': `const Alexa = require('ask-sdk-core');\n${handlers.join('\n')}${builder}` };
      if (r.chance(0.4)) {
        const entries = INTENTS.filter(() => r.chance(0.5)).map((i) => `  '${i}': function () { this.emit(':tell', 'ok'); },`);
        files['v1.js'] = `const Alexa = require('alexa-sdk');\nconst handlers = {\n${entries.join('\n')}\n};\nexports.handler = function (event, context) {\n  const alexa = Alexa.handler(event, context);\n  alexa.registerHandlers(handlers);\n  alexa.execute();\n};\n`;
      }
      const a = analysisOf(files);
      const ch = codeHandlers(a);
      if (ch.handlers.some((h, i) => !h.registered && ch.handlers.slice(i + 1).some((x) => x.registered))) unregisteredFirst++;
      for (const intent of [...INTENTS, 'NoSuchIntent', 'LaunchRequest']) {
        const got = handlerForIntent(a, intent);
        assert.equal(got.length, byFilter(a, intent).length, `skill ${n}, ${intent}`);
        got.forEach((h, i) => assert.strictEqual(h, byFilter(a, intent)[i], `skill ${n}, ${intent}, handler ${i}`));
        asked += got.length;
        // Each answer is the caller's own list.
        assert.notStrictEqual(handlerForIntent(a, intent), got);
      }
    }
    assert.ok(asked > 500 && unregisteredFirst > 20, `${asked} handlers answered, ${unregisteredFirst} skills with an unregistered handler before a registered one`);
  });
});
