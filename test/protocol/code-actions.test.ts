/**
 * Every kind of code action and hover the server offers, over stdio with a real LSP client, in the
 * vscode-eslint style: the preferred fix, fix all of a rule in the file, disable for a line and
 * for the file (extending an existing directive), show documentation, source.fixAll; hovers on a
 * slot, a privacyAndCompliance key and a flagged call.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CodeAction, CodeActionKind, Diagnostic, HoverRequest } from 'vscode-languageserver-protocol/node';
import { TestClient, uriOf } from '../helpers/lsp-client';

const repo = path.resolve(__dirname, '..', '..', '..');

describe('language server: every code-action kind and hover', function () {
  this.timeout(30000);
  let root: string;
  let client: TestClient;
  let index: string;

  beforeEach(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-actions-'));
    fs.cpSync(path.join(repo, 'examples', 'pizza-order'), root, { recursive: true });
    index = path.join(root, 'lambda', 'index.js');
    client = new TestClient({ rootFolder: root });
    await client.initialize();
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  // applyEdit sends the edited text to the server as the next version of the document.
  async function openWith(file: string, rule: string): Promise<{ text: string; diagnostics: Diagnostic[] }> {
    const text = fs.readFileSync(file, 'utf8');
    await client.open(file, text);
    const diagnostics = await client.waitForDiagnostics(file, `${rule} on the open document`, (ds) => client.diagnostics.get(uriOf(file))?.version === 1 && ds.some((d) => d.code === rule));
    return { text, diagnostics };
  }

  const titled = (actions: CodeAction[], title: RegExp): CodeAction => {
    const a = actions.find((x) => title.test(x.title));
    assert.ok(a, `no action ${title}; got ${actions.map((x) => x.title).join(' | ')}`);
    return a;
  };

  it('offers the preferred fix first-class, fix all of the rule in the file, and the docs command', async () => {
    const { text, diagnostics } = await openWith(index, 'voice-data-logged');
    const logged = diagnostics.filter((d) => d.code === 'voice-data-logged');
    assert.equal(logged.length, 2, 'the phone log and the envelope log');
    const actions = await client.codeActions(index, [logged[0]]);
    const preferred = actions.filter((a) => a.isPreferred);
    assert.deepEqual(preferred.map((a) => a.title), ["Log '[redacted phone]' instead of the phone"]);
    assert.equal(preferred[0].kind, CodeActionKind.QuickFix);
    assert.deepEqual(preferred[0].diagnostics?.map((d) => d.code), ['voice-data-logged']);

    const docs = titled(actions, /^Show documentation for voice-data-logged$/);
    assert.equal(docs.edit, undefined);
    assert.equal(docs.command?.command, 'skillPrivacy.openRuleDocs');
    assert.deepEqual(docs.command?.arguments, ['voice-data-logged']);

    const all = titled(actions, /^Fix all voice-data-logged problems in this file$/);
    const fixed = (await client.applyEdit(all.edit!)).get(uriOf(index))!;
    assert.match(fixed, /console\.log\(`Saving phone \[redacted phone\] for \$\{userId\}`\);/, 'the phone is redacted inside the template');
    assert.ok(fixed.includes('Alexa.getRequestType(handlerInput.requestEnvelope)'), 'the envelope log is redacted to the request type');
    assert.notEqual(fixed, text);
    await client.waitForDiagnostics(index, 'no voice-data-logged after fix all', (ds) => client.diagnostics.get(uriOf(index))?.version === 2 && !ds.some((d) => d.code === 'voice-data-logged'));
  });

  it('disables a rule for a line, and a second rule on the same line extends the same comment', async () => {
    const { diagnostics } = await openWith(index, 'consent-not-checked');
    const consent = diagnostics.find((d) => d.code === 'consent-not-checked')!;
    const first = titled(await client.codeActions(index, [consent]), /^Disable consent-not-checked for this line$/);
    const once = (await client.applyEdit(first.edit!)).get(uriOf(index))!;
    const line = consent.range.start.line;
    assert.match(once.split('\n')[line], /^\s*\/\/ skill-privacy-disable-next-line consent-not-checked$/);
    const after = await client.waitForDiagnostics(index, 'consent-not-checked gone', (ds) => client.diagnostics.get(uriOf(index))?.version === 2 && !ds.some((d) => d.code === 'consent-not-checked'));
    const undeclared = after.find((d) => d.code === 'permission-not-declared')!;
    assert.equal(undeclared.range.start.line, line + 1, 'the same call, one line down');
    const second = titled(await client.codeActions(index, [undeclared]), /^Disable permission-not-declared for this line$/);
    const twice = (await client.applyEdit(second.edit!)).get(uriOf(index))!;
    assert.match(twice.split('\n')[line], /^\s*\/\/ skill-privacy-disable-next-line consent-not-checked, permission-not-declared$/);
    await client.waitForDiagnostics(index, 'both gone', (ds) => client.diagnostics.get(uriOf(index))?.version === 3 && !ds.some((d) => d.code === 'permission-not-declared' || d.code === 'consent-not-checked'));
  });

  it('disables a rule for the file, and a second rule extends the file directive', async () => {
    const { diagnostics } = await openWith(index, 'voice-data-logged');
    const logged = diagnostics.find((d) => d.code === 'voice-data-logged')!;
    const first = titled(await client.codeActions(index, [logged]), /^Disable voice-data-logged for the entire file$/);
    const once = (await client.applyEdit(first.edit!)).get(uriOf(index))!;
    assert.equal(once.split('\n')[0], '/* skill-privacy-disable voice-data-logged */');
    const after = await client.waitForDiagnostics(index, 'no voice-data-logged in the file', (ds) => client.diagnostics.get(uriOf(index))?.version === 2 && !ds.some((d) => d.code === 'voice-data-logged'));
    const persisted = after.find((d) => d.code === 'personal-data-persisted')!;
    const second = titled(await client.codeActions(index, [persisted]), /^Disable personal-data-persisted for the entire file$/);
    const twice = (await client.applyEdit(second.edit!)).get(uriOf(index))!;
    assert.equal(twice.split('\n')[0], '/* skill-privacy-disable voice-data-logged, personal-data-persisted */');
    assert.equal(twice.split('\n').length, once.split('\n').length, 'no second directive line');
  });

  it('answers source.fixAll.skillPrivacy with only the fix-all action', async () => {
    const { diagnostics } = await openWith(index, 'voice-data-logged');
    const actions = await client.codeActions(index, diagnostics, ['source.fixAll.skillPrivacy']);
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Fix all auto-fixable privacy problems', 'source.fixAll.skillPrivacy']]);
  });

  it('hovers a slot with its category, a privacyAndCompliance key with the policy, a flagged call with its finding', async () => {
    const model = path.join(root, 'skill-package', 'interactionModels', 'custom', 'de-DE.json');
    const mtext = fs.readFileSync(model, 'utf8');
    const mdoc = await client.open(model, mtext);
    await client.waitForDiagnostics(model, 'model diagnostics', () => client.diagnostics.get(uriOf(model))?.version === 1);
    const hoverAt = async (uri: string, position: { line: number; character: number }) => {
      const h = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
      assert.ok(h && typeof h.contents === 'object' && 'value' in h.contents, 'a Markdown hover');
      return h.contents.value;
    };
    const slot = await hoverAt(mdoc.uri, mdoc.positionAt(mtext.indexOf('"nummer"') + 2));
    assert.match(slot, /\*\*Slot `nummer`\*\* \(AMAZON\.PhoneNumber\)/);
    assert.match(slot, /collects a phone number/);
    assert.match(slot, /alexa::profile:mobile_number:read/);
    assert.match(slot, /docs\/rules\/personal-data-slot\.md/);

    const manifest = path.join(root, 'skill-package', 'skill.json');
    const stext = fs.readFileSync(manifest, 'utf8');
    const sdoc = await client.open(manifest, stext);
    await client.waitForDiagnostics(manifest, 'manifest diagnostics', () => client.diagnostics.get(uriOf(manifest))?.version === 1);
    const child = await hoverAt(sdoc.uri, sdoc.positionAt(stext.indexOf('"isChildDirected"') + 3));
    assert.match(child, /COPPA/);

    const { text } = await openWith(index, 'permission-not-declared');
    const idoc = client.docs.get(uriOf(index))!;
    const call = await hoverAt(idoc.uri, idoc.positionAt(text.indexOf('getProfileEmail') + 3));
    assert.match(call, /\*\*permission-not-declared\*\*/);
    assert.match(call, /\*\*consent-not-checked\*\*/);
    assert.match(call, /e-mail/);
  });
});
