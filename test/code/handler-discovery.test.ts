/**
 * Differential test of what handler discovery keeps between checks (code/handlers.ts
 * `SkillDiscovery`): each file's scan carried over from the tree an incremental re-parse updated,
 * each builder's registrations kept or patched, the handler list and the match index spliced, the
 * handlers registered or not as variants made once. Seeded random skills (handler objects and
 * classes in three modules, handlers whose canHandle is a function declared beside them, a builder
 * that registers names, `new` classes, another module's properties and spread arrays, alexa-sdk v1
 * maps, a state handler and a v1 registration) are edited hundreds of times in a row: keystrokes in
 * handlers' strings, intents changed, handlers added, removed and renamed, registrations added,
 * removed and repeated, exported arrays and v1 maps edited, the syntax broken, a file rewritten
 * (parsed afresh) and a file added and removed. After every edit the discovery equals a fresh one of
 * the same texts (under other paths, nothing kept), every answer of handlerForIntent and
 * handlersForRequest is a filter over the result, and the result of the check before is what it
 * was when it was returned, answers asked of it late included.
 */
import { strict as assert } from 'assert';
import * as path from 'path';
import * as ts from 'typescript';
import { SkillAnalysis } from '../../server/src/engine/analysis';
import { BuilderCall, CodeHandlers, Handler, V1Handler, codeHandlers, discoveryStats, handlerForIntent, handlersForRequest, registrationStats } from '../../server/src/engine/code/handlers';
import { forgetParsed, parseCode } from '../../server/src/engine/code/parse';
import { SkillProject } from '../../server/src/engine/project/discover';
import { FileSpan } from '../../server/src/engine/types';
import { Random } from '../robustness/support';
import { randomEdit } from './random-skill';

type Files = Record<string, string>;

function analysisAt(root: string, files: Files): SkillAnalysis {
  const code = path.join(root, 'lambda');
  const project: SkillProject = { root, layout: 'plain', manifestFile: path.join(root, 'skill.json'), models: [], codeDirs: [code] };
  return new SkillAnalysis({ project, manifest: undefined, models: [], code: Object.entries(files).map(([rel, text]) => ({ file: path.join(code, rel), text })), unreadable: [] });
}

const codeFiles = (root: string, files: Files): string[] => Object.keys(files).map((rel) => path.join(root, 'lambda', rel));

// --- random skills (written for this test) ---------------------------------------------------------

const INTENTS = ['AIntent', 'BIntent', 'CIntent', 'AMAZON.HelpIntent', 'AMAZON.StopIntent'];
const TYPES = ['LaunchRequest', 'SessionEndedRequest', 'AlexaSkillEvent.SkillDisabled'];
const ENV = 'handlerInput.requestEnvelope';
const HEAD = `const Alexa = require('ask-sdk-core');\n`;
const HELPERS = `function isLaunch(handlerInput) {\n  return Alexa.getRequestType(${ENV}) === 'LaunchRequest';\n}\n\nfunction isHelp(handlerInput) {\n  return Alexa.getIntentName(${ENV}) === 'AMAZON.HelpIntent';\n}\n`;

function condition(r: Random): string {
  switch (r.int(6)) {
    case 0:
    case 1:
      return `Alexa.getRequestType(${ENV}) === 'IntentRequest'\n      && Alexa.getIntentName(${ENV}) === '${r.pick(INTENTS)}'`;
    case 2:
      return `Alexa.getRequestType(${ENV}) === 'IntentRequest'\n      && (Alexa.getIntentName(${ENV}) === '${r.pick(INTENTS)}' || Alexa.getIntentName(${ENV}) === '${r.pick(INTENTS)}')`;
    case 3:
      return `Alexa.getRequestType(${ENV}) === '${r.pick(TYPES)}'`;
    case 4:
      return `['${r.pick(INTENTS)}', '${r.pick(INTENTS)}'].includes(Alexa.getIntentName(${ENV}))`;
    default:
      return `${ENV}.request.type === 'IntentRequest' && ${ENV}.request.intent.name === '${r.pick(INTENTS)}' && ready(handlerInput)`;
  }
}

interface Block {
  name: string;
  text: string;
  /** How a builder or an array registers it. */
  ref: string;
}

function handlerBlock(r: Random, name: string): Block {
  const body = `console.log('${name} said');\n    return handlerInput.responseBuilder.speak('Hello from ${name}').getResponse();`;
  switch (r.int(6)) {
    case 0:
    case 1:
      return { name, ref: name, text: `const ${name} = {\n  canHandle(handlerInput) {\n    return ${condition(r)};\n  },\n  handle(handlerInput) {\n    ${body}\n  },\n};\n` };
    case 2:
      return { name, ref: `new ${name}()`, text: `class ${name} {\n  canHandle(handlerInput) {\n    return ${condition(r)};\n  }\n  handle(handlerInput) {\n    ${body}\n  }\n}\n` };
    case 3:
      return { name, ref: name, text: `const ${name} = {\n  canHandle: (handlerInput) => ${condition(r)},\n  handle: (handlerInput) => {\n    ${body}\n  },\n};\n` };
    default:
      // Its canHandle is a function declared beside it: the statement's scan reads outside it.
      return { name, ref: name, text: `const ${name} = {\n  canHandle: ${r.pick(['isLaunch', 'isHelp'])},\n  handle(handlerInput) {\n    ${body}\n  },\n};\n` };
  }
}

let names = 0;
const fresh = (prefix: string): string => `${prefix}${names++}`;

function blocks(r: Random, prefix: string, min: number, spread: number): Block[] {
  return Array.from({ length: min + r.int(spread) }, () => handlerBlock(r, fresh(prefix)));
}

const some = (r: Random, bs: Block[], p: number): string[] => bs.filter(() => r.chance(p)).map((b) => b.ref);

/** A module whose handlers are exported in one array, sometimes with an inline handler in it; now and then a large one. */
function moreModule(r: Random): string {
  const bs = blocks(r, 'M', 2, r.chance(0.15) ? 45 : 8);
  const refs = some(r, bs, 0.8);
  if (r.chance(0.3)) refs.splice(r.int(refs.length + 1), 0, `{\n    canHandle() { return true; },\n    handle(handlerInput) { return handlerInput.responseBuilder.getResponse(); },\n  }`);
  return `${HEAD}\n${HELPERS}\n${bs.map((b) => b.text).join('\n')}\nmodule.exports = { handlers: [${refs.join(', ')}] };\n`;
}

/** A module whose handlers are exported one statement each. */
function libModule(r: Random): string {
  const bs = blocks(r, 'L', 1, 6);
  return `${HEAD}\n${HELPERS}\n${bs.map((b) => b.text).join('\n')}\n${bs.map((b) => `exports.${b.name} = ${b.name};\n`).join('')}`;
}

function indexModule(r: Random): string {
  const bs = blocks(r, 'H', 2, 8);
  const args = [...some(r, bs, 0.7), '...more.handlers'];
  if (r.chance(0.6)) args.push(`lib.${r.pick(['L0', 'L1', 'L2', 'Nope'])}`);
  const local = r.chance(0.4) ? `const local = [${some(r, bs, 0.5).join(', ')}];\n` : '';
  if (local) args.splice(r.int(args.length + 1), 0, '...local');
  const builder = r.chance(0.6)
    ? `exports.handler = Alexa.SkillBuilders.custom()\n  .addRequestHandlers(${args.join(', ')})\n  .addErrorHandlers(ErrorHandler)\n  .lambda();\n`
    : `const skillBuilder = Alexa.SkillBuilders.custom();\nskillBuilder.addRequestHandlers(${args.slice(0, 2).join(', ')});\nexports.handler = skillBuilder\n  .addRequestHandlers(${args.slice(2).join(', ')})\n  .withPersistenceAdapter(adapter)\n  .lambda();\n`;
  return `${HEAD}const more = require('./more');\nconst lib = require('./lib');\n\n${HELPERS}\n${bs.map((b) => b.text).join('\n')}\n${local}\n${builder}`;
}

function v1Module(r: Random): string {
  const keys = INTENTS.filter(() => r.chance(0.5)).map((i) => `  '${i}': function () {\n    this.emit(':tell', '${i} done');\n  },\n`);
  return `const Alexa = require('alexa-sdk');\n\nconst handlers = {\n  'LaunchRequest': function () {\n    this.emit(':ask', 'Welcome');\n  },\n${keys.join('')}};\n\nconst quiz = Alexa.CreateStateHandler('QUIZ', {\n  'AIntent': function () {\n    this.emit(':tell', 'Quiz');\n  },\n  'Unhandled': function () {\n    this.emit(':ask', 'Again?');\n  },\n});\n\nconst loose = {\n  BIntent() {\n    this.emit(':tell', 'Loose');\n  },\n};\n\nexports.handler = function (event, context) {\n  const alexa = Alexa.handler(event, context);\n  alexa.dynamoDBTableName = 'Table';\n  alexa.registerHandlers(handlers, quiz${r.chance(0.5) ? ', loose' : ''});\n  alexa.execute();\n};\n`;
}

function randomHandlerSkill(r: Random): Files {
  const files: Files = { 'index.js': indexModule(r), 'more.js': moreModule(r), 'lib.js': libModule(r) };
  if (r.chance(0.5)) files['v1.js'] = v1Module(r);
  return files;
}

// --- edits -------------------------------------------------------------------------------------------

const positions = (text: string, re: RegExp): number[] => [...text.matchAll(re)].map((m) => m.index!);

/** The top-level handler blocks of a text, as line ranges `[start, end]`. */
function blockLines(lines: string[]): Array<[number, number, string]> {
  const out: Array<[number, number, string]> = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^(?:const (\w+) = \{|class (\w+) \{)$/.exec(lines[i]);
    if (!m) continue;
    let j = i + 1;
    while (j < lines.length && !/^\};?$/.test(lines[j])) j++;
    if (j < lines.length) out.push([i, j, m[1] ?? m[2]]);
  }
  return out;
}

/** An argument list of a registration: `.addRequestHandlers(…)`, `handlers: […]`, `registerHandlers(…)`, `local = […]`. */
function argumentList(r: Random, text: string): { open: number; close: number } | undefined {
  const opens = positions(text, /\.addRequestHandlers\(|handlers: \[|registerHandlers\(|const local = \[/g).map((p) => text.indexOf(text[p] === '.' || text[p] === 'r' ? '(' : '[', p) + 1);
  if (opens.length === 0) return undefined;
  const open = r.pick(opens);
  // The lists this file writes hold no brackets but an inline handler's, which ends on its own line.
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return { open, close: i };
      depth--;
    }
  }
  return undefined;
}

function editArguments(r: Random, text: string, how: 'remove' | 'add' | 'repeat'): string {
  const list = argumentList(r, text);
  if (!list) return text;
  const inner = text.slice(list.open, list.close);
  if (inner.includes('{')) return text;
  const args = inner.split(',').map((a) => a.trim()).filter(Boolean);
  if (how === 'remove' && args.length > 0) args.splice(r.int(args.length), 1);
  else if (how === 'repeat' && args.length > 0) args.splice(r.int(args.length + 1), 0, r.pick(args));
  else {
    const declared = blockLines(text.split('\n')).map(([, , name]) => name);
    args.splice(r.int(args.length + 1), 0, r.pick([...declared, 'Nope', 'loose', 'quiz']));
  }
  return text.slice(0, list.open) + args.join(', ') + text.slice(list.close);
}

type Kind = 'keystroke' | 'intent' | 'add' | 'remove' | 'rename' | 'unregister' | 'register' | 'repeat' | 'helper' | 'v1' | 'random' | 'rewrite' | 'files';

const KINDS: Array<[Kind, number]> = [
  ['keystroke', 8],
  ['intent', 2],
  ['add', 2],
  ['remove', 2],
  ['rename', 2],
  ['unregister', 2],
  ['register', 2],
  ['repeat', 1],
  ['helper', 1],
  ['v1', 2],
  ['random', 3],
  ['rewrite', 1],
  ['files', 1],
];

function kindOf(r: Random): Kind {
  let x = r.int(KINDS.reduce((s, [, w]) => s + w, 0));
  for (const [k, w] of KINDS) {
    if (x < w) return k;
    x -= w;
  }
  return 'keystroke';
}

function edit(r: Random, files: Files, kind: Kind): Files {
  const out = { ...files };
  if (kind === 'files') {
    // A module added to the skill, or taken away: a new set of files.
    if (out['extra.js']) delete out['extra.js'];
    else out['extra.js'] = `${HEAD}\n${HELPERS}\n${blocks(r, 'X', 1, 3).map((b) => b.text).join('\n')}`;
    return out;
  }
  // The builder's file less often than the handlers' modules: an edit there makes its record again.
  const rel = kind === 'v1' && out['v1.js'] ? 'v1.js' : r.chance(0.15) ? 'index.js' : r.pick(Object.keys(out).filter((f) => f !== 'index.js'));
  const text = out[rel];
  const lines = text.split('\n');
  switch (kind) {
    case 'keystroke': {
      // A letter typed into what a handler logs or says, or one deleted from it.
      const at = positions(text, /console\.log\('|speak\('|emit\(':\w+', '/g).map((p) => text.indexOf("'", p) + 1);
      if (at.length === 0) break;
      const p = r.pick(at);
      out[rel] = r.chance(0.5) || text[p] === "'" ? text.slice(0, p) + r.pick(['x', 'é', ' ']) + text.slice(p) : text.slice(0, p) + text.slice(p + 1);
      break;
    }
    case 'intent': {
      const at = positions(text, /'(?:\w+Intent|AMAZON\.\w+|LaunchRequest|SessionEndedRequest)'/g);
      if (at.length === 0) break;
      const p = r.pick(at);
      const end = text.indexOf("'", p + 1) + 1;
      out[rel] = `${text.slice(0, p)}'${r.pick([...INTENTS, ...TYPES])}'${text.slice(end)}`;
      break;
    }
    case 'add': {
      // A handler declared between two top-level blocks, and sometimes registered.
      const gaps = lines.map((l, i) => (l === '' ? i : -1)).filter((i) => i >= 0);
      if (gaps.length === 0) break;
      const b = handlerBlock(r, fresh('N'));
      lines.splice(r.pick(gaps) + 1, 0, ...b.text.split('\n'));
      let next = lines.join('\n');
      const list = r.chance(0.6) ? argumentList(r, next) : undefined;
      if (list && !next.slice(list.open, list.close).includes('{')) next = `${next.slice(0, list.open)}${b.ref}, ${next.slice(list.open)}`;
      out[rel] = next;
      break;
    }
    case 'remove': {
      const bs = blockLines(lines);
      if (bs.length === 0) break;
      const [start, end] = r.pick(bs);
      lines.splice(start, end - start + 1);
      out[rel] = lines.join('\n');
      break;
    }
    case 'rename': {
      const bs = blockLines(lines);
      if (bs.length === 0) break;
      const [start, , name] = r.pick(bs);
      lines[start] = lines[start].replace(name, name.endsWith('r') ? name.slice(0, -1) : `${name}r`);
      out[rel] = lines.join('\n');
      break;
    }
    case 'unregister':
      out[rel] = editArguments(r, text, 'remove');
      break;
    case 'register':
      out[rel] = editArguments(r, text, 'add');
      break;
    case 'repeat':
      out[rel] = editArguments(r, text, 'repeat');
      break;
    case 'helper':
      // What a canHandle declared beside its handlers takes: every handler using it changes with it.
      out[rel] = text.includes("=== 'LaunchRequest';\n}") ? text.replace("=== 'LaunchRequest';\n}", "=== 'SessionEndedRequest';\n}") : text.replace("=== 'SessionEndedRequest';\n}", "=== 'LaunchRequest';\n}");
      break;
    case 'v1': {
      if (rel !== 'v1.js') {
        out['v1.js'] = v1Module(r);
        break;
      }
      switch (r.int(4)) {
        case 0:
          out[rel] = text.includes("'QUIZ'") ? text.replace("'QUIZ'", "'GAME'") : text.replace("'GAME'", "'QUIZ'");
          break;
        case 1:
          out[rel] = text.includes(', loose)') ? text.replace(', loose)', ')') : text.replace('registerHandlers(handlers', 'registerHandlers(handlers, loose');
          break;
        case 2:
          out[rel] = text.replace("const handlers = {\n", `const handlers = {\n  '${r.pick(INTENTS)}': function () {\n    this.emit(':tell', 'More');\n  },\n`);
          break;
        default:
          out[rel] = text.replace(/\n {2}'[\w.]+': function \(\) \{\n {4}this\.emit\([^\n]*\n {2}\},/, '');
      }
      break;
    }
    case 'rewrite':
      // Most of the file made anew: the parser does not update the old tree.
      out[rel] = rel === 'index.js' ? indexModule(r) : rel === 'more.js' ? moreModule(r) : rel === 'v1.js' ? v1Module(r) : libModule(r);
      break;
    default:
      out[rel] = randomEdit(r, text);
  }
  return out;
}

// --- comparing -------------------------------------------------------------------------------------

/** Everything a result says, with paths relative to its skill, positions as offsets, and its own objects as indices into its lists (-1: not one of them). */
function described(ch: CodeHandlers, root: string): unknown {
  const rel = (f: string): string => path.relative(root, f);
  const span = (s: FileSpan | undefined): string | null => (s ? `${rel(s.file)}:${s.offset}+${s.length}` : null);
  const at = (n: ts.Node | undefined): string | null => (n ? `${n.getStart()}-${n.getEnd()}` : null);
  const call = (c: BuilderCall | undefined): unknown =>
    c && { method: c.method, file: rel(c.file), node: at(c.node), span: span(c.span), nameSpan: span(c.nameSpan), args: c.args.map(at), argsSpan: span(c.argsSpan) };
  const handler = (h: Handler): unknown => ({
    sdk: h.sdk,
    file: rel(h.file),
    kind: h.kind,
    name: h.name,
    node: at(h.node),
    span: span(h.span),
    nameSpan: span(h.nameSpan),
    canHandle: at(h.canHandle),
    handle: at(h.handle),
    matches: h.matches.map((m) => ({ requestType: m.requestType, intent: m.intent, conditional: m.conditional, type: span(m.requestTypeLiteral), name: span(m.intentLiteral) })),
    opaque: h.opaque,
    registered: h.registered,
  });
  return {
    handlers: ch.handlers.map(handler),
    builders: ch.builders.map((b) => ({
      file: rel(b.file),
      kind: b.kind,
      create: call(b.create),
      calls: b.calls.map(call),
      addRequestHandlers: b.addRequestHandlers.map((c) => b.calls.indexOf(c)),
      requestHandlers: b.requestHandlers.map((h) => ch.handlers.indexOf(h)),
      registrations: b.registrations.map((x, i) => [ch.handlers.indexOf(x.handler), x.handler === b.requestHandlers[i], at(x.argument), b.addRequestHandlers.indexOf(x.call)]),
      unresolvedHandlers: b.unresolvedHandlers.map(at),
      interceptors: [...b.addRequestInterceptors, ...b.addResponseInterceptors, ...b.addErrorHandlers].map((c) => b.calls.indexOf(c)),
      persistence: [b.persistenceAdapter, b.tableName, b.entry].map((c) => (c ? b.calls.indexOf(c) : null)),
      statement: at(b.statement),
    })),
    v1: ch.v1.map((s) => ({
      file: rel(s.file),
      handlerCall: at(s.handlerCall),
      span: span(s.span),
      registerHandlers: s.registerHandlers.map(call),
      maps: s.maps.map((m) => ch.v1Maps.indexOf(m)),
      dynamo: s.dynamoDBTableName && { span: span(s.dynamoDBTableName.span), value: s.dynamoDBTableName.value },
      execute: call(s.execute),
    })),
    v1Maps: ch.v1Maps.map((m) => ({
      file: rel(m.file),
      node: at(m.node),
      span: span(m.span),
      state: m.state,
      registered: m.registered,
      handlers: m.handlers.map((h) => ({ sdk: h.sdk, file: rel(h.file), name: h.name, keySpan: span(h.keySpan), node: at(h.node), handle: at(h.handle) })),
    })),
  };
}

/**
 * A result's objects and the values a later check could change in place, in a fixed order
 * (positions left out: a reused node moves with the next tree, by design). Equal item by item,
 * by identity, to what it was when the result was returned, or a later check changed it.
 */
function shape(ch: CodeHandlers): unknown[] {
  const out: unknown[] = [ch.handlers, ch.handlers.length, ...ch.handlers, ch.builders, ...ch.builders, ch.v1, ...ch.v1, ch.v1Maps, ...ch.v1Maps];
  for (const h of ch.handlers) out.push(h.registered, h.name, h.kind, h.opaque, h.node, h.canHandle, h.handle, h.matches, h.matches.length, ...h.matches.flatMap((m) => [m.requestType, m.intent, m.conditional]));
  for (const b of ch.builders) {
    out.push(b.requestHandlers, b.requestHandlers.length, ...b.requestHandlers, b.registrations, b.registrations.length, ...b.registrations, ...b.registrations.flatMap((x) => [x.handler, x.argument, x.call]));
    out.push(b.unresolvedHandlers, b.unresolvedHandlers.length, ...b.unresolvedHandlers, b.calls, b.calls.length, ...b.calls, b.addRequestHandlers, ...b.addRequestHandlers, b.create, b.entry, b.statement);
  }
  for (const s of ch.v1) out.push(s.maps, s.maps.length, ...s.maps, s.registerHandlers, ...s.registerHandlers, s.execute);
  for (const m of ch.v1Maps) out.push(m.state, m.registered, m.node, m.handlers, m.handlers.length, ...m.handlers);
  return out;
}

function sameShape(now: unknown[], then: unknown[], what: string): void {
  assert.equal(now.length, then.length, `${what}: the result's shape`);
  for (let i = 0; i < now.length; i++) if (now[i] !== then[i]) assert.fail(`${what}: item ${i} of the result changed`);
}

/** The questions asked of every result: intents and request types the skills use, and some they do not. */
const QUESTIONS: Array<['intent' | 'type', string]> = [
  ...[...INTENTS, 'Unhandled', 'LaunchRequest', 'NoSuchIntent'].map((i): ['intent', string] => ['intent', i]),
  ...[...TYPES, 'IntentRequest', 'NoSuchRequest'].map((t): ['type', string] => ['type', t]),
];

const ask = (a: SkillAnalysis, [kind, name]: ['intent' | 'type', string]): Array<Handler | V1Handler> => (kind === 'intent' ? handlerForIntent(a, name) : handlersForRequest(a, name));

/** The answer by its definition: a filter over the result's handlers, registered v2 handlers first, then the v1 handlers of that name. */
function byFilter(ch: CodeHandlers, [kind, name]: ['intent' | 'type', string]): Array<Handler | V1Handler> {
  const v2 = ch.handlers.filter((h) => h.matches.some((m) => (kind === 'intent' ? m.intent === name && (m.requestType === undefined || m.requestType === 'IntentRequest') : m.requestType === name)));
  v2.sort((x, y) => Number(y.registered) - Number(x.registered));
  return [...v2, ...ch.v1Maps.flatMap((m) => m.handlers.filter((h) => h.name === name))];
}

function sameAnswer(got: Array<Handler | V1Handler>, want: Array<Handler | V1Handler>, what: string): void {
  assert.equal(got.length, want.length, `${what}: number of handlers`);
  got.forEach((h, i) => assert.strictEqual(h, want[i], `${what}: handler ${i}`));
}

/** An answer as indices into its result's lists, to compare two results' answers. */
const answerOf = (ch: CodeHandlers, hs: Array<Handler | V1Handler>): string[] =>
  hs.map((h) => (h.sdk === 'v2' ? `v2 ${ch.handlers.indexOf(h)}` : `v1 ${ch.v1Maps.findIndex((m) => m.handlers.includes(h))} ${h.name}`));

// --- the run -----------------------------------------------------------------------------------------

interface Previous {
  analysis: SkillAnalysis;
  ch: CodeHandlers;
  shape: unknown[];
}

/** What the incremental side did (the fresh side's discoveries are left out). */
type Stats = typeof discoveryStats & typeof registrationStats;

function counting<T>(into: Stats, f: () => T): T {
  const d = { ...discoveryStats };
  const g = { ...registrationStats };
  try {
    return f();
  } finally {
    for (const k of Object.keys(d) as Array<keyof typeof d>) into[k] += discoveryStats[k] - d[k];
    for (const k of Object.keys(g) as Array<keyof typeof g>) into[k] += registrationStats[k] - g[k];
  }
}

function run(seed: number, steps: number, kinds: Map<Kind, number>, stats: Stats): number {
  const r = new Random(seed);
  const root = path.resolve(`/handler-discovery/inc-${seed}`);
  let files = randomHandlerSkill(r);
  let previous: Previous | undefined;
  const seen = new Set<string>();
  const used = new Set<string>();
  try {
    for (let step = 0; step <= steps; step++) {
      const what = `seed ${seed} step ${step}`;
      const a = analysisAt(root, files);
      const ch = counting(stats, () => codeHandlers(a));
      const freshRoot = path.resolve(`/handler-discovery/fresh-${seed}-${step}`);
      const fa = analysisAt(freshRoot, files);
      const want = described(codeHandlers(fa), freshRoot);
      assert.deepStrictEqual(described(ch, root), want, `${what}: discovery differs from a fresh one`);
      seen.add(JSON.stringify(want));
      // Half the questions now (from the skill's index), the other half of the previous result after this check.
      QUESTIONS.forEach((q, i) => {
        if ((i + step) % 2 === 0) return;
        const got = counting(stats, () => ask(a, q));
        sameAnswer(got, byFilter(ch, q), `${what}: ${q.join(' ')}`);
        assert.deepEqual(answerOf(ch, got), answerOf(codeHandlers(fa), ask(fa, q)), `${what}: ${q.join(' ')} against a fresh check`);
        if (got.length > 0) used.add(q.join(' '));
      });
      forgetParsed(codeFiles(freshRoot, files));
      if (previous) {
        sameShape(shape(previous.ch), previous.shape, `${what}: the previous check`);
        QUESTIONS.forEach((q, i) => {
          if ((i + step) % 2 === 1) return;
          sameAnswer(ask(previous!.analysis, q), byFilter(previous!.ch, q), `${what}: ${q.join(' ')} of the previous check`);
        });
      }
      previous = { analysis: a, ch, shape: shape(ch) };
      const kind = kindOf(r);
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      files = edit(r, files, kind);
    }
  } finally {
    forgetParsed(codeFiles(root, { ...files, 'extra.js': '' }));
  }
  assert.ok(used.size > 3, `seed ${seed}: only ${used.size} questions had answers`);
  return seen.size;
}

describe('handler discovery kept between checks equals a fresh discovery', function () {
  this.timeout(600_000);

  it('after each of hundreds of seeded random edits (handlers, registrations, exported arrays, v1 maps, files)', () => {
    const stats: Stats = { ...discoveryStats, ...registrationStats };
    for (const k of Object.keys(stats) as Array<keyof Stats>) stats[k] = 0;
    const kinds = new Map<Kind, number>();
    let distinct = 0;
    const seeds = 30;
    const steps = 40;
    for (let seed = 1; seed <= seeds; seed++) distinct += run(seed * 104729, steps, kinds, stats);
    // The edits changed what is found, or the comparison proved little.
    assert.ok(distinct > seeds * steps * 0.5, `only ${distinct} distinct results`);
    for (const [k] of KINDS) assert.ok((kinds.get(k) ?? 0) > 10, `edits of kind ${k}: ${kinds.get(k) ?? 0}`);
    // Every path was taken: scans carried over and made afresh, builder records kept, patched and made, the index updated and made.
    const d = stats;
    const summary = JSON.stringify(d);
    assert.ok(d.carried > seeds * steps * 0.6, `scans carried over: ${summary}`);
    assert.ok(d.composed > seeds * 6, `scans made from every statement: ${summary}`);
    assert.ok(d.unchanged > 200 && d.patched > 150 && d.moved > 50 && d.made > 50, `builder records kept unchanged, patched, moved, made: ${summary}`);
    assert.ok(d.indexUpdates > 200 && d.indexBuilds > seeds * 2, `match index updated and made: ${summary}`);
    assert.ok(d.resolved > 0 && d.kept > 4 * d.resolved, `registrations kept, not resolved again: ${summary}`);
  });

  it('takes a scan over only from the tree it was made for: a tree no check saw in between makes the next scan afresh', () => {
    const root = path.resolve('/handler-discovery/skipped');
    const handler = (n: number, intent: string): string => `const H${n} = {\n  canHandle(handlerInput) {\n    return Alexa.getIntentName(${ENV}) === '${intent}';\n  },\n  handle(handlerInput) {\n    return handlerInput.responseBuilder.getResponse();\n  },\n};\n`;
    const text = (intent: string): string => `${HEAD}\n${handler(0, 'AIntent')}\n${handler(1, intent)}\n${handler(2, 'CIntent')}\nexports.handler = Alexa.SkillBuilders.custom().addRequestHandlers(H0, H1, H2).lambda();\n`;
    const file = path.join(root, 'lambda', 'index.js');
    try {
      const first = codeHandlers(analysisAt(root, { 'index.js': text('BIntent') }));
      assert.deepEqual(first.handlers.map((h) => `${h.name} ${h.registered}`), ['H0 true', 'H1 true', 'H2 true']);
      // A tree parsed and never checked, then the next one.
      parseCode(file, text('BIntentx'));
      let before = { ...discoveryStats };
      const a = analysisAt(root, { 'index.js': text('BIntenty') });
      const ch = codeHandlers(a);
      assert.equal(discoveryStats.composed - before.composed, 1);
      assert.deepEqual(ch.handlers.map((h) => h.matches.map((m) => m.intent).join()), ['AIntent', 'BIntenty', 'CIntent']);
      sameAnswer(handlerForIntent(a, 'BIntenty'), [ch.handlers[1]], 'BIntenty');
      // The check after it carries its scan over again.
      before = { ...discoveryStats };
      const next = codeHandlers(analysisAt(root, { 'index.js': text('BIntentz') }));
      assert.equal(discoveryStats.carried - before.carried, 1);
      assert.deepEqual(next.handlers.map((h) => h.matches.map((m) => m.intent).join()), ['AIntent', 'BIntentz', 'CIntent']);
      assert.ok(next.handlers[0] === ch.handlers[0] && next.handlers[1] !== ch.handlers[1], 'an unchanged handler is the same object, a changed one a new one');
    } finally {
      forgetParsed([file]);
    }
  });

  it('keeps discovery order in the index when a check sees a file again whose handlers moved around one both trees share', () => {
    const root = path.resolve('/handler-discovery/revived');
    const handler = (name: string): string => `const ${name} = {\n  canHandle(handlerInput) {\n    return Alexa.getIntentName(${ENV}) === 'AIntent';\n  },\n  handle(handlerInput) {\n    return handlerInput.responseBuilder.speak('${name}').getResponse();\n  },\n};\n`;
    // S between two statements of its own, and the exported array as it is: no edit below makes S's statement anew
    // (and the comment keeps each edit small enough for an incremental parse).
    const more = (before: string[], after: string[]): string =>
      `${HEAD}\n${before.map(handler).join('\n')}\nconst one = 1;\n\n${handler('S')}\nconst two = 2;\n\n${after.map(handler).join('\n')}\nmodule.exports = { handlers: [A, B, S] };\n// ${'-'.repeat(4000)}\n`;
    const index = `${HEAD}const more = require('./more');\n\nexports.handler = Alexa.SkillBuilders.custom().addRequestHandlers(...more.handlers).lambda();\n`;
    const intent = (files: Files): string[] => handlerForIntent(analysisAt(root, files), 'AIntent').map((h) => (h as Handler).name!);
    try {
      assert.deepEqual(intent({ 'index.js': index, 'more.js': more(['A', 'B'], []) }), ['A', 'B', 'S']);
      // Another set of files (another discovery of the skill) sees the module edited twice, S's statement kept.
      const extra = { 'extra.js': `${HEAD}` };
      assert.deepEqual(intent({ 'index.js': index, 'more.js': more([], []), ...extra }), ['S']);
      const kept = codeHandlers(analysisAt(root, { 'index.js': index, 'more.js': more([], []), ...extra })).handlers[0];
      assert.deepEqual(intent({ 'index.js': index, 'more.js': more([], ['X', 'Y']), ...extra }), ['S', 'X', 'Y']);
      assert.strictEqual(codeHandlers(analysisAt(root, { 'index.js': index, 'more.js': more([], ['X', 'Y']), ...extra })).handlers[0], kept, "S's statement kept");
      // The first discovery again: its scan of the module is two trees old, and S went and came.
      const files = { 'index.js': index, 'more.js': more([], ['X', 'Y']) };
      const a = analysisAt(root, files);
      const ch = codeHandlers(a);
      sameAnswer(handlerForIntent(a, 'AIntent'), byFilter(ch, ['intent', 'AIntent']), 'AIntent');
      assert.deepEqual(intent(files), ['S', 'X', 'Y']);
    } finally {
      forgetParsed(codeFiles(root, { 'index.js': '', 'more.js': '', 'extra.js': '' }));
    }
  });

  it('names v1 maps\' states and registrations on variants made once, and an earlier result keeps its own', () => {
    const root = path.resolve('/handler-discovery/v1');
    const text = (registered: string, state: string): string =>
      `const Alexa = require('alexa-sdk');\n\nconst handlers = {\n  'LaunchRequest': function () {\n    this.emit(':ask', 'Welcome');\n  },\n};\n\nconst quiz = Alexa.CreateStateHandler('${state}', {\n  'AIntent': function () {\n    this.emit(':tell', 'Quiz');\n  },\n});\n\nexports.handler = function (event, context) {\n  const alexa = Alexa.handler(event, context);\n  alexa.registerHandlers(${registered});\n  alexa.execute();\n};\n`;
    const states = (ch: CodeHandlers): string[] => ch.v1Maps.map((m) => `${m.state ?? '-'} ${m.registered}`);
    try {
      const one = codeHandlers(analysisAt(root, { 'v1.js': text('handlers', 'QUIZ') }));
      assert.deepEqual(states(one), ['- true', 'QUIZ false']);
      const a = analysisAt(root, { 'v1.js': text('handlers, quiz', 'QUIZ') });
      const two = codeHandlers(a);
      assert.deepEqual(states(two), ['- true', 'QUIZ true']);
      assert.deepEqual(states(one), ['- true', 'QUIZ false']);
      // The same map, registered in both checks: the same object; the skill lists the result's own.
      assert.strictEqual(two.v1Maps[0], one.v1Maps[0]);
      assert.deepEqual(two.v1[0].maps.map((m) => two.v1Maps.indexOf(m)), [0, 1]);
      sameAnswer(handlerForIntent(a, 'AIntent'), [two.v1Maps[1].handlers[0]], 'AIntent');
      const three = codeHandlers(analysisAt(root, { 'v1.js': text('handlers, quiz', 'GAME') }));
      assert.deepEqual(states(three), ['- true', 'GAME true']);
      assert.deepEqual(states(two), ['- true', 'QUIZ true']);
    } finally {
      forgetParsed([path.join(root, 'lambda', 'v1.js')]);
    }
  });

  it('registers and unregisters many handlers at once, and answers from the index made again', () => {
    const root = path.resolve('/handler-discovery/many');
    const count = 80;
    const handlers = Array.from({ length: count }, (_, i) => `const M${i} = {\n  canHandle(handlerInput) {\n    return Alexa.getIntentName(${ENV}) === 'I${i % 7}Intent';\n  },\n  handle(handlerInput) {\n    return handlerInput.responseBuilder.speak('M${i}').getResponse();\n  },\n};\n`).join('\n');
    const more = `${HEAD}\n${handlers}\nmodule.exports = { handlers: [${Array.from({ length: count }, (_, i) => `M${i}`).join(', ')}] };\n`;
    const index = (spread: boolean): string => `${HEAD}const more = require('./more');\n\nexports.handler = Alexa.SkillBuilders.custom().addRequestHandlers(${spread ? '...more.handlers' : 'more.M0'}).lambda();\n`;
    try {
      for (const [step, spread] of [true, false, true].entries()) {
        const files = { 'index.js': index(spread), 'more.js': more };
        const a = analysisAt(root, files);
        const ch = codeHandlers(a);
        const freshRoot = path.resolve(`/handler-discovery/many-fresh-${step}`);
        assert.deepStrictEqual(described(ch, root), described(codeHandlers(analysisAt(freshRoot, files)), freshRoot));
        forgetParsed(codeFiles(freshRoot, files));
        assert.equal(ch.handlers.filter((h) => h.registered).length, spread ? count : 0);
        for (let i = 0; i < 7; i++) sameAnswer(handlerForIntent(a, `I${i}Intent`), byFilter(ch, ['intent', `I${i}Intent`]), `I${i}Intent`);
      }
      // Every handler retyped at once (more than the index takes in place): the index is made again.
      const before = { ...discoveryStats };
      const files = { 'index.js': index(true), 'more.js': more.replace(/speak\('M/g, "speak('N") };
      const a = analysisAt(root, files);
      const ch = codeHandlers(a);
      sameAnswer(handlerForIntent(a, 'I3Intent'), byFilter(ch, ['intent', 'I3Intent']), 'I3Intent after the rewrite');
      assert.equal(discoveryStats.indexBuilds - before.indexBuilds, 1);
    } finally {
      forgetParsed(codeFiles(root, { 'index.js': '', 'more.js': '' }));
    }
  });
});
