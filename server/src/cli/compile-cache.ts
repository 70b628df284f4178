import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import { isMainThread } from 'worker_threads';

/**
 * A V8 code cache for TypeScript's 9 MB `typescript.js`, which every CLI thread loads: compiling
 * it costs about 0.3 s per thread (`wrapSafe` in a profile), deserialising its cache about 0.1 s.
 * Node 20 has no `module.enableCompileCache`, so the file is compiled here through `vm.Script`
 * with `cachedData`, kept in `node_modules/.cache/skill-privacy-lint/` of this package (the
 * find-cache-dir convention). The cache only saves compile time: V8 checks it against the source
 * and its own version and flags and ignores it when they differ (`cachedDataRejected`); a missing,
 * stale or unwritable cache falls back to the plain compile silently. The main thread writes a
 * new cache at exit, after the run compiled the functions it needed (so they are in it too).
 *
 * Only the compiled build (out/) loads TypeScript as its own file; the bundle inlines it.
 */

type Loader = (module: NodeModule, filename: string) => void;
interface ModuleStatics {
  _extensions: Record<string, Loader>;
  wrap(source: string): string;
  createRequire(filename: string): NodeJS.Require;
}

const DEFAULT_CACHE_DIR = path.join(__dirname, '..', '..', '..', '..', 'node_modules', '.cache', 'skill-privacy-lint');
const TYPESCRIPT = path.join('typescript', 'lib', 'typescript.js');

let installed = false;

/** Installs the cached loader for typescript.js, unless it is loaded already or caching is off. */
export function installCompileCache(env: NodeJS.ProcessEnv = process.env): void {
  if (installed || env.SKILL_PRIVACY_LINT_NO_CODE_CACHE) return;
  installed = true;
  // Another folder for the tests, which check that a missing, valid or broken cache gives the same report.
  const dir = env.SKILL_PRIVACY_LINT_CODE_CACHE_DIR || DEFAULT_CACHE_DIR;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Module = require('module') as ModuleStatics;
  let target: string;
  try {
    target = require.resolve('typescript');
  } catch {
    return;
  }
  if (!target.endsWith(TYPESCRIPT) || require.cache[target]) return;
  const plain = Module._extensions['.js'];
  Module._extensions['.js'] = function (module: NodeModule, filename: string): void {
    if (filename !== target) return plain.call(this, module, filename);
    let loaded = false;
    try {
      loaded = loadCached(Module, module, filename, dir);
    } catch {
      loaded = false;
    }
    if (!loaded) plain.call(this, module, filename);
  };
}

function cacheFile(dir: string, filename: string, source: string): string {
  // By content: V8 itself checks only the source's length, and a reinstall can keep the length.
  const key = crypto.createHash('sha1').update(`${filename}\0${process.version}\0${process.arch}\0${process.execArgv.join(' ')}\0`).update(source).digest('hex').slice(0, 20);
  return path.join(dir, `typescript-${key}.v8cache`);
}

function readCache(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Compiles and runs `filename` as CommonJS does, with the cache; false when it could not compile. */
function loadCached(Module: ModuleStatics, module: NodeModule, filename: string, dir: string): boolean {
  const source = fs.readFileSync(filename, 'utf8');
  const file = cacheFile(dir, filename, source);
  const cachedData = readCache(file);
  let script: vm.Script;
  try {
    script = new vm.Script(Module.wrap(source), { filename, cachedData });
  } catch {
    return false;
  }
  const fn = script.runInThisContext({ displayErrors: true }) as (exports: unknown, require: NodeJS.Require, module: NodeModule, filename: string, dirname: string) => void;
  // Past this point the module runs: a failure is the module's own and is not retried.
  fn.call(module.exports, module.exports, Module.createRequire(filename), module, filename, path.dirname(filename));
  if ((cachedData === undefined || script.cachedDataRejected) && isMainThread) process.once('exit', () => writeCache(script, file));
  return true;
}

/** Written to a temporary name and renamed, so a reader never sees half a cache. */
function writeCache(script: vm.Script, file: string): void {
  try {
    const data = script.createCachedData();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch {
    // No cache this time: the next run compiles again.
  }
}

installCompileCache();
