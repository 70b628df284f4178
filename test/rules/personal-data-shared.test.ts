import rule from '../../server/src/engine/rules/personal-data-shared';
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
    return handlerInput.responseBuilder.speak('Done.').getResponse();
  },
};

exports.handler = Alexa.SkillBuilders.custom().addRequestHandlers(Handler).lambda();
`;

const tsIndex = `import * as Alexa from 'ask-sdk-core';
import { addLead } from './crm';

export const PhoneHandler: Alexa.RequestHandler = {
  canHandle: (input) => Alexa.getIntentName(input.requestEnvelope) === 'PhoneIntent',
  async handle(input) {
    const phone = Alexa.getSlotValue(input.requestEnvelope, 'phone');
    await addLead({ phone, source: 'alexa' });
    return input.responseBuilder.speak('We will call you.').getResponse();
  },
};
`;
const tsCrm = `import axios from 'axios';

const crm = axios.create({ baseURL: 'https://api.example-crm.com/v2' });

export async function addLead(lead: { phone: string; source: string }): Promise<void> {
  await crm.post('/leads', lead);
}
`;

RuleTester.run(rule, {
  valid: [
    {
      name: "the Customer Profile REST API on the request's apiEndpoint is Amazon's, not a third party",
      files: codeSkill({
        'index.js': v2(`    const { apiEndpoint, apiAccessToken } = handlerInput.requestEnvelope.context.System;
    const res = await fetch(\`\${apiEndpoint}/v2/accounts/~current/settings/Profile.email\`, { headers: { Authorization: \`Bearer \${apiAccessToken}\` } });
    const userId = Alexa.getUserId(handlerInput.requestEnvelope);
    await fetch('https://api.amazonalexa.com/v1/alerts/reminders', { method: 'POST', body: JSON.stringify({ userId }) });`),
      }),
    },
    {
      name: 'a third party gets only a pizza topping and constants',
      files: codeSkill({
        'index.js': v2(
          `    const topping = Alexa.getSlotValue(handlerInput.requestEnvelope, 'topping');
    await axios.post('https://orders.example-pizza.com/api', { topping, count: 1 });
    analytics.track({ event: 'Order', properties: { topping } });`,
          "const axios = require('axios');\nconst Analytics = require('analytics-node');\nconst analytics = new Analytics('write-key');",
        ),
      }),
    },
    {
      name: 'what the Reminders API answers is not the data sent to it',
      files: codeSkill({
        'index.js': v2(
          `    const note = Alexa.getSlotValue(handlerInput.requestEnvelope, 'note');
    const client = handlerInput.serviceClientFactory.getReminderManagementServiceClient();
    const created = await client.createReminder({ alertInfo: { spokenInfo: { content: [{ locale: 'en-US', text: note }] } } });
    await axios.post('https://metrics.example.com/reminders', { token: created.alertToken });`,
          "const axios = require('axios');",
        ),
      }),
    },
  ],
  invalid: [
    {
      name: 'TypeScript: a slot passed to a CRM helper in another module (axios instance with a baseURL)',
      files: codeSkill({ 'index.ts': tsIndex, 'crm.ts': tsCrm }),
      errors: [
        {
          messageId: 'http',
          file: 'lambda/crm.ts',
          line: 6,
          column: 28,
          endLine: 6,
          endColumn: 32,
          messageIncludes: 'Slot `phone` (AMAZON.PhoneNumber) is sent to `api.example-crm.com` by `crm.post` (via `addLead()`, in lambda/crm.ts)',
          related: ['lambda/index.ts:7:19', 'lambda/index.ts:8:11', 'lambda/crm.ts:6:9'],
        },
      ],
    },
    {
      name: 'the user id to Segment, the e-mail in a query string, the phone by e-mail',
      files: codeSkill({
        'index.js': v2(
          `    const userId = Alexa.getUserId(handlerInput.requestEnvelope);
    analytics.track({ userId, event: 'Launch' });
    const email = await handlerInput.serviceClientFactory.getUpsServiceClient().getProfileEmail();
    await fetch(\`https://newsletter.example.org/subscribe?email=\${encodeURIComponent(email)}\`);
    const phone = Alexa.getSlotValue(handlerInput.requestEnvelope, 'phone');
    await mailer.sendMail({ to: 'shop@example.com', text: 'Call ' + phone });`,
          "const Analytics = require('analytics-node');\nconst nodemailer = require('nodemailer');\nconst analytics = new Analytics('write-key');\nconst mailer = nodemailer.createTransport({});",
        ),
      }),
      errors: [
        { messageId: 'analytics', file: 'lambda/index.js', line: 12, column: 23, endLine: 12, endColumn: 29, messageIncludes: 'The user id (`getUserId`) is sent to Segment by `analytics.track`' },
        { messageId: 'http', file: 'lambda/index.js', line: 14, column: 67, endLine: 14, endColumn: 92, messageIncludes: 'is sent to `newsletter.example.org` by `fetch`' },
        { messageId: 'messaging', file: 'lambda/index.js', line: 16, column: 69, endLine: 16, endColumn: 74, messageIncludes: 'is sent to nodemailer by `mailer.sendMail`' },
      ],
    },
    {
      name: 'node https: the request body written to a webhook host',
      files: codeSkill({
        'index.js': v2(
          `    const phone = Alexa.getSlotValue(handlerInput.requestEnvelope, 'phone');
    const req = https.request({ hostname: 'hooks.example.net', path: '/alexa', method: 'POST' });
    req.write(JSON.stringify({ phone }));
    req.end();`,
          "const https = require('https');",
        ),
      }),
      errors: [{ messageId: 'http', file: 'lambda/index.js', line: 10, column: 15, endLine: 10, endColumn: 40, messageIncludes: '`req.write`' }],
    },
  ],
});
