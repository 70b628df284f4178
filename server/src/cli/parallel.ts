// First: TypeScript is loaded by the engine's imports below, and its compile is what the cache saves.
import './compile-cache';
import * as os from 'os';
import { MessageChannel, MessagePort, Worker, isMainThread, receiveMessageOnPort, workerData } from 'worker_threads';
import { DiskFileHost, Finding, LintPathsResult, SkillProject, discoverProjects, errorText, lintSkill, loadConfig, loadSkill, sortFindings } from '../engine';
import { clearParseCache } from '../engine/code/parse';
import { releaseSkill } from '../engine/release';
import { detectSkillAt } from '../engine/project/discover';

/**
 * Workspace scans on several threads. Skills are independent (a skill's findings depend on its own
 * files and its config only), so each one is linted whole by whichever thread takes it next.
 *
 * `run()` stays synchronous (its callers and tests rely on that): the main thread lints skills
 * itself and, between skills and at the end, blocks on `Atomics.wait` for results that workers
 * post on their ports, reading them with `receiveMessageOnPort`.
 */

/** Below this many skills a worker costs more (loading the TypeScript parser) than it saves. */
const MIN_SKILLS_FOR_WORKERS = 4;
const MAX_WORKERS = 7;

interface WorkerInput {
  kind: 'skill-privacy-lint-worker';
  /** 1, 2, ...: the main thread is 0. */
  thread: number;
  roots: string[];
  /** [0]: next skill to take; [1]: results posted so far (the main thread waits on it); [2]: workers started. */
  control: SharedArrayBuffer;
  port: MessagePort;
}

type WorkerMessage =
  | { kind: 'result'; index: number; thread: number; findings: Finding[] }
  | { kind: 'internal'; ruleId: string; error: string }
  | { kind: 'failed'; index: number; error: string };

/** `SKILL_PRIVACY_LINT_WORKERS=N`: N workers besides a main thread that lints too (0: one thread). */
function askedWorkers(env: NodeJS.ProcessEnv): number | undefined {
  const asked = env.SKILL_PRIVACY_LINT_WORKERS;
  return asked !== undefined && /^\d+$/.test(asked) ? Number(asked) : undefined;
}

/**
 * Worker threads to start: `SKILL_PRIVACY_LINT_WORKERS`, or by default none on fewer than 4 cores
 * and one per two cores (at least two) from 4, while the main thread only hands out skills and
 * collects their findings (a main thread that lints holds every skill's findings in the heap it
 * also collects garbage in; workers keep small heaps).
 *
 * Measured on 2 cores (bench/workers.mjs, 100 skills, whole processes, 3 interleaved repetitions,
 * twice, load average 2–3): one thread 12.9 s wall and 17.7 s CPU; the main thread and one worker
 * 11.8–12.8 s and 22–24 s; two workers with the main thread coordinating 11.9–12.8 s and 22–24 s.
 * The gain is within the noise and costs a quarter more CPU (V8's helper threads already keep part
 * of the second core busy behind one thread), so 2 cores keep one thread. (Under heavy load from
 * other processes, 2 workers finished sooner, 26 s against 34 s: more threads take a larger share
 * of a contended machine, which is not a gain to build on.)
 *
 * Measured again in round 5, with TypeScript's compile taken from a V8 code cache in every thread
 * (compile-cache.ts, about 0.2 s less per thread): on an otherwise idle machine the main thread and
 * one worker took 13.6–14.1 s against 14.4–15.8 s for one thread, for 24.7–25.0 s of CPU against
 * 19.4–20.8 s (each isolate warms up its own JIT and collects its own heap); with the machine
 * shared (load average 7–8, bench/workers.mjs, 3 repetitions) one thread took 21.3 s and 19.1 s of
 * CPU, the main thread and one worker 28.9 s and 24.2 s, two workers 29.3 s and 25.4 s. A gain of
 * 5–10% where the second core is free and a loss where it is not, for a quarter more CPU either
 * way: 2 cores still keep one thread (`SKILL_PRIVACY_LINT_WORKERS=1` asks for the worker).
 */
export function workerCount(skills: number, env: NodeJS.ProcessEnv = process.env, cores = availableCores()): number {
  const asked = askedWorkers(env);
  if (asked !== undefined) return Math.max(0, Math.min(asked, MAX_WORKERS, skills - 1));
  const auto = cores >= 4 ? Math.max(2, Math.floor(cores / 2)) : 0;
  return skills >= MIN_SKILLS_FOR_WORKERS ? Math.min(auto, MAX_WORKERS, skills) : 0;
}

function availableCores(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/** Lints one skill from its root, as `lintPaths` does, and lets go of its parsed files. */
function lintRoot(root: string, host: DiskFileHost, onInternalError: (ruleId: string, e: unknown) => void): Finding[] {
  const project = detectSkillAt(root, host);
  return project ? lintProject(project, host, onInternalError) : [];
}

/** Lints one discovered skill and lets go of its parsed files. */
function lintProject(project: SkillProject, host: DiskFileHost, onInternalError: (ruleId: string, e: unknown) => void): Finding[] {
  const skill = loadSkill(project, host);
  const findings = lintSkill(skill, { config: loadConfig(project.root, host), onInternalError });
  // The CLI never sees this skill's files again: keeping their trees only feeds the GC. That is
  // the JSON trees too (json/document.ts keeps up to 2,000 documents, all 734 of the 100-skill
  // bench, whose models' trees outweigh their text many times over).
  clearParseCache();
  releaseSkill(project);
  return findings;
}

/**
 * Every skill under the paths, linted on `workers` threads besides this one. Same skills, same
 * findings, same order as `lintPaths` (the results are sorted the same way).
 */
export function lintPathsParallel(
  paths: string[],
  host: DiskFileHost,
  onInternalError: (ruleId: string, error: unknown) => void,
  workers = -1,
  /**
   * Whether the main thread lints skills too. By default it does when the worker count was given
   * (as an argument or `SKILL_PRIVACY_LINT_WORKERS`) and not when it was chosen for the machine.
   */
  mainLintsAsked?: boolean,
  /** What `discoverSkills` found for some of the paths (resolved), not to be walked again. */
  discovered?: ReadonlyMap<string, SkillProject[]>,
): LintPathsResult & { skillsPerThread: number[] } {
  const skills = discoverProjects(paths, host, discovered);
  const roots = skills.map((s) => s.root);
  const n = workers >= 0 ? Math.min(workers, Math.max(0, roots.length - 1)) : workerCount(roots.length);
  const mainLints = mainLintsAsked ?? (n === 0 || workers >= 0 || askedWorkers(process.env) !== undefined);
  const control = new SharedArrayBuffer(12);
  const ctl = new Int32Array(control);
  const perSkill: Finding[][] = new Array(roots.length);
  const ports: MessagePort[] = [];
  const threads: Worker[] = [];
  let received = 0;
  const perThread: number[] = new Array(n + 1).fill(0);
  let failure: string | undefined;

  const drain = (): void => {
    for (const port of ports) {
      for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
        const msg = m.message as WorkerMessage;
        if (msg.kind === 'internal') onInternalError(msg.ruleId, new Error(msg.error));
        else if (msg.kind === 'failed') {
          failure ??= `skill ${roots[msg.index]}: ${msg.error}`;
          received++;
        } else {
          perSkill[msg.index] = msg.findings;
          perThread[msg.thread]++;
          received++;
        }
      }
    }
  };

  for (let i = 0; i < n; i++) {
    const { port1, port2 } = new MessageChannel();
    const input: WorkerInput = { kind: 'skill-privacy-lint-worker', thread: i + 1, roots, control, port: port2 };
    const w = new Worker(__filename, { workerData: input, transferList: [port2] });
    // A worker that dies before taking work is not waited for: the main thread takes its share.
    w.on('error', () => undefined);
    threads.push(w);
    ports.push(port1);
  }
  let mine = 0;
  for (; mainLints || n === 0; ) {
    const i = Atomics.add(ctl, 0, 1);
    if (i >= roots.length) break;
    // This thread has the project as discovered: detecting it again at its root gives the same.
    perSkill[i] = lintProject(skills[i], host, onInternalError);
    mine++;
    perThread[0]++;
    drain();
  }
  // Skills the workers took: wait for each result (or a worker's failure report).
  const since = Date.now();
  while (received + mine < roots.length && !failure) {
    const seen = Atomics.load(ctl, 1);
    drain();
    if (received + mine >= roots.length) break;
    if (!mainLints && Atomics.load(ctl, 2) === 0 && Date.now() - since > 20_000) {
      // No worker got as far as its first skill: the main thread lints what is left.
      for (let i = Atomics.add(ctl, 0, 1); i < roots.length; i = Atomics.add(ctl, 0, 1)) {
        perSkill[i] = lintProject(skills[i], host, onInternalError);
        mine++;
        perThread[0]++;
      }
      continue;
    }
    // No result for a minute and a worker gone: it died holding a skill (out of memory, say).
    if (Atomics.wait(ctl, 1, seen, mainLints ? 60_000 : 5_000) === 'timed-out' && threads.some((t) => t.threadId === -1)) {
      failure = 'a worker thread stopped without finishing its skill';
    }
  }
  drain();
  for (const t of threads) void t.terminate();
  for (const p of ports) p.close();
  if (failure) throw new Error(failure);
  return { skills, results: [], findings: sortFindings(perSkill.flat()), skillsPerThread: perThread };
}

function workerMain(input: WorkerInput): void {
  const ctl = new Int32Array(input.control);
  const host = new DiskFileHost();
  const post = (m: WorkerMessage): void => {
    input.port.postMessage(m);
    Atomics.add(ctl, 1, 1);
    Atomics.notify(ctl, 1);
  };
  Atomics.add(ctl, 2, 1);
  for (;;) {
    const i = Atomics.add(ctl, 0, 1);
    if (i >= input.roots.length) break;
    try {
      const findings = lintRoot(input.roots[i], host, (ruleId, e) => post({ kind: 'internal', ruleId, error: errorText(e) }));
      post({ kind: 'result', index: i, thread: input.thread, findings });
    } catch (e) {
      post({ kind: 'failed', index: i, error: errorText(e) });
    }
  }
  input.port.close();
}

if (!isMainThread && (workerData as WorkerInput | undefined)?.kind === 'skill-privacy-lint-worker') workerMain(workerData as WorkerInput);
