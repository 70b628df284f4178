// In-process measurements, run in their own Node process by run.mjs so their heap does not
// disturb the other figures. Prints one JSON object on stdout.
//   node bench/inproc.mjs <workloads-root> <reps> [edits]      (BENCH_REPO=<dir>: the build in <dir>)
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';

const require = createRequire(import.meta.url);
// BENCH_REPO: measure another build (run.mjs --compare) with this file's workloads and baselines.
const repo = process.env.BENCH_REPO ?? path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const engine = require(path.join(repo, 'out/server/src/engine/index.js'));
// flowReuseStats: entry points evaluated and replayed (builds since round 4; undefined before).
const { analyzeSkillCode, forgetCodeModel, flowReuseStats: reuse } = require(path.join(repo, 'out/server/src/engine/code/analyze.js'));
const { clearParseCache } = require(path.join(repo, 'out/server/src/engine/code/parse.js'));
const ts = require('typescript');
const jsonc = require('jsonc-parser');

const [root, repsArg] = process.argv.slice(2);
const reps = Number(repsArg ?? 5);
// Keystrokes in code (`keystrokeCode`); run.mjs passes its --edits.
const edits = Number(process.argv[4] ?? 200);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const now = () => Number(process.hrtime.bigint()) / 1e6;

function load(folders) {
  const host = new engine.DiskFileHost();
  const projects = folders.flatMap((f) => engine.discoverSkills(f, host));
  return projects.map((p) => engine.loadSkill(p, host));
}

/**
 * The same parser call the engine makes (parse.ts: no parent pointers, the engine sets them in
 * its own walk), and nothing else. `parents` adds TypeScript's setParentNodes pass, the call the
 * engine made before and the baseline of the earlier rounds (shown for comparison).
 */
function bareParse(skills, parents = false) {
  let n = 0;
  for (const s of skills) for (const c of s.code) n += ts.createSourceFile(c.file, c.text, ts.ScriptTarget.Latest, parents, ts.ScriptKind.JS).statements.length;
  return n;
}

/** What the CLI does after each skill (cli/parallel.ts lintRoot): its trees and model are let go. */
function release(s) {
  clearParseCache();
  forgetCodeModel(s.project.root);
}

function bareJson(skills) {
  let n = 0;
  for (const s of skills) {
    for (const m of s.models) n += jsonc.parseTree(m.doc.text, [], { allowTrailingComma: true, disallowComments: false })?.children?.length ?? 0;
    if (s.manifest) n += jsonc.parseTree(s.manifest.doc.text)?.children?.length ?? 0;
  }
  return n;
}

/**
 * Median time of each function over `reps` rounds, after one warm-up round; a round runs every
 * function once in turn (interleaved, so load from other users of the machine hits all alike) and
 * the engine's parse cache is emptied before each call.
 */
function timeAll(fns) {
  const xs = Object.fromEntries(Object.keys(fns).map((k) => [k, []]));
  for (let i = 0; i <= reps; i++) {
    for (const [k, fn] of Object.entries(fns)) {
      clearParseCache();
      const t = now();
      fn();
      if (i > 0) xs[k].push(now() - t);
    }
  }
  return Object.fromEntries(Object.entries(xs).map(([k, v]) => [k, median(v)]));
}

/**
 * As timeAll, for functions of one skill run over many: the skills go in chunks of CHUNK, every
 * function runs over a chunk before the next chunk (in an order that turns with each chunk), and a
 * round's figure is the sum over the chunks. Load that comes and goes while a round runs (the
 * other users of a 2-core machine) then lands on all functions alike: interleaving whole rounds
 * of 100 skills (seconds each) let the analysis/parse ratio swing by ±30% between runs minutes
 * apart. Chunks rather than single skills, and a minor GC before each call (with --expose-gc, as
 * run.mjs starts this file), so that each function still pays for its own garbage rather than
 * handing it to the next one.
 */
const CHUNK = 10;
function timePerSkill(skills, fns) {
  const names = Object.keys(fns);
  const xs = Object.fromEntries(names.map((k) => [k, []]));
  const collect = typeof globalThis.gc === 'function' ? () => globalThis.gc({ type: 'minor' }) : () => undefined;
  for (let i = 0; i <= reps; i++) {
    const sums = Object.fromEntries(names.map((k) => [k, 0]));
    for (let c = 0; c * CHUNK < skills.length; c++) {
      const chunk = skills.slice(c * CHUNK, (c + 1) * CHUNK);
      for (let n = 0; n < names.length; n++) {
        const k = names[(n + c) % names.length];
        clearParseCache();
        collect();
        const t = now();
        for (const s of chunk) fns[k](s);
        sums[k] += now() - t;
      }
    }
    if (i > 0) for (const k of names) xs[k].push(sums[k]);
  }
  return Object.fromEntries(Object.entries(xs).map(([k, v]) => [k, median(v)]));
}

const out = {};
const cases = {
  big: [path.join(root, 'big')],
  ws100: ['g1', 'g2', 'g3'].map((g) => path.join(root, 'ws', g)),
};
for (const [name, folders] of Object.entries(cases)) {
  const skills = load(folders);
  const files = skills.reduce((n, s) => n + s.code.length, 0);
  const lines = skills.reduce((n, s) => n + s.code.reduce((k, c) => k + c.text.split('\n').length, 0), 0);
  // analyzeSkillCode parses (through the engine's cache, emptied by timeAll) and runs the data flow;
  // each skill's trees are released after it, as the CLI and (for skills not being edited) the
  // language server do. The earlier rounds kept all 100 skills' trees alive during the loop,
  // which no product path does and which made the GC mark them over and over.
  const t = timePerSkill(skills, {
    parse: (s) => bareParse([s]),
    parseParents: (s) => bareParse([s], true),
    analysis: (s) => (analyzeSkillCode(s), release(s)),
    lint: (s) => (engine.lintSkill(s, { host: new engine.DiskFileHost() }), release(s)),
  });
  out[name] = { skills: skills.length, files, lines, ...t };
}
// The 10,000-line file alone: what one keystroke costs to re-parse and re-analyse.
{
  const [skill] = load([path.join(root, 'big')]);
  const big = skill.code.find((c) => c.file.endsWith('handlers10k.js'));
  const only = { ...skill, code: [big] };
  const t = timeAll({ parse: () => ts.createSourceFile(big.file, big.text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS), analysis: () => analyzeSkillCode(only) });
  out.file10k = { lines: big.text.split('\n').length, ...t };
}
// One keystroke in the 10,000-line file, phase by phase, as the language server runs it: the
// engine's parse of the changed file (the other files' trees are cached), the data flow over the
// skill, then every rule with that data flow already computed.
{
  const { parseCode } = require(path.join(repo, 'out/server/src/engine/code/parse.js'));
  const [skill] = load([path.join(root, 'big')]);
  const i = skill.code.findIndex((c) => c.file.endsWith('handlers10k.js'));
  const at = skill.code[i].text.indexOf("speak('") + 7;
  const phases = { parse: [], flow: [], rules: [], total: [], bareFresh: [], bareUpdate: [] };
  const host = new engine.DiskFileHost();
  engine.lintSkill(skill, { host });
  // Baselines for the engine's (incremental) parse of the edit: TypeScript's own parser calls
  // alone, a whole parse and an incremental update of a tree of its own.
  let bareTree = ts.createSourceFile(skill.code[i].file, skill.code[i].text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  // Entry points the data flow evaluated and replayed, per keystroke.
  const evaluated = [];
  const replayed = [];
  for (let k = 0; k < 2 * reps + 1; k++) {
    const base = skill.code[i].text;
    const insert = k % 2 === 0;
    const text = insert ? base.slice(0, at) + 'x' + base.slice(at) : base.slice(0, at) + base.slice(at + 1);
    const next = { ...skill, code: skill.code.map((c, j) => (j === i ? { file: c.file, text } : c)) };
    skill.code = next.code;
    let t = now();
    ts.createSourceFile(skill.code[i].file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
    phases.bareFresh.push(now() - t);
    t = now();
    bareTree = ts.updateSourceFile(bareTree, text, ts.createTextChangeRange(ts.createTextSpan(at, insert ? 0 : 1), insert ? 1 : 0));
    phases.bareUpdate.push(now() - t);
    t = now();
    parseCode(skill.code[i].file, text);
    phases.parse.push(now() - t);
    const before = reuse && { ...reuse };
    t = now();
    analyzeSkillCode(skill);
    phases.flow.push(now() - t);
    if (reuse) {
      evaluated.push(reuse.rootsEvaluated - before.rootsEvaluated);
      replayed.push(reuse.rootsReplayed - before.rootsReplayed);
    }
    t = now();
    engine.lintSkill(skill, { host });
    phases.rules.push(now() - t);
  }
  out.keystroke = Object.fromEntries(Object.entries(phases).filter(([, v]) => v.length).map(([k, v]) => [k, median(v)]));
  if (reuse) out.keystroke.roots = { evaluated: median(evaluated), replayed: median(replayed) };
}
// Keystrokes in code, in process: `edits` of them inside the strings `needle` ends at, all over the
// 10,000-line file (every other one types a letter, the next deletes it; the same targets as the
// LSP keystrokes in code, bench/lsp.mjs), phase by phase. In `console.log('…')` messages the data
// flow takes its last model over, moved (round 12: it cannot see such an edit), and the rules that
// read it check again; in the paths of `axios.post('https://…/v1/…')` URLs, which the data flow
// reads, it runs (replaying the entry points the edit cannot have changed). Without the server's
// messages and publication, and with a p95: the in-process figure of the target the LSP rows
// measure, less disturbed by the machine.
function codeKeystrokes(needle) {
  const { parseCode } = require(path.join(repo, 'out/server/src/engine/code/parse.js'));
  const [skill] = load([path.join(root, 'big')]);
  const i = skill.code.findIndex((c) => c.file.endsWith('handlers10k.js'));
  const lines = skill.code[i].text.split('\n');
  const starts = [];
  for (let l = 0, at = 0; l < lines.length; at += lines[l].length + 1, l++) starts.push(at);
  const targets = lines.map((l, n) => [n, l.indexOf(needle)]).filter(([, c]) => c >= 0).map(([n, c]) => starts[n] + c + needle.length);
  const host = new engine.DiskFileHost();
  engine.lintSkill(skill, { host });
  const phases = { parse: [], flow: [], rules: [], total: [] };
  const before = reuse && { ...reuse };
  // The first keystrokes compile the keystroke path (the server's warm-up does that before them).
  const WARM = 10;
  for (let k = 0; k < WARM + edits; k++) {
    const base = skill.code[i].text;
    const at = targets[(Math.floor(k / 2) * 37) % targets.length];
    const text = k % 2 === 0 ? base.slice(0, at) + 'x' + base.slice(at) : base.slice(0, at) + base.slice(at + 1);
    skill.code = skill.code.map((c, j) => (j === i ? { file: c.file, text } : c));
    const t0 = now();
    parseCode(skill.code[i].file, text);
    const t1 = now();
    analyzeSkillCode(skill);
    const t2 = now();
    engine.lintSkill(skill, { host });
    const t3 = now();
    if (k < WARM) continue;
    phases.parse.push(t1 - t0);
    phases.flow.push(t2 - t1);
    phases.rules.push(t3 - t2);
    phases.total.push(t3 - t0);
  }
  const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(0.95 * xs.length) - 1)];
  // Builds before round 12 do not count unseen edits.
  const unseen = reuse?.unseenEdits === undefined ? undefined : (reuse.unseenEdits - before.unseenEdits) / (WARM + edits);
  return { edits, parse: median(phases.parse), flow: median(phases.flow), rules: median(phases.rules), median: median(phases.total), p95: p95(phases.total), unseen };
}
out.keystrokeCode = codeKeystrokes("console.log('");
out.keystrokeFlow = codeKeystrokes('/v1/');
// The 300-intent interaction model: every rule against a bare parse of all the skill's files.
{
  const skills = load([path.join(root, 'model300')]);
  const { parse, lint } = timeAll({ parse: () => bareJson(skills) + bareParse(skills), lint: () => skills.forEach((s) => engine.lintSkill(s, { host: new engine.DiskFileHost() })) });
  const model = skills[0].project.models[0].file;
  const intents = (JSON.parse(fs.readFileSync(model, 'utf8')).interactionModel.languageModel.intents ?? []).length;
  out.model300 = { intents, parse, lint, bytes: fs.statSync(model).size };
}
process.stdout.write(JSON.stringify(out));
