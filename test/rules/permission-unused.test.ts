import rule from '../../server/src/engine/rules/permission-unused';
import { RuleTester } from '../helpers/rule-tester';
import { HEADER, manifest, v2Handler } from './permission-helpers';

const emailCode =
  HEADER +
  v2Handler(
    'EmailIntent',
    `    const email = await handlerInput.serviceClientFactory.getUpsServiceClient().getProfileEmail();
    return handlerInput.responseBuilder.speak(email).getResponse();`,
  );

RuleTester.run(rule, {
  valid: [
    {
      name: 'every declared permission is used',
      files: { 'skill.json': manifest(['alexa::profile:email:read']), 'lambda/index.js': emailCode },
    },
    {
      name: 'no code folder: the skill cannot be judged',
      files: { 'skill.json': manifest(['alexa::profile:email:read', 'alexa::devices:all:address:full:read']) },
    },
    {
      name: 'a code folder without JavaScript or TypeScript (a Python skill) cannot be judged either',
      files: { 'skill.json': manifest(['alexa::profile:email:read']), 'lambda/lambda_function.py': 'import ask_sdk_core\n' },
    },
    {
      name: 'a code file that cannot be read (binary) may use it: not judged',
      files: { 'skill.json': manifest(['alexa::profile:mobile_number:read']), 'lambda/index.js': emailCode, 'lambda/vendor/bundle.js': 'var a = 1;\u0000\u0000' },
    },
    {
      name: 'permissions the code names (a consent card, a scope check), proactive events, Amazon Pay, and names we do not know',
      files: {
        'skill.json': manifest(['alexa::alerts:reminders:skill:readwrite', 'alexa::devices:all:notifications:write', 'payments:autopay_consent', 'alexa::health:profile:write']).replace(
          '"apis": { "custom": {} }',
          '"apis": { "custom": {} },\n    "events": { "publications": [{ "eventName": "AMAZON.OrderStatus.Updated" }] }',
        ),
        'lambda/index.js':
          HEADER +
          v2Handler(
            'RemindIntent',
            `    return handlerInput.responseBuilder
      .addDirective({ type: 'Connections.SendRequest', name: 'Setup', payload: { '@type': 'SetupAmazonPayRequest' }, token: 't' })
      .withAskForPermissionsConsentCard(['alexa::alerts:reminders:skill:readwrite'])
      .getResponse();`,
          ),
      },
    },
  ],
  invalid: [
    {
      name: 'the mobile number is declared but never read; the fix removes the middle element',
      files: { 'skill.json': manifest(['alexa::profile:name:read', 'alexa::profile:mobile_number:read', 'alexa::profile:email:read']), 'lambda/index.js': emailCode },
      errors: [
        { messageId: 'unused', file: 'skill.json', line: 8, column: 17, endLine: 8, endColumn: 43, data: { permission: 'alexa::profile:name:read' } },
        {
          messageId: 'unused',
          file: 'skill.json',
          line: 9,
          column: 17,
          endLine: 9,
          endColumn: 52,
          data: { permission: 'alexa::profile:mobile_number:read', label: "the customer's phone number" },
          messageIncludes: 'data minimisation',
        },
      ],
      fixes: [
        { finding: 1, fixId: 'remove-permission', output: { 'skill.json': manifest(['alexa::profile:name:read', 'alexa::profile:email:read']) } },
        { finding: 0, fixId: 'remove-permission', output: { 'skill.json': manifest(['alexa::profile:mobile_number:read', 'alexa::profile:email:read']) } },
      ],
    },
    {
      name: 'the only permission, unused by an alexa-sdk v1 skill: the fix leaves an empty list',
      files: {
        'skill.json': manifest(['alexa::devices:all:address:full:read']),
        'lambda/custom/index.js': `var handlers = {
    'HelloIntent': function () {
        this.emit(':tell', 'Hello!');
    }
};
module.exports = handlers;
`,
      },
      errors: [{ messageId: 'unused', file: 'skill.json', line: 8, column: 17, endLine: 8, endColumn: 55 }],
      fixes: [{ fixId: 'remove-permission', output: { 'skill.json': manifest([]) } }],
    },
    {
      name: 'the last of two, in TypeScript code that reads only the postal code',
      files: {
        'skill.json': manifest(['alexa:devices:all:address:country_and_postal_code:read', 'alexa::devices:all:address:full:read']),
        'lambda/src/index.ts': `import { HandlerInput } from 'ask-sdk-core';
export async function zip(input: HandlerInput): Promise<string> {
  const client = input.serviceClientFactory!.getDeviceAddressServiceClient();
  const a = await client.getCountryAndPostalCode(input.requestEnvelope.context.System.device!.deviceId);
  return a.postalCode!;
}
`,
      },
      errors: [{ messageId: 'unused', file: 'skill.json', line: 9, column: 17, endLine: 9, endColumn: 55, data: { permission: 'alexa::devices:all:address:full:read' } }],
      fixes: [{ fixId: 'remove-permission', output: { 'skill.json': manifest(['alexa:devices:all:address:country_and_postal_code:read']) } }],
    },
  ],
});
