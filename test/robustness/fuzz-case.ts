/**
 * One fuzz case: a fixture skill with one to three of its files mutated (bytes or structure),
 * checked by the whole engine (discovery, every rule, the privacy report, the CLI formats), and
 * every fix of every finding applied and re-parsed. Replayable from (seed, index).
 */
import * as path from 'path';
import { parseTree, Node } from 'jsonc-parser';
import { discoverSkills } from '../../server/src/engine/project/discover';
import { loadSkill } from '../../server/src/engine/skill';
import { lintSkill } from '../../server/src/engine/linter';
import { privacyReport } from '../../server/src/engine/report';
import { format } from '../../server/src/cli/formats';
import { PositionMapper } from '../../server/src/cli/positions';
import { CODE_FILE, FixtureSkill, MemFiles, MemoryFileHost, Random, checkFixes } from './support';

export interface CaseResult {
  index: number;
  ms: number;
  mutations: string[];
  findings: number;
  fixesChecked: number;
  /** Exceptions that escaped, rule exceptions (onInternalError) and unsafe fixes. */
  failures: string[];
}

const JUNK = ['{', '}', '[', ']', '"', ',', ':', '\\', '/*', '//', '\n', '\r\n', '\ufeff', '\u0000', '\ufffd', '\ud800', 'é', '😀', 'null', 'true', '-1e999', '0x', '`', '${', "'", '(', ')', '=>', ';'];
const CODE_JUNK = [
  'function (',
  'async ',
  'await ',
  'class X extends',
  '=> {',
  'require(',
  "require('./index')",
  "require('ask-sdk-core')",
  'console.log(handlerInput.requestEnvelope);',
  'Alexa.getSlotValue(handlerInput.requestEnvelope, "phone")',
  'handlerInput.attributesManager.setPersistentAttributes({ x: slot });',
  'fetch("https://x.example", { body: JSON.stringify(handlerInput) });',
  'exports.handler = ',
  'module.exports = module.exports;',
  'a = a.b.c.d.e;',
  'for (;;) {',
  'if (x) { } else',
  '/* ',
  '`${',
  '<div>',
  'import * as x from "./x";',
  'export default ',
];
const VALUES: unknown[] = [null, true, false, 0, -1, 1e308, '', 'x', 'AMAZON.PhoneNumber', 'https://', [], {}, [null], { type: 'AMAZON.SearchQuery' }, 'a'.repeat(5000)];

function randomJunk(r: Random, code: boolean): string {
  if (code && r.chance(0.5)) return r.pick(CODE_JUNK);
  if (r.chance(0.3)) return String.fromCharCode(r.int(0x3000));
  return r.pick(JUNK);
}

/** Every node of a jsonc tree with its parent chain length, for picking structure to mutate. */
function nodes(root: Node | undefined): Node[] {
  const out: Node[] = [];
  const walk = (n: Node): void => {
    out.push(n);
    for (const c of n.children ?? []) walk(c);
  };
  if (root) walk(root);
  return out;
}

function byteMutation(r: Random, text: string, code: boolean): [string, string] {
  const at = r.int(text.length + 1);
  switch (r.int(code ? 7 : 6)) {
    case 6: {
      // Deep nesting around the limits of the parser and of the analysis' walks.
      const depth = 1 + r.int(2500);
      const [open, close] = r.pick([['(', ')'], ['[', ']'], ['{a:', '}'], ['f(', ')'], ['(() => ', ')'], ['if (x) {', '}']]);
      return [text.slice(0, at) + open.repeat(depth) + 'input' + close.repeat(depth) + text.slice(at), `nest ${JSON.stringify(open)} ${depth} levels at ${at}`];
    }
    case 0: {
      const len = 1 + r.int(Math.min(40, Math.max(1, text.length - at)));
      return [text.slice(0, at) + text.slice(at + len), `delete ${len} at ${at}`];
    }
    case 1: {
      const junk = randomJunk(r, code);
      return [text.slice(0, at) + junk + text.slice(at), `insert ${JSON.stringify(junk)} at ${at}`];
    }
    case 2: {
      const ch = randomJunk(r, code).charAt(0) || 'x';
      return [text.slice(0, at) + ch + text.slice(at + 1), `replace char at ${at} with ${JSON.stringify(ch)}`];
    }
    case 3: {
      const len = r.int(200);
      const piece = text.slice(at, at + len);
      return [text.slice(0, at) + piece + piece + text.slice(at + len), `duplicate ${len} at ${at}`];
    }
    case 4:
      return [text.slice(0, at), `cut at ${at}`];
    default: {
      // Swap two lines: half-moved code, a closing brace before its opening.
      const lines = text.split('\n');
      const a = r.int(lines.length);
      const b = r.int(lines.length);
      [lines[a], lines[b]] = [lines[b], lines[a]];
      return [lines.join('\n'), `swap lines ${a + 1} and ${b + 1}`];
    }
  }
}

/** Drop, duplicate or retype a JSON member, splicing the text so the rest keeps its offsets. */
function jsonMutation(r: Random, text: string): [string, string] | undefined {
  const all = nodes(parseTree(text.replace(/^\ufeff/, ' ')));
  const props = all.filter((n) => n.type === 'property');
  const values = all.filter((n) => n.parent !== undefined && !(n.parent.type === 'property' && n.parent.children?.[0] === n));
  switch (r.int(4)) {
    case 0: {
      if (!props.length) return undefined;
      const p = r.pick(props);
      // Drop the member and one neighbouring comma so the object stays well-formed.
      let start = p.offset;
      let end = p.offset + p.length;
      const after = /^\s*,/.exec(text.slice(end));
      if (after) end += after[0].length;
      else {
        const before = /,\s*$/.exec(text.slice(0, start));
        if (before) start -= before[0].length;
      }
      return [text.slice(0, start) + text.slice(end), `drop member ${JSON.stringify(p.children?.[0]?.value)}`];
    }
    case 1: {
      if (!props.length) return undefined;
      const p = r.pick(props);
      const src = text.slice(p.offset, p.offset + p.length);
      return [text.slice(0, p.offset + p.length) + ', ' + src + text.slice(p.offset + p.length), `duplicate member ${JSON.stringify(p.children?.[0]?.value)}`];
    }
    case 2: {
      if (!values.length) return undefined;
      const v = r.pick(values);
      const nv = JSON.stringify(r.pick(VALUES));
      return [text.slice(0, v.offset) + nv + text.slice(v.offset + v.length), `retype ${v.type} at ${v.offset} to ${nv.slice(0, 20)}`];
    }
    default: {
      if (!values.length) return undefined;
      const v = r.pick(values);
      const depth = 1 + r.int(3000);
      return [text.slice(0, v.offset) + '['.repeat(depth) + ']'.repeat(depth) + text.slice(v.offset + v.length), `nest ${depth} levels at ${v.offset}`];
    }
  }
}

/** Mutates 1–3 files of a skill; sometimes a file becomes unreadable or a folder. */
export function mutate(r: Random, files: Record<string, string>): { files: MemFiles; mutations: string[] } {
  const out: MemFiles = { ...files };
  const mutations: string[] = [];
  const names = Object.keys(files).filter((n) => n.endsWith('.json') || CODE_FILE.test(n) || n === '.ask/config');
  const count = 1 + r.int(3);
  for (let i = 0; i < count && names.length; i++) {
    const name = r.pick(names);
    const current = out[name];
    if (typeof current !== 'string') continue;
    const roll = r.next();
    if (roll < 0.03) {
      out[name] = { fail: 'EACCES' };
      mutations.push(`${name}: unreadable (EACCES)`);
    } else if (roll < 0.05) {
      delete out[name];
      out[name] = { dir: true };
      mutations.push(`${name}: a folder`);
    } else if (roll < 0.07) {
      delete out[name];
      mutations.push(`${name}: deleted`);
    } else if (roll < 0.09) {
      out[name] = Buffer.from(Array.from({ length: 64 }, () => 0x80 + r.int(0x80)));
      mutations.push(`${name}: not UTF-8`);
    } else {
      const json = name.endsWith('.json');
      const structural = json && r.chance(0.5) ? jsonMutation(r, current) : undefined;
      const [text, what] = structural ?? byteMutation(r, current, !json);
      out[name] = text;
      mutations.push(`${name}: ${what}`);
    }
  }
  return { files: out, mutations };
}

const describeError = (e: unknown): string => (e instanceof Error ? (e.stack ?? e.message).split('\n').slice(0, 4).join(' | ') : String(e));

/** Runs the engine over a set of files the way the CLI and the server do; collects every failure. */
export function checkSkillFiles(root: string, files: MemFiles): { failures: string[]; findings: number; fixesChecked: number } {
  const failures: string[] = [];
  let findings = 0;
  let fixesChecked = 0;
  try {
    const host = new MemoryFileHost(root, files);
    const textOf = (file: string): string | undefined => {
      const r = host.readText(file);
      return r.kind === 'text' ? r.text : undefined;
    };
    for (const project of discoverSkills(root, host)) {
      const onInternalError = (ruleId: string, e: unknown) => failures.push(`rule ${ruleId} threw: ${describeError(e)}`);
      const skill = loadSkill(project, host);
      const found = lintSkill(skill, { host, configStopAt: root, onInternalError });
      findings += found.length;
      const report = privacyReport(project, host, { configStopAt: root, onInternalError }, { relativeTo: root });
      if (typeof report.markdown !== 'string' || report.markdown.length === 0) failures.push('the privacy report is empty');
      const positions = new PositionMapper(textOf);
      for (const fmt of ['json', 'sarif', 'stylish'] as const) format(fmt, { findings: found, cwd: root, positions, skillCount: 1, color: false, version: '0.0.0' });
      for (const f of found) {
        const text = textOf(f.file);
        if (text !== undefined && (f.offset < 0 || f.length < 0 || f.offset + f.length > text.length)) failures.push(`${f.ruleId}: span ${f.offset}+${f.length} outside ${path.relative(root, f.file)} (${text.length})`);
        fixesChecked += f.fixes.length;
      }
      failures.push(...checkFixes(root, found, textOf));
    }
  } catch (e) {
    failures.push(`exception escaped the engine: ${describeError(e)}`);
  }
  return { failures, findings, fixesChecked };
}

/** Case `index` of a run seeded with `seed`: its fixture and mutations follow from those two alone. */
export function runCase(fixtures: FixtureSkill[], seed: number, index: number): CaseResult {
  const r = new Random((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const fixture = fixtures[r.int(fixtures.length)];
  const { files, mutations } = mutate(r, fixture.files);
  const root = path.join(path.sep, 'fuzz', fixture.name);
  const start = performance.now();
  const res = checkSkillFiles(root, files);
  return { index, ms: performance.now() - start, mutations: [fixture.name, ...mutations], ...res };
}
