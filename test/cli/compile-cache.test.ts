/**
 * The V8 code cache of typescript.js (cli/compile-cache.ts): the CLI's report is the same with no
 * cache (it is written at exit), with the cache it wrote (and then leaves it as it is), with a
 * broken or truncated cache (V8 rejects it; the CLI compiles and writes a good one again) and with
 * caching turned off; a worker thread loads through the same cache.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CLI_FIXTURES, runCli } from '../helpers/cli';

describe('cli code cache for typescript.js', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-code-cache-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const lint = (env: Record<string, string | undefined>) => {
    const r = runCli([CLI_FIXTURES, '--format', 'json'], { cwd: CLI_FIXTURES, env: { SKILL_PRIVACY_LINT_WORKERS: '1', ...env } });
    assert.equal(r.stderr, '');
    return r;
  };
  const cacheFiles = () => fs.readdirSync(dir).filter((f) => f.endsWith('.v8cache'));

  it('gives the same report missing, valid, broken and off, and repairs a broken cache', () => {
    const plain = lint({ SKILL_PRIVACY_LINT_NO_CODE_CACHE: '1', SKILL_PRIVACY_LINT_CODE_CACHE_DIR: dir });
    assert.ok(JSON.parse(plain.stdout).findings.length > 5);
    assert.deepEqual(cacheFiles(), [], 'caching off writes nothing');

    const first = lint({ SKILL_PRIVACY_LINT_CODE_CACHE_DIR: dir });
    assert.equal(first.stdout, plain.stdout);
    assert.equal(first.status, plain.status);
    const [name] = cacheFiles();
    assert.ok(name, 'the first run writes the cache');
    const file = path.join(dir, name);
    const written = fs.readFileSync(file);
    assert.ok(written.length > 100_000);

    const second = lint({ SKILL_PRIVACY_LINT_CODE_CACHE_DIR: dir });
    assert.equal(second.stdout, plain.stdout);
    assert.ok(fs.readFileSync(file).equals(written), 'an accepted cache is not written again');

    for (const broken of [Buffer.from('not a code cache'), written.subarray(0, written.length >> 1), Buffer.alloc(0)]) {
      fs.writeFileSync(file, broken);
      const r = lint({ SKILL_PRIVACY_LINT_CODE_CACHE_DIR: dir });
      assert.equal(r.stdout, plain.stdout);
      assert.equal(r.status, plain.status);
      assert.ok(fs.readFileSync(file).length > 100_000, 'a rejected cache is replaced');
    }
    assert.deepEqual(cacheFiles(), [name]);
  });

  it('an unwritable cache folder changes nothing', () => {
    const blocked = path.join(dir, 'blocked');
    fs.writeFileSync(blocked, 'a file where the folder would be');
    const r = lint({ SKILL_PRIVACY_LINT_CODE_CACHE_DIR: path.join(blocked, 'cache') });
    const plain = lint({ SKILL_PRIVACY_LINT_NO_CODE_CACHE: '1' });
    assert.equal(r.stdout, plain.stdout);
  });
});
