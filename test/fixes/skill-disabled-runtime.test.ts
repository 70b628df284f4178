/**
 * The SkillDisabled fix of `no-data-deletion`, proved by running it: the fixture skill is linted,
 * the fix applied in a temporary copy, the fixed module loaded and a real
 * `AlexaSkillEvent.SkillDisabled` envelope invoked through ask-sdk-core with an in-memory
 * persistence adapter. The linter never runs user code; only this test does, with our own fixture.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import rule from '../../server/src/engine/rules/no-data-deletion';
import { Files, applyEdits, lintFiles } from '../helpers/rule-tester';

const repo = path.resolve(__dirname, '..', '..', '..');
const fixtures = path.join(repo, 'test', 'fixtures', 'lifecycle');

interface Envelope {
  version: string;
  context: { System: { application: { applicationId: string }; user: { userId: string }; apiEndpoint: string } };
  request: Record<string, unknown>;
}

type Attributes = Record<string, unknown>;

/** PersistenceAdapter in memory, keyed by user id. */
class MemoryAdapter {
  readonly store = new Map<string, Attributes>();
  async getAttributes(env: Envelope): Promise<Attributes> {
    return { ...(this.store.get(env.context.System.user.userId) ?? {}) };
  }
  async saveAttributes(env: Envelope, attributes: Attributes): Promise<void> {
    this.store.set(env.context.System.user.userId, { ...attributes });
  }
  async deleteAttributes(env: Envelope): Promise<void> {
    this.store.delete(env.context.System.user.userId);
  }
}

interface SkillModule {
  buildSkill(adapter: MemoryAdapter): { invoke(env: Envelope): Promise<{ response?: { outputSpeech?: { ssml?: string } } }> };
}

function envelope(userId: string, request: Record<string, unknown>): Envelope {
  return {
    version: '1.0',
    context: { System: { application: { applicationId: 'amzn1.ask.skill.fixture' }, user: { userId }, apiEndpoint: 'https://api.amazonalexa.com' } },
    request: { requestId: `req-${userId}-${String(request.type)}`, timestamp: '2026-01-01T00:00:00Z', locale: 'en-US', ...request },
  };
}

const remember = (userId: string, colour: string): Envelope =>
  envelope(userId, { type: 'IntentRequest', intent: { name: 'RememberColourIntent', confirmationStatus: 'NONE', slots: { colour: { name: 'colour', value: colour, confirmationStatus: 'NONE' } } } });

const disabled = (userId: string): Envelope =>
  envelope(userId, { type: 'AlexaSkillEvent.SkillDisabled', eventCreationTime: '2026-01-01T00:00:00Z', eventPublishingTime: '2026-01-01T00:00:01Z', body: { userInformationPersistenceStatus: 'PERSISTED' } });

function readFixture(dir: string): Files {
  const out: Files = {};
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p).split(path.sep).join('/')] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/** The fixture with the `add-data-deletion` fix applied. */
function fixed(files: Files): Files {
  const { root, findings } = lintFiles(files, rule);
  assert.equal(findings.length, 1, 'the fixture has exactly one no-data-deletion finding');
  const fix = findings[0].fixes.find((f) => f.id === 'add-data-deletion');
  assert.ok(fix, 'the finding has the add-data-deletion fix');
  const out = applyEdits(files, root, fix.edits);
  assert.match(out['skill.json'], /"eventName": "SKILL_DISABLED"/);
  assert.equal(lintFiles(out, rule).findings.length, 0, 'the fixed skill has no finding');
  return out;
}

/** Writes a module under out/ (so `require('ask-sdk-core')` resolves from the repo) and loads it fresh. */
function load(name: string, source: string): SkillModule {
  const dir = fs.mkdtempSync(path.join(repo, 'out', `tmp-${name}-`));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'index.js');
  fs.writeFileSync(file, source);
  return require(file) as SkillModule;
}

async function exercise(mod: SkillModule): Promise<MemoryAdapter> {
  const adapter = new MemoryAdapter();
  const skill = mod.buildSkill(adapter);
  await skill.invoke(remember('amzn1.ask.account.ALICE', 'teal'));
  await skill.invoke(remember('amzn1.ask.account.BOB', 'red'));
  assert.deepEqual(adapter.store.get('amzn1.ask.account.ALICE'), { colour: 'teal' }, 'the skill stored the colour');
  await skill.invoke(disabled('amzn1.ask.account.ALICE'));
  return adapter;
}

describe('no-data-deletion fix at run time (ask-sdk-core)', function () {
  this.timeout(60000);

  it('without the fix, a SkillDisabled request finds no handler and the data stays', async () => {
    const files = readFixture(path.join(fixtures, 'js'));
    const mod = load('unfixed', files['lambda/index.js']);
    const adapter = new MemoryAdapter();
    const skill = mod.buildSkill(adapter);
    await skill.invoke(remember('amzn1.ask.account.ALICE', 'teal'));
    await assert.rejects(skill.invoke(disabled('amzn1.ask.account.ALICE')), /Unable to find a suitable request handler/);
    assert.deepEqual(adapter.store.get('amzn1.ask.account.ALICE'), { colour: 'teal' });
  });

  it('JavaScript: the fixed skill deletes the disabling user\'s attributes and keeps everyone else\'s', async () => {
    const out = fixed(readFixture(path.join(fixtures, 'js')));
    const adapter = await exercise(load('js', out['lambda/index.js']));
    assert.equal(adapter.store.has('amzn1.ask.account.ALICE'), false, "ALICE's attributes are deleted");
    assert.deepEqual(adapter.store.get('amzn1.ask.account.BOB'), { colour: 'red' }, "BOB's attributes stay");
  });

  it('TypeScript: the fixed handler type-checks under strict and deletes the attributes', async () => {
    const out = fixed(readFixture(path.join(fixtures, 'ts')));
    const source = out['lambda/index.ts'];
    // Type-check against the real ask-sdk-core declarations.
    const dir = fs.mkdtempSync(path.join(repo, 'out', 'tmp-tscheck-'));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'index.ts');
    fs.writeFileSync(file, source);
    const program = ts.createProgram([file], { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, types: [], skipLibCheck: true, ignoreDeprecations: '6.0' });
    const diags = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    assert.deepEqual(diags, [], 'the fixed TypeScript compiles');
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
    const adapter = await exercise(load('ts', js));
    assert.equal(adapter.store.has('amzn1.ask.account.ALICE'), false);
    assert.deepEqual(adapter.store.get('amzn1.ask.account.BOB'), { colour: 'red' });
  });
});
