/**
 * The keystroke path's warm-up (server/src/lsp/warmup.ts): opening a large code file makes the
 * server type into a generated skill of its own and into a few strings of the opened file while it
 * is idle. None of it may show: nothing is sent, the diagnostics and the run their code actions
 * refer to stay, what the engine keeps afterwards gives the findings a fresh check gives, and the
 * generated skill leaves nothing behind.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TestClient, uriOf, waitFor } from '../helpers/lsp-client';
import { REPO } from '../helpers/cli';
import { StatsResult } from '../../server/src/lsp/protocol';
import { SkillWorkspace } from '../../server/src/lsp/workspace';
import { PRIME_EDITS, WARM_UP_EDITS, WARM_UP_MIN_LINES, primeOffsets, primeSteps, warmUpSkillFiles, warmUpSteps } from '../../server/src/lsp/warmup';
import { clearParseCache, isParsed } from '../../server/src/engine/code/parse';
import { releaseSkill } from '../../server/src/engine/release';
import { Finding } from '../../server/src/engine';

const SETTINGS = { enable: true, run: 'onType' as const, rules: {} };
const flat = (m: Map<string, Finding[]> | undefined): Finding[] => [...(m ?? new Map<string, Finding[]>()).values()].flat();

/** The pizza example with its handler file grown past the warm-up's threshold by helpers that log. */
/** A workspace over the skill at `root` with `doc` open as `index`, as the server keeps one. */
function workspaceWith(root: string, index: string, doc: TextDocument): SkillWorkspace {
  const ws = new SkillWorkspace((f) => (f === index ? doc : undefined));
  ws.setFolders([root]);
  ws.host.setOverlay(index, doc.getText());
  return ws;
}

function bigPizza(): { root: string; index: string; text: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-warm-'));
  fs.cpSync(path.join(REPO, 'examples', 'pizza-order'), root, { recursive: true });
  const index = path.join(root, 'lambda', 'index.js');
  const helpers = Array.from({ length: WARM_UP_MIN_LINES / 4 }, (_, i) => `function note${i}(handlerInput) {\n  console.log('note ${i}', handlerInput.requestEnvelope.request.intent);\n  return 'noted ${i}';\n}\n`).join('');
  const text = fs.readFileSync(index, 'utf8') + '\n' + helpers;
  fs.writeFileSync(index, text);
  return { root, index, text };
}

describe('warm-up of the keystroke path', () => {
  describe('the generated skill', () => {
    it('has findings of the rules a keystroke in code runs again, and strings in logs and in speech to type into', () => {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-warm-gen-'));
      try {
        for (const [file, text] of warmUpSkillFiles(root)) {
          fs.mkdirSync(path.dirname(file), { recursive: true });
          fs.writeFileSync(file, text);
        }
        const ws = new SkillWorkspace(() => undefined);
        ws.setFolders([root]);
        const run = ws.lint(root, SETTINGS, (id, e) => assert.fail(`${id}: ${String(e)}`));
        const code = path.join(root, 'lambda', 'index.js');
        const rules = new Set((run?.findingsByFile.get(code) ?? []).map((f) => f.ruleId));
        for (const id of ['voice-data-logged', 'personal-data-shared', 'personal-data-persisted']) assert.ok(rules.has(id), `${id} in ${[...rules].join(', ')}`);
        const text = fs.readFileSync(code, 'utf8');
        assert.ok(text.split('\n').length >= 2000, 'as large as the files it warms up for');
        assert.ok((text.match(/console\.log\('/g) ?? []).length >= 50 && (text.match(/\.reprompt\('/g) ?? []).length >= 50);
        ws.forget(root);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    });

    it('runs one check per step and lets go of everything it parsed, also when stopped early', () => {
      const root = path.join(os.tmpdir(), `spl-warm-memory-${process.pid}`);
      const code = path.join(root, 'lambda', 'index.js');
      let steps = 0;
      for (const _ of warmUpSteps(root, 6, 20)) {
        steps++;
        assert.equal(isParsed(code), true, 'kept between its keystrokes, as an open file is');
      }
      assert.equal(steps, 7, 'the opening and six keystrokes');
      assert.equal(isParsed(code), false);
      const early = warmUpSteps(root, 6, 20);
      early.next();
      early.next();
      early.return();
      assert.equal(isParsed(code), false);
      assert.equal(fs.existsSync(root), false, 'nothing is written to disk');
    });
  });

  describe('priming an opened file', () => {
    it('types into strings spread over the file, never into module specifiers', () => {
      const text = `const a = require('ask-sdk-core');\nimport b from 'axios';\nconsole.log('one');\nconst s = "two";\nexport * from './x';\nspeak('three');\n`;
      const offsets = primeOffsets('/virtual/prime.js', text, 3);
      assert.deepEqual(
        offsets.map((o) => text.slice(o, o + 3)),
        ['one', 'two', 'thr'],
      );
      assert.deepEqual(primeOffsets('/virtual/prime2.js', text, 2).map((o) => text.slice(o, o + 3)), ['one', 'thr']);
    });

    it('leaves the run, and gives the next keystroke the findings a fresh check gives', () => {
      const { root, index, text } = bigPizza();
      try {
        let doc = TextDocument.create(uriOf(index), 'javascript', 1, text);
        const ws = workspaceWith(root, index, doc);
        const opened = ws.lint(root, SETTINGS, () => undefined)!;
        let steps = 0;
        for (const _ of primeSteps(ws, root, index, SETTINGS)) steps++;
        assert.equal(steps, 2 * PRIME_EDITS);
        assert.equal(ws.runs.get(root), opened, 'the run the diagnostics refer to');

        // A keystroke after the priming: the same findings as a check with nothing kept.
        const edited = text.replace("console.log('note 7'", "console.log('note 7x'");
        doc = TextDocument.update(doc, [{ range: { start: doc.positionAt(0), end: doc.positionAt(text.length) }, text: edited }], 2);
        ws.host.setOverlay(index, edited);
        const after = flat(ws.lint(root, SETTINGS, () => undefined)?.findingsByFile);

        releaseSkill(ws.runs.get(root)!.project);
        clearParseCache();
        const fresh = workspaceWith(root, index, doc);
        assert.deepEqual(after, flat(fresh.lint(root, SETTINGS, () => undefined)?.findingsByFile));
        assert.ok(after.some((f) => f.ruleId === 'voice-data-logged' && f.file === index));
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    });

    it('stops when the document changes', () => {
      const { root, index, text } = bigPizza();
      try {
        const doc = TextDocument.create(uriOf(index), 'javascript', 1, text);
        const ws = workspaceWith(root, index, doc);
        ws.lint(root, SETTINGS, () => undefined);
        const steps = primeSteps(ws, root, index, SETTINGS);
        assert.equal(steps.next().done, false);
        TextDocument.update(doc, [{ range: { start: doc.positionAt(0), end: doc.positionAt(0) }, text: ' ' }], 2);
        assert.equal(steps.next().done, true);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    });
  });

  describe('in the language server', function () {
    this.timeout(120000);
    let root: string;
    let client: TestClient;
    const stats = () => client.connection.sendRequest<StatsResult>('skillPrivacy/stats');

    afterEach(async () => {
      await client.stop();
      fs.rmSync(root, { recursive: true, force: true });
    });

    async function start(dir: string): Promise<void> {
      root = dir;
      client = new TestClient({ rootFolder: root });
      await client.initializeAndScan();
    }

    async function idle(): Promise<StatsResult> {
      for (let s = await stats(); ; s = await stats()) {
        if (s.pending === 0) return s;
        await new Promise((r) => setTimeout(r, 20));
      }
    }

    it('warms up once a large file is open, sends nothing, and keeps the diagnostics and their code actions', async () => {
      const big = bigPizza();
      await start(big.root);
      await client.open(big.index, big.text);
      await waitFor('the diagnostics of the opened file', () => client.diagnostics.get(uriOf(big.index))?.version === 1, 60000);
      // Answered after everything the open's check sent.
      await stats();
      const published = client.publications.length;
      const shown = client.diagnosticsOf(big.index);
      const s = await idle();
      assert.deepEqual(s.warmUp.state, 'done');
      assert.equal(s.warmUp.checks, 1 + WARM_UP_EDITS + 2 * PRIME_EDITS);
      assert.equal(s.warmUp.primed, 1);
      assert.equal(client.publications.length, published, 'the warm-up sent nothing');
      assert.deepEqual(client.diagnosticsOf(big.index), shown);

      const logged = shown.find((d) => d.code === 'voice-data-logged');
      assert.ok(logged);
      const actions = await client.codeActions(big.index, [logged]);
      assert.ok(actions.some((a) => /^Disable voice-data-logged for this line$/.test(a.title)), 'code actions still refer to the run shown');

      // A second large file: primed, the generated skill not typed into again.
      const other = path.join(big.root, 'lambda', 'more.js');
      fs.writeFileSync(other, big.text.slice(big.text.indexOf('function note0')));
      await client.open(other, fs.readFileSync(other, 'utf8'));
      const again = await idle();
      assert.equal(again.warmUp.primed, 2);
      assert.equal(again.warmUp.checks, s.warmUp.checks + 2 * PRIME_EDITS);
    });

    it('does not start for small files', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-warm-small-'));
      fs.cpSync(path.join(REPO, 'examples', 'pizza-order'), dir, { recursive: true });
      await start(dir);
      const index = path.join(dir, 'lambda', 'index.js');
      await client.open(index, fs.readFileSync(index, 'utf8'));
      await waitFor('the diagnostics of the opened file', () => client.diagnostics.get(uriOf(index))?.version === 1, 60000);
      assert.equal((await idle()).warmUp.state, 'not started');
    });
  });
});
