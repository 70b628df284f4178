/**
 * A fresh parse (code/parse.ts) sets the parents and builds every top-level statement's module
 * index part (code/modules.ts) and syntax index (code/syntax-index.ts) in ONE walk
 * (`linkAndIndex`), both indexes' actions for a node in one case of one switch; a statement an
 * incremental re-parse makes anew is walked once for both indexes (`statementParts`).
 * Differential test: over seeded random skills, random edits of them (broken code included) and
 * the incremental fixtures with random pieces typed in (imports, exports, classes, DynamoDB
 * tables, both quotes, JSDoc), each statement's parts as the engine built them equal the parts
 * built by plain walks of their own here, one per index, over a tree TypeScript gave its parents
 * (`setParentNodes`), written from what the indexes hold rather than from the engine's walk.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { propertyNameText } from '../../server/src/engine/code/bindings';
import { FunctionNode, ModulePart, ScopeInfo, indexFile, isFunctionNode } from '../../server/src/engine/code/modules';
import { clearParseCache, parseCode } from '../../server/src/engine/code/parse';
import { keptFactsOf } from '../../server/src/engine/code/statement-facts';
import { StatementIndex, isPermissionIdentifier } from '../../server/src/engine/code/syntax-index';
import { Random } from '../robustness/support';
import { randomEdit, randomSkill } from './random-skill';

const LAMBDA = path.resolve(__dirname, '../../../test/fixtures/incremental/lambda');
const PIECES = [
  '{', '}', '(', ')', ';', "'", '"', '`', '\n', 'function ', 'async ', '=>', 'return ', 'class ', 'x', '/** ', '*/',
  "import { z } from './receipts';\n", "import d = require('./legacy');\n", "export * from './legacy';\n", "export { a } from \"./b\";\n",
  "alexa.dynamoDBTableName = 'notes';\n", "const t = { dynamoDBTableName: 'x' };\n", "const fn = function named() { function inner() {} };\n",
  "class Store { save(x) { this.x = x; } get v() { return 1; } }\n", 'const k = class { constructor() { const g = () => import("./dyn"); } };\n',
  "if (status === 403) { handlerInput.responseBuilder.withAskForPermissionsConsentCard(['p']); }\n", 'const { Geolocation } = context;\n',
  // JSDoc: its nodes get parents but are not indexed; the nodes they document are.
  "/** @param {string} x the slot @returns {Promise<void>} */\nasync function documented(x) { return require('./doc').save(x, 403); }\n",
  "const Doc = {\n  /** @type {import('./t').H} */\n  handle(h) { return h.responseBuilder.speak('/v1/x').getResponse(); },\n};\n",
];

const KIND = (file: string): ts.ScriptKind => (file.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS);
const place = (n: ts.Node | string | undefined): string => (typeof n === 'string' ? n : n ? `${ts.SyntaxKind[n.kind]}@${n.pos}-${n.end}` : '-');

function dumpModule(part: ModulePart): string {
  const lines = [`dynamo ${part.setsDynamoTable} quotes ${part.single}/${part.double} specifiers ${part.specifiers.join(',')}`];
  lines.push(`functions ${part.functions.map(place).join(' ')}`, `classes ${part.classes.map(place).join(' ')}`, `hoisted ${part.hoisted.map(place).join(' ')}`);
  lines.push(`module level ${part.moduleLevel.map(place).join(' ')}`);
  // A scope directly in the statement has no parent: the file's is implied.
  for (const s of part.scopes) lines.push(`scope ${place(s.node)} parent ${s.parent ? place(s.parent.node) : 'file'} hoisted ${s.hoisted.map(place).join(' ')}`);
  return lines.join('\n');
}

function dumpSyntax(ix: StatementIndex): string {
  return Object.entries(ix)
    .map(([k, v]) => `${k} ${Array.isArray(v) ? v.map((n: ts.Node | string | undefined) => place(n)).join(' ') : JSON.stringify(v)}`)
    .join('\n');
}

/**
 * Each statement's parts as the engine built them for `text` at `file`: by the fresh parse's walk,
 * or (when the cache holds an older text of `file`) for the statements the incremental re-parse
 * made anew, by buildIndex's walk; `walked` counts the latter.
 */
function engineParts(file: string, text: string, walked: { count: number }): string[] {
  const parsed = parseCode(file, text);
  if (parsed.tooDeep) return [];
  const statements = parsed.sourceFile.statements;
  walked.count += statements.filter((st) => !keptFactsOf(st)?.module).length;
  indexFile(file, text);
  return statements.map((st) => {
    const facts = keptFactsOf(st);
    assert.ok(facts?.syntax && facts.module, `statement ${place(st)} indexed`);
    return `${dumpModule(facts.module)}\n${dumpSyntax(facts.syntax)}`;
  });
}

/**
 * The module part by a walk of its own, as the module index had it: nothing under an import, the
 * DynamoDB table set by an expression whose left side is the `.dynamoDBTableName` member (read
 * through the member's parent), functions after what they hold. Parents and enclosing functions
 * are the walk's, as the engine's walk sets them: in broken code TypeScript can leave a node's
 * parent outside the tree forEachChild walks (a top-level `await` reparse).
 */
function moduleWalk(st: ts.Statement, text: string): ModulePart {
  const part: ModulePart = { scopes: [], functions: [], moduleLevel: [], classes: [], specifiers: [], hoisted: [], setsDynamoTable: false, single: 0, double: 0 };
  const stringSpecifier = (e: ts.Node | undefined): void => void (e && ts.isStringLiteral(e) && part.specifiers.push(e.text));
  const visit = (n: ts.Node, parent: ts.Node, scope: ScopeInfo | undefined): void => {
    const hoisted = scope ? scope.hoisted : part.hoisted;
    if (ts.isStringLiteral(n)) {
      const q = text[n.end - 1];
      if (q === "'") part.single++;
      if (q === '"') part.double++;
    }
    if (ts.isClassLike(n)) part.classes.push(n);
    if (ts.isClassDeclaration(n) && n.name) hoisted.push(n);
    if (ts.isImportDeclaration(n)) return stringSpecifier(n.moduleSpecifier);
    if (ts.isImportEqualsDeclaration(n)) return stringSpecifier(ts.isExternalModuleReference(n.moduleReference) ? n.moduleReference.expression : undefined);
    if (ts.isExportDeclaration(n)) stringSpecifier(n.moduleSpecifier);
    if (ts.isCallExpression(n) && n.arguments.length > 0 && ts.isStringLiteralLike(n.arguments[0])) {
      if ((ts.isIdentifier(n.expression) && n.expression.text === 'require') || n.expression.kind === ts.SyntaxKind.ImportKeyword) part.specifiers.push(n.arguments[0].text);
    }
    if (ts.isPropertyAccessExpression(n) && n.name.text === 'dynamoDBTableName' && ts.isBinaryExpression(parent) && parent.left === n) part.setsDynamoTable = true;
    if (ts.isPropertyAssignment(n) && (ts.isIdentifier(n.name) || ts.isStringLiteral(n.name)) && n.name.text === 'dynamoDBTableName') part.setsDynamoTable = true;
    if (!isFunctionNode(n)) return void ts.forEachChild(n, (c) => visit(c, n, scope));
    if (ts.isFunctionDeclaration(n) && n.name) hoisted.push(n);
    const inner: ScopeInfo = { node: n, hoisted: [], parent: scope };
    part.scopes.push(inner);
    ts.forEachChild(n, (c) => visit(c, n, inner));
    part.functions.push(n);
    if (!scope) part.moduleLevel.push(n);
  };
  visit(st, st.parent, undefined);
  return part;
}

const MEMBERS = ['consentToken', 'withAskForPermissionsConsentCard', 'askForPermissionsConsentCard', 'scopes', 'permissions'];
const DECLARATIONS = [ts.SyntaxKind.FunctionDeclaration, ts.SyntaxKind.FunctionExpression, ts.SyntaxKind.EnumDeclaration, ts.SyntaxKind.ImportClause, ts.SyntaxKind.NamespaceImport, ts.SyntaxKind.ImportSpecifier, ts.SyntaxKind.ImportEqualsDeclaration];

/** The names a binding binds, left to right. */
function bound(name: ts.BindingName): string[] {
  return ts.isIdentifier(name) ? [name.text] : name.elements.flatMap((el) => (ts.isBindingElement(el) ? bound(el.name) : []));
}

/** The syntax index by a walk of its own, every list by its definition (SyntaxIndex). */
function syntaxWalk(st: ts.Statement, text: string): StatementIndex {
  const ix: StatementIndex = {
    calls: [], callFunctions: [], outerFunction: [], callsAndAssignments: [], objects: [], namedProperties: [], strings: [], members: [], status403: [],
    permissionIdentifiers: [], permissionCandidates: [], semicolonsWith: 0, semicolonsWithout: 0, declared: [], parameterNames: [],
  };
  const visit = (n: ts.Node, fn: FunctionNode | undefined): void => {
    if (ts.isIdentifier(n) && isPermissionIdentifier(n.text)) ix.permissionIdentifiers.push(n);
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) {
      ix.strings.push(n);
      if (n.text.includes('/v')) ix.permissionCandidates.push(n);
    }
    if (ts.isNumericLiteral(n) && n.text === '403') ix.status403.push(n);
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) ix.permissionCandidates.push(n);
    if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
      ix.calls.push(n);
      ix.callFunctions.push(fn);
      ix.callsAndAssignments.push(n);
    }
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken) ix.callsAndAssignments.push(n);
    if ((ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken) || ts.isTemplateExpression(n)) ix.permissionCandidates.push(n);
    if (ts.isElementAccessExpression(n) && ts.isStringLiteral(n.argumentExpression) && n.argumentExpression.text === 'Geolocation') ix.permissionCandidates.push(n);
    if (ts.isVariableDeclaration(n)) {
      if (ts.isObjectBindingPattern(n.name)) ix.permissionCandidates.push(n);
      ix.declared.push(...bound(n.name));
    }
    if (ts.isParameter(n)) ix.parameterNames.push(...bound(n.name));
    if (ts.isClassLike(n) && n.name) ix.declared.push(n.name.text);
    const name = (n as { name?: ts.Node }).name;
    if (DECLARATIONS.includes(n.kind) && name && ts.isIdentifier(name)) ix.declared.push(name.text);
    if (ts.isObjectLiteralExpression(n) || ts.isClassLike(n)) ix.objects.push(n);
    if (ts.isPropertyAssignment(n) && ['handle', 'translation'].includes(propertyNameText(n.name) ?? '')) ix.namedProperties.push(n);
    if (ts.isPropertyAccessExpression(n) && MEMBERS.includes(n.name.text)) ix.members.push(n);
    else if (ts.isPropertyAccessExpression(n) && n.name.text === 'Geolocation') ix.permissionCandidates.push(n);
    if (ts.isExpressionStatement(n) || ts.isVariableStatement(n) || ts.isReturnStatement(n)) {
      if (text[n.end - 1] === ';') ix.semicolonsWith++;
      else ix.semicolonsWithout++;
    }
    if (isFunctionNode(n) && fn) ix.outerFunction.push(n, fn);
    ts.forEachChild(n, (c) => visit(c, isFunctionNode(n) ? n : fn));
  };
  visit(st, undefined);
  return ix;
}

/** The same parts from plain walks of their own, over TypeScript's tree with its own parents. */
function separateParts(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, /*setParentNodes*/ true, KIND(file));
  return sf.statements.map((st) => `${dumpModule(moduleWalk(st, text))}\n${dumpSyntax(syntaxWalk(st, text))}`);
}

let n = 0;
const walked = { count: 0 };

/** `text` as the next version of `file` (parsed incrementally when it can be) and parsed afresh, against a walk each. */
function same(file: string, text: string, what: string): void {
  const separate = separateParts(file, text);
  const fresh = { count: 0 };
  const other = path.join(path.dirname(file), `merged-walk-${++n}${path.extname(file)}`);
  for (const [engine, how] of [[engineParts(other, text, fresh), 'parse walk'], [engineParts(file, text, walked), 'next version']] as const) {
    assert.equal(engine.length, separate.length, `${what}: statements`);
    for (let i = 0; i < engine.length; i++) {
      if (engine[i] !== separate[i]) assert.fail(`${what}: statement ${i}'s parts differ\n--- ${how}\n${engine[i]}\n--- a walk each\n${separate[i]}`);
    }
  }
  assert.equal(fresh.count, 0, `${what}: a fresh parse indexes every statement in its walk`);
}

describe('one walk for the parents, the module index and the syntax index', () => {
  afterEach(() => clearParseCache());

  it('equals a walk each over 150 seeded random skills and 8 random edits of each', function () {
    this.timeout(120_000);
    const r = new Random(5150);
    let compared = 0;
    walked.count = 0;
    for (let s = 0; s < 150; s++) {
      const files = randomSkill(r, s % 2 === 0);
      for (const [name, original] of Object.entries(files)) {
        let text = original;
        for (let e = 0; e <= 8; e++) {
          same(path.join('/skill', name), text, `skill ${s} ${name} edit ${e}`);
          compared++;
          text = randomEdit(r, text);
        }
        clearParseCache();
      }
    }
    assert.ok(compared > 1300);
    // Statements of edited versions that the re-parse made anew, indexed by buildIndex's walk.
    assert.ok(walked.count > 2000, `only ${walked.count} statements indexed after a re-parse`);
  });

  it('equals a walk each on the fixtures with 3 x 150 random pieces typed in (imports, exports, classes, tables, JSDoc)', function () {
    this.timeout(120_000);
    walked.count = 0;
    for (const name of ['index.js', 'receipts.ts', 'legacy.js']) {
      const file = path.join(LAMBDA, name);
      const r = new Random(99 + name.length);
      let text = fs.readFileSync(file, 'utf8');
      for (let step = 0; step < 150; step++) {
        const at = r.int(text.length + 1);
        text = r.chance(0.75) ? text.slice(0, at) + r.pick(PIECES) + text.slice(at) : text.slice(0, at) + text.slice(at + 1 + r.int(10));
        same(file, text, `${name} step ${step}`);
      }
      clearParseCache();
    }
    assert.ok(walked.count > 800, `only ${walked.count} statements indexed after a re-parse`);
  });
});
