// The CLI's live heap, measured where V8's collection schedule cannot move it: the one-thread scan
// the CLI runs on 2 cores (cli/parallel.ts, `lintProject` for each discovered skill in turn), here
// in process with a full garbage collection at two points of every skill:
//   - `checked`: the skill's check is done, its trees, models and findings still held (the most a
//     skill has live at once, short of the middle of a rule);
//   - `kept`: its parsed files let go, as the CLI does before the next skill (what the scan keeps:
//     every skill's findings so far, and the caches that outlive a skill).
// Peak RSS of the whole process (bench/run.mjs) follows how far V8 lets the heap grow before it
// collects — 4–8x the live data on a machine with 23 GiB free — and so reads differently from run
// to run; these do not.
//   node --expose-gc bench/cli-heap.mjs <folder...>      (BENCH_REPO=<build> for another build)
import { createRequire } from 'node:module';
import * as path from 'node:path';

const require = createRequire(import.meta.url);
const repo = process.env.BENCH_REPO ?? path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = (p) => require(path.join(repo, 'out', 'server', 'src', p));
const engine = out('engine/index.js');
const { clearParseCache } = out('engine/code/parse.js');
const { releaseSkill } = out('engine/release.js');

if (typeof global.gc !== 'function') throw new Error('run with node --expose-gc');
const live = () => {
  global.gc();
  global.gc();
  return process.memoryUsage().heapUsed / 1024;
};

const host = new engine.DiskFileHost();
const folders = process.argv.slice(2).map((f) => path.resolve(f));
const skills = engine.discoverProjects(folders, host);
const start = live();
const checked = [];
const kept = [];
const findings = [];
// In a function of its own, so that nothing of the loaded skill is still in scope at `kept`.
const check = (project) => {
  const skill = engine.loadSkill(project, host);
  const f = engine.lintSkill(skill, { config: engine.loadConfig(project.root, host), onInternalError: () => undefined });
  checked.push(live());
  return f;
};
for (const project of skills) {
  findings.push(check(project));
  clearParseCache();
  releaseSkill(project);
  kept.push(live());
}
process.stdout.write(JSON.stringify({ skills: skills.length, findings: findings.flat().length, start, checked, kept }));
