import type Ajv from 'ajv';
import type { ErrorObject, Options, ValidateFunction } from 'ajv';
import * as fs from 'fs';
import * as path from 'path';
import { Node, findNodeAtLocation } from 'jsonc-parser';
import { JsonDocument, focusSpan, keyNodeOf, spanOf, valueOf } from './document';
import { loadPrecompiled, precompiledDir, writePrecompiledValidators } from './precompiled';
import { Span } from '../types';

export type SchemaName = 'skill-manifest' | 'interaction-model' | 'skillprivacyrc';
export const SCHEMA_NAMES: SchemaName[] = ['skill-manifest', 'interaction-model', 'skillprivacyrc'];

export interface SchemaProblem extends Span {
  /** JSON Pointer of the offending value, e.g. `/manifest/permissions/0/name`. */
  pointer: string;
  keyword: string;
  /** Plain-language statement of the problem, without a trailing period. */
  problem: string;
}

/**
 * The folder holding `schemas/`: the package root. Found by walking up from this module, which
 * works from the TypeScript output (out/server/src/engine/json) and from the bundle (dist/).
 */
export function packageRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'schemas', 'skill-manifest.schema.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`schemas/ not found above ${__dirname}`);
    dir = parent;
  }
}

/**
 * How every schema is compiled, here and by the build (json/precompiled.ts). Compiling the manifest
 * and model schemas was ~230 ms of CPU on every cold run; two options halve it (~125 ms measured)
 * without changing what is checked: `validateSchema: false` skips checking our own schema files
 * against the draft-07 meta-schema on every start (the schema tests do that once,
 * test/schemas.test.ts), and `code.optimize: false` skips ajv's pass that tidies the generated
 * code (dead assignments, constant conditions), which does not change what a validator accepts or
 * the errors it reports.
 */
export const AJV_OPTIONS: Options = { allErrors: true, strict: false, allowUnionTypes: true, validateSchema: false, code: { optimize: false } };

/** An ajv instance with the formats, as the schemas are compiled. */
export function createAjv(options: Options): Ajv {
  // Required here rather than imported: with the build's validators a lint run never loads ajv's compiler.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const AjvClass = (require('ajv') as typeof import('ajv')).default;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const addFormats = (require('ajv-formats') as typeof import('ajv-formats')).default;
  const ajv = new AjvClass(options);
  addFormats(ajv);
  return ajv;
}

let ajv: Ajv | undefined;
const compiled = new Map<SchemaName, ValidateFunction>();

export function schemaText(name: SchemaName): string {
  return fs.readFileSync(path.join(packageRoot(), 'schemas', `${name}.schema.json`), 'utf8');
}

function validator(name: SchemaName): ValidateFunction {
  let v = compiled.get(name);
  if (!v) {
    const text = schemaText(name);
    // The build's validator when there is one for this text (json/precompiled.ts); ajv compiles it otherwise.
    v = process.env.SKILL_PRIVACY_LINT_NO_CODE_CACHE ? undefined : loadPrecompiled(precompiledDir(packageRoot()), name, text, AJV_OPTIONS);
    if (!v) {
      ajv ??= createAjv(AJV_OPTIONS);
      v = ajv.compile(JSON.parse(text) as object);
    }
    compiled.set(name, v);
  }
  return v;
}

/** Writes the validators of every schema for later runs (the build's step); returns the files written. */
export function writeSchemaValidators(dir = precompiledDir(packageRoot())): string[] {
  return writePrecompiledValidators(dir, SCHEMA_NAMES.map((name) => ({ name, text: schemaText(name) })), AJV_OPTIONS, createAjv);
}

function pointerToPath(pointer: string): Array<string | number> {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
}

/** An ajv error about a property name (`propertyNames`) carries the offending name. */
function propertyNameOf(e: ErrorObject): string | undefined {
  const n = (e as ErrorObject & { propertyName?: unknown }).propertyName;
  return typeof n === 'string' ? n : undefined;
}

/** Edit distance, to suggest the value a misspelling was meant to be. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** The allowed value closest to `actual`, when it is close enough to be a typo of it. */
function closest(actual: unknown, allowed: unknown[]): string | undefined {
  if (typeof actual !== 'string') return undefined;
  let best: string | undefined;
  let bestD = Infinity;
  for (const v of allowed) {
    if (typeof v !== 'string') continue;
    const d = distance(actual.toLowerCase(), v.toLowerCase());
    if (d < bestD) [best, bestD] = [v, d];
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(actual.length / 4)) ? best : undefined;
}

/** Keywords that constrain a value of the right type; moot when its type is wrong. */
const VALUE_KEYWORDS = new Set(['enum', 'const', 'pattern', 'format', 'minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems']);

/** Beyond this many allowed values a message names the likely one instead of listing them all. */
const MAX_LISTED = 20;

function describeEnum(allowed: unknown[], actual: unknown): string {
  if (allowed.length <= MAX_LISTED) return `must be one of ${allowed.map((x) => JSON.stringify(x)).join(', ')}`;
  const guess = closest(actual, allowed);
  return `must be one of the ${allowed.length} values the schema allows${guess ? ` (did you mean ${JSON.stringify(guess)}?)` : ''}`;
}

function describe(e: ErrorObject, at: string, actual: unknown): string {
  const p = e.params as Record<string, unknown>;
  const name = propertyNameOf(e);
  if (name !== undefined && e.keyword !== 'propertyNames') {
    const inner = e.keyword === 'enum' ? describeEnum(p.allowedValues as unknown[], name) : e.keyword === 'pattern' ? `does not have the expected form (${String(p.pattern)})` : e.message ?? 'is not allowed';
    return `${at} has the property name \`${name}\`, which ${inner}`;
  }
  switch (e.keyword) {
    case 'type':
      return `${at} must be ${String(p.type).replace(',', ' or ')}`;
    case 'required':
      return `${at} is missing the required property \`${String(p.missingProperty)}\``;
    case 'additionalProperties':
      return `${at} has the unknown property \`${String(p.additionalProperty)}\``;
    case 'enum':
      return `${at} ${describeEnum(p.allowedValues as unknown[], actual)}`;
    case 'const':
      return `${at} must be ${JSON.stringify(p.allowedValue)}`;
    case 'minItems':
      return `${at} must have at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'}`;
    case 'minLength':
      return p.limit === 1 ? `${at} must not be empty` : `${at} must be at least ${String(p.limit)} characters long`;
    case 'maxLength':
      return `${at} must be at most ${String(p.limit)} characters long`;
    case 'pattern':
      return `${at} does not have the expected form (${String(p.pattern)})`;
    case 'format':
      return `${at} must be a valid ${String(p.format)}`;
    case 'propertyNames':
      return `${at} has the property name \`${String(p.propertyName)}\`, which is not allowed`;
    default:
      return `${at} ${e.message ?? 'is not valid'}`;
  }
}

/**
 * Where a problem belongs (STYLE.md §6): the offending key for unknown properties and bad
 * property names; for a missing property the parent object's key, or its opening brace when it
 * has no key (the root, an array element), as VS Code's JSON service does; else the value.
 */
function spanFor(root: Node, e: ErrorObject): Span {
  const node = findNodeAtLocation(root, pointerToPath(e.instancePath)) ?? root;
  const badKey = e.keyword === 'additionalProperties' ? String((e.params as { additionalProperty: unknown }).additionalProperty) : propertyNameOf(e) ?? (e.keyword === 'propertyNames' ? String((e.params as { propertyName: unknown }).propertyName) : undefined);
  if (badKey !== undefined) {
    const key = keyNodeOf(node, badKey);
    if (key) return spanOf(key);
  }
  if (e.keyword === 'required' || e.keyword === 'propertyNames') {
    if (node.type === 'object' && node.parent?.type !== 'property') return { offset: node.offset, length: 1 };
    return focusSpan(node);
  }
  return spanOf(node);
}

/**
 * The document's value for ajv. A file that parsed without errors is plain JSON unless it has
 * comments or trailing commas (which jsonc-parser accepts silently), and for plain JSON V8's
 * `JSON.parse` gives the same value as walking the tree (`getNodeValue`) at a fraction of the
 * cost and garbage: 600 skill files of the bench's 100 skills, ~80 ms of the walk. The two agree
 * on every string, number, key order and repeated key (the last wins in both); they differ only
 * in the objects' prototype (`Object.prototype` here, none from the walk), which validation
 * cannot see as long as no schema names a property `Object.prototype` has (ajv tests a property
 * with `data.name !== undefined`) or compares objects in `enum`/`const`: test/schemas.test.ts
 * holds the schemas to both. Anything `JSON.parse` rejects (comments, trailing commas, a BOM,
 * whitespace only jsonc-parser allows) is walked as before.
 */
export function instanceOf(doc: JsonDocument): unknown {
  if (doc.errors.length === 0) {
    try {
      return JSON.parse(doc.text) as unknown;
    } catch {
      // Not plain JSON: the tree says what jsonc-parser made of it.
    }
  }
  return valueOf(doc.root);
}

/**
 * Validates a parsed document and maps every ajv error to the range of the offending key or
 * value. Errors of `anyOf`/`oneOf` branches are reduced to the most specific ones: a parent's
 * "must match a schema in anyOf" adds nothing when a child error says what is wrong.
 */
export function validateDocument(name: SchemaName, doc: JsonDocument): SchemaProblem[] {
  if (!doc.root) return [];
  const validate = validator(name);
  if (validate(instanceOf(doc))) return [];
  const all = validate.errors ?? [];
  // A `propertyNames` error only wraps the error about the name itself, which says more.
  const namedInside = new Set(all.filter((e) => e.keyword !== 'propertyNames' && propertyNameOf(e) !== undefined).map((e) => `${e.instancePath}\0${propertyNameOf(e) ?? ''}`));
  const errors = all.filter(
    (e) => e.keyword !== 'if' && e.keyword !== 'anyOf' && e.keyword !== 'oneOf' && !(e.keyword === 'propertyNames' && namedInside.has(`${e.instancePath}\0${String((e.params as { propertyName: unknown }).propertyName)}`)),
  );
  // A value of the wrong type also fails its enum or length: the type error alone says what to fix.
  const mistyped = new Set(errors.filter((e) => e.keyword === 'type' && propertyNameOf(e) === undefined).map((e) => e.instancePath));
  const pruned = errors.filter((e) => !(mistyped.has(e.instancePath) && VALUE_KEYWORDS.has(e.keyword) && propertyNameOf(e) === undefined));
  const kept = pruned.length ? pruned : all;
  const seen = new Set<string>();
  const out: SchemaProblem[] = [];
  for (const e of kept) {
    const key = `${e.instancePath}\0${e.keyword}\0${JSON.stringify(e.params)}\0${propertyNameOf(e) ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const at = e.instancePath ? `\`${e.instancePath}\`` : 'the file';
    const actual = valueOf(findNodeAtLocation(doc.root, pointerToPath(e.instancePath)));
    out.push({ pointer: e.instancePath, keyword: e.keyword, problem: describe(e, at, actual), ...spanFor(doc.root, e) });
  }
  return out.sort((a, b) => a.offset - b.offset);
}
