import * as path from 'path';
import * as ts from 'typescript';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseCode } from '../engine/code/parse';
import { DirEntry, ReadResult } from '../engine/host';
import { pathToUri } from './uri';
import { DEFAULT_SETTINGS, Settings } from './settings';
import { Publications } from './publications';
import { OverlayHost, SkillWorkspace } from './workspace';
import { publishPlan } from './checking';

/**
 * Warm-up of the keystroke path (issue 7). The first keystrokes after a large handler file is
 * opened took 2–3x as long as later ones (over the language server, in the 10,000-line file, the
 * first 30 of 200 had a median of 53 ms and a p95 of 87 ms, the other 170 35 ms and 44 ms), for
 * two reasons:
 * - they run code the workspace scan never ran (the incremental parse, the data flow's replay and
 *   moves, the rules' kept reports, the publication diff), which V8 compiles only as it gets hot;
 * - the first edits of a file build what later ones reuse: the per-statement facts and indexes
 *   the rules keep for the file's tree, the data flow's records of its entry points.
 * So when a large file is opened the server, while it would otherwise be idle, first types into a
 * skill of its own (once per process, `warmUpSteps`: a generated handler file edited in URL
 * paths, log messages and speech), then into the opened file itself (`primeSteps`: a letter typed into a
 * few of its strings and deleted again). Each edit is checked exactly as a keystroke is
 * (`SkillWorkspace.lint`, `publishPlan`, the diagnostics encoded as they would be sent) and
 * nothing is sent: the generated skill lives in memory only, and the opened file's edits are
 * checked in a workspace of their own, so what the editor shows, and the runs its code actions
 * refer to, never change.
 */

/** Opening a code file with at least this many lines starts the warm-up (once per process). */
export const WARM_UP_MIN_LINES = 1000;
/** Intents of the generated handler file (about 26 lines each). */
export const WARM_UP_HANDLERS = 100;
/** Keystrokes typed into it, each checked. */
export const WARM_UP_EDITS = 60;

/** Strings of the opened file typed into by `primeSteps`, each once and then deleted. */
export const PRIME_EDITS = 3;

/** What `skillPrivacy/stats` reports of the warm-up. */
export interface WarmUpStats {
  state: 'not started' | 'running' | 'done' | 'failed';
  /** Checks run: of the generated skill (its opening included) and of opened files' edits. */
  checks: number;
  /** Opened files whose strings were typed into. */
  primed: number;
  /** Wall time from the first step to the last, ms. */
  ms: number;
}

const SLOTS = [
  ['phone', 'AMAZON.PhoneNumber'],
  ['firstName', 'AMAZON.FirstName'],
  ['city', 'AMAZON.US_CITY'],
  ['birthday', 'AMAZON.DATE'],
  ['color', 'Color'],
] as const;

/** One intent handler; `i` chooses what it does with its slot: log, share, store or speak it. */
function handlerBlock(i: number): string {
  const [slot] = SLOTS[i % SLOTS.length];
  const use = [
    `    console.log('heard ${slot} for intent ${i}', value);`,
    `    await axios.post('https://partner${i % 7}.example.com/v1/events', { ${slot}: value, intent: ${i} });\n    console.log('shared intent ${i}');`,
    `    const persistent = await handlerInput.attributesManager.getPersistentAttributes();\n    persistent.${slot}${i} = value;\n    handlerInput.attributesManager.setPersistentAttributes(persistent);\n    await handlerInput.attributesManager.savePersistentAttributes();\n    console.log('stored intent ${i}');`,
    `    console.log('intent ${i} answered');`,
  ][i % 4];
  return [
    `function reply${i}(name, value) {`,
    `  return value ? \`Thanks \${name}, I noted \${value}.\` : 'Sorry, I did not catch that.';`,
    `}`,
    ``,
    `const Intent${i}Handler = {`,
    `  canHandle(handlerInput) {`,
    `    return Alexa.getRequestType(handlerInput.requestEnvelope) === 'IntentRequest'`,
    `      && Alexa.getIntentName(handlerInput.requestEnvelope) === 'Intent${i}';`,
    `  },`,
    `  async handle(handlerInput) {`,
    `    const value = Alexa.getSlotValue(handlerInput.requestEnvelope, '${slot}');`,
    `    const session = handlerInput.attributesManager.getSessionAttributes();`,
    `    session.last = 'Intent${i}';`,
    `    handlerInput.attributesManager.setSessionAttributes(session);`,
    use,
    `    return handlerInput.responseBuilder`,
    `      .speak(reply${i}('friend', value))`,
    `      .reprompt('What else would you like to tell me about intent ${i}?')`,
    `      .getResponse();`,
    `  },`,
    `};`,
    ``,
  ].join('\n');
}

/** The files of the warm-up skill (ask-cli v2 layout), by path under `root`. */
export function warmUpSkillFiles(root: string, handlers = WARM_UP_HANDLERS): Map<string, string> {
  const ids = Array.from({ length: handlers }, (_, i) => i);
  const code = [
    `const Alexa = require('ask-sdk-core');`,
    `const axios = require('axios');`,
    ``,
    ...ids.map(handlerBlock),
    `exports.handler = Alexa.SkillBuilders.custom()`,
    `  .addRequestHandlers(${ids.map((i) => `Intent${i}Handler`).join(', ')})`,
    `  .lambda();`,
    ``,
  ].join('\n');
  const model = {
    interactionModel: {
      languageModel: {
        invocationName: 'warm up',
        intents: ids.map((i) => {
          const [slot, type] = SLOTS[i % SLOTS.length];
          return { name: `Intent${i}`, slots: [{ name: slot, type }], samples: [`my ${slot} is {${slot}}`, `intent ${i} {${slot}}`] };
        }),
        types: [{ name: 'Color', values: [{ name: { value: 'red' } }, { name: { value: 'blue' } }] }],
      },
    },
  };
  const manifest = {
    manifest: {
      publishingInformation: { locales: { 'en-US': { name: 'Warm up', summary: 'Warm up', description: 'Warm up', examplePhrases: ['Alexa, open warm up'] } } },
      apis: { custom: {} },
      manifestVersion: '1.0',
    },
  };
  return new Map([
    [path.join(root, 'ask-resources.json'), JSON.stringify({ askcliResourcesVersion: '2020-03-31', profiles: { default: { skillMetadata: { src: './skill-package' }, code: { default: { src: './lambda' } } } } }, null, 2)],
    [path.join(root, 'skill-package', 'skill.json'), JSON.stringify(manifest, null, 2)],
    [path.join(root, 'skill-package', 'interactionModels', 'custom', 'en-US.json'), JSON.stringify(model, null, 2)],
    [path.join(root, 'lambda', 'index.js'), code],
  ]);
}

/** Files in memory, with their folders; the warm-up's edits are overlays, as open documents are. */
class MemoryHost implements OverlayHost {
  private readonly dirs = new Map<string, Map<string, boolean>>();

  constructor(private readonly files: Map<string, string>) {
    for (const file of files.keys()) {
      for (let child = file, dir = path.dirname(file); !this.dirs.get(dir)?.has(path.basename(child)); child = dir, dir = path.dirname(dir)) {
        let entries = this.dirs.get(dir);
        if (!entries) this.dirs.set(dir, (entries = new Map()));
        entries.set(path.basename(child), child !== file);
        if (path.dirname(dir) === dir) break;
      }
    }
  }

  setOverlay(file: string, text: string | undefined): void {
    if (text !== undefined && this.files.has(file)) this.files.set(file, text);
  }

  hasOverlay(file: string): boolean {
    return this.files.has(file);
  }

  readText(file: string): ReadResult {
    const text = this.files.get(file);
    return text === undefined ? { kind: 'missing' } : { kind: 'text', text };
  }

  exists(file: string): boolean {
    return this.files.has(file) || this.dirs.has(file);
  }

  isDirectory(file: string): boolean {
    return this.dirs.has(file);
  }

  readDir(dir: string): DirEntry[] {
    return [...(this.dirs.get(dir) ?? [])].map(([name, isDirectory]) => ({ name, isDirectory, isFile: !isDirectory }));
  }

  realPath(file: string): string {
    return file;
  }
}

/** One warm-up check: as the server checks a keystroke, its notifications encoded as they would be sent, and dropped. */
function checkUnsent(ws: SkillWorkspace, publications: Publications, root: string, settings: Settings): void {
  // What sending them costs: vscode-jsonrpc encodes each notification as JSON.
  for (const p of publishPlan(ws, publications, root, settings, true, () => undefined)) JSON.stringify(p);
}

/**
 * The warm-up as steps, one check each, for the caller to run while it has nothing else to do.
 * The skill and everything the engine kept for it are let go when the last step has run (or the
 * generator is closed early).
 */
export function* warmUpSteps(root: string, edits = WARM_UP_EDITS, handlers = WARM_UP_HANDLERS): Generator<void, void, undefined> {
  const files = warmUpSkillFiles(root, handlers);
  const host = new MemoryHost(files);
  const file = path.join(root, 'lambda', 'index.js');
  let doc = TextDocument.create(pathToUri(file), 'javascript', 1, files.get(file)!);
  const ws = new SkillWorkspace((f) => (f === file ? doc : undefined), host);
  ws.setFolders([root]);
  const publications = new Publications();
  const check = (): void => checkUnsent(ws, publications, root, DEFAULT_SETTINGS);
  // Keystrokes in URL paths (the data flow runs again), in log messages (the data flow takes its
  // last model over, moved; the rules that read it check again) and in speech (the rules keep
  // their reports): the three paths a keystroke in a handler takes.
  const text = doc.getText();
  const targets: number[] = [];
  for (const needle of ['/v1/', "console.log('", ".reprompt('"]) {
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) targets.push(at + needle.length);
  }
  targets.sort((a, b) => a - b);
  try {
    check();
    yield;
    for (let k = 0; k < edits; k++) {
      // Every other keystroke types a letter, the next deletes it: each edit is one character.
      const at = doc.positionAt(targets[(Math.floor(k / 2) * 37) % targets.length]);
      const change = k % 2 === 0 ? { range: { start: at, end: at }, text: 'x' } : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' };
      doc = TextDocument.update(doc, [change], doc.version + 1);
      host.setOverlay(file, doc.getText());
      check();
      yield;
    }
  } finally {
    ws.forget(root);
  }
}

/** The host of a workspace with one file's text replaced: a priming edit no editor sees. */
class ShadowHost implements OverlayHost {
  text: string | undefined;

  constructor(
    private readonly base: OverlayHost,
    private readonly file: string,
  ) {}

  setOverlay(): void {
    // Only the priming sets this host's text (`text`); the editor's overlays go to the base.
  }

  hasOverlay(file: string): boolean {
    return file === this.file || this.base.hasOverlay(file);
  }

  readText(file: string): ReadResult {
    return file === this.file && this.text !== undefined ? { kind: 'text', text: this.text } : this.base.readText(file);
  }

  exists(file: string): boolean {
    return this.base.exists(file);
  }

  isDirectory(file: string): boolean {
    return this.base.isDirectory(file);
  }

  readDir(dir: string): DirEntry[] {
    return this.base.readDir(dir);
  }

  realPath(file: string): string {
    return this.base.realPath(file);
  }
}

/**
 * Offsets just inside `count` string literals spread evenly over the file (not module specifiers,
 * whose edit would change what the file imports rather than what it does).
 */
export function primeOffsets(file: string, text: string, count: number): number[] {
  const { sourceFile } = parseCode(file, text);
  const found: number[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isStringLiteral(n)) {
      const p = n.parent;
      const specifier = ts.isImportDeclaration(p) || ts.isExportDeclaration(p) || ts.isExternalModuleReference(p) || (ts.isCallExpression(p) && ts.isIdentifier(p.expression) && p.expression.text === 'require');
      if (!specifier) found.push(n.getStart(sourceFile) + 1);
      return;
    }
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(sourceFile, visit);
  if (found.length <= count) return found;
  return Array.from({ length: count }, (_, i) => found[Math.floor(((i + 0.5) * found.length) / count)]);
}

/**
 * Priming of an opened file: a letter typed into each of `PRIME_EDITS` of its strings and deleted
 * again, each edit checked as a keystroke is, in a workspace of its own over the same files. The
 * last check is of the file's own text, so what the engine keeps for the skill afterwards is what
 * a check of the open document leaves. Ends early when the document changes or is closed: the
 * editor's own check then takes over from whatever the engine keeps.
 */
export function* primeSteps(ws: SkillWorkspace, root: string, file: string, settings: Settings, edits = PRIME_EDITS): Generator<void, void, undefined> {
  const doc = ws.openDocument(file);
  if (!doc) return;
  const { version } = doc;
  const text = doc.getText();
  const host = new ShadowHost(ws.host, file);
  let shadowDoc = doc;
  const shadow = new SkillWorkspace((f) => (f === file ? shadowDoc : ws.openDocument(f)), host);
  shadow.setFolders(ws.getFolders());
  const publications = new Publications();
  for (const at of primeOffsets(file, text, edits)) {
    for (const typed of [true, false]) {
      if (ws.openDocument(file)?.version !== version) return;
      host.text = typed ? text.slice(0, at) + 'x' + text.slice(at) : text;
      shadowDoc = TextDocument.create(doc.uri, doc.languageId, version, host.text);
      checkUnsent(shadow, publications, root, settings);
      yield;
    }
  }
}
