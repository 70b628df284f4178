import * as ts from 'typescript';
import { DataSource, FlowStep } from './model';
import { LibRef } from './sinks';
import type { FunctionNode } from './modules';

/**
 * The abstract values the data-flow pass computes for expressions. A value is a may-set: every
 * personal datum it may carry, every part of the request envelope it may be, every library
 * object or local function it may be, plus known properties and possible string constants (for
 * URLs and slot names). Nothing here is executed; everything is bounded.
 */

/** Personal data a value carries, with the way it travelled so far. */
export interface Taint {
  source: DataSource;
  steps: FlowStep[];
}

/**
 * A part of the request envelope, by its property path from the envelope. Kept symbolic until the
 * value is used (logged, stored, concatenated), so that `request.type` or `intent.name` read off
 * the envelope never count as personal.
 */
export interface EnvRef {
  path: string[];
  /** Where the path was read (the outermost access so far). */
  node: ts.Node;
  file: string;
  steps: FlowStep[];
}

/** A library value with, for HTTP clients made by `axios.create({ baseURL })`, its base URL. */
export interface LibVal extends LibRef {
  base?: string[];
}

/** A local function (or method) and the scope it closes over. */
export interface FnRef {
  node: FunctionNode;
  env: Env;
  file: string;
  /** For messages: `subscribeCustomer`. */
  name: string;
}

/** Objects of the Alexa SDKs the pass knows by their API. */
export type Tag =
  | 'attributes-manager'
  | 'service-client-factory'
  | 'ups-client'
  | 'address-client'
  | 'alexa-client'
  | 'response-builder'
  | 'persistent-attributes'
  | 'session-attributes'
  | 'this'
  | 'v1-attributes'
  | 'module'
  | 'exports'
  | 'resolver';

export interface Val {
  taints?: Map<string, Taint>;
  env?: EnvRef[];
  libs?: LibVal[];
  fns?: FnRef[];
  tags?: Set<Tag>;
  /** Known properties; present on object values, mutated in place by property writes. */
  props?: Map<string, Val>;
  /** Possible string values (URLs, slot names); `{…}` marks a part computed at run time. */
  strs?: string[];
  /** The object literal the value was built from, where a property can be added. */
  lit?: { node: ts.ObjectLiteralExpression; file: string };
  /** The value of a `Promise` resolved through a resolver (`new Promise((resolve) => ...)`). */
  resolved?: Val;
  /** A local class, for `new`. */
  cls?: { node: ts.ClassLikeDeclaration; env: Env; file: string };
}

export interface Env {
  id: number;
  vars: Map<string, Val>;
  parent: Env | undefined;
}

export const EMPTY: Val = Object.freeze({}) as Val;

const MAX_STRS = 8;
const MAX_STEPS = 8;
const MAX_ENV = 16;

export function isEmpty(v: Val): boolean {
  return !v.taints?.size && !v.env?.length && !v.libs?.length && !v.fns?.length && !v.tags?.size && !v.props && !v.strs?.length && !v.resolved && !v.cls;
}

export function obj(props?: Map<string, Val>, lit?: Val['lit']): Val {
  return { props: props ?? new Map(), lit };
}

export function strVal(...s: string[]): Val {
  return strList(s);
}

/** `strVal(...s)` for a list the caller gives away (no code changes it later): a copy is needed only to cut it. */
export function strList(s: string[]): Val {
  return { strs: s.length > MAX_STRS ? s.slice(0, MAX_STRS) : s };
}

/**
 * One set per tag, shared by every value `tagVal` makes: no code changes a value's `tags` in place
 * except `joinAll` in a set of its own (`join` and `joinAll` build a new one from their inputs'),
 * so the set need not be new. `handlerInput.responseBuilder` and `.attributesManager`, read in
 * nearly every handler, made a set (some 200 bytes) per read.
 */
const TAG_SETS = new Map<Tag, ReadonlySet<Tag>>();

export function tagVal(tag: Tag, props?: Map<string, Val>): Val {
  let tags = TAG_SETS.get(tag);
  if (!tags) TAG_SETS.set(tag, (tags = new Set([tag])));
  return { tags: tags as Set<Tag>, props };
}

/**
 * `a` with the items of `b` whose key no item before has, up to `max` items. Items are compared
 * by `same` (true exactly when their keys below are equal), not through a set of key strings:
 * the lists hold at most 16 items, mostly one or two, and building the keys was most of a join's
 * allocation. `a` itself is returned when nothing of `b` gets in (no list is changed in place).
 */
function unionArr<T>(a: T[] | undefined, b: T[] | undefined, same: (x: T, y: T) => boolean, max: number): T[] | undefined {
  if (!a?.length) return b?.length ? b : undefined;
  // Full: nothing of b gets in (the arrays are never changed in place, so `a` itself will do).
  if (!b?.length || a.length >= max) return a;
  let out = a;
  for (const x of b) {
    if (out.length >= max) break;
    let dup = false;
    for (const y of out) {
      if (y === x || same(y, x)) {
        dup = true;
        break;
      }
    }
    if (dup) continue;
    // A list of one grown to two (the usual join) as a literal: a copy pushed into made room for 17.
    if (out === a) out = a.length === 1 ? [a[0], x] : [...a, x];
    else out.push(x);
  }
  return out;
}

const envKey = (e: EnvRef): string => `${e.path.join('.')}@${e.file}:${e.node.pos}`;
const libKey = (l: LibVal): string => `${l.lib}:${l.path.join('.')}`;
const fnKey = (f: FnRef): string => `${f.file}:${f.node.pos}:${f.env.id}`;

/** The length of `path.join('.')`. */
function joinedLength(path: readonly string[]): number {
  let n = path.length > 0 ? path.length - 1 : 0;
  for (const p of path) n += p.length;
  return n;
}

// Equal keys. The position (digits, after the key's last `:`) differs, so does the key.
const sameEnv = (x: EnvRef, y: EnvRef): boolean => x.node.pos === y.node.pos && envKey(x) === envKey(y);
// Keys of different lengths differ.
const sameLib = (x: LibVal, y: LibVal): boolean => x.lib.length + joinedLength(x.path) === y.lib.length + joinedLength(y.path) && libKey(x) === libKey(y);
// `file:pos:id` with two numbers at the end splits one way only: equal keys, equal parts.
const sameFn = (x: FnRef, y: FnRef): boolean => x.env.id === y.env.id && x.node.pos === y.node.pos && x.file === y.file;
const sameStr = (x: string, y: string): boolean => x === y;

/** Sets on `out` the unions of `a`'s and `b`'s lists (envelope parts, libraries, functions, strings); the lists themselves are never changed. */
function joinLists(out: Val, a: Val, b: Val): void {
  const env = unionArr(a.env, b.env, sameEnv, MAX_ENV);
  if (env) out.env = env;
  const libs = unionArr(a.libs, b.libs, sameLib, MAX_ENV);
  if (libs) out.libs = libs;
  const fns = unionArr(a.fns, b.fns, sameFn, MAX_ENV);
  if (fns) out.fns = fns;
  const strs = unionArr(a.strs, b.strs, sameStr, MAX_STRS);
  if (strs) out.strs = strs;
}

/**
 * `new Map(m)` by a loop: the constructor takes a map's entries one array at a time, about twice
 * the time of this loop for the few entries a value's maps hold.
 */
function copyMap<K, V>(m: ReadonlyMap<K, V>): Map<K, V> {
  const out = new Map<K, V>();
  for (const [k, v] of m) out.set(k, v);
  return out;
}

/** The union of two values. Object properties are shared when only one side has them (aliasing). */
export function join(a: Val, b: Val): Val {
  if (a === b) return a;
  // Same answer as the general case below without reading `b` (EMPTY is frozen, so a mutable `b` wins).
  if (a === EMPTY && !Object.isFrozen(b)) return b;
  // An empty but mutable value (`[]`, `{}`) must stay mutable: `list.push(x)` writes into it.
  if (isEmpty(b)) return Object.isFrozen(a) && !Object.isFrozen(b) ? b : a;
  if (isEmpty(a)) return b;
  // Only the fields that are set, and never `delete`: a deleted property turns the object into a
  // slow dictionary, and every later read of the value pays for it.
  const out: Val = {};
  if (a.taints?.size || b.taints?.size) {
    const t = a.taints ? copyMap(a.taints) : new Map<string, Taint>();
    if (b.taints) for (const [k, v] of b.taints) if (!t.has(k)) t.set(k, v);
    out.taints = t;
  }
  joinLists(out, a, b);
  if (a.tags?.size || b.tags?.size) {
    const g = new Set<Tag>();
    if (a.tags) for (const x of a.tags) g.add(x);
    if (b.tags) for (const x of b.tags) g.add(x);
    out.tags = g;
  }
  if (a.props && b.props) {
    const p = copyMap(a.props);
    for (const [k, v] of b.props) p.set(k, p.has(k) ? join(p.get(k)!, v) : v);
    out.props = p;
  } else {
    const props = a.props ?? b.props;
    if (props) out.props = props;
  }
  const lit = a.lit ?? b.lit;
  if (lit) out.lit = lit;
  const cls = a.cls ?? b.cls;
  if (cls) out.cls = cls;
  if (a.resolved || b.resolved) out.resolved = join(a.resolved ?? EMPTY, b.resolved ?? EMPTY);
  return out;
}

/**
 * The union of many values: what folding `join` over them gives, without a new value (and new
 * maps) per element. Once the fold has a value of its own (one `join` built, not one of its
 * inputs), the rest is added into it in place — nobody else holds it — except for what it shares
 * with an input (property maps taken from one side, arrays), which is copied before it changes.
 * A module's `handlers: [...]` of hundreds of handler objects is one such fold per evaluation.
 */
export function joinAll(vals: Val[]): Val {
  let out = EMPTY;
  let i = 0;
  while (i < vals.length) {
    const v = vals[i++];
    const next = join(out, v);
    const own = next !== out && next !== v;
    out = next;
    if (own) break;
  }
  if (i >= vals.length) return out;
  let ownProps = !!out.props && !vals.slice(0, i).some((v) => v.props === out.props);
  for (; i < vals.length; i++) {
    const b = vals[i];
    if (isEmpty(b)) continue;
    if (b.taints?.size) {
      if (!out.taints) out.taints = copyMap(b.taints);
      else for (const [k, t] of b.taints) if (!out.taints.has(k)) out.taints.set(k, t);
    }
    joinLists(out, out, b);
    if (b.tags?.size) {
      if (!out.tags) out.tags = new Set(b.tags);
      else for (const t of b.tags) out.tags.add(t);
    }
    if (out.props && b.props) {
      if (!ownProps) {
        out.props = copyMap(out.props);
        ownProps = true;
      }
      for (const [k, v] of b.props) out.props.set(k, out.props.has(k) ? join(out.props.get(k)!, v) : v);
    } else if (b.props) out.props = b.props;
    if (!out.lit && b.lit) out.lit = b.lit;
    if (!out.cls && b.cls) out.cls = b.cls;
    if (out.resolved || b.resolved) out.resolved = join(out.resolved ?? EMPTY, b.resolved ?? EMPTY);
  }
  return out;
}

/**
 * Adds `b`'s data to the object `a` in place (`arr.push(x)`, `obj.x = y` on an unknown object):
 * what `join` of the two values' taints and envelope parts gives, set on `a`, without the two
 * values to join and without a copy of `a`'s taints when `b` brings no new source. The response
 * absorbs everything a skill speaks, so that copy grew with every `speak()`. No taint map is
 * changed in place once a value holds it (only `joinAll` fills one, of its own), so keeping
 * `a`'s, or taking `b`'s, is the same as a copy.
 */
export function absorbInto(a: Val, b: Val): void {
  if (Object.isFrozen(a)) return;
  // What `join` does with an empty side: nothing for an empty `b`, `b`'s fields for an empty `a`.
  if (!b.taints?.size && !b.env?.length) return;
  if (!a.taints?.size && !a.env?.length) {
    if (b.taints) a.taints = b.taints;
    if (b.env) a.env = b.env;
    return;
  }
  if (b.taints?.size) {
    if (!a.taints?.size) a.taints = b.taints;
    else {
      let t: Map<string, Taint> | undefined;
      for (const [k, v] of b.taints) {
        if (a.taints.has(k)) continue;
        t ??= copyMap(a.taints);
        t.set(k, v);
      }
      if (t) a.taints = t;
    }
  }
  const env = unionArr(a.env, b.env, sameEnv, MAX_ENV);
  if (env) a.env = env;
}

export function withTaints(taints: Iterable<Taint>): Val {
  const m = new Map<string, Taint>();
  for (const t of taints) if (!m.has(t.source.id)) m.set(t.source.id, t);
  return m.size ? { taints: m } : EMPTY;
}

/**
 * `{ ...v }`, field by field. Values come in dozens of shapes (whichever fields are set), so a
 * spread of one is a megamorphic copy, which V8 does in its runtime: several times the cost of
 * these stores. Fields set to `undefined` are left out, which no reader tells apart (they test
 * the fields, never their presence). `env` may be given to replace the value's.
 */
export function copyVal(v: Val, env: EnvRef[] | undefined = v.env): Val {
  const out: Val = {};
  if (v.taints !== undefined) out.taints = v.taints;
  if (env !== undefined) out.env = env;
  if (v.libs !== undefined) out.libs = v.libs;
  if (v.fns !== undefined) out.fns = v.fns;
  if (v.tags !== undefined) out.tags = v.tags;
  if (v.props !== undefined) out.props = v.props;
  if (v.strs !== undefined) out.strs = v.strs;
  if (v.lit !== undefined) out.lit = v.lit;
  if (v.resolved !== undefined) out.resolved = v.resolved;
  if (v.cls !== undefined) out.cls = v.cls;
  return out;
}

/** `{ ...e, path }` or `{ ...e, steps }` (every field of an envelope part is always set). */
export function envRef(e: EnvRef, path: string[], node: ts.Node = e.node, steps: FlowStep[] = e.steps): EnvRef {
  return { path, node, file: e.file, steps };
}

/** The value as it arrives somewhere else: every taint and envelope part gets one more step. */
export function withStep(v: Val, step: FlowStep, depth = 0): Val {
  // A freshly built object literal (`addLead({ phone })`) is copied so its parts get the step too;
  // other objects keep their identity, so what a callee writes into them the caller still sees.
  const copyProps = !!v.lit && !!v.props && depth < 2;
  if (!v.taints?.size && !v.env?.length && !copyProps) return v;
  const out = copyVal(v);
  if (copyProps) {
    const p = new Map<string, Val>();
    for (const [k, x] of v.props!) p.set(k, withStep(x, step, depth + 1));
    out.props = p;
  }
  if (v.taints?.size) {
    const t = new Map<string, Taint>();
    for (const [k, x] of v.taints) t.set(k, x.steps.length >= MAX_STEPS ? x : { source: x.source, steps: [...x.steps, step] });
    out.taints = t;
  }
  if (v.env?.length) out.env = v.env.map((e) => (e.steps.length >= MAX_STEPS ? e : envRef(e, e.path, e.node, [...e.steps, step])));
  return out;
}

/**
 * A short, bounded description of a value for memo keys: what a call's result can depend on.
 * Built by concatenation, with lists of one item (most are) neither copied nor sorted; the string
 * is the one `parts.join('|')` of the sorted lists gave (memo keys, and where the 600 characters
 * cut them, stay the same).
 */
export function signature(v: Val, depth = 0): string {
  if (isEmpty(v)) return '';
  let s = '';
  if (v.taints?.size) s = cat(s, 't' + (v.taints.size === 1 ? v.taints.keys().next().value! : [...v.taints.keys()].sort().join(',')));
  if (v.env?.length) s = cat(s, 'e' + (v.env.length === 1 ? v.env[0].path.join('.') : v.env.map((e) => e.path.join('.')).sort().join(',')));
  if (v.libs?.length) s = cat(s, 'l' + (v.libs.length === 1 ? libKey(v.libs[0]) : v.libs.map(libKey).sort().join(',')));
  if (v.fns?.length) s = cat(s, 'f' + (v.fns.length === 1 ? fnKey(v.fns[0]) : v.fns.map(fnKey).sort().join(',')));
  if (v.tags?.size) s = cat(s, 'g' + (v.tags.size === 1 ? v.tags.values().next().value! : [...v.tags].sort().join(',')));
  if (v.strs?.length) s = cat(s, 's' + v.strs.join('\u0001'));
  if (v.props && depth < 2) {
    let p = 'p{';
    let first = true;
    for (const [k, x] of v.props) {
      p += (first ? '' : ';') + k + ':' + signature(x, depth + 1);
      first = false;
    }
    s = cat(s, p + '}');
  }
  return s.length > 600 ? s.slice(0, 600) : s;
}

/** `parts.join('|')` one part at a time (no part is empty). */
function cat(s: string, part: string): string {
  return s === '' ? part : s + '|' + part;
}
