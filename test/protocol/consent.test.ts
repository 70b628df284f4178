/**
 * Permissions and consent through the language server: a permission added to skill.json clears
 * the finding in handler code (DESIGN.md "Skill project model"), and the consent quick fix is one
 * workspace edit over the handler module and skill.json.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Diagnostic } from 'vscode-languageserver-protocol/node';
import { TestClient, uriOf } from '../helpers/lsp-client';

const repo = path.resolve(__dirname, '..', '..', '..');
const codes = (ds: Diagnostic[]) => ds.map((d) => d.code);

describe('language server: permissions and consent', function () {
  this.timeout(30000);
  let root: string;
  let client: TestClient;

  beforeEach(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-consent-'));
    fs.cpSync(path.join(repo, 'test', 'fixtures', 'consent', 'v2-js'), root, { recursive: true });
    client = new TestClient({ rootFolder: root });
    await client.initialize();
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('a permission typed into skill.json clears permission-not-declared in the helper module', async () => {
    const helpers = path.join(root, 'lambda', 'helpers.js');
    const manifest = path.join(root, 'skill.json');
    await client.waitForDiagnostics(helpers, 'permission-not-declared on the address call', (d) => codes(d).includes('permission-not-declared'));
    const text = fs.readFileSync(manifest, 'utf8');
    await client.open(manifest, text);
    await client.change(manifest, text.replace('{ "name": "alexa::profile:email:read" },', '{ "name": "alexa::profile:email:read" },\n      { "name": "alexa::devices:all:address:full:read" },'));
    const after = await client.waitForDiagnostics(helpers, 'permission-not-declared gone', (d) => !codes(d).includes('permission-not-declared'));
    assert.ok(codes(after).includes('consent-not-checked'), 'consent is still not checked');
  });

  it('the check-consent action edits the handler and skill.json in one workspace edit', async () => {
    const helpers = path.join(root, 'lambda', 'helpers.js');
    const index = path.join(root, 'lambda', 'index.js');
    const ds = await client.waitForDiagnostics(helpers, 'consent-not-checked on the address call', (d) => codes(d).includes('consent-not-checked'));
    const d = ds.find((x) => x.code === 'consent-not-checked')!;
    assert.match(d.codeDescription!.href, /docs\/rules\/consent-not-checked\.md$/);
    assert.equal(d.relatedInformation?.[0].location.uri, uriOf(index), 'related: the handler that reaches the helper');
    const actions = await client.codeActions(helpers, [d]);
    const fix = actions.find((a) => a.title.startsWith('Check consent for'));
    assert.ok(fix?.edit, `expected the consent fix, got: ${actions.map((a) => a.title).join(' | ')}`);
    const texts = await client.applyEdit(fix.edit);
    assert.deepEqual([...texts.keys()].sort(), [uriOf(index), uriOf(path.join(root, 'skill.json'))].sort());
    assert.match(texts.get(uriOf(index))!, /withAskForPermissionsConsentCard\(\['read::alexa:device:all:address'\]\)/);
    assert.match(texts.get(uriOf(path.join(root, 'skill.json')))!, /"alexa::devices:all:address:full:read"/);
    await client.waitForDiagnostics(helpers, 'consent-not-checked gone after the fix', (x) => !codes(x).includes('consent-not-checked') && !codes(x).includes('permission-not-declared'));
  });
});
