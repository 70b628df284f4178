import * as path from 'path';
import * as ts from 'typescript';
import { tsSubset } from './tsfast';
import { ParsedCode, parseCode } from './parse';
import { factsOf } from './statement-facts';
import { statementIndexWith } from './syntax-index';

/** The part of the TypeScript API the index walk calls, as a fast object (tsfast.ts). */
const T = tsSubset('SyntaxKind', 'forEachChild', 'isBinaryExpression', 'isBindingElement', 'isExternalModuleReference', 'isFunctionDeclaration', 'isFunctionExpression', 'isIdentifier', 'isNamespaceImport', 'isStringLiteral', 'isStringLiteralLike');

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
  parent: ScopeInfo | undefined;
}

export interface FileIndex {
  parsed: ParsedCode;
  file: string;
  scopes: Map<ScopeNode, ScopeInfo>;
  /** Function-like nodes, inner before outer (a callback is summarised before the function that passes it). */
  functions: FunctionNode[];
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
 * Function kinds as a table: a `switch` on `T.SyntaxKind.X` labels reads the enum object once per
 * label for every node tested, and the rule passes test every ancestor of thousands of nodes.
 */
const FUNCTION_KINDS = new Uint8Array(T.SyntaxKind.Count);
for (const k of [T.SyntaxKind.FunctionDeclaration, T.SyntaxKind.FunctionExpression, T.SyntaxKind.ArrowFunction, T.SyntaxKind.MethodDeclaration, T.SyntaxKind.Constructor, T.SyntaxKind.GetAccessor, T.SyntaxKind.SetAccessor]) FUNCTION_KINDS[k] = 1;

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

const MAX_INDEX_DEPTH = 1000;

/**
 * What one top-level statement adds to its file's index. It depends on the statement's subtree
 * only, so it is kept by the statement node: after an incremental re-parse (parse.ts) the reused
 * statements' parts are taken as they are and only the new statements are walked. The scopes of
 * the functions directly in the statement get the new file scope as their parent at each use.
 */
export interface ModulePart {
  outer: ScopeInfo[];
  scopes: ScopeInfo[];
  functions: FunctionNode[];
  classes: ts.ClassLikeDeclaration[];
  specifiers: string[];
  hoisted: Array<ts.FunctionDeclaration | ts.ClassDeclaration>;
  setsDynamoTable: boolean;
  single: number;
  double: number;
}

function buildIndex(parsed: ParsedCode): FileIndex {
  const sf = parsed.sourceFile;
  const root: ScopeInfo = { node: sf, hoisted: [], parent: undefined };
  const scopes = new Map<ScopeNode, ScopeInfo>([[sf, root]]);
  const functions: FunctionNode[] = [];
  const classes: ts.ClassLikeDeclaration[] = [];
  const specifiers: string[] = [];
  let setsDynamoTable = false;
  let single = 0;
  let double = 0;
  for (const st of sf.statements) {
    // Kept in the statement's StatementFacts.
    const facts = factsOf(st);
    let part = facts.module;
    if (!part) {
      // A fresh parse built every statement's part (syntax-index.ts linkAndIndex); a statement an
      // incremental re-parse made anew is walked here, once for this index and the syntax index
      // (which the rule passes read next), or once for this one alone when the syntax index has it.
      const walker = new ModulePartWalker(st, parsed.text);
      part = statementIndexWith(st, walker) ? walker.finish() : indexStatement(st, parsed.text);
      facts.module = part;
    }
    for (const s of part.outer) s.parent = root;
    for (const s of part.scopes) scopes.set(s.node, s);
    for (const f of part.functions) functions.push(f);
    for (const c of part.classes) classes.push(c);
    for (const x of part.specifiers) specifiers.push(x);
    for (const h of part.hoisted) root.hoisted.push(h);
    setsDynamoTable ||= part.setsDynamoTable;
    single += part.single;
    double += part.double;
  }
  return { parsed, file: parsed.file, scopes, functions, classes, specifiers, setsDynamoTable, quote: double > single ? '"' : "'" };
}

function indexStatement(statement: ts.Statement, text: string): ModulePart {
  const walker = new ModulePartWalker(statement, text);
  // Recursion depth: generated code nests expressions thousands deep (`a0 + a1 + ... + a2999`);
  // the walker indexes nothing below MAX_INDEX_DEPTH, and this walk does not go there either.
  const visit = (n: ts.Node): void => {
    walker.enter(n);
    if (!walker.pruned) T.forEachChild(n, visit);
    walker.leave(n);
  };
  visit(statement);
  return walker.finish();
}

/**
 * What `ModulePartWalker.enter` does per node kind, as small integers (as syntax-index.ts's table):
 * a `switch` on `T.SyntaxKind.X` labels is a hash lookup in the enum object per label tried, for
 * each of the 2.2 million nodes of the 100-skill workspace, where this is one array read.
 */
const enum ModuleAct {
  None,
  String,
  ClassDeclaration,
  ClassExpression,
  Import,
  ImportEquals,
  Export,
  Call,
  Member,
  Property,
}

const MODULE_ACT = new Uint8Array(T.SyntaxKind.Count);
MODULE_ACT[T.SyntaxKind.StringLiteral] = ModuleAct.String;
MODULE_ACT[T.SyntaxKind.ClassDeclaration] = ModuleAct.ClassDeclaration;
MODULE_ACT[T.SyntaxKind.ClassExpression] = ModuleAct.ClassExpression;
MODULE_ACT[T.SyntaxKind.ImportDeclaration] = ModuleAct.Import;
MODULE_ACT[T.SyntaxKind.ImportEqualsDeclaration] = ModuleAct.ImportEquals;
MODULE_ACT[T.SyntaxKind.ExportDeclaration] = ModuleAct.Export;
MODULE_ACT[T.SyntaxKind.CallExpression] = ModuleAct.Call;
MODULE_ACT[T.SyntaxKind.PropertyAccessExpression] = ModuleAct.Member;
MODULE_ACT[T.SyntaxKind.PropertyAssignment] = ModuleAct.Property;

/**
 * Builds one statement's part node by node, `enter` before a node's children and `leave` after
 * them, so that either its own walk (indexStatement) or the syntax index's walk of the same
 * statement (syntax-index.ts `statementIndexWith`, or `linkAndIndex` at parse time: one walk for
 * both indexes) can drive it. While `pruned` is set the walker ignores the nodes it is given: the
 * subtree of an import (nothing in it is indexed) and anything deeper than MAX_INDEX_DEPTH.
 */
export class ModulePartWalker {
  private readonly part: ModulePart;
  private readonly top: ScopeInfo;
  private scope: ScopeInfo;
  private depth = 0;
  /** Nodes entered and not yet left inside the pruned subtree, its root included (0: not pruning). */
  private skipped = 0;
  /** Whether the pruned subtree's root was indexed itself (an import) rather than too deep. */
  private rootIndexed = false;

  constructor(statement: ts.Statement, private readonly text: string) {
    // Stands for the file scope while the statement is walked.
    this.top = { node: statement.parent as ts.SourceFile, hoisted: [], parent: undefined };
    this.scope = this.top;
    this.part = { outer: [], scopes: [], functions: [], classes: [], specifiers: [], hoisted: this.top.hoisted, setsDynamoTable: false, single: 0, double: 0 };
  }

  get pruned(): boolean {
    return this.skipped > 0;
  }

  enter(n: ts.Node): void {
    if (this.skipped > 0) {
      this.skipped++;
      return;
    }
    if (this.depth > MAX_INDEX_DEPTH) {
      this.skipped = 1;
      this.rootIndexed = false;
      return;
    }
    this.depth++;
    const part = this.part;
    switch (MODULE_ACT[n.kind]) {
      case ModuleAct.String: {
        // The quote is the last character of the literal: no trivia scan needed.
        const q = this.text.charCodeAt(n.end - 1);
        if (q === 39) part.single++;
        else if (q === 34) part.double++;
        return;
      }
      case ModuleAct.ClassDeclaration: {
        const c = n as ts.ClassDeclaration;
        part.classes.push(c);
        if (c.name) this.scope.hoisted.push(c);
        break;
      }
      case ModuleAct.ClassExpression:
        part.classes.push(n as ts.ClassExpression);
        break;
      case ModuleAct.Import: {
        const imp = n as ts.ImportDeclaration;
        if (T.isStringLiteral(imp.moduleSpecifier)) part.specifiers.push(imp.moduleSpecifier.text);
        this.prune();
        return;
      }
      case ModuleAct.ImportEquals: {
        const ref = (n as ts.ImportEqualsDeclaration).moduleReference;
        if (T.isExternalModuleReference(ref) && T.isStringLiteral(ref.expression)) part.specifiers.push(ref.expression.text);
        this.prune();
        return;
      }
      case ModuleAct.Export: {
        const ex = n as ts.ExportDeclaration;
        if (ex.moduleSpecifier && T.isStringLiteral(ex.moduleSpecifier)) part.specifiers.push(ex.moduleSpecifier.text);
        break;
      }
      case ModuleAct.Call: {
        const c = n as ts.CallExpression;
        // `require(\`x\`)` too, as bindings.ts `requireSpecifier` reads it: storage.ts trusts this list to name every library a file imports.
        if (c.arguments.length >= 1 && T.isStringLiteralLike(c.arguments[0])) {
          if ((T.isIdentifier(c.expression) && c.expression.text === 'require') || c.expression.kind === T.SyntaxKind.ImportKeyword) {
            part.specifiers.push(c.arguments[0].text);
          }
        }
        break;
      }
      case ModuleAct.Member:
        if ((n as ts.PropertyAccessExpression).name.escapedText === 'dynamoDBTableName' && T.isBinaryExpression(n.parent) && n.parent.left === n) part.setsDynamoTable = true;
        break;
      case ModuleAct.Property: {
        const pn = (n as ts.PropertyAssignment).name;
        if ((T.isIdentifier(pn) || T.isStringLiteral(pn)) && pn.text === 'dynamoDBTableName') part.setsDynamoTable = true;
        break;
      }
      default:
        break;
    }
    if (isFunctionNode(n)) {
      const scope = this.scope;
      if (T.isFunctionDeclaration(n) && n.name) scope.hoisted.push(n);
      const inner: ScopeInfo = { node: n, hoisted: [], parent: scope };
      if (scope === this.top) part.outer.push(inner);
      part.scopes.push(inner);
      this.scope = inner;
    }
  }

  leave(n: ts.Node): void {
    if (this.skipped > 0) {
      if (--this.skipped === 0 && this.rootIndexed) this.depth--;
      return;
    }
    if (isFunctionNode(n)) {
      this.scope = this.scope.parent as ScopeInfo;
      this.part.functions.push(n);
    }
    this.depth--;
  }

  /**
   * The part, once the statement is walked. The scopes of the functions directly in it have no
   * parent until buildIndex gives them the file scope: the stand-in's node is the tree the walk
   * was in, and a part outlives that tree (later versions reuse the statement), so it would keep
   * every older version of the file alive (the parents of reused nodes lead on into the newer trees).
   */
  finish(): ModulePart {
    for (const s of this.part.outer) s.parent = undefined;
    return this.part;
  }

  /** Nothing under the node just entered is indexed. */
  private prune(): void {
    this.skipped = 1;
    this.rootIndexed = true;
  }
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
