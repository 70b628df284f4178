import { strict as assert } from 'assert';
import * as path from 'path';
import * as ts from 'typescript';
import { Value, resolverOf } from '../../server/src/engine/code/bindings';
import { spanOfNode } from '../../server/src/engine/code/handlers';
import { CODE, analysisOf, where } from './helpers';

/** What the initializer of `const probe = …` in `file` resolves to, as `file:range` of the node, or the module path. */
function probe(files: Record<string, string>, file = 'index.ts'): string {
  const a = analysisOf(files);
  const r = resolverOf(a);
  const ix = r.set.files.get(path.join(CODE, file))!;
  let init: ts.Expression | undefined;
  const visit = (n: ts.Node): void => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === 'probe') init = n.initializer;
    ts.forEachChild(n, visit);
  };
  visit(ix.parsed.sourceFile);
  const v: Value | undefined = r.value(ix.file, init!);
  if (!v) return 'unresolved';
  if (v.kind === 'module') return `module ${v.spec}${v.file ? ` (${path.relative(CODE, v.file)})` : ''} [${v.path.join('.')}]`;
  return `${where(files, spanOfNode(v.file, v.node))} ${ts.SyntaxKind[v.node.kind]}`;
}

describe('code/bindings', () => {
  it('follows ES named, renamed, default and star re-exports across modules', () => {
    const files = {
      'strings.ts': "export const ASK = 'What is your name?';\nconst hidden = 'x';\nexport { hidden as renamed };\nexport default { greeting: 'Hi' };\n",
      'barrel.ts': "export * from './strings';\nexport { ASK as ASK2 } from './strings';\n",
      'index.ts': "import { ASK2, renamed } from './barrel';\nimport S from './strings';\nconst probe = ASK2;\n",
    };
    assert.equal(probe(files), "strings.ts:1:20-1:40 StringLiteral");
    assert.equal(probe({ ...files, 'index.ts': "import { renamed } from './barrel';\nconst probe = renamed;\n" }), 'strings.ts:2:16-2:19 StringLiteral');
    assert.equal(probe({ ...files, 'index.ts': "import S from './strings';\nconst probe = S.greeting;\n" }), 'strings.ts:4:28-4:32 StringLiteral');
    assert.equal(probe({ ...files, 'index.ts': "import * as B from './barrel';\nconst probe = B.ASK;\n" }), 'strings.ts:1:20-1:40 StringLiteral');
  });

  it('follows CommonJS exports, destructuring, element access and TypeScript import-equals', () => {
    const files = {
      'a.js': "const PROMPTS = { ask: { phone: 'Your number?' } };\nmodule.exports = PROMPTS;\n",
      'b.js': "exports.x = 1;\nmodule.exports.y = 'why';\n",
      'index.ts': "import a = require('./a');\nconst probe = a.ask['phone'];\n",
    };
    assert.equal(probe(files), 'a.js:1:33-1:47 StringLiteral');
    assert.equal(probe({ ...files, 'index.ts': "const { ask: { phone } } = require('./a');\nconst probe = phone;\n" }), 'a.js:1:33-1:47 StringLiteral');
    assert.equal(probe({ ...files, 'index.ts': "const b = require('./b.js');\nconst probe = b.y;\n" }), 'b.js:2:20-2:25 StringLiteral');
  });

  it('keeps package values as module paths and leaves run-time values unresolved', () => {
    assert.equal(probe({ 'index.ts': "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nconst probe = DynamoDBClient;\n" }), 'module @aws-sdk/client-dynamodb [DynamoDBClient]');
    assert.equal(probe({ 'index.ts': "const AWS = require('aws-sdk');\nconst probe = AWS.DynamoDB.DocumentClient;\n" }), 'module aws-sdk [DynamoDB.DocumentClient]');
    assert.equal(probe({ 'index.ts': 'function f(x: string) { const probe = x; return probe; }\n' }), 'unresolved');
    assert.equal(probe({ 'index.ts': "const a = require('./a');\nconst probe = a.nothing;\n", 'a.js': 'module.exports = compute();\n' }), 'unresolved');
    // Shadowing: the inner declaration wins.
    assert.equal(probe({ 'index.ts': "const v = 'outer';\nfunction g() { const v = 'inner'; const probe = v; return probe; }\n" }), 'index.ts:2:26-2:33 StringLiteral');
    // Cycles end.
    assert.equal(probe({ 'index.ts': "import { x } from './c';\nconst probe = x;\n", 'c.ts': "export { x } from './index';\n" }), 'unresolved');
  });
});
