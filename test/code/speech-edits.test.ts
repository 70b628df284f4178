/**
 * Reports kept across speech-only edits (code/speech-edits.ts): the rules in RULES (consent,
 * permissions, the slot rules, the data-flow rules, deletion) report what they reported before a keystroke
 * inside a `speak('…')`/`reprompt('…')` string, moved. Seeded random skills (handlers calling
 * permissioned APIs directly and through helpers, consent checks, speech, a builder) are edited
 * many times in a row, mostly in their speech, and after every edit the findings equal those of a
 * fresh check; hand cases pin what is and is not a speech-only edit, and the edits that must
 * change the findings (canHandle, a registration, a helper, a permission, a suppression comment).
 * The rules that read no data flow (LOG_RULES) keep theirs across edits inside a `console.log('…')`
 * string too: random runs edit those strings as well.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseCode, forgetParsed } from '../../server/src/engine/code/parse';
import { Moves, keptReportStats, moveReport, speechOnlyMove } from '../../server/src/engine/code/speech-edits';
import { Report } from '../../server/src/engine/rule';
import { FileSpan } from '../../server/src/engine/types';
import { lintSkill } from '../../server/src/engine/linter';
import { ruleById } from '../../server/src/engine/rules';
import { Random } from '../robustness/support';
import { Files } from '../helpers/rule-tester';
import { randomEdit } from './random-skill';
import { Side, Sides, freshFindings, normalised } from './sides';

const RULES = new Set([
  'consent-not-checked', 'permission-not-declared', 'permission-unused', 'personal-data-slot', 'voice-data-logged', 'personal-data-shared', 'personal-data-persisted', 'no-data-deletion',
  'free-form-capture', 'sensitive-data-slot', 'missing-privacy-policy', 'personal-info-flag-mismatch', 'child-directed-data-collection',
]);
/** The rules that keep their reports across edits inside a `console` method's string argument too (`KeptReports({ logs: true })`). */
const LOG_RULES = ['consent-not-checked', 'permission-not-declared', 'permission-unused'];
/** The rules whose findings are on the models (their related locations are where code reads the slot). */
const MODEL_RULES = new Set(['personal-data-slot', 'free-form-capture', 'sensitive-data-slot']);

// --- random skills (written for this test) ---------------------------------------------------------

const PERMS = ['alexa::profile:email:read', 'alexa::profile:mobile_number:read', 'alexa::devices:all:address:full:read', 'alexa::devices:all:geolocation:read'];
const WORDS = ['Welcome back', 'Saved', 'Anything else', 'Goodbye', 'Your order is on its way', 'Sorry'];

function call(r: Random): string {
  switch (r.int(5)) {
    case 0:
      return `const email = await handlerInput.serviceClientFactory.getUpsServiceClient().getProfileEmail();`;
    case 1:
      return `const mobile = await handlerInput.serviceClientFactory.getUpsServiceClient().getProfileMobileNumber();`;
    case 2:
      return `const address = await handlerInput.serviceClientFactory.getDeviceAddressServiceClient().getFullAddress(deviceId(handlerInput));`;
    case 3:
      return `const res = await fetch('https://api.amazonalexa.com/v2/accounts/~current/settings/Profile.email');`;
    default:
      return `const geo = handlerInput.requestEnvelope.context.Geolocation;`;
  }
}

const CONSENT = `if (!handlerInput.requestEnvelope.context.System.user.permissions?.consentToken) {\n      return handlerInput.responseBuilder.speak('Please grant it.').withAskForPermissionsConsentCard(['alexa::profile:email:read']).getResponse();\n    }`;

function handler(r: Random, i: number, helpers: number): string {
  const body: string[] = [];
  if (r.chance(0.25)) body.push(CONSENT);
  if (r.chance(0.5)) {
    body.push(`const said = Alexa.getSlotValue(handlerInput.requestEnvelope, '${r.pick(['phone', 'first', 'query', 'cardNumber'])}');`);
    // Where the slot goes: a log, a third party, storage, or back into the speech.
    switch (r.int(5)) {
      case 0:
        body.push(`console.log('heard', said);`);
        break;
      case 1:
        body.push(`await axios.post('https://crm.example.com/lead', { said });`);
        break;
      case 2:
        body.push(`const a = await handlerInput.attributesManager.getPersistentAttributes();\n    a.said = said;\n    handlerInput.attributesManager.setPersistentAttributes(a);\n    await handlerInput.attributesManager.savePersistentAttributes();`);
        break;
      case 3:
        body.push(`const out = handlerInput.responseBuilder.speak('You said ' + said).getResponse();\n    console.log('response', out);`);
        break;
      default:
        body.push(`handlerInput.responseBuilder.speak(\`Got \${said}\`);`);
    }
  }
  const kind = r.int(5);
  if (kind <= 2) body.push(call(r));
  else if (kind === 3 && helpers > 0) body.push(`await helper${r.int(helpers)}(handlerInput);`);
  body.push(`return handlerInput.responseBuilder.speak('${r.pick(WORDS)} ${i}.').reprompt('${r.pick(WORDS)}?').getResponse();`);
  return `const H${i} = {\n  canHandle(handlerInput) {\n    return Alexa.getRequestType(handlerInput.requestEnvelope) === 'IntentRequest'\n      && Alexa.getIntentName(handlerInput.requestEnvelope) === 'I${i}Intent';\n  },\n  async handle(handlerInput) {\n    ${body.join('\n    ')}\n  },\n};\n`;
}

/**
 * With `vary`, the privacy block is drawn too, so that the manifest rules report (no policy URL,
 * `usesPersonalInfo: false`, a kid skill), their evidence listing what the code reads and sends.
 */
function manifest(r: Random, vary = false): string {
  const perms = PERMS.filter(() => r.chance(0.4)).map((name) => `{ "name": "${name}" }`);
  const uses = vary && r.chance(0.3) ? 'false' : 'true';
  const policy = vary && r.chance(0.4) ? '{}' : '{ "privacyPolicyUrl": "https://speech.example.org/privacy" }';
  const kids = vary && r.chance(0.3) ? ', "isChildDirected": true' : '';
  return `{
  "manifest": {
    "publishingInformation": { "locales": { "en-US": { "name": "Speech Edits" } } },
    "privacyAndCompliance": { "usesPersonalInfo": ${uses}${kids}, "locales": { "en-US": ${policy} } },
    "permissions": [${perms.join(', ')}],
    "apis": { "custom": {} }
  }
}
`;
}

const MODEL = `{ "interactionModel": { "languageModel": { "invocationName": "speech edits", "intents": [
  { "name": "I0Intent", "slots": [{ "name": "phone", "type": "AMAZON.PhoneNumber" }], "samples": ["call {phone}"] },
  { "name": "I1Intent", "slots": [{ "name": "first", "type": "AMAZON.FirstName" }], "samples": ["i am {first}"] },
  { "name": "I2Intent", "samples": ["go"] },
  { "name": "I3Intent", "slots": [{ "name": "query", "type": "AMAZON.SearchQuery" }], "samples": ["look up {query}"] },
  { "name": "I4Intent", "slots": [{ "name": "cardNumber", "type": "AMAZON.NUMBER" }], "samples": ["my card number is {cardNumber}"] }
] } } }\n`;
const ASK_RESOURCES = `{ "askcliResourcesVersion": "2020-03-31", "profiles": { "default": { "skillMetadata": { "src": "./skill-package" }, "code": { "default": { "src": "./lambda" } } } } }\n`;
const HEAD = `const Alexa = require('ask-sdk-core');\nconst axios = require('axios');\nfunction deviceId(handlerInput) { return Alexa.getDeviceId(handlerInput.requestEnvelope); }\n`;

function randomSkill(r: Random): Files {
  const helpers = r.int(3);
  const helperText = Array.from({ length: helpers }, (_, i) => `async function helper${i}(handlerInput) {\n  ${call(r)}\n  console.log('helper ${i} done');\n  return handlerInput.responseBuilder.speak('Helper ${i}').getResponse();\n}\n`).join('\n');
  const n = 3 + r.int(7);
  const blocks = Array.from({ length: n }, (_, i) => handler(r, i, helpers));
  const names = blocks.map((_, i) => `H${i}`).filter(() => r.chance(0.85));
  const files: Files = {
    'ask-resources.json': ASK_RESOURCES,
    'skill-package/skill.json': manifest(r, true),
    'skill-package/interactionModels/custom/en-US.json': MODEL,
  };
  const split = r.chance(0.4) ? 1 + r.int(n - 1) : n;
  const remote = blocks.slice(split).map((_, i) => `H${split + i}`);
  const importLine = remote.length > 0 ? `const { ${remote.join(', ')} } = require('./more');\n` : '';
  files['lambda/index.js'] = `${HEAD}${importLine}${helperText}\n${blocks.slice(0, split).join('\n')}\nexports.handler = Alexa.SkillBuilders.custom()\n  .addRequestHandlers(${names.join(', ')})\n  .lambda();\n`;
  if (remote.length > 0) files['lambda/more.js'] = `${HEAD}${helperText}\n${blocks.slice(split).join('\n')}\nmodule.exports = { ${remote.join(', ')} };\n`;
  return files;
}

/** Mostly a letter typed into speech or deleted from it (sometimes one these rules read), else any edit. */
function speechEdit(r: Random, text: string): string {
  // A third of them in a log's message instead (`console.log('…'`), which only LOG_RULES keep across.
  const pattern = r.chance(0.35) ? /console\.(?:log|error)\('([^'\n]*)'/g : /\.(?:speak|reprompt)\('([^'\n]*)'/g;
  const hits = [...text.matchAll(pattern)];
  if (hits.length === 0 || r.chance(0.2)) return randomEdit(r, text);
  const m = r.pick(hits);
  const start = m.index! + m[0].indexOf("'") + 1;
  const at = start + r.int(m[1].length + 1);
  if (r.chance(0.3) && m[1].length > 0) {
    const p = start + r.int(m[1].length);
    return text.slice(0, p) + text.slice(p + 1);
  }
  // Now and then what makes an edit more than speech: a path, a scope, a quote, a line break, an evidence word.
  const typed = r.chance(0.85) ? r.pick(['x', 'é', ' ', 'q', ',', '.', '!']) : r.pick(['/', ':', "'", '\\', '\n', 'GRANTED', '$', '/v2/accounts/~current/settings/Profile.email']);
  return text.slice(0, at) + typed + text.slice(at);
}

function manifestEdit(r: Random, text: string): string {
  const perm = r.pick(PERMS);
  if (text.includes(`"${perm}"`)) return text.replace(new RegExp(`\\{ "name": "${perm}" \\}(, )?`), '').replace(/, \]/, ']');
  return text.replace('"permissions": [', `"permissions": [{ "name": "${perm}" }${text.includes('"permissions": []') ? '' : ', '}`);
}

/** The rules that reported in the random runs: each must, or the test compares nothing for it. */
const reported = new Set<string>();

/** Only these rules' findings, normalised: the rest of the check is other tests' business. */
function ours(side: Side, findings = lintSkill(side.skill)): string {
  const mine = findings.filter((f) => RULES.has(f.ruleId));
  for (const f of mine) reported.add(f.ruleId);
  return normalised(mine, side.root);
}

function runRandom(seed: number, steps: number): void {
  const r = new Random(seed);
  const files = randomSkill(r);
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-speech-edits-'));
  try {
    const sides = new Sides(files, base);
    const rels = sides.codeFiles;
    assert.equal(ours(sides.inc), ours(sides.fresh, freshFindings(sides.fresh)), `seed ${seed}: before any edit`);
    for (let step = 1; step <= steps; step++) {
      if (r.chance(0.08)) sides.edit('skill-package/skill.json', (text) => manifestEdit(r, text));
      else sides.edit(r.pick(rels), (text) => speechEdit(r, text));
      assert.equal(ours(sides.inc), ours(sides.fresh, freshFindings(sides.fresh)), `seed ${seed}: findings differ from a fresh check after edit ${step}`);
    }
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
}

// --- which edits are speech only -------------------------------------------------------------------

const BASE = `const Alexa = require('ask-sdk-core');
const Mail = {
  canHandle(handlerInput) {
    return Alexa.getIntentName(handlerInput.requestEnvelope) === 'MailIntent';
  },
  async handle(handlerInput) {
    const email = await handlerInput.serviceClientFactory.getUpsServiceClient().getProfileEmail();
    console.log('mail sent');
    console.error(\`mail \${email}\`, 'failed');
    logger.log('logged elsewhere');
    audit(console.log('inside a call'));
    mailer.speak('Not the SDK');
    redis.set('last', handlerInput.responseBuilder.speak('Stored answer').getResponse());
    await db.collection(pick(() => handlerInput.responseBuilder.speak('Nested in a callee'))).put({});
    attributes[handlerInput.responseBuilder.speak('In a key').getResponse()] = 1;
    if (email) {
      return handlerInput.responseBuilder.speak('In a block').getResponse();
    }
    return handlerInput.responseBuilder.speak('Your mail is saved.').reprompt(\`Anything else?\`).getResponse();
  },
};
// the end
`;

/** The move from BASE to BASE with `from` replaced by `to`, parsed incrementally as the engine does; `logs` as `KeptReports` passes it. */
function moveOf(from: string, to: string, logs = false): ReturnType<typeof speechOnlyMove> {
  const file = path.join(os.tmpdir(), `spl-speech-move-${Math.random()}.js`);
  try {
    const old = parseCode(file, BASE);
    const statements = old.sourceFile.statements;
    assert.ok(BASE.includes(from), from);
    const text = BASE.replace(from, to);
    return speechOnlyMove(BASE, statements, text, parseCode(file, text).sourceFile, logs);
  } finally {
    forgetParsed([file]);
  }
}

/** moveReport as it was before it kept unmoved objects: a copy of everything, for the comparison below. */
function copyingMove(moves: Moves, r: Report): Report | undefined {
  const span = <T extends FileSpan>(s: T, replaces = false): T | undefined => {
    const m = moves.get(s.file);
    if (!m) return s;
    if (replaces && s.offset <= m.inside && s.offset + s.length >= m.at) return undefined;
    const at = (o: number): number | undefined => (o <= m.inside ? o : o >= m.at ? o + m.delta : undefined);
    const start = at(s.offset);
    const end = at(s.offset + s.length);
    if (start === undefined || end === undefined) return undefined;
    return start === s.offset && end === s.offset + s.length ? s : { ...s, offset: start, length: end - start };
  };
  if (moves.size === 0) return r;
  const at = span(r);
  if (!at) return undefined;
  const out: Report = { ...at };
  if (r.related) {
    const related = r.related.map((x) => span(x));
    if (related.some((x) => !x)) return undefined;
    out.related = related as typeof r.related;
  }
  if (r.fixes) {
    const fixes = [];
    for (const fx of r.fixes) {
      const edits = fx.edits.map((e) => span(e, true));
      if (edits.some((e) => !e)) return undefined;
      fixes.push({ ...fx, edits: edits as typeof fx.edits });
    }
    out.fixes = fixes;
  }
  return out;
}

describe('speech-only edits (code/speech-edits.ts)', function () {
  it('moves a report as a full copy would, and reports again the objects nothing moved in (random reports and moves)', function () {
    const r = new Random(2027);
    const FILES = ['a.js', 'b.js'];
    let same = 0;
    // Moved reports whose related list nothing moved in: the list itself is reported again.
    let sharedLists = 0;
    for (let n = 0; n < 20000; n++) {
      const spanOf = (): FileSpan => ({ file: r.pick(FILES), offset: r.int(200), length: r.int(12) });
      const list = <T>(make: () => T): T[] => Array.from({ length: r.int(4) }, make);
      const report: Report = { messageId: 'm', data: { n }, ...spanOf() };
      if (r.chance(0.6)) report.related = list(() => ({ ...spanOf(), message: 'step' }));
      if (r.chance(0.6)) report.fixes = list(() => ({ id: 'f', title: 't', edits: list(() => ({ ...spanOf(), newText: 'x' })) }));
      const moves: Moves = new Map();
      for (const f of FILES) {
        if (r.chance(0.3)) continue;
        const inside = r.int(220);
        moves.set(f, { inside, at: inside + 1 + r.int(3), delta: r.chance(0.5) ? 1 : -1 });
      }
      const got = moveReport(moves, report);
      assert.deepEqual(got, copyingMove(moves, report), `report ${n}`);
      if (!got) continue;
      const stays = (s: FileSpan): boolean => { const m = moves.get(s.file); return !m || s.offset + s.length <= m.inside; };
      const allStay = stays(report) && (report.related ?? []).every(stays) && (report.fixes ?? []).every((fx) => fx.edits.every(stays));
      assert.equal(got === report, allStay, `report ${n}: the same object exactly when nothing moved`);
      if (allStay) same++;
      if (got !== report && report.related && got.related === report.related) sharedLists++;
      for (const [i, fx] of (got.fixes ?? []).entries()) assert.equal(fx === report.fixes![i], fx.edits.every((e, j) => e === report.fixes![i].edits[j]), `report ${n}, fix ${i}`);
    }
    assert.ok(same > 1000 && sharedLists > 1000, `${same} unmoved reports, ${sharedLists} unmoved related lists`);
  });

  it('tells a letter typed into or deleted from speech from every other edit', function () {
    const saved = BASE.indexOf("'Your mail is saved.'");
    assert.deepEqual(moveOf('Your mail', 'Your maill'), { inside: saved, at: saved + "'Your mail is saved.".length, delta: 1 });
    assert.deepEqual(moveOf('Your mail', 'Your mal'), { inside: saved, at: saved + "'Your mail is saved.".length, delta: -1 });
    assert.ok(moveOf('Anything else?', 'Anything els?'), 'a template without substitutions');
    assert.ok(moveOf('In a block', 'In a blocks'), 'speech in an if block of the handler');
    assert.equal(moveOf('Your mail', 'Your mail'), null, 'no change');
    for (const [from, to, why] of [
      ['mail sent', 'mails sent', 'a string that is not speech'],
      ['Not the SDK', 'Not the SDKs', "speak of the skill's own object"],
      ["'MailIntent'", "'MailIntents'", 'a canHandle string'],
      ['Your mail', 'Your/mail', 'a path in speech'],
      ['Your mail', 'Your:mail', 'a scope-like colon'],
      ['Your mail', 'GRANTED mail', 'an evidence word'],
      ['Your mail', "Your' + 'mail", 'a quote'],
      ['Your mail', 'Your\\nmail', 'a backslash'],
      ['Anything else?', 'Anything ${x}', 'a substitution'],
      ['const email', 'const mail', 'an identifier'],
      ['// the end', '// the ends', 'a comment'],
      ['Your mail', 'Your\nmail', 'a line break'],
      ['Your mail', 'Your setPersistentAttributes mail', 'a word the data flow finds in a function body'],
      ['Your mail', 'Your handlerInput.attributesManager mail', 'a parameter use the data flow finds in a function body'],
      ['Your mail', 'Your ttl mail', 'an expiry word'],
      ['Stored answer', 'Stored answers', 'speech inside the arguments of another call (a store call, whose text is read)'],
      ['Nested in a callee', 'Nested in a callees', "speech in a function inside a store call's callee (quoted in the store's description)"],
      ['In a key', 'In a keys', 'speech in an element access of an assignment target (quoted in a description)'],
    ] as const) {
      assert.equal(moveOf(from, to), undefined, why);
    }
  });

  it("with `logs`, tells a letter typed into or deleted from a console method's string argument from every other edit", function () {
    const sent = BASE.indexOf("'mail sent'");
    assert.deepEqual(moveOf('mail sent', 'mails sent', true), { inside: sent, at: sent + "'mail sent".length, delta: 1 });
    assert.deepEqual(moveOf('mail sent', 'mal sent', true), { inside: sent, at: sent + "'mail sent".length, delta: -1 });
    assert.ok(moveOf("'failed'", "'faled'", true), 'a second argument');
    assert.ok(moveOf('Your mail', 'Your maill', true), 'speech still');
    assert.equal(moveOf('mail sent', 'mails sent'), undefined, 'not without logs');
    for (const [from, to, why] of [
      ['logged elsewhere', 'logged elsewhere!', "a method of the skill's own object"],
      ['inside a call', 'inside a cal', 'a log call that is an argument of another call'],
      ['mail ${email}', 'mail x${email}', 'a template with a substitution'],
      ['mail sent', 'mail/sent', 'a path'],
      ['mail sent', 'mail:sent', 'a scope-like colon'],
      ['mail sent', 'AskForPermissionsConsent sent', 'an evidence word'],
      ['mail sent', "mail' + 'sent", 'a quote'],
      ["'MailIntent'", "'MailIntents'", 'a canHandle string'],
    ] as const) {
      assert.equal(moveOf(from, to, true), undefined, why);
    }
  });

  it("keeps only LOG_RULES' reports across an edit inside a log's message, and equals a fresh check", function () {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-speech-edits-'));
    try {
      const r = new Random(4242);
      let files = randomSkill(r);
      for (let seed = 4243; !files['lambda/index.js'].includes("console.log('helper 0 done')"); seed++) files = randomSkill(new Random(seed));
      const sides = new Sides(files, base);
      assert.equal(ours(sides.inc), ours(sides.fresh, freshFindings(sides.fresh)), 'before the edit');
      const before = { ...keptReportStats };
      sides.edit('lambda/index.js', (t) => t.replace("console.log('helper 0 done')", "console.log('helper 0 is done')"));
      assert.equal(ours(sides.inc), ours(sides.fresh, freshFindings(sides.fresh)), 'after the edit');
      assert.equal(keptReportStats.kept - before.kept, LOG_RULES.length);
      // The 13 rules' KeptReports read the skill once for the check, and work out the moves once with `logs` and once without.
      assert.equal(keptReportStats.inputs - before.inputs, 1, 'inputs read');
      assert.equal(keptReportStats.moves - before.moves, 2, 'moves worked out');
    } finally {
      fs.rmSync(base, { recursive: true, force: true });
    }
  });

  it('works out the moves once per earlier check the rules kept, when their snapshots are of different checks', function () {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-speech-edits-'));
    try {
      let files = randomSkill(new Random(4242));
      for (let seed = 4243; !files['lambda/index.js'].includes("console.log('helper 0 done')"); seed++) files = randomSkill(new Random(seed));
      const sides = new Sides(files, base);
      const typed = (t: string): string => t.replace("console.log('helper 0 ", "console.log('helper 0 x");
      assert.equal(ours(sides.inc), ours(sides.fresh, freshFindings(sides.fresh)), 'before the edits');
      // Only consent-not-checked checks after the first letter: its snapshot is one check newer than the other rules'.
      sides.edit('lambda/index.js', typed);
      lintSkill(sides.inc.skill, { rules: [ruleById('consent-not-checked')!] });
      sides.edit('lambda/index.js', typed);
      const before = { ...keptReportStats };
      assert.equal(ours(sides.inc), ours(sides.fresh, freshFindings(sides.fresh)), 'after the second letter');
      // With `logs`, from the check before (consent-not-checked) and from the first (the other two); without, from the first.
      assert.equal(keptReportStats.moves - before.moves, 3, 'moves worked out');
      assert.equal(keptReportStats.kept - before.kept, LOG_RULES.length);
    } finally {
      fs.rmSync(base, { recursive: true, force: true });
    }
  });

  it('keeps the reports across speech edits and equals a fresh check after each edit of 30 random skills', function () {
    this.timeout(120000);
    const before = keptReportStats.kept;
    for (let seed = 1; seed <= 30; seed++) runRandom(seed * 7919, 30);
    // Most edits are speech only: the kept path is what was compared, not only the full checks.
    assert.ok(keptReportStats.kept - before > 30 * 30, `kept ${keptReportStats.kept - before}`);
    assert.deepEqual([...reported].sort(), [...RULES].sort());
  });

  describe('edits that must change the findings', function () {
    const files: Files = {
      'ask-resources.json': ASK_RESOURCES,
      'skill-package/skill.json': manifest(new Random(1)).replace(/"permissions": \[[^\]]*\]/, '"permissions": []'),
      'skill-package/interactionModels/custom/en-US.json': MODEL,
      'lambda/index.js': `${HEAD}
async function lookup(handlerInput) {
  return handlerInput.serviceClientFactory.getUpsServiceClient().getProfileEmail();
}

const Mail = {
  canHandle(handlerInput) {
    return Alexa.getIntentName(handlerInput.requestEnvelope) === 'MailIntent';
  },
  async handle(handlerInput) {
    const email = await lookup(handlerInput);
    return handlerInput.responseBuilder.speak('Saved.').getResponse();
  },
};

const Other = {
  canHandle(handlerInput) {
    return Alexa.getIntentName(handlerInput.requestEnvelope) === 'OtherIntent';
  },
  handle(handlerInput) {
    return handlerInput.responseBuilder.speak('Other.').getResponse();
  },
};

exports.handler = Alexa.SkillBuilders.custom()
  .addRequestHandlers(Mail, Other)
  .lambda();
`,
    };
    const INDEX = 'lambda/index.js';

    /** Our findings (rule id, line) after each step, each step also checked against a fresh check, with a speech edit before each. */
    function script(steps: Array<[string, (t: string) => string]>): string[][] {
      const base = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-speech-edits-'));
      try {
        const sides = new Sides(files, base);
        const texts = sides.texts;
        const pick = (s: Side): string[] =>
          lintSkill(s.skill)
            .filter((f) => RULES.has(f.ruleId) && !MODEL_RULES.has(f.ruleId))
            .map((f) => `${f.ruleId}@${(texts.get(path.relative(s.root, f.file)) ?? fs.readFileSync(f.file, 'utf8')).slice(0, f.offset).split('\n').length}`);
        const out = [pick(sides.inc)];
        const edit = (rel: string, e: (t: string) => string): void => {
          sides.edit(rel, e);
          assert.equal(ours(sides.inc), ours(sides.fresh, freshFindings(sides.fresh)), `after editing ${rel}`);
        };
        for (const [rel, e] of steps) {
          // A speech edit first, so that the step's check follows a check that kept its reports.
          edit(INDEX, (t) => t.replace("speak('Other", "speak('x Other"));
          edit(rel, e);
          out.push(pick(sides.inc));
        }
        return out;
      } finally {
        fs.rmSync(base, { recursive: true, force: true });
      }
    }

    it('a speech edit keeps the findings, moved with the text', function () {
      const [first, after] = script([[INDEX, (t) => t.replace("speak('Saved.')", "speak('Saved, thank you.')")]]);
      assert.deepEqual(after, first);
      assert.ok(first.includes('consent-not-checked@6') && first.includes('permission-not-declared@6'), first.join());
    });

    it("a handler's canHandle, a registration, a helper, a permission or a suppression comment changes them", function () {
      const steps: Array<[string, (t: string) => string]> = [
        // The helper no longer calls the API: no finding.
        [INDEX, (t) => t.replace('getUpsServiceClient().getProfileEmail();', 'getUpsServiceClient();')],
        [INDEX, (t) => t.replace('getUpsServiceClient();', 'getUpsServiceClient().getProfileEmail();')],
        // The handler checks consent: consent-not-checked goes.
        [INDEX, (t) => t.replace('    const email = await lookup(handlerInput);', `    ${CONSENT}\n    const email = await lookup(handlerInput);`)],
        [INDEX, (t) => t.replace(`    ${CONSENT}\n`, '')],
        // The permission declared: permission-not-declared goes.
        ['skill-package/skill.json', (t) => t.replace('"permissions": []', '"permissions": [{ "name": "alexa::profile:email:read" }]')],
        // A suppression comment before the call.
        [INDEX, (t) => t.replace('  return handlerInput.serviceClientFactory', '  // skill-privacy-disable-next-line consent-not-checked\n  return handlerInput.serviceClientFactory')],
        // The handler no longer registered, then its canHandle changed.
        [INDEX, (t) => t.replace('.addRequestHandlers(Mail, Other)', '.addRequestHandlers(Other)')],
        [INDEX, (t) => t.replace('.addRequestHandlers(Other)', '.addRequestHandlers(Mail, Other)').replace("'MailIntent'", "'PostIntent'")],
      ];
      const out = script(steps);
      const has = (i: number, f: string): boolean => out[i].includes(f);
      assert.ok(has(0, 'consent-not-checked@6') && has(0, 'permission-not-declared@6'), out[0].join());
      assert.deepEqual(out[1], [], 'helper without the call');
      assert.deepEqual(out[2], out[0], 'call back');
      assert.ok(!out[3].some((f) => f.startsWith('consent-not-checked')) && out[3].some((f) => f.startsWith('permission-not-declared')), out[3].join());
      assert.deepEqual(out[4], out[0], 'consent check removed');
      assert.ok(!out[5].some((f) => f.startsWith('permission-not-declared')) && out[5].some((f) => f.startsWith('consent-not-checked')), out[5].join());
      assert.ok(!out[6].some((f) => f.startsWith('consent-not-checked')), `suppressed: ${out[6].join()}`);
    });
  });
});
