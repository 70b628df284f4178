/**
 * Differential test of the flow rules' reports kept from one check to the next
 * (code/kept-findings.ts: voice-data-logged, personal-data-shared, personal-data-persisted) and of
 * the speech rule's candidates kept per statement (code/speech.ts). A skill is edited many times
 * in a row, as a developer does, and after every edit the findings of every rule of the check that
 * keeps results must equal those of a fresh check (new trees, no data flow of an earlier run,
 * nothing kept by any rule), fixes and related locations included. Hand cases cover the edits
 * that change a kept report while none of its flows' statements changes: the `ask-sdk` import the
 * redaction fix names, the file's quote style, its line ends, a statement joined onto the line of
 * the one before (the expiry fix's indentation), the skill's root.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { KeptFindings, keptFindingStats } from '../../server/src/engine/code/kept-findings';
import { clearParseCache } from '../../server/src/engine/code/parse';
import { lintSkill } from '../../server/src/engine/linter';
import { withoutKeptDecisions } from '../../server/src/engine/rules/speech-requests-personal-data';
import { Finding } from '../../server/src/engine/types';
import { Files, writeFiles } from '../helpers/rule-tester';
import { Random } from '../robustness/support';
import { randomEdit, randomSkill, slot } from './random-skill';
import { KeptReports } from '../../server/src/engine/code/speech-edits';
import { Side, freshFindings as freshChecked, load, normalised, withCode } from './sides';

const LAYOUT: Files = {
  'ask-resources.json': '{ "askcliResourcesVersion": "2020-03-31", "profiles": { "default": { "skillMetadata": { "src": "./skill-package" }, "code": { "default": { "src": "./lambda" } } } } }\n',
  'skill-package/skill.json': '{\n  "manifest": {\n    "publishingInformation": { "locales": { "en-US": { "name": "Shop" } } },\n    "apis": { "custom": {} }\n  }\n}\n',
  'skill-package/interactionModels/custom/en-US.json': JSON.stringify({
    interactionModel: { languageModel: { invocationName: 'corner shop', intents: [{ name: 'I0', slots: [{ name: 'phone', type: 'AMAZON.PhoneNumber' }, { name: 'email', type: 'AMAZON.SearchQuery' }], samples: ['{phone}', 'mail {email}'] }] } },
  }),
};

/** Handlers whose flows reach every kind of sink and every kind of fix. */
const HANDLERS = `const Alexa = require('ask-sdk-core');
const axios = require('axios');
const AWS = require('aws-sdk');
const { subscribe } = require('./crm');
const docClient = new AWS.DynamoDB.DocumentClient();

const LogHandler = {
  handle(handlerInput) {
    console.log('request', handlerInput.requestEnvelope);
    console.log(\`phone \${${slot('phone')}}\`);
    const email = ${slot('email')};
    console.info({ email });
    return handlerInput.responseBuilder.speak('What is your phone number?').getResponse();
  },
};

const StoreHandler = {
  async handle(handlerInput) {
    const phone = ${slot('phone')};
    await docClient.put({
      TableName: 'customers',
      Item: {
        id: handlerInput.requestEnvelope.session.user.userId,
        phone,
      },
    }).promise();
    const attributes = await handlerInput.attributesManager.getPersistentAttributes();
    attributes.phone = phone;
    handlerInput.attributesManager.setPersistentAttributes(attributes);
    await handlerInput.attributesManager.savePersistentAttributes();
    return handlerInput.responseBuilder.getResponse();
  },
};

const ShareHandler = {
  async handle(handlerInput) {
    const email = ${slot('email')};
    await axios.post('https://crm.example.com/contacts', { email });
    await subscribe(email);
    return handlerInput.responseBuilder.speak('Tell me your e-mail address.').getResponse();
  },
};

const Discovery = {
  endpoints: [{ capabilities: [{ interface: 'Alexa.PowerController', properties: { proactivelyReported: true } }] }],
};

function changeReport(state) {
  return { event: { header: { namespace: 'Alexa', name: 'ChangeReport' } }, state };
}

exports.handler = Alexa.SkillBuilders.custom().addRequestHandlers(LogHandler, StoreHandler, ShareHandler).lambda();
`;

const CRM = `const axios = require('axios');
function subscribe(email) {
  return axios.post('https://lists.example.net/subscribe', { email, source: 'alexa' });
}
module.exports = { subscribe };
`;

/** Edits beside the random ones: each changes what a kept report reads outside its flows' statements. */
const CONTEXT_EDITS: Array<(text: string) => string> = [
  (t) => (t.includes("const Alexa = require('ask-sdk-core');") ? t.replace("const Alexa = require('ask-sdk-core');", "const Ask = require('ask-sdk-core');") : t.replace("const Ask = require('ask-sdk-core');", "const Alexa = require('ask-sdk-core');")),
  (t) => t.replace(/\n\n(const \w+ = \{)/, (_m, s: string) => `\nconst quotes = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u"];\n\n${s}`),
  (t) => t.replace(/\nconst quotes = \[[^\]]*\];\n/, '\n'),
  (t) => (t.includes('\r\n') ? t.replace(/\r\n/g, '\n') : t.replace(/\n/g, '\r\n')),
  // A statement joined onto the end of the one before: its first line now starts in another statement.
  (t) => t.replace(/;\r?\n\r?\n(const StoreHandler)/, '; $1'),
  (t) => t.replace(/; (const StoreHandler)/, ';\n\n$1'),
  // The smart-home markers come and go (proactive-state-reporting keeps them per statement).
  (t) => (t.includes('proactivelyReported: true') ? t.replace('proactivelyReported: true', 'proactivelyReported: false') : t.replace('proactivelyReported: false', 'proactivelyReported: true')),
  (t) => (t.includes("name: 'ChangeReport'") ? t.replace("name: 'ChangeReport'", "name: 'StateReport'") : t.replace("name: 'StateReport'", "name: 'ChangeReport'")),
  (t) => t.replace('function changeReport(state) {', "const More = { properties: { proactivelyReported: true } };\nfunction changeReport(state) {"),
];

function freshFindings(side: Side): Finding[] {
  return freshChecked(side, (check) => {
    KeptFindings.enabled = false;
    try {
      return withoutKeptDecisions(check);
    } finally {
      KeptFindings.enabled = true;
    }
  });
}

interface Outcome {
  edits: number;
  /** Distinct sets of flow findings seen: the edits changed what the rules find. */
  distinct: number;
}

/** Edits `files` `steps` times, comparing every check with a fresh one. */
function run(files: Files, seed: number, steps: number, contextEdits: boolean): Outcome {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-kept-'));
  const seen = new Set<string>();
  try {
    const inc = load(writeFiles(files, path.join(base, 'incremental')));
    const fresh = load(writeFiles(files, path.join(base, 'fresh')));
    const r = new Random(seed);
    const texts = new Map(inc.skill.code.map((c) => [path.relative(inc.root, c.file), c.text]));
    const rels = [...texts.keys()].sort();
    assert.equal(normalised(lintSkill(inc.skill), inc.root), normalised(freshFindings(fresh), fresh.root), 'before any edit');
    for (let step = 1; step <= steps; step++) {
      const rel = r.chance(0.8) ? rels[0] : r.pick(rels);
      const text = texts.get(rel)!;
      texts.set(rel, contextEdits && r.chance(0.25) ? r.pick(CONTEXT_EDITS)(text) : randomEdit(r, text));
      withCode(inc, texts);
      withCode(fresh, texts);
      // Now and then every tree is let go, as the CLI does after a skill: the kept reports start over.
      if (step % 50 === 0) clearParseCache();
      const got = normalised(lintSkill(inc.skill), inc.root);
      const want = normalised(freshFindings(fresh), fresh.root);
      if (got !== want) assert.equal(got, want, `findings differ from a fresh check after edit ${step} (seed ${seed})\n${[...texts.values()].join('\n---\n')}`);
      seen.add(String((JSON.parse(want) as Finding[]).filter((f) => /^(voice-data-logged|personal-data-(shared|persisted)|proactive-state-reporting)$/.test(f.ruleId)).map((f) => `${f.ruleId}:${f.offset}:${f.fixes.map((x) => x.edits.map((e) => e.newText).join()).join()}`)));
    }
    return { edits: steps, distinct: seen.size };
  } finally {
    clearParseCache();
    fs.rmSync(base, { recursive: true, force: true });
  }
}

const skillOf = (code: Record<string, string>): Files => ({ ...LAYOUT, ...Object.fromEntries(Object.entries(code).map(([rel, text]) => [`lambda/${rel}`, text])) });

describe('flow reports and speech candidates kept across checks equal a fresh check (code/kept-findings.ts, code/speech.ts)', function () {
  this.timeout(600_000);
  // The reports kept across speech-only edits (code/speech-edits.ts, test/code/speech-edits.test.ts)
  // would answer many of these edits before the flow reports are keyed: this test is of the latter.
  before(() => {
    KeptReports.enabled = false;
  });
  after(() => {
    KeptReports.enabled = true;
  });

  it('hand-written handlers: logs, storage, sharing, every fix; 160 random and context edits', () => {
    const before = { ...keptFindingStats };
    const out = run(skillOf({ 'index.js': HANDLERS, 'crm.js': CRM }), 42, 160, true);
    assert.ok(out.distinct > 10, `only ${out.distinct} distinct flow results over ${out.edits} edits`);
    assert.ok(keptFindingStats.hits - before.hits > 200, `reports reused: ${keptFindingStats.hits - before.hits}`);
  });

  it('another seed of the same', () => {
    run(skillOf({ 'index.js': HANDLERS, 'crm.js': CRM }), 4242, 120, true);
  });

  it('40 seeded random skills (test/code/random-skill.ts) × 10 random edits', () => {
    const before = { ...keptFindingStats };
    let distinct = 0;
    for (let seed = 0; seed < 40; seed++) {
      const r = new Random(500 + seed);
      distinct += run(skillOf(randomSkill(r, seed % 2 === 0)), 900 + seed, 10, seed % 4 === 0).distinct;
    }
    assert.ok(distinct > 100, `only ${distinct} distinct flow results`);
    assert.ok(keptFindingStats.hits - before.hits > 300, `reports reused: ${keptFindingStats.hits - before.hits}`);
  });

  it('model-schema: problems kept per model document follow a changed model', () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-kept-'));
    try {
      const files = skillOf({ 'index.js': HANDLERS, 'crm.js': CRM });
      const root = writeFiles(files, base);
      const schema = (fs: Finding[]): string[] => fs.filter((f) => f.ruleId === 'model-schema').map((f) => f.message);
      const side = load(root);
      assert.deepEqual(schema(lintSkill(side.skill)), []);
      assert.deepEqual(schema(lintSkill(side.skill)), []);
      const modelFile = path.join(root, 'skill-package/interactionModels/custom/en-US.json');
      fs.writeFileSync(modelFile, fs.readFileSync(modelFile, 'utf8').replace('"invocationName":"corner shop"', '"invocationName":42'));
      const edited = load(root);
      const got = schema(lintSkill(edited.skill));
      assert.equal(got.length, 1, got.join('\n'));
      assert.deepEqual(schema(lintSkill(edited.skill)), got);
      assert.deepEqual(schema(freshFindings(load(root))), got);
      // The first document is still the one it was.
      assert.deepEqual(schema(lintSkill(side.skill)), []);
    } finally {
      clearParseCache();
      fs.rmSync(base, { recursive: true, force: true });
    }
  });

  it('the redaction fix follows the ask-sdk import while the logging statement stays the same', () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-kept-'));
    try {
      const side = load(writeFiles(skillOf({ 'index.js': HANDLERS, 'crm.js': CRM }), base));
      const redactions = (): string[] =>
        lintSkill(side.skill)
          .filter((f) => f.ruleId === 'voice-data-logged')
          .flatMap((f) => f.fixes.flatMap((x) => x.edits.map((e) => e.newText)))
          .filter((t) => t.includes('getRequestType'));
      const texts = new Map(side.skill.code.map((c) => [path.relative(side.root, c.file), c.text]));
      redactions();
      assert.deepEqual(redactions(), ['Alexa.getRequestType(handlerInput.requestEnvelope)']);
      texts.set('lambda/index.js', texts.get('lambda/index.js')!.replace("const Alexa = require('ask-sdk-core');", "const Ask = require('ask-sdk-core');"));
      withCode(side, texts);
      // `Alexa.getSlotValue` now names nothing the analysis knows, so more reaches the logs; every redaction names the new import.
      const after = redactions();
      assert.ok(after.length >= 1 && after.every((t) => t === 'Ask.getRequestType(handlerInput.requestEnvelope)'), after.join('\n'));
    } finally {
      clearParseCache();
      fs.rmSync(base, { recursive: true, force: true });
    }
  });
});
