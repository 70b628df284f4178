// Deterministic workloads for `npm run bench`: every file comes from a seeded generator, so two
// runs (and two machines) measure the same code. Nothing here is copied from a real skill.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** mulberry32: a small seeded PRNG; good enough to vary templates, identical on every run. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
  };
}

const WORDS = ['pizza', 'order', 'booking', 'recipe', 'quiz', 'weather', 'reminder', 'workout', 'story', 'music', 'garden', 'travel', 'budget', 'coffee', 'parking', 'library', 'movie', 'yoga', 'trivia', 'podcast'];
const PERSONAL_SLOTS = [
  { name: 'phone', type: 'AMAZON.PhoneNumber', sample: 'my number is {phone}' },
  { name: 'firstName', type: 'AMAZON.FirstName', sample: 'my name is {firstName}' },
  { name: 'birthday', type: 'AMAZON.DATE', sample: 'my birthday is {birthday}' },
  { name: 'city', type: 'AMAZON.City', sample: 'I live in {city}' },
  { name: 'note', type: 'AMAZON.SearchQuery', sample: 'remember {note}' },
];
const PLAIN_SLOTS = [
  { name: 'size', type: 'SizeType', sample: 'a {size} one' },
  { name: 'count', type: 'AMAZON.NUMBER', sample: 'give me {count}' },
  { name: 'colour', type: 'ColourType', sample: 'the {colour} one' },
  { name: 'day', type: 'AMAZON.DATE', sample: 'on {day}' },
];
const LOCALES = ['en-US', 'de-DE', 'fr-FR', 'es-ES', 'ja-JP', 'it-IT', 'en-GB', 'pt-BR', 'hi-IN'];

const cap = (s) => s[0].toUpperCase() + s.slice(1);

function write(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

// ---------------------------------------------------------------------------------------------
// Handler code

/** One handler object or helper function, as an ask-sdk-core developer writes them. */
function handlerBlock(r, i, opts) {
  const intent = `${cap(r.pick(WORDS))}${cap(r.pick(WORDS))}${i}Intent`;
  const slot = r.pick(r.next() < 0.5 ? PERSONAL_SLOTS : PLAIN_SLOTS).name;
  const name = `${intent.replace(/Intent$/, '')}Handler`;
  const kind = r.int(opts.profile ? 6 : 5);
  const head = [
    `const ${name} = {`,
    `  canHandle(handlerInput) {`,
    `    return Alexa.getRequestType(handlerInput.requestEnvelope) === 'IntentRequest'`,
    `      && Alexa.getIntentName(handlerInput.requestEnvelope) === '${intent}';`,
    `  },`,
  ];
  let body;
  switch (kind) {
    case 0: // slot value logged and spoken
      body = [
        `  handle(handlerInput) {`,
        `    const ${slot} = Alexa.getSlotValue(handlerInput.requestEnvelope, '${slot}');`,
        `    console.log('${intent} got', ${slot});`,
        `    const speakOutput = \`You said \${${slot}}. What next?\`;`,
        `    return handlerInput.responseBuilder`,
        `      .speak(speakOutput)`,
        `      .reprompt('What would you like to do next?')`,
        `      .getResponse();`,
        `  },`,
      ];
      break;
    case 1: // stored in persistent attributes
      body = [
        `  async handle(handlerInput) {`,
        `    const value = Alexa.getSlotValue(handlerInput.requestEnvelope, '${slot}');`,
        `    const attributes = await handlerInput.attributesManager.getPersistentAttributes() || {};`,
        `    attributes.${slot} = value;`,
        `    attributes.visits = (attributes.visits || 0) + 1;`,
        `    handlerInput.attributesManager.setPersistentAttributes(attributes);`,
        `    await handlerInput.attributesManager.savePersistentAttributes();`,
        `    return handlerInput.responseBuilder.speak('Saved. Anything else?').reprompt('Anything else?').getResponse();`,
        `  },`,
      ];
      break;
    case 2: // sent to a third party through a helper module
      body = [
        `  async handle(handlerInput) {`,
        `    const userId = Alexa.getUserId(handlerInput.requestEnvelope);`,
        `    const value = Alexa.getSlotValue(handlerInput.requestEnvelope, '${slot}');`,
        `    try {`,
        `      await sendToCrm(userId, { ${slot}: value, intent: '${intent}' });`,
        `    } catch (err) {`,
        `      console.error('crm failed', err.message);`,
        `    }`,
        `    return handlerInput.responseBuilder.speak(formatReply('${slot}', value)).getResponse();`,
        `  },`,
      ];
      break;
    case 3: // posted directly with axios
      body = [
        `  async handle(handlerInput) {`,
        `    const value = Alexa.getSlotValue(handlerInput.requestEnvelope, '${slot}');`,
        `    const locale = Alexa.getLocale(handlerInput.requestEnvelope);`,
        `    const res = await axios.post('https://api.example-${i % 7}.com/v1/events', { value, locale });`,
        `    if (res.status !== 200) {`,
        `      return handlerInput.responseBuilder.speak('Sorry, try again later.').getResponse();`,
        `    }`,
        `    return handlerInput.responseBuilder.speak(\`Done: \${res.data.summary}\`).getResponse();`,
        `  },`,
      ];
      break;
    case 4: // harmless: session attributes and speech only
      body = [
        `  handle(handlerInput) {`,
        `    const session = handlerInput.attributesManager.getSessionAttributes();`,
        `    session.step = (session.step || 0) + 1;`,
        `    handlerInput.attributesManager.setSessionAttributes(session);`,
        `    const tips = ['Try saying help.', 'You can ask for a ${r.pick(WORDS)}.', 'Say stop to finish.'];`,
        `    const tip = tips[session.step % tips.length];`,
        `    return handlerInput.responseBuilder.speak(tip).reprompt(tip).getResponse();`,
        `  },`,
      ];
      break;
    default: // a permissioned API (profile e-mail)
      body = [
        `  async handle(handlerInput) {`,
        `    const ups = handlerInput.serviceClientFactory.getUpsServiceClient();`,
        `    const email = await ups.getProfileEmail();`,
        `    console.log('mailing receipt to', email);`,
        `    await sendToCrm(Alexa.getUserId(handlerInput.requestEnvelope), { email });`,
        `    return handlerInput.responseBuilder.speak('I sent you an e-mail.').getResponse();`,
        `  },`,
      ];
  }
  return { name, intent, lines: [...head, ...body, `};`, ``] };
}

function helperFunction(r, i) {
  const w = r.pick(WORDS);
  return [
    `function describe${cap(w)}${i}(items, locale) {`,
    `  const list = (items || []).filter((x) => x && x.enabled).map((x) => x.label);`,
    `  if (list.length === 0) return locale.startsWith('de') ? 'Nichts gefunden.' : 'Nothing found.';`,
    `  return list.slice(0, 3).join(', ');`,
    `}`,
    ``,
  ];
}

/**
 * A handler file of about `lines` lines: handler objects, a few helpers, the requires of the
 * skill's modules and the list of handlers exported for index.js.
 */
export function handlerFile(seed, lines, opts = {}) {
  const r = rng(seed);
  const out = [
    `const Alexa = require('ask-sdk-core');`,
    `const axios = require('axios');`,
    `const { sendToCrm } = require('./lib/crm');`,
    `const { formatReply } = require('./lib/format');`,
    ``,
  ];
  const names = [];
  let i = 0;
  while (out.length < lines - 4 - Math.ceil(names.length / 8)) {
    if (i % 9 === 8) out.push(...helperFunction(r, i));
    else {
      const b = handlerBlock(r, i, opts);
      names.push(b.name);
      out.push(...b.lines);
    }
    i++;
  }
  out.push(`module.exports = {`, `  handlers: [`);
  for (let k = 0; k < names.length; k += 8) out.push(`    ${names.slice(k, k + 8).join(', ')},`);
  out.push(`  ],`, `};`);
  return out.join('\n') + '\n';
}

const CRM = `const axios = require('axios');

const CRM_URL = 'https://crm.example-partner.com/v2/contacts';

/** Sends a contact's details to the partner CRM. */
async function sendToCrm(userId, fields) {
  const body = Object.assign({ userId, source: 'alexa' }, fields);
  const res = await axios.post(CRM_URL, body, { timeout: 2000 });
  return res.data;
}

module.exports = { sendToCrm };
`;

const FORMAT = `/** Short spoken replies. */
function formatReply(what, value) {
  if (!value) return \`I did not catch the \${what}.\`;
  return \`Thanks, I noted the \${what}.\`;
}

module.exports = { formatReply };
`;

function indexFile(modules) {
  return `const Alexa = require('ask-sdk-core');
${modules.map((m, k) => `const m${k} = require('./${m}');`).join('\n')}

const LaunchRequestHandler = {
  canHandle(handlerInput) {
    return Alexa.getRequestType(handlerInput.requestEnvelope) === 'LaunchRequest';
  },
  handle(handlerInput) {
    return handlerInput.responseBuilder.speak('Welcome. What would you like to do?').reprompt('What would you like?').getResponse();
  },
};

const SessionEndedRequestHandler = {
  canHandle(handlerInput) {
    return Alexa.getRequestType(handlerInput.requestEnvelope) === 'SessionEndedRequest';
  },
  handle(handlerInput) {
    return handlerInput.responseBuilder.getResponse();
  },
};

const ErrorHandler = {
  canHandle() {
    return true;
  },
  handle(handlerInput, error) {
    console.log(\`Error handled: \${error.message}\`);
    return handlerInput.responseBuilder.speak('Sorry, something went wrong.').getResponse();
  },
};

exports.handler = Alexa.SkillBuilders.custom()
  .addRequestHandlers(LaunchRequestHandler, ${modules.map((_, k) => `...m${k}.handlers`).join(', ')}, SessionEndedRequestHandler)
  .addErrorHandlers(ErrorHandler)
  .withApiClient(new Alexa.DefaultApiClient())
  .lambda();
`;
}

// ---------------------------------------------------------------------------------------------
// Manifest and interaction models

function manifest(r, locales, key = 'manifest', sourceDir) {
  const loc = {};
  const priv = {};
  for (const l of locales) {
    loc[l] = { name: `Skill ${l}`, summary: 'A generated skill for benchmarks.', description: 'Generated.', examplePhrases: ['Alexa, open the bench skill'], keywords: ['bench'] };
    // Some locales lack a policy URL or use http, so the manifest rules have work to do.
    const k = r.int(4);
    if (k > 0) priv[l] = { privacyPolicyUrl: k === 1 ? 'http://example-skill.com/privacy' : 'https://example-skill.com/privacy' };
  }
  const custom = sourceDir ? { endpoint: { sourceDir } } : {};
  return JSON.stringify(
    {
      [key]: {
        publishingInformation: { locales: loc, isAvailableWorldwide: true, category: 'GAMES', distributionCountries: [] },
        privacyAndCompliance: { allowsPurchases: false, usesPersonalInfo: r.next() < 0.5, isChildDirected: false, isExportCompliant: true, containsAds: false, locales: priv },
        apis: { custom },
        manifestVersion: '1.0',
      },
    },
    null,
    2,
  ) + '\n';
}

export function interactionModel(seed, intents, locale = 'en-US') {
  const r = rng(seed);
  const list = [
    { name: 'AMAZON.CancelIntent', samples: [] },
    { name: 'AMAZON.HelpIntent', samples: [] },
    { name: 'AMAZON.StopIntent', samples: [] },
  ];
  const dialogIntents = [];
  const prompts = [];
  for (let i = 0; list.length < intents; i++) {
    const w = r.pick(WORDS);
    const name = `${cap(w)}${cap(r.pick(WORDS))}${i}Intent`;
    const slots = [];
    const used = new Set();
    for (let k = r.int(3); k > 0; k--) {
      const s = r.pick(r.next() < 0.3 ? PERSONAL_SLOTS : PLAIN_SLOTS);
      if (used.has(s.name)) continue;
      used.add(s.name);
      slots.push(s);
    }
    const samples = [`${w} please`, `start ${w} ${i}`, `I want ${w}`, `help me with ${w} number ${i}`];
    for (const s of slots) samples.push(`${w} ${s.sample}`);
    list.push({ name, slots: slots.map((s) => ({ name: s.name, type: s.type })), samples });
    if (slots.length && r.next() < 0.3) {
      const s = slots[0];
      const id = `Elicit.Slot.${i}.${s.name}`;
      dialogIntents.push({ name, confirmationRequired: false, prompts: {}, slots: [{ name: s.name, type: s.type, elicitationRequired: true, confirmationRequired: false, prompts: { elicitation: id } }] });
      prompts.push({ id, variations: [{ type: 'PlainText', value: `What is your ${s.name}?` }] });
    }
  }
  return JSON.stringify(
    {
      interactionModel: {
        languageModel: {
          invocationName: `bench ${locale.slice(0, 2)} skill`,
          intents: list,
          types: [
            { name: 'SizeType', values: ['small', 'medium', 'large'].map((v) => ({ name: { value: v } })) },
            { name: 'ColourType', values: ['red', 'green', 'blue'].map((v) => ({ name: { value: v } })) },
          ],
        },
        dialog: { intents: dialogIntents, delegationStrategy: 'ALWAYS' },
        prompts,
      },
    },
    null,
    2,
  ) + '\n';
}

// ---------------------------------------------------------------------------------------------
// Skills

const ASK_RESOURCES = JSON.stringify({ askcliResourcesVersion: '2020-03-31', profiles: { default: { skillMetadata: { src: './skill-package' }, code: { default: { src: './lambda' } } } } }, null, 2) + '\n';
const ASK_CONFIG = JSON.stringify({ deploy_settings: { default: { skill_id: '', was_cloned: false, merge: {} } } }, null, 2) + '\n';

/**
 * Writes one skill in the given layout and returns its code files. `codeFiles` counts every JS file
 * (index.js, the two lib modules and handler modules of `handlerLines` each).
 */
export function writeSkill(dir, seed, { layout, locales, codeFiles, handlerLines, intents = 20, bigFiles }) {
  const r = rng(seed);
  let codeDir;
  let modelDir;
  let manifestFile;
  let manifestText;
  if (layout === 'ask-cli-v2') {
    write(path.join(dir, 'ask-resources.json'), ASK_RESOURCES);
    codeDir = path.join(dir, 'lambda');
    modelDir = path.join(dir, 'skill-package', 'interactionModels', 'custom');
    manifestFile = path.join(dir, 'skill-package', 'skill.json');
    manifestText = manifest(r, locales);
  } else if (layout === 'ask-cli-v1') {
    write(path.join(dir, '.ask', 'config'), ASK_CONFIG);
    codeDir = path.join(dir, 'lambda', 'custom');
    modelDir = path.join(dir, 'models');
    manifestFile = path.join(dir, 'skill.json');
    manifestText = manifest(r, locales, 'skillManifest', 'lambda/custom');
  } else {
    codeDir = path.join(dir, 'lambda');
    modelDir = path.join(dir, 'interactionModels', 'custom');
    manifestFile = path.join(dir, 'skill.json');
    manifestText = manifest(r, locales);
  }
  write(manifestFile, manifestText);
  for (const l of locales) write(path.join(modelDir, `${l}.json`), interactionModel(seed * 31 + l.length + l.charCodeAt(0), intents, l));
  const files = [];
  const put = (rel, text) => {
    const f = path.join(codeDir, rel);
    write(f, text);
    files.push(f);
  };
  put('lib/crm.js', CRM);
  put('lib/format.js', FORMAT);
  const modules = [];
  if (bigFiles) {
    for (const [name, lines] of Object.entries(bigFiles)) {
      put(`${name}.js`, handlerFile(seed + lines, lines, { profile: true }));
      modules.push(name);
    }
  } else {
    for (let k = 0; k < codeFiles - 3; k++) {
      const name = `handlers/h${String(k).padStart(2, '0')}`;
      put(`${name}.js`, handlerFile(seed * 97 + k, handlerLines));
      modules.push(name);
    }
  }
  put('index.js', indexFile(modules));
  write(path.join(codeDir, 'package.json'), JSON.stringify({ name: `skill-${seed}`, version: '1.0.0', main: 'index.js', dependencies: { 'ask-sdk-core': '^2.14.0', axios: '^1.6.0' } }, null, 2) + '\n');
  return { root: dir, layout, manifestFile, codeDir, codeFiles: files, models: locales.map((l) => path.join(modelDir, `${l}.json`)) };
}

const LAYOUTS = ['ask-cli-v2', 'ask-cli-v1', 'plain'];

/**
 * Writes every workload under `root`:
 * - `big/`: one ask-cli v2 skill with a 3,000-line and a 10,000-line handler file;
 * - `ws/g1`, `ws/g2` (25 skills each) and `ws/g3` (50): 100 skills in mixed layouts, 5 locales and
 *   20 code files each, so 25, 50 and 100 skills are the folders [g1], [g1,g2], [g1,g2,g3];
 * - `model300/`: a plain skill whose one interaction model has 300 intents;
 * - `handler3k/`: the big skill with only its 3,000-line handler file (DESIGN.md's keystroke bar).
 */
export function generateAll(root) {
  fs.rmSync(root, { recursive: true, force: true });
  const big = writeSkill(path.join(root, 'big'), 7, { layout: 'ask-cli-v2', locales: ['en-US', 'de-DE'], intents: 40, bigFiles: { handlers3k: 3000, handlers10k: 10000 } });
  const groups = [
    { name: 'g1', count: 25 },
    { name: 'g2', count: 25 },
    { name: 'g3', count: 50 },
  ];
  const ws = [];
  let n = 0;
  for (const g of groups) {
    const skills = [];
    for (let k = 0; k < g.count; k++, n++) {
      const r = rng(1000 + n);
      const start = r.int(LOCALES.length - 5);
      skills.push(
        writeSkill(path.join(root, 'ws', g.name, `skill-${String(n).padStart(3, '0')}`), 1000 + n, {
          layout: LAYOUTS[n % 3],
          locales: LOCALES.slice(start, start + 5),
          codeFiles: 20,
          handlerLines: 120 + r.int(120),
          intents: 15 + r.int(20),
        }),
      );
    }
    ws.push({ folder: path.join(root, 'ws', g.name), skills });
  }
  const model300 = writeSkill(path.join(root, 'model300'), 42, { layout: 'plain', locales: ['en-US'], intents: 300, codeFiles: 4, handlerLines: 150 });
  const handler3k = writeSkill(path.join(root, 'handler3k'), 7, { layout: 'ask-cli-v2', locales: ['en-US', 'de-DE'], intents: 40, bigFiles: { handlers3k: 3000 } });
  return { root, big, ws, model300, handler3k };
}
