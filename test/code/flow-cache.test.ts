/**
 * The data-flow pass reuses what it knows of a parsed tree (code/analyze.ts `treeFacts`: the root
 * functions' handlerInput parameters, raw Lambda entries, `setPersistentAttributes`, the v1
 * expiry writes) and the last model of a skill while no input changed. Differential check: over
 * many seeded random edits of handler code, the warm path (trees, indexes and facts of unchanged
 * files reused) gives exactly the model and the findings of a fresh run from scratch.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DiskFileHost, lintSkill } from '../../server/src/engine';
import { analyzeSkillCode, forgetCodeModel } from '../../server/src/engine/code/analyze';
import { clearParseCache, forgetParsed } from '../../server/src/engine/code/parse';
import { discoverSkills } from '../../server/src/engine/project/discover';
import { Skill, loadSkill } from '../../server/src/engine/skill';
import { codeSkill } from '../helpers/code-skill';
import { writeFiles } from '../helpers/rule-tester';
import { Random } from '../robustness/support';

const INDEX = `const Alexa = require('ask-sdk-core');
const crm = require('./lib/crm');

const PhoneHandler = {
  canHandle(handlerInput) {
    return Alexa.getIntentName(handlerInput.requestEnvelope) === 'PhoneIntent';
  },
  async handle(handlerInput) {
    const phone = Alexa.getSlotValue(handlerInput.requestEnvelope, 'phone');
    const session = handlerInput.attributesManager.getSessionAttributes();
    session.phone = phone;
    console.log('phone', phone);
    await crm.addLead({ phone });
    return handlerInput.responseBuilder.speak(\`Saved \${phone}\`).getResponse();
  },
};

const NoteHandler = {
  async handle(handlerInput) {
    const note = Alexa.getSlotValue(handlerInput.requestEnvelope, 'note');
    const attributes = await handlerInput.attributesManager.getPersistentAttributes();
    attributes.note = note;
    attributes.lastPhone = handlerInput.attributesManager.getSessionAttributes().phone;
    handlerInput.attributesManager.setPersistentAttributes(attributes);
    await handlerInput.attributesManager.savePersistentAttributes();
    return handlerInput.responseBuilder.speak('Noted').getResponse();
  },
};

const LogResponseInterceptor = {
  process(handlerInput, response) {
    console.log(JSON.stringify(response));
  },
};

function describe(input) {
  return input.requestEnvelope.request.intent.slots.topping.value;
}

exports.handler = Alexa.SkillBuilders.custom()
  .addRequestHandlers(PhoneHandler, NoteHandler)
  .addResponseInterceptors(LogResponseInterceptor)
  .lambda();
`;

const CRM = `const axios = require('axios');

async function addLead(lead) {
  const url = 'https://api.example-crm.com/leads';
  return axios.post(url, { lead, source: 'alexa' });
}

module.exports = { addLead };
`;

const V1 = `const Alexa = require('alexa-sdk');

exports.handler = function (event, context) {
  const alexa = Alexa.handler(event, context);
  alexa.dynamoDBTableName = 'notes';
  console.log(event.request.intent.slots.phone.value);
  alexa.registerHandlers({
    NoteIntent() {
      this.attributes.note = this.event.request.intent.slots.note.value;
      this.attributes.ttl = Date.now() + 86400;
      this.emit(':tell', 'ok');
    },
  });
  alexa.execute();
};
`;

/** The same edits on every run (mulberry32, as bench/generate.mjs). */
const rng = (seed: number): Random => new Random(seed);

/** Edits a developer makes, several of them changing exactly the facts kept per tree. */
const SNIPPETS = [
  '    handlerInput.attributesManager.setPersistentAttributes(attributes);\n',
  '    console.log(handlerInput.requestEnvelope);\n',
  '    this.attributes.expiresAt = 1;\n',
  '    this.attributes.phone = this.event.request.intent.slots.phone.value;\n',
  '    console.log(input.requestEnvelope.request.intent.slots.phone.value);\n',
  "    const p = Alexa.getSlotValue(handlerInput.requestEnvelope, 'phone');\n",
  '    await crm.addLead({ p });\n',
  '    handlerInput.attributesManager.getSessionAttributes().note = note;\n',
  '  process(handlerInput, response) { console.log(response); },\n',
  'exports.handler = (event) => { console.log(event.session.user.userId); };\n',
  '}\n',
  '(',
];

function edit(text: string, r: ReturnType<typeof rng>): string {
  const lines = text.split('\n');
  const at = r.int(lines.length);
  switch (r.int(7)) {
    case 0: // delete a line
      lines.splice(at, 1);
      return lines.join('\n');
    case 1: // duplicate a line
      lines.splice(at, 0, lines[at]);
      return lines.join('\n');
    case 2: // insert a snippet
      lines.splice(at, 0, r.pick(SNIPPETS).replace(/\n$/, ''));
      return lines.join('\n');
    case 3: {
      // rename handlerInput in a stretch of lines (the handlerInput parameter check)
      const to = r.pick(['input', 'hi', 'handlerInput', '$h']);
      for (let i = at; i < Math.min(lines.length, at + 1 + r.int(12)); i++) lines[i] = lines[i].replace(/\bhandlerInput\b/g, to).replace(/\binput\b/g, to);
      return lines.join('\n');
    }
    case 4: {
      // half-typed code: drop a character
      const o = r.int(text.length);
      return text.slice(0, o) + text.slice(o + 1);
    }
    case 5: {
      // type a character
      const o = r.int(text.length + 1);
      return text.slice(0, o) + r.pick(['x', '.', ';', '{', '}', ' ', "'", '\n']) + text.slice(o);
    }
    default: {
      // swap two lines
      const b = r.int(lines.length);
      [lines[at], lines[b]] = [lines[b], lines[at]];
      return lines.join('\n');
    }
  }
}

describe('data-flow caches (differential)', () => {
  let root: string;
  let skill: Skill;
  let original: Skill['code'];
  const host = new DiskFileHost();

  before(() => {
    root = writeFiles(codeSkill({ 'index.js': INDEX, 'lib/crm.js': CRM, 'v1.js': V1 }));
    skill = loadSkill(discoverSkills(root, host)[0], host);
    original = skill.code;
  });
  beforeEach(() => {
    skill.code = original;
  });
  after(() => {
    clearParseCache();
    forgetCodeModel(skill.project.root);
    fs.rmSync(root, { recursive: true, force: true });
  });

  // A fresh run shares no cache with the warm one, whatever a cache were keyed by (tree, path,
  // position, text): the same texts under a root path never used before, paths mapped back after.
  let freshRuns = 0;
  const fresh = (s: Skill): string => {
    const other = path.join(path.dirname(s.project.root), `spl-fresh-${process.pid}-${++freshRuns}`);
    const moved = (f: string): string => other + f.slice(s.project.root.length);
    const copy: Skill = {
      ...s,
      project: { ...s.project, root: other, codeDirs: s.project.codeDirs.map(moved) },
      code: s.code.map((c) => ({ file: moved(c.file), text: c.text })),
    };
    const json = JSON.stringify(analyzeSkillCode(copy));
    forgetCodeModel(other);
    forgetParsed(copy.code.map((c) => c.file));
    return json.split(other).join(s.project.root);
  };
  const findings = (s: Skill): string => JSON.stringify(lintSkill(s, { host }).map((f) => [f.ruleId, f.file, f.offset, f.length, f.message, f.related, f.fixes]));

  it('the fixture has flows of every kind the facts decide (handlerInput, Lambda entry, v1, persistence)', () => {
    const m = analyzeSkillCode(skill);
    const kinds = new Set(m.flows.map((f) => `${f.source.kind}>${f.sink.kind}`));
    for (const k of ['slot>log', 'slot>http', 'slot>persist']) assert.ok(kinds.has(k), `${k} in ${[...kinds].join(', ')}`);
    assert.ok(m.writes.some((w) => w.description.includes('alexa-sdk attributes')), 'the v1 attributes write');
    assert.ok(m.flows.some((f) => path.basename(f.sink.file) === 'index.js' && f.sink.description === '`console.log`' && f.source.kind === 'slot' && f.steps.some((s) => s.message.includes('response'))), 'the response interceptor logs the spoken phone');
  });

  it('200 seeded edits: the warm model equals a fresh run after every edit, and so do the findings', function () {
    this.timeout(180_000);
    const r = rng(7);
    let changed = 0;
    for (let step = 0; step < 200; step++) {
      const i = r.int(skill.code.length);
      const before = skill.code[i].text;
      const text = edit(before, r);
      if (text !== before) changed++;
      skill.code = skill.code.map((c, j) => (j === i ? { file: c.file, text } : c));
      // Warm: the other files' trees, indexes and facts, and the cached model when nothing changed.
      const warmModel = JSON.stringify(analyzeSkillCode(skill));
      // Every rule on every fifth edit (all rules cost about ten times the data flow).
      const warmFindings = step % 5 === 0 ? findings(skill) : '';
      const freshModel = fresh(skill);
      assert.equal(warmModel, freshModel, `model after edit ${step} of ${path.basename(skill.code[i].file)}`);
      if (step % 5 === 0) assert.equal(findings(skill), warmFindings, `findings after edit ${step}`);
    }
    assert.ok(changed > 160, `edits that changed the text: ${changed}`);
  });

  it('each fact kept per tree follows an edit that flips it, in the same file at the same place', () => {
    const flips: Array<[string, string, string]> = [
      // setPersistentAttributes in the handler: its writes into the attributes object are not yet storage
      ['index.js', '    handlerInput.attributesManager.setPersistentAttributes(attributes);\n', ''],
      // a parameter used like handlerInput (the envelope logged through it)
      ['index.js', 'return input.requestEnvelope.request.intent.slots.topping.value;', 'return input.envelope.request.intent.slots.topping.value;'],
      ['index.js', 'process(handlerInput, response) {', 'process(hi, response) {\n    console.log(hi.requestEnvelope);'],
      // the v1 expiry attribute
      ['v1.js', '      this.attributes.ttl = Date.now() + 86400;\n', ''],
      // a raw Lambda entry
      ['v1.js', 'exports.handler = function (event, context) {', 'exports.other = function (event, context) {'],
    ];
    for (const [file, from, to] of flips) {
      const i = skill.code.findIndex((c) => c.file.endsWith(file));
      const a = skill.code[i].text;
      assert.ok(a.includes(from), from);
      const b = a.replace(from, to);
      const models: string[] = [];
      for (const text of [a, b, a, b]) {
        skill.code = skill.code.map((c, j) => (j === i ? { file: c.file, text } : c));
        const warm = JSON.stringify(analyzeSkillCode(skill));
        assert.equal(warm, fresh(skill), `${file}: ${from.trim()}`);
        models.push(warm);
      }
      assert.notEqual(models[0], models[1], `the edit changes the model: ${from.trim()}`);
      skill.code = skill.code.map((c, j) => (j === i ? { file: c.file, text: a } : c));
    }
  });

  it('a cached model is returned only for the same trees: an edit and its undo give the models of fresh runs', () => {
    const i = skill.code.findIndex((c) => c.file.endsWith('index.js'));
    const base = skill.code[i].text;
    const withLog = base.replace("console.log('phone', phone);", "console.log('phone', phone);\n    console.log(handlerInput.requestEnvelope);");
    for (const text of [withLog, base, withLog]) {
      skill.code = skill.code.map((c, j) => (j === i ? { file: c.file, text } : c));
      const warm = JSON.stringify(analyzeSkillCode(skill));
      assert.equal(warm, fresh(skill));
    }
  });
});
