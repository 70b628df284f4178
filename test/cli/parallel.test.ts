/**
 * Workspace scans on worker threads (server/src/cli/parallel.ts): the same findings, in the same
 * order, as the sequential `lintPaths`, whatever the number of threads; and through the real CLI.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DiskFileHost, discoverSkills, lintPaths } from '../../server/src/engine';
import { lintPathsParallel, workerCount } from '../../server/src/cli/parallel';
import { isJsonCached } from '../../server/src/engine/json/document';
import { CLI_BUNDLE, CLI_FIXTURES, REPO, runCli } from '../helpers/cli';

const PATHS = [CLI_FIXTURES, path.join(REPO, 'test', 'fixtures', 'skills-i18n'), path.join(REPO, 'examples')];

describe('parallel workspace scan', function () {
  this.timeout(120000);
  const sequential = lintPaths(PATHS);

  it('the fixtures hold enough skills for threads to share them', () => {
    assert.ok(sequential.skills.length >= 8, `${sequential.skills.length} skills`);
    assert.ok(sequential.findings.length > 50, `${sequential.findings.length} findings`);
  });

  for (const workers of [0, 1, 3]) {
    it(`gives the sequential findings, in order, with ${workers} worker thread(s)`, () => {
      const errors: string[] = [];
      const r = lintPathsParallel(PATHS, new DiskFileHost(), (id) => errors.push(id), workers);
      assert.deepEqual(errors, []);
      assert.deepEqual(r.skills.map((s) => s.root), sequential.skills.map((s) => s.root));
      assert.deepEqual(r.findings, sequential.findings);
      assert.equal(r.skillsPerThread.length, workers + 1);
      assert.equal(r.skillsPerThread.reduce((a, b) => a + b, 0), sequential.skills.length);
    });
  }

  it('takes the skills already discovered for a path instead of walking it again, and lints those as discovered', () => {
    const host = new DiskFileHost();
    const discovered = new Map(PATHS.map((p) => [path.resolve(p), discoverSkills(p, host)]));
    for (const workers of [0, 2]) {
      const r = lintPathsParallel(PATHS, host, () => undefined, workers, true, discovered);
      assert.deepEqual(r.findings, sequential.findings, `${workers} workers`);
    }
    // What is handed over is what is linted: one path's list cut to its first skill.
    const first = discovered.get(path.resolve(PATHS[0]))!.slice(0, 1);
    const only = lintPathsParallel([PATHS[0]], host, () => undefined, 0, true, new Map([[path.resolve(PATHS[0]), first]]));
    assert.deepEqual(only.skills.map((s) => s.root), [first[0].root]);
    assert.deepEqual(only.findings, sequential.findings.filter((f) => f.file.startsWith(first[0].root + path.sep)));
  });

  it('lets go of each skill’s parsed JSON once it is linted (the CLI does not see it again)', () => {
    const r = lintPathsParallel(PATHS, new DiskFileHost(), () => undefined, 0);
    const files = r.skills.flatMap((s) => [s.manifestFile, ...s.models.map((m) => m.file), ...(s.configFile ? [s.configFile] : [])]);
    assert.ok(files.length > 20, `${files.length} files`);
    assert.deepEqual(files.filter((f) => isJsonCached(f)), []);
    assert.deepEqual(r.findings, sequential.findings);
  });

  it('gives the same findings when only the workers lint', () => {
    const r = lintPathsParallel(PATHS, new DiskFileHost(), () => undefined, 2, false);
    assert.equal(r.skillsPerThread[0], 0);
    assert.equal(r.skillsPerThread[1] + r.skillsPerThread[2], sequential.skills.length);
    assert.deepEqual(r.findings, sequential.findings);
  });

  it('uses no thread for a small workspace and at most one per skill but one', () => {
    assert.equal(workerCount(1, {}), 0);
    assert.equal(workerCount(3, {}), 0);
    assert.equal(workerCount(2, { SKILL_PRIVACY_LINT_WORKERS: '5' }), 1);
    assert.equal(workerCount(100, { SKILL_PRIVACY_LINT_WORKERS: '0' }), 0);
    assert.equal(workerCount(100, { SKILL_PRIVACY_LINT_WORKERS: '3' }), 3);
    assert.ok(workerCount(100, {}) <= 7);
  });

  it('by default: one thread below 4 cores; from 4, one worker per two cores (at least two, at most seven)', () => {
    assert.equal(workerCount(100, {}, 1), 0);
    assert.equal(workerCount(100, {}, 2), 0);
    assert.equal(workerCount(100, {}, 3), 0);
    assert.equal(workerCount(100, {}, 4), 2);
    assert.equal(workerCount(100, {}, 8), 4);
    assert.equal(workerCount(100, {}, 64), 7);
    assert.equal(workerCount(4, {}, 16), 4);
    assert.equal(workerCount(3, {}, 16), 0);
  });

  it('the default layout on this machine gives the same findings; with workers the main thread only collects', function () {
    const saved = process.env.SKILL_PRIVACY_LINT_WORKERS;
    delete process.env.SKILL_PRIVACY_LINT_WORKERS;
    try {
      const r = lintPathsParallel(PATHS, new DiskFileHost(), () => undefined);
      const n = workerCount(sequential.skills.length, {});
      assert.equal(r.skillsPerThread.length, n + 1);
      if (n > 0) assert.equal(r.skillsPerThread[0], 0);
      assert.deepEqual(r.findings, sequential.findings);
      // A count that was asked for keeps the main thread linting too.
      process.env.SKILL_PRIVACY_LINT_WORKERS = '1';
      const asked = lintPathsParallel(PATHS, new DiskFileHost(), () => undefined);
      assert.equal(asked.skillsPerThread.length, 2);
      assert.deepEqual(asked.findings, sequential.findings);
    } finally {
      if (saved === undefined) delete process.env.SKILL_PRIVACY_LINT_WORKERS;
      else process.env.SKILL_PRIVACY_LINT_WORKERS = saved;
    }
  });

  for (const [name, entry] of [['compiled', undefined], ['bundled', CLI_BUNDLE]] as const) {
    it(`the ${name} CLI prints the same report on threads as without`, function () {
      if (entry && !fs.existsSync(entry)) this.skip();
      const one = runCli(['.', '--format', 'json'], { entry, env: { SKILL_PRIVACY_LINT_WORKERS: '0' } });
      const many = runCli(['.', '--format', 'json'], { entry, env: { SKILL_PRIVACY_LINT_WORKERS: '2' } });
      assert.equal(one.stderr, '');
      assert.equal(many.stderr, '');
      assert.equal(many.status, one.status);
      assert.equal(many.stdout, one.stdout);
      assert.ok(JSON.parse(one.stdout).findings.length >= 5);
    });
  }
});
