/**
 * What the language server reuses between checks (server/src/lsp/workspace.ts, publications.ts,
 * engine/config.ts): the findings of a skill none of whose inputs changed, parsed configs, and the
 * diagnostics already sent. Every cache must see a change of what it depends on, and the cached
 * path must give exactly what a fresh run gives, over many seeded random edits.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SkillRun, SkillWorkspace } from '../../server/src/lsp/workspace';
import { Publications } from '../../server/src/lsp/publications';
import { Snapshots, relatedPositions, toDiagnostic } from '../../server/src/lsp/convert';
import { Settings } from '../../server/src/lsp/settings';
import { DiskFileHost, Finding, lintSkill, loadSkill } from '../../server/src/engine';
import { detectSkillAt } from '../../server/src/engine/project/discover';
import { emptyConfig, parseConfig } from '../../server/src/engine/config';
import { isJsonCached } from '../../server/src/engine/json/document';
import { pathToUri } from '../../server/src/lsp/uri';
import { REPO } from '../helpers/cli';
import { Random } from '../robustness/support';

const SETTINGS: Settings = { enable: true, run: 'onType', rules: {} };
const flat = (run: SkillRun | undefined): Finding[] => [...(run?.findingsByFile.values() ?? [])].flat();

/** A copy of the pizza-order example inside a workspace folder, with files that can be opened. */
class Fixture {
  readonly folder = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-reuse-'));
  readonly root = path.join(this.folder, 'pizza');
  readonly index = path.join(this.root, 'lambda', 'index.js');
  readonly manifest = path.join(this.root, 'skill-package', 'skill.json');
  readonly models = path.join(this.root, 'skill-package', 'interactionModels', 'custom');
  readonly docs = new Map<string, TextDocument>();
  readonly ws = new SkillWorkspace((file) => this.docs.get(file));
  private tick = 0;

  constructor() {
    fs.cpSync(path.join(REPO, 'examples', 'pizza-order'), this.root, { recursive: true });
    this.ws.setFolders([this.folder]);
  }

  open(file: string, text = fs.readFileSync(file, 'utf8')): void {
    const old = this.docs.get(file);
    this.docs.set(file, TextDocument.create(pathToUri(file), 'javascript', (old?.version ?? 0) + 1, text));
    this.ws.host.setOverlay(file, text);
  }

  close(file: string): void {
    this.docs.delete(file);
    this.ws.host.setOverlay(file, undefined);
  }

  /** Writes a file on disk with a new mtime, as an editor or git would. */
  write(file: string, text: string | undefined): void {
    if (text === undefined) fs.rmSync(file, { force: true });
    else {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
      const t = new Date(Date.now() + ++this.tick * 1000);
      fs.utimesSync(file, t, t);
    }
    this.ws.invalidate();
  }

  lint(settings: Settings = SETTINGS): SkillRun {
    const run = this.ws.lint(this.root, settings, (id, e) => assert.fail(`rule ${id} failed: ${String(e)}`));
    assert.ok(run);
    return run;
  }

  /** A check from nothing: a new host with the open documents laid over it, configs parsed afresh. */
  fresh(settings: Settings = SETTINGS): { findings: Finding[]; host: DiskFileHost } {
    const host = new DiskFileHost();
    for (const [file, doc] of this.docs) host.setOverlay(file, doc.getText());
    const project = detectSkillAt(this.root, host);
    assert.ok(project);
    let config = emptyConfig();
    for (const dir of [this.root, this.folder]) {
      const r = host.readText(path.join(dir, '.skillprivacyrc.json'));
      if (r.kind === 'text') {
        config = parseConfig(path.join(dir, '.skillprivacyrc.json'), r.text);
        break;
      }
    }
    return { findings: lintSkill(loadSkill(project, host), { severities: settings.rules, config }), host };
  }

  remove(): void {
    fs.rmSync(this.folder, { recursive: true, force: true });
  }
}

describe('language server: what is reused between checks', () => {
  let fx: Fixture;
  beforeEach(() => {
    fx = new Fixture();
  });
  afterEach(() => fx.remove());

  it('reuses the findings (same run) when nothing changed, and runs the rules when the settings change', () => {
    const first = fx.lint();
    const again = fx.lint();
    assert.equal(again.run, first.run);
    assert.equal(again.findingsByFile, first.findingsByFile);
    const off = fx.lint({ ...SETTINGS, rules: { 'voice-data-logged': 'off' } });
    assert.notEqual(off.run, first.run);
    assert.ok(flat(first).some((f) => f.ruleId === 'voice-data-logged'));
    assert.ok(!flat(off).some((f) => f.ruleId === 'voice-data-logged'));
  });

  it('sees a new model file created on disk', () => {
    const before = fx.lint();
    const es = path.join(fx.models, 'es-ES.json');
    fx.write(es, fs.readFileSync(path.join(fx.models, 'en-US.json'), 'utf8').replace('"pizza', '"pizza es'));
    const after = fx.lint();
    assert.notEqual(after.run, before.run);
    assert.ok(!flat(before).some((f) => f.file === es));
    assert.ok(flat(after).some((f) => f.file === es && f.ruleId === 'personal-data-slot'), 'the new locale is checked');
    assert.deepEqual(flat(after), fx.fresh().findings);
  });

  it('sees a .skillprivacyrc.json created, changed and deleted, in the skill or the folder above it', () => {
    const rc = path.join(fx.root, '.skillprivacyrc.json');
    const base = flat(fx.lint());
    assert.ok(base.some((f) => f.ruleId === 'voice-data-logged'));
    fx.write(rc, JSON.stringify({ rules: { 'voice-data-logged': 'off' } }));
    assert.ok(!flat(fx.lint()).some((f) => f.ruleId === 'voice-data-logged'), 'created');
    fx.write(rc, JSON.stringify({ rules: { 'voice-data-logged': 'info' } }, null, 2));
    const info = flat(fx.lint()).filter((f) => f.ruleId === 'voice-data-logged');
    assert.ok(info.length > 0 && info.every((f) => f.severity === 'info'), 'changed');
    fx.write(rc, undefined);
    assert.deepEqual(flat(fx.lint()), base, 'deleted');
    const above = path.join(fx.folder, '.skillprivacyrc.json');
    fx.write(above, JSON.stringify({ ignore: ['pizza/lambda/**'] }));
    const ignored = flat(fx.lint());
    assert.ok(!ignored.some((f) => f.file.includes(`${path.sep}lambda${path.sep}`)), 'a config in the folder above applies');
    assert.deepEqual(ignored, fx.fresh().findings);
  });

  it('sees a model edited on disk while a code file is open', () => {
    fx.open(fx.index);
    const before = fx.lint();
    assert.equal(before.versions.get(fx.index), 1);
    const en = path.join(fx.models, 'en-US.json');
    const text = fs.readFileSync(en, 'utf8');
    assert.ok(text.includes('AMAZON.PhoneNumber'));
    fx.write(en, text.split('AMAZON.PhoneNumber').join('AMAZON.Color'));
    const after = fx.lint();
    assert.notEqual(after.run, before.run);
    assert.notDeepEqual(flat(after), flat(before));
    assert.deepEqual(flat(after), fx.fresh().findings);
  });

  it('reuses the findings for a new version with the same text, under that version', () => {
    fx.open(fx.index);
    const first = fx.lint();
    fx.open(fx.index, fs.readFileSync(fx.index, 'utf8'));
    const same = fx.lint();
    assert.equal(same.run, first.run);
    assert.equal(same.versions.get(fx.index), 2, 'code actions compare this version');
    assert.equal(same.snaps.get(fx.index).version, 2);
  });

  it('opening a file of a skill checked closed runs the rules again, so its trees are kept for the next keystroke', () => {
    const closed = fx.lint();
    assert.equal(isJsonCached(fx.manifest), false, 'parsed JSON of a skill nobody edits is let go');
    assert.ok(closed.skill().manifest, 'and loaded again on demand');
    fx.open(fx.index);
    const open = fx.lint();
    assert.notEqual(open.run, closed.run);
    assert.equal(isJsonCached(fx.manifest), true, 'kept while a file of the skill is open');
    assert.deepEqual(flat(open), flat(closed));
  });
});

/** A diagnostic as the client holds it, without the run id (diagnostics not re-sent keep an older one). */
const shown = (d: Diagnostic) => JSON.stringify({ ...d, data: { ...(d.data as object), run: 0 } });

/** Lines a developer types into a handler, some of them half-typed. */
const SNIPPETS = [
  "    console.log('slot', Alexa.getSlotValue(handlerInput.requestEnvelope, 'phone'));\n",
  "    const email = await handlerInput.serviceClientFactory.getUpsServiceClient().getProfileEmail();\n",
  '    await axios.post("https://crm.example.com/leads", { email });\n',
  "    const attrs = await handlerInput.attributesManager.getPersistentAttributes();\n",
  '    if (handlerInput.requestEnvelope.context.System.user.permissions) {\n',
  '    }\n',
  "    return handlerInput.responseBuilder.speak('What is your phone number?').getResponse();\n",
  '    const x = Alexa.getSlotValue(handlerInput.requestEnvelope, \n',
  '// skill-privacy-disable-next-line voice-data-logged\n',
  '\n',
];

describe('language server: reused checks and sent diagnostics equal a fresh run (seeded edits)', function () {
  this.timeout(120000);
  let fx: Fixture;
  afterEach(() => fx.remove());

  for (const seed of [7, 1234]) {
    it(`seed ${seed}: 60 random edits of code, models, config and settings`, () => {
      fx = new Fixture();
      const r = new Random(seed);
      const publications = new Publications();
      /** What a client shows per file after the partial publications. */
      const client = new Map<string, { version: number | undefined; diagnostics: string[] }>();
      const en = path.join(fx.models, 'en-US.json');
      const extra = path.join(fx.root, 'lambda', 'extra.js');
      const rcFile = path.join(fx.root, '.skillprivacyrc.json');
      let settings = SETTINGS;
      fx.open(fx.index);
      const history: string[] = [fx.docs.get(fx.index)!.getText()];
      let reused = 0;
      let last: SkillRun | undefined;
      for (let step = 0; step < 60; step++) {
        const op = r.int(10);
        const text = fx.docs.get(fx.index)!.getText();
        if (op <= 2) {
          // Type a line somewhere, or delete one.
          const lines = text.split('\n');
          const at = r.int(lines.length);
          if (r.chance(0.6)) lines.splice(at, 0, r.pick(SNIPPETS).replace(/\n$/, ''));
          else lines.splice(at, 1);
          fx.open(fx.index, lines.join('\n'));
        } else if (op === 3) {
          // Undo: back to an earlier text.
          fx.open(fx.index, r.pick(history));
        } else if (op === 4) {
          const model = fs.readFileSync(en, 'utf8');
          fx.write(en, r.chance(0.5) ? model.split('AMAZON.PhoneNumber').join('AMAZON.SearchQuery') : model.split('AMAZON.SearchQuery').join('AMAZON.PhoneNumber'));
        } else if (op === 5) {
          fx.write(rcFile, r.chance(0.3) ? undefined : JSON.stringify({ rules: { [r.pick(['voice-data-logged', 'personal-data-slot', 'consent-not-checked'])]: r.pick(['off', 'info', 'error']) } }));
        } else if (op === 6) {
          settings = r.chance(0.5) ? SETTINGS : { ...SETTINGS, rules: { 'personal-data-persisted': r.pick(['off', 'info']) } };
        } else if (op === 7) {
          fx.write(extra, r.chance(0.4) ? undefined : `const Alexa = require('ask-sdk-core');\nmodule.exports = (h) => console.log(Alexa.getSlotValue(h.requestEnvelope, 'phone'));\n`);
        } else if (op === 8) {
          // Re-wrap: a space becomes a line break or back; offsets stay, positions after it move.
          const spaces = [...text.matchAll(/[ \n]/g)].map((m) => m.index!);
          const at = r.pick(spaces);
          fx.open(fx.index, text.slice(0, at) + (text[at] === ' ' ? '\n' : ' ') + text.slice(at + 1));
        } else if (r.chance(0.5)) {
          // Closed and opened again: the trees are let go, then parsed afresh.
          fx.close(fx.index);
          fx.lint(settings);
          fx.open(fx.index, text);
        }
        history.push(fx.docs.get(fx.index)?.getText() ?? text);

        const run = fx.lint(settings);
        if (last && run.run === last.run) reused++;
        last = run;
        const fresh = fx.fresh(settings);
        assert.deepEqual(flat(run), fresh.findings, `step ${step} (operation ${op}): the findings of a fresh run`);

        // The client's view after only the planned publications equals sending every file.
        const plan = publications.plan(fx.root, run.findingsByFile, (f) => fx.docs.get(f)?.version, (f) => fx.ws.textOf(f), (f, list) => relatedPositions(f, list, run.snaps));
        for (const file of plan.send) client.set(file, { version: fx.docs.get(file)?.version, diagnostics: run.findingsByFile.get(file)!.map((f, i) => shown(toDiagnostic(f, i, run.run, run.snaps, true))) });
        for (const file of plan.clear) client.delete(file);
        const snaps = new Snapshots((f) => {
          const t = fresh.host.readText(f);
          return t.kind === 'text' ? t.text : undefined;
        });
        for (const [file, doc] of fx.docs) snaps.set(file, doc);
        const expected = new Map<string, { version: number | undefined; diagnostics: string[] }>();
        const byFile = new Map<string, Finding[]>();
        for (const f of fresh.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
        for (const [file, list] of byFile) expected.set(file, { version: fx.docs.get(file)?.version, diagnostics: list.map((f, i) => shown(toDiagnostic(f, i, 0, snaps, true))) });
        assert.deepEqual(new Map([...client].sort()), new Map([...expected].sort()), `step ${step} (operation ${op}): the client shows what a full publication shows`);
      }
      assert.ok(reused > 0, 'some checks reused their findings');
    });
  }
});
