/**
 * Mutation fuzzing of the fixture skills. `npm test` runs a few hundred cases; `npm run fuzz`
 * many thousands (SPL_FUZZ_CASES, SPL_FUZZ_SEED). A failing case prints its seed and index:
 * `SPL_FUZZ_SEED=<seed> SPL_FUZZ_FROM=<index> SPL_FUZZ_CASES=1 npx mocha out/test/robustness/fuzz.test.js`.
 */
import { strict as assert } from 'assert';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { FuzzJob, FuzzMessage } from './fuzz-worker';
import type { CaseResult } from './fuzz-case';
import { envInt, fixtureSkills } from './support';

const CASES = envInt('SPL_FUZZ_CASES', 300);
const SEED = envInt('SPL_FUZZ_SEED', 20261201);
const FROM = envInt('SPL_FUZZ_FROM', 0);
/** A case slower than this is a failure (a hang is stopped here too). */
const CASE_LIMIT_MS = envInt('SPL_FUZZ_CASE_MS', 2000);

interface WorkerOutcome {
  results: CaseResult[];
  hung?: number;
  crashed?: string;
}

function runWorker(job: FuzzJob): Promise<WorkerOutcome> {
  return new Promise((resolve) => {
    const results: CaseResult[] = [];
    const worker = new Worker(path.join(__dirname, 'fuzz-worker.js'), { workerData: job });
    let watchdog: NodeJS.Timeout | undefined;
    let current = -1;
    let settled = false;
    const finish = (o: Partial<WorkerOutcome>) => {
      if (settled) return;
      settled = true;
      clearTimeout(watchdog);
      void worker.terminate();
      resolve({ results, ...o });
    };
    worker.on('message', (m: FuzzMessage) => {
      if (m.type === 'start') {
        current = m.index;
        clearTimeout(watchdog);
        // Twice the case limit before stopping it: a slow case is reported by its time, a hang here.
        watchdog = setTimeout(() => finish({ hung: current }), CASE_LIMIT_MS * 2);
      } else if (m.type === 'done') {
        clearTimeout(watchdog);
        results.push(m.result);
      }
    });
    worker.on('error', (e) => finish({ crashed: `${e.stack ?? e.message} (case ${current})` }));
    worker.on('exit', () => finish({}));
  });
}

describe('robustness: fuzzing the fixture skills', function () {
  this.timeout(Math.max(120000, CASES * 200));

  it(`${CASES} mutated skills (seed ${SEED}): no crash, no rule exception, no slow case, every fix keeps its files parseable`, async () => {
    assert.ok(fixtureSkills().length >= 20, 'the fixture skills are found');
    // Two workers when there are cores for them (npm run fuzz); one keeps npm test gentle.
    const workers = CASES >= 1000 ? Math.max(1, Math.min(os.cpus().length, 4)) : 1;
    const per = Math.ceil(CASES / workers);
    const jobs: FuzzJob[] = [];
    for (let w = 0; w < workers; w++) jobs.push({ seed: SEED, start: FROM + w * per, end: FROM + Math.min(CASES, (w + 1) * per) });
    const outcomes = await Promise.all(jobs.filter((j) => j.end > j.start).map(runWorker));
    const results = outcomes.flatMap((o) => o.results).sort((a, b) => a.index - b.index);
    const problems: string[] = [];
    for (const o of outcomes) {
      if (o.hung !== undefined) problems.push(`case ${o.hung} (seed ${SEED}) hung for over ${CASE_LIMIT_MS * 2} ms`);
      if (o.crashed) problems.push(`the worker crashed: ${o.crashed}`);
    }
    let slowest = 0;
    let findings = 0;
    let fixes = 0;
    for (const r of results) {
      slowest = Math.max(slowest, r.ms);
      findings += r.findings;
      fixes += r.fixesChecked;
      if (r.ms > CASE_LIMIT_MS) problems.push(`case ${r.index} took ${Math.round(r.ms)} ms: ${r.mutations.join('; ')}`);
      for (const f of r.failures) problems.push(`case ${r.index} [${r.mutations.join('; ')}]: ${f}`);
    }
    const total = results.reduce((s, r) => s + r.ms, 0);
    console.log(`      fuzz: ${results.length} cases run (seed ${SEED}, from ${FROM}), ${findings} findings, ${fixes} fixes applied and re-parsed, slowest ${Math.round(slowest)} ms, mean ${(total / Math.max(results.length, 1)).toFixed(1)} ms`);
    assert.deepEqual(problems.slice(0, 20), [], `${problems.length} problems`);
    assert.equal(results.length, CASES, 'every case ran');
  });
});
