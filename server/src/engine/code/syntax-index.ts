// Not `import * as`: that compiles to two getters per `ts.` access, a visible cost of tree walks in a profile.
import ts from 'typescript';
import { nameOf, propertyNameText } from './bindings';
import { FunctionNode, ModulePart, ScopeInfo, isFunctionNode } from './modules';
import { StatementFacts, factsOf } from './statement-facts';

/**
 * The nodes of one parsed file that the syntactic passes of the rules read (handler discovery,
 * storage, speech, consent evidence, permission mentions, the call graph), found in ONE walk of
 * the tree and kept per `ts.SourceFile`. A keystroke gives the edited file a new tree, so only
 * that file is walked again; an unchanged file keeps its tree and its index. Lists are in the
 * order of a pre-order walk (`ts.forEachChild`), the order the passes used to visit nodes in.
 *
 * Only what is in the file itself is here: anything that needs another file (a name resolved
 * through `require`) is worked out by the passes per run.
 */
export interface SyntaxIndex {
  /** Calls and `new` expressions. */
  calls: Array<ts.CallExpression | ts.NewExpression>;
  /** For each of `calls`, the innermost function it is in (undefined: module level). */
  callFunctions: Array<FunctionNode | undefined>;
  /** The innermost function each function is in, for the functions that are in one. */
  outerFunction: Map<FunctionNode, FunctionNode>;
  /** Calls, `new` expressions and `=` assignments, in one list (storage reports both in file order). */
  callsAndAssignments: Array<ts.CallExpression | ts.NewExpression | ts.BinaryExpression>;
  /** Object literals, class declarations and class expressions: request handler and v1 handler-map candidates. */
  objects: Array<ts.ObjectLiteralExpression | ts.ClassLikeDeclaration>;
  /** Property assignments named `handle` or `translation` (handler references, i18n resources). */
  namedProperties: ts.PropertyAssignment[];
  /** String literals and template strings without substitutions. */
  strings: Array<ts.StringLiteral | ts.NoSubstitutionTemplateLiteral>;
  /** Property accesses whose member name is one of MEMBER_NAMES. */
  members: ts.PropertyAccessExpression[];
  /** The numeric literal `403`. */
  status403: ts.NumericLiteral[];
  /** Identifiers that name a permissioned API without a call we recognise (PERMISSION_IDENTIFIERS). */
  permissionIdentifiers: ts.Identifier[];
  /**
   * What permission uses are found in (code/permissioned.ts): calls of a method, `.Geolocation`,
   * `['Geolocation']`, destructuring declarations, strings that hold `/v`, templates and `+`
   * concatenations.
   */
  permissionCandidates: ts.Node[];
  /** Expression, variable and return statements ending with `;`, and without: the file's semicolon style. */
  semicolons: { with: number; without: number };
  /**
   * Every name a declaration other than a parameter binds anywhere in the file (variables, functions,
   * classes, enums, imports, a function or class expression's own name): a name not in here is
   * either a parameter or undeclared, which lets a lookup that cannot use either skip the scope search.
   */
  declaredNames: Set<string>;
  /** The names of declaredNames that more than one declaration binds. */
  declaredTwice: Set<string>;
  /** Every name a parameter binds anywhere in the file. */
  parameterNames: Set<string>;
}

function addBound(name: ts.BindingName, into: string[]): void {
  if (name.kind === IDENTIFIER) into.push(nameOf(name));
  else for (const el of name.elements) if (el.kind === BINDING_ELEMENT) addBound(el.name, into);
}

/** Member names consent evidence looks for. */
const MEMBER_NAMES = new Set(['consentToken', 'withAskForPermissionsConsentCard', 'askForPermissionsConsentCard', 'scopes', 'permissions']);

/** Identifiers `permission-unused` counts as uses of a permission (code/permissioned.ts `mentionedPermissions`). */
export function isPermissionIdentifier(text: string): boolean {
  // By the first character: the index walk asks this for each of a file's identifiers (a third of its nodes).
  switch (text.charCodeAt(0)) {
    case 112 /* p */:
      return text === 'personId';
    case 103 /* g */:
      return text === 'getPersonId' || text.startsWith('getPersonsProfile') || text === 'getProactiveEventsServiceClient';
    case 99 /* c */:
      return text === 'createProactiveEvent';
    case 71 /* G */:
      return text === 'Geolocation';
    default:
      return false;
  }
}

const K = ts.SyntaxKind;
const cache = new WeakMap<ts.SourceFile, SyntaxIndex>();

/**
 * The part of an index one top-level statement contributes. It depends on the statement's own
 * subtree only (no offsets, no ancestors), so it is kept per statement node: the incremental
 * parser (code/parse.ts) reuses unchanged statements whole, so after a keystroke only the edited
 * statement is walked again and the file's index is these parts put together.
 */
export interface StatementIndex extends Pick<SyntaxIndex, ListPart> {
  /** Pairs (function, the function it is in), flattened. */
  outerFunction: FunctionNode[];
  semicolonsWith: number;
  semicolonsWithout: number;
  /** Every name a non-parameter declaration binds, once per declaration. */
  declared: string[];
  parameterNames: string[];
}

/** The lists of a file's index that are its statements' lists one after the other. */
const LIST_PARTS = ['calls', 'callFunctions', 'callsAndAssignments', 'objects', 'namedProperties', 'strings', 'members', 'status403', 'permissionIdentifiers', 'permissionCandidates'] as const;
type ListPart = (typeof LIST_PARTS)[number];

/** The index of one top-level statement, kept per statement node (see StatementIndex) in its StatementFacts. */
export function statementIndex(statement: ts.Statement): StatementIndex {
  return statementParts(statement).syntax;
}

/**
 * The statement's StatementFacts with its syntax index and its module index part (modules.ts),
 * which one walk builds together: by the fresh parse's walk (linkAndIndex), or on first use for
 * a statement an incremental re-parse made anew.
 */
export function statementParts(statement: ts.Statement): IndexedFacts {
  const f = factsOf(statement);
  if (!f.syntax) buildStatement(statement, f, undefined);
  return f as IndexedFacts;
}

type IndexedFacts = StatementFacts & { syntax: StatementIndex; module: ModulePart };

/**
 * The walk of a file just parsed without parent pointers (code/parse.ts): it sets the parent of
 * every node as `setParentNodes` does (JSDoc nodes included, whose parent is the node they
 * document) and, in the same pass, builds each top-level statement's syntax index and module index
 * part (modules.ts), which the passes ask for next: one walk of the tree instead of a walk for the
 * parents and another for the indexes. It stops at the first node deeper than `maxDepth` and
 * returns it (the tree is then not used: its parents and indexes are incomplete); it never recurses
 * below that depth, so it cannot overflow the stack itself.
 */
export function linkAndIndex(sf: ts.SourceFile, maxDepth: number): ts.Node | undefined {
  const link: Linking = { maxDepth, deep: undefined };
  for (const statement of sf.statements) {
    // The walk links each node to the parent it came from, the statement to the file.
    (statement as { parent: ts.Node }).parent = sf;
    buildStatement(statement, factsOf(statement), link);
    if (link.deep) return link.deep;
  }
  // The file's other child, which can hold JSDoc of its own (a `@typedef` at the end of a file).
  return linkOnly(sf.endOfFileToken, sf, 0, link) ? link.deep : undefined;
}

/**
 * Whether `node` lies inside a function of the top-level statement `statement`. A name declared
 * there is found there whatever the rest of the file declares (scopes are searched inside out),
 * which is what lets a pass keep a statement's result when it resolved names only to such nodes.
 */
export function insideFunctionOf(node: ts.Node, statement: ts.Statement): boolean {
  let inFunction = false;
  let n: ts.Node = node;
  for (; n.parent && n.parent.kind !== K.SourceFile; n = n.parent) if (isFunctionNode(n.parent)) inFunction = true;
  return n === statement && inFunction;
}

/** What `updatedFrom` links: a tree to the statements of the tree it was updated from. */
const previousStatements = new WeakMap<ts.SourceFile, ts.NodeArray<ts.Statement>>();

/**
 * Tells the index that the incremental parser (code/parse.ts) made `sf` from `old`: its statements
 * are the old tree's but for a run in the middle, so the file's name sets are the old tree's with
 * that run's names taken out and put in. One link back only (the old tree's own link goes), and to
 * the old statements rather than the old tree, so no earlier tree or text is kept alive by it.
 */
export function updatedFrom(sf: ts.SourceFile, old: ts.SourceFile): void {
  previousStatements.delete(old);
  previousStatements.set(sf, old.statements);
}

/**
 * How many statements two trees of a file share at the start (`head`) and, after those, at the end
 * (`tail`): the same nodes, as the incremental parser reuses a statement whole. What lies between
 * is the run the edit made anew (in `now`) and the one it replaced (in `before`).
 */
export function sharedEnds(now: readonly ts.Statement[], before: readonly ts.Statement[]): { head: number; tail: number } {
  const n = now.length;
  const m = before.length;
  let head = 0;
  while (head < n && head < m && now[head] === before[head]) head++;
  let tail = 0;
  while (tail < n - head && tail < m - head && now[n - 1 - tail] === before[m - 1 - tail]) tail++;
  return { head, tail };
}

/** The statements of the tree `sf` was updated from (`updatedFrom`), for another pass that carries a per-file result over the same way. */
export function previousStatementsOf(sf: ts.SourceFile): ts.NodeArray<ts.Statement> | undefined {
  return previousStatements.get(sf);
}

type NameSets = Pick<SyntaxIndex, 'declaredNames' | 'declaredTwice' | 'parameterNames'>;

/** The name sets with how many declarations bind each name, so that a statement's names can be taken out again. */
interface NameCounts {
  sets: NameSets;
  declared: Map<string, number>;
  parameters: Map<string, number>;
}

/** By statements array: a tree's counts outlive the tree while a later tree's link holds its statements. */
const nameCounts = new WeakMap<ts.NodeArray<ts.Statement>, NameCounts>();

/** Name sets carried over from the previous tree, and made from every statement (tests). */
export const nameSetStats = { carried: 0, counted: 0 };

/** Past this many statements made anew (or gone), the counts are made from every statement again. */
const MAX_CHANGED_STATEMENTS = 64;

function nameSetsOf(sf: ts.SourceFile): NameSets {
  const statements = sf.statements;
  const before = previousStatements.get(sf);
  const old = before && nameCounts.get(before);
  let counts: NameCounts | undefined;
  if (before && old) {
    // The statements both arrays share (the same nodes) before and after the run the edit made anew.
    const n = statements.length;
    const m = before.length;
    const { head, tail } = sharedEnds(statements, before);
    if (n - head - tail + (m - head - tail) <= MAX_CHANGED_STATEMENTS) {
      // The old tree's counts are taken over, not copied: its sets are made already, and nothing
      // else is made from them (a second tree updated from the same one would count afresh).
      nameCounts.delete(before);
      const { declared, parameters } = old;
      for (let i = head; i < m - tail; i++) count(statementIndex(before[i]), declared, parameters, -1);
      for (let i = head; i < n - tail; i++) count(statementIndex(statements[i]), declared, parameters, 1);
      counts = { sets: setsOf(declared, parameters), declared, parameters };
      nameSetStats.carried++;
    }
  }
  if (!counts) {
    const declared = new Map<string, number>();
    const parameters = new Map<string, number>();
    for (const st of statements) count(statementIndex(st), declared, parameters, 1);
    counts = { sets: setsOf(declared, parameters), declared, parameters };
    nameSetStats.counted++;
  }
  nameCounts.set(statements, counts);
  return counts.sets;
}

function count(part: StatementIndex, declared: Map<string, number>, parameters: Map<string, number>, by: 1 | -1): void {
  const add = (into: Map<string, number>, names: readonly string[]): void => {
    for (let i = 0; i < names.length; i++) {
      const c = (into.get(names[i]) ?? 0) + by;
      if (c > 0) into.set(names[i], c);
      else into.delete(names[i]);
    }
  };
  add(declared, part.declared);
  add(parameters, part.parameterNames);
}

function setsOf(declared: Map<string, number>, parameters: Map<string, number>): NameSets {
  const declaredNames = new Set<string>();
  const declaredTwice = new Set<string>();
  for (const [name, c] of declared) {
    declaredNames.add(name);
    if (c > 1) declaredTwice.add(name);
  }
  return { declaredNames, declaredTwice, parameterNames: new Set(parameters.keys()) };
}

export function syntaxIndex(sf: ts.SourceFile): SyntaxIndex {
  const hit = cache.get(sf);
  if (hit) return hit;
  const index = combine(sf);
  cache.set(sf, index);
  return index;
}

/**
 * The file's index is its statements' parts put together, each piece on first use: the passes
 * read the lists per statement (`statementIndex`) and ask the file's index only for its names,
 * its semicolon style and its named properties, so putting every list of every file together
 * (most of what a cold run spent here) is left until something asks for it.
 */
function combine(sf: ts.SourceFile): SyntaxIndex {
  const statements = sf.statements;
  const lists: { [k in ListPart]?: SyntaxIndex[k] } = {};
  const list = <P extends ListPart>(k: P): SyntaxIndex[P] => {
    let l = lists[k];
    if (l === undefined) {
      const into: unknown[] = [];
      for (const st of statements) {
        const from = statementIndex(st)[k] as readonly unknown[];
        for (let i = 0; i < from.length; i++) into.push(from[i]);
      }
      lists[k] = l = into as SyntaxIndex[P];
    }
    return l as SyntaxIndex[P];
  };
  let names: NameSets | undefined;
  const nameSets = (): NameSets => (names ??= nameSetsOf(sf));
  let outerFunction: Map<FunctionNode, FunctionNode> | undefined;
  let semicolons: SyntaxIndex['semicolons'] | undefined;
  // Getters of the object itself (own, enumerable), so the index reads like the plain object it was.
  return {
    get calls() { return list('calls'); },
    get callFunctions() { return list('callFunctions'); },
    get callsAndAssignments() { return list('callsAndAssignments'); },
    get objects() { return list('objects'); },
    get namedProperties() { return list('namedProperties'); },
    get strings() { return list('strings'); },
    get members() { return list('members'); },
    get status403() { return list('status403'); },
    get permissionIdentifiers() { return list('permissionIdentifiers'); },
    get permissionCandidates() { return list('permissionCandidates'); },
    get outerFunction() {
      if (!outerFunction) {
        outerFunction = new Map();
        for (const st of statements) {
          const pairs = statementIndex(st).outerFunction;
          for (let i = 0; i < pairs.length; i += 2) outerFunction.set(pairs[i], pairs[i + 1]);
        }
      }
      return outerFunction;
    },
    get semicolons() {
      if (!semicolons) {
        semicolons = { with: 0, without: 0 };
        for (const st of statements) {
          const part = statementIndex(st);
          semicolons.with += part.semicolonsWith;
          semicolons.without += part.semicolonsWithout;
        }
      }
      return semicolons;
    },
    get declaredNames() { return nameSets().declaredNames; },
    get declaredTwice() { return nameSets().declaredTwice; },
    get parameterNames() { return nameSets().parameterNames; },
  };
}

/**
 * What the walk does per node kind, for both indexes, as small integers: a `switch` on
 * `ts.SyntaxKind.X` labels reads the enum object once per label until one matches, for every
 * node; this table is one array read, and the switch on its literal values a jump.
 */
const enum Act {
  None,
  Identifier,
  String,
  Number,
  Call,
  New,
  Binary,
  Template,
  ElementAccess,
  Variable,
  Parameter,
  Named,
  Import,
  ImportEquals,
  Export,
  Class,
  Object,
  Property,
  Member,
  Statement,
  FunctionDeclaration,
  FunctionExpression,
  Function,
}

const ACT = new Uint8Array(K.Count);
const set = (act: Act, ...kinds: ts.SyntaxKind[]): void => kinds.forEach((k) => (ACT[k] = act));
set(Act.Identifier, K.Identifier);
set(Act.String, K.StringLiteral, K.NoSubstitutionTemplateLiteral);
set(Act.Number, K.NumericLiteral);
set(Act.Call, K.CallExpression);
set(Act.New, K.NewExpression);
set(Act.Binary, K.BinaryExpression);
set(Act.Template, K.TemplateExpression);
set(Act.ElementAccess, K.ElementAccessExpression);
set(Act.Variable, K.VariableDeclaration);
set(Act.Parameter, K.Parameter);
set(Act.Named, K.EnumDeclaration, K.ImportClause, K.NamespaceImport, K.ImportSpecifier);
set(Act.Import, K.ImportDeclaration);
set(Act.ImportEquals, K.ImportEqualsDeclaration);
set(Act.Export, K.ExportDeclaration);
set(Act.Class, K.ClassDeclaration, K.ClassExpression);
set(Act.Object, K.ObjectLiteralExpression);
set(Act.Property, K.PropertyAssignment);
set(Act.Member, K.PropertyAccessExpression);
set(Act.Statement, K.ExpressionStatement, K.VariableStatement, K.ReturnStatement);
set(Act.FunctionDeclaration, K.FunctionDeclaration);
set(Act.FunctionExpression, K.FunctionExpression);
// The other kinds of FunctionNode (modules.ts isFunctionNode).
set(Act.Function, K.ArrowFunction, K.MethodDeclaration, K.Constructor, K.GetAccessor, K.SetAccessor);

/** Read once: `ts.forEachChild` through the default import is a property getter per visited node. */
const forEachChild = ts.forEachChild;
const EQUALS = K.EqualsToken;
const PLUS = K.PlusToken;
const PROPERTY_ACCESS = K.PropertyAccessExpression;
const STRING = K.StringLiteral;
const NO_SUBSTITUTION_TEMPLATE = K.NoSubstitutionTemplateLiteral;
const CLASS_DECLARATION = K.ClassDeclaration;
const EXTERNAL_MODULE_REFERENCE = K.ExternalModuleReference;
const IMPORT_KEYWORD = K.ImportKeyword;
const OBJECT_BINDING = K.ObjectBindingPattern;
const IDENTIFIER = K.Identifier;
const BINDING_ELEMENT = K.BindingElement;

/** What the walk of a freshly parsed file (linkAndIndex) does besides indexing: the depth guard, and what it found. */
interface Linking {
  maxDepth: number;
  deep: ts.Node | undefined;
}

type Documented = { jsDoc?: ts.Node[] };

/**
 * Links the JSDoc nodes `docs` of `n`, at `depth`, and everything under them; true when one is
 * too deep. They are not indexed: forEachChild does not reach them from the node they document.
 * Rare in skill code, so a callback per node does not matter here.
 */
function linkDocs(docs: ts.Node[], n: ts.Node, depth: number, link: Linking): boolean {
  for (const d of docs) if (linkOnly(d, n, depth, link)) return true;
  return false;
}

/** Links `n` to `parent` and everything under it as linkAndIndex does, indexing nothing (JSDoc, the end-of-file token). */
function linkOnly(n: ts.Node, parent: ts.Node, depth: number, link: Linking): boolean {
  (n as { parent: ts.Node }).parent = parent;
  if (depth >= link.maxDepth) {
    link.deep = n;
    return true;
  }
  const docs = (n as Documented).jsDoc;
  if (docs !== undefined && linkDocs(docs, n, depth + 1, link)) return true;
  return forEachChild(n, (c) => linkOnly(c, n, depth + 1, link)) === true;
}

/**
 * Walks the statement once for its syntax index and its module index part (modules.ts), and keeps
 * both in `facts` (unless the walk stopped too deep). With `link` the walk also sets the parents
 * (linkAndIndex); without, the tree has them already and is only read: a statement of an older
 * version of the tree may be indexed late, and its reused nodes have parents in the newer tree
 * now, so nothing here reads a parent. Both indexes' actions for a node are in one case of one
 * switch: the walk runs over every node of every file a cold check parses.
 */
function buildStatement(statement: ts.Statement, facts: StatementFacts, link: Linking | undefined): void {
  const out: StatementIndex = {
    calls: [],
    callFunctions: [],
    outerFunction: [],
    callsAndAssignments: [],
    objects: [],
    namedProperties: [],
    strings: [],
    members: [],
    status403: [],
    permissionIdentifiers: [],
    permissionCandidates: [],
    semicolonsWith: 0,
    semicolonsWithout: 0,
    declared: [],
    parameterNames: [],
  };
  const part: ModulePart = { scopes: [], functions: [], moduleLevel: [], classes: [], specifiers: [], hoisted: [], setsDynamoTable: false, single: 0, double: 0 };
  const declared = out.declared;
  const text = statement.getSourceFile().text;
  let fn: FunctionNode | undefined;
  // The innermost function's scope; undefined at the statement's top, whose scope buildIndex
  // makes for the file: a part outlives the tree it was built in (later versions reuse the
  // statement), and a scope of that tree would keep every older version of the file alive.
  let scope: ScopeInfo | undefined;
  // Off below an import: nothing in one is in the module part (its specifier string is no sample
  // of the file's quote), though the syntax index has all of it.
  let modules = true;
  // The walk's parent and depth in variables (used with `link`): nothing is allocated per node.
  let parent: ts.Node = statement.parent;
  let depth = 0;
  const maxDepth = link ? link.maxDepth : 0;
  const children = (n: ts.Node): true | undefined => {
    const outer = parent;
    parent = n;
    depth++;
    const stopped = forEachChild(n, visit);
    depth--;
    parent = outer;
    return stopped;
  };
  const withoutModules = (n: ts.Node): true | undefined => {
    const was = modules;
    modules = false;
    const stopped = children(n);
    modules = was;
    return stopped;
  };
  const functionBody = (n: FunctionNode): true | undefined => {
    const outerFn = fn;
    if (outerFn) out.outerFunction.push(n, outerFn);
    fn = n;
    let inner: ScopeInfo | undefined;
    if (modules) {
      inner = { node: n, hoisted: [], parent: scope };
      part.scopes.push(inner);
      scope = inner;
    }
    const stopped = children(n);
    fn = outerFn;
    if (inner) {
      scope = inner.parent;
      // Inner before outer: a callback is summarised before the function that passes it.
      part.functions.push(n);
      if (!scope) part.moduleLevel.push(n);
    }
    return stopped;
  };
  const visit = (n: ts.Node): true | undefined => {
    if (link) {
      (n as { parent: ts.Node }).parent = parent;
      if (depth >= maxDepth) {
        link.deep = n;
        return true;
      }
      const docs = (n as Documented).jsDoc;
      if (docs !== undefined && linkDocs(docs, n, depth + 1, link)) return true;
    }
    switch (ACT[n.kind]) {
      // Names are compared as `escapedText`, which is the name itself unless the name starts with
      // `__` (then it has one more `_` in front): none of the names looked for starts so, so the
      // answers are the same, without the `text` getter for each of the file's identifiers.
      case Act.Identifier:
        if (isPermissionIdentifier((n as ts.Identifier).escapedText as string)) out.permissionIdentifiers.push(n as ts.Identifier);
        return undefined;
      case Act.String:
        out.strings.push(n as ts.StringLiteral);
        // A literal by itself is a use only as a REST URL, and every such path holds `/v`
        // (permissioned.ts `usesIn`); a `+` operand is read with its concatenation, which is a
        // candidate of its own. Most of a skill's strings are neither: left out here.
        if ((n as ts.StringLiteral).text.includes('/v')) out.permissionCandidates.push(n);
        if (modules && n.kind === STRING) {
          // The quote is the last character of the literal: no trivia scan needed.
          const q = text.charCodeAt(n.end - 1);
          if (q === 39) part.single++;
          else if (q === 34) part.double++;
        }
        return undefined;
      case Act.Number:
        if ((n as ts.NumericLiteral).text === '403') out.status403.push(n as ts.NumericLiteral);
        return undefined;
      case Act.Call: {
        const c = n as ts.CallExpression;
        const e = c.expression;
        out.calls.push(c);
        out.callFunctions.push(fn);
        out.callsAndAssignments.push(c);
        // The callee first: most calls are of a method, and no `require` or `import()` is.
        if (e.kind === PROPERTY_ACCESS) out.permissionCandidates.push(n);
        else if (modules && ((e.kind === IDENTIFIER && (e as ts.Identifier).escapedText === 'require') || e.kind === IMPORT_KEYWORD) && c.arguments.length >= 1) {
          // `require(\`x\`)` too, as bindings.ts `requireSpecifier` reads it: storage.ts trusts this list to name every library a file imports.
          const arg = c.arguments[0];
          if (arg.kind === STRING || arg.kind === NO_SUBSTITUTION_TEMPLATE) part.specifiers.push((arg as ts.StringLiteralLike).text);
        }
        break;
      }
      case Act.New:
        out.calls.push(n as ts.NewExpression);
        out.callFunctions.push(fn);
        out.callsAndAssignments.push(n as ts.NewExpression);
        break;
      case Act.Binary: {
        const b = n as ts.BinaryExpression;
        const op = b.operatorToken.kind;
        if (op === EQUALS) out.callsAndAssignments.push(b);
        else if (op === PLUS) out.permissionCandidates.push(n);
        // alexa-sdk v1 `alexa.dynamoDBTableName = ...` (any operator, as before), read from the
        // expression rather than from the member's parent: no parent is read here (above).
        if (modules && b.left.kind === PROPERTY_ACCESS && (b.left as ts.PropertyAccessExpression).name.escapedText === 'dynamoDBTableName') part.setsDynamoTable = true;
        break;
      }
      case Act.Template:
        out.permissionCandidates.push(n);
        break;
      case Act.ElementAccess: {
        const arg = (n as ts.ElementAccessExpression).argumentExpression;
        if (arg.kind === STRING && (arg as ts.StringLiteral).text === 'Geolocation') out.permissionCandidates.push(n);
        break;
      }
      case Act.Variable: {
        const name = (n as ts.VariableDeclaration).name;
        if (name.kind === OBJECT_BINDING) out.permissionCandidates.push(n);
        addBound(name, declared);
        break;
      }
      case Act.Parameter:
        addBound((n as ts.ParameterDeclaration).name, out.parameterNames);
        break;
      case Act.Class: {
        const c = n as ts.ClassLikeDeclaration;
        out.objects.push(c);
        const name = c.name;
        if (name) declared.push(nameOf(name));
        if (modules) {
          part.classes.push(c);
          // Hoisted: their cells hold the class before the statement runs.
          if (name && n.kind === CLASS_DECLARATION) (scope ? scope.hoisted : part.hoisted).push(c as ts.ClassDeclaration);
        }
        break;
      }
      case Act.Named: {
        const name = (n as ts.EnumDeclaration | ts.ImportSpecifier).name;
        if (name && name.kind === IDENTIFIER) declared.push(nameOf(name as ts.Identifier));
        break;
      }
      case Act.Import: {
        const spec = (n as ts.ImportDeclaration).moduleSpecifier;
        if (modules && spec.kind === STRING) part.specifiers.push((spec as ts.StringLiteral).text);
        return withoutModules(n);
      }
      case Act.ImportEquals: {
        const imp = n as ts.ImportEqualsDeclaration;
        if (imp.name.kind === IDENTIFIER) declared.push(nameOf(imp.name));
        const ref = imp.moduleReference;
        if (modules && ref.kind === EXTERNAL_MODULE_REFERENCE && ref.expression.kind === STRING) part.specifiers.push((ref.expression as ts.StringLiteral).text);
        return withoutModules(n);
      }
      case Act.Export: {
        const spec = (n as ts.ExportDeclaration).moduleSpecifier;
        if (modules && spec && spec.kind === STRING) part.specifiers.push((spec as ts.StringLiteral).text);
        break;
      }
      case Act.Object:
        out.objects.push(n as ts.ObjectLiteralExpression);
        break;
      case Act.Property: {
        const name = (n as ts.PropertyAssignment).name;
        const t = name.kind === IDENTIFIER ? ((name as ts.Identifier).escapedText as string) : propertyNameText(name);
        if (t === 'handle' || t === 'translation') out.namedProperties.push(n as ts.PropertyAssignment);
        else if (modules && t === 'dynamoDBTableName' && (name.kind === IDENTIFIER || name.kind === STRING)) part.setsDynamoTable = true;
        break;
      }
      case Act.Member: {
        const name = (n as ts.PropertyAccessExpression).name.escapedText as string;
        if (MEMBER_NAMES.has(name)) out.members.push(n as ts.PropertyAccessExpression);
        else if (name === 'Geolocation') out.permissionCandidates.push(n);
        break;
      }
      case Act.Statement:
        if (text.charCodeAt(n.end - 1) === 59 /* ; */) out.semicolonsWith++;
        else out.semicolonsWithout++;
        break;
      case Act.FunctionDeclaration: {
        const name = (n as ts.FunctionDeclaration).name;
        if (name && name.kind === IDENTIFIER) declared.push(nameOf(name));
        // Hoisted: the cell holds the function before the body runs.
        if (name && modules) (scope ? scope.hoisted : part.hoisted).push(n as ts.FunctionDeclaration);
        return functionBody(n as ts.FunctionDeclaration);
      }
      case Act.FunctionExpression: {
        const name = (n as ts.FunctionExpression).name;
        if (name && name.kind === IDENTIFIER) declared.push(nameOf(name));
        return functionBody(n as ts.FunctionExpression);
      }
      case Act.Function:
        return functionBody(n as FunctionNode);
      default:
        break;
    }
    return children(n);
  };
  if (visit(statement) === undefined) {
    facts.syntax = out;
    facts.module = part;
  }
}
