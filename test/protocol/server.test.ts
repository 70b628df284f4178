/**
 * Protocol tests: the built language server over stdio, driven by a real LSP client.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CodeActionKind, Diagnostic, DiagnosticSeverity, HoverRequest } from 'vscode-languageserver-protocol/node';
import { TestClient, uriOf, waitFor } from '../helpers/lsp-client';

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
    const text = fs.readFileSync(manifest, 'utf8');
    await client.open(manifest, text);
    const ds = await client.waitForDiagnostics(manifest, 'diagnostics', (d) => codes(d).includes('missing-privacy-policy') && client.diagnostics.get(uriOf(manifest))?.version === 1);
    const stale = ds.filter((d) => d.code === 'missing-privacy-policy');
    await client.change(manifest, text + ' ');
    const actions = await client.codeActions(manifest, stale);
    assert.deepEqual(actions.filter((a) => a.edit).map((a) => a.title), [], 'no edits offered for stale diagnostics');
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
    const publicationsBefore = client.publications.length;
    await client.change(manifest, text.replace('"alexa::profile:given_name:read"', '"alexa::profile:email:read"'));
    await waitFor('a new publication after the edit', () => client.publications.length > publicationsBefore);
    const latest = client.diagnostics.get(uriOf(manifest))!;
    assert.equal(latest.version, 2);
    assert.ok(latest.diagnostics.some((d) => d.code === 'missing-privacy-policy' && /e-mail/.test(d.message)));
  });
});
