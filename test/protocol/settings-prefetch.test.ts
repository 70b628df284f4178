/**
 * The initial scan and a settings change ask for the settings of every skill in one
 * `workspace/configuration` request (server/src/lsp/settings.ts `prefetch`), not one round trip
 * per skill, and each skill still gets its own scope's answer.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ConfigurationItem, ConfigurationRequest } from 'vscode-languageserver-protocol/node';
import { TestClient, uriOf, waitFor } from '../helpers/lsp-client';
import { REPO } from '../helpers/cli';

describe('language server: settings for the initial scan', function () {
  this.timeout(60000);
  let folder: string;
  let client: TestClient;
  afterEach(async () => {
    await client.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('asks once for every skill of the workspace, again once after a settings change (which re-checks a skill disabled until then), and applies each scope its own answer', async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-prefetch-'));
    const names = ['alpha', 'bravo', 'charlie'];
    for (const n of names) fs.cpSync(path.join(REPO, 'examples', 'pizza-order'), path.join(folder, n), { recursive: true });
    client = new TestClient({ rootFolder: folder });
    const requests: ConfigurationItem[][] = [];
    let bravoEnabled = false;
    // bravo is disabled, charlie has voice-data-logged off: what each skill shows tells which answer it got.
    client.connection.onRequest(ConfigurationRequest.type, (p) => {
      requests.push(p.items);
      return p.items.map((i) => {
        if (i.section !== 'skillPrivacy') return null;
        if (i.scopeUri?.endsWith('/bravo')) return { enable: bravoEnabled, run: 'onType', rules: {} };
        if (i.scopeUri?.endsWith('/charlie')) return { enable: true, run: 'onType', rules: { 'voice-data-logged': 'off' } };
        return { enable: true, run: 'onType', rules: {} };
      });
    });
    await client.initializeAndScan();

    assert.equal(requests.length, 1, 'one configuration request for the scan');
    assert.deepEqual(requests[0].map((i) => i.scopeUri).sort(), names.map((n) => uriOf(path.join(folder, n))).sort());
    const codes = (n: string) => client.diagnosticsOf(path.join(folder, n, 'lambda', 'index.js')).map((d) => d.code);
    assert.ok(codes('alpha').includes('voice-data-logged'), 'alpha: default settings');
    assert.deepEqual(codes('bravo'), [], 'bravo: disabled, nothing published');
    assert.ok(codes('charlie').length > 0 && !codes('charlie').includes('voice-data-logged'), 'charlie: its own rule setting');

    // A file opened later uses the cached answer: no further request.
    const index = path.join(folder, 'charlie', 'lambda', 'index.js');
    await client.open(index, fs.readFileSync(index, 'utf8'));
    await waitFor('the diagnostics of the opened file', () => client.diagnostics.get(uriOf(index))?.version === 1, 30000);
    assert.ok(!codes('charlie').includes('voice-data-logged'));
    assert.equal(requests.length, 1);

    // A settings change re-checks every skill with one request for all of them (the disabled one too).
    const published = client.publications.length;
    bravoEnabled = true;
    await client.setSettings({ enable: true, run: 'onType', rules: {} });
    await waitFor('the re-check after the settings change', () => client.publications.length > published && codes('bravo').length > 0, 30000);
    assert.equal(requests.length, 2, 'one more request');
    assert.equal(requests[1].length, names.length);
    assert.ok(codes('bravo').includes('voice-data-logged'), 'bravo: enabled by the new answer');
    assert.ok(!codes('charlie').includes('voice-data-logged'), 'charlie: still its own answer');
  });
});
