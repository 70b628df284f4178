import rule from '../../server/src/engine/rules/consent-not-checked';
import { RuleTester } from '../helpers/rule-tester';
import { HEADER, manifest, v2Handler } from './permission-helpers';

const ask = (spoken: string): string => `To do that, this skill needs permission to use ${spoken}. You can grant it on the card I sent to your Alexa app.`;

const nameCall = '    const name = await handlerInput.serviceClientFactory.getUpsServiceClient().getProfileName();';
const nameReturn = '    return handlerInput.responseBuilder.speak(`Hello ${name}`).getResponse();';

RuleTester.run(rule, {
  valid: [
    {
      name: 'the handler checks the consent token and asks with a consent card',
      files: {
        'skill.json': manifest(['alexa::profile:name:read']),
        'lambda/index.js':
          HEADER +
          v2Handler(
            'HelloIntent',
            `    if (!handlerInput.requestEnvelope.context.System.user.permissions) {
      return handlerInput.responseBuilder.speak('Please grant access.').withAskForPermissionsConsentCard(['alexa::profile:name:read']).getResponse();
    }
${nameCall}
${nameReturn}`,
          ),
      },
    },
    {
      name: 'a global error handler answers ServiceError with a consent card',
      files: {
        'skill.json': manifest(['alexa::profile:name:read']),
        'lambda/index.js':
          HEADER +
          v2Handler('HelloIntent', `${nameCall}\n${nameReturn}`) +
          `const PermissionErrorHandler = {
  canHandle(handlerInput, error) {
    return error.name === 'ServiceError' && error.statusCode === 403;
  },
  handle(handlerInput, error) {
    return handlerInput.responseBuilder.speak('I need your permission.').withAskForPermissionsConsentCard(['alexa::profile:name:read']).getResponse();
  },
};
`,
      },
    },
    {
      name: 'a helper in another module catches the 403; voice consent (AskFor, StartConnection) in other handlers',
      files: {
        'skill.json': manifest(['alexa::profile:email:read', 'alexa::alerts:reminders:skill:readwrite', 'alexa::profile:mobile_number:read']),
        'lambda/profile.js': `async function emailOrNull(handlerInput) {
  try {
    return await handlerInput.serviceClientFactory.getUpsServiceClient().getProfileEmail();
  } catch (e) {
    if (e.statusCode === 403) return null;
    throw e;
  }
}
module.exports = { emailOrNull };
`,
        'lambda/index.js':
          HEADER +
          "const { emailOrNull } = require('./profile');\n" +
          v2Handler('EmailIntent', '    const email = await emailOrNull(handlerInput);\n    return handlerInput.responseBuilder.speak(email || "no e-mail").getResponse();') +
          v2Handler(
            'RemindIntent',
            `    const client = handlerInput.serviceClientFactory.getReminderManagementServiceClient();
    if (!handlerInput.requestEnvelope.context.System.user.permissions) {
      return handlerInput.responseBuilder.addDirective({ type: 'Connections.SendRequest', name: 'AskFor', payload: { '@type': 'AskForPermissionsConsentRequest', '@version': '2', permissionScope: 'alexa::alerts:reminders:skill:readwrite' }, token: '' }).getResponse();
    }
    await client.createReminder({});
    return handlerInput.responseBuilder.speak('Done').getResponse();`,
          ) +
          v2Handler(
            'TextIntent',
            `    const number = await handlerInput.serviceClientFactory.getUpsServiceClient().getProfileMobileNumber().catch(() => undefined);
    if (!number) {
      return handlerInput.responseBuilder.addDirective({ type: 'Connections.StartConnection', uri: 'connection://AMAZON.AskForPermissionsConsent/2', input: { '@type': 'AskForPermissionsConsentRequest', '@version': '2', permissionScopes: [{ permissionScope: 'alexa::profile:mobile_number:read', consentLevel: 'ACCOUNT' }] } }).getResponse();
    }
    return handlerInput.responseBuilder.speak(number.phoneNumber).getResponse();`,
          ),
      },
    },
    {
      name: 'geolocation read after checking its scope status; alexa-sdk v1 checking the permissions object',
      files: {
        'skill.json': manifest(['alexa::devices:all:geolocation:read', 'alexa::devices:all:address:full:read']),
        'lambda/index.js':
          HEADER +
          v2Handler(
            'WhereIntent',
            `    const { permissions } = handlerInput.requestEnvelope.context.System.user;
    if (permissions.scopes['alexa::devices:all:geolocation:read'].status !== 'GRANTED') return handlerInput.responseBuilder.getResponse();
    const geo = handlerInput.requestEnvelope.context.Geolocation;
    return handlerInput.responseBuilder.speak(String(geo.coordinate.latitudeInDegrees)).getResponse();`,
          ),
        'lambda/v1.js': `var handlers = {
    'AddressIntent': function () {
        if (this.event.context.System.user.permissions && this.event.context.System.user.permissions.consentToken) {
            new Alexa.services.DeviceAddressService().getFullAddress(this.event.context.System.device.deviceId, '', '');
        }
    }
};
`,
      },
    },
  ],
  invalid: [
    {
      name: 'a v2 handler reads the name with nothing on its path; the fix inserts the check (double quotes, four spaces)',
      files: {
        'skill.json': manifest(['alexa::profile:name:read']),
        'lambda/index.js': `const Alexa = require("ask-sdk-core");

const HelloIntentHandler = {
    canHandle(handlerInput) {
        return Alexa.getIntentName(handlerInput.requestEnvelope) === "HelloIntent";
    },
    async handle(handlerInput) {
        const name = await handlerInput.serviceClientFactory.getUpsServiceClient().getProfileName();
        return handlerInput.responseBuilder.speak("Hello " + name).getResponse();
    },
};
`,
      },
      errors: [
        {
          messageId: 'unchecked',
          file: 'lambda/index.js',
          line: 8,
          column: 28,
          endLine: 8,
          endColumn: 100,
          data: { scope: 'alexa::profile:name:read', api: '`getProfileName()`', what: "the customer's name" },
          messageIncludes: "withAskForPermissionsConsentCard(['alexa::profile:name:read'])",
          related: [],
        },
      ],
      fixes: [
        {
          fixId: 'check-consent',
          output: {
            'lambda/index.js': `const Alexa = require("ask-sdk-core");

const HelloIntentHandler = {
    canHandle(handlerInput) {
        return Alexa.getIntentName(handlerInput.requestEnvelope) === "HelloIntent";
    },
    async handle(handlerInput) {
        if (!handlerInput.requestEnvelope.context.System.user.permissions?.consentToken) {
            return handlerInput.responseBuilder
                .speak("${ask('your name')}")
                .withAskForPermissionsConsentCard(["alexa::profile:name:read"])
                .getResponse();
        }
        const name = await handlerInput.serviceClientFactory.getUpsServiceClient().getProfileName();
        return handlerInput.responseBuilder.speak("Hello " + name).getResponse();
    },
};
`,
          },
        },
      ],
    },
    {
      name: 'an undeclared permission: one fix edits the handler and skill.json; destructured handler input, no semicolons',
      files: {
        'skill.json': manifest(),
        'lambda/index.js': `const Alexa = require('ask-sdk-core')

const ZipIntentHandler = {
  canHandle(handlerInput) {
    return Alexa.getIntentName(handlerInput.requestEnvelope) === 'ZipIntent'
  },
  async handle({ requestEnvelope: env, responseBuilder, serviceClientFactory }) {
    const zip = await serviceClientFactory.getDeviceAddressServiceClient().getCountryAndPostalCode(env.context.System.device.deviceId)
    return responseBuilder.speak(zip.postalCode).getResponse()
  },
}
`,
      },
      errors: [{ messageId: 'unchecked', file: 'lambda/index.js', line: 8, column: 23, endLine: 8, endColumn: 135, data: { scope: 'read::alexa:device:all:address:country_and_postal_code', permission: 'alexa:devices:all:address:country_and_postal_code:read' } }],
      fixes: [
        {
          fixId: 'check-consent',
          output: {
            'lambda/index.js': `const Alexa = require('ask-sdk-core')

const ZipIntentHandler = {
  canHandle(handlerInput) {
    return Alexa.getIntentName(handlerInput.requestEnvelope) === 'ZipIntent'
  },
  async handle({ requestEnvelope: env, responseBuilder, serviceClientFactory }) {
    if (!env.context.System.user.permissions?.consentToken) {
      return responseBuilder
        .speak('${ask('the postal code of this device')}')
        .withAskForPermissionsConsentCard(['read::alexa:device:all:address:country_and_postal_code'])
        .getResponse()
    }
    const zip = await serviceClientFactory.getDeviceAddressServiceClient().getCountryAndPostalCode(env.context.System.device.deviceId)
    return responseBuilder.speak(zip.postalCode).getResponse()
  },
}
`,
            'skill.json': manifest().replace(
              '"apis": { "custom": {} }',
              `"apis": { "custom": {} },
    "permissions": [
      {
        "name": "alexa:devices:all:address:country_and_postal_code:read"
      }
    ]`,
            ),
          },
        },
      ],
    },
    {
      name: 'a helper module reached from two handlers: only the one without a check gets the fix, before its call of the helper',
      files: {
        'skill.json': manifest(['alexa::profile:email:read']),
        'lambda/mail.js': `exports.customerEmail = function (handlerInput) {
  return handlerInput.serviceClientFactory.getUpsServiceClient().getProfileEmail();
};
`,
        'lambda/index.js':
          HEADER +
          "const mail = require('./mail');\n\n" +
          v2Handler(
            'SendIntent',
            `    const token = handlerInput.requestEnvelope.context.System.user.permissions && handlerInput.requestEnvelope.context.System.user.permissions.consentToken;
    if (!token) return handlerInput.responseBuilder.withAskForPermissionsConsentCard(['alexa::profile:email:read']).getResponse();
    const to = await mail.customerEmail(handlerInput);
    return handlerInput.responseBuilder.speak(to).getResponse();`,
          ) +
          v2Handler(
            'ResendIntent',
            `    await sendAgain(await mail.customerEmail(handlerInput));
    return handlerInput.responseBuilder.speak('Sent again').getResponse();`,
          ),
      },
      errors: [{ messageId: 'unchecked', file: 'lambda/mail.js', line: 2, column: 10, endLine: 2, endColumn: 83, related: ['lambda/index.js:21:27'] }],
      fixes: [
        {
          fixId: 'check-consent',
          output: {
            'lambda/index.js':
              HEADER +
              "const mail = require('./mail');\n\n" +
              v2Handler(
                'SendIntent',
                `    const token = handlerInput.requestEnvelope.context.System.user.permissions && handlerInput.requestEnvelope.context.System.user.permissions.consentToken;
    if (!token) return handlerInput.responseBuilder.withAskForPermissionsConsentCard(['alexa::profile:email:read']).getResponse();
    const to = await mail.customerEmail(handlerInput);
    return handlerInput.responseBuilder.speak(to).getResponse();`,
              ) +
              v2Handler(
                'ResendIntent',
                `    if (!handlerInput.requestEnvelope.context.System.user.permissions?.consentToken) {
      return handlerInput.responseBuilder
        .speak('${ask('your e-mail address')}')
        .withAskForPermissionsConsentCard(['alexa::profile:email:read'])
        .getResponse();
    }
    await sendAgain(await mail.customerEmail(handlerInput));
    return handlerInput.responseBuilder.speak('Sent again').getResponse();`,
              ),
          },
        },
      ],
    },
    {
      name: 'alexa-sdk v1 with tabs reads the full address in a promise chain',
      files: {
        'skill.json': manifest(['alexa::devices:all:address:full:read']),
        'lambda/custom/index.js': `var Alexa = require('alexa-sdk');
var handlers = {
\t'DeliveryIntent': function () {
\t\tvar sys = this.event.context.System;
\t\tnew Alexa.services.DeviceAddressService().getFullAddress(sys.device.deviceId, sys.apiEndpoint, sys.apiAccessToken)
\t\t\t.then((a) => this.emit(':tell', 'Delivering to ' + a.city));
\t}
};
module.exports = handlers;
`,
      },
      errors: [{ messageId: 'unchecked', file: 'lambda/custom/index.js', line: 5, column: 3, endLine: 5, endColumn: 117, data: { scope: 'read::alexa:device:all:address' } }],
      fixes: [
        {
          fixId: 'check-consent',
          output: {
            'lambda/custom/index.js': `var Alexa = require('alexa-sdk');
var handlers = {
\t'DeliveryIntent': function () {
\t\tvar sys = this.event.context.System;
\t\tif (!(this.event.context.System.user.permissions && this.event.context.System.user.permissions.consentToken)) {
\t\t\tthis.emit(':tellWithPermissionCard', '${ask('the address of this device')}', ['read::alexa:device:all:address']);
\t\t\treturn;
\t\t}
\t\tnew Alexa.services.DeviceAddressService().getFullAddress(sys.device.deviceId, sys.apiEndpoint, sys.apiAccessToken)
\t\t\t.then((a) => this.emit(':tell', 'Delivering to ' + a.city));
\t}
};
module.exports = handlers;
`,
          },
        },
      ],
    },
    {
      name: 'TypeScript class handler reads the geolocation: the fix checks the scope status',
      files: {
        'skill.json': manifest(['alexa::devices:all:geolocation:read']),
        'lambda/src/where.ts': `import { HandlerInput, RequestHandler } from 'ask-sdk-core';
import { Response } from 'ask-sdk-model';

export class WhereHandler implements RequestHandler {
  canHandle(input: HandlerInput): boolean {
    return input.requestEnvelope.request.type === 'IntentRequest';
  }

  handle(input: HandlerInput): Response {
    const lat = input.requestEnvelope.context.Geolocation!.coordinate!.latitudeInDegrees;
    return input.responseBuilder.speak(\`You are at \${lat}\`).getResponse();
  }
}
`,
      },
      errors: [{ messageId: 'unchecked', file: 'lambda/src/where.ts', line: 10, column: 17, endLine: 10, endColumn: 58, data: { scope: 'alexa::devices:all:geolocation:read' } }],
      fixes: [
        {
          fixId: 'check-consent',
          output: {
            'lambda/src/where.ts': `import { HandlerInput, RequestHandler } from 'ask-sdk-core';
import { Response } from 'ask-sdk-model';

export class WhereHandler implements RequestHandler {
  canHandle(input: HandlerInput): boolean {
    return input.requestEnvelope.request.type === 'IntentRequest';
  }

  handle(input: HandlerInput): Response {
    if (input.requestEnvelope.context.System.user.permissions?.scopes?.['alexa::devices:all:geolocation:read']?.status !== 'GRANTED') {
      return input.responseBuilder
        .speak('${ask('the location of this device')}')
        .withAskForPermissionsConsentCard(['alexa::devices:all:geolocation:read'])
        .getResponse();
    }
    const lat = input.requestEnvelope.context.Geolocation!.coordinate!.latitudeInDegrees;
    return input.responseBuilder.speak(\`You are at \${lat}\`).getResponse();
  }
}
`,
          },
        },
      ],
    },
    {
      name: 'a request interceptor reads the e-mail for every request: found, but no handler to answer from, so no fix',
      files: {
        'skill.json': manifest(['alexa::profile:email:read']),
        'lambda/index.js':
          HEADER +
          `const LoadEmailInterceptor = {
  async process(handlerInput) {
    const attrs = handlerInput.attributesManager.getRequestAttributes();
    attrs.email = await handlerInput.serviceClientFactory.getUpsServiceClient().getProfileEmail();
  },
};
`,
      },
      errors: [{ messageId: 'unchecked', file: 'lambda/index.js', line: 6, column: 25, endLine: 6, endColumn: 98 }],
    },
    {
      name: 'a handle function declared apart from its handler object (`handle: greet`) gets the fix',
      files: {
        'skill.json': manifest(['alexa::profile:given_name:read']),
        'lambda/index.js': `async function greet(input) {
  const first = await input.serviceClientFactory.getUpsServiceClient().getProfileGivenName();
  return input.responseBuilder.speak('Hi ' + first).getResponse();
}

const GreetIntentHandler = {
  canHandle(input) {
    return input.requestEnvelope.request.intent.name === 'GreetIntent';
  },
  handle: greet,
};
module.exports = { GreetIntentHandler };
`,
      },
      errors: [{ messageId: 'unchecked', file: 'lambda/index.js', line: 2, column: 23, endLine: 2, endColumn: 93, related: [] }],
      fixes: [
        {
          fixId: 'check-consent',
          output: {
            'lambda/index.js': `async function greet(input) {
  if (!input.requestEnvelope.context.System.user.permissions?.consentToken) {
    return input.responseBuilder
      .speak('${ask('your first name')}')
      .withAskForPermissionsConsentCard(['alexa::profile:given_name:read'])
      .getResponse();
  }
  const first = await input.serviceClientFactory.getUpsServiceClient().getProfileGivenName();
  return input.responseBuilder.speak('Hi ' + first).getResponse();
}

const GreetIntentHandler = {
  canHandle(input) {
    return input.requestEnvelope.request.intent.name === 'GreetIntent';
  },
  handle: greet,
};
module.exports = { GreetIntentHandler };
`,
          },
        },
      ],
    },
    {
      name: 'two unchecked calls in one handler: both fixes insert the same single check, asking for both scopes',
      files: {
        'skill.json': manifest(['alexa::profile:name:read']),
        'lambda/index.js':
          HEADER +
          v2Handler(
            'ReceiptIntent',
            `    const ups = handlerInput.serviceClientFactory.getUpsServiceClient();
    const name = await ups.getProfileName();
    const email = await ups.getProfileEmail();
    return handlerInput.responseBuilder.speak(\`Sent to \${name} at \${email}\`).getResponse();`,
          ),
      },
      errors: [
        { messageId: 'unchecked', file: 'lambda/index.js', line: 9, column: 24, endLine: 9, endColumn: 44, data: { scope: 'alexa::profile:name:read' } },
        { messageId: 'unchecked', file: 'lambda/index.js', line: 10, column: 25, endLine: 10, endColumn: 46, data: { scope: 'alexa::profile:email:read' } },
      ],
      fixes: [0, 1].map((finding) => ({
        finding,
        fixId: 'check-consent',
        output: {
          'lambda/index.js':
            HEADER +
            v2Handler(
              'ReceiptIntent',
              `    const ups = handlerInput.serviceClientFactory.getUpsServiceClient();
    if (!handlerInput.requestEnvelope.context.System.user.permissions?.consentToken) {
      return handlerInput.responseBuilder
        .speak('To do that, this skill needs permission to use your name and your e-mail address. You can grant it on the card I sent to your Alexa app.')
        .withAskForPermissionsConsentCard(['alexa::profile:name:read', 'alexa::profile:email:read'])
        .getResponse();
    }
    const name = await ups.getProfileName();
    const email = await ups.getProfileEmail();
    return handlerInput.responseBuilder.speak(\`Sent to \${name} at \${email}\`).getResponse();`,
            ),
          // The e-mail permission was not declared: the fix declares it, whichever finding it came from.
          'skill.json': manifest(['alexa::profile:name:read']).replace('{ "name": "alexa::profile:name:read" }', '{ "name": "alexa::profile:name:read" },\n      {\n        "name": "alexa::profile:email:read"\n      }'),
        },
      })),
    },
    {
      name: 'geolocation and the address in one handler: the check tests the consent token and the geolocation status',
      files: {
        'skill.json': manifest(['alexa::devices:all:geolocation:read', 'alexa::devices:all:address:full:read']),
        'lambda/index.js':
          HEADER +
          v2Handler(
            'TaxiIntent',
            `    const from = handlerInput.requestEnvelope.context.Geolocation.coordinate;
    const home = await handlerInput.serviceClientFactory.getDeviceAddressServiceClient().getFullAddress('d');
    return handlerInput.responseBuilder.speak(from.latitudeInDegrees + home.city).getResponse();`,
          ),
      },
      errors: [
        { messageId: 'unchecked', file: 'lambda/index.js', line: 8, column: 18, endLine: 8, endColumn: 66 },
        { messageId: 'unchecked', file: 'lambda/index.js', line: 9, column: 24, endLine: 9, endColumn: 109 },
      ],
      fixes: [
        {
          fixId: 'check-consent',
          output: {
            'lambda/index.js':
              HEADER +
              v2Handler(
                'TaxiIntent',
                `    if (!handlerInput.requestEnvelope.context.System.user.permissions?.consentToken || handlerInput.requestEnvelope.context.System.user.permissions?.scopes?.['alexa::devices:all:geolocation:read']?.status !== 'GRANTED') {
      return handlerInput.responseBuilder
        .speak('To do that, this skill needs permission to use the location of this device and the address of this device. You can grant it on the card I sent to your Alexa app.')
        .withAskForPermissionsConsentCard(['alexa::devices:all:geolocation:read', 'read::alexa:device:all:address'])
        .getResponse();
    }
    const from = handlerInput.requestEnvelope.context.Geolocation.coordinate;
    const home = await handlerInput.serviceClientFactory.getDeviceAddressServiceClient().getFullAddress('d');
    return handlerInput.responseBuilder.speak(from.latitudeInDegrees + home.city).getResponse();`,
              ),
          },
        },
      ],
    },
  ],
});
