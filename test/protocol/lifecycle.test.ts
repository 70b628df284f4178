/**
 * The no-data-deletion fix through the language server: one code action whose workspace edit
 * changes two files (skill.json, closed, and the open handler file), after which the finding goes.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CodeActionKind, Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { TestClient, uriOf } from '../helpers/lsp-client';

const repo = path.resolve(__dirname, '..', '..', '..');
const codes = (ds: Diagnostic[]) => ds.map((d) => d.code);

describe('language server: a fix that edits skill.json and the handler code', function () {
  this.timeout(30000);
  let root: string;
  let client: TestClient;

  beforeEach(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-lsp-lifecycle-'));
    fs.cpSync(path.join(repo, 'test', 'fixtures', 'lifecycle', 'js'), root, { recursive: true });
    client = new TestClient({ rootFolder: root });
    await client.initialize();
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('offers add-data-deletion on the storing call, applies both edits, and the warning goes away', async () => {
    const index = path.join(root, 'lambda', 'index.js');
    const manifest = path.join(root, 'skill.json');
    const doc = await client.open(index, fs.readFileSync(index, 'utf8'));
    const ds = await client.waitForDiagnostics(index, 'no-data-deletion on the open handler file', (d) => codes(d).includes('no-data-deletion') && client.diagnostics.get(uriOf(index))?.version === doc.version);
    const d = ds.find((x) => x.code === 'no-data-deletion')!;
    assert.equal(d.severity, DiagnosticSeverity.Warning);
    assert.equal(d.range.start.line, 20, 'on the setPersistentAttributes call (0-based line 20)');
    assert.ok(d.relatedInformation?.some((r) => r.location.uri === uriOf(manifest)), 'skill.json is a related location');

    const actions = await client.codeActions(index, [d]);
    const fix = actions.find((a) => a.title.startsWith('Subscribe to SKILL_DISABLED in skill.json and add a SkillDisabled handler'));
    assert.ok(fix, `expected the add-data-deletion action, got: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(fix.kind, CodeActionKind.QuickFix);
    assert.equal(fix.isPreferred, true);
    const uris = (fix.edit?.documentChanges ?? []).map((c) => ('textDocument' in c ? c.textDocument.uri : ''));
    assert.deepEqual([...uris].sort(), [uriOf(index), uriOf(manifest)].sort(), 'one workspace edit for both files');

    const before = client.publications.length;
    const texts = await client.applyEdit(fix.edit!);
    assert.deepEqual(JSON.parse(texts.get(uriOf(manifest))!).manifest.events.subscriptions, [{ eventName: 'SKILL_DISABLED' }]);
    assert.match(texts.get(uriOf(index))!, /\.addRequestHandlers\(LaunchRequestHandler, RememberColourHandler, SkillDisabledEventHandler\)/);
    // A file left without findings is cleared by a publication without a version: wait for one after the edit.
    await client.waitForDiagnostics(index, 'no-data-deletion to go away', (x) => !codes(x).includes('no-data-deletion') && client.publications.slice(before).some((p) => p.uri === uriOf(index)));
    // Not moved to skill.json either (it would be `notSubscribed` there had the manifest edit been missed).
    assert.ok(!codes(client.diagnosticsOf(manifest)).includes('no-data-deletion'));
  });
});
