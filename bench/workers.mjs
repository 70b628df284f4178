// Worker threads for a workspace scan, measured on this machine: whole processes, interleaved
// (each repetition runs every variant once in turn), medians. Prints one JSON object on stdout.
//   node bench/workers.mjs [--reps N] [--build DIR] FOLDER...
// Variants: one thread; the main thread and one worker; two workers with the main thread only
// coordinating; and the CLI's default for this machine. Every variant writes the JSON report (to
// /dev/null) as the CLI does, and every variant's report must be the same.
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const argv = process.argv.slice(2);
const opt = (name, def) => {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return def;
  const v = argv[i + 1];
  argv.splice(i, 2);
  return v;
};
const REPS = Number(opt('reps', 3));
const BUILD = path.resolve(opt('build', path.join(here, '..')));
const folders = argv.map((f) => path.resolve(f));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

if (process.env.SKILL_PRIVACY_BENCH_CHILD) {
  // The child: what the CLI does for `--format json`, with the thread layout given.
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  const t0 = performance.now();
  // As the CLI does first: TypeScript's compile from the V8 code cache (cli/compile-cache.ts).
  const codeCache = path.join(BUILD, 'out/server/src/cli/compile-cache.js');
  if (fs.existsSync(codeCache)) require(codeCache);
  const { DiskFileHost } = require(path.join(BUILD, 'out/server/src/engine/index.js'));
  const { lintPathsParallel } = require(path.join(BUILD, 'out/server/src/cli/parallel.js'));
  const { format } = require(path.join(BUILD, 'out/server/src/cli/formats.js'));
  const { PositionMapper } = require(path.join(BUILD, 'out/server/src/cli/positions.js'));
  const loaded = performance.now();
  const host = new DiskFileHost();
  const [workers, mainLints] = JSON.parse(process.env.SKILL_PRIVACY_BENCH_CHILD);
  const r = lintPathsParallel(folders, host, (id, e) => process.stderr.write(`${id}: ${e}\n`), workers, mainLints);
  const linted = performance.now();
  const positions = new PositionMapper((f) => {
    const x = host.readText(f);
    return x.kind === 'text' ? x.text : undefined;
  });
  const out = format('json', { findings: r.findings, cwd: process.cwd(), positions, skillCount: r.skills.length, color: false, version: '0' });
  fs.writeFileSync('/dev/null', out);
  const done = performance.now();
  const u = process.resourceUsage();
  process.stdout.write(JSON.stringify({
    load: loaded - t0, lint: linted - loaded, report: done - linted,
    cpu: (u.userCPUTime + u.systemCPUTime) / 1000, rssMiB: u.maxRSS / 1024,
    perThread: r.skillsPerThread, hash: crypto.createHash('sha1').update(out).digest('hex'),
  }));
  process.exit(0);
}

const { workerCount } = await import(path.join(BUILD, 'out/server/src/cli/parallel.js')).then((m) => m.default ?? m);
const variants = {
  'one thread': [0, true],
  'main thread + 1 worker': [1, true],
  '2 workers (main thread coordinates)': [2, false],
};
const def = workerCount(1000);
const res = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
for (let rep = 0; rep < REPS; rep++) {
  for (const [name, v] of Object.entries(variants)) {
    const t = performance.now();
    const p = spawnSync(process.execPath, [new URL(import.meta.url).pathname, ...folders], { encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, SKILL_PRIVACY_BENCH_CHILD: JSON.stringify(v) } });
    const wall = performance.now() - t;
    if (p.status !== 0) throw new Error(`${name}: exit ${p.status}\n${p.stderr}`);
    res[name].push({ wall, ...JSON.parse(p.stdout) });
    process.stderr.write(`workers: rep ${rep + 1} ${name}: ${(wall / 1000).toFixed(2)} s\n`);
  }
}
const hashes = new Set(Object.values(res).flat().map((r) => r.hash));
const summary = Object.fromEntries(
  Object.entries(res).map(([k, rs]) => [k, Object.fromEntries(['wall', 'cpu', 'load', 'lint', 'report', 'rssMiB'].map((f) => [f, Math.round(median(rs.map((r) => r[f])))]))]),
);
process.stdout.write(JSON.stringify({ cores: os.availableParallelism?.() ?? os.cpus().length, load: os.loadavg(), defaultWorkers: def, sameReport: hashes.size === 1, reps: REPS, summary }, null, 1) + '\n');
