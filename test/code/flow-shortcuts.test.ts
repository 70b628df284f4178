/**
 * Differential test of the data flow's shortcuts (code/analyze.ts `flowShortcuts`): body facts
 * worked out only for bodies that can have them (a call in a file that never names
 * `setPersistentAttributes`; the handlerInput pattern only in a body naming one of the SDK
 * properties it looks for) and a value's taints handed back as they are when it holds nothing
 * else. Over hand cases that depend on each (a parameter used only through one of the four
 * properties, logged whole; persistent attributes saved by a helper in another file; data in
 * promises, objects and envelope parts) and seeded random skills, the model with the shortcuts
 * equals the one without them, parsed afresh for each so that no fact is shared.
 */
import { strict as assert } from 'assert';
import { analyzeSkillCodeFresh, flowShortcuts } from '../../server/src/engine/code/analyze';
import { clearParseCache } from '../../server/src/engine/code/parse';
import { Random } from '../robustness/support';
import { analysisOf } from './helpers';
import { HEAD, randomSkill, slot } from './random-skill';

type Files = Record<string, string>;

function model(files: Files, shortcuts: boolean): string {
  clearParseCache();
  flowShortcuts.enabled = shortcuts;
  try {
    return JSON.stringify(analyzeSkillCodeFresh(analysisOf(files).skill));
  } finally {
    flowShortcuts.enabled = true;
    clearParseCache();
  }
}

const handler = (params: string, body: string): string =>
  `exports.H = {\n  canHandle(handlerInput) { return Alexa.getIntentName(handlerInput.requestEnvelope) === 'I'; },\n  async handle(${params}) {\n${body}\n  },\n};\n`;

// Each of the properties the handlerInput pattern names, as the only one the body uses.
const SOLE_USES = ['requestEnvelope', 'responseBuilder', 'attributesManager', 'serviceClientFactory'].map((p) =>
  handler('input, extra', `    console.log('in', input);\n    axios.post('https://x.example.com', { extra, all: input });\n    const part = input.${p};\n    return part;`),
);

const CASES: Files[] = [
  ...SOLE_USES.map((code) => ({ 'index.js': HEAD + code })),
  // A parameter named like handlerInput that no body uses so: not the envelope.
  { 'index.js': HEAD + handler('handlerInput', `    console.log(handlerInput);\n    return [1, 2].map((x) => x + handlerInput.toString());`) },
  // Callbacks and nested functions, with and without the properties.
  { 'index.js': HEAD + handler('hi', `    const f = (h) => { console.log(h); return h.attributesManager; };\n    const g = function (h) { console.log(h); };\n    [hi].forEach(f);\n    g(hi);\n    return hi.responseBuilder.getResponse();`) },
  // setPersistentAttributes in the writing function, in a helper, in another file, or nowhere.
  {
    'index.js': HEAD + `const { save } = require('./store');\n` + handler('handlerInput', `    const a = await handlerInput.attributesManager.getPersistentAttributes();\n    a.phone = ${slot('phone')};\n    save(handlerInput, a);\n    return handlerInput.responseBuilder.getResponse();`),
    'store.js': `exports.save = (handlerInput, a) => { a.email = handlerInput.requestEnvelope.request.intent.slots.email.value; handlerInput.attributesManager.setPersistentAttributes(a); };\n`,
  },
  {
    'index.js': HEAD + handler('handlerInput', `    const a = await handlerInput.attributesManager.getPersistentAttributes();\n    const put = (k, v) => { a[k] = v; };\n    put('phone', ${slot('phone')});\n    a.name = ${slot('name')};\n    handlerInput.attributesManager.setPersistentAttributes(a);\n    await handlerInput.attributesManager.savePersistentAttributes();`),
  },
  {
    'index.js': HEAD + handler('handlerInput', `    const a = await handlerInput.attributesManager.getPersistentAttributes();\n    a.phone = ${slot('phone')};\n    await handlerInput.attributesManager.savePersistentAttributes();`),
  },
  // Data alone, in promises, in objects, in envelope parts, through recursion.
  {
    'index.js':
      HEAD +
      `function deep(n, v) { return n > 0 ? deep(n - 1, { v }) : v; }\n` +
      handler(
        'handlerInput',
        `    const phone = ${slot('phone')};\n    const p = Promise.resolve(phone);\n    const email = await handlerInput.serviceClientFactory.getUpsServiceClient().getProfileEmail();\n    console.log(phone, await p, email, { phone }, [email], deep(3, phone));\n    console.log(handlerInput.requestEnvelope.context.System.user.userId, \`\${phone}-\${email}\`);\n    axios.post('https://crm.example.com/' + phone, { body: { email } });\n    return handlerInput.responseBuilder.speak(phone + email).getResponse();`,
      ),
  },
];

describe('data-flow shortcuts (code/analyze.ts flowShortcuts, differential)', () => {
  it('hand cases: the model with the shortcuts is the one without them', () => {
    for (const [i, files] of CASES.entries()) {
      const on = model(files, true);
      assert.equal(on, model(files, false), `case ${i}`);
      assert.ok(JSON.parse(on).flows.length > 0 || i === 4, `case ${i} finds flows`);
    }
  });

  it('the cases depend on what the shortcuts skip: an envelope parameter logged whole, persistent attributes not saved', () => {
    // Logged whole, the parameter used only through serviceClientFactory is the request envelope.
    const m = JSON.parse(model(CASES[3], true)) as { flows: Array<{ source: { kind: string }; sink: { kind: string } }> };
    assert.ok(m.flows.some((f) => f.source.kind === 'envelope' && f.sink.kind === 'log'), 'envelope logged');
    // In the function that saves them, a write into the attributes is not a write of its own; in
    // the closure that does not, it is.
    const writes = (JSON.parse(model(CASES[7], true)) as { writes: Array<{ description: string }> }).writes.map((w) => w.description);
    assert.ok(writes.some((d) => d.startsWith('`a[k]`')) && !writes.some((d) => d.startsWith('`a.name`')), writes.join('; '));
  });

  it('300 seeded random skills: the model with the shortcuts is the one without them', function () {
    this.timeout(120_000);
    const r = new Random(31);
    let flows = 0;
    for (let k = 0; k < 300; k++) {
      const files = randomSkill(r, r.chance(0.7));
      const on = model(files, true);
      assert.equal(on, model(files, false), `skill ${k}`);
      flows += (JSON.parse(on) as { flows: unknown[] }).flows.length;
    }
    assert.ok(flows > 300, `${flows} flows`);
  });
});
