/**
 * The privacy report over LSP: the `skillPrivacy/report` request the VS Code command sends, served
 * by the real server over stdio, with the open (unsaved) text of the documents.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TestClient, uriOf } from '../helpers/lsp-client';

const repo = path.resolve(__dirname, '..', '..', '..');

describe('language server: privacy report request', function () {
  this.timeout(30000);
  let root: string;
  let client: TestClient;

  beforeEach(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-report-lsp-'));
    fs.cpSync(path.join(repo, 'test', 'fixtures', 'report', 'trip-planner'), root, { recursive: true });
    client = new TestClient({ rootFolder: root });
    await client.initialize();
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  type Report = { root: string; name: string; markdown: string } | null;
  const request = (uri: string) => client.connection.sendRequest<Report>('skillPrivacy/report', { uri });

  it('answers for a file of the skill with the Markdown report, places linked to file URIs and lines', async () => {
    const r = await request(uriOf(path.join(root, 'lambda', 'index.js')));
    assert.ok(r);
    assert.equal(r.root, uriOf(root));
    assert.equal(r.name, 'Trip Planner');
    assert.match(r.markdown, /^# Privacy report: Trip Planner\n/);
    assert.ok(r.markdown.includes(`[lambda/sms.js:6](${uriOf(path.join(root, 'lambda', 'sms.js'))}#L6)`), r.markdown);
  });

  it('writes places as plain `file:line` text when asked for no links (VS Code’s preview refuses file: links)', async () => {
    const r = await client.connection.sendRequest<Report>('skillPrivacy/report', { uri: uriOf(root), links: false });
    assert.ok(r);
    assert.ok(r.markdown.includes('`lambda/sms.js:6`'), r.markdown);
    assert.doesNotMatch(r.markdown, /file:\/\//);
  });

  it('answers for the workspace folder, and reports the unsaved text of open documents', async () => {
    const index = path.join(root, 'lambda', 'index.js');
    const text = fs.readFileSync(index, 'utf8');
    await client.open(index, text);
    await client.change(index, text.replace("    console.log(`Planning a trip to ${city} for ${traveller}`);\n", ''));
    const r = await request(uriOf(root));
    assert.ok(r);
    assert.doesNotMatch(r.markdown, /### Logs/, 'the log line deleted in the editor is gone from the report');
    assert.match(r.markdown, /### Third parties/);
  });

  it('answers null outside any skill', async () => {
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-noskill-'));
    assert.equal(await request(uriOf(elsewhere)), null);
  });
});
