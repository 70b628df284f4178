import rule from '../../server/src/engine/rules/personal-data-persisted';
import { codeSkill } from '../helpers/code-skill';
import { RuleTester } from '../helpers/rule-tester';

const v2 = (body: string, head = ''): string => `const Alexa = require('ask-sdk-core');
${head}
const Handler = {
  canHandle(handlerInput) {
    return Alexa.getRequestType(handlerInput.requestEnvelope) === 'IntentRequest';
  },
  async handle(handlerInput) {
${body}
    return handlerInput.responseBuilder.speak('Saved.').getResponse();
  },
};

exports.handler = Alexa.SkillBuilders.custom().addRequestHandlers(Handler).lambda();
`;

const EXPIRY = 'Math.floor(Date.now() / 1000) + 30 * 24 * 60 * 60';

const attributes = v2(`    const phone = Alexa.getSlotValue(handlerInput.requestEnvelope, 'phone');
    const attributes = await handlerInput.attributesManager.getPersistentAttributes();
    attributes.phone = phone;
    handlerInput.attributesManager.setPersistentAttributes(attributes);
    await handlerInput.attributesManager.savePersistentAttributes();`);
const attributesFixed = attributes.replace(
  '    handlerInput.attributesManager.setPersistentAttributes(attributes);',
  `    attributes.expiresAt = ${EXPIRY};\n    handlerInput.attributesManager.setPersistentAttributes(attributes);`,
);

const ddbHead = "const AWS = require('aws-sdk');\nconst docClient = new AWS.DynamoDB.DocumentClient();";
const ddb = v2(
  `    const email = await handlerInput.serviceClientFactory.getUpsServiceClient().getProfileEmail();
    await docClient.put({
      TableName: 'customers',
      Item: {
        id: Alexa.getUserId(handlerInput.requestEnvelope),
        email,
      },
    }).promise();`,
  ddbHead,
);
const ddbFixed = ddb.replace('        email,\n', `        email,\n        expiresAt: ${EXPIRY},\n`);

const v1 = `const Alexa = require('alexa-sdk');

const handlers = {
  NoteIntent() {
    this.attributes.lastNote = this.event.request.intent.slots.note.value;
    this.emit(':tell', 'Noted.');
  },
};

exports.handler = function (event, context) {
  const alexa = Alexa.handler(event, context);
  alexa.dynamoDBTableName = 'notes';
  alexa.registerHandlers(handlers);
  alexa.execute();
};
`;
const v1Fixed = v1.replace('    this.attributes.lastNote =', `    this.attributes.expiresAt = ${EXPIRY};\n    this.attributes.lastNote =`);

const v3 = `import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { HandlerInput, getSlotValue, getUserId } from 'ask-sdk-core';

const client = new DynamoDBClient({});

export async function saveNote(input: HandlerInput): Promise<void> {
  const note = getSlotValue(input.requestEnvelope, 'note');
  await client.send(new PutItemCommand({ TableName: 'notes', Item: { id: { S: getUserId(input.requestEnvelope) }, note: { S: note } } }));
}
`;
const v3Fixed = v3.replace('note: { S: note } }', `note: { S: note }, expiresAt: { N: String(${EXPIRY}) } }`);

RuleTester.run(rule, {
  valid: [
    {
      name: 'the stored item carries a ttl attribute',
      files: codeSkill({
        'index.js': v2(
          `    const phone = Alexa.getSlotValue(handlerInput.requestEnvelope, 'phone');
    await docClient.put({ TableName: 'callbacks', Item: { phone, ttl: Math.floor(Date.now() / 1000) + 86400 } }).promise();`,
          ddbHead,
        ),
      }),
    },
    {
      name: 'an update that sets an expiry in its expression',
      files: codeSkill({
        'index.js': v2(
          `    const phone = Alexa.getSlotValue(handlerInput.requestEnvelope, 'phone');
    await docClient.update({ TableName: 'callbacks', Key: { id: 'x' }, UpdateExpression: 'SET phone = :p, expiresAt = :e', ExpressionAttributeValues: { ':p': phone, ':e': 1 } }).promise();`,
          ddbHead,
        ),
      }),
    },
    {
      name: 'session attributes are not storage',
      files: codeSkill({
        'index.js': v2(`    const phone = Alexa.getSlotValue(handlerInput.requestEnvelope, 'phone');
    const session = handlerInput.attributesManager.getSessionAttributes();
    session.phone = phone;
    handlerInput.attributesManager.setSessionAttributes(session);`),
      }),
    },
    {
      name: 'only a pizza topping and the user id (the key) are stored',
      files: codeSkill({
        'index.js': v2(
          `    const topping = Alexa.getSlotValue(handlerInput.requestEnvelope, 'topping');
    await docClient.put({ TableName: 'orders', Item: { id: Alexa.getUserId(handlerInput.requestEnvelope), topping } }).promise();
    handlerInput.attributesManager.setPersistentAttributes({ topping, count: 1 });`,
          ddbHead,
        ),
      }),
    },
    {
      name: 'alexa-sdk v1 attributes without a DynamoDB table stay in the session',
      files: codeSkill({ 'index.js': v1.replace("  alexa.dynamoDBTableName = 'notes';\n", '') }),
    },
    {
      name: 'alexa-sdk v1 attributes with an expiry set somewhere in the skill',
      files: codeSkill({ 'index.js': v1.replace('    this.emit(\':tell\', \'Noted.\');', "    this.attributes['expiresAt'] = Date.now() + 1000;\n    this.emit(':tell', 'Noted.');") }),
    },
  ],
  invalid: [
    {
      name: 'one handler puts the phone in the session, a response interceptor persists the session (analysed first or not)',
      files: codeSkill({ 'index.js': "const Alexa = require('ask-sdk-core');\n\nconst PhoneHandler = {\n  handle(handlerInput) {\n    const attributes = handlerInput.attributesManager.getSessionAttributes();\n    attributes.phone = Alexa.getSlotValue(handlerInput.requestEnvelope, 'phone');\n    return handlerInput.responseBuilder.speak('Thanks.').getResponse();\n  },\n};\n\nconst SaveAttributesInterceptor = {\n  async process(handlerInput) {\n    const { attributesManager } = handlerInput;\n    const session = attributesManager.getSessionAttributes();\n    attributesManager.setPersistentAttributes(session);\n    await attributesManager.savePersistentAttributes();\n  },\n};\n" }),
      errors: [{ messageId: 'attributes', file: 'lambda/index.js', line: 15, column: 47, endLine: 15, endColumn: 54, related: ['lambda/index.js:6:24', 'lambda/index.js:15:5'] }],
      fixes: [{ fixId: 'add-expiry', output: { 'lambda/index.js': "const Alexa = require('ask-sdk-core');\n\nconst PhoneHandler = {\n  handle(handlerInput) {\n    const attributes = handlerInput.attributesManager.getSessionAttributes();\n    attributes.phone = Alexa.getSlotValue(handlerInput.requestEnvelope, 'phone');\n    return handlerInput.responseBuilder.speak('Thanks.').getResponse();\n  },\n};\n\nconst SaveAttributesInterceptor = {\n  async process(handlerInput) {\n    const { attributesManager } = handlerInput;\n    const session = attributesManager.getSessionAttributes();\n    session.expiresAt = Math.floor(Date.now() / 1000) + 30 * 24 * 60 * 60;\n    attributesManager.setPersistentAttributes(session);\n    await attributesManager.savePersistentAttributes();\n  },\n};\n" } }],
    },
    {
      name: 'ask-sdk persistent attributes: the expiry is set on the variable before it is stored',
      files: codeSkill({ 'index.js': attributes }),
      errors: [
        {
          messageId: 'attributes',
          file: 'lambda/index.js',
          line: 11,
          column: 60,
          endLine: 11,
          endColumn: 70,
          messageIncludes: 'Slot `phone` (AMAZON.PhoneNumber) is stored by `attributesManager.setPersistentAttributes` (persistent attributes) with no expiry',
          related: ['lambda/index.js:8:19', 'lambda/index.js:11:5'],
        },
      ],
      fixes: [{ fixId: 'add-expiry', output: { 'lambda/index.js': attributesFixed } }],
    },
    {
      name: 'DynamoDB DocumentClient put of the profile e-mail: the expiry goes into the Item literal, the message names the table',
      files: codeSkill({ 'index.js': ddb }),
      errors: [
        {
          messageId: 'dynamodb',
          file: 'lambda/index.js',
          line: 14,
          column: 9,
          endLine: 14,
          endColumn: 14,
          messageIncludes: 'turn on DynamoDB Time to Live for `expiresAt` on table `customers`',
        },
      ],
      fixes: [{ fixId: 'add-expiry', output: { 'lambda/index.js': ddbFixed } }],
    },
    {
      name: 'alexa-sdk v1: this.attributes with dynamoDBTableName keeps raw speech',
      files: codeSkill({ 'index.js': v1 }),
      errors: [{ messageId: 'attributes', file: 'lambda/index.js', line: 5, column: 32, endLine: 5, endColumn: 74, messageIncludes: 'Slot `note` (AMAZON.SearchQuery)' }],
      fixes: [{ fixId: 'add-expiry', output: { 'lambda/index.js': v1Fixed } }],
    },
    {
      name: 'TypeScript, aws-sdk v3 PutItemCommand with AttributeValue maps',
      files: codeSkill({ 'notes.ts': v3 }),
      errors: [{ messageId: 'dynamodb', file: 'lambda/notes.ts', line: 8, column: 126, endLine: 8, endColumn: 130 }],
      fixes: [{ fixId: 'add-expiry', output: { 'lambda/notes.ts': v3Fixed } }],
    },
  ],
});
