import rule from '../../server/src/engine/rules/no-data-deletion';
import { RuleTester } from '../helpers/rule-tester';

RuleTester.run(rule, {
  valid: [
    {
      name: 'ask-sdk persistent attributes, SKILL_DISABLED subscribed and a registered handler that deletes them',
      files: {
      'skill.json': `{
  "manifest": {
    "apis": {
      "custom": {
        "endpoint": { "uri": "arn:aws:lambda:us-east-1:123456789012:function:notes" }
      }
    },
    "events": {
      "endpoint": { "uri": "arn:aws:lambda:us-east-1:123456789012:function:notes" },
      "subscriptions": [{ "eventName": "SKILL_ENABLED" }, { "eventName": "SKILL_DISABLED" }]
    }
  }
}
`,
      'lambda/index.js': `const Alexa = require('ask-sdk-core');
const { DynamoDbPersistenceAdapter } = require('ask-sdk-dynamodb-persistence-adapter');

const SaveNoteHandler = {
  canHandle(handlerInput) {
    return Alexa.getRequestType(handlerInput.requestEnvelope) === 'IntentRequest'
      && Alexa.getIntentName(handlerInput.requestEnvelope) === 'SaveNoteIntent';
  },
  async handle(handlerInput) {
    const note = Alexa.getSlotValue(handlerInput.requestEnvelope, 'note');
    handlerInput.attributesManager.setPersistentAttributes({ note });
    await handlerInput.attributesManager.savePersistentAttributes();
    return handlerInput.responseBuilder.speak('Saved.').getResponse();
  },
};

const DisabledHandler = {
  canHandle(handlerInput) {
    return Alexa.getRequestType(handlerInput.requestEnvelope) === 'AlexaSkillEvent.SkillDisabled';
  },
  async handle(handlerInput) {
    await handlerInput.attributesManager.deletePersistentAttributes();
    return handlerInput.responseBuilder.getResponse();
  },
};

// The skill's entry point.
exports.handler = Alexa.SkillBuilders.custom()
  .addRequestHandlers(
    SaveNoteHandler,
    DisabledHandler,
  )
  .withPersistenceAdapter(new DynamoDbPersistenceAdapter({ tableName: 'notes' }))
  .lambda();
`,
    },
    },
    {
      name: 'DynamoDB writes (aws-sdk v3) deleted by a helper in another module that the SkillDisabled handler calls',
      files: {
      'skill.json': `{
  "manifest": {
    "apis": {
      "custom": {
        "endpoint": { "uri": "arn:aws:lambda:us-east-1:123456789012:function:notes" }
      }
    },
    "events": {
      "endpoint": { "uri": "arn:aws:lambda:us-east-1:123456789012:function:notes" },
      "subscriptions": [{ "eventName": "SKILL_ENABLED" }, { "eventName": "SKILL_DISABLED" }]
    }
  }
}
`,
      'lambda/store.js': `const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, PutCommand, DeleteCommand } = require('@aws-sdk/lib-dynamodb');

const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));

exports.save = (userId, order) => ddb.send(new PutCommand({ TableName: 'orders', Item: { userId, order } }));
exports.forget = (userId) => ddb.send(new DeleteCommand({ TableName: 'orders', Key: { userId } }));
`,
      'lambda/index.js': `const Alexa = require('ask-sdk-core');
const store = require('./store');

const OrderHandler = {
  canHandle: (input) => Alexa.getIntentName(input.requestEnvelope) === 'OrderIntent',
  handle: async (input) => {
    await store.save(Alexa.getUserId(input.requestEnvelope), 'tea');
    return input.responseBuilder.getResponse();
  },
};

const DisabledHandler = {
  canHandle: (input) => input.requestEnvelope.request.type === 'AlexaSkillEvent.SkillDisabled',
  handle: async (input) => {
    await store.forget(input.requestEnvelope.context.System.user.userId);
    return input.responseBuilder.getResponse();
  },
};

exports.handler = Alexa.SkillBuilders.custom().addRequestHandlers(OrderHandler, DisabledHandler).lambda();
`,
    },
    },
    {
      name: 'session attributes only: nothing is stored',
      files: {
      'skill.json': `{
  "manifest": {
    "apis": {
      "custom": {
        "endpoint": { "uri": "arn:aws:lambda:us-east-1:123456789012:function:notes" }
      }
    }
  }
}
`,
      'lambda/index.js': `const Alexa = require('ask-sdk-core');
const H = {
  canHandle: () => true,
  handle(handlerInput) {
    handlerInput.attributesManager.setSessionAttributes({ step: 1 });
    return handlerInput.responseBuilder.getResponse();
  },
};
exports.handler = Alexa.SkillBuilders.custom().addRequestHandlers(H).lambda();
`,
    },
    },
    {
      name: 'alexa-sdk v1 attributes in DynamoDB, deleted with the AWS SDK in an AlexaSkillEvent.SkillDisabled handler',
      files: {
      'skill.json': `{
  "manifest": {
    "apis": {
      "custom": {
        "endpoint": { "uri": "arn:aws:lambda:us-east-1:123456789012:function:notes" }
      }
    },
    "events": {
      "endpoint": { "uri": "arn:aws:lambda:us-east-1:123456789012:function:notes" },
      "subscriptions": [{ "eventName": "SKILL_ENABLED" }, { "eventName": "SKILL_DISABLED" }]
    }
  }
}
`,
      'lambda/custom/index.js': `const Alexa = require('alexa-sdk');
const AWS = require('aws-sdk');
const db = new AWS.DynamoDB.DocumentClient();

const handlers = {
  LaunchRequest() {
    this.attributes.visits = 1;
    this.emit(':tell', 'Hi');
  },
  'AlexaSkillEvent.SkillDisabled'() {
    db.delete({ TableName: 'Visits', Key: { userId: this.event.context.System.user.userId } }, () => this.emit(':responseReady'));
  },
};

exports.handler = (event, context) => {
  const alexa = Alexa.handler(event, context);
  alexa.dynamoDBTableName = 'Visits';
  alexa.registerHandlers(handlers);
  alexa.execute();
};
`,
    },
    },
    {
      name: 'a skill.json that does not parse is left to parse-error',
      files: {
      'skill.json': `{ "manifest": { "apis": `,
      'lambda/index.js': `const Alexa = require('ask-sdk-core');
const { DynamoDbPersistenceAdapter } = require('ask-sdk-dynamodb-persistence-adapter');

const SaveNoteHandler = {
  canHandle(handlerInput) {
    return Alexa.getRequestType(handlerInput.requestEnvelope) === 'IntentRequest'
      && Alexa.getIntentName(handlerInput.requestEnvelope) === 'SaveNoteIntent';
  },
  async handle(handlerInput) {
    const note = Alexa.getSlotValue(handlerInput.requestEnvelope, 'note');
    handlerInput.attributesManager.setPersistentAttributes({ note });
    await handlerInput.attributesManager.savePersistentAttributes();
    return handlerInput.responseBuilder.speak('Saved.').getResponse();
  },
};

// The skill's entry point.
exports.handler = Alexa.SkillBuilders.custom()
  .addRequestHandlers(
    SaveNoteHandler,
  )
  .withPersistenceAdapter(new DynamoDbPersistenceAdapter({ tableName: 'notes' }))
  .lambda();
`,
    },
    },
    {
      name: 'a DynamoDB store class (client in a constructor field), its delete method called on the exported instance',
      files: {
      'skill.json': `{
  "manifest": {
    "apis": { "custom": {} },
    "events": {
      "endpoint": { "uri": "arn:aws:lambda:us-east-1:123456789012:function:notes" },
      "subscriptions": [{ "eventName": "SKILL_DISABLED" }]
    }
  }
}
`,
      'lambda/store.js': `const AWS = require('aws-sdk');

class UserStore {
  constructor() {
    this.db = new AWS.DynamoDB.DocumentClient();
  }

  save(userId, colour) {
    return this.db.put({ TableName: 'colours', Item: { userId, colour } }).promise();
  }

  forget(userId) {
    return this.db.delete({ TableName: 'colours', Key: { userId } }).promise();
  }
}

module.exports = new UserStore();
`,
      'lambda/index.js': `const Alexa = require('ask-sdk-core');
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
`,
    },
    },
  ],
  invalid: [
    {
      name: 'JS: persistent attributes, no events and no handler: one fix subscribes (endpoint from apis.custom) and adds the handler',
      files: {
      'skill.json': `{
  "manifest": {
    "apis": {
      "custom": {
        "endpoint": { "uri": "arn:aws:lambda:us-east-1:123456789012:function:notes" }
      }
    }
  }
}
`,
      'lambda/index.js': `const Alexa = require('ask-sdk-core');
const { DynamoDbPersistenceAdapter } = require('ask-sdk-dynamodb-persistence-adapter');

const SaveNoteHandler = {
  canHandle(handlerInput) {
    return Alexa.getRequestType(handlerInput.requestEnvelope) === 'IntentRequest'
      && Alexa.getIntentName(handlerInput.requestEnvelope) === 'SaveNoteIntent';
  },
  async handle(handlerInput) {
    const note = Alexa.getSlotValue(handlerInput.requestEnvelope, 'note');
    handlerInput.attributesManager.setPersistentAttributes({ note });
    await handlerInput.attributesManager.savePersistentAttributes();
    return handlerInput.responseBuilder.speak('Saved.').getResponse();
  },
};

// The skill's entry point.
exports.handler = Alexa.SkillBuilders.custom()
  .addRequestHandlers(
    SaveNoteHandler,
  )
  .withPersistenceAdapter(new DynamoDbPersistenceAdapter({ tableName: 'notes' }))
  .lambda();
`,
    },
      errors: [{ messageId: 'missing', file: 'lambda/index.js', line: 11, column: 5, endLine: 11, endColumn: 69, related: ['skill.json:2:3', 'lambda/index.js:12:11', 'lambda/index.js:18:19'] }],
      fixes: [{ fixId: 'add-data-deletion', output: {
          'skill.json': `{
  "manifest": {
    "apis": {
      "custom": {
        "endpoint": { "uri": "arn:aws:lambda:us-east-1:123456789012:function:notes" }
      }
    },
    "events": {
      "endpoint": {
        "uri": "arn:aws:lambda:us-east-1:123456789012:function:notes"
      },
      "subscriptions": [
        {
          "eventName": "SKILL_DISABLED"
        }
      ]
    }
  }
}
`,
          'lambda/index.js': `const Alexa = require('ask-sdk-core');
const { DynamoDbPersistenceAdapter } = require('ask-sdk-dynamodb-persistence-adapter');

const SaveNoteHandler = {
  canHandle(handlerInput) {
    return Alexa.getRequestType(handlerInput.requestEnvelope) === 'IntentRequest'
      && Alexa.getIntentName(handlerInput.requestEnvelope) === 'SaveNoteIntent';
  },
  async handle(handlerInput) {
    const note = Alexa.getSlotValue(handlerInput.requestEnvelope, 'note');
    handlerInput.attributesManager.setPersistentAttributes({ note });
    await handlerInput.attributesManager.savePersistentAttributes();
    return handlerInput.responseBuilder.speak('Saved.').getResponse();
  },
};

const SkillDisabledEventHandler = {
  canHandle(handlerInput) {
    return handlerInput.requestEnvelope.request.type === 'AlexaSkillEvent.SkillDisabled';
  },
  async handle(handlerInput) {
    // The customer disabled the skill: delete what it stored about them.
    await handlerInput.attributesManager.deletePersistentAttributes();
    return handlerInput.responseBuilder.getResponse();
  },
};

// The skill's entry point.
exports.handler = Alexa.SkillBuilders.custom()
  .addRequestHandlers(
    SaveNoteHandler,
    SkillDisabledEventHandler,
  )
  .withPersistenceAdapter(new DynamoDbPersistenceAdapter({ tableName: 'notes' }))
  .lambda();
`,
        } }],
    },
    {
      name: 'TS: events with another subscription; the handler is typed RequestHandler, imported from ask-sdk-core',
      files: {
      'skill.json': `{
  "manifest": {
    "apis": {
      "custom": {
        "endpoint": { "uri": "arn:aws:lambda:us-east-1:123456789012:function:notes" }
      }
    },
    "events": {
      "endpoint": { "uri": "arn:aws:lambda:us-east-1:123456789012:function:notes" },
      "subscriptions": [
        { "eventName": "SKILL_ENABLED" }
      ]
    }
  }
}
`,
      'lambda/src/index.ts': `import { SkillBuilders, HandlerInput, getRequestType } from "ask-sdk-core";
import { S3PersistenceAdapter } from "ask-sdk-s3-persistence-adapter";

const LaunchHandler = {
    canHandle(input: HandlerInput) {
        return getRequestType(input.requestEnvelope) === "LaunchRequest";
    },
    async handle(input: HandlerInput) {
        const attributes = await input.attributesManager.getPersistentAttributes();
        attributes.visits = (attributes.visits ?? 0) + 1;
        input.attributesManager.setPersistentAttributes(attributes);
        await input.attributesManager.savePersistentAttributes();
        return input.responseBuilder.speak("Welcome back.").getResponse();
    },
};

export const handler = SkillBuilders.custom()
    .addRequestHandlers(LaunchHandler)
    .withPersistenceAdapter(new S3PersistenceAdapter({ bucketName: "visits" }))
    .lambda();
`,
    },
      errors: [{ messageId: 'missing', file: 'lambda/src/index.ts', line: 11, column: 9, endLine: 11, endColumn: 68, related: ['skill.json:8:5', 'lambda/src/index.ts:12:15', 'lambda/src/index.ts:17:24'] }],
      fixes: [{ fixId: 'add-data-deletion', output: {
          'skill.json': `{
  "manifest": {
    "apis": {
      "custom": {
        "endpoint": { "uri": "arn:aws:lambda:us-east-1:123456789012:function:notes" }
      }
    },
    "events": {
      "endpoint": { "uri": "arn:aws:lambda:us-east-1:123456789012:function:notes" },
      "subscriptions": [
        { "eventName": "SKILL_ENABLED" },
        {
          "eventName": "SKILL_DISABLED"
        }
      ]
    }
  }
}
`,
          'lambda/src/index.ts': `import { SkillBuilders, HandlerInput, getRequestType, RequestHandler } from "ask-sdk-core";
import { S3PersistenceAdapter } from "ask-sdk-s3-persistence-adapter";

const LaunchHandler = {
    canHandle(input: HandlerInput) {
        return getRequestType(input.requestEnvelope) === "LaunchRequest";
    },
    async handle(input: HandlerInput) {
        const attributes = await input.attributesManager.getPersistentAttributes();
        attributes.visits = (attributes.visits ?? 0) + 1;
        input.attributesManager.setPersistentAttributes(attributes);
        await input.attributesManager.savePersistentAttributes();
        return input.responseBuilder.speak("Welcome back.").getResponse();
    },
};

const SkillDisabledEventHandler: RequestHandler = {
    canHandle(handlerInput) {
        return handlerInput.requestEnvelope.request.type === "AlexaSkillEvent.SkillDisabled";
    },
    async handle(handlerInput) {
        // The customer disabled the skill: delete what it stored about them.
        await handlerInput.attributesManager.deletePersistentAttributes!();
        return handlerInput.responseBuilder.getResponse();
    },
};

export const handler = SkillBuilders.custom()
    .addRequestHandlers(LaunchHandler, SkillDisabledEventHandler)
    .withPersistenceAdapter(new S3PersistenceAdapter({ bucketName: "visits" }))
    .lambda();
`,
        } }],
    },
    {
      name: 'a handler deletes (through a helper) but skill.json does not subscribe: the finding and the fix are in skill.json; no endpoint to copy, so a placeholder',
      files: {
      'skill.json': `{
  "manifest": {
    "apis": { "custom": {} }
  }
}
`,
      'lambda/index.js': `const Alexa = require('ask-sdk-core')
const ddbAdapter = require('ask-sdk-dynamodb-persistence-adapter')

const DisabledHandler = {
  canHandle: (input) => Alexa.getRequestType(input.requestEnvelope) === 'AlexaSkillEvent.SkillDisabled',
  handle: async (input) => {
    await forget(input)
    return input.responseBuilder.getResponse()
  },
}

async function forget(input) {
  await input.attributesManager.deletePersistentAttributes()
}

const skill = Alexa.SkillBuilders.custom()
  .addRequestHandlers(DisabledHandler)
  .withPersistenceAdapter(new ddbAdapter.DynamoDbPersistenceAdapter({ tableName: 'x' }))
  .create()
exports.handler = (event, context) => skill.invoke(event, context)
`,
    },
      errors: [{ messageId: 'notSubscribed', file: 'skill.json', line: 2, column: 3, endLine: 2, endColumn: 13, related: ['lambda/index.js:4:7', 'lambda/index.js:16:15'] }],
      fixes: [{ fixId: 'add-data-deletion', output: {
          'skill.json': `{
  "manifest": {
    "apis": { "custom": {} },
    "events": {
      "endpoint": {
        "uri": "arn:aws:lambda:REGION:ACCOUNT_ID:function:FUNCTION_NAME"
      },
      "subscriptions": [
        {
          "eventName": "SKILL_DISABLED"
        }
      ]
    }
  }
}
`,
        } }],
    },
    {
      name: 'subscribed, standard builder with a table in a variable, no handler: the fix adds and registers one, 4-space indent',
      files: {
      'skill.json': `{
  "manifest": {
    "apis": {
      "custom": {
        "endpoint": { "uri": "arn:aws:lambda:us-east-1:123456789012:function:notes" }
      }
    },
    "events": {
      "endpoint": { "uri": "arn:aws:lambda:us-east-1:123456789012:function:notes" },
      "subscriptions": [{ "eventName": "SKILL_DISABLED" }]
    }
  }
}
`,
      'lambda/index.js': `const Alexa = require('ask-sdk-core');

const skillBuilder = Alexa.SkillBuilders.standard();

const CountHandler = {
    canHandle(handlerInput) {
        return handlerInput.requestEnvelope.request.type === 'LaunchRequest';
    },
    async handle(handlerInput) {
        const attributes = await handlerInput.attributesManager.getPersistentAttributes();
        handlerInput.attributesManager.setPersistentAttributes({ count: (attributes.count || 0) + 1 });
        await handlerInput.attributesManager.savePersistentAttributes();
        return handlerInput.responseBuilder.getResponse();
    },
};

exports.handler = skillBuilder.addRequestHandlers(CountHandler).withTableName('counts').lambda();
`,
    },
      errors: [{ messageId: 'noHandler', file: 'lambda/index.js', line: 11, column: 9, endLine: 11, endColumn: 103 }],
      fixes: [{ fixId: 'add-data-deletion', output: {
          'lambda/index.js': `const Alexa = require('ask-sdk-core');

const skillBuilder = Alexa.SkillBuilders.standard();

const CountHandler = {
    canHandle(handlerInput) {
        return handlerInput.requestEnvelope.request.type === 'LaunchRequest';
    },
    async handle(handlerInput) {
        const attributes = await handlerInput.attributesManager.getPersistentAttributes();
        handlerInput.attributesManager.setPersistentAttributes({ count: (attributes.count || 0) + 1 });
        await handlerInput.attributesManager.savePersistentAttributes();
        return handlerInput.responseBuilder.getResponse();
    },
};

const SkillDisabledEventHandler = {
    canHandle(handlerInput) {
        return handlerInput.requestEnvelope.request.type === 'AlexaSkillEvent.SkillDisabled';
    },
    async handle(handlerInput) {
        // The customer disabled the skill: delete what it stored about them.
        await handlerInput.attributesManager.deletePersistentAttributes();
        return handlerInput.responseBuilder.getResponse();
    },
};

exports.handler = skillBuilder.addRequestHandlers(CountHandler, SkillDisabledEventHandler).withTableName('counts').lambda();
`,
        } }],
    },
    {
      name: 'a registered SkillDisabled handler that deletes nothing: no fix (a second handler would never run)',
      files: {
      'skill.json': `{
  "manifest": {
    "apis": {
      "custom": {
        "endpoint": { "uri": "arn:aws:lambda:us-east-1:123456789012:function:notes" }
      }
    },
    "events": {
      "endpoint": { "uri": "arn:aws:lambda:us-east-1:123456789012:function:notes" },
      "subscriptions": [{ "eventName": "SKILL_DISABLED" }]
    }
  }
}
`,
      'lambda/index.js': `const Alexa = require('ask-sdk-core');

const DisabledHandler = {
  canHandle(handlerInput) {
    return handlerInput.requestEnvelope.request.type === 'AlexaSkillEvent.SkillDisabled';
  },
  handle(handlerInput) {
    console.log('disabled');
    return handlerInput.responseBuilder.getResponse();
  },
};

const SaveHandler = {
  canHandle(handlerInput) {
    return handlerInput.requestEnvelope.request.type === 'IntentRequest';
  },
  async handle(handlerInput) {
    handlerInput.attributesManager.setPersistentAttributes({ seen: true });
    await handlerInput.attributesManager.savePersistentAttributes();
    return handlerInput.responseBuilder.getResponse();
  },
};

exports.handler = Alexa.SkillBuilders.custom().addRequestHandlers(DisabledHandler, SaveHandler).lambda();
`,
    },
      errors: [{ messageId: 'noDelete', file: 'lambda/index.js', line: 18, column: 5, endLine: 18, endColumn: 75, related: ['lambda/index.js:3:7', 'lambda/index.js:19:11'] }],
    },
    {
      name: 'DynamoDB writes only (aws-sdk v2 DocumentClient): no fix, the message says what to delete',
      files: {
      'skill.json': `{
  "manifest": {
    "apis": {
      "custom": {
        "endpoint": { "uri": "arn:aws:lambda:us-east-1:123456789012:function:notes" }
      }
    }
  }
}
`,
      'lambda/index.js': `const Alexa = require('ask-sdk-core');
const AWS = require('aws-sdk');
const docClient = new AWS.DynamoDB.DocumentClient();

const OrderHandler = {
  canHandle(handlerInput) {
    return Alexa.getIntentName(handlerInput.requestEnvelope) === 'OrderIntent';
  },
  async handle(handlerInput) {
    const userId = Alexa.getUserId(handlerInput.requestEnvelope);
    await docClient.put({ TableName: 'orders', Item: { userId, item: 'tea' } }).promise();
    return handlerInput.responseBuilder.getResponse();
  },
};

exports.handler = Alexa.SkillBuilders.custom().addRequestHandlers(OrderHandler).lambda();
`,
    },
      errors: [{ messageId: 'missing', file: 'lambda/index.js', line: 11, column: 11, endLine: 11, endColumn: 80, messageIncludes: 'delete the records keyed by the user id' }],
    },
    {
      name: 'alexa-sdk v1 this.attributes with dynamoDBTableName: no fix, the message explains',
      files: {
      'skill.json': `{
  "manifest": {
    "apis": {
      "custom": {
        "endpoint": { "uri": "arn:aws:lambda:us-east-1:123456789012:function:notes" }
      }
    }
  }
}
`,
      'lambda/custom/index.js': `'use strict';
const Alexa = require('alexa-sdk');

const handlers = {
  'LaunchRequest': function () {
    this.attributes.visits = (this.attributes.visits || 0) + 1;
    this.emit(':tell', 'Hello again.');
  },
};

exports.handler = function (event, context) {
  const alexa = Alexa.handler(event, context);
  alexa.dynamoDBTableName = 'Visits';
  alexa.registerHandlers(handlers);
  alexa.execute();
};
`,
    },
      errors: [{ messageId: 'missing', file: 'lambda/custom/index.js', line: 6, column: 5, endLine: 6, endColumn: 63, messageIncludes: 'alexa-sdk v1 has no call that deletes' }],
    },
    {
      name: 'no semicolons, functions declared beside the handler object, a catch-all handler: the new handler goes before the catch-all',
      files: {
      'skill.json': `{
  "manifest": {
    "apis": {
      "custom": {
        "endpoint": { "uri": "arn:aws:lambda:us-east-1:123456789012:function:notes" }
      }
    },
    "events": {
      "endpoint": { "uri": "arn:aws:lambda:us-east-1:123456789012:function:notes" },
      "subscriptions": [{ "eventName": "SKILL_DISABLED" }]
    }
  }
}
`,
      'lambda/index.js': `const Alexa = require('ask-sdk-core')

function isLaunch(handlerInput) {
  return Alexa.getRequestType(handlerInput.requestEnvelope) === 'LaunchRequest'
}

async function remember(handlerInput) {
  handlerInput.attributesManager.setPersistentAttributes({ launched: true })
  await handlerInput.attributesManager.savePersistentAttributes()
  return handlerInput.responseBuilder.getResponse()
}

const LaunchHandler = { canHandle: isLaunch, handle: remember }

const UnhandledHandler = {
  canHandle: () => true,
  handle: (handlerInput) => handlerInput.responseBuilder.speak('Sorry?').getResponse(),
}

exports.handler = Alexa.SkillBuilders.custom()
  .addRequestHandlers(
    LaunchHandler,
    UnhandledHandler
  )
  .withTableName('launches')
  .lambda()
`,
    },
      errors: [{ messageId: 'noHandler', file: 'lambda/index.js', line: 8, column: 3, endLine: 8, endColumn: 77 }],
      fixes: [{ fixId: 'add-data-deletion', output: {
          'lambda/index.js': `const Alexa = require('ask-sdk-core')

function isLaunch(handlerInput) {
  return Alexa.getRequestType(handlerInput.requestEnvelope) === 'LaunchRequest'
}

async function remember(handlerInput) {
  handlerInput.attributesManager.setPersistentAttributes({ launched: true })
  await handlerInput.attributesManager.savePersistentAttributes()
  return handlerInput.responseBuilder.getResponse()
}

const LaunchHandler = { canHandle: isLaunch, handle: remember }

const UnhandledHandler = {
  canHandle: () => true,
  handle: (handlerInput) => handlerInput.responseBuilder.speak('Sorry?').getResponse(),
}

const SkillDisabledEventHandler = {
  canHandle(handlerInput) {
    return handlerInput.requestEnvelope.request.type === 'AlexaSkillEvent.SkillDisabled'
  },
  async handle(handlerInput) {
    // The customer disabled the skill: delete what it stored about them.
    await handlerInput.attributesManager.deletePersistentAttributes()
    return handlerInput.responseBuilder.getResponse()
  },
}

exports.handler = Alexa.SkillBuilders.custom()
  .addRequestHandlers(
    LaunchHandler,
    SkillDisabledEventHandler,
    UnhandledHandler
  )
  .withTableName('launches')
  .lambda()
`,
        } }],
    },
    {
      name: 'a store class without a delete: the finding is on its write, in the other module',
      files: {
      'skill.json': `{
  "manifest": {
    "apis": { "custom": {} },
    "events": {
      "endpoint": { "uri": "arn:aws:lambda:us-east-1:123456789012:function:notes" },
      "subscriptions": [{ "eventName": "SKILL_DISABLED" }]
    }
  }
}
`,
      'lambda/store.js': `const AWS = require('aws-sdk');

class UserStore {
  constructor() {
    this.db = new AWS.DynamoDB.DocumentClient();
  }

  save(userId, colour) {
    return this.db.put({ TableName: 'colours', Item: { userId, colour } }).promise();
  }
}

module.exports = new UserStore();
`,
      'lambda/index.js': `const Alexa = require('ask-sdk-core');
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
    console.log('bye');
    return input.responseBuilder.getResponse();
  },
};

exports.handler = Alexa.SkillBuilders.custom().addRequestHandlers(ColourHandler, DisabledHandler).lambda();
`,
    },
      errors: [{ messageId: 'noDelete', file: 'lambda/store.js', line: 9, column: 12, endLine: 9, endColumn: 75, related: ['lambda/index.js:12:7'] }],
    },
  ],
});
