/**
 * Differential test of the speech pass keeping a statement's result that read outside the
 * statement (code/outside-reads.ts): module-level constants, `let`s assigned elsewhere, `require`d
 * helpers, i18n resources, `module.exports`, an import cycle. A skill is edited many times in a
 * row (letters typed into and deleted from strings, identifiers renamed, statements added and
 * removed, the syntax broken) and after every edit the findings of every rule must equal those
 * of a fresh check, whose trees and kept results are all new. skill.json and the interaction
 * model are edited now and then too, and the fresh check runs without the results kept by text or
 * document: the speech rule's decisions, personal-data-slot's and missing-privacy-policy's
 * skill.json edits, the model facts.
 * Permission mentions kept per statement (code/permissioned.ts) are new for its trees as well.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { clearParseCache } from '../../server/src/engine/code/parse';
import { lintSkill } from '../../server/src/engine/linter';
import { withoutKeptFacts } from '../../server/src/engine/model/facts';
import { withoutKeptPolicyEdits } from '../../server/src/engine/rules/missing-privacy-policy';
import { withoutKeptPermissionEdits } from '../../server/src/engine/rules/personal-data-slot';
import { withoutKeptDecisions } from '../../server/src/engine/rules/speech-requests-personal-data';
import { Finding } from '../../server/src/engine/types';
import { mulberry32 as rng } from '../robustness/support';
import { Files, writeFiles } from '../helpers/rule-tester';
import { Side, freshFindings as freshChecked, load, normalised, withCode, Edit, deleteLine, duplicateLine, lineStarts, pick } from './sides';

const MANIFEST = `{
  "manifest": {
    "publishingInformation": { "locales": { "en-US": { "name": "Bakery" }, "de-DE": { "name": "Bäckerei" } } },
    "privacyAndCompliance": { "usesPersonalInfo": true, "locales": { "en-US": { "privacyPolicyUrl": "https://bakery.example.org/privacy" } } },
    "apis": { "custom": {} }
  }
}
`;

const MODEL = `{
  "interactionModel": {
    "languageModel": {
      "invocationName": "bakery",
      "intents": [
        { "name": "OrderIntent", "slots": [{ "name": "cake", "type": "AMAZON.Food" }], "samples": ["order {cake}"] },
        { "name": "PhoneIntent", "slots": [{ "name": "phone", "type": "AMAZON.PhoneNumber" }], "samples": ["my number is {phone}"] },
        { "name": "CityIntent", "slots": [{ "name": "town", "type": "AMAZON.US_CITY" }, { "name": "birthday", "type": "AMAZON.DATE" }], "samples": ["i live in {town}", "born on {birthday}"] }
      ]
    }
  }
}
`;

/** Speech of many handlers resolving through every kind of outside read, side by side. */
function handlers(count: number): string {
  const parts = [
    "const Alexa = require('ask-sdk-core');",
    "const { ask, ASK_CITY } = require('./lib/words');",
    "const loop = require('./lib/loop');",
    "const ASK_PHONE = 'What is your phone number?';",
    "const PROMPTS = { name: 'What is your full name?', cake: 'Which cake would you like?' };",
    "let greeting = 'Welcome to the bakery.';",
    "const resources = { en: { translation: { ASK_MAIL: 'Tell me your e-mail address.' } }, de: { translation: { ASK_MAIL: 'Wie lautet deine E-Mail-Adresse?' } } };",
    "function t(key) { return key; }",
    '',
  ];
  const names: string[] = [];
  const speech = [
    'ASK_PHONE',
    'PROMPTS.name',
    'PROMPTS.cake',
    'greeting',
    "t('ASK_MAIL')",
    "ask('birthday')",
    'ASK_CITY',
    'loop.TEXT',
    "'Your cake is ready.'",
    '`You ordered ${Alexa.getSlotValue(h.requestEnvelope, "cake")}.`',
  ];
  for (let i = 0; i < count; i++) {
    const name = `Bake${i}Handler`;
    names.push(name);
    parts.push(`const ${name} = {
  canHandle(h) {
    return Alexa.getIntentName(h.requestEnvelope) === 'Bake${i}Intent';
  },
  handle(h) {
    return h.responseBuilder.speak(${speech[i % speech.length]}).reprompt(${speech[(i + 3) % speech.length]}).getResponse();
  },
};
`);
  }
  parts.push(`greeting = 'What is your home address?';

exports.handler = Alexa.SkillBuilders.custom().addRequestHandlers(${names.join(', ')}).lambda();
`);
  return parts.join('\n');
}

const SKILL: Files = {
  'ask-resources.json': '{ "askcliResourcesVersion": "2020-03-31", "profiles": { "default": { "skillMetadata": { "src": "./skill-package" }, "code": { "default": { "src": "./lambda" } } } } }\n',
  'skill-package/skill.json': MANIFEST,
  'skill-package/interactionModels/custom/de-DE.json': MODEL,
  'skill-package/interactionModels/custom/en-US.json': MODEL,
  'lambda/index.js': handlers(20),
  'lambda/lib/words.js': `const WORDS = { birthday: 'When is your birthday?', colour: 'Which colour?' };
const ASK_CITY = 'Which city do you live in?';
function ask(key) { return WORDS[key]; }
module.exports = { ask, ASK_CITY };
`,
  // index.js reads loop.TEXT, which loop.js takes from index.js's exports once an edit makes
  // `../lindex` `../index`: an import cycle, which comes and goes.
  'lambda/lib/loop.js': `const index = require('../lindex');
module.exports = { TEXT: index.LOOP_TEXT || 'Say your postal code.' };
`,
};

const SNIPPETS = [
  "const ASK_PHONE = 'What is your favourite colour?';",
  "greeting = 'Tell me your e-mail address.';",
  "let greeting = 'Hello.';",
  "const PROMPTS = { name: 'Which bread?' };",
  "exports.LOOP_TEXT = 'What is your full name?';",
  "module.exports.ASK_CITY = 'Where do you live?';",
  "const more = { fr: { translation: { ASK_MAIL: 'Quelle est votre adresse e-mail ?' } } };",
  "function t(key) { return 'What is your phone number?'; }",
  "const { ask } = require('./lib/words');",
  "const ask = (k) => 'What is your birthday?';",
  "return h.responseBuilder.speak(ASK_PHONE).getResponse();",
  "const Extra = { handle(h) { return h.responseBuilder.speak(greeting + ASK_CITY).getResponse(); } };",
];

const RENAMES: Array<[string, string]> = [
  ['ASK_PHONE', 'ASK_PHONES'],
  ['greeting', 'greetings'],
  ['PROMPTS', 'PROMPT'],
  ['ASK_CITY', 'ASK_TOWN'],
  ['ask', 'asks'],
  ['translation', 'translations'],
  ['phone number', 'cake order'],
  ['birthday', 'colour'],
  ['LOOP_TEXT', 'TEXT'],
  ['require(', 'requir('],
  ['../lindex', '../index'],
  ['../index', '../lindex'],
];


/** Offsets just inside string literals (after an opening quote). */
function insideStrings(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) if (text[i] === "'" && /[A-Za-z]/.test(text[i + 1] ?? '')) out.push(i + 1 + Math.floor(((i * 7) % 5) / 2));
  return out;
}

const EDITS: Edit[] = [
  // Type a letter inside a string (the bench's keystroke), or delete one there.
  (text, r) => {
    const at = pick(insideStrings(text), r) ?? 0;
    return text.slice(0, at) + pick(['x', 'e', ' ', 'phone ', 'address '], r) + text.slice(at);
  },
  (text, r) => {
    const at = pick(insideStrings(text), r) ?? 0;
    return text.slice(0, at) + text.slice(at + 1);
  },
  // Rename an identifier (or a word) at one of its uses.
  (text, r) => {
    const [a, b] = pick(RENAMES, r);
    const [from, to] = r() < 0.5 ? [a, b] : [b, a];
    const hits: number[] = [];
    for (let i = text.indexOf(from); i >= 0; i = text.indexOf(from, i + 1)) hits.push(i);
    if (hits.length === 0) return text;
    const at = pick(hits, r);
    return text.slice(0, at) + to + text.slice(at + from.length);
  },
  // Add a statement, remove a line, duplicate a line.
  (text, r) => {
    const at = pick(lineStarts(text), r);
    return text.slice(0, at) + pick(SNIPPETS, r) + '\n' + text.slice(at);
  },
  deleteLine,
  duplicateLine,
  // Break the syntax.
  (text, r) => {
    const at = Math.floor(r() * (text.length + 1));
    return text.slice(0, at) + pick(['{', '}', '(', "'", '`', ';', ','], r) + text.slice(at);
  },
];

/** A fresh check, also without anything the rules keep between checks. */
function freshFindings(side: Side): Finding[] {
  return freshChecked(side, (check) => withoutKeptFacts(() => withoutKeptDecisions(() => withoutKeptPermissionEdits(() => withoutKeptPolicyEdits(check)))));
}

/** skill.json as the developer edits it: permissions come and go, the layout changes (the fixes that add a permission are kept per text). */
function editManifest(text: string, r: () => number): string {
  switch (Math.floor(r() * 4)) {
    case 0:
      return text.includes('"permissions"') ? text.replace(/\s*"permissions": \[[^\]]*\],/, '') : text.replace('"apis"', '"permissions": [{ "name": "alexa::profile:email:read" }],\n    "apis"');
    case 1:
      return text.includes('"permissions"') ? text.replace('"permissions": [', '"permissions": [{ "name": "alexa::profile:mobile_number:read" }, ') : text;
    case 2:
      return text.replace(/\n/g, '\n  ');
    default:
      return text.replace(/\n {2}/g, '\n');
  }
}

/** The interaction model as the developer edits it (the model facts are kept while the models are the same). */
function editModel(text: string, r: () => number): string {
  switch (Math.floor(r() * 5)) {
    case 0:
      return text.replace('AMAZON.Food', 'AMAZON.SearchQuery').replace('"AMAZON.US_CITY"', '"AMAZON.Food"');
    case 1:
      return text.replace('AMAZON.SearchQuery', 'AMAZON.Food').replace('"name": "town", "type": "AMAZON.Food"', '"name": "town", "type": "AMAZON.US_CITY"');
    case 2:
      return text.replace('"born on {birthday}"', '"born on {birthday}", "my phone is {phone}"');
    case 3:
      return text.replace(/\n/g, '\n ');
    default:
      // Half-typed JSON, mended by a later edit of the same kind.
      return text.includes('"samples": ["order {cake}"] },') ? text.replace('"samples": ["order {cake}"] },', '"samples": ["order {cake}" },') : text.replace('"samples": ["order {cake}" },', '"samples": ["order {cake}"] },');
  }
}

function run(seed: number, steps: number): void {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-outside-'));
  try {
    const inc = load(writeFiles(SKILL, path.join(base, 'incremental')));
    const fresh = load(writeFiles(SKILL, path.join(base, 'fresh')));
    const r = rng(seed);
    const texts = new Map(inc.skill.code.map((c) => [path.relative(inc.root, c.file), c.text]));
    const rels = [...texts.keys()];
    assert.equal(normalised(lintSkill(inc.skill), inc.root), normalised(freshFindings(fresh), fresh.root), 'before any edit');
    const speechSeen = new Set<string>();
    let manifest = MANIFEST;
    const models = new Map([['de-DE', MODEL], ['en-US', MODEL]]);
    for (let step = 1; step <= steps; step++) {
      const x = r();
      if (x < 0.15) {
        if (x < 0.08) manifest = editManifest(manifest, r);
        else {
          // Either locale: the facts are kept by the first model's document, and the others must match too.
          const locale = r() < 0.5 ? 'de-DE' : 'en-US';
          models.set(locale, editModel(models.get(locale)!, r));
        }
        for (const side of [inc, fresh]) {
          fs.writeFileSync(path.join(side.root, 'skill-package/skill.json'), manifest);
          for (const [locale, text] of models) fs.writeFileSync(path.join(side.root, `skill-package/interactionModels/custom/${locale}.json`), text);
          side.skill = load(side.root).skill;
        }
      } else {
        const rel = r() < 0.8 ? 'lambda/index.js' : pick(rels, r);
        texts.set(rel, pick(EDITS, r)(texts.get(rel)!, r));
      }
      withCode(inc, texts);
      withCode(fresh, texts);
      // Now and then every tree is let go, as the CLI does after a skill: the kept results start over.
      if (step % 40 === 0) clearParseCache();
      const got = normalised(lintSkill(inc.skill), inc.root);
      const want = normalised(freshFindings(fresh), fresh.root);
      assert.equal(got, want, `findings differ from a fresh check after edit ${step} (seed ${seed})`);
      speechSeen.add(String(JSON.parse(want).filter((f: Finding) => f.ruleId === 'speech-requests-personal-data').map((f: Finding) => `${f.offset}:${f.message}`)));
    }
    // The edits must have changed what the speech rule finds, or the comparison proved little.
    assert.ok(speechSeen.size > steps / 15, `only ${speechSeen.size} distinct speech results over ${steps} edits`);
  } finally {
    clearParseCache();
    fs.rmSync(base, { recursive: true, force: true });
  }
}

describe('speech kept across edits when it read outside its statement equals a fresh check', function () {
  this.timeout(300_000);
  it('module-level constants, a reassigned let, required helpers, i18n, module.exports and an import cycle', () => run(17, 200));
  it('another seed', () => run(9001, 200));
  it('a third seed', () => run(31337, 150));

  it('an import cycle: a constant the file exports to a module it imports changes that module\'s text in the unchanged handler', () => {
    const files: Files = {
      ...SKILL,
      'lambda/index.js': SKILL['lambda/index.js'].replace("let greeting", "const LOOP = 'Say your favourite cake.';\nexports.LOOP_TEXT = LOOP;\nlet greeting"),
      'lambda/lib/loop.js': SKILL['lambda/lib/loop.js'].replace('../lindex', '../index'),
    };
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-outside-'));
    try {
      const inc = load(writeFiles(files, path.join(base, 'incremental')));
      const fresh = load(writeFiles(files, path.join(base, 'fresh')));
      const texts = new Map(inc.skill.code.map((c) => [path.relative(inc.root, c.file), c.text]));
      const asks = (fs: Finding[]): number => fs.filter((f) => f.ruleId === 'speech-requests-personal-data' && f.message.includes('phone number')).length;
      const before = lintSkill(inc.skill);
      texts.set('lambda/index.js', texts.get('lambda/index.js')!.replace('Say your favourite cake.', 'What is your phone number?'));
      withCode(inc, texts);
      withCode(fresh, texts);
      const after = lintSkill(inc.skill);
      assert.equal(normalised(after, inc.root), normalised(freshFindings(fresh), fresh.root));
      assert.ok(asks(after) > asks(before), `phone requests before ${asks(before)}, after ${asks(after)}`);
    } finally {
      clearParseCache();
      fs.rmSync(base, { recursive: true, force: true });
    }
  });
});
