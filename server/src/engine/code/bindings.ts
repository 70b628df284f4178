// Not `import * as`: that compiles to one getter per `ts.` access, the largest cost of these tree walks in a profile.
import ts from 'typescript';
import { SkillAnalysis } from '../analysis';
import { FileIndex, indexFile, resolveModule } from './modules';
import { previousStatementsOf, sharedEnds, syntaxIndex } from './syntax-index';
import { factsOf } from './statement-facts';

/**
 * What an expression of handler code stands for, read from the source only: a name is followed to
 * its declaration (`const X = {...}`, a function or class, a destructured `require`), a property to
 * the object literal or module export that defines it, `require('./x')` and `import` to the module
 * of the skill's code dir they name. Nothing runs; anything computed at run time stays unresolved.
 * Handler discovery, library calls and speech texts share this one resolver.
 */

/** The parsed code files of one skill. */
export interface CodeSet {
  /** By absolute path. */
  files: Map<string, FileIndex>;
  /** The same paths, for module resolution. */
  paths: ReadonlySet<string>;
}

export function codeSet(analysis: SkillAnalysis): CodeSet {
  return analysis.memo('code-set', () => {
    const files = new Map<string, FileIndex>();
    for (const c of analysis.skill.code) files.set(c.file, indexFile(c.file, c.text));
    return { files, paths: new Set(files.keys()) };
  });
}

/** A resolved value: a node of some file, or a module (a local file of the skill or a package) and a property path into it. */
export type Value =
  | { kind: 'node'; file: string; node: ts.Node }
  | { kind: 'module'; spec: string; file: string | undefined; path: readonly string[] };

const MAX_DEPTH = 24;

/**
 * The kinds `skipWrappers` looks through, as a table: the six `ts.isX` calls it made per node were
 * six hash lookups in the TypeScript module object (a dictionary of 2,249 names) for every call,
 * string and property the rule passes look at (~70 ms of the 100-skill workspace's CPU).
 */
const WRAPPER = new Uint8Array(ts.SyntaxKind.Count);
for (const k of [ts.SyntaxKind.ParenthesizedExpression, ts.SyntaxKind.AsExpression, ts.SyntaxKind.NonNullExpression, ts.SyntaxKind.SatisfiesExpression, ts.SyntaxKind.TypeAssertionExpression, ts.SyntaxKind.AwaitExpression]) WRAPPER[k] = 1;

/** Parentheses, `as`, `!`, `satisfies`, `<T>x` and `await` do not change what a value is. */
export function skipWrappers(e: ts.Expression): ts.Expression {
  let x = e;
  while (WRAPPER[x.kind] === 1) x = (x as ts.ParenthesizedExpression).expression;
  return x;
}

/**
 * An identifier's name, as its `text` getter gives it (TypeScript's `idText`: an escaped name
 * starts with three underscores and stands for the name without the first), without the getter:
 * called through a prototype accessor from sites that see several node shapes it is not inlined,
 * and the rule passes read the member name of every call (~80 ms over the 100-skill workspace).
 */
export function nameOf(id: ts.Identifier | ts.PrivateIdentifier): string {
  const e = id.escapedText as string;
  return e.charCodeAt(0) === 95 && e.charCodeAt(1) === 95 && e.charCodeAt(2) === 95 ? e.slice(1) : e;
}

/** The name of a property name node when it is static (`a`, `'a'`, `[‘a’]`). */
export function propertyNameText(name: ts.PropertyName | ts.BindingName | undefined): string | undefined {
  if (!name) return undefined;
  // By kind: the handler scan asks this for every property of every object literal.
  switch (name.kind) {
    case IDENTIFIER:
    case PRIVATE_IDENTIFIER:
      return nameOf(name as ts.Identifier);
    case STRING:
    case NUMERIC:
    case NO_SUBSTITUTION_TEMPLATE:
      return (name as ts.StringLiteral).text;
    case COMPUTED_PROPERTY_NAME: {
      const e = skipWrappers((name as ts.ComputedPropertyName).expression);
      if (e.kind === STRING || e.kind === NO_SUBSTITUTION_TEMPLATE) return (e as ts.StringLiteral).text;
      return undefined;
    }
    default:
      return undefined;
  }
}

const IDENTIFIER = ts.SyntaxKind.Identifier;
const PRIVATE_IDENTIFIER = ts.SyntaxKind.PrivateIdentifier;
const STRING = ts.SyntaxKind.StringLiteral;
const NUMERIC = ts.SyntaxKind.NumericLiteral;
const NO_SUBSTITUTION_TEMPLATE = ts.SyntaxKind.NoSubstitutionTemplateLiteral;
const COMPUTED_PROPERTY_NAME = ts.SyntaxKind.ComputedPropertyName;

/** `require('x')` → `x`. */
export function requireSpecifier(e: ts.Expression): string | undefined {
  const x = skipWrappers(e);
  if (ts.isCallExpression(x) && ts.isIdentifier(x.expression) && x.expression.text === 'require' && x.arguments.length >= 1) {
    const a = x.arguments[0];
    if (ts.isStringLiteral(a) || ts.isNoSubstitutionTemplateLiteral(a)) return a.text;
  }
  return undefined;
}

/**
 * Declarations found, by the identifier looked up: the same names are resolved by several passes.
 * Kept per tree: an incremental re-parse (code/parse.ts) moves an unchanged statement into the new
 * tree as the same object, under new ancestors that may declare the name differently.
 */
const declarations = new WeakMap<ts.SourceFile, WeakMap<ts.Node, ts.Node | null>>();

/** The tree a node is in (undefined for a node outside any tree). */
export function sourceFileOf(node: ts.Node): ts.SourceFile | undefined {
  let n: ts.Node | undefined = node;
  while (n && n.kind !== ts.SyntaxKind.SourceFile) n = n.parent;
  return n as ts.SourceFile | undefined;
}

/** Where `name`, used at `at`, is declared: the nearest enclosing scope that declares it. */
export function findDeclaration(name: string, at: ts.Node): ts.Node | undefined {
  let cache: WeakMap<ts.Node, ts.Node | null> | undefined;
  if (ts.isIdentifier(at) && at.text === name) {
    const sf = sourceFileOf(at);
    if (sf) {
      cache = declarations.get(sf);
      if (!cache) declarations.set(sf, (cache = new WeakMap()));
      const hit = cache.get(at);
      if (hit !== undefined) return hit ?? undefined;
    }
  }
  let n: ts.Node | undefined = at.parent;
  let prev: ts.Node = at;
  let found: ts.Node | undefined;
  while (n) {
    found = declarationIn(n, name, prev);
    if (found) break;
    prev = n;
    n = n.parent;
  }
  if (cache) cache.set(at, found ?? null);
  return found;
}

/**
 * `findDeclaration` for a name used in `sf`, answered from the file's syntax index where it can be:
 * a name no declaration binds is undeclared, and a name one top-level declaration binds (and no
 * parameter) is that declaration wherever it is used. Otherwise the scopes are searched.
 */
export function declarationInFile(sf: ts.SourceFile, name: string, at: ts.Node): ts.Node | undefined {
  const ix = syntaxIndex(sf);
  if (!ix.parameterNames.has(name)) {
    if (!ix.declaredNames.has(name)) return undefined;
    if (!ix.declaredTwice.has(name)) {
      const top = namesOfStatements(sf, sf.statements).get(name);
      if (top) return top;
    }
  }
  return findDeclaration(name, at);
}

/** The module-level declaration of each name of a file (the first one wins, as `findDeclaration` finds it); looked up by name, its order is not the file's. */
export function topLevelNames(sf: ts.SourceFile): ReadonlyMap<string, ts.Node> {
  return namesOfStatements(sf, sf.statements);
}

/**
 * Names declared by the statements of a block or file, computed once per node (a skill has many
 * lookups per file). Safe across incremental re-parses although keyed by inner nodes: the map
 * depends only on the scope node's own statements, and a node the incremental parser reuses keeps
 * its whole subtree (the same objects, only their offsets move), so the declarations it names are
 * still the scope's; it holds nodes, no offsets.
 */
const statementNames = new WeakMap<ts.Node, Map<string, ts.Node>>();

function namesOfStatements(scope: ts.Node, statements: readonly ts.Statement[]): Map<string, ts.Node> {
  if (scope.kind === ts.SyntaxKind.SourceFile) return fileNamesOf(scope as ts.SourceFile);
  const hit = statementNames.get(scope);
  if (hit) return hit;
  const names = new Map<string, ts.Node>();
  // The first declaration wins, as `findDeclaration` used to scan in order.
  const put = (name: string, node: ts.Node): void => {
    if (!names.has(name)) names.set(name, node);
  };
  for (const s of statements) declarationsOf(s, put);
  statementNames.set(scope, names);
  return names;
}

/**
 * A file's top-level names by its tree's statements: the key the next tree's `previousStatementsOf`
 * gives, so that a keystroke's tree starts from the map of the tree it was updated from.
 */
const fileNames = new WeakMap<readonly ts.Statement[], Map<string, ts.Node>>();

/** Past this many statements made anew (and gone) in one edit, a file's names are put together from every statement. */
const MAX_CHANGED_STATEMENTS = 64;

/** Top-level name maps carried over from the previous tree or put together from every statement, over the process (tests). */
export const topNameStats = { carried: 0, composed: 0 };

function fileNamesOf(sf: ts.SourceFile): Map<string, ts.Node> {
  const statements = sf.statements;
  const hit = fileNames.get(statements);
  if (hit) return hit;
  let names = carriedNames(statements, previousStatementsOf(sf));
  if (names) topNameStats.carried++;
  else {
    names = new Map();
    for (const s of statements) {
      const d = topDeclarations(s);
      for (let i = 0; i < d.names.length; i++) if (!names.has(d.names[i])) names.set(d.names[i], d.nodes[i]);
    }
    topNameStats.composed++;
  }
  fileNames.set(statements, names);
  return names;
}

/**
 * The map of the tree `before` was, brought to `statements`, or undefined without one (or past
 * MAX_CHANGED_STATEMENTS). The statements both trees share at the start (`head`) and at the end
 * (`tail`) are the same nodes with the same declarations, so only the names the run between them
 * declared before or declares now can have another first declaration: one before the run stays
 * first (its place did not move); otherwise the first in the new run, else the old one if it lies
 * after the run, else the next one after the run (the first one was in the run and went). The old
 * map is copied, not changed: the previous tree's answers stay its own. A keystroke's new tree put
 * the 10,000-line file's ~700 names together from 686 statements' declarations (~0.3 ms).
 */
function carriedNames(statements: readonly ts.Statement[], before: readonly ts.Statement[] | undefined): Map<string, ts.Node> | undefined {
  const old = before && fileNames.get(before);
  if (!before || !old) return undefined;
  const n = statements.length;
  const m = before.length;
  const { head, tail } = sharedEnds(statements, before);
  if (n - head - tail + (m - head - tail) > MAX_CHANGED_STATEMENTS) return undefined;
  const gone = new Set<ts.Node>();
  const affected = new Set<string>();
  for (let i = head; i < m - tail; i++) {
    const d = topDeclarations(before[i]);
    for (let j = 0; j < d.names.length; j++) {
      affected.add(d.names[j]);
      gone.add(d.nodes[j]);
    }
  }
  for (let i = head; i < n - tail; i++) for (const name of topDeclarations(statements[i]).names) affected.add(name);
  const names = new Map<string, ts.Node>();
  for (const [k, v] of old) names.set(k, v);
  // Where the head ends: a declaration that ends there or before is in a statement before the run.
  const boundary = head > 0 ? statements[head - 1].end : 0;
  for (const name of affected) {
    const was = old.get(name);
    const kept = was !== undefined && !gone.has(was) ? was : undefined;
    if (kept && kept.end <= boundary) continue;
    const first = firstDeclaration(statements, head, n - tail, name) ?? kept ?? firstDeclaration(statements, n - tail, n, name);
    if (first) names.set(name, first);
    else names.delete(name);
  }
  return names;
}

/** The first declaration of `name` by the statements `[from, to)`. */
function firstDeclaration(statements: readonly ts.Statement[], from: number, to: number, name: string): ts.Node | undefined {
  for (let i = from; i < to; i++) {
    const d = topDeclarations(statements[i]);
    const at = d.names.indexOf(name);
    if (at >= 0) return d.nodes[at];
  }
  return undefined;
}

/** What a statement declares in its scope: each name with its declaring node at the same place, in order. */
export interface Declarations {
  readonly names: readonly string[];
  readonly nodes: readonly ts.Node[];
}

/**
 * What a top-level statement declares: `declarationsOf` once per statement node, in its
 * StatementFacts. It depends on the statement's subtree only, and a statement the incremental
 * parser reuses keeps its nodes.
 */
export function topDeclarations(s: ts.Statement): Declarations {
  const f = factsOf(s);
  if (!f.declarations) {
    const names: string[] = [];
    const nodes: ts.Node[] = [];
    declarationsOf(s, (name, node) => {
      names.push(name);
      nodes.push(node);
    });
    f.declarations = { names, nodes };
  }
  return f.declarations;
}

/** Each name a statement declares in its scope (variables, functions, classes, enums, imports), with its declaring node, in order. */
export function declarationsOf(s: ts.Statement, put: (name: string, node: ts.Node) => void): void {
  const bind = (b: ts.BindingName, d: ts.Node): void => {
    if (ts.isIdentifier(b)) put(b.text, d);
    else for (const el of b.elements) if (ts.isBindingElement(el)) bind(el.name, d);
  };
  if (ts.isVariableStatement(s)) {
    for (const d of s.declarationList.declarations) bind(d.name, d);
  } else if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isEnumDeclaration(s)) && s.name) {
    put(s.name.text, s);
  } else if (ts.isImportDeclaration(s)) {
    const c = s.importClause;
    if (!c) return;
    if (c.name) put(c.name.text, c);
    const nb = c.namedBindings;
    if (nb && ts.isNamespaceImport(nb)) put(nb.name.text, nb);
    if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) put(el.name.text, el);
  } else if (ts.isImportEqualsDeclaration(s)) {
    put(s.name.text, s);
  }
}

/**
 * What kind of scope a node is, by kind, as a table: `findDeclaration` asks this of every
 * ancestor of every name it looks up, and a `switch` on `ts.SyntaxKind.X` labels reads the enum
 * (through a getter) once per label each time.
 */
const enum ScopeKind {
  None,
  Statements,
  Catch,
  For,
  ClassExpression,
  Function,
}

const SCOPE_KINDS = ((): Uint8Array => {
  const K = ts.SyntaxKind;
  const table = new Uint8Array(K.Count);
  // The kinds `ts.isFunctionLike` accepts (it reads only the kind).
  for (let k = 0; k < K.Count; k++) if (ts.isFunctionLike({ kind: k } as ts.Node)) table[k] = ScopeKind.Function;
  for (const k of [K.SourceFile, K.Block, K.ModuleBlock, K.CaseClause, K.DefaultClause]) table[k] = ScopeKind.Statements;
  table[K.CatchClause] = ScopeKind.Catch;
  for (const k of [K.ForStatement, K.ForOfStatement, K.ForInStatement]) table[k] = ScopeKind.For;
  table[K.ClassExpression] = ScopeKind.ClassExpression;
  return table;
})();

function declarationIn(scope: ts.Node, name: string, from: ts.Node): ts.Node | undefined {
  switch (SCOPE_KINDS[scope.kind]) {
    case ScopeKind.None:
      return undefined;
    case ScopeKind.Statements:
      return namesOfStatements(scope, (scope as ts.Block).statements).get(name);
    case ScopeKind.Catch: {
      const d = (scope as ts.CatchClause).variableDeclaration;
      return d && bindsName(d.name, name) ? d : undefined;
    }
    case ScopeKind.For: {
      const init = (scope as ts.ForStatement).initializer;
      if (init && ts.isVariableDeclarationList(init)) for (const d of init.declarations) if (bindsName(d.name, name)) return d;
      return undefined;
    }
    case ScopeKind.ClassExpression:
      // A class expression's own name is visible inside it.
      return (scope as ts.ClassExpression).name?.text === name ? scope : undefined;
    default:
      break;
  }
  if (from !== (scope as ts.SignatureDeclaration).name) {
    for (const p of (scope as ts.SignatureDeclaration).parameters) if (bindsName(p.name, name)) return p;
    if (ts.isFunctionExpression(scope) && scope.name?.text === name) return scope;
  }
  return undefined;
}

function bindsName(b: ts.BindingName, name: string): boolean {
  if (ts.isIdentifier(b)) return b.text === name;
  for (const el of b.elements) if (ts.isBindingElement(el) && bindsName(el.name, name)) return true;
  return false;
}

/**
 * What a resolution read, for a result kept across checks (code/handlers.ts keeps the resolution
 * of each handler registration): the top-level statements it entered (any node it followed is in
 * one), the names it looked up per file (a name's declaration, and whether the file declares or
 * binds it as a parameter anywhere), and the files whose `export` forms and `module.exports` it
 * scanned. A statement the incremental parser reused is the same text, so the result stands while
 * none of these statements was removed, no added or removed statement mentions a looked-up name
 * in that file or has an export form there, and the skill's files are the same paths.
 */
export interface Reads {
  statements: Set<ts.Node>;
  /** `file\0name` per lookup. */
  names: Set<string>;
  exportsOf: Set<string>;
}

/** The top-level statement a node is in (the node itself for a statement; undefined outside a tree or for the file). */
export function topLevelStatement(n: ts.Node): ts.Statement | undefined {
  let cur = n;
  while (cur.parent && cur.parent.kind !== ts.SyntaxKind.SourceFile) cur = cur.parent;
  // A child of the source file is one of its statements.
  return cur.parent ? (cur as ts.Statement) : undefined;
}

export class Resolver {
  /**
   * When set, every resolution records what it reads here and the per-run memo is neither read
   * nor written (a memo hit would hide what the memoised part read).
   */
  reads: Reads | undefined;

  constructor(readonly set: CodeSet) {}

  private enter(n: ts.Node): void {
    const st = topLevelStatement(n);
    if (st) this.reads!.statements.add(st);
  }

  /** Per lint run (a Resolver lives in one SkillAnalysis), during which no tree changes. */
  private readonly values = new WeakMap<ts.Node, Value | null>();

  /** What `expr` (in `file`) stands for; the expression itself when it is not a reference. */
  value(file: string, expr: ts.Expression, depth = 0): Value | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const e = skipWrappers(expr);
    if (this.reads) {
      this.enter(e);
      return this.valueUncached(file, e, depth);
    }
    const hit = this.values.get(e);
    if (hit !== undefined) return hit ?? undefined;
    const v = this.valueUncached(file, e, depth);
    // A result cut short by depth is not kept: from a shallower start it may resolve.
    if (v !== undefined || depth === 0) this.values.set(e, v ?? null);
    return v;
  }

  /** Whether a declaration other than a parameter in `file` binds `name`; true when the file is not known. */
  declares(file: string, name: string): boolean {
    const sf = this.set.files.get(file)?.parsed.sourceFile;
    return !sf || syntaxIndex(sf).declaredNames.has(name);
  }

  private valueUncached(file: string, e: ts.Expression, depth: number): Value | undefined {
    if (ts.isIdentifier(e)) {
      this.reads?.names.add(`${file}\0${e.text}`);
      // Undeclared or a parameter: nothing to follow, and no scope search needed to know it.
      if (!this.declares(file, e.text)) return undefined;
      const sf = this.set.files.get(file)?.parsed.sourceFile;
      const decl = sf ? declarationInFile(sf, e.text, e) : findDeclaration(e.text, e);
      if (!decl) return undefined;
      return this.declarationValue(file, decl, e.text, depth + 1);
    }
    if (ts.isPropertyAccessExpression(e)) {
      const obj = this.value(file, e.expression, depth + 1);
      return obj ? this.member(obj, e.name.text, depth + 1) : undefined;
    }
    if (ts.isElementAccessExpression(e)) {
      const k = skipWrappers(e.argumentExpression);
      if (!(ts.isStringLiteral(k) || ts.isNoSubstitutionTemplateLiteral(k))) return undefined;
      const obj = this.value(file, e.expression, depth + 1);
      return obj ? this.member(obj, k.text, depth + 1) : undefined;
    }
    const spec = requireSpecifier(e);
    if (spec !== undefined) return this.moduleValue(file, spec, depth + 1);
    return { kind: 'node', file, node: e };
  }

  /** The value a declaration gives `name`. */
  declarationValue(file: string, decl: ts.Node, name: string, depth: number): Value | undefined {
    if (depth > MAX_DEPTH) return undefined;
    if (this.reads) this.enter(decl);
    if (ts.isVariableDeclaration(decl)) {
      if (!decl.initializer) return undefined;
      if (ts.isIdentifier(decl.name)) return this.value(file, decl.initializer, depth + 1);
      const path = bindingPath(decl.name, name);
      if (!path) return undefined;
      let v = this.value(file, decl.initializer, depth + 1);
      for (const p of path) v = v ? this.member(v, p, depth + 1) : undefined;
      return v;
    }
    if (ts.isFunctionDeclaration(decl) || ts.isClassDeclaration(decl) || ts.isFunctionExpression(decl) || ts.isClassExpression(decl)) return { kind: 'node', file, node: decl };
    if (ts.isImportClause(decl)) return this.importValue(file, decl.parent as ts.Node, 'default', depth);
    if (ts.isNamespaceImport(decl)) return this.importValue(file, decl.parent.parent as ts.Node, undefined, depth);
    if (ts.isImportSpecifier(decl)) return this.importValue(file, decl.parent.parent.parent as ts.Node, (decl.propertyName ?? decl.name).text, depth);
    if (ts.isImportEqualsDeclaration(decl)) {
      const ref = decl.moduleReference;
      if (ts.isExternalModuleReference(ref) && ts.isStringLiteral(ref.expression)) return this.moduleValue(file, ref.expression.text, depth + 1);
      return undefined;
    }
    return undefined;
  }

  private importValue(file: string, imp: ts.Node, name: string | undefined, depth: number): Value | undefined {
    if (!ts.isImportDeclaration(imp) || !ts.isStringLiteral(imp.moduleSpecifier)) return undefined;
    const spec = imp.moduleSpecifier.text;
    const target = resolveModule(file, spec, this.set.paths);
    if (!target) return { kind: 'module', spec, file: undefined, path: name && name !== 'default' ? [name] : [] };
    if (name === undefined) return { kind: 'module', spec, file: target, path: [] };
    if (name === 'default') return this.exportDefault(target, depth + 1);
    return this.exportOf(target, name, depth + 1);
  }

  /** What `require(spec)` from `file` gives: the module's `module.exports`. */
  moduleValue(file: string, spec: string, depth = 0): Value | undefined {
    const target = resolveModule(file, spec, this.set.paths);
    if (!target) return { kind: 'module', spec, file: undefined, path: [] };
    const whole = this.assignedModuleExports(target);
    if (whole) return this.value(target, whole, depth + 1) ?? { kind: 'module', spec, file: target, path: [] };
    return { kind: 'module', spec, file: target, path: [] };
  }

  /** Property `name` of a value. */
  member(v: Value, name: string, depth = 0): Value | undefined {
    if (depth > MAX_DEPTH) return undefined;
    if (v.kind === 'module') {
      if (v.file && v.path.length === 0) return this.exportOf(v.file, name, depth + 1);
      return { ...v, path: [...v.path, name] };
    }
    const node = v.node;
    if (this.reads) this.enter(node);
    // A method of an instance of a class of the skill: `new UserStore().forget`.
    if (ts.isNewExpression(node)) {
      const cls = this.value(v.file, node.expression, depth + 1);
      if (cls?.kind === 'node' && ts.isClassLike(cls.node)) {
        for (const m of cls.node.members) {
          if (propertyNameText(m.name) !== name || (ts.canHaveModifiers(m) && (ts.getModifiers(m) ?? []).some((x) => x.kind === ts.SyntaxKind.StaticKeyword))) continue;
          if (ts.isPropertyDeclaration(m)) return m.initializer ? this.value(cls.file, m.initializer, depth + 1) : undefined;
          return { kind: 'node', file: cls.file, node: m };
        }
      }
      return undefined;
    }
    if (ts.isObjectLiteralExpression(node)) {
      // The last definition wins, as at run time.
      for (let i = node.properties.length - 1; i >= 0; i--) {
        const p = node.properties[i];
        if (ts.isSpreadAssignment(p)) {
          const inner = this.value(v.file, p.expression, depth + 1);
          const hit = inner ? this.member(inner, name, depth + 1) : undefined;
          if (hit) return hit;
          continue;
        }
        if (propertyNameText(p.name) !== name) continue;
        if (ts.isPropertyAssignment(p)) return this.value(v.file, p.initializer, depth + 1);
        if (ts.isShorthandPropertyAssignment(p)) return this.value(v.file, p.name, depth + 1);
        return { kind: 'node', file: v.file, node: p };
      }
    }
    return undefined;
  }

  private exportsCache = new Map<string, ts.Expression | null>();

  /** The `module.exports = E` of a file (its last one), if any. */
  assignedModuleExports(file: string): ts.Expression | undefined {
    this.reads?.exportsOf.add(file);
    const hit = this.exportsCache.get(file);
    if (hit !== undefined) return hit ?? undefined;
    const sf = this.set.files.get(file)?.parsed.sourceFile;
    let out: ts.Expression | undefined;
    for (const s of sf?.statements ?? []) {
      if (!ts.isExpressionStatement(s)) continue;
      const a = assignment(s.expression);
      if (a && isModuleExports(a.left)) out = a.right;
    }
    this.exportsCache.set(file, out ?? null);
    return out;
  }

  /** Export `name` of a local module: ES exports, `exports.name =`, `module.exports.name =`, or a property of `module.exports = {...}`. */
  exportOf(file: string, name: string, depth = 0): Value | undefined {
    if (depth > MAX_DEPTH) return undefined;
    if (name === 'default') return this.exportDefault(file, depth + 1);
    this.reads?.exportsOf.add(file);
    const sf = this.set.files.get(file)?.parsed.sourceFile;
    if (!sf) return undefined;
    let found: Value | undefined;
    for (const s of sf.statements) {
      if (ts.isVariableStatement(s) && hasExport(s)) {
        for (const d of s.declarationList.declarations) if (bindsName(d.name, name)) found = this.declarationValue(file, d, name, depth + 1);
      } else if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && hasExport(s) && s.name?.text === name) {
        found = { kind: 'node', file, node: s };
      } else if (ts.isExportDeclaration(s) && !s.isTypeOnly) {
        const spec = s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier) ? s.moduleSpecifier.text : undefined;
        const clause = s.exportClause;
        if (clause && ts.isNamedExports(clause)) {
          for (const el of clause.elements) {
            if (el.name.text !== name) continue;
            const local = (el.propertyName ?? el.name).text;
            if (spec !== undefined) {
              const target = resolveModule(file, spec, this.set.paths);
              found = target ? this.exportOf(target, local, depth + 1) : { kind: 'module', spec, file: undefined, path: [local] };
            } else {
              this.reads?.names.add(`${file}\0${local}`);
              const decl = declarationIn(sf, local, el);
              found = decl ? this.declarationValue(file, decl, local, depth + 1) : undefined;
            }
          }
        } else if (!clause && spec !== undefined && !found) {
          const target = resolveModule(file, spec, this.set.paths);
          if (target && target !== file) found = this.exportOf(target, name, depth + 1);
        }
      } else if (ts.isExpressionStatement(s)) {
        const a = assignment(s.expression);
        if (!a) continue;
        const left = skipWrappers(a.left);
        if ((ts.isPropertyAccessExpression(left) || ts.isElementAccessExpression(left)) && memberName(left) === name && (isExportsObject(left.expression) || isModuleExports(left.expression))) {
          found = this.value(file, a.right, depth + 1);
        }
      }
    }
    if (found) return found;
    const whole = this.assignedModuleExports(file);
    if (whole) {
      const v = this.value(file, whole, depth + 1);
      return v ? this.member(v, name, depth + 1) : undefined;
    }
    return undefined;
  }

  exportDefault(file: string, depth = 0): Value | undefined {
    this.reads?.exportsOf.add(file);
    const sf = this.set.files.get(file)?.parsed.sourceFile;
    if (!sf) return undefined;
    for (const s of sf.statements) {
      if (ts.isExportAssignment(s)) return this.value(file, s.expression, depth + 1);
      if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && hasExport(s) && s.modifiers?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) return { kind: 'node', file, node: s };
    }
    const whole = this.assignedModuleExports(file);
    if (whole) return this.value(file, whole, depth + 1);
    // `import X from './x'` of a module with named exports only: X is the module object.
    return { kind: 'module', spec: file, file, path: [] };
  }
}

function hasExport(s: ts.Node): boolean {
  return ts.canHaveModifiers(s) && (ts.getModifiers(s) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** The property path from a destructuring pattern to `name`: `{ a: { b } }` → `['a', 'b']`. */
function bindingPath(b: ts.BindingName, name: string): string[] | undefined {
  if (ts.isIdentifier(b)) return b.text === name ? [] : undefined;
  if (ts.isArrayBindingPattern(b)) return undefined;
  for (const el of b.elements) {
    if (el.dotDotDotToken) continue;
    const key = propertyNameText(el.propertyName ?? (ts.isIdentifier(el.name) ? el.name : undefined));
    if (key === undefined) continue;
    const rest = bindingPath(el.name, name);
    if (rest) return [key, ...rest];
  }
  return undefined;
}

export function assignment(e: ts.Expression): { left: ts.Expression; right: ts.Expression } | undefined {
  const x = skipWrappers(e);
  if (ts.isBinaryExpression(x) && x.operatorToken.kind === ts.SyntaxKind.EqualsToken) return { left: x.left, right: x.right };
  return undefined;
}

function memberName(e: ts.PropertyAccessExpression | ts.ElementAccessExpression): string | undefined {
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  const k = skipWrappers(e.argumentExpression);
  return ts.isStringLiteral(k) || ts.isNoSubstitutionTemplateLiteral(k) ? k.text : undefined;
}

export function isModuleExports(e: ts.Expression): boolean {
  const x = skipWrappers(e);
  return ts.isPropertyAccessExpression(x) && x.name.text === 'exports' && ts.isIdentifier(x.expression) && x.expression.text === 'module';
}

function isExportsObject(e: ts.Expression): boolean {
  const x = skipWrappers(e);
  return ts.isIdentifier(x) && x.text === 'exports';
}

/** The resolver of a skill's code, shared by the rules of one run. */
export function resolverOf(analysis: SkillAnalysis): Resolver {
  return analysis.memo('code-resolver', () => new Resolver(codeSet(analysis)));
}
