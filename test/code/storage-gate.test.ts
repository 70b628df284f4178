/**
 * code/storage.ts resolves a file's calls only where the file, or a file it reaches through its
 * imports, imports a library that can store data (sinks.ts `mayStore`). These tests check the
 * premise (no other library's values become a store, whatever is called on them), that stores
 * reached only through another module or a template-literal `require` are still found, that
 * ask-sdk's stores by name are found without any resolution, and that an edit
 * which adds or removes such a library anywhere in the closure is seen. The random differential
 * run is in cold-shortcuts.test.ts.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SkillAnalysis } from '../../server/src/engine/analysis';
import { LibRef, classifyLibCall, libOfGlobal, libOfModule, mayStore } from '../../server/src/engine/code/sinks';
import { storageFacts, storageStats } from '../../server/src/engine/code/storage';
import { codeSkill } from '../helpers/code-skill';
import { Sides } from './sides';

/** Every quoted word of sinks.ts (module names, method names, services): the names its rules look at. */
function namesInSinks(): string[] {
  const text = fs.readFileSync(path.join(__dirname, '../../../server/src/engine/code/sinks.ts'), 'utf8');
  const words = new Set<string>(['', 'x', 'constructor']);
  for (const m of text.matchAll(/'([@\w/.-]+)'/g)) words.add(m[1]);
  for (const m of text.matchAll(/^\s+'?([\w-]+)'?: /gm)) words.add(m[1]);
  return [...words];
}

describe('storage analysis skips resolution where no storing library is imported', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-storage-gate-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the premise: a value of a library that cannot store never becomes one, through three calls or constructions of any name sinks.ts knows', () => {
    const names = namesInSinks();
    assert.ok(names.length > 300, `${names.length} names`);
    const starts: LibRef[] = [];
    for (const spec of names) {
      const ref = libOfModule(spec);
      if (ref && !mayStore(ref.lib)) starts.push(ref);
    }
    for (const g of ['console', 'fetch']) starts.push(libOfGlobal(g)!);
    // The families that are not stores are all there: loggers, HTTP clients, analytics, messaging, ask-sdk, any package.
    for (const family of ['log:', 'http:', 'analytics:', 'msg:', 'ask', 'alexa-sdk', 'pkg:', 'console']) assert.ok(starts.some((r) => r.lib.startsWith(family)), family);
    let calls = 0;
    let frontier = starts;
    for (let depth = 0; depth < 3; depth++) {
      const next = new Map<string, LibRef>();
      for (const ref of frontier) {
        for (const m of names) {
          for (const isNew of [false, true]) {
            const at: LibRef = { lib: ref.lib, path: [...ref.path, m] };
            const rule = classifyLibCall(at, isNew);
            calls++;
            assert.ok(!(rule?.t === 'sink' && rule.kind === 'persist'), `${at.lib} ${at.path.join('.')}: a store`);
            const result = rule?.t === 'lib' || rule?.t === 'sink' ? rule.result : undefined;
            if (result) {
              assert.ok(!mayStore(result.lib), `${at.lib} ${at.path.join('.')} gives ${result.lib}`);
              next.set(`${result.lib} ${result.path.join('.')}`, result);
            }
          }
        }
      }
      frontier = [...next.values()];
    }
    assert.ok(calls > 100_000, `${calls} calls classified`);
    // And the libraries that store are known as such.
    for (const spec of ['aws-sdk', 'aws-sdk/clients/dynamodb', '@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', 'mongoose', 'pg', 'redis', 'firebase-admin']) assert.ok(mayStore(libOfModule(spec)!.lib), spec);
  });

  const HANDLER = (head: string, body: string): string =>
    `const Alexa = require('ask-sdk-core');\n${head}\nconst SaveHandler = {\n  canHandle(handlerInput) {\n    return Alexa.getRequestType(handlerInput.requestEnvelope) === 'IntentRequest';\n  },\n  async handle(handlerInput) {\n${body}\n    return handlerInput.responseBuilder.getResponse();\n  },\n};\nexports.handler = Alexa.SkillBuilders.custom().addRequestHandlers(SaveHandler).lambda();\n`;

  /** The stores and deletes found (writes first), as `kind file:line description`, and the resolutions it took. */
  function facts(sides: Sides): { ops: string[]; resolutions: number } {
    const before = storageStats.resolutions;
    const skill = sides.inc.skill;
    const f = storageFacts(new SkillAnalysis(skill));
    const text = (file: string): string => skill.code.find((c) => c.file === file)!.text;
    const line = (file: string, offset: number): number => text(file).slice(0, offset).split('\n').length;
    const ops = [...f.writes, ...f.deletes].map((op) => `${op.kind} ${path.relative(sides.inc.root, op.file)}:${line(op.file, op.offset)} ${op.description}`);
    return { ops, resolutions: storageStats.resolutions - before };
  }

  it("finds ask-sdk's stores by name without resolving a call, and a library's store once it is imported", () => {
    const index = HANDLER(
      "const axios = require('axios');",
      "    handlerInput.attributesManager.setPersistentAttributes({ id: 1 });\n    await handlerInput.attributesManager.savePersistentAttributes();\n    await axios.post('https://crm.example.com/x', { id: 1 });\n    await db.put({ Item: { id: 1 } }).promise();",
    );
    const sides = new Sides(codeSkill({ 'index.js': index }), dir);
    const plain = facts(sides);
    assert.deepEqual(plain.ops, [
      'attributes lambda/index.js:8 `setPersistentAttributes()` (ask-sdk persistent attributes)',
      'attributes lambda/index.js:9 `savePersistentAttributes()` (ask-sdk persistent attributes)',
    ]);
    assert.equal(plain.resolutions, 0);
    // `db` becomes a DynamoDB DocumentClient: the same statements, resolved now.
    sides.edit('lambda/index.js', (t) => t.replace("const axios = require('axios');", "const axios = require('axios');\nconst AWS = require('aws-sdk');\nconst db = new AWS.DynamoDB.DocumentClient();"));
    const stored = facts(sides);
    assert.deepEqual(stored.ops.slice(2), ['db lambda/index.js:13 `db.put` (DynamoDB)']);
    assert.ok(stored.resolutions > 0);
    // And gone again with the library: `aws-skd` is no known module.
    sides.edit('lambda/index.js', (t) => t.replace("require('aws-sdk')", "require('aws-skd')"));
    assert.equal(facts(sides).ops.length, 2);
  });

  it('follows the library through a module that re-exports it, and through a require of a template literal', () => {
    const index = HANDLER("const { DynamoDB } = require('./aws');\nconst db = new DynamoDB.DocumentClient();", "    await db.delete({ Key: { id: 1 } }).promise();\n    await db.put({ Item: { id: 1 } }).promise();");
    const sides = new Sides(codeSkill({ 'index.js': index, 'aws.js': "module.exports = require('aws-sdk');\n" }), dir);
    const want = ['db lambda/index.js:10 `db.put` (DynamoDB)', 'db lambda/index.js:9 `db.delete` (DynamoDB)'];
    assert.deepEqual(facts(sides).ops, want);
    // The re-exporting module edited, not the file of the calls: its statements are checked again.
    sides.edit('lambda/aws.js', (t) => t.replace("'aws-sdk'", "'aws-skd'"));
    assert.deepEqual(facts(sides).ops, []);
    sides.edit('lambda/aws.js', (t) => t.replace("'aws-skd'", '`aws-sdk`'));
    assert.deepEqual(facts(sides).ops, want);
    // In the file itself.
    sides.edit('lambda/index.js', (t) => t.replace("require('./aws')", 'require(`aws-sdk`)'));
    assert.deepEqual(facts(sides).ops, want);
  });
});
