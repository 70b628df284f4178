/**
 * The V8 code cache of typescript.js (cli/compile-cache.ts, written by scripts/code-cache.mjs in
 * the build): the CLI's report is the same with caching off, with no cache, with the cache the
 * build writes (used by the main thread and a worker alike) and with a broken or truncated cache
 * (V8 rejects it and TypeScript is compiled as usual); and a lint run never writes the cache.
 */
import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CLI_FIXTURES, REPO, runCli } from '../helpers/cli';

describe('cli code cache for typescript.js', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-code-cache-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** The report with a main thread and one worker, and what each thread said of the cache. */
  const lint = (env: Record<string, string | undefined>) => {
    const r = runCli([CLI_FIXTURES, '--format', 'json'], { cwd: CLI_FIXTURES, env: { SKILL_PRIVACY_LINT_WORKERS: '1', SKILL_PRIVACY_LINT_CODE_CACHE_DEBUG: '1', ...env } });
    const said = r.stderr.split('\n').filter(Boolean).map((l) => l.replace('skill-privacy-lint: code cache ', ''));
    return { status: r.status, stdout: r.stdout, said };
  };
  const listing = () => fs.readdirSync(dir).sort();
  /** The main thread's word, and the worker's when its stderr got out before the worker was ended. */
  const saidBy = (said: string[], what: string) => assert.ok(said.length >= 1 && said.length <= 2 && said.every((w) => w === what), `${said.join(', ')} instead of ${what}`);

  it('gives the same report off, missing, built, broken; a lint run writes no cache', () => {
    const plain = lint({ SKILL_PRIVACY_LINT_NO_CODE_CACHE: '1', SKILL_PRIVACY_LINT_CODE_CACHE_DIR: dir });
    assert.ok(JSON.parse(plain.stdout).findings.length > 5);
    assert.deepEqual(plain.said, [], 'caching off: the cache is not looked at');

    const missing = lint({ SKILL_PRIVACY_LINT_CODE_CACHE_DIR: dir });
    saidBy(missing.said, 'missing');
    assert.equal(missing.stdout, plain.stdout);
    assert.equal(missing.status, plain.status);
    assert.deepEqual(listing(), [], 'a lint run writes nothing');

    const built = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'code-cache.mjs')], { env: { ...process.env, SKILL_PRIVACY_LINT_CODE_CACHE_DIR: dir }, encoding: 'utf8' });
    assert.equal(built.status, 0, built.stderr);
    const [name] = listing();
    assert.match(name ?? '', /^typescript-[0-9a-f]{20}\.v8cache$/, built.stdout);
    const file = path.join(dir, name);
    const written = fs.readFileSync(file);
    assert.ok(written.length > 100_000);

    const used = lint({ SKILL_PRIVACY_LINT_CODE_CACHE_DIR: dir });
    saidBy(used.said, 'used');
    assert.equal(used.stdout, plain.stdout);
    assert.equal(used.status, plain.status);

    for (const broken of [Buffer.from('not a code cache'), written.subarray(0, written.length >> 1), Buffer.alloc(0)]) {
      fs.writeFileSync(file, broken);
      const r = lint({ SKILL_PRIVACY_LINT_CODE_CACHE_DIR: dir });
      saidBy(r.said, 'rejected');
      assert.equal(r.stdout, plain.stdout);
      assert.equal(r.status, plain.status);
      assert.ok(fs.readFileSync(file).equals(broken), 'a rejected cache is left as it is');
    }
    assert.deepEqual(listing(), [name]);
  });

  it('a cache folder that is a file is a missing cache', () => {
    const blocked = path.join(dir, 'blocked');
    fs.writeFileSync(blocked, 'a file where the folder would be');
    const r = lint({ SKILL_PRIVACY_LINT_CODE_CACHE_DIR: blocked });
    saidBy(r.said, 'missing');
    assert.equal(r.stdout, lint({ SKILL_PRIVACY_LINT_NO_CODE_CACHE: '1' }).stdout);
  });
});
