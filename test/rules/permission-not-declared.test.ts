import rule from '../../server/src/engine/rules/permission-not-declared';
import { RuleTester } from '../helpers/rule-tester';
import { HEADER, manifest, v2Handler } from './permission-helpers';

/** An entry appended after a one-line entry of a multi-line list, as `addPermission` lays it out. */
function appended(after: string, added: string): string {
  return `{ "name": "${after}" },\n      {\n        "name": "${added}"\n      }`;
}

const emailBody = `    const email = await handlerInput.serviceClientFactory.getUpsServiceClient().getProfileEmail();
    return handlerInput.responseBuilder.speak(email).getResponse();`;

RuleTester.run(rule, {
  valid: [
    {
      name: 'the e-mail permission is declared for getProfileEmail()',
      files: { 'skill.json': manifest(['alexa::profile:email:read']), 'lambda/index.js': HEADER + v2Handler('EmailIntent', emailBody) },
    },
    {
      name: 'the full address permission also gives the country and postal code',
      files: {
        'skill.json': manifest(['alexa::devices:all:address:full:read']),
        'lambda/index.js':
          HEADER +
          v2Handler(
            'ZipIntent',
            `    const client = handlerInput.serviceClientFactory.getDeviceAddressServiceClient();
    const { postalCode } = await client.getCountryAndPostalCode(Alexa.getDeviceId(handlerInput.requestEnvelope));
    return handlerInput.responseBuilder.speak(postalCode).getResponse();`,
          ),
      },
    },
    {
      name: 'APIs that need no permission, and look-alike methods on other objects',
      files: {
        'skill.json': manifest(),
        'lambda/index.js':
          HEADER +
          v2Handler(
            'TimeIntent',
            `    const ups = handlerInput.serviceClientFactory.getUpsServiceClient();
    const zone = await ups.getSystemTimeZone(Alexa.getDeviceId(handlerInput.requestEnvelope));
    await calendar.createReminder({ at: zone });
    await shoppingCart.createListItem('milk');
    const url = 'https://example.com/v1/alerts/remindersList';
    return handlerInput.responseBuilder.speak(zone + url).getResponse();`,
          ),
      },
    },
  ],
  invalid: [
    {
      name: 'getProfileEmail() without permissions in skill.json; the fix creates the array',
      files: { 'skill.json': manifest(), 'lambda/index.js': HEADER + v2Handler('EmailIntent', emailBody) },
      errors: [
        {
          messageId: 'notDeclared',
          file: 'lambda/index.js',
          line: 8,
          column: 25,
          endLine: 8,
          endColumn: 98,
          data: { permission: 'alexa::profile:email:read', api: '`getProfileEmail()`', what: "the customer's e-mail address" },
          messageIncludes: 'needs the `alexa::profile:email:read` permission',
          related: ['skill.json:2:3'],
        },
      ],
      fixes: [
        {
          fixId: 'add-permission',
          output: {
            'skill.json': manifest().replace(
              '"apis": { "custom": {} }',
              `"apis": { "custom": {} },
    "permissions": [
      {
        "name": "alexa::profile:email:read"
      }
    ]`,
            ),
          },
        },
      ],
    },
    {
      name: 'Customer Profile REST call with axios and a template URL; appended to the existing permissions',
      files: {
        'skill.json': manifest(['alexa::profile:name:read']),
        'lambda/index.js':
          "const axios = require('axios');\n" +
          HEADER +
          v2Handler(
            'CallMeIntent',
            `    const { apiEndpoint, apiAccessToken } = handlerInput.requestEnvelope.context.System;
    const res = await axios.get(\`\${apiEndpoint}/v2/accounts/~current/settings/Profile.mobileNumber\`, { headers: { Authorization: 'Bearer ' + apiAccessToken } });
    return handlerInput.responseBuilder.speak(res.data.phoneNumber).getResponse();`,
          ),
      },
      errors: [
        {
          messageId: 'notDeclared',
          file: 'lambda/index.js',
          line: 10,
          column: 23,
          endLine: 10,
          endColumn: 161,
          data: { permission: 'alexa::profile:mobile_number:read', api: 'the Customer Profile REST API (`/v2/accounts/~current/settings/Profile.mobileNumber`)' },
          related: ['skill.json:7:5'],
        },
      ],
      fixes: [
        {
          fixId: 'add-permission',
          output: { 'skill.json': manifest(['alexa::profile:name:read']).replace('{ "name": "alexa::profile:name:read" }', appended('alexa::profile:name:read', 'alexa::profile:mobile_number:read')) },
        },
      ],
    },
    {
      name: 'Device Address REST URL built by concatenation into a variable: the finding is the fetch call',
      files: {
        'skill.json': manifest([]),
        'lambda/address.js': `async function deviceAddress(system) {
  const url = system.apiEndpoint + '/v1/devices/' + system.device.deviceId + '/settings/address';
  const res = await fetch(url, { headers: { Authorization: \`Bearer \${system.apiAccessToken}\` } });
  return res.json();
}
module.exports = { deviceAddress };
`,
      },
      errors: [{ messageId: 'notDeclared', file: 'lambda/address.js', line: 3, column: 21, endLine: 3, endColumn: 98, data: { permission: 'alexa::devices:all:address:full:read' } }],
      fixes: [
        {
          fixId: 'add-permission',
          output: {
            'skill.json': manifest([]).replace(
              '"permissions": []',
              `"permissions": [
      {
        "name": "alexa::devices:all:address:full:read"
      }
    ]`,
            ),
          },
        },
      ],
    },
    {
      name: 'alexa-sdk v1 reads context.Geolocation; an old skillManifest key',
      files: {
        'skill.json': manifest(['alexa::profile:given_name:read'], 'skillManifest'),
        'lambda/index.js': `const handlers = {
  'WhereAmIIntent': function () {
    const coords = this.event.context.Geolocation.coordinate;
    this.emit(':tell', 'You are at ' + coords.latitudeInDegrees);
  },
};
module.exports = handlers;
`,
      },
      errors: [{ messageId: 'notDeclared', file: 'lambda/index.js', line: 3, column: 20, endLine: 3, endColumn: 50, data: { permission: 'alexa::devices:all:geolocation:read', api: '`context.Geolocation`' } }],
      fixes: [
        {
          fixId: 'add-permission',
          output: {
            'skill.json': manifest(['alexa::profile:given_name:read'], 'skillManifest').replace(
              '{ "name": "alexa::profile:given_name:read" }',
              appended('alexa::profile:given_name:read', 'alexa::devices:all:geolocation:read'),
            ),
          },
        },
      ],
    },
    {
      name: 'TypeScript: list writes and reminders through service clients held in variables; person profile',
      files: {
        'skill.json': manifest(['alexa::household:lists:read']),
        'lambda/src/lists.ts': `import { HandlerInput } from 'ask-sdk-core';

export async function addToList(input: HandlerInput, listId: string, item: string): Promise<void> {
  const lists = input.serviceClientFactory!.getListManagementServiceClient();
  await lists.createListItem(listId, { value: item, status: 'active' });
  const meta = await lists.getListsMetadata();
  const reminders = input.serviceClientFactory!.getReminderManagementServiceClient();
  await reminders.createReminder({ requestTime: meta.lists![0].name! } as never);
  const first = await input.serviceClientFactory!.getUpsServiceClient().getPersonsProfileGivenName();
  console.log(first);
}
`,
      },
      errors: [
        { messageId: 'notDeclared', file: 'lambda/src/lists.ts', line: 5, column: 9, endLine: 5, endColumn: 72, data: { permission: 'alexa::household:lists:write' } },
        { messageId: 'notDeclared', file: 'lambda/src/lists.ts', line: 8, column: 9, endLine: 8, endColumn: 81, data: { permission: 'alexa::alerts:reminders:skill:readwrite' } },
        { messageId: 'notDeclared', file: 'lambda/src/lists.ts', line: 9, column: 23, endLine: 9, endColumn: 101, data: { permission: 'alexa::profile:given_name:read', what: "the recognised person's name" } },
      ],
      fixes: [
        {
          finding: 1,
          fixId: 'add-permission',
          output: {
            'skill.json': manifest(['alexa::household:lists:read']).replace(
              '{ "name": "alexa::household:lists:read" }',
              appended('alexa::household:lists:read', 'alexa::alerts:reminders:skill:readwrite'),
            ),
          },
        },
      ],
    },
    {
      name: 'geolocation destructured from the request context',
      files: {
        'skill.json': manifest([]),
        'lambda/index.js':
          HEADER +
          v2Handler(
            'NearMeIntent',
            `    const { Geolocation: geo } = handlerInput.requestEnvelope.context;
    return handlerInput.responseBuilder.speak(String(geo.coordinate.latitudeInDegrees)).getResponse();`,
          ),
      },
      errors: [{ messageId: 'notDeclared', file: 'lambda/index.js', line: 8, column: 11, endLine: 8, endColumn: 70, data: { permission: 'alexa::devices:all:geolocation:read' } }],
      fixes: [
        {
          fixId: 'add-permission',
          output: {
            'skill.json': manifest([]).replace(
              '"permissions": []',
              `"permissions": [
      {
        "name": "alexa::devices:all:geolocation:read"
      }
    ]`,
            ),
          },
        },
      ],
    },
  ],
});
