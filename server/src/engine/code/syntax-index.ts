// Not `import * as`: that compiles to two getters per `ts.` access, a visible cost of tree walks in a profile.
import ts from 'typescript';
import { propertyNameText } from './bindings';

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
   * `['Geolocation']`, destructuring declarations, strings, templates and `+` concatenations.
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
  /** Every name a parameter binds anywhere in the file. */
  parameterNames: Set<string>;
}

function addBound(name: ts.BindingName, into: Set<string>): void {
  if (ts.isIdentifier(name)) into.add(name.text);
  else for (const el of name.elements) if (ts.isBindingElement(el)) addBound(el.name, into);
}

/** Member names consent evidence looks for. */
const MEMBER_NAMES = new Set(['consentToken', 'withAskForPermissionsConsentCard', 'askForPermissionsConsentCard', 'scopes', 'permissions']);

/** Identifiers `permission-unused` counts as uses of a permission (code/permissioned.ts `mentionedPermissions`). */
export function isPermissionIdentifier(text: string): boolean {
  return text === 'personId' || text === 'getPersonId' || text.startsWith('getPersonsProfile') || text === 'createProactiveEvent' || text === 'getProactiveEventsServiceClient' || text === 'Geolocation';
}

const K = ts.SyntaxKind;
const cache = new WeakMap<ts.SourceFile, SyntaxIndex>();

export function syntaxIndex(sf: ts.SourceFile): SyntaxIndex {
  const hit = cache.get(sf);
  if (hit) return hit;
  const index = build(sf);
  cache.set(sf, index);
  return index;
}

function build(sf: ts.SourceFile): SyntaxIndex {
  const out: SyntaxIndex = {
    calls: [],
    callsAndAssignments: [],
    objects: [],
    namedProperties: [],
    strings: [],
    members: [],
    status403: [],
    permissionIdentifiers: [],
    permissionCandidates: [],
    semicolons: { with: 0, without: 0 },
    declaredNames: new Set(),
    parameterNames: new Set(),
  };
  const declared = out.declaredNames;
  const text = sf.text;
  const visit = (n: ts.Node): void => {
    // One integer switch per node: most nodes are none of these.
    switch (n.kind) {
      case K.Identifier:
        if (isPermissionIdentifier((n as ts.Identifier).text)) out.permissionIdentifiers.push(n as ts.Identifier);
        return;
      case K.StringLiteral:
      case K.NoSubstitutionTemplateLiteral:
        out.strings.push(n as ts.StringLiteral);
        out.permissionCandidates.push(n);
        return;
      case K.NumericLiteral:
        if ((n as ts.NumericLiteral).text === '403') out.status403.push(n as ts.NumericLiteral);
        return;
      case K.CallExpression:
        if ((n as ts.CallExpression).expression.kind === K.PropertyAccessExpression) out.permissionCandidates.push(n);
        out.calls.push(n as ts.CallExpression);
        out.callsAndAssignments.push(n as ts.CallExpression);
        break;
      case K.NewExpression:
        out.calls.push(n as ts.NewExpression);
        out.callsAndAssignments.push(n as ts.NewExpression);
        break;
      case K.BinaryExpression: {
        const op = (n as ts.BinaryExpression).operatorToken.kind;
        if (op === K.EqualsToken) out.callsAndAssignments.push(n as ts.BinaryExpression);
        else if (op === K.PlusToken) out.permissionCandidates.push(n);
        break;
      }
      case K.TemplateExpression:
        out.permissionCandidates.push(n);
        break;
      case K.ElementAccessExpression: {
        const arg = (n as ts.ElementAccessExpression).argumentExpression;
        if (arg.kind === K.StringLiteral && (arg as ts.StringLiteral).text === 'Geolocation') out.permissionCandidates.push(n);
        break;
      }
      case K.VariableDeclaration:
        if ((n as ts.VariableDeclaration).name.kind === K.ObjectBindingPattern) out.permissionCandidates.push(n);
        addBound((n as ts.VariableDeclaration).name, declared);
        break;
      case K.Parameter:
        addBound((n as ts.ParameterDeclaration).name, out.parameterNames);
        break;
      case K.FunctionDeclaration:
      case K.FunctionExpression:
      case K.ClassDeclaration:
      case K.ClassExpression:
      case K.EnumDeclaration:
      case K.ImportClause:
      case K.NamespaceImport:
      case K.ImportSpecifier:
      case K.ImportEqualsDeclaration: {
        const name = (n as ts.FunctionDeclaration | ts.ImportSpecifier).name;
        if (name && ts.isIdentifier(name)) declared.add(name.text);
        if (n.kind === K.ClassDeclaration || n.kind === K.ClassExpression) out.objects.push(n as ts.ClassLikeDeclaration);
        break;
      }
      case K.ObjectLiteralExpression:
        out.objects.push(n as ts.ObjectLiteralExpression);
        break;
      case K.PropertyAssignment: {
        const t = propertyNameText((n as ts.PropertyAssignment).name);
        if (t === 'handle' || t === 'translation') out.namedProperties.push(n as ts.PropertyAssignment);
        break;
      }
      case K.PropertyAccessExpression: {
        const name = (n as ts.PropertyAccessExpression).name.text;
        if (MEMBER_NAMES.has(name)) out.members.push(n as ts.PropertyAccessExpression);
        else if (name === 'Geolocation') out.permissionCandidates.push(n);
        break;
      }
      case K.ExpressionStatement:
      case K.VariableStatement:
      case K.ReturnStatement:
        if (text.charCodeAt(n.end - 1) === 59 /* ; */) out.semicolons.with++;
        else out.semicolons.without++;
        break;
      default:
        break;
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}
