// Not `import * as`: that compiles to two getters per `ts.` access, a visible cost of tree walks in a profile.
import ts from 'typescript';
import { nameOf, propertyNameText } from './bindings';
import { FunctionNode, ModulePartWalker, isFunctionNode } from './modules';
import { factsOf } from './statement-facts';

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

function addBound(name: ts.BindingName, into: { add(name: string): void }): void {
  if (name.kind === IDENTIFIER) into.add(nameOf(name));
  else for (const el of name.elements) if (el.kind === BINDING_ELEMENT) addBound(el.name, into);
}

/** Member names consent evidence looks for. */
const MEMBER_NAMES = new Set(['consentToken', 'withAskForPermissionsConsentCard', 'askForPermissionsConsentCard', 'scopes', 'permissions']);

/** Identifiers `permission-unused` counts as uses of a permission (code/permissioned.ts `mentionedPermissions`). */
export function isPermissionIdentifier(text: string): boolean {
  return text === 'personId' || text === 'getPersonId' || text.startsWith('getPersonsProfile') || text === 'createProactiveEvent' || text === 'getProactiveEventsServiceClient' || text === 'Geolocation';
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
  const f = factsOf(statement);
  return f.syntax ?? (f.syntax = buildStatement(statement, undefined, undefined));
}

/** Another index built in the same walk: told of each node before its children and after them. */
export interface AlongsideWalker {
  enter(node: ts.Node): void;
  leave(node: ts.Node): void;
}

/**
 * Builds the statement's index (when it is not kept already: then false) in one walk with
 * `alongside`, which sees every node of the statement in the same pre-order. The module index
 * (modules.ts) is built this way: one walk of each new statement for both indexes.
 */
export function statementIndexWith(statement: ts.Statement, alongside: AlongsideWalker): boolean {
  const f = factsOf(statement);
  if (f.syntax) return false;
  f.syntax = buildStatement(statement, alongside, undefined);
  return true;
}

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
    // The module walker reads the statement's parent (the file scope) before the walk sets it.
    (statement as { parent: ts.Node }).parent = sf;
    const walker = new ModulePartWalker(statement, sf.text);
    const syntax = buildStatement(statement, walker, link);
    if (link.deep) return link.deep;
    const f = factsOf(statement);
    f.syntax = syntax;
    f.module = walker.finish();
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
  let names: Pick<SyntaxIndex, 'declaredNames' | 'declaredTwice' | 'parameterNames'> | undefined;
  const nameSets = (): Pick<SyntaxIndex, 'declaredNames' | 'declaredTwice' | 'parameterNames'> => {
    if (names) return names;
    const declaredNames = new Set<string>();
    const declaredTwice = new Set<string>();
    const parameterNames = new Set<string>();
    for (const st of statements) {
      const part = statementIndex(st);
      for (const name of part.declared) {
        if (declaredNames.has(name)) declaredTwice.add(name);
        else declaredNames.add(name);
      }
      for (const name of part.parameterNames) parameterNames.add(name);
    }
    return (names = { declaredNames, declaredTwice, parameterNames });
  };
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
 * What the walk does per node kind, as small integers: a `switch` on `ts.SyntaxKind.X` labels
 * reads the enum object once per label until one matches, for every node; this table is one
 * array read, and the switch on its literal values a jump.
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
  Class,
  Object,
  Property,
  Member,
  Statement,
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
set(Act.Named, K.FunctionDeclaration, K.FunctionExpression, K.EnumDeclaration, K.ImportClause, K.NamespaceImport, K.ImportSpecifier, K.ImportEqualsDeclaration);
set(Act.Class, K.ClassDeclaration, K.ClassExpression);
set(Act.Object, K.ObjectLiteralExpression);
set(Act.Property, K.PropertyAssignment);
set(Act.Member, K.PropertyAccessExpression);
set(Act.Statement, K.ExpressionStatement, K.VariableStatement, K.ReturnStatement);

/** Read once: `ts.forEachChild` through the default import is a property getter per visited node. */
const forEachChild = ts.forEachChild;
const EQUALS = K.EqualsToken;
const PLUS = K.PlusToken;
const PROPERTY_ACCESS = K.PropertyAccessExpression;
const STRING = K.StringLiteral;
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
 * Walks the statement once for its index, and for `also` when given. With `link` the walk also
 * sets the parents (linkAndIndex); without, the tree has them already and is only read: a
 * statement of an older version of the tree may be indexed late, and its reused nodes have
 * parents in the newer tree now.
 */
function buildStatement(statement: ts.Statement, also: AlongsideWalker | undefined, link: Linking | undefined): StatementIndex {
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
  const declared = out.declared;
  const params = { add: (name: string): void => void out.parameterNames.push(name) };
  const decl = { add: (name: string): void => void declared.push(name) };
  const text = statement.getSourceFile().text;
  let fn: FunctionNode | undefined;
  const visitNode = (n: ts.Node): void => {
    switch (ACT[n.kind]) {
      // Names are compared as `escapedText`, which is the name itself unless the name starts with
      // `__` (then it has one more `_` in front): none of the names looked for starts so, so the
      // answers are the same, without the `text` getter for each of the file's identifiers.
      case Act.Identifier:
        if (isPermissionIdentifier((n as ts.Identifier).escapedText as string)) out.permissionIdentifiers.push(n as ts.Identifier);
        return;
      case Act.String:
        out.strings.push(n as ts.StringLiteral);
        // A literal by itself is a use only as a REST URL, and every such path holds `/v`
        // (permissioned.ts `usesIn`); a `+` operand is read with its concatenation, which is a
        // candidate of its own. Most of a skill's strings are neither: left out here.
        if ((n as ts.StringLiteral).text.includes('/v')) out.permissionCandidates.push(n);
        return;
      case Act.Number:
        if ((n as ts.NumericLiteral).text === '403') out.status403.push(n as ts.NumericLiteral);
        return;
      case Act.Call:
        if ((n as ts.CallExpression).expression.kind === PROPERTY_ACCESS) out.permissionCandidates.push(n);
        out.calls.push(n as ts.CallExpression);
        out.callFunctions.push(fn);
        out.callsAndAssignments.push(n as ts.CallExpression);
        break;
      case Act.New:
        out.calls.push(n as ts.NewExpression);
        out.callFunctions.push(fn);
        out.callsAndAssignments.push(n as ts.NewExpression);
        break;
      case Act.Binary: {
        const op = (n as ts.BinaryExpression).operatorToken.kind;
        if (op === EQUALS) out.callsAndAssignments.push(n as ts.BinaryExpression);
        else if (op === PLUS) out.permissionCandidates.push(n);
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
        addBound(name, decl);
        break;
      }
      case Act.Parameter:
        addBound((n as ts.ParameterDeclaration).name, params);
        break;
      case Act.Class: {
        out.objects.push(n as ts.ClassLikeDeclaration);
        const name = (n as ts.ClassLikeDeclaration).name;
        if (name) declared.push(nameOf(name));
        break;
      }
      case Act.Named: {
        const name = (n as ts.FunctionDeclaration | ts.ImportSpecifier).name;
        if (name && name.kind === IDENTIFIER) declared.push(nameOf(name as ts.Identifier));
        break;
      }
      case Act.Object:
        out.objects.push(n as ts.ObjectLiteralExpression);
        break;
      case Act.Property: {
        const name = (n as ts.PropertyAssignment).name;
        const t = name.kind === IDENTIFIER ? ((name as ts.Identifier).escapedText as string) : propertyNameText(name);
        if (t === 'handle' || t === 'translation') out.namedProperties.push(n as ts.PropertyAssignment);
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
      default:
        break;
    }
    if (isFunctionNode(n)) {
      const outer = fn;
      if (outer) out.outerFunction.push(n, outer);
      fn = n;
      forEachChild(n, visit);
      fn = outer;
      return;
    }
    forEachChild(n, visit);
  };
  let visit: (n: ts.Node) => true | void = also
    ? (n: ts.Node): void => {
        also.enter(n);
        visitNode(n);
        also.leave(n);
      }
    : visitNode;
  if (link) {
    // The parent and the depth in variables, one callback for every node: nothing is allocated per node.
    const { maxDepth } = link;
    let parent: ts.Node = statement.parent;
    let depth = 0;
    visit = (n: ts.Node): true | undefined => {
      (n as { parent: ts.Node }).parent = parent;
      if (depth >= maxDepth) {
        link.deep = n;
        return true;
      }
      const outer = parent;
      parent = n;
      depth++;
      const docs = (n as Documented).jsDoc;
      if (docs === undefined || !linkDocs(docs, n, depth, link)) {
        also?.enter(n);
        visitNode(n);
        also?.leave(n);
      }
      depth--;
      parent = outer;
      return link.deep !== undefined || undefined;
    };
  }
  visit(statement);
  return out;
}
