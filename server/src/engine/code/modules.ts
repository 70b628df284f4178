import * as path from 'path';
import * as ts from 'typescript';
import { ParsedCode, parseCode } from './parse';
import { statementParts } from './syntax-index';

/**
 * One walk over a parsed file that the data-flow pass builds on: the functions it holds, their
 * scopes and hoisted declarations, and the modules it imports. Cached per parsed tree, so an
 * unchanged file is indexed once however often the skill is re-checked, and per top-level
 * statement, so a re-parsed file walks only the statements the edit made anew.
 */

export type FunctionNode =
  | ts.FunctionDeclaration
  | ts.FunctionExpression
  | ts.ArrowFunction
  | ts.MethodDeclaration
  | ts.ConstructorDeclaration
  | ts.GetAccessorDeclaration
  | ts.SetAccessorDeclaration;

export type ScopeNode = FunctionNode | ts.SourceFile;

export interface ScopeInfo {
  node: ScopeNode;
  /** Function and class declarations, hoisted: their cells hold the function before the body runs. */
  hoisted: Array<ts.FunctionDeclaration | ts.ClassDeclaration>;
  /** The scope of the function around this one; undefined for the file's and for a function directly in it (whose parent is the file's). */
  parent: ScopeInfo | undefined;
}

export interface FileIndex {
  parsed: ParsedCode;
  file: string;
  /** The file's own scope (its hoisted declarations); a function's is `scopeOf` it. */
  root: ScopeInfo;
  /** Function-like nodes, inner before outer (a callback is summarised before the function that passes it). */
  functions: FunctionNode[];
  /**
   * The functions whose scope's parent is the file's, in the order of `functions`: the data flow's
   * entry points. Put together from each statement's part, so a keystroke's new tree does not
   * look up every function of the file again.
   */
  moduleLevel: FunctionNode[];
  /** Classes (declarations and expressions), in source order. */
  classes: ts.ClassLikeDeclaration[];
  /** Module specifiers this file imports or requires, in order. */
  specifiers: string[];
  /** alexa-sdk v1 `alexa.dynamoDBTableName = ...`: `this.attributes` are stored in DynamoDB. */
  setsDynamoTable: boolean;
  /** The quote the file mostly uses for strings, for inserted code. */
  quote: "'" | '"';
}

/**
 * Function kinds as a table: a `switch` on `ts.SyntaxKind.X` labels reads the enum object once per
 * label for every node tested, and the rule passes test every ancestor of thousands of nodes.
 */
const FUNCTION_KINDS = new Uint8Array(ts.SyntaxKind.Count);
for (const k of [ts.SyntaxKind.FunctionDeclaration, ts.SyntaxKind.FunctionExpression, ts.SyntaxKind.ArrowFunction, ts.SyntaxKind.MethodDeclaration, ts.SyntaxKind.Constructor, ts.SyntaxKind.GetAccessor, ts.SyntaxKind.SetAccessor]) FUNCTION_KINDS[k] = 1;

export function isFunctionNode(n: ts.Node): n is FunctionNode {
  return FUNCTION_KINDS[n.kind] === 1;
}

const indexCache = new WeakMap<ts.SourceFile, FileIndex>();

export function indexFile(file: string, text: string): FileIndex {
  const parsed = parseCode(file, text);
  const hit = indexCache.get(parsed.sourceFile);
  if (hit) return hit;
  const index = buildIndex(parsed);
  indexCache.set(parsed.sourceFile, index);
  return index;
}

/**
 * What one top-level statement adds to its file's index. It depends on the statement's subtree
 * only, so it is kept by the statement node: after an incremental re-parse (parse.ts) the reused
 * statements' parts are taken as they are and only the new statements are walked. The walk that
 * builds it is the syntax index's (syntax-index.ts buildStatement: one walk for both). Its
 * functions' scopes depend on their subtrees only too, and are looked up by node (`scopeOf`),
 * so a new tree's index needs no map of them.
 */
export interface ModulePart {
  scopes: ScopeInfo[];
  functions: FunctionNode[];
  /** The functions directly in the statement (their scope has no parent), in the order of `functions`: the statement's module-level functions. */
  moduleLevel: FunctionNode[];
  classes: ts.ClassLikeDeclaration[];
  specifiers: string[];
  hoisted: Array<ts.FunctionDeclaration | ts.ClassDeclaration>;
  setsDynamoTable: boolean;
  single: number;
  double: number;
}

/** Scopes by function, for a statement part with many of them (a class, an object of methods). */
const scopeMaps = new WeakMap<ModulePart, Map<ScopeNode, ScopeInfo>>();
const SCAN_SCOPES = 8;

/**
 * The scope of `node`, the file of `index` or a function in it: from the part of the top-level
 * statement holding it, which made it. Not from a map of the file's scopes: a keystroke's new
 * tree filed the 10,000-line file's 1,438 scopes in one for the data flow's few lookups; and not
 * from one map of every scope by node either, as a node the incremental parser reused inside a
 * new statement is in that statement's part as well as in its old one's.
 */
export function scopeOf(index: FileIndex, node: ScopeNode): ScopeInfo | undefined {
  if (node === index.parsed.sourceFile) return index.root;
  let top: ts.Node = node;
  while (top.parent && top.parent.kind !== ts.SyntaxKind.SourceFile) top = top.parent;
  if (top.parent !== index.parsed.sourceFile) return undefined;
  const part = statementParts(top as ts.Statement).module;
  const scopes = part.scopes;
  if (scopes.length <= SCAN_SCOPES) {
    for (const s of scopes) if (s.node === node) return s;
    return undefined;
  }
  let map = scopeMaps.get(part);
  if (!map) scopeMaps.set(part, (map = new Map(scopes.map((s) => [s.node, s]))));
  return map.get(node);
}

/** Every scope of the file, its own first, then the functions' in the order of their statements (for tests). */
export function scopesOf(index: FileIndex): ScopeInfo[] {
  const out = [index.root];
  for (const st of index.parsed.sourceFile.statements) out.push(...statementParts(st).module.scopes);
  return out;
}

function buildIndex(parsed: ParsedCode): FileIndex {
  const sf = parsed.sourceFile;
  const root: ScopeInfo = { node: sf, hoisted: [], parent: undefined };
  const functions: FunctionNode[] = [];
  const classes: ts.ClassLikeDeclaration[] = [];
  const specifiers: string[] = [];
  const moduleLevel: FunctionNode[] = [];
  let setsDynamoTable = false;
  let single = 0;
  let double = 0;
  for (const st of sf.statements) {
    // Kept in the statement's StatementFacts: built by the fresh parse's walk, or here for a
    // statement an incremental re-parse made anew, with its syntax index (which the passes read next).
    const part = statementParts(st).module;
    for (const f of part.functions) functions.push(f);
    for (const c of part.classes) classes.push(c);
    for (const x of part.specifiers) specifiers.push(x);
    for (const h of part.hoisted) root.hoisted.push(h);
    for (const f of part.moduleLevel) moduleLevel.push(f);
    setsDynamoTable ||= part.setsDynamoTable;
    single += part.single;
    double += part.double;
  }
  return { parsed, file: parsed.file, root, functions, moduleLevel, classes, specifiers, setsDynamoTable, quote: double > single ? '"' : "'" };
}

const EXTENSIONS = ['', '.js', '.ts', '.cjs', '.mjs', '.cts', '.mts', '.jsx', '.tsx', '/index.js', '/index.ts', '/index.cjs', '/index.mjs'];

/**
 * The file a relative specifier names, among the skill's code files only: nothing in
 * node_modules or outside the code folders is followed.
 */
export function resolveModule(fromFile: string, specifier: string, files: ReadonlySet<string>): string | undefined {
  if (!specifier.startsWith('./') && !specifier.startsWith('../') && specifier !== '.' && specifier !== '..') return undefined;
  // Every pass resolves the same few specifiers of a file again (the data flow at each evaluation
  // of a require); the sets of files are never changed once made, so answers are kept per set.
  let known = resolved.get(files);
  if (!known) resolved.set(files, (known = new Map()));
  const dir = path.dirname(fromFile);
  const key = `${dir}\0${specifier}`;
  let hit = known.get(key);
  if (hit === undefined) known.set(key, (hit = resolveIn(dir, specifier, files) ?? null));
  return hit ?? undefined;
}

const resolved = new WeakMap<ReadonlySet<string>, Map<string, string | null>>();

function resolveIn(dir: string, specifier: string, files: ReadonlySet<string>): string | undefined {
  const base = path.resolve(dir, specifier);
  for (const ext of EXTENSIONS) {
    const candidate = base + ext;
    if (files.has(candidate)) return candidate;
  }
  // TypeScript sources import './x.js' for './x.ts'.
  const m = /\.(c|m)?js$/.exec(base);
  if (m) {
    const ts1 = base.slice(0, -m[0].length) + (m[1] ? `.${m[1]}ts` : '.ts');
    if (files.has(ts1)) return ts1;
  }
  return undefined;
}

/** Files in dependency order (a module before the modules that import it); cycles are broken by file order. */
export function dependencyOrder(indexes: FileIndex[], files: ReadonlySet<string>): FileIndex[] {
  const byFile = new Map(indexes.map((i) => [i.file, i]));
  const out: FileIndex[] = [];
  const state = new Map<string, 1 | 2>();
  const visit = (ix: FileIndex): void => {
    if (state.has(ix.file)) return;
    state.set(ix.file, 1);
    for (const spec of ix.specifiers) {
      const target = resolveModule(ix.file, spec, files);
      const dep = target ? byFile.get(target) : undefined;
      if (dep) visit(dep);
    }
    state.set(ix.file, 2);
    out.push(ix);
  };
  for (const ix of indexes) visit(ix);
  return out;
}
