import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';

/**
 * A V8 code cache for TypeScript's 9 MB `typescript.js`, which every CLI thread loads: compiling
 * it costs about 0.3 s of CPU per thread (`wrapSafe` in a profile), loading it from its cache
 * about 0.1 s. Node 20 has no `module.enableCompileCache`, so the file is compiled here through
 * `vm.Script` with `cachedData`, read from `node_modules/.cache/skill-privacy-lint/` of this
 * package (the find-cache-dir convention). The cache is written by the build (`npm run build`,
 * scripts/code-cache.mjs, `writeCodeCache`), never by a lint run: the CLI writes nothing
 * (test/robustness/security.test.ts). It only saves compile time: V8 checks it against its own
 * version and flags and ignores it when they differ (`cachedDataRejected`), and the file name
 * carries a hash of the source, the Node version and the flags; a missing, stale or broken cache
 * falls back to the plain compile silently.
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
  const debug = env.SKILL_PRIVACY_LINT_CODE_CACHE_DEBUG ? (what: string) => process.stderr.write(`skill-privacy-lint: code cache ${what}\n`) : undefined;
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
      loaded = loadCached(Module, module, filename, dir, debug);
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
function loadCached(Module: ModuleStatics, module: NodeModule, filename: string, dir: string, debug: ((what: string) => void) | undefined): boolean {
  const source = fs.readFileSync(filename, 'utf8');
  const cachedData = readCache(cacheFile(dir, filename, source));
  let script: vm.Script;
  try {
    script = new vm.Script(Module.wrap(source), { filename, cachedData });
  } catch {
    return false;
  }
  debug?.(cachedData === undefined ? 'missing' : script.cachedDataRejected ? 'rejected' : 'used');
  runModule(script, module, filename, Module);
  return true;
}

function runModule(script: vm.Script, module: NodeModule, filename: string, Module: ModuleStatics): void {
  const fn = script.runInThisContext({ displayErrors: true }) as (exports: unknown, require: NodeJS.Require, module: NodeModule, filename: string, dirname: string) => void;
  fn.call(module.exports, module.exports, Module.createRequire(filename), module, filename, path.dirname(filename));
}

/** What the cache is made after: the parser functions a lint run compiles are in it then too. */
const SAMPLE = `const Alexa = require('ask-sdk-core');
import { x } from './y';
class Store { async save(a: string, ...rest: number[]) { this.a = a ?? \`\${rest[0]}\`; } }
const H = { canHandle(h) { return Alexa.getIntentName(h.requestEnvelope) === 'I'; },
  async handle(handlerInput) { const { a, b = 2 } = handlerInput; for (const k of [1, 2]) { if (!k) continue; }
    try { await fetch('https://e.example', { method: 'POST' }); } catch (e) { console.log(e); }
    return handlerInput.responseBuilder.speak(\`Hi \${a}\`).getResponse(); } };
exports.handler = Alexa.SkillBuilders.custom().addRequestHandlers(H).lambda();
`;

/**
 * Compiles typescript.js, runs it, parses a sample handler and writes the code cache for this
 * Node and these flags (the build's `node` has none, as the CLI's). Written to a temporary name
 * and renamed, so a reader never sees half a cache. Returns the file written.
 */
export function writeCodeCache(dir = DEFAULT_CACHE_DIR): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Module = require('module') as ModuleStatics;
  const filename = require.resolve('typescript');
  const source = fs.readFileSync(filename, 'utf8');
  const script = new vm.Script(Module.wrap(source), { filename });
  const module = { exports: {} } as NodeModule;
  runModule(script, module, filename, Module);
  const ts = module.exports as typeof import('typescript');
  for (const [name, kind] of [['sample.ts', ts.ScriptKind.TS], ['sample.js', ts.ScriptKind.JS]] as const) ts.createSourceFile(name, SAMPLE, ts.ScriptTarget.Latest, false, kind);
  const file = cacheFile(dir, filename, source);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, script.createCachedData());
  fs.renameSync(tmp, file);
  return file;
}

installCompileCache();
