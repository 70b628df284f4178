/**
 * The cold path's cheaper forms of the syntactic passes (round 7): one StatementFacts record per
 * top-level statement for what the passes keep (code/statement-facts.ts), literal strings without
 * `/v` left out of the permission candidates, the permission list searched only for strings with a
 * colon, and names, wrappers and function names read by kind. Each gives what the form it replaces
 * gave; the premises the shortcuts rest on are checked here too.
 */
import { strict as assert } from 'assert';
import * as path from 'path';
import * as ts from 'typescript';
import { nameOf, propertyNameText, skipWrappers } from '../../server/src/engine/code/bindings';
import { codeHandlers } from '../../server/src/engine/code/handlers';
import { indexFile } from '../../server/src/engine/code/modules';
import { forgetParsed, parseCode } from '../../server/src/engine/code/parse';
import { functionName, mentionedPermissions, permissionUses } from '../../server/src/engine/code/permissioned';
import { speechStatements } from '../../server/src/engine/code/speech';
import { keptFactsOf } from '../../server/src/engine/code/statement-facts';
import { statementIndex } from '../../server/src/engine/code/syntax-index';
import { PERMISSIONS } from '../../server/src/engine/taxonomy/permissions';
import { CODE, analysisOf } from './helpers';

const SKILL = `const Alexa = require('ask-sdk-core');
const URL = '/v2/accounts/~current/settings/Profile.email';
const Launch = {
  canHandle(h) { return Alexa.getRequestType(h.requestEnvelope) === 'LaunchRequest'; },
  async handle(h) {
    const ups = h.serviceClientFactory.getUpsServiceClient();
    const name = await ups.getProfileName();
    await fetch('https://api.amazonalexa.com' + '/v2/accounts/~current/settings/Profile.mobileNumber');
    const scope = 'alexa::profile:given_name:read';
    return h.responseBuilder.speak('Hello ' + name).getResponse();
  },
};
exports.handler = Alexa.SkillBuilders.custom().addRequestHandlers(Launch).lambda();
`;

function parsedStatements(text: string, file = path.join(CODE, 'index.js')): readonly ts.Statement[] {
  return parseCode(file, text).sourceFile.statements;
}

describe('statement facts and the cold shortcuts of the syntactic passes', () => {
  afterEach(() => forgetParsed([path.join(CODE, 'index.js')]));

  it('keeps every pass part of a statement in one record, and a reused statement keeps its record across an edit', () => {
    const file = path.join(CODE, 'index.js');
    const a = analysisOf({ 'index.js': SKILL });
    codeHandlers(a);
    speechStatements(a);
    permissionUses(a);
    mentionedPermissions(a);
    const before = parsedStatements(SKILL, file);
    const handler = before[2];
    const facts = keptFactsOf(handler)!;
    assert.ok(facts, 'the handler statement has a record');
    assert.ok(facts.syntax && facts.module && facts.scan && facts.speech && facts.uses && facts.mentions, 'every pass kept its part in it');
    assert.equal(facts.syntax, statementIndex(handler));
    assert.equal(facts.scan!.handlers.length, 1);
    assert.deepEqual(facts.mentions, ['alexa::profile:given_name:read']);
    // An edit of the last statement: the handler statement is reused by the incremental parse.
    const edited = SKILL.replace('.lambda()', '.lambda() ');
    const b = analysisOf({ 'index.js': edited });
    codeHandlers(b);
    speechStatements(b);
    const after = parsedStatements(edited, file);
    assert.equal(after[2], handler, 'reused');
    assert.equal(keptFactsOf(after[2]), facts, 'with its record');
    assert.notEqual(after[3], before[3]);
    assert.equal(indexFile(file, edited).functions.length, 2);
  });

  it('leaves literal strings without `/v` out of the permission candidates and still finds REST URLs and concatenations', () => {
    const statements = parsedStatements(SKILL);
    const candidates = statements.flatMap((st) => statementIndex(st).permissionCandidates);
    const strings = candidates.filter((n) => ts.isStringLiteral(n)).map((n) => (n as ts.StringLiteral).text);
    // A `+` operand with `/v` is a candidate (as every string was), read with its concatenation.
    assert.deepEqual(strings, ['/v2/accounts/~current/settings/Profile.email', '/v2/accounts/~current/settings/Profile.mobileNumber']);
    assert.ok(!candidates.some((n) => ts.isStringLiteral(n) && !n.text.includes('/v')));
    assert.ok(statements.flatMap((st) => statementIndex(st).strings).some((n) => n.text === 'LaunchRequest'), 'all strings are still in `strings`');
    const uses = permissionUses(analysisOf({ 'index.js': SKILL }));
    assert.deepEqual(
      uses.map((u) => u.api),
      ['the Customer Profile REST API (`/v2/accounts/~current/settings/Profile.email`)', '`getProfileName()`', 'the Customer Profile REST API (`/v2/accounts/~current/settings/Profile.mobileNumber`)'],
    );
  });

  it('finds the method-named uses the same on the second skill as on the first (patterns answered once per name)', () => {
    const code = "async function h(f) {\n  const c = f.getReminderManagementServiceClient();\n  await c.createReminder({});\n  await f.getUpsServiceClient().callGetFullAddress();\n  await f.getUpsServiceClient().getProfileEmail();\n  await f.speak('x');\n}\nmodule.exports = { h };\n";
    const first = permissionUses(analysisOf({ 'index.js': code })).map((u) => u.permission.manifest);
    forgetParsed([path.join(CODE, 'index.js')]);
    const second = permissionUses(analysisOf({ 'index.js': code })).map((u) => u.permission.manifest);
    assert.deepEqual(first, ['alexa::alerts:reminders:skill:readwrite', 'alexa::devices:all:address:full:read', 'alexa::profile:email:read']);
    assert.deepEqual(second, first);
  });

  it('rests the colon prefilter of permission mentions on every manifest name and card scope holding a colon', () => {
    for (const p of PERMISSIONS) {
      assert.ok(p.manifest.includes(':'), p.manifest);
      if (p.card !== undefined) assert.ok(p.card.includes(':'), p.card);
    }
    const mentioned = mentionedPermissions(analysisOf({ 'index.js': "const a = 'read::alexa:device:all:address';\nconst b = 'uses AmazonPay';\nconst c = 'https://x/v1/proactiveEvents/stages/development';\nconst d = 'alexa::profile';\n" }));
    assert.deepEqual([...mentioned].sort(), ['alexa::devices:all:address:full:read', 'alexa::devices:all:notifications:write', 'payments:autopay_consent']);
  });

  it('reads names as the `text` getter does, also for names escaped with a leading underscore', () => {
    const sf = ts.createSourceFile('x.ts', 'a; _b; __c; ___d; ____e; class K { #__f = 1; }', ts.ScriptTarget.Latest, true);
    const ids: Array<ts.Identifier | ts.PrivateIdentifier> = [];
    const visit = (n: ts.Node): void => {
      if (ts.isIdentifier(n) || ts.isPrivateIdentifier(n)) ids.push(n);
      ts.forEachChild(n, visit);
    };
    visit(sf);
    assert.deepEqual(ids.map(nameOf), ['a', '_b', '__c', '___d', '____e', 'K', '#__f']);
    for (const id of ids) assert.equal(nameOf(id), id.text);
  });

  it('skips every wrapper kind, reads property names and names functions by kind as before', () => {
    const expr = (text: string): ts.Expression => (ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, true).statements[0] as ts.ExpressionStatement).expression;
    const fn = ts.createSourceFile('x.ts', 'async function z() { (await (<T>(((x as any)!) satisfies Y))); }', ts.ScriptTarget.Latest, true).statements[0] as ts.FunctionDeclaration;
    const wrapped = (fn.body!.statements[0] as ts.ExpressionStatement).expression;
    assert.equal(ts.SyntaxKind[wrapped.kind], 'ParenthesizedExpression');
    assert.equal(ts.SyntaxKind[skipWrappers(wrapped).kind], 'Identifier');
    const call = expr('f(x)');
    assert.equal(skipWrappers(call), call);
    const obj = expr("({ a: 1, 'b': 2, 3: 3, [`c`]: 4, ['d']: 5, [e]: 6, __f: 7 })") as ts.ParenthesizedExpression;
    const names = (obj.expression as ts.ObjectLiteralExpression).properties.map((p) => propertyNameText(p.name));
    assert.deepEqual(names, ['a', 'b', '3', 'c', 'd', undefined, '__f']);
    const sf = ts.createSourceFile(
      'x.ts',
      'function f() {}\nconst g = function () {};\nconst h = () => {};\nconst o = { p: () => {}, m() {}, get q() { return 1; }, [`r`]() {} };\nclass C { s = () => {}; constructor() {} t() {} }\nx.u = function () {};\nconst { v = () => {} } = {};\nexport default function () {}\ny = function w() {};\n',
      ts.ScriptTarget.Latest,
      true,
    );
    const fns: string[] = [];
    const visit = (n: ts.Node): void => {
      if (ts.isFunctionLike(n) && (n as ts.FunctionLikeDeclaration).body) fns.push(String(functionName(n as Parameters<typeof functionName>[0])));
      ts.forEachChild(n, visit);
    };
    visit(sf);
    assert.deepEqual(fns, ['f', 'g', 'h', 'p', 'm', 'q', 'r', 's', 'undefined', 't', 'u', 'undefined', 'undefined', 'w']);
  });
});
