/**
 * Differential test of what handler discovery, permission uses and consent evidence keep between
 * checks (code/handlers.ts statement scans, code/permissioned.ts statement uses, code/consent.ts
 * evidence per statement: all kept per statement node, holding nodes only, their spans read from
 * the nodes, which the incremental parser moves in place). Seeded random skills with handlers that
 * call permissioned APIs directly and through helpers, consent checks, a builder that registers
 * some of the handlers, a SkillDisabled handler and stores, are edited many times in a row (code
 * and skill.json) and after every edit the findings equal those of a fresh check. Hand cases pin
 * the edits that must change the findings: a canHandle, a registration, a helper, a permission.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { codeHandlers, registrationStats } from '../../server/src/engine/code/handlers';
import { permissionUses } from '../../server/src/engine/code/permissioned';
import { clearParseCache } from '../../server/src/engine/code/parse';
import { SkillAnalysis } from '../../server/src/engine/analysis';
import { lintSkill } from '../../server/src/engine/linter';
import { Random } from '../robustness/support';
import { Files, writeFiles } from '../helpers/rule-tester';
import { randomEdit } from './random-skill';
import { Side, Sides, freshFindings, load, normalised, withCode } from './sides';

// --- random skills (written for this test) ---------------------------------------------------------

const PERMS = ['alexa::profile:email:read', 'alexa::profile:mobile_number:read', 'alexa::devices:all:address:full:read', 'alexa::alerts:reminders:skill:readwrite', 'alexa::devices:all:geolocation:read'];

/** A call of a permissioned API, as handler code makes it. */
function permissionedCall(r: Random): string {
  switch (r.int(5)) {
    case 0:
      return `const email = await handlerInput.serviceClientFactory.getUpsServiceClient().getProfileEmail();`;
    case 1:
      return `const mobile = await handlerInput.serviceClientFactory.getUpsServiceClient().getProfileMobileNumber();`;
    case 2:
      return `const address = await handlerInput.serviceClientFactory.getDeviceAddressServiceClient().getFullAddress(deviceId(handlerInput));`;
    case 3:
      return `await handlerInput.serviceClientFactory.getReminderManagementServiceClient().createReminder({ trigger: {} });`;
    default:
      return `const geo = handlerInput.requestEnvelope.context.Geolocation;`;
  }
}

const CONSENT = `if (!handlerInput.requestEnvelope.context.System.user.permissions?.consentToken) {\n      return handlerInput.responseBuilder.speak('Please grant it.').withAskForPermissionsConsentCard(['read::alexa:device:all:address']).getResponse();\n    }`;

function handlerBlock(r: Random, i: number, helpers: number): string {
  const body: string[] = [];
  if (r.chance(0.3)) body.push(CONSENT);
  const kind = r.int(6);
  if (kind <= 2) body.push(permissionedCall(r));
  else if (kind === 3 && helpers > 0) body.push(`await helper${r.int(helpers)}(handlerInput);`);
  else if (kind === 4) body.push(`const a = await handlerInput.attributesManager.getPersistentAttributes();\n    a.n = ${"Alexa.getSlotValue(handlerInput.requestEnvelope, 'n')"};\n    handlerInput.attributesManager.setPersistentAttributes(a);\n    await handlerInput.attributesManager.savePersistentAttributes();`);
  body.push(`return handlerInput.responseBuilder.speak('Done ${i}').getResponse();`);
  const cond = r.chance(0.2)
    ? `Alexa.getRequestType(handlerInput.requestEnvelope) === 'LaunchRequest'`
    : `Alexa.getRequestType(handlerInput.requestEnvelope) === 'IntentRequest'\n      && Alexa.getIntentName(handlerInput.requestEnvelope) === 'I${i}Intent'`;
  return `const H${i} = {\n  canHandle(handlerInput) {\n    return ${cond};\n  },\n  async handle(handlerInput) {\n    ${body.join('\n    ')}\n  },\n};\n`;
}

function helperBlock(r: Random, i: number): string {
  const consent = r.chance(0.3) ? `  if (!handlerInput.requestEnvelope.context.System.user.permissions) return null;\n` : '';
  return `async function helper${i}(handlerInput) {\n${consent}  ${permissionedCall(r)}\n  return 1;\n}\n`;
}

const DISABLED = (deletes: boolean): string =>
  `const Disabled = {\n  canHandle(handlerInput) {\n    return Alexa.getRequestType(handlerInput.requestEnvelope) === 'AlexaSkillEvent.SkillDisabled';\n  },\n  async handle(handlerInput) {\n    ${deletes ? 'await handlerInput.attributesManager.deletePersistentAttributes();' : "console.log('bye');"}\n    return handlerInput.responseBuilder.getResponse();\n  },\n};\n`;

function manifest(r: Random): string {
  const perms = PERMS.filter(() => r.chance(0.5)).map((name) => `{ "name": "${name}" }`);
  const events = r.chance(0.5) ? `,\n    "events": { "subscriptions": [{ "eventName": "SKILL_DISABLED" }] }` : '';
  return `{
  "manifest": {
    "publishingInformation": { "locales": { "en-US": { "name": "Reuse Test" } } },
    "privacyAndCompliance": { "usesPersonalInfo": true, "locales": { "en-US": { "privacyPolicyUrl": "https://reuse.example.org/privacy" } } },
    "permissions": [${perms.join(', ')}]${events},
    "apis": { "custom": {} }
  }
}
`;
}

const MODEL = `{ "interactionModel": { "languageModel": { "invocationName": "reuse test", "intents": [{ "name": "I0Intent", "samples": ["go"] }] } } }\n`;
const ASK_RESOURCES = `{ "askcliResourcesVersion": "2020-03-31", "profiles": { "default": { "skillMetadata": { "src": "./skill-package" }, "code": { "default": { "src": "./lambda" } } } } }\n`;
const HEAD = `const Alexa = require('ask-sdk-core');\n`;
const DEVICE_ID = `function deviceId(handlerInput) { return Alexa.getDeviceId(handlerInput.requestEnvelope); }\n`;

/** A random skill: handlers (some in a second module), helpers, maybe a SkillDisabled handler, a builder registering most of them. */
export function randomHandlerSkill(r: Random): Files {
  const helpers = r.int(3);
  const n = 3 + r.int(8);
  const blocks = Array.from({ length: n }, (_, i) => handlerBlock(r, i, helpers));
  const helperText = Array.from({ length: helpers }, (_, i) => helperBlock(r, i)).join('\n');
  const names = blocks.map((_, i) => `H${i}`);
  const disabled = r.int(3);
  if (disabled > 0) {
    blocks.push(DISABLED(disabled === 2));
    names.push('Disabled');
  }
  const registered = names.filter(() => r.chance(0.85));
  const split = r.chance(0.4) ? 1 + r.int(blocks.length - 1) : blocks.length;
  const local = names.slice(0, split);
  const remote = names.slice(split);
  const files: Files = {
    'ask-resources.json': ASK_RESOURCES,
    'skill-package/skill.json': manifest(r),
    'skill-package/interactionModels/custom/en-US.json': MODEL,
  };
  const builder = r.chance(0.5)
    ? `exports.handler = Alexa.SkillBuilders.custom()\n  .addRequestHandlers(${registered.join(', ')})\n  .lambda();\n`
    : `const handlers = [${registered.join(', ')}];\nexports.handler = Alexa.SkillBuilders.custom()\n  .addRequestHandlers(...handlers)\n  .lambda();\n`;
  const importLine = remote.length > 0 ? `const { ${remote.join(', ')} } = require('./more');\n` : '';
  files['lambda/index.js'] = `${HEAD}${importLine}${DEVICE_ID}${helperText}\n${blocks.slice(0, split).join('\n')}\n${builder}`;
  void local;
  if (remote.length > 0) files['lambda/more.js'] = `${HEAD}${DEVICE_ID}${helperText}\n${blocks.slice(split).join('\n')}\nmodule.exports = { ${remote.join(', ')} };\n`;
  return files;
}

/** Edits that matter to these passes, beside random-skill.ts's general ones. */
function handlerEdit(r: Random, text: string): string {
  const at = (re: RegExp): number | undefined => {
    const hits = [...text.matchAll(re)].map((m) => m.index!);
    return hits.length ? r.pick(hits) : undefined;
  };
  switch (r.int(8)) {
    case 0: {
      // A canHandle takes another intent or request.
      const p = at(/'I\d+Intent'|'LaunchRequest'/g);
      if (p === undefined) return text;
      const end = text.indexOf("'", p + 1) + 1;
      return `${text.slice(0, p)}${r.pick(["'I0Intent'", "'LaunchRequest'", "'AlexaSkillEvent.SkillDisabled'", "'Other'"])}${text.slice(end)}`;
    }
    case 1: {
      // A registration removed or added.
      const p = at(/\.addRequestHandlers\(|const handlers = \[/g);
      if (p === undefined) return text;
      const open = text.indexOf(text[p] === '.' ? '(' : '[', p) + 1;
      if (r.chance(0.5)) {
        const m = /^(\.\.\.)?\w+(, )?/.exec(text.slice(open));
        return m && !m[1] ? text.slice(0, open) + text.slice(open + m[0].length) : text;
      }
      return `${text.slice(0, open)}${r.pick(['Disabled', 'H0', 'H1', 'H2', 'Nope'])}, ${text.slice(open)}`;
    }
    case 2: {
      // A consent check added at the start of a handler or removed.
      const p = at(/async handle\(handlerInput\) \{\n/g);
      if (p !== undefined && r.chance(0.6)) {
        const q = text.indexOf('\n', p) + 1;
        return `${text.slice(0, q)}    ${CONSENT}\n${text.slice(q)}`;
      }
      const c = text.indexOf('consentToken');
      return c >= 0 ? text.slice(0, c) + 'token' + text.slice(c + 'consentToken'.length) : text;
    }
    case 3: {
      // A permissioned call put into a handler or a helper.
      const p = at(/(async handle\(handlerInput\) \{|async function helper\d+\(handlerInput\) \{)\n/g);
      if (p === undefined) return text;
      const q = text.indexOf('\n', p) + 1;
      return `${text.slice(0, q)}    ${permissionedCall(r)}\n${text.slice(q)}`;
    }
    case 4: {
      // A helper renamed, so that calls of it no longer reach it (or reach it again).
      const p = at(/helper\d+/g);
      if (p === undefined) return text;
      const m = /^helper\d+/.exec(text.slice(p))![0];
      return text.slice(0, p) + (m.endsWith('0') ? 'helper1' : 'helper0') + text.slice(p + m.length);
    }
    case 5: {
      // The SkillDisabled handler starts or stops deleting.
      if (text.includes('deletePersistentAttributes')) return text.replace('await handlerInput.attributesManager.deletePersistentAttributes();', "console.log('bye');");
      return text.replace("console.log('bye');", 'await handlerInput.attributesManager.deletePersistentAttributes();');
    }
    default:
      return randomEdit(r, text);
  }
}

/** A skill.json edit: a permission or the SKILL_DISABLED subscription added or removed, or the text broken. */
function manifestEdit(r: Random, text: string): string {
  const perm = r.pick(PERMS);
  switch (r.int(4)) {
    case 0:
      return text.includes(`"${perm}"`) ? text.replace(new RegExp(`\\{ "name": "${perm}" \\}(, )?`), '').replace(/, \]/, ']') : text.replace('"permissions": [', `"permissions": [{ "name": "${perm}" }${text.includes('"permissions": []') ? '' : ', '}`);
    case 1:
      return text.includes('SKILL_DISABLED') ? text.replace(/,\n {4}"events": \{[^\n]*\}/, '') : text.replace('\n    "apis"', '\n    "events": { "subscriptions": [{ "eventName": "SKILL_DISABLED" }] },\n    "apis"');
    case 2:
      // Broken while typing, then mended by a later edit of the same kind.
      return text.includes('"apis": {{') ? text.replace('"apis": {{', '"apis": {') : text.replace('"apis": {', '"apis": {{');
    default:
      return text;
  }
}

// --- the two sides ---------------------------------------------------------------------------------

function runRandom(seed: number, steps: number): number {
  const r = new Random(seed);
  const files = randomHandlerSkill(r);
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-handler-reuse-'));
  const seen = new Set<string>();
  try {
    const sides = new Sides(files, base);
    const rels = sides.codeFiles;
    assert.equal(normalised(lintSkill(sides.inc.skill), sides.inc.root), normalised(freshFindings(sides.fresh), sides.fresh.root), `seed ${seed}: before any edit`);
    for (let step = 1; step <= steps; step++) {
      if (r.chance(0.12)) sides.edit('skill-package/skill.json', (text) => manifestEdit(r, text));
      else sides.edit(r.pick(rels), (text) => handlerEdit(r, text));
      const got = normalised(lintSkill(sides.inc.skill), sides.inc.root);
      const want = normalised(freshFindings(sides.fresh), sides.fresh.root);
      assert.equal(got, want, `seed ${seed}: findings differ from a fresh check after edit ${step}`);
      seen.add(want);
    }
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
  return seen.size;
}

/** `line:column`, 1-based, of an offset. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

/** The skill's findings of one rule after each step of a script of edits (each also checked against a fresh check). */
function script(files: Files, steps: Array<[string, (t: string) => string]>, ruleId: string): string[][] {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-handler-reuse-'));
  try {
    const sides = new Sides(files, base);
    const texts = sides.texts;
    const pick = (s: Side): string[] =>
      lintSkill(s.skill)
        .filter((f) => f.ruleId === ruleId)
        .map((f) => {
          const rel = path.relative(s.root, f.file);
          return `${rel}:${lineColumn(texts.get(rel) ?? fs.readFileSync(f.file, 'utf8'), f.offset)} ${f.message.slice(0, 40)}`;
        });
    const out = [pick(sides.inc)];
    for (const [rel, edit] of steps) {
      sides.edit(rel, edit);
      const got = normalised(lintSkill(sides.inc.skill), sides.inc.root);
      assert.equal(got, normalised(freshFindings(sides.fresh), sides.fresh.root), `after editing ${rel}`);
      out.push(pick(sides.inc));
    }
    return out;
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
}

const HAND: Files = {
  'ask-resources.json': ASK_RESOURCES,
  'skill-package/skill.json': `{
  "manifest": {
    "publishingInformation": { "locales": { "en-US": { "name": "Hand" } } },
    "privacyAndCompliance": { "usesPersonalInfo": true, "locales": { "en-US": { "privacyPolicyUrl": "https://hand.example.org/privacy" } } },
    "permissions": [],
    "events": { "subscriptions": [{ "eventName": "SKILL_DISABLED" }] },
    "apis": { "custom": {} }
  }
}
`,
  'skill-package/interactionModels/custom/en-US.json': MODEL,
  'lambda/index.js': `${HEAD}
async function lookup(handlerInput) {
  return handlerInput.serviceClientFactory.getUpsServiceClient().getProfileEmail();
}

const Mail = {
  canHandle(handlerInput) {
    return Alexa.getRequestType(handlerInput.requestEnvelope) === 'IntentRequest'
      && Alexa.getIntentName(handlerInput.requestEnvelope) === 'MailIntent';
  },
  async handle(handlerInput) {
    const email = await lookup(handlerInput);
    const a = await handlerInput.attributesManager.getPersistentAttributes();
    a.email = email;
    handlerInput.attributesManager.setPersistentAttributes(a);
    await handlerInput.attributesManager.savePersistentAttributes();
    return handlerInput.responseBuilder.speak('Saved.').getResponse();
  },
};

const Disabled = {
  canHandle(handlerInput) {
    return Alexa.getRequestType(handlerInput.requestEnvelope) === 'AlexaSkillEvent.SkillDisabled';
  },
  async handle(handlerInput) {
    await handlerInput.attributesManager.deletePersistentAttributes();
    return handlerInput.responseBuilder.getResponse();
  },
};

exports.handler = Alexa.SkillBuilders.custom()
  .addRequestHandlers(Mail, Disabled)
  .lambda();
`,
};

const INDEX = 'lambda/index.js';

describe('handler discovery, permission uses and consent evidence after many edits equal a fresh check', function () {
  this.timeout(600_000);
  afterEach(() => clearParseCache());

  it('seeded random skills with handlers, helpers, consent checks, registrations and skill.json edits', () => {
    let distinct = 0;
    const seeds = 40;
    const before = { ...registrationStats };
    for (let seed = 1; seed <= seeds; seed++) distinct += runRandom(seed * 7919, 25);
    // The edits must have changed what is found, or the comparison proved little.
    assert.ok(distinct > seeds * 6, `only ${distinct} distinct results`);
    // And the incremental side must have kept registrations as well as resolved them again.
    const kept = registrationStats.kept - before.kept;
    const resolved = registrationStats.resolved - before.resolved;
    assert.ok(kept > resolved / 4 && resolved > 0, `registrations kept ${kept}, resolved ${resolved}`);
  });

  it('kept statement scans give the spans of the current tree after an edit before them', () => {
    const root = writeFiles(HAND);
    try {
      const side = load(root);
      const analysisOf = (s: Side): SkillAnalysis => new SkillAnalysis(s.skill);
      const before = codeHandlers(analysisOf(side)).handlers.map((h) => h.span.offset);
      const usesBefore = permissionUses(analysisOf(side)).map((u) => u.offset);
      const text = side.skill.code[0].text;
      // Characters typed into the first statement: every later handler and use moves by as many.
      const typed = " + '0123456'";
      withCode(side, new Map([[INDEX, text.replace("require('ask-sdk-core')", `require('ask-sdk-core'${typed})`)]]));
      const a = analysisOf(side);
      assert.deepEqual(codeHandlers(a).handlers.map((h) => h.span.offset), before.map((o) => o + typed.length));
      assert.deepEqual(permissionUses(a).map((u) => u.offset), usesBefore.map((o) => o + typed.length));
      const sf = codeHandlers(a).handlers[0].node.getSourceFile();
      assert.equal(sf.text.slice(codeHandlers(a).handlers[0].nameSpan!.offset, codeHandlers(a).handlers[0].nameSpan!.offset + 4), 'Mail');
      assert.equal(sf.text.slice(codeHandlers(a).handlers[0].matches[0].intentLiteral!.offset).slice(0, 12), "'MailIntent'");
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("a handler's canHandle changed: the SkillDisabled handler stops taking the event, and takes it again", () => {
    const steps = script(
      HAND,
      [
        [INDEX, (t) => t.replace("'AlexaSkillEvent.SkillDisabled'", "'AlexaSkillEvent.SkillEnabled'")],
        [INDEX, (t) => t.replace("'AlexaSkillEvent.SkillEnabled'", "'AlexaSkillEvent.SkillDisabled'")],
      ],
      'no-data-deletion',
    );
    assert.deepEqual(steps.map((s) => s.length), [0, 1, 0]);
    assert.match(steps[1][0], /index\.js:\d+:\d+ The skill stores user data/);
  });

  it('a registration removed and added: an unregistered SkillDisabled handler does not count', () => {
    const steps = script(
      HAND,
      [
        [INDEX, (t) => t.replace('.addRequestHandlers(Mail, Disabled)', '.addRequestHandlers(Mail)')],
        [INDEX, (t) => t.replace('.addRequestHandlers(Mail)', '.addRequestHandlers(Mail, Disabled)')],
      ],
      'no-data-deletion',
    );
    assert.deepEqual(steps.map((s) => s.length), [0, 1, 0]);
  });

  it('a declaration added under a name a registration looked up and did not find: the registration resolves', () => {
    const steps = script(
      HAND,
      [
        [INDEX, (t) => t.replace('const Disabled = {', 'const Disabled2 = {')],
        // A statement of its own, far from the registration's: what changes for it is the name only.
        [INDEX, (t) => t.replace('async function lookup(', 'const Disabled = Disabled2;\n\nasync function lookup(')],
      ],
      'no-data-deletion',
    );
    assert.deepEqual(steps.map((s) => s.length), [0, 1, 0]);
  });

  it('a helper it calls changed: a consent check in the helper clears the finding on the call', () => {
    const steps = script(
      HAND,
      [
        [INDEX, (t) => t.replace('async function lookup(handlerInput) {\n', 'async function lookup(handlerInput) {\n  if (!handlerInput.requestEnvelope.context.System.user.permissions.consentToken) return undefined;\n')],
        [INDEX, (t) => t.replace('.permissions.consentToken) return undefined;', '.permissions.token) return undefined;')],
      ],
      'consent-not-checked',
    );
    assert.deepEqual(steps.map((s) => s.length), [1, 0, 1]);
    assert.match(steps[0][0], /^lambda\/index\.js:4:10 /);
    assert.match(steps[2][0], /^lambda\/index\.js:5:10 /);
  });

  it('a permission added to skill.json clears permission-not-declared on the unchanged code, and removing it brings it back', () => {
    const json = 'skill-package/skill.json';
    const steps = script(
      HAND,
      [
        [json, (t) => t.replace('"permissions": []', '"permissions": [{ "name": "alexa::profile:email:read" }]')],
        [json, (t) => t.replace('"permissions": [{ "name": "alexa::profile:email:read" }]', '"permissions": []')],
      ],
      'permission-not-declared',
    );
    assert.deepEqual(steps.map((s) => s.length), [1, 0, 1]);
  });
});
