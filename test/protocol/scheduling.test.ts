/**
 * When the language server checks (server/src/lsp/server.ts): a change after a pause at once, a
 * burst of changes coalesced into few checks that end with the last version's diagnostics, requests
 * answered in the middle of a burst, and only the files whose diagnostics changed sent again. Checks
 * are counted through the hidden stats request, never timed.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DidChangeTextDocumentNotification, DidChangeWatchedFilesNotification, DidCloseTextDocumentNotification, DidSaveTextDocumentNotification, FileChangeType, HoverRequest } from 'vscode-languageserver-protocol/node';
import { TestClient, uriOf, waitFor } from '../helpers/lsp-client';
import { StatsResult } from '../../server/src/lsp/protocol';
import { REPO } from '../helpers/cli';

/** The framed JSON-RPC bytes of one notification, as a client writes them. */
function frame(method: string, params: unknown): Buffer {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', method, params }), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

describe('language server: when checks run', function () {
  this.timeout(60000);
  let root: string;
  let client: TestClient;
  let index: string;
  let text: string;
  const stats = () => client.connection.sendRequest<StatsResult>('skillPrivacy/stats');
  const codes = (file: string) => client.diagnosticsOf(file).map((d) => d.code);

  beforeEach(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-sched-'));
    fs.cpSync(path.join(REPO, 'examples', 'pizza-order'), root, { recursive: true });
    index = path.join(root, 'lambda', 'index.js');
    text = fs.readFileSync(index, 'utf8');
    client = new TestClient({ rootFolder: root });
    await client.initializeAndScan(30000);
    await client.open(index, text);
    await waitFor('the diagnostics of the opened file', () => client.diagnostics.get(uriOf(index))?.version === 1, 30000);
  });

  afterEach(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('checks one change after a pause once, with the diagnostics of its version, and re-sends only the files whose diagnostics changed', async () => {
    assert.ok(codes(index).includes('voice-data-logged'));
    const before = await stats();
    const published = client.publications.length;
    // Remove both logging lines: voice-data-logged goes away in this file only.
    const unlogged = text.replace(/^\s*console\.log\(.*\);\n/gm, '');
    assert.notEqual(unlogged, text);
    const doc = await client.change(index, unlogged);
    await waitFor('diagnostics of version 2', () => client.diagnostics.get(uriOf(index))?.version === doc.version, 30000);
    assert.equal(doc.version, 2);
    assert.ok(!codes(index).includes('voice-data-logged'), 'the diagnostics are those of the changed text');
    const after = await stats();
    assert.equal(after.checks - before.checks, 1, 'one check for one change');
    assert.equal(after.lints - before.lints, 1);

    // Files whose diagnostics point nowhere into index.js did not change: they are not sent again.
    const sent = new Set(client.publications.slice(published).map((p) => p.uri));
    assert.ok(sent.has(uriOf(index)));
    const models = path.join(root, 'skill-package', 'interactionModels', 'custom');
    for (const file of [path.join(root, 'skill-package', 'skill.json'), path.join(models, 'de-DE.json'), path.join(models, 'fr-FR.json'), path.join(models, 'ja-JP.json')]) {
      assert.ok(client.diagnosticsOf(file).length > 0, `${file} has diagnostics`);
      assert.ok(!sent.has(uriOf(file)), `${path.basename(file)} was not re-sent`);
    }
  });

  it('coalesces 50 changes sent back to back into far fewer checks, ending with the last version', async () => {
    const before = await stats();
    const uri = uriOf(index);
    // One write holding all 50 notifications: the server receives them together, as when a client
    // replays changes or a paste arrives as many edits.
    const frames: Buffer[] = [];
    let last = text;
    for (let k = 1; k <= 50; k++) {
      last = k < 50 ? `${text}// edit ${k}\n` : text.replace(/^\s*console\.log\(.*\);\n/gm, '');
      frames.push(frame(DidChangeTextDocumentNotification.method, { textDocument: { uri, version: 1 + k }, contentChanges: [{ text: last }] }));
    }
    client.proc.stdin!.write(Buffer.concat(frames));
    await waitFor('diagnostics of version 51', () => client.diagnostics.get(uri)?.version === 51, 30000);
    assert.ok(!codes(index).includes('voice-data-logged'), 'the last text was checked');
    const after = await stats();
    const checks = after.checks - before.checks;
    assert.ok(checks >= 1 && checks <= 5, `${checks} checks for 50 changes`);
    const versions = client.publications.filter((p) => p.uri === uri && typeof p.version === 'number').map((p) => p.version as number);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'versions never go back');
  });

  it('answers a hover sent in the middle of a burst before the burst is checked', async () => {
    const uri = uriOf(index);
    const line = text.split('\n').findIndex((l) => l.includes('console.log('));
    const character = text.split('\n')[line].indexOf('console.log(') + 2;
    const first = client.docs.get(uri)!.version;
    for (let k = 1; k <= 20; k++) void client.change(index, `${text}// edit ${k}\n`);
    const hover = client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
    for (let k = 21; k <= 40; k++) void client.change(index, `${text}// edit ${k}\n`);
    // Answered (null: the document moved on since the last check), before any publication for the
    // burst's last version: it did not wait for the burst to be checked.
    await hover;
    const lastVersion = first + 40;
    assert.ok(!client.publications.some((p) => p.uri === uri && p.version === lastVersion), 'the hover did not wait for the checks of the burst');
    await waitFor('diagnostics of the last version', () => client.diagnostics.get(uri)?.version === lastVersion, 30000);
    assert.ok(codes(index).includes('voice-data-logged'));
  });

  it('a save with no change reuses the findings and sends nothing', async () => {
    const before = await stats();
    const published = client.publications.length;
    await client.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri: uriOf(index) } });
    let after = await stats();
    for (let i = 0; after.checks === before.checks && i < 3000; i++) {
      await new Promise((r) => setTimeout(r, 10));
      after = await stats();
    }
    assert.equal(after.checks, before.checks + 1, 'the save was checked');
    assert.equal(after.lints, before.lints, 'the rules did not run again');
    assert.equal(client.publications.length, published);
  });

  it('replays the data flow of the handlers a keystroke cannot have changed, from the first keystroke after opening the file on', async () => {
    // In code (a logged message), not speech: speech-only keystrokes run no data flow (below).
    const at = text.indexOf('console.log(`Saving') + 13;
    assert.ok(at > 13);
    let doc: { version: number } | undefined;
    const type = async (k: number): Promise<StatsResult> => {
      const next = text.slice(0, at) + 'x'.repeat(k) + text.slice(at);
      doc = await client.change(index, next);
      await waitFor(`diagnostics of version ${doc.version}`, () => client.diagnostics.get(uriOf(index))?.version === doc!.version, 30000);
      return stats();
    };
    // Opening the file made its check keep what each entry point added, so already the first
    // keystroke evaluates only the edited handler's entry points; the next ones too.
    const opened = await stats();
    const first = await type(1);
    const second = await type(2);
    for (const [before, after] of [[opened, first], [first, second]]) {
      const evaluated = after.entryPoints.evaluated - before.entryPoints.evaluated;
      const replayed = after.entryPoints.replayed - before.entryPoints.replayed;
      assert.ok(replayed > 0 && evaluated < replayed, `${evaluated} entry points evaluated, ${replayed} replayed`);
    }
  });

  it('runs no data flow for a keystroke in speech: every rule that asks for it keeps its reports, moved', async () => {
    const at = text.indexOf("speak('Thanks") + 7;
    assert.ok(at > 7);
    const before = await stats();
    const diagnosticsBefore = client.diagnosticsOf(index).map((d) => `${d.code}@${d.range.start.line}`);
    const doc = await client.change(index, text.slice(0, at) + 'x' + text.slice(at));
    await waitFor(`diagnostics of version ${doc.version}`, () => client.diagnostics.get(uriOf(index))?.version === doc.version, 30000);
    const after = await stats();
    assert.equal(after.lints, before.lints + 1, 'the rules ran');
    assert.equal(after.entryPoints.evaluated + after.entryPoints.replayed, before.entryPoints.evaluated + before.entryPoints.replayed, 'no entry point evaluated or replayed');
    // The same findings (one letter typed on one line moves nothing to another line).
    assert.deepEqual(client.diagnosticsOf(index).map((d) => `${d.code}@${d.range.start.line}`), diagnosticsBefore);
    assert.ok(diagnosticsBefore.some((d) => d.startsWith('voice-data-logged')));
  });

  it('analyses a change on disk afresh once the file is closed: nothing kept from while it was open is replayed', async () => {
    const checked = async (what: string, since: number): Promise<StatsResult> => {
      const start = Date.now();
      for (;;) {
        const s = await stats();
        if (s.checks > since) return s;
        if (Date.now() - start > 30000) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const opened = await stats();
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: uriOf(index) } });
    const closed = await checked('the check after closing the file', opened.checks);
    // Changed on disk while no file of the skill is open: a fresh analysis, nothing replayed.
    fs.writeFileSync(index, text.replace("speak('Thanks", "speak('Thanks a lot"));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(index), type: FileChangeType.Changed }] });
    const after = await checked('the check after the change on disk', closed.checks);
    assert.equal(after.entryPoints.replayed, closed.entryPoints.replayed, 'nothing replayed');
    assert.ok(after.entryPoints.evaluated > closed.entryPoints.evaluated, 'entry points evaluated afresh');
  });
});
