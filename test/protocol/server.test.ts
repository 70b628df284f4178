/**
 * Protocol tests: the built language server over stdio, driven by a real LSP client.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CodeActionKind, Diagnostic, DiagnosticSeverity, DidSaveTextDocumentNotification, HoverRequest } from 'vscode-languageserver-protocol/node';
import { SERVER_BUNDLE, TestClient, uriOf } from '../helpers/lsp-client';

const repo = path.resolve(__dirname, '..', '..', '..');

function copySkill(name: string): string {
  const dst = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-lsp-'));
  fs.cpSync(path.join(repo, 'examples', name), dst, { recursive: true });
  return dst;
}

const codes = (ds: Diagnostic[]) => ds.map((d) => d.code);

describe('language server over stdio', function () {
  this.timeout(30000);
  let root: string;
  let client: TestClient;
  let manifest: string;

  beforeEach(async () => {
    root = copySkill('pizza-order');
    manifest = path.join(root, 'skill-package', 'skill.json');
    client = new TestClient({ rootFolder: root });
    await client.initialize();
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('scans the workspace at start and publishes diagnostics for files that are not open', async () => {
    const ds = await client.waitForDiagnostics(manifest, 'missing-privacy-policy on skill.json', (d) => codes(d).includes('missing-privacy-policy'));
    const d = ds.find((x) => x.code === 'missing-privacy-policy')!;
    assert.equal(d.source, 'skill-privacy');
    assert.equal(d.severity, DiagnosticSeverity.Error);
    assert.match(d.codeDescription!.href, /docs\/rules\/missing-privacy-policy\.md$/);
    assert.ok(d.message.includes('privacyPolicyUrl'));
    assert.ok(d.relatedInformation && d.relatedInformation.length > 0, 'related information points at what collects personal data');
  });

  it('offers the fix for a missing privacy policy, applies it, and the diagnostic goes away', async () => {
    await client.waitForDiagnostics(manifest, 'initial scan', (d) => codes(d).includes('missing-privacy-policy'));
    const doc = await client.open(manifest, fs.readFileSync(manifest, 'utf8'));
    const ds = await client.waitForDiagnostics(manifest, 'diagnostics of the opened document', (d) => {
      const p = client.diagnostics.get(uriOf(manifest));
      return p?.version === doc.version && codes(d).includes('missing-privacy-policy');
    });
    const missing = ds.filter((d) => d.code === 'missing-privacy-policy');
    const actions = await client.codeActions(manifest, [missing[0]]);
    const all = actions.find((a) => a.title.startsWith('Add privacyPolicyUrl to all'));
    assert.ok(all, `expected a fix-all-locales action, got: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(all.kind, CodeActionKind.QuickFix);
    assert.equal(all.isPreferred, true);
    assert.ok(actions.some((a) => a.title === 'Show documentation for missing-privacy-policy' && a.command?.command === 'skillPrivacy.openRuleDocs'));
    const texts = await client.applyEdit(all.edit!);
    const fixed = texts.get(uriOf(manifest))!;
    assert.ok(JSON.parse(fixed).manifest.privacyAndCompliance.locales['fr-FR'].privacyPolicyUrl);
    await client.waitForDiagnostics(manifest, 'missing-privacy-policy to go away', (d) => !codes(d).includes('missing-privacy-policy') && client.diagnostics.get(uriOf(manifest))?.version === client.docs.get(uriOf(manifest))!.version);
    // The placeholder the fix writes is still flagged until the developer writes the real URL.
    assert.ok(codes(client.diagnosticsOf(manifest)).includes('invalid-privacy-policy-url'));
  });

  it('refuses a code action for a document version the diagnostics were not computed for', async () => {
    // Checked on save only: the change below is certainly not checked when the code action is
    // asked for (with checks on type, whether it is would depend on timing).
    await client.setSettings({ enable: true, run: 'onSave', rules: {} });
    const text = fs.readFileSync(manifest, 'utf8');
    await client.open(manifest, text);
    const ds = await client.waitForDiagnostics(manifest, 'diagnostics', (d) => codes(d).includes('missing-privacy-policy') && client.diagnostics.get(uriOf(manifest))?.version === 1);
    const stale = ds.filter((d) => d.code === 'missing-privacy-policy');
    await client.change(manifest, text + ' ');
    const actions = await client.codeActions(manifest, stale);
    assert.deepEqual(actions.filter((a) => a.edit).map((a) => a.title), [], 'no edits offered for stale diagnostics');
    // Once version 2 is checked, its code actions edit version 2.
    await client.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri: uriOf(manifest) } });
    const fresh = await client.waitForDiagnostics(manifest, 'the diagnostics of version 2', (d) => codes(d).includes('missing-privacy-policy') && client.diagnostics.get(uriOf(manifest))?.version === 2);
    const now = await client.codeActions(manifest, fresh.filter((d) => d.code === 'missing-privacy-policy'));
    const edits = now.flatMap((a) => a.edit?.documentChanges ?? []).filter((c) => 'textDocument' in c && c.textDocument.uri === uriOf(manifest));
    assert.ok(edits.length > 0, 'edits offered for the current diagnostics');
    for (const c of edits) assert.equal('textDocument' in c && c.textDocument.version, 2);
  });

  it('reports malformed JSON as parse-error and keeps answering', async () => {
    const text = fs.readFileSync(manifest, 'utf8');
    await client.open(manifest, text);
    await client.change(manifest, text.replace('"manifestVersion": "1.0"', '"manifestVersion": '));
    const ds = await client.waitForDiagnostics(manifest, 'parse-error', (d) => codes(d).includes('parse-error'));
    const pe = ds.find((d) => d.code === 'parse-error')!;
    assert.ok(pe.message.includes('not valid JSON'));
    // The server is alive and still answers requests.
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uriOf(manifest) }, position: { line: 0, character: 0 } }).catch((e: Error) => e);
    assert.ok(!(hover instanceof Error) || /Unhandled method/.test(hover.message));
    await client.change(manifest, text);
    await client.waitForDiagnostics(manifest, 'parse-error to clear', (d) => !codes(d).includes('parse-error'));
  });

  it('applies severities from settings per resource and re-checks when settings change', async () => {
    await client.waitForDiagnostics(manifest, 'invalid-privacy-policy-url', (d) => codes(d).includes('invalid-privacy-policy-url'));
    await client.setSettings({ enable: true, run: 'onType', rules: { 'invalid-privacy-policy-url': 'off', 'missing-privacy-policy': 'warning' } });
    const ds = await client.waitForDiagnostics(manifest, 'rule turned off', (d) => !codes(d).includes('invalid-privacy-policy-url') && codes(d).includes('missing-privacy-policy'));
    assert.ok(ds.filter((d) => d.code === 'missing-privacy-policy').every((d) => d.severity === DiagnosticSeverity.Warning));
    await client.setSettings({ enable: false, run: 'onType', rules: {} });
    await client.waitForDiagnostics(manifest, 'all diagnostics cleared when disabled', (d) => d.length === 0);
  });

  it('re-checks the files of a skill when its manifest changes (permission added → evidence → policy needed)', async () => {
    // Remove every reason for a privacy policy, then add a permission back in the editor.
    const text = fs.readFileSync(manifest, 'utf8');
    await client.open(manifest, text);
    await client.waitForDiagnostics(manifest, 'first check', (d) => codes(d).includes('missing-privacy-policy'));
    await client.change(manifest, text.replace('"alexa::profile:given_name:read"', '"alexa::profile:email:read"'));
    // The first check may have been met by the workspace scan, so the open document's own check
    // (version 1) can still arrive after the edit: wait for the diagnostics of version 2.
    const latest = await client.waitForDiagnostics(manifest, 'the diagnostics of the edited version', () => client.diagnostics.get(uriOf(manifest))?.version === 2);
    assert.ok(latest.some((d) => d.code === 'missing-privacy-policy' && /e-mail/.test(d.message)));
  });
});

describe('language server: hover and suppression actions', function () {
  this.timeout(30000);
  let root: string;
  let client: TestClient;
  let manifest: string;
  let index: string;

  beforeEach(async () => {
    root = copySkill('pizza-order');
    manifest = path.join(root, 'skill-package', 'skill.json');
    index = path.join(root, 'lambda', 'index.js');
    client = new TestClient({ rootFolder: root });
    await client.initialize();
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('hovers a permission with what it gives and a finding with its rule and docs link', async () => {
    const text = fs.readFileSync(manifest, 'utf8');
    const doc = await client.open(manifest, text);
    await client.waitForDiagnostics(manifest, 'diagnostics of the open document', (d) => d.length > 0 && client.diagnostics.get(uriOf(manifest))?.version === 1);
    const perm = doc.positionAt(text.indexOf('alexa::profile:given_name:read') + 3);
    const h1 = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: doc.uri }, position: perm });
    assert.ok(h1 && typeof h1.contents === 'object' && 'value' in h1.contents);
    assert.match(h1.contents.value, /Permission `alexa::profile:given_name:read`/);
    assert.match(h1.contents.value, /given name/);
    const url = doc.positionAt(text.indexOf('http://cornerpizza.shop') + 5);
    const h2 = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: doc.uri }, position: url });
    assert.ok(h2 && typeof h2.contents === 'object' && 'value' in h2.contents);
    assert.match(h2.contents.value, /\*\*invalid-privacy-policy-url\*\*/);
    assert.match(h2.contents.value, /docs\/rules\/invalid-privacy-policy-url\.md/);
    const key = doc.positionAt(text.indexOf('"usesPersonalInfo"') + 3);
    const h3 = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: doc.uri }, position: key });
    assert.ok(h3 && typeof h3.contents === 'object' && 'value' in h3.contents && /usesPersonalInfo/.test(h3.contents.value));
  });

  it('suppresses a JSON finding through .skillprivacyrc.json (created when missing)', async () => {
    const text = fs.readFileSync(manifest, 'utf8');
    await client.open(manifest, text);
    const ds = await client.waitForDiagnostics(manifest, 'invalid-privacy-policy-url', (d) => codes(d).includes('invalid-privacy-policy-url') && client.diagnostics.get(uriOf(manifest))?.version === 1);
    const target = ds.find((d) => d.code === 'invalid-privacy-policy-url' && d.message.includes('en-US'))!;
    const actions = await client.codeActions(manifest, [target]);
    const suppress = actions.find((a) => a.title === 'Suppress invalid-privacy-policy-url here in .skillprivacyrc.json');
    assert.ok(suppress?.edit, actions.map((a) => a.title).join(' | '));
    await client.applyEdit(suppress.edit);
    const config = JSON.parse(fs.readFileSync(path.join(root, '.skillprivacyrc.json'), 'utf8'));
    assert.deepEqual(config.suppress[0].rule, 'invalid-privacy-policy-url');
    assert.equal(config.suppress[0].file, 'skill-package/skill.json');
    assert.equal(config.suppress[0].pointer, '/manifest/privacyAndCompliance/locales/en-US/privacyPolicyUrl');
    const after = await client.waitForDiagnostics(manifest, 'the suppressed finding to go', (d) => !d.some((x) => x.code === 'invalid-privacy-policy-url' && x.message.includes('en-US')));
    assert.ok(after.some((x) => x.code === 'invalid-privacy-policy-url' && x.message.includes('de-DE')), 'only the suppressed one is gone');
  });

  it('disables a rule for one line of handler code with a comment, and source.fixAll fixes the file', async () => {
    const broken = fs.readFileSync(index, 'utf8').replace("const speakOutput = 'Welcome", "const speakOutput = = 'Welcome");
    await client.open(index, broken);
    const ds = await client.waitForDiagnostics(index, 'parse-error in index.js', (d) => codes(d).includes('parse-error') && client.diagnostics.get(uriOf(index))?.version === 1);
    const pe = ds.find((d) => d.code === 'parse-error')!;
    const actions = await client.codeActions(index, [pe]);
    const disable = actions.find((a) => a.title === 'Disable parse-error for this line');
    assert.ok(disable?.edit, actions.map((a) => a.title).join(' | '));
    const texts = await client.applyEdit(disable.edit);
    const fixed = texts.get(uriOf(index))!;
    assert.ok(fixed.includes("    // skill-privacy-disable-next-line parse-error\n    const speakOutput = = 'Welcome"), fixed.slice(0, 600));
    await client.waitForDiagnostics(index, 'parse-error to go', (d) => !codes(d).includes('parse-error'));

    const mtext = fs.readFileSync(manifest, 'utf8');
    await client.open(manifest, mtext);
    await client.waitForDiagnostics(manifest, 'manifest diagnostics', () => client.diagnostics.get(uriOf(manifest))?.version === 1);
    const [all] = await client.codeActions(manifest, [], ['source.fixAll.skillPrivacy']);
    assert.equal(all?.kind, 'source.fixAll.skillPrivacy');
    const out = (await client.applyEdit(all.edit!)).get(uriOf(manifest))!;
    assert.ok(out.includes('"privacyPolicyUrl": "https://cornerpizza.shop/privacy"'), 'the http link became https');
  });
});

describe('language server: layouts, folders and run modes', function () {
  this.timeout(30000);
  const roots: string[] = [];
  let client: TestClient | undefined;

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    for (const r of roots.splice(0)) fs.rmSync(r, { recursive: true, force: true });
  });

  it('the shipped bundle (dist/server.js) serves the same diagnostics', async () => {
    const root = copySkill('pizza-order');
    roots.push(root);
    client = new TestClient({ rootFolder: root, serverModule: SERVER_BUNDLE });
    await client.initialize();
    const ds = await client.waitForDiagnostics(path.join(root, 'skill-package', 'skill.json'), 'diagnostics from the bundle', (d) => codes(d).includes('missing-privacy-policy'));
    assert.ok(ds.every((d) => d.source === 'skill-privacy'));
  });

  it('checks every skill of a multi-root workspace against its own files', async () => {
    const a = copySkill('pizza-order');
    const b = copySkill('pizza-order');
    roots.push(a, b);
    // Skill b declares no permission and has a policy link for no locale, but collects nothing
    // by permission: its findings must not leak into a, and a's fix must not touch b.
    const bManifest = path.join(b, 'skill-package', 'skill.json');
    const text = fs.readFileSync(bManifest, 'utf8').replace('"http://cornerpizza.shop/privacy"', '"https://cornerpizza.shop/privacy"');
    fs.writeFileSync(bManifest, text);
    client = new TestClient({ rootFolder: a, extraFolders: [b] });
    await client.initialize();
    const aManifest = path.join(a, 'skill-package', 'skill.json');
    await client.waitForDiagnostics(aManifest, 'a checked', (d) => d.some((x) => x.code === 'invalid-privacy-policy-url' && x.message.includes('en-US')));
    const bds = await client.waitForDiagnostics(bManifest, 'b checked', (d) => codes(d).includes('missing-privacy-policy'));
    assert.ok(!bds.some((x) => x.code === 'invalid-privacy-policy-url' && x.message.includes('en-US')), 'b has https for en-US');
  });

  it('with run = onSave, checks on save and not on every keystroke', async () => {
    const root = copySkill('pizza-order');
    roots.push(root);
    const manifest = path.join(root, 'skill-package', 'skill.json');
    client = new TestClient({ rootFolder: root, settings: { enable: true, run: 'onSave', rules: {} } });
    await client.initialize();
    const text = fs.readFileSync(manifest, 'utf8');
    await client.open(manifest, text);
    await client.waitForDiagnostics(manifest, 'check on open', () => client!.diagnostics.get(uriOf(manifest))?.version === 1);
    const fixedText = text.replace('"http://cornerpizza.shop/privacy"', '"https://cornerpizza.shop/privacy"');
    await client.change(manifest, fixedText);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(client.diagnostics.get(uriOf(manifest))?.version, 1, 'no check while typing');
    await client.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri: uriOf(manifest) } });
    await client.waitForDiagnostics(manifest, 'check on save', (d) => client!.diagnostics.get(uriOf(manifest))?.version === 2 && !d.some((x) => x.code === 'invalid-privacy-policy-url' && x.message.includes('en-US')));
  });
});
