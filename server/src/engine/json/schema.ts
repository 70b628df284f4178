import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import * as fs from 'fs';
import * as path from 'path';
import { Node, findNodeAtLocation } from 'jsonc-parser';
import { JsonDocument, focusSpan, keyNodeOf, spanOf, valueOf } from './document';
import { Span } from '../types';

export type SchemaName = 'skill-manifest' | 'interaction-model' | 'skillprivacyrc';

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

let ajv: Ajv | undefined;
const compiled = new Map<SchemaName, ValidateFunction>();

function validator(name: SchemaName): ValidateFunction {
  let v = compiled.get(name);
  if (!v) {
    if (!ajv) {
      ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
      addFormats(ajv);
    }
    const schema = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'schemas', `${name}.schema.json`), 'utf8')) as object;
    v = ajv.compile(schema);
    compiled.set(name, v);
  }
  return v;
}

function pointerToPath(pointer: string): Array<string | number> {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
}

function describe(e: ErrorObject, at: string): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type':
      return `${at} must be ${String(p.type).replace(',', ' or ')}`;
    case 'required':
      return `${at} is missing the required property \`${String(p.missingProperty)}\``;
    case 'additionalProperties':
      return `${at} has the unknown property \`${String(p.additionalProperty)}\``;
    case 'enum':
      return `${at} must be one of ${(p.allowedValues as unknown[]).map((x) => JSON.stringify(x)).join(', ')}`;
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
      return `${at} has a property name that is not allowed`;
    default:
      return `${at} ${e.message ?? 'is not valid'}`;
  }
}

/** Where a problem belongs: the offending key for unknown properties, the parent's key for missing ones, else the value. */
function spanFor(root: Node, e: ErrorObject): Span {
  const node = findNodeAtLocation(root, pointerToPath(e.instancePath)) ?? root;
  if (e.keyword === 'additionalProperties') {
    const key = keyNodeOf(node, String((e.params as { additionalProperty: string }).additionalProperty));
    if (key) return spanOf(key);
  }
  if (e.keyword === 'required' || e.keyword === 'propertyNames') return focusSpan(node);
  return spanOf(node);
}

/**
 * Validates a parsed document and maps every ajv error to the range of the offending key or
 * value. Errors of `anyOf`/`oneOf` branches are reduced to the most specific ones: a parent's
 * "must match a schema in anyOf" adds nothing when a child error says what is wrong.
 */
export function validateDocument(name: SchemaName, doc: JsonDocument): SchemaProblem[] {
  if (!doc.root) return [];
  const validate = validator(name);
  if (validate(valueOf(doc.root))) return [];
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if' && e.keyword !== 'anyOf' && e.keyword !== 'oneOf');
  const kept = errors.length ? errors : validate.errors ?? [];
  const seen = new Set<string>();
  const out: SchemaProblem[] = [];
  for (const e of kept) {
    const key = `${e.instancePath}\0${e.keyword}\0${JSON.stringify(e.params)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const at = e.instancePath ? `\`${e.instancePath}\`` : 'the file';
    out.push({ pointer: e.instancePath, keyword: e.keyword, problem: describe(e, at), ...spanFor(doc.root, e) });
  }
  return out.sort((a, b) => a.offset - b.offset);
}
