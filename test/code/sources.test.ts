/**
 * Where personal data enters handler code (code/sources.ts) through the data-flow pass: each
 * expression is logged, and must come out as the listed source, or as none.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import { SkillAnalysis } from '../../server/src/engine/analysis';
import { codeModel } from '../../server/src/engine/code/analyze';
import { DiskFileHost } from '../../server/src/engine/host';
import { discoverSkills } from '../../server/src/engine/project/discover';
import { loadSkill } from '../../server/src/engine/skill';
import { codeSkill } from '../helpers/code-skill';
import { writeFiles } from '../helpers/rule-tester';

const CASES: Array<[string, string, string]> = [
  // [what, statements that set the logged `x`, expected `kind[:slot] category` or none]
  ['getSlotValue', "const x = Alexa.getSlotValue(env, 'phone');", 'slot:phone phone'],
  ['slots path', 'const x = env.request.intent.slots.phone.value;', 'slot:phone phone'],
  ['slotValue of newer requests', 'const x = env.request.intent.slots.phone.slotValue.value;', 'slot:phone phone'],
  ['resolutions', 'const x = env.request.intent.slots.phone.resolutions.resolutionsPerAuthority[0].values[0].value.name;', 'slot:phone phone'],
  ['getSlot then value', "const s = Alexa.getSlot(env, 'phone');\n    const x = s.value;", 'slot:phone phone'],
  ['getRequest', "const x = Alexa.getRequest(env).intent.slots['phone'].value;", 'slot:phone phone'],
  ['destructured slots', 'const { phone } = env.request.intent.slots;\n    const x = phone.value;', 'slot:phone phone'],
  ['slot name from a constant', "const SLOT = 'phone';\n    const x = Alexa.getSlotValue(env, SLOT);", 'slot:phone phone'],
  ['free-form slot', "const x = Alexa.getSlotValue(env, 'note');", 'slot:note free-speech'],
  ['geolocation', 'const x = env.context.Geolocation.coordinate;', 'geolocation location'],
  ['person id', 'const x = env.context.System.person.personId;', 'person-id user-id'],
  ['device id', 'const x = env.context.System.device.deviceId;', 'device-id device-id'],
  ['profile mobile number', 'const x = await handlerInput.serviceClientFactory.getUpsServiceClient().getProfileMobileNumber();', 'profile phone'],
  ['persons given name', 'const ups = handlerInput.serviceClientFactory.getUpsServiceClient();\n    const x = await ups.getPersonsProfileGivenName();', 'profile name'],
  ['full address', "const x = await handlerInput.serviceClientFactory.getDeviceAddressServiceClient().getFullAddress('id');", 'address address'],
  ['address REST', "const res = await fetch(`${env.context.System.apiEndpoint}/v1/devices/${Alexa.getDeviceId(env)}/settings/address`);\n    const x = await res.json();", 'address address'],
  ['persistent attribute read back by name', 'const attributes = await handlerInput.attributesManager.getPersistentAttributes();\n    const x = attributes.emailAddress;', 'attribute email'],
  ['session attribute read back by name', 'const x = handlerInput.attributesManager.getSessionAttributes().phoneNumber;', 'attribute phone'],
  ['the whole envelope', 'const x = env;', 'envelope free-speech'],
  ['not: request type, locale, intent name, dialog state', 'const x = [env.request.type, env.request.locale, env.request.intent.name, env.request.dialogState, Alexa.getIntentName(env)];', 'none'],
  ['not: a harmless slot', "const x = Alexa.getSlotValue(env, 'topping');", 'none'],
  ['not: the api endpoint and application id', 'const x = env.context.System.apiEndpoint + env.context.System.application.applicationId;', 'none'],
  ['not: a slot confirmation status', 'const x = env.request.intent.slots.phone.confirmationStatus;', 'none'],
  ['not: an attribute with a harmless name', 'const x = handlerInput.attributesManager.getSessionAttributes().gamesPlayed;', 'none'],
];

function logged(stmts: string): string[] {
  const code = `const Alexa = require('ask-sdk-core');
const Handler = {
  async handle(handlerInput) {
    const env = handlerInput.requestEnvelope;
    ${stmts}
    console.log(x);
  },
};
`;
  const root = writeFiles(codeSkill({ 'index.js': code }));
  try {
    const host = new DiskFileHost();
    const m = codeModel(new SkillAnalysis(loadSkill(discoverSkills(root, host)[0], host)));
    return [...new Set(m.flows.filter((f) => f.sink.kind === 'log').map((f) => `${f.source.kind}${f.source.slot ? `:${f.source.slot}` : ''} ${f.source.category}`))];
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

describe('code model: sources', () => {
  for (const [what, stmts, expected] of CASES) {
    it(what, () => {
      assert.deepEqual(logged(stmts), expected === 'none' ? [] : [expected]);
    });
  }
});
