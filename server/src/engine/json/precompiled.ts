import type Ajv from 'ajv';
import type { Options, ValidateFunction } from 'ajv';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/**
 * The schemas' validators compiled by the build instead of on every start. ajv turns a schema into
 * the source of a validating function and evaluates it; for the manifest and model schemas that is
 * ~130 ms of CPU before the first skill is checked, and loading ajv's compiler another ~25 ms, in
 * every CLI process, worker thread and language server. ajv's own `standaloneCode` writes the
 * functions it compiles as a CommonJS module, which needs only two of ajv's runtime helpers.
 *
 * The build (`npm run build`, scripts/schema-validators.mjs, `writePrecompiledValidators`) writes
 * one module per schema into the build's cache folder (`node_modules/.cache/skill-privacy-lint/`
 * of this package, beside the code cache of cli/compile-cache.ts, under the same switches); a lint
 * run only reads it. A module's name carries a hash of the schema's text, ajv's version and the
 * options, so a changed schema, another ajv or other options find no module, and anything missing
 * or failing to load means ajv compiles the schema as before. The module is the code the same ajv
 * generates for the same schema and options, so it accepts and reports the same
 * (test/json/precompiled.test.ts holds the two to that on generated documents).
 */

/** The cache folder (`SKILL_PRIVACY_LINT_CODE_CACHE_DIR` moves it, as it moves the code cache). */
export function precompiledDir(packageRoot: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.SKILL_PRIVACY_LINT_CODE_CACHE_DIR || path.join(packageRoot, 'node_modules', '.cache', 'skill-privacy-lint');
}

function moduleFile(dir: string, name: string, schemaText: string, options: Options): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ajvVersion = (require('ajv/package.json') as { version: string }).version;
  const key = crypto.createHash('sha1').update(`${ajvVersion}\0${JSON.stringify(options)}\0`).update(schemaText).digest('hex').slice(0, 20);
  return path.join(dir, `validator-${name}-${key}.js`);
}

/** The build's validator for this schema text and these options, or undefined (then ajv compiles it). */
export function loadPrecompiled(dir: string, name: string, schemaText: string, options: Options): ValidateFunction | undefined {
  const file = moduleFile(dir, name, schemaText, options);
  if (!fs.existsSync(file)) return undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const factory = require(file) as unknown;
    // Given this module's `require`: the folder can be anywhere (`SKILL_PRIVACY_LINT_CODE_CACHE_DIR`), and ajv's runtime helpers are found from here.
    const validate = typeof factory === 'function' ? (factory as (load: NodeJS.Require) => unknown)(require) : undefined;
    return typeof validate === 'function' ? (validate as ValidateFunction) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Compiles each schema as `schema.ts` does, with the source kept, and writes its standalone module
 * (to a temporary name, then renamed: a reader never sees half a module). Returns the files written.
 */
export function writePrecompiledValidators(dir: string, schemas: Array<{ name: string; text: string }>, options: Options, create: (options: Options) => Ajv): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const standaloneCode = (require('ajv/dist/standalone') as { default: (ajv: Ajv, validate: ValidateFunction) => string }).default;
  fs.mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const { name, text } of schemas) {
    const ajv = create({ ...options, code: { ...options.code, source: true } });
    const code = standaloneCode(ajv, ajv.compile(JSON.parse(text) as object));
    const file = moduleFile(dir, name, text, options);
    const tmp = `${file}.${process.pid}.tmp`;
    // ajv's module, wrapped in a function of the `require` that finds ajv's runtime helpers (strict, as ajv's own module is).
    fs.writeFileSync(tmp, `// Written by the build from schemas/${name}.schema.json (json/precompiled.ts); a cache, safe to delete.\n'use strict';\nmodule.exports = function (require) {\nconst module = { exports: {} };\n${code}\nreturn module.exports;\n};\n`);
    fs.renameSync(tmp, file);
    written.push(file);
  }
  return written;
}
