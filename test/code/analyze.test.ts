/**
 * The data-flow pass on its own (code/analyze.ts): the shapes of code it must follow, the code it
 * must survive, and what it must never treat as personal.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { SkillAnalysis } from '../../server/src/engine/analysis';
import { analyzeSkillCode, codeModel } from '../../server/src/engine/code/analyze';
import { CodeModel } from '../../server/src/engine/code/model';
import { DiskFileHost } from '../../server/src/engine/host';
import { discoverSkills } from '../../server/src/engine/project/discover';
import { loadSkill } from '../../server/src/engine/skill';
import { codeSkill } from '../helpers/code-skill';
import { Files, positionOf, writeFiles } from '../helpers/rule-tester';

function model(code: Record<string, string>, extra: Files = {}): { model: CodeModel; at: (file: string, offset: number) => string } {
  const files = codeSkill(code, extra);
  const root = writeFiles(files);
  try {
    const host = new DiskFileHost();
    const skill = loadSkill(discoverSkills(root, host)[0], host);
    const m = codeModel(new SkillAnalysis(skill));
    const at = (file: string, offset: number): string => {
      const rel = path.relative(root, file).split(path.sep).join('/');
      const p = positionOf(files[rel] ?? fs.readFileSync(file, 'utf8'), offset, 0);
      return `${rel}:${p.line}:${p.column}`;
    };
    return { model: m, at };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

function flows(r: ReturnType<typeof model>): string[] {
  return r.model.flows.map((f) => `${f.source.kind}:${f.source.short} -> ${f.sink.kind} @${r.at(f.carrier.file, f.carrier.offset)}`);
}

const ASK = "const Alexa = require('ask-sdk-core');\n";

describe('code model: data flow', () => {
  it('keeps the findings of other functions when one function has a syntax error', () => {
    const r = model({
      'index.js': `${ASK}function broken(handlerInput) {
  const x = handlerInput.requestEnvelope.request.intent.slots.phone.value;
  if (x { console.log(
}

const Good = {
  handle(handlerInput) {
    const phone = Alexa.getSlotValue(handlerInput.requestEnvelope, 'phone');
    console.log(phone);
  },
};
`,
    });
    assert.ok(flows(r).includes('slot:phone -> log @lambda/index.js:10:17'), flows(r).join('\n'));
  });

  it('follows new Promise, https.get callbacks, res.on chunks and resolve to a third party and a log', () => {
    const r = model({
      'index.js': `${ASK}const https = require('https');

function getEmail(handlerInput) {
  const { apiEndpoint, apiAccessToken } = handlerInput.requestEnvelope.context.System;
  return new Promise((resolve, reject) => {
    https.get(apiEndpoint + '/v2/accounts/~current/settings/Profile.email', { headers: { Authorization: 'Bearer ' + apiAccessToken } }, (res) => {
      let data = '';
      res.on('data', (chunk) => { data += chunk; });
      res.on('end', () => resolve(JSON.parse(data)));
    }).on('error', reject);
  });
}

const Handler = {
  async handle(handlerInput) {
    const email = await getEmail(handlerInput);
    console.info('got', email);
    return handlerInput.responseBuilder.speak('ok').getResponse();
  },
};
`,
    });
    assert.deepEqual(
      r.model.sources.filter((s) => s.kind === 'profile').map((s) => `${s.description} @${r.at(s.file, s.offset)}`),
      ["the customer's e-mail address (Customer Profile API) @lambda/index.js:7:5"],
    );
    assert.ok(flows(r).includes('profile:email -> log @lambda/index.js:18:25'), flows(r).join('\n'));
    const http = r.model.flows.filter((f) => f.sink.kind === 'http');
    assert.ok(http.every((f) => f.sink.destination === 'api.amazonalexa.com'), 'the REST call goes to the Alexa API host');
  });

  it('follows ES modules: default and named exports, re-exports, and the `.js` suffix of TypeScript imports', () => {
    const r = model({
      'src/index.ts': `import * as Alexa from 'ask-sdk-core';
import report from './report.js';
import { send } from './lib/index';
export const H = { handle(input: Alexa.HandlerInput) { const phone = Alexa.getSlotValue(input.requestEnvelope, 'phone'); report(phone); send({ phone }); } };
`,
      'src/report.ts': 'export default function report(v: string): void {\n  console.warn(`value ${v}`);\n}\n',
      'src/lib/index.ts': "export { send } from './send';\n",
      'src/lib/send.ts': "import got from 'got';\nexport async function send(body: object) {\n  await got.post('https://partner.example.net/hook', { json: body });\n}\n",
    });
    assert.deepEqual(flows(r).sort(), ['slot:phone -> http @lambda/src/lib/send.ts:3:62', 'slot:phone -> log @lambda/src/report.ts:2:25']);
  });

  it('follows return values across modules and records the steps in order', () => {
    const r = model({
      'index.js': `${ASK}const { getPhone } = require('./slots');
const { remember } = require('./store');
const H = {
  handle(handlerInput) {
    const { phone } = { phone: getPhone(handlerInput) };
    remember([phone].concat([]));
  },
};
`,
      'slots.js': "const Alexa = require('ask-sdk-core');\nexports.getPhone = (handlerInput) => Alexa.getSlotValue(handlerInput.requestEnvelope, 'phone');\n",
      'store.js': 'module.exports.remember = function (values) {\n  const [first] = values;\n  console.log(`${first}`);\n};\n',
    });
    const f = r.model.flows.find((x) => x.sink.kind === 'log');
    assert.ok(f, 'a flow to the log');
    assert.equal(r.at(f.source.file, f.source.offset), 'lambda/slots.js:2:38');
    assert.deepEqual(
      f.steps.map((s) => `${s.message} @${r.at(s.file, s.offset)}`),
      ['returned by `getPhone()` @lambda/index.js:6:32', 'passed to `remember()` as `values` @lambda/index.js:7:5'],
    );
    assert.equal(r.at(f.carrier.file, f.carrier.offset), 'lambda/store.js:3:18');
  });

  it('counts a source read in any branch, case, catch or loop (may-analysis)', () => {
    const r = model({
      'index.js': `${ASK}const H = {
  handle(handlerInput) {
    const env = handlerInput.requestEnvelope;
    let value = 'none';
    if (Alexa.getIntentName(env) === 'OtherIntent') value = Alexa.getSlotValue(env, 'phone');
    console.log(value);
    let a;
    switch (env.request.type) {
      case 'IntentRequest': a = env.request.intent.slots.note.value; break;
      default: a = 'x';
    }
    try { throw new Error(a); } catch (e) { console.log(a); }
    for (const k of Object.keys(env.request.intent.slots)) console.log(env.request.intent.slots[k].value);
    while (false) { console.log(env.context.Geolocation); }
  },
};
`,
    });
    assert.deepEqual(flows(r), [
      'slot:phone -> log @lambda/index.js:7:17',
      'slot:note -> log @lambda/index.js:13:57',
      'envelope:slots -> log @lambda/index.js:14:72',
      'geolocation:location -> log @lambda/index.js:15:33',
    ]);
  });

  it('follows class fields and constructor assignments to the methods that use them', () => {
    const r = model({
      'index.ts': `import * as Alexa from 'ask-sdk-core';
import pino from 'pino';
import axios from 'axios';

export class PhoneHandler implements Alexa.RequestHandler {
  private readonly log = pino();
  private http: any;

  constructor() {
    this.http = axios.create({ baseURL: 'https://crm.example.org' });
  }

  canHandle(input: Alexa.HandlerInput): boolean {
    return Alexa.getIntentName(input.requestEnvelope) === 'PhoneIntent';
  }

  async handle(input: Alexa.HandlerInput) {
    const phone = Alexa.getSlotValue(input.requestEnvelope, 'phone');
    this.log.info({ phone });
    await this.http.post('/leads', { phone });
    return input.responseBuilder.getResponse();
  }
}
`,
    });
    assert.deepEqual(flows(r), ['slot:phone -> log @lambda/index.ts:19:21', 'slot:phone -> http @lambda/index.ts:20:38']);
    assert.equal(r.model.flows[1].sink.destination, 'crm.example.org');
  });

  it('never follows node_modules and never treats harmless envelope parts as personal', () => {
    const r = model({
      'index.js': `${ASK}const helper = require('some-helper');
const local = require('./node_modules/some-helper');
const H = {
  handle(handlerInput) {
    const { request, context } = handlerInput.requestEnvelope;
    console.log(request.type, request.locale, request.intent.name, request.dialogState, context.System.application.applicationId);
    console.log(Alexa.getIntentName(handlerInput.requestEnvelope), handlerInput.requestEnvelope.request.intent.slots.topping.value);
    helper.track(handlerInput.t('WELCOME'));
    local.run(Alexa.getSlotValue(handlerInput.requestEnvelope, 'phone'));
  },
};
`,
      'node_modules/some-helper/index.js': "module.exports.run = (x) => console.log(x);\nmodule.exports.track = (x) => require('axios').post('https://x.example', x);\n",
    });
    assert.deepEqual(flows(r), []);
    assert.ok(!r.model.flows.some((f) => f.sink.file.includes('node_modules')));
  });

  it('terminates on recursion, deep nesting and huge expressions', () => {
    // 600 terms: a sum of thousands nests deeper than MAX_CODE_DEPTH (1000) and is reported as too
    // deep to analyse instead (test/robustness/bad-input.test.ts).
    const many = Array.from({ length: 600 }, (_, i) => `a${i}`).join(' + ');
    const nested = `${'(() => '.repeat(200)}phone${')'.repeat(200)}`;
    const r = model({
      'index.js': `${ASK}function f(x, n) { return n ? g(x + f(x, n - 1), n - 1) : x; }
function g(x, n) { return f([x, ...[x]], n) || g({ x }, n); }
const H = {
  handle(handlerInput) {
    const phone = Alexa.getSlotValue(handlerInput.requestEnvelope, 'phone');
    let s = phone;
    for (let i = 0; i < 10; i++) s = s + f(s, i);
    const ${Array.from({ length: 3000 }, (_, i) => `a${i} = s`).join(', ')};
    console.log(${many}, ${nested});
  },
};
`,
    });
    assert.ok(flows(r).some((f) => f.startsWith('slot:phone -> log')), flows(r).join('\n'));
  });

  it('survives half-typed code: every prefix of the fixtures analyses without throwing', () => {
    const fixtures = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'code');
    const host = new DiskFileHost();
    let runs = 0;
    for (const name of fs.readdirSync(fixtures)) {
      const skill = loadSkill(discoverSkills(path.join(fixtures, name), host)[0], host);
      for (const c of skill.code) {
        for (let cut = 0; cut < c.text.length; cut += 53) {
          const code = skill.code.map((x) => (x === c ? { file: x.file, text: x.text.slice(0, cut) } : x));
          const m = analyzeSkillCode({ ...skill, code });
          assert.ok(Array.isArray(m.flows));
          runs++;
        }
      }
    }
    assert.ok(runs > 100, `${runs} prefixes analysed`);
  });

  it('reuses the model while no file changed', () => {
    const files = codeSkill({ 'index.js': `${ASK}const H = { handle(h) { console.log(Alexa.getSlotValue(h.requestEnvelope, 'phone')); } };\n` });
    const root = writeFiles(files);
    try {
      const host = new DiskFileHost();
      const project = discoverSkills(root, host)[0];
      const a = analyzeSkillCode(loadSkill(project, host));
      const b = analyzeSkillCode(loadSkill(project, host));
      assert.equal(a, b);
      fs.writeFileSync(path.join(root, 'lambda/index.js'), files['lambda/index.js'].replace("'phone'", "'topping'"));
      const c = analyzeSkillCode(loadSkill(project, host));
      assert.notEqual(c, a);
      assert.equal(c.flows.length, 0);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
  it('points at the smallest part of a sink argument that carries the data, through wrappers', () => {
    // carrier() looks up the values of the parts of awaits, templates, binaries, conditionals,
    // arrays, spreads and object literals, inside parentheses and type assertions: the pass keeps
    // values for exactly those positions (analyze.ts inCarrierPosition).
    const r = model({
      'index.js': `${ASK}const Handler = {
  async handle(handlerInput) {
    const phone = Alexa.getSlotValue(handlerInput.requestEnvelope, 'phone');
    const other = 'x';
    console.log(\`a \${(phone)} b\`);
    console.log('n: ' + (other + phone));
    console.log(other ? other : ((phone)));
    console.log([other, phone]);
    console.log({ a: other, b: { c: (phone) } });
    console.log({ ...{ phone } });
    console.log(await (phone));
    console.log([...[phone]]);
  },
};
`,
    });
    assert.deepEqual(flows(r), [
      'slot:phone -> log @lambda/index.js:6:22', // `(phone)` in the template
      'slot:phone -> log @lambda/index.js:7:34', // phone, inside the parenthesised sum
      'slot:phone -> log @lambda/index.js:8:33', // `((phone))`, the conditional's branch
      'slot:phone -> log @lambda/index.js:9:25', // the array element
      'slot:phone -> log @lambda/index.js:10:37', // `(phone)`, a nested property
      'slot:phone -> log @lambda/index.js:11:24', // the shorthand property in the spread object
      'slot:phone -> log @lambda/index.js:12:23', // `(phone)` awaited
      'slot:phone -> log @lambda/index.js:13:22', // the element of the spread array
    ]);
  });
});
