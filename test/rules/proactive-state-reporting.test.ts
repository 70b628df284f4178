import rule from '../../server/src/engine/rules/proactive-state-reporting';
import { RuleTester } from '../helpers/rule-tester';

const smartHome = (extra = ''): string => `{
  "manifest": {
    "apis": {
      "smartHome": {
        "endpoint": { "uri": "arn:aws:lambda:us-east-1:123456789012:function:lights" },
        "protocolVersion": "3"
      }
    }${extra}
  }
}
`;

const discovery = (reported: string): string => `exports.handler = async function (request) {
  if (request.directive.header.name === 'Discover') {
    return {
      event: {
        header: { namespace: 'Alexa.Discovery', name: 'Discover.Response', payloadVersion: '3', messageId: '1' },
        payload: {
          endpoints: [{
            endpointId: 'lamp-1',
            capabilities: [
              { type: 'AlexaInterface', interface: 'Alexa.PowerController', version: '3',
                properties: { supported: [{ name: 'powerState' }], proactivelyReported: ${reported}, retrievable: true } },
              { type: 'AlexaInterface', interface: 'Alexa.BrightnessController', version: '3',
                properties: { supported: [{ name: 'brightness' }], proactivelyReported: ${reported}, retrievable: true } },
            ],
          }],
        },
      },
    };
  }
};
`;

RuleTester.run(rule, {
  valid: [
    {
      name: 'capabilities that are only retrievable, and a custom skill that mentions ChangeReport in speech',
      files: {
        'skill.json': smartHome(),
        'lambda/index.js': discovery('false') + "const say = 'A ChangeReport is what the lamp would send.';\nconst o = { title: 'ChangeReport' };\n",
      },
    },
    {
      name: 'the async-event permission in a skill without a smart-home API',
      files: {
        'skill.json': '{\n  "manifest": {\n    "apis": { "custom": {} },\n    "permissions": [{ "name": "alexa::async_event:write" }]\n  }\n}\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a discovery response with proactively reported capabilities: one finding per file, the others related',
      files: { 'skill.json': smartHome(), 'lambda/index.js': discovery('true') },
      errors: [
        {
          messageId: 'capability',
          file: 'lambda/index.js',
          line: 11,
          column: 68,
          endLine: 11,
          endColumn: 93,
          data: { count: 2 },
          messageIncludes: '(and 1 more in this file)',
          related: ['lambda/index.js:13:68'],
        },
      ],
    },
    {
      name: 'a ChangeReport sent to the event gateway (TypeScript, header built by assignment)',
      files: {
        'skill.json': smartHome(),
        'lambda/src/report.ts': `import axios from 'axios';

export async function reportPower(token: string, endpointId: string, on: boolean): Promise<void> {
  const header: Record<string, string> = { namespace: 'Alexa', payloadVersion: '3', messageId: endpointId };
  header.name = 'ChangeReport';
  await axios.post('https://api.amazonalexa.com/v3/events', { event: { header, endpoint: { endpointId }, payload: { change: { properties: [{ name: 'powerState', value: on ? 'ON' : 'OFF' }] } } } }, { headers: { Authorization: \`Bearer \${token}\` } });
}
`,
      },
      errors: [{ messageId: 'changeReport', file: 'lambda/src/report.ts', line: 5, column: 17, endLine: 5, endColumn: 31 }],
    },
    {
      name: 'the manifest declares the async-event permission and subscribes to proactive subscription changes',
      files: {
        'skill.json': smartHome(`,
    "permissions": [{ "name": "alexa::async_event:write" }],
    "events": {
      "endpoint": { "uri": "arn:aws:lambda:us-east-1:123456789012:function:lights" },
      "subscriptions": [{ "eventName": "SKILL_PROACTIVE_SUBSCRIPTION_CHANGED" }]
    }`),
      },
      errors: [
        {
          messageId: 'manifest',
          file: 'skill.json',
          line: 9,
          column: 31,
          endLine: 9,
          endColumn: 57,
          messageIncludes: 'declares the `alexa::async_event:write` permission',
          related: ['skill.json:12:40'],
        },
      ],
    },
  ],
});
