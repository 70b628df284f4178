// Not `import * as`: that compiles to one getter per `ts.` access, the largest cost of these tree walks in a profile.
import ts from 'typescript';
import { SkillAnalysis } from '../analysis';
import { FileSpan } from '../types';
import { Resolver, declarationInFile, findDeclaration, propertyNameText, resolverOf, skipWrappers, topLevelNames } from './bindings';
import { codeHandlers, spanOfNode } from './handlers';
import { FunctionNode, isFunctionNode, resolveModule } from './modules';
import { statementIndex, syntaxIndex } from './syntax-index';
import { CALL, LibRef, NEW, classifyLibCall, libDisplayName, libOfGlobal, libOfModule, mayStore } from './sinks';

/**
 * Where a skill keeps user data and where it deletes it (for `no-data-deletion`): ask-sdk
 * persistent attributes and persistence adapters, alexa-sdk v1 `this.attributes` with a DynamoDB
 * table, and database writes that `sinks.ts` recognises by library. Libraries are known by the
 * module a value comes from, never by a variable's name; only ask-sdk's own attribute methods are
 * known by name, since they hang off the `handlerInput` parameter.
 */

export type StoreKind = 'attributes' | 'adapter' | 'v1-attributes' | 'db';

export interface StoreOp extends FileSpan {
  kind: StoreKind;
  /** For messages: "`attributesManager.savePersistentAttributes()` (ask-sdk persistent attributes)". */
  description: string;
  node: ts.Node;
}

export interface StorageFacts {
  /** Places that store user data, in file order; persistence adapters after the calls. */
  writes: StoreOp[];
  /** Places that delete stored data. */
  deletes: StoreOp[];
}

export function storageFacts(analysis: SkillAnalysis): StorageFacts {
  return analysis.memo('code-storage', () => compute(analysis));
}

/**
 * What a resolution read outside the statement it started in: the module-level declaration it
 * found for each name looked up there (null: none), and whether it used anything else of the
 * file (`opaque`: a destructured value, whose member paths are not followed here). A statement's
 * stores are kept across keystrokes only while these are the same (see `statementOps`).
 */
interface Reads {
  /** Pairs of a name and its declaration (null: none), flattened; repeats are harmless. */
  names: Array<string | ts.Node | null> | undefined;
  /** `names` is another entry's list (copied before it is added to): a chain passes one list up. */
  shared?: boolean;
  opaque: boolean;
  /**
   * The resolution stopped at the depth limit somewhere (itself or a kept entry it used): its
   * undefined may be the limit's, not the code's, so it is kept only when asked at depth 0, as
   * before. An answer without a cut is the code's: the limit only ever turns a library value into
   * undefined, never into another value.
   */
  cut?: boolean;
  /**
   * How many links below this one the resolution followed (an expression leads to one other at
   * most: its object, its callee, a name's initializer). A kept answer is used from a depth only
   * when a resolution from there would not have stopped at the limit, so that what a check finds
   * does not depend on which statements it resolved first (the kept statements of an edited skill
   * are not resolved again).
   */
  len?: number;
}

interface LibRefEntry extends Reads {
  ref: LibRef | undefined;
}

const MAX_LIB_DEPTH = 12;

/**
 * The cold path's shortcuts (answers kept at any depth, `unboundChain`, imports resolved once per
 * run, no resolution where no storing library is imported: `importsStorageLibrary`). Always on; test/code/cold-shortcuts.test.ts turns them off for the plain resolution it
 * compares them with.
 */
export const storageShortcuts = { enabled: true };

/** Expressions `libRefOf` resolved rather than found kept, since the process started (for tests). */
export const storageStats = { resolutions: 0 };

/** Per Resolver, so per lint run: no tree changes during one (code/parse.ts re-parses between runs). */
const libRefs = new WeakMap<Resolver, WeakMap<ts.Node, LibRefEntry>>();

/** The reads of the resolution under way, innermost first. */
let reading: Reads | undefined;

function absorb(into: Reads, from: Reads): void {
  if (from.opaque) into.opaque = true;
  if (from.cut) into.cut = true;
  const len = (from.len ?? 0) + 1;
  if (len > (into.len ?? 0)) into.len = len;
  const names = from.names;
  if (!names || names === into.names) return;
  if (!into.names) {
    into.names = names;
    into.shared = true;
    return;
  }
  const own = ownNames(into);
  for (let i = 0; i < names.length; i++) own.push(names[i]);
}

function ownNames(r: Reads): Array<string | ts.Node | null> {
  if (!r.names) r.names = [];
  else if (r.shared) {
    r.names = r.names.slice();
    r.shared = false;
  }
  return r.names;
}

/** The library value an expression holds (`new AWS.DynamoDB.DocumentClient()` → `aws:ddbdoc`), or undefined. */
export function libRefOf(r: Resolver, file: string, expr: ts.Expression, depth = 0): LibRef | undefined {
  if (depth > MAX_LIB_DEPTH) {
    if (reading) reading.cut = true;
    return undefined;
  }
  const e = skipWrappers(expr);
  let cache = libRefs.get(r);
  if (!cache) libRefs.set(r, (cache = new WeakMap()));
  const hit = cache.get(e);
  if (hit !== undefined) {
    if (reading) absorb(reading, hit);
    if (depth + (hit.len ?? 0) > MAX_LIB_DEPTH) {
      if (reading) reading.cut = true;
      return undefined;
    }
    return hit.ref;
  }
  storageStats.resolutions++;
  const outer = reading;
  // The reads gathered and the entry kept are one object: a chain `a.b.c()` resolves each link once.
  const mine: LibRefEntry = { ref: undefined, names: undefined, opaque: false, len: 0 };
  reading = mine;
  let ref: LibRef | undefined;
  try {
    ref = libRefUncached(r, file, e, depth);
  } finally {
    reading = outer;
  }
  if (outer) absorb(outer, mine);
  if (ref !== undefined || depth === 0 || (!mine.cut && storageShortcuts.enabled)) {
    mine.ref = ref;
    // The entry's list may be passed up and shared, never added to: later reads copy it first.
    mine.shared = true;
    cache.set(e, mine);
  }
  return ref;
}

/** Notes that the name `name` of `sf` was resolved at module level, to `decl` (undefined: not declared there). */
function readName(sf: ts.SourceFile | undefined, name: string, decl: ts.Node | undefined): void {
  if (!reading) return;
  if (!sf) {
    reading.opaque = true;
    return;
  }
  // A declaration in an inner scope is in the same statement as the name, so it moves with it.
  if (decl && topLevelNames(sf).get(name) !== decl) return;
  ownNames(reading).push(name, decl ?? null);
}

/** Whether `Resolver.declarationValue` of `decl` reads nothing of the file but `decl` itself (and other modules). */
function valueIsOwn(decl: ts.Node): boolean {
  if (ts.isVariableDeclaration(decl)) {
    const init = decl.initializer && skipWrappers(decl.initializer);
    return !init || (ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require' && !!init.arguments[0] && ts.isStringLiteral(init.arguments[0]));
  }
  return !ts.isBindingElement(decl);
}

/**
 * Whether `expr` is a chain of members and calls (`handlerInput.responseBuilder.speak(x).getResponse`,
 * `Alexa.getSlotValue`) whose start holds no library value: a name no declaration of the file binds
 * and that is no library global, or a name one module-level variable binds whose initializer holds
 * none. libRefOf finds no library value in the chain then, having read what is read here (and
 * noted as it notes it). Most calls of a skill are such chains, and this spares a cache entry and
 * a record of reads for each of their links; anything else (and a chain that does reach a library
 * value, whose links give its path) is left to libRefOf.
 */
function unboundChain(r: Resolver, file: string, expr: ts.Expression): boolean {
  quietCalls.length = 0;
  const quiet = walkChain(r, file, expr);
  if (!quiet) quietCalls.length = 0;
  return quiet;
}

function walkChain(r: Resolver, file: string, expr: ts.Expression): boolean {
  let e = expr;
  // The depths libRefOf would look at, so a chain it gives up on is left to it.
  for (let depth = 0; depth <= MAX_LIB_DEPTH; depth++) {
    while (WRAPPERS[e.kind] === 1) e = (e as ts.ParenthesizedExpression).expression;
    switch (e.kind) {
      case ts.SyntaxKind.Identifier: {
        const name = (e as ts.Identifier).text;
        const sf = r.set.files.get(file)?.parsed.sourceFile;
        if (!sf) return false;
        if (!r.declares(file, name)) {
          if (libOfGlobal(name)) return false;
          readName(sf, name, undefined);
          return true;
        }
        // A name only one module-level variable binds (no parameter anywhere, no second declaration)
        // holds its initializer's value wherever it is used, and that answer is kept per node.
        const ix = syntaxIndex(sf);
        if (ix.parameterNames.has(name) || ix.declaredTwice.has(name)) return false;
        const decl = topLevelNames(sf).get(name);
        if (!decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name)) return false;
        readName(sf, name, decl);
        if (!decl.initializer) return true;
        if (libRefOf(r, file, decl.initializer, depth + 1) !== undefined) return false;
        // Undefined from this depth may be the limit's: the shorter chains inside are then asked on their own.
        const kept = libRefs.get(r)?.get(skipWrappers(decl.initializer));
        if (!kept || kept.cut || kept.ref !== undefined) quietCalls.length = 0;
        return true;
      }
      case ts.SyntaxKind.PropertyAccessExpression:
        e = (e as ts.PropertyAccessExpression).expression;
        if (e.kind === ts.SyntaxKind.ThisKeyword) return false;
        break;
      case ts.SyntaxKind.CallExpression:
      case ts.SyntaxKind.NewExpression: {
        quietCalls.push(e);
        const callee = (e as ts.CallExpression | ts.NewExpression).expression;
        if (callee.kind === ts.SyntaxKind.Identifier && (callee as ts.Identifier).text === 'require') return false;
        e = callee;
        break;
      }
      default:
        return false;
    }
  }
  return false;
}

/**
 * The calls inside the chain `unboundChain` last answered true for (`a.b(x).c` holds `a.b(x)`),
 * in the statement `opsOf` is on: they are chains from the same start, shorter, so the same holds
 * for them with the same reads (already noted for the statement). In pre-order they are often the
 * statement's next calls. Empty after a false answer.
 */
const quietCalls: ts.Node[] = [];

/** `skipWrappers`' kinds as a table (parentheses, `as`, `!`, `satisfies`, `<T>x`, `await`): the chains are walked for every call. */
const WRAPPERS = new Uint8Array(ts.SyntaxKind.Count);
for (const k of [ts.SyntaxKind.ParenthesizedExpression, ts.SyntaxKind.AsExpression, ts.SyntaxKind.NonNullExpression, ts.SyntaxKind.SatisfiesExpression, ts.SyntaxKind.TypeAssertionExpression, ts.SyntaxKind.AwaitExpression]) WRAPPERS[k] = 1;

function libRefUncached(r: Resolver, file: string, e: ts.Expression, depth: number): LibRef | undefined {
  if (ts.isIdentifier(e)) {
    const sf = r.set.files.get(file)?.parsed.sourceFile;
    if (!r.declares(file, e.text)) {
      // A parameter or undeclared: only an undeclared global (`console`) is a library.
      // Either way the answer holds while no module-level declaration of the name appears.
      readName(sf, e.text, undefined);
      const global = libOfGlobal(e.text);
      if (!global) return undefined;
      if (sf && !syntaxIndex(sf).parameterNames.has(e.text)) return global;
    }
    const decl = sf ? declarationInFile(sf, e.text, e) : findDeclaration(e.text, e);
    readName(sf, e.text, decl);
    if (!decl) return libOfGlobal(e.text);
    if (ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name)) return decl.initializer ? libRefOf(r, file, decl.initializer, depth + 1) : undefined;
    if (reading && !valueIsOwn(decl)) reading.opaque = true;
    const v = r.declarationValue(file, decl, e.text, depth + 1);
    return v?.kind === 'module' && v.file === undefined ? extend(libOfModule(v.spec), v.path) : undefined;
  }
  if (ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword) {
    // `this.db` of a class: its field initializer or the constructor's `this.db = …`.
    const init = classField(e, e.name.text);
    return init ? libRefOf(r, file, init, depth + 1) : undefined;
  }
  if (ts.isPropertyAccessExpression(e)) {
    const base = libRefOf(r, file, e.expression, depth + 1);
    return base ? { lib: base.lib, path: [...base.path, e.name.text] } : undefined;
  }
  if (ts.isCallExpression(e) || ts.isNewExpression(e)) {
    const spec = ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'require' && e.arguments[0] && ts.isStringLiteral(e.arguments[0]) ? e.arguments[0].text : undefined;
    if (spec !== undefined) {
      const v = r.moduleValue(file, spec);
      return v?.kind === 'module' && v.file === undefined ? libOfModule(spec) : undefined;
    }
    const callee = libRefOf(r, file, e.expression, depth + 1);
    if (!callee) return undefined;
    const isNew = ts.isNewExpression(e);
    const rule = classifyLibCall(callee, isNew);
    if (rule?.t === 'lib') return rule.result;
    if (rule?.t === 'sink') return rule.result;
    // Nothing known: still something of the library (`mongoose.model('User')`, `db.collection('x')`).
    return { lib: callee.lib, path: [...callee.path, isNew ? NEW : CALL] };
  }
  return undefined;
}

/** The value a class gives `this.<name>`: a field initializer or an assignment in the constructor. */
function classField(at: ts.Node, name: string): ts.Expression | undefined {
  let c: ts.Node | undefined = at.parent;
  // `this` in an arrow function is the enclosing method's; in a function expression it is not the class's.
  while (c && !ts.isClassLike(c)) {
    if (ts.isFunctionExpression(c) || ts.isFunctionDeclaration(c)) return undefined;
    c = c.parent;
  }
  if (!c) return undefined;
  for (const m of (c as ts.ClassLikeDeclaration).members) {
    if (ts.isPropertyDeclaration(m) && propertyNameText(m.name) === name && m.initializer) return m.initializer;
    if (ts.isConstructorDeclaration(m) && m.body) {
      for (const st of m.body.statements) {
        if (!ts.isExpressionStatement(st)) continue;
        const x = skipWrappers(st.expression);
        if (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(x.left) && x.left.expression.kind === ts.SyntaxKind.ThisKeyword && x.left.name.text === name) return x.right;
      }
    }
  }
  return undefined;
}

function extend(ref: LibRef | undefined, path: readonly string[]): LibRef | undefined {
  return ref ? { lib: ref.lib, path: [...ref.path, ...path] } : undefined;
}

const ATTRIBUTE_WRITES = new Set(['setPersistentAttributes', 'savePersistentAttributes']);
const DB_DELETES = new Set([
  'delete', 'deleteOne', 'deleteMany', 'remove', 'destroy', 'findOneAndDelete', 'findByIdAndDelete', 'findOneAndRemove', 'findByIdAndRemove', 'deleteDoc', 'del', 'unlink', 'hdel', 'hDel', 'truncate',
]);
const SQL_RUN = new Set(['query', 'execute', 'run', 'exec', 'prepare', 'raw']);

/** A call that deletes stored data: the store's name, or undefined. */
function deleteOf(ref: LibRef, isNew: boolean, call: ts.CallExpression | ts.NewExpression): string | undefined {
  const m = ref.path[ref.path.length - 1];
  switch (ref.lib) {
    case 'aws:ddbdoc':
      return m === 'delete' ? 'DynamoDB' : undefined;
    case 'aws:ddb':
      return m === 'deleteItem' ? 'DynamoDB' : undefined;
    case '@aws-sdk/lib-dynamodb':
      return isNew && m === 'DeleteCommand' ? 'DynamoDB' : undefined;
    case '@aws-sdk/client-dynamodb':
      return isNew && m === 'DeleteItemCommand' ? 'DynamoDB' : undefined;
    case 'aws:s3':
      return m === 'deleteObject' || m === 'deleteObjects' ? 'Amazon S3' : undefined;
    case '@aws-sdk/client-s3':
      return isNew && (m === 'DeleteObjectCommand' || m === 'DeleteObjectsCommand') ? 'Amazon S3' : undefined;
    default:
      break;
  }
  if (!ref.lib.startsWith('db:') || !m) return undefined;
  if (DB_DELETES.has(m)) return libDisplayName(ref.lib);
  if (SQL_RUN.has(m)) {
    const a = call.arguments?.[0];
    const text = a && (ts.isStringLiteral(a) || ts.isNoSubstitutionTemplateLiteral(a)) ? a.text : a && ts.isTemplateExpression(a) ? a.head.text : '';
    if (/\bdelete\s+from\b/i.test(text)) return libDisplayName(ref.lib);
  }
  return undefined;
}

function calleeName(call: ts.CallExpression): string | undefined {
  const c = skipWrappers(call.expression);
  return ts.isPropertyAccessExpression(c) ? c.name.text : undefined;
}

function short(node: ts.Node): string {
  const t = node.getText().replace(/\s+/g, ' ');
  return t.length > 60 ? `${t.slice(0, 57)}...` : t;
}

/** One file's stores and deletes; its `this.attributes` writes count only when the skill stores them. */
interface FileOps {
  key: unknown[];
  writes: StoreOp[];
  deletes: StoreOp[];
}

/**
 * Per parsed tree, with the trees it depends on: what a call stores depends on the modules its
 * names come from (`const { ddb } = require('./db')`), so the result is reused only while the file,
 * every file it imports (directly or not) and the set of files are the same.
 */
const opsByTree = new WeakMap<ts.SourceFile, FileOps>();

/** Per Resolver (one lint run): the set's paths as one string, and each file's imported files. */
interface RunDependencies {
  paths: string;
  imports: Map<string, string[]>;
}

const runDependencies = new WeakMap<Resolver, RunDependencies>();

/** The skill's files `file` imports, in its specifiers' order, each resolved once per run. */
function importsOf(deps: RunDependencies, r: Resolver, file: string, ix: { specifiers: readonly string[] }): string[] {
  let out = deps.imports.get(file);
  if (out === undefined) {
    out = [];
    for (const spec of ix.specifiers) {
      const target = resolveModule(file, spec, r.set.paths);
      if (target) out.push(target);
    }
    if (storageShortcuts.enabled) deps.imports.set(file, out);
  }
  return out;
}

/**
 * The files `file` reaches through its imports (itself first) and their trees, then whether any of
 * them imports a library that stores data (`importsStorageLibrary`); the last element is that flag.
 */
function dependencyKey(r: Resolver, file: string): unknown[] {
  // Each file's key walks every file it reaches: resolving their specifiers again for each file
  // made this quadratic in a skill's files.
  let deps = runDependencies.get(r);
  if (deps === undefined) runDependencies.set(r, (deps = { paths: [...r.set.paths].join('\n'), imports: new Map() }));
  const key: unknown[] = [deps.paths];
  const seen = new Set([file]);
  const todo = [file];
  let stores = false;
  while (todo.length > 0) {
    const f = todo.pop()!;
    const ix = r.set.files.get(f);
    if (!ix) continue;
    key.push(f, ix.parsed.sourceFile);
    if (!stores && importsStorageLibrary(ix.specifiers)) stores = true;
    for (const target of importsOf(deps, r, f, ix)) {
      if (!seen.has(target)) {
        seen.add(target);
        todo.push(target);
      }
    }
  }
  key.push(stores || !storageShortcuts.enabled);
  return key;
}

/**
 * Whether a file's module specifiers name a library whose calls can store or delete data (a
 * database client, the AWS SDK). `libRefOf` finds a library value only in a module one of these
 * specifiers names (`require`, `import`, `export … from`, as code/modules.ts lists them) or in a
 * global (`console`, `fetch`), and a library call's result stays in its library's family
 * (`sinks.ts` `mayStore`). So where no file a file reaches imports such a library, none of its
 * calls stores or deletes anything but by ask-sdk's or alexa-sdk's own names, and `opsOf` looks only
 * at those: the resolution of every call, most of this pass's cold time, is skipped.
 */
function importsStorageLibrary(specifiers: readonly string[]): boolean {
  for (let i = 0; i < specifiers.length; i++) {
    const ref = libOfModule(specifiers[i]);
    if (ref && mayStore(ref.lib)) return true;
  }
  return false;
}

/**
 * One top-level statement's stores and deletes, kept per statement node with what its
 * resolutions read outside it: the module-level declarations of the names they looked up and the
 * dependency key of the file (the modules it imports). The incremental parser (code/parse.ts)
 * reuses an unchanged statement whole and moves all of it by the same amount, so while those are
 * the same nodes the kept operations are right once moved by that amount.
 */
interface StatementOps {
  file: string;
  /** The statement's `pos` when the offsets of `writes` and `deletes` were made (not moved along for an entry with none). */
  pos: number;
  key: unknown[];
  names: Array<string | ts.Node | null> | undefined;
  writes: StoreOp[];
  deletes: StoreOp[];
}

const statementOps = new WeakMap<ts.Node, StatementOps>();

function sameKey(a: unknown[], b: unknown[]): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

/** The same key but for the file's own tree (`dependencyKey` puts it third): a statement is checked on its own. The library flag (last) is compared too. */
function sameImports(a: unknown[], b: unknown[]): boolean {
  return a.length === b.length && a.every((k, i) => i === 2 || k === b[i]);
}

function fileOps(r: Resolver, file: string, sf: ts.SourceFile): FileOps {
  const key = dependencyKey(r, file);
  const hit = opsByTree.get(sf);
  if (hit && sameKey(hit.key, key)) return hit;
  const ops: FileOps = { key, writes: [], deletes: [] };
  const top = topLevelNames(sf);
  for (const st of sf.statements) {
    let part = statementOps.get(st);
    if (!part || part.file !== file || !(part.key === key || sameImports(part.key, key)) || !namesHold(part.names, top)) {
      part = opsOf(r, file, st, key);
    } else if (part.writes.length === 0 && part.deletes.length === 0) {
      // Nothing to move (most statements): the entry is only told the key it holds for, so that
      // the next check compares one reference. A keystroke copied every entry after the edit.
      part.key = key;
    } else if (part.pos !== st.pos || part.key !== key) {
      // Entries share the key of the check that made or moved them.
      part = part.pos !== st.pos ? shiftOps(part, st.pos - part.pos) : { ...part };
      part.key = key;
      statementOps.set(st, part);
    }
    for (let i = 0; i < part.writes.length; i++) ops.writes.push(part.writes[i]);
    for (let i = 0; i < part.deletes.length; i++) ops.deletes.push(part.deletes[i]);
  }
  opsByTree.set(sf, ops);
  return ops;
}

function namesHold(names: Array<string | ts.Node | null> | undefined, top: ReadonlyMap<string, ts.Node>): boolean {
  if (names) for (let i = 0; i < names.length; i += 2) if ((top.get(names[i] as string) ?? null) !== names[i + 1]) return false;
  return true;
}

/** The pairs with each name once (a statement looks `Alexa` up for every call): checked on every keystroke. */
function uniquePairs(names: Array<string | ts.Node | null>): Array<string | ts.Node | null> {
  // A name has one module-level declaration (or none) at a time, so a repeat is the same pair.
  const seen = new Map<string | ts.Node | null, string | ts.Node | null>();
  for (let i = 0; i < names.length; i += 2) seen.set(names[i], names[i + 1]);
  const out: Array<string | ts.Node | null> = [];
  for (const [k, v] of seen) out.push(k, v);
  return out;
}

function shiftOps(part: StatementOps, delta: number): StatementOps {
  const at = (op: StoreOp): StoreOp => ({ ...op, offset: op.offset + delta });
  return { ...part, pos: part.pos + delta, writes: part.writes.map(at), deletes: part.deletes.map(at) };
}

function opsOf(r: Resolver, file: string, st: ts.Statement, key: unknown[]): StatementOps {
  const part: StatementOps = { file, pos: st.pos, key, names: undefined, writes: [], deletes: [] };
  const { writes, deletes } = part;
  // No library that stores is imported by any file this one reaches (the key's last element).
  const byName = key[key.length - 1] === false;
  // Only calls of this statement, as walked in this run, can be known quiet.
  quietCalls.length = 0;
  const outer = reading;
  const reads: Reads = { names: undefined, opaque: false };
  reading = reads;
  try {
    for (const n of statementIndex(st).callsAndAssignments) {
      if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
        const name = ts.isCallExpression(n) ? calleeName(n) : undefined;
        if (name && ATTRIBUTE_WRITES.has(name)) {
          writes.push({ ...spanOfNode(file, n), kind: 'attributes', description: `\`${name}()\` (ask-sdk persistent attributes)`, node: n });
        } else if (name === 'deletePersistentAttributes') {
          deletes.push({ ...spanOfNode(file, n), kind: 'attributes', description: '`deletePersistentAttributes()`', node: n });
        } else if (!byName) {
          const quiet = storageShortcuts.enabled && (quietCalls.includes(n) || unboundChain(r, file, n.expression));
          const callee = quiet ? undefined : libRefOf(r, file, n.expression);
          if (callee) {
            const isNew = ts.isNewExpression(n);
            const rule = classifyLibCall(callee, isNew);
            if (rule?.t === 'sink' && rule.kind === 'persist') {
              writes.push({ ...spanOfNode(file, n), kind: 'db', description: `\`${short(n.expression)}\` (${rule.destination})`, node: n });
            } else {
              const del = deleteOf(callee, isNew, n);
              if (del) deletes.push({ ...spanOfNode(file, n), kind: 'db', description: `\`${short(n.expression)}\` (${del})`, node: n });
            }
          }
        }
      } else if (isThisAttributes(n.left)) {
        writes.push({ ...spanOfNode(file, n), kind: 'v1-attributes', description: '`this.attributes` (alexa-sdk v1, saved to DynamoDB)', node: n });
      }
    }
  } finally {
    reading = outer;
  }
  part.names = reads.names && uniquePairs(reads.names);
  if (!reads.opaque) statementOps.set(st, part);
  return part;
}

function compute(analysis: SkillAnalysis): StorageFacts {
  const r = resolverOf(analysis);
  const ch = codeHandlers(analysis);
  const writes: StoreOp[] = [];
  const deletes: StoreOp[] = [];
  const v1Stored = ch.v1.some((s) => s.dynamoDBTableName) || [...r.set.files.values()].some((ix) => ix.setsDynamoTable);

  for (const [file, ix] of r.set.files) {
    const ops = fileOps(r, file, ix.parsed.sourceFile);
    for (const w of ops.writes) if (w.kind !== 'v1-attributes' || v1Stored) writes.push(w);
    deletes.push(...ops.deletes);
  }
  for (const b of ch.builders) {
    const call = b.persistenceAdapter ?? b.tableName;
    if (call) writes.push({ ...call.span, kind: 'adapter', description: call.method === 'withTableName' ? '`withTableName()` (ask-sdk DynamoDB persistence)' : '`withPersistenceAdapter()` (ask-sdk persistent attributes)', node: call.node });
  }
  for (const s of ch.v1) {
    if (s.dynamoDBTableName && !writes.some((w) => w.kind === 'v1-attributes')) writes.push({ ...s.dynamoDBTableName.span, kind: 'v1-attributes', description: '`dynamoDBTableName` (alexa-sdk v1 saves `this.attributes` to DynamoDB)', node: s.handlerCall });
  }
  return { writes, deletes };
}

/** `this.attributes.x`, `this.attributes['x']`, `this.attributes` (alexa-sdk v1). */
function isThisAttributes(e: ts.Expression): boolean {
  let x = skipWrappers(e);
  for (let i = 0; i < 3; i++) {
    if (ts.isPropertyAccessExpression(x) && x.name.text === 'attributes' && x.expression.kind === ts.SyntaxKind.ThisKeyword) return true;
    if (ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x)) x = skipWrappers(x.expression);
    else return false;
  }
  return false;
}

/**
 * The delete operations a function reaches: in its body, or in the functions of the skill it
 * calls (followed through names and modules, a few calls deep).
 */
export function deletesReachedFrom(analysis: SkillAnalysis, file: string, fn: FunctionNode): StoreOp[] {
  const r = resolverOf(analysis);
  const { deletes } = storageFacts(analysis);
  const out: StoreOp[] = [];
  const seen = new Set<ts.Node>();
  const walk = (f: string, fnNode: ts.Node, depth: number): void => {
    if (seen.has(fnNode) || depth > 4) return;
    seen.add(fnNode);
    const start = fnNode.getStart();
    const end = fnNode.getEnd();
    for (const d of deletes) if (d.file === f && d.offset >= start && d.offset + d.length <= end && !out.includes(d)) out.push(d);
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n)) {
        const v = r.value(f, n.expression);
        if (v?.kind === 'node') {
          const target = ts.isPropertyAssignment(v.node) || ts.isPropertyDeclaration(v.node) ? v.node.initializer ?? v.node : v.node;
          if (isFunctionNode(target)) walk(v.file, target, depth + 1);
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(fnNode);
  };
  walk(file, fn, 0);
  return out;
}
