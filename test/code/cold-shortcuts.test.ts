/**
 * Differential test of the cold path's shortcuts in storage analysis (code/storage.ts
 * `storageShortcuts`: library answers kept at any depth unless cut by the depth limit, call chains
 * that start at an unbound name answered without libRefOf, each file's imports resolved once per
 * run) and of the file syntax index that puts its lists together on first use
 * (code/syntax-index.ts). Seeded random skills that store and delete through many libraries,
 * aliases, shadowing parameters, classes, deep chains and other modules are edited many times in a
 * row; after every edit the storage facts and no-data-deletion's findings of the incremental check
 * with the shortcuts equal those of a fresh check without them, and every file's syntax index
 * equals its statements' parts folded eagerly.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { SkillAnalysis } from '../../server/src/engine/analysis';
import { forgetCodeModel } from '../../server/src/engine/code/analyze';
import { forgetParsed, parseCode } from '../../server/src/engine/code/parse';
import { StorageFacts, storageFacts, storageShortcuts } from '../../server/src/engine/code/storage';
import { SyntaxIndex, statementIndex, syntaxIndex } from '../../server/src/engine/code/syntax-index';
import { lintSkill } from '../../server/src/engine/linter';
import noDataDeletion from '../../server/src/engine/rules/no-data-deletion';
import { Random } from '../robustness/support';
import { Files, writeFiles } from '../helpers/rule-tester';
import { randomEdit } from './random-skill';
import { Side, load, normalised, withCode } from './sides';

// --- random storing skills (written for this test) ----------------------------------------------------

/** Module-level declarations; each may be there or not, and edits add and remove them. */
const DECLARATIONS = [
  "const AWS = require('aws-sdk');",
  'const ddb = new AWS.DynamoDB.DocumentClient();',
  "const { DynamoDBClient, PutItemCommand, DeleteItemCommand } = require('@aws-sdk/client-dynamodb');",
  'const client = new DynamoDBClient({});',
  "const mongoose = require('mongoose');",
  "const { Pool } = require('pg');",
  'const pool = new Pool();',
  "const store = require('./store');",
  'var loopA = loopB; var loopB = loopA;',
  'const d1 = ddb; const d2 = d1; const d3 = d2; const d4 = d3; const d5 = d4; const d6 = d5; const d7 = d6; const d8 = d7; const d9 = d8; const d10 = d9; const d11 = d10; const d12 = d11; const d13 = d12;',
  'function console() { return ddb; }',
  "const fetch = require('node-fetch');",
  'const db = ddb;',
  "const handlerInput = require('./store');",
  'const store = new AWS.DynamoDB.DocumentClient();',
  'const store = { put: () => ({ promise: () => null }), save: async () => null, doc: {} };',
  'let ddb = null;',
];

/** Statements in a handler or helper whose parameters are `handlerInput`, `db` and `id`. */
const STATEMENTS = [
  "await ddb.put({ TableName: 't', Item: { id } }).promise();",
  "await ddb.delete({ TableName: 't', Key: { id } }).promise();",
  "await (ddb).put({ TableName: 't', Item: { id } }).promise();",
  "await db.put({ TableName: 't', Item: { id } }).promise();",
  "await db.delete({ Key: { id } }).promise();",
  'await client.send(new PutItemCommand({ Item: { id } }));',
  'await client.send(new DeleteItemCommand({ Key: { id } }));',
  "await mongoose.model('User').deleteOne({ id });",
  "await mongoose.model('User').create({ id });",
  "await pool.query('DELETE FROM users WHERE id = $1', [id]);",
  "await pool.query('INSERT INTO users VALUES ($1)', [id]);",
  "return handlerInput.responseBuilder.speak('Saved').reprompt('More?').getResponse();",
  'console.log(handlerInput.requestEnvelope);',
  "console.log('stored', id).trim();",
  'this.attributes.id = id;',
  'handlerInput.attributesManager.setPersistentAttributes({ id });',
  'await handlerInput.attributesManager.savePersistentAttributes();',
  'await handlerInput.attributesManager.deletePersistentAttributes();',
  'await store.save(id);',
  'await store.put({ Item: { id } }).promise();',
  'await store.doc.put({ Item: { id } }).promise();',
  'await store.doc.delete({ Key: { id } }).promise();',
  'await loopA.put({ id });',
  'await d13.put({ Item: { id } }).promise();',
  'await d9.delete({ Key: { id } }).promise();',
  'await d5.put({ Item: { id } }).promise();',
  'await d4.delete({ Key: { id } }).promise().then(() => null);',
  "await fetch('https://example.org/x', { method: 'POST', body: id });",
  'db.a.b.c.d.e.f.g.h.i.j.k.l.m.n.put({ id });',
  'ddb.a.b.c.d.e.f.g.h.i.j.k.l.m.n.delete({ id });',
  'handlerInput.attributesManager.getPersistentAttributes().then((a) => a.x).catch(() => null);',
  'await new Repo().save(id);',
];

const REPO = `class Repo {\n  constructor() {\n    this.db = new AWS.DynamoDB.DocumentClient();\n  }\n  save(x) {\n    return this.db.put({ Item: x }).promise();\n  }\n  remove(x) {\n    const run = () => this.db.delete({ Key: x }).promise();\n    return run();\n  }\n}\n`;

const STORE = `const AWS = require('aws-sdk');\nconst doc = new AWS.DynamoDB.DocumentClient();\nmodule.exports = {\n  save: (id) => doc.put({ Item: { id } }).promise(),\n  remove: (id) => doc.delete({ Key: { id } }).promise(),\n  doc,\n};\n`;

const ASK_RESOURCES = `{ "askcliResourcesVersion": "2020-03-31", "profiles": { "default": { "skillMetadata": { "src": "./skill-package" }, "code": { "default": { "src": "./lambda" } } } } }\n`;
const MODEL = `{ "interactionModel": { "languageModel": { "invocationName": "store test", "intents": [{ "name": "SaveIntent", "samples": ["save"] }] } } }\n`;

function manifest(r: Random): string {
  const events = r.chance(0.5) ? `,\n    "events": { "subscriptions": [{ "eventName": "SKILL_DISABLED" }] }` : '';
  return `{\n  "manifest": {\n    "publishingInformation": { "locales": { "en-US": { "name": "Store Test" } } },\n    "privacyAndCompliance": { "usesPersonalInfo": true, "locales": { "en-US": { "privacyPolicyUrl": "https://store.example.org/privacy" } } }${events},\n    "apis": { "custom": {} }\n  }\n}\n`;
}

function body(r: Random, n: number): string {
  return Array.from({ length: n }, () => `    ${r.pick(STATEMENTS)}`).join('\n');
}

function handler(r: Random, i: number, requestType: string): string {
  return `const H${i} = {\n  canHandle(handlerInput) {\n    return Alexa.getRequestType(handlerInput.requestEnvelope) === '${requestType}';\n  },\n  async handle(handlerInput, db = handlerInput, id = 'x') {\n${body(r, 1 + r.int(4))}\n    return handlerInput.responseBuilder.getResponse();\n  },\n};\n`;
}

function codeFile(r: Random, withBuilder: boolean, declared: number): string {
  const decls = DECLARATIONS.filter(() => r.chance(declared));
  const n = 2 + r.int(5);
  const handlers = Array.from({ length: n }, (_, i) => handler(r, i, i === 0 && r.chance(0.6) ? 'AlexaSkillEvent.SkillDisabled' : 'IntentRequest'));
  const helper = `async function helper(db, id) {\n${body(r, 1 + r.int(3))}\n}\nconst arrow = async (handlerInput, id) => {\n${body(r, 1 + r.int(2))}\n};\n`;
  const builder = withBuilder
    ? `exports.handler = Alexa.SkillBuilders.custom()\n  .addRequestHandlers(${handlers.map((_, i) => `H${i}`).join(', ')})\n  .withPersistenceAdapter(adapter)\n  .lambda();\n`
    : `module.exports = { ${handlers.map((_, i) => `H${i}`).join(', ')}, helper, arrow };\n`;
  return `const Alexa = require('ask-sdk-core');\n${decls.join('\n')}\n${r.chance(0.5) ? REPO : ''}${helper}\n${handlers.join('\n')}\n${builder}`;
}

/**
 * A skill that imports no storing library anywhere (so storage.ts resolves no call) in about a
 * third of the draws: few declarations, and store.js on `aws-skd`, a module of no known library,
 * which `storageEdit` turns into `aws-sdk` and back.
 */
function randomStoringSkill(r: Random): Files {
  const sparse = r.chance(0.35);
  const declared = sparse ? 0.05 : 0.6;
  return {
    'ask-resources.json': ASK_RESOURCES,
    'skill-package/skill.json': manifest(r),
    'skill-package/interactionModels/custom/en-US.json': MODEL,
    'lambda/index.js': codeFile(r, true, declared),
    'lambda/more.js': codeFile(r, false, declared),
    'lambda/store.js': sparse ? STORE.replace("require('aws-sdk')", "require('aws-skd')") : STORE,
  };
}

/** Whether a skill's code imports a storing library (storage.ts resolves its calls only then). */
const STORING_IMPORT = /require\((['`])(aws-sdk|@aws-sdk\/client-dynamodb|mongoose|pg)\1\)/;

/** Edits that matter to storage: declarations added or removed, statements swapped, names changed, or random-skill.ts's general ones. */
function storageEdit(r: Random, text: string): string {
  switch (r.int(6)) {
    case 5:
      // A storing library imported or not: `aws-skd` is no known library.
      return text.includes("require('aws-sdk')") ? text.replace("require('aws-sdk')", "require('aws-skd')") : text.replace("require('aws-skd')", "require('aws-sdk')");
    case 0: {
      const d = r.pick(DECLARATIONS);
      return text.includes(d) ? text.replace(`${d}\n`, '') : text.replace("require('ask-sdk-core');\n", `require('ask-sdk-core');\n${d}\n`);
    }
    case 1: {
      const lines = text.split('\n');
      const at = lines.map((l, i) => (STATEMENTS.includes(l.trim()) ? i : -1)).filter((i) => i >= 0);
      if (at.length === 0) return text;
      lines[r.pick(at)] = `    ${r.pick(STATEMENTS)}`;
      return lines.join('\n');
    }
    case 2: {
      // A name used as a chain's root changes (a parameter, a module constant, a global).
      const [a, b] = r.pick([['ddb', 'db'], ['db', 'ddb'], ['console', 'logger'], ['handlerInput.attributesManager', 'handlerInput.manager'], ['d13', 'd2']]);
      const p = text.indexOf(a, r.int(text.length));
      return p < 0 ? text : text.slice(0, p) + b + text.slice(p + a.length);
    }
    default:
      return randomEdit(r, text);
  }
}

// --- the two sides ---------------------------------------------------------------------------------

const dump = (facts: StorageFacts, root: string): string =>
  JSON.stringify([...facts.writes, ...facts.deletes].map((op) => [path.relative(root, op.file), op.offset, op.length, op.kind, op.description]));

/** Storage facts and no-data-deletion's findings as the editor's check computes them: trees reused from the side's last check. */
function incremental(side: Side): string {
  const analysis = new SkillAnalysis(side.skill);
  const facts = dump(storageFacts(analysis), side.root);
  return `${facts}\n${normalised(lintSkill(side.skill, { rules: [noDataDeletion], analysis }), side.root)}`;
}

/** The same from scratch, without the shortcuts. */
function plain(side: Side): string {
  const files = side.skill.code.map((c) => c.file);
  forgetParsed(files);
  forgetCodeModel(side.skill.project.root);
  storageShortcuts.enabled = false;
  try {
    const analysis = new SkillAnalysis(side.skill);
    const facts = dump(storageFacts(analysis), side.root);
    return `${facts}\n${normalised(lintSkill(side.skill, { rules: [noDataDeletion], analysis }), side.root)}`;
  } finally {
    storageShortcuts.enabled = true;
    forgetParsed(files);
    forgetCodeModel(side.skill.project.root);
  }
}

/** A file's syntax index with every list and set folded from its statements' parts at once. */
function eagerIndex(sf: ts.SourceFile): Record<string, unknown> {
  const out: Record<string, unknown[]> = {};
  const declared = new Set<string>();
  const twice = new Set<string>();
  const params = new Set<string>();
  const outer: unknown[] = [];
  let withSemi = 0;
  let without = 0;
  for (const st of sf.statements) {
    const part = statementIndex(st);
    for (const [k, v] of Object.entries(part)) if (Array.isArray(v) && k !== 'outerFunction' && k !== 'declared' && k !== 'parameterNames') (out[k] ??= []).push(...v);
    for (let i = 0; i < part.outerFunction.length; i += 2) outer.push([part.outerFunction[i], part.outerFunction[i + 1]]);
    for (const n of part.declared) (declared.has(n) ? twice : declared).add(n);
    for (const n of part.parameterNames) params.add(n);
    withSemi += part.semicolonsWith;
    without += part.semicolonsWithout;
  }
  const lists = ['calls', 'callFunctions', 'callsAndAssignments', 'objects', 'namedProperties', 'strings', 'members', 'status403', 'permissionIdentifiers', 'permissionCandidates'];
  const res: Record<string, unknown> = {};
  for (const k of lists) res[k] = out[k] ?? [];
  return { ...res, outerFunction: new Map(outer as Array<[unknown, unknown]>), semicolons: { with: withSemi, without }, declaredNames: declared, declaredTwice: twice, parameterNames: params };
}

/** Compares with nodes by identity: the lazy index must hold the very nodes of the parts. */
function sameIndex(lazy: SyntaxIndex, eager: Record<string, unknown>, what: string): void {
  const keys = Object.keys(eager);
  assert.deepEqual(Object.keys(lazy).sort(), [...keys].sort(), `${what}: the index's fields`);
  for (const k of keys) {
    const a = (lazy as unknown as Record<string, unknown>)[k];
    const b = eager[k];
    if (Array.isArray(b)) {
      assert.ok(Array.isArray(a) && a.length === b.length && a.every((x, i) => x === b[i]), `${what}: ${k}`);
      // Asked again, the same list: it is put together once.
      assert.equal((lazy as unknown as Record<string, unknown>)[k], a, `${what}: ${k} kept`);
    } else if (b instanceof Map) {
      assert.ok(a instanceof Map && a.size === b.size && [...b].every(([x, y]) => a.get(x) === y), `${what}: ${k}`);
    } else if (b instanceof Set) {
      assert.deepEqual([...(a as Set<string>)].sort(), [...b].sort(), `${what}: ${k}`);
    } else assert.deepEqual(a, b, `${what}: ${k}`);
  }
}

describe('cold-path shortcuts of storage analysis and the syntax index', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-cold-'));
  });
  afterEach(() => {
    storageShortcuts.enabled = true;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('give the storage facts and no-data-deletion findings of a fresh check without them, over 40 random skills x 15 edits', function () {
    this.timeout(300_000);
    const r = new Random(6006);
    let compared = 0;
    let withoutLibrary = 0;
    let stored = 0;
    let deleted = 0;
    for (let s = 0; s < 40; s++) {
      // Two copies: one checked as the editor does (its trees kept between checks), one from scratch.
      const files = randomStoringSkill(r);
      const root = writeFiles(files, path.join(dir, `s${s}`));
      const other = writeFiles(files, path.join(dir, `f${s}`));
      let side = load(root);
      let fresh = load(other);
      const texts = new Map(side.skill.code.map((c) => [path.relative(root, c.file), c.text]));
      for (let e = 0; e <= 15; e++) {
        const got = incremental(side);
        const want = plain(fresh);
        if (got !== want) assert.fail(`skill ${s} edit ${e}: the shortcuts differ\n--- with\n${got}\n--- without\n${want}`);
        compared++;
        if (![...texts.values()].some((t) => STORING_IMPORT.test(t))) withoutLibrary++;
        const facts = JSON.parse(got.split('\n')[0]) as unknown[][];
        stored += facts.filter((f) => f[3] !== 'attributes' || !String(f[4]).includes('delete')).length;
        deleted += facts.filter((f) => String(f[4]).match(/delete|Delete|DELETE/)).length;
        // Every file's syntax index against an eager fold of its statements' parts.
        for (const c of side.skill.code) sameIndex(syntaxIndex(parseCode(c.file, c.text).sourceFile), eagerIndex(parseCode(c.file, c.text).sourceFile), `skill ${s} edit ${e} ${c.file}`);
        const name = r.pick(['lambda/index.js', 'lambda/more.js', 'lambda/index.js', 'lambda/store.js']);
        texts.set(name, storageEdit(r, texts.get(name)!));
        side = { ...side };
        withCode(side, texts);
        fresh = { ...fresh };
        withCode(fresh, texts);
      }
    }
    assert.equal(compared, 40 * 16);
    // The workload reaches the paths it is about.
    assert.ok(stored > 1000 && deleted > 300, `stores ${stored}, deletes ${deleted}`);
    // Checks with no storing library anywhere (the calls not resolved) and with one, the library coming and going.
    assert.ok(withoutLibrary > 60 && compared - withoutLibrary > 300, `without a storing library ${withoutLibrary} of ${compared}`);
  });

  it('hand cases: a declaration added for a chain root, a shadowed global, chains past the depth limit', () => {
    const files = randomStoringSkill(new Random(1));
    files['lambda/index.js'] = `const Alexa = require('ask-sdk-core');\nconst AWS = require('aws-sdk');\nconst H0 = {\n  canHandle() { return true; },\n  async handle(handlerInput, db) {\n    await db.put({ id: 1 }).promise();\n    console.log('x');\n    await d13.put({}).promise();\n    return handlerInput.responseBuilder.getResponse();\n  },\n};\nconst H1 = {\n  async handle(handlerInput) {\n    await ddb.put({ id: 2 }).promise();\n  },\n};\nexports.handler = Alexa.SkillBuilders.custom().addRequestHandlers(H0).lambda();\n`;
    files['lambda/more.js'] = 'module.exports = {};\n';
    const root = writeFiles(files, path.join(dir, 'hand'));
    const other = writeFiles(files, path.join(dir, 'hand-fresh'));
    let side = load(root);
    let fresh = load(other);
    const texts = new Map(side.skill.code.map((c) => [path.relative(root, c.file), c.text]));
    const step = (change: (t: string) => string): string => {
      texts.set('lambda/index.js', change(texts.get('lambda/index.js')!));
      side = { ...side };
      withCode(side, texts);
      fresh = { ...fresh };
      withCode(fresh, texts);
      const got = incremental(side);
      assert.equal(got, plain(fresh));
      return JSON.stringify((JSON.parse(got.split('\n')[0]) as unknown[][]).filter((op) => op[0] === 'lambda/index.js'));
    };
    // `db` is a parameter: nothing stored by it.
    assert.equal(step((t) => t), '[]');
    // Still a parameter inside the handler, though a module constant now holds a DocumentClient.
    assert.equal(step((t) => t.replace("const AWS = require('aws-sdk');\n", "const AWS = require('aws-sdk');\nconst db = new AWS.DynamoDB.DocumentClient();\n")), '[]');
    // The parameter renamed: `db` in the handler is the module's client now, a kept statement must see it.
    const stores = step((t) => t.replace('async handle(handlerInput, db)', 'async handle(handlerInput, other)'));
    assert.match(stores, /"db","`db.put`/);
    // A chain of 13 aliases ends past the depth limit: not a store, with or without shortcuts.
    const deep = step((t) => t.replace("const AWS = require('aws-sdk');\n", `const AWS = require('aws-sdk');\n${DECLARATIONS[1]}\n${DECLARATIONS[9]}\n`));
    assert.doesNotMatch(deep, /d13/);
    // `ddb` was no name of the file: H1's statement, unchanged, stores through the new client now.
    assert.match(deep, /ddb\.put/);
    // The same aliases met first past the limit (`d13.put`, which gives up at `d3`'s initializer `d2`) and
    // then within it (`d3.put`): what the limit cut short is not kept for the shallower start.
    const both = step((t) => t.replace('await d13.put({}).promise();', 'await d13.put({});\n    await d3.put({});'));
    assert.doesNotMatch(both, /d13/);
    assert.match(both, /d3\.put/);
    // `d5.put(…)` is within the limit though `d5.put(…).promise()`, walked first, is not.
    assert.match(step((t) => t.replace('await d3.put({});', 'await d5.put({}).promise();')), /d5\.put/);
    // A module constant that held no library value holds a client now: H1's kept statement reads it again.
    texts.set('lambda/index.js', texts.get('lambda/index.js')!.replace('await ddb.put({ id: 2 })', 'await keep.put({ id: 2 })') + "const keep = { put: () => ({ promise: () => null }) };\n");
    assert.doesNotMatch(step((t) => t), /keep\.put/);
    assert.match(step((t) => t.replace("const keep = { put: () => ({ promise: () => null }) };", 'const keep = new AWS.DynamoDB.DocumentClient();')), /keep\.put/);
    // `console` declared in the file is no longer the global.
    step((t) => t.replace("console.log('x');", "console.log('x');\n    console.put({});") + 'function console() { return new AWS.DynamoDB.DocumentClient(); }\n');
  });
});
