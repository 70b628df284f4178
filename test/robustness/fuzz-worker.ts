/**
 * Runs fuzz cases in a worker thread so that the test can stop a case that hangs (a synchronous
 * infinite loop cannot be interrupted from the same thread).
 */
import { parentPort, workerData } from 'worker_threads';
import { runCase } from './fuzz-case';
import { fixtureSkills } from './support';

export interface FuzzJob {
  seed: number;
  /** Case indices [start, end). */
  start: number;
  end: number;
}

export type FuzzMessage = { type: 'start'; index: number } | { type: 'done'; result: ReturnType<typeof runCase> } | { type: 'ready' };

const job = workerData as FuzzJob;
const fixtures = fixtureSkills();
// Warm up (the TypeScript parser, the schemas) before the per-case clock starts.
runCase(fixtures, job.seed ^ 0x5eed, 0);
parentPort!.postMessage({ type: 'ready' } satisfies FuzzMessage);
for (let i = job.start; i < job.end; i++) {
  parentPort!.postMessage({ type: 'start', index: i } satisfies FuzzMessage);
  parentPort!.postMessage({ type: 'done', result: runCase(fixtures, job.seed, i) } satisfies FuzzMessage);
}
