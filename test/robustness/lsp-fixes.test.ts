/**
 * Fixes are safe at the protocol edge too: every code action the server offers for the fixture
 * skills (quick fixes, fix-all, disable comments, suppressions in .skillprivacyrc.json), applied
 * to the document it names, leaves JSON that parses and code without new syntax errors; and an
 * edit is only ever offered for the document version the request was made against.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fileURLToPath } from 'url';
import { CodeAction, CodeActionRequest, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TestClient, uriOf } from '../helpers/lsp-client';
import { CODE_FILE, codeErrors, fixtureSkills, lenientJsonOk, strictJsonOk, writeTree } from './support';

const FIXTURES = ['examples/pizza-order', 'test/fixtures/code/bakery-js', 'test/fixtures/code/garden-ts', 'test/fixtures/consent/v2-ts', 'test/fixtures/lifecycle/js', 'test/fixtures/skills-i18n/kinder-quiz'];

function textEdits(edit: WorkspaceEdit | undefined): TextDocumentEdit[] {
  return (edit?.documentChanges ?? []).filter((c): c is TextDocumentEdit => 'textDocument' in c);
}

describe('robustness: code actions over LSP', function () {
  this.timeout(120000);
  let tmp: string;
  let client: TestClient;
  const files: string[] = [];

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-lspfix-'));
    for (const fx of fixtureSkills().filter((f) => FIXTURES.includes(f.name))) {
      const root = path.join(tmp, fx.name.replace(/\//g, '_'));
      writeTree(root, fx.files);
      for (const rel of Object.keys(fx.files)) if (/\.(json|[jt]s)$/.test(rel) && !rel.startsWith('expected')) files.push(path.join(root, rel));
    }
    client = new TestClient({ rootFolder: tmp });
    await client.initialize();
    for (const f of files) await client.open(f, fs.readFileSync(f, 'utf8'));
    // Settled: every open document's diagnostics are for version 1, and a moment passes without more.
    for (let quiet = 0, last = -1; quiet < 3; ) {
      await new Promise((r) => setTimeout(r, 300));
      quiet = client.publications.length === last ? quiet + 1 : 0;
      last = client.publications.length;
    }
  });
  after(async () => {
    await client.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('every action offered, applied, keeps every file it edits parseable', async () => {
    const problems: string[] = [];
    let applied = 0;
    for (const file of files) {
      const ds = client.diagnosticsOf(file);
      const requests = [...ds.map((d) => ({ diagnostics: [d], range: d.range, only: undefined as string[] | undefined })), { diagnostics: [], range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, only: ['source.fixAll.skillPrivacy'] }];
      for (const req of requests) {
        const actions = ((await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: uriOf(file) }, range: req.range, context: { diagnostics: req.diagnostics, only: req.only } })) ?? []) as CodeAction[];
        for (const a of actions) {
          for (const dc of textEdits(a.edit)) {
            const target = fileURLToPath(dc.textDocument.uri);
            const open = client.docs.get(dc.textDocument.uri);
            if (open && dc.textDocument.version !== null) assert.equal(dc.textDocument.version, open.version, `${a.title}: the edit names the open document's version`);
            const before = open?.getText() ?? (fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '');
            const after = TextDocument.applyEdits(TextDocument.create(dc.textDocument.uri, 'x', 0, before), dc.edits.map((e) => ('range' in e ? { range: e.range, newText: e.newText } : e)));
            const what = `${path.relative(tmp, file)}: "${a.title}" on ${path.relative(tmp, target)}`;
            applied++;
            if (target.endsWith('.json')) {
              if ((before === '' || strictJsonOk(before)) && !strictJsonOk(after)) problems.push(`${what}: no longer valid JSON`);
              else if (lenientJsonOk(target, before) && !lenientJsonOk(target, after)) problems.push(`${what}: no longer parses`);
            } else if (CODE_FILE.test(target) && codeErrors(target, before) === 0 && codeErrors(target, after) > 0) {
              problems.push(`${what}: a new syntax error`);
            }
          }
        }
      }
    }
    console.log(`      ${applied} code-action edits applied and re-parsed`);
    assert.ok(applied > 100, `${applied} edits`);
    assert.deepEqual(problems, []);
  });

  it('after the document changes, no action offers an edit for the old version, and an old edit is refused', async () => {
    const manifest = files.find((f) => f.endsWith(path.join('examples_pizza-order', 'skill-package', 'skill.json')))!;
    const ds = client.diagnosticsOf(manifest).filter((d) => d.code === 'missing-privacy-policy');
    assert.ok(ds.length > 0);
    const old = (await client.codeActions(manifest, ds)).find((a) => a.edit && textEdits(a.edit).length > 0)!;
    assert.ok(old, 'an action with an edit for version 1');
    const doc = await client.change(manifest, client.docs.get(uriOf(manifest))!.getText() + '\n');
    for (const only of [undefined, ['source.fixAll.skillPrivacy']]) {
      const actions = ((await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: uriOf(manifest) }, range: ds[0].range, context: { diagnostics: ds, only } })) ?? []) as CodeAction[];
      for (const a of actions) for (const dc of textEdits(a.edit)) if (dc.textDocument.uri === uriOf(manifest)) assert.equal(dc.textDocument.version, doc.version, `${a.title} is for version ${dc.textDocument.version}`);
    }
    await assert.rejects(client.applyEdit(old.edit!), /stale edit: version 1 but the document is at 2/);
  });
});
