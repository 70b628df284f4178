/**
 * The consent check a fix of consent-not-checked inserts is kept per statement it goes before
 * (code/consent.ts `consentCheckEdit`) while that statement's top-level statement is the same
 * node: an edit elsewhere moves the check and keeps its text, an edit of the handler makes it
 * again. Every check's findings (fixes included) equal a fresh check's.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { consentCheckStats } from '../../server/src/engine/code/consent';
import { lintSkill } from '../../server/src/engine/linter';
import { Finding } from '../../server/src/engine/types';
import { Files } from '../helpers/rule-tester';
import { Sides, freshFindings, normalised } from './sides';

const FILES: Files = {
  'ask-resources.json': '{ "askcliResourcesVersion": "2020-03-31", "profiles": { "default": { "skillMetadata": { "src": "./skill-package" }, "code": { "default": { "src": "./lambda" } } } } }\n',
  'skill-package/skill.json': JSON.stringify({
    manifest: {
      publishingInformation: { locales: { 'de-DE': { name: 'Gezeitennotizen' } } },
      privacyAndCompliance: { usesPersonalInfo: true, locales: { 'de-DE': { privacyPolicyUrl: 'https://tides.example.org/privacy' } } },
      permissions: [{ name: 'alexa::profile:email:read' }, { name: 'alexa::profile:mobile_number:read' }],
      apis: { custom: {} },
    },
  }, null, 2),
  'skill-package/interactionModels/custom/de-DE.json': JSON.stringify({
    interactionModel: { languageModel: { invocationName: 'gezeiten notizen', intents: [{ name: 'MailIntent', samples: ['schick mir die gezeiten'] }, { name: 'TextIntent', samples: ['schreib mir die gezeiten'] }] } },
  }, null, 2),
  'lambda/index.js': `const Alexa = require('ask-sdk-core');

const MailHandler = {
  canHandle(handlerInput) {
    return Alexa.getIntentName(handlerInput.requestEnvelope) === 'MailIntent';
  },
  async handle(handlerInput) {
    const client = handlerInput.serviceClientFactory.getUpsServiceClient();
    const email = await client.getProfileEmail();
    return handlerInput.responseBuilder.speak('Sent to ' + email).getResponse();
  },
};

const TextHandler = {
  canHandle(handlerInput) {
    return Alexa.getIntentName(handlerInput.requestEnvelope) === 'TextIntent';
  },
  async handle(handlerInput) {
    const client = handlerInput.serviceClientFactory.getUpsServiceClient();
    const phone = await client.getProfileMobileNumber();
    return handlerInput.responseBuilder.speak('Texted ' + phone.phoneNumber).getResponse();
  },
};

exports.handler = Alexa.SkillBuilders.custom()
  .addRequestHandlers(MailHandler, TextHandler)
  .withApiClient(new Alexa.DefaultApiClient())
  .lambda();
`,
};

const consent = (fs: Finding[]): Finding[] => fs.filter((f) => f.ruleId === 'consent-not-checked');

describe('code/consent: the consent check of a fix, kept per handler statement', () => {
  let base: string;
  let sides: Sides;
  beforeEach(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-consent-kept-'));
    sides = new Sides(FILES, base);
  });
  afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

  /** Checks kept and made by the incremental side's last check. */
  let last = { kept: 0, made: 0 };
  /** The incremental side's consent findings after the edits so far, checked against a fresh check's. */
  const check = (): Finding[] => {
    const before = { ...consentCheckStats };
    const inc = consent(lintSkill(sides.inc.skill));
    last = { kept: consentCheckStats.kept - before.kept, made: consentCheckStats.made - before.made };
    const fresh = consent(freshFindings(sides.fresh));
    assert.equal(normalised(inc, sides.inc.root), normalised(fresh, sides.fresh.root));
    return inc;
  };
  const checkText = (f: Finding): string => f.fixes[0].edits.find((e) => e.file.endsWith('index.js'))!.newText;

  it('moves the checks and keeps their text after an edit in another statement', () => {
    const first = check();
    assert.equal(first.length, 2);
    assert.deepEqual(last, { kept: 0, made: 2 });
    // A keystroke in the statement above both handlers (they are reused whole): every check moves by one.
    sides.edit('lambda/index.js', (t) => t.replace("require('ask-sdk-core')", "require( 'ask-sdk-core')"));
    const after = check();
    assert.deepEqual(last, { kept: 2, made: 0 });
    const offset = (f: Finding): number => f.fixes[0].edits.find((e) => e.file.endsWith('index.js'))!.offset;
    for (let i = 0; i < 2; i++) {
      assert.equal(checkText(after[i]), checkText(first[i]));
      assert.equal(offset(after[i]), offset(first[i]) + 1);
    }
    // A statement typed in front of the mail handler: its statement is parsed anew (the edit
    // touches its leading blank line), so its check is made again; the text handler's is kept.
    sides.edit('lambda/index.js', (t) => t.replace('const MailHandler = {', "const TIDES = 'high';\n\nconst MailHandler = {"));
    const third = check();
    assert.deepEqual(last, { kept: 1, made: 1 });
    for (let i = 0; i < 2; i++) assert.equal(checkText(third[i]), checkText(first[i]));
  });

  it('makes the check of an edited handler again, with what the edit changed', () => {
    check();
    // The mail handler's parameter renamed: its check must name the new one; the text handler's is kept.
    sides.edit('lambda/index.js', (t) => t.replace('async handle(handlerInput) {\n    const client = handlerInput.serviceClientFactory.getUpsServiceClient();\n    const email', 'async handle(input) {\n    const client = input.serviceClientFactory.getUpsServiceClient();\n    const email').replace("return handlerInput.responseBuilder.speak('Sent to '", "return input.responseBuilder.speak('Sent to '"));
    const after = check();
    assert.deepEqual(last, { kept: 1, made: 1 });
    const mail = after.find((f) => /email/i.test(f.message))!;
    assert.match(checkText(mail), /!input\.requestEnvelope\.context\.System\.user\.permissions\?\.consentToken/);
    assert.match(checkText(mail), /return input\.responseBuilder/);
  });

  it('makes the checks again when what they say changes (skill.json ships English too: the speech turns English)', () => {
    const first = check();
    const edited = (t: string): string => t.replace('"de-DE": {\n          "name": "Gezeitennotizen"\n        }', '"de-DE": {\n          "name": "Gezeitennotizen"\n        },\n        "en-US": {\n          "name": "Tide Notes"\n        }');
    assert.notEqual(edited(FILES['skill-package/skill.json']), FILES['skill-package/skill.json']);
    sides.edit('skill-package/skill.json', edited);
    const after = check();
    assert.deepEqual(last, { kept: 0, made: 2 });
    for (let i = 0; i < 2; i++) assert.notEqual(checkText(after[i]), checkText(first[i]));
  });

  it('makes the checks again for another file style (double quotes)', () => {
    check();
    sides.edit('lambda/index.js', (t) => t.replace(/'/g, '"'));
    const after = check();
    assert.equal(last.kept, 0);
    for (const f of after) assert.match(checkText(f), /withAskForPermissionsConsentCard\(\["/);
  });
});
