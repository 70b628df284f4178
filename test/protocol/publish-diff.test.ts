/**
 * The diagnostics a client holds after a session of edits equal those a fresh server publishes for
 * the final texts: the real server over stdio, seeded random incremental edits of code and a model
 * (typed characters, pasted and deleted lines, re-wrapped lines, bursts sent without waiting), then
 * a second server opened on the final texts. What the first server did not re-send (unchanged
 * findings, related ranges into an edited file that did not move) must still be right, and the
 * diagnostics' `data` must still select the same code actions.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CodeAction, Diagnostic, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TestClient } from '../helpers/lsp-client';
import { REPO } from '../helpers/cli';
import { StatsResult } from '../../server/src/lsp/protocol';
import { Random } from '../robustness/support';

/** Lines a developer types into handler code, some half-typed. */
const SNIPPETS = [
  "    console.log('slot', Alexa.getSlotValue(handlerInput.requestEnvelope, 'phone'));",
  '    const email = await handlerInput.serviceClientFactory.getUpsServiceClient().getProfileEmail();',
  '    await axios.post("https://crm.example.com/leads", { email, user: handlerInput.requestEnvelope.session.user.userId });',
  '    const attrs = await handlerInput.attributesManager.getPersistentAttributes();',
  '    if (handlerInput.requestEnvelope.context.System.user.permissions) {',
  '    }',
  "    return handlerInput.responseBuilder.speak('What is your phone number?').getResponse();",
  '    const x = Alexa.getSlotValue(handlerInput.requestEnvelope, ',
  '// skill-privacy-disable-next-line voice-data-logged',
  '',
];

/** A diagnostic as shown, without the run id (a file not re-sent keeps the id of an older run). */
const shown = (d: Diagnostic) => JSON.stringify({ ...d, data: { ...(d.data as object), run: 0 } });
const shownActions = (as: CodeAction[]) => JSON.stringify(as.map((a) => ({ ...a, diagnostics: a.diagnostics?.map(shown) })));

async function started(root: string): Promise<TestClient> {
  const client = new TestClient({ rootFolder: root });
  await client.initializeAndScan();
  return client;
}

const stats = (client: TestClient) => client.connection.sendRequest<StatsResult>('skillPrivacy/stats');

/** Resolves once every change sent so far has been checked and the check's publications have arrived (stats `pending`). */
async function settled(client: TestClient): Promise<void> {
  const start = Date.now();
  while ((await stats(client)).pending > 0) {
    if (Date.now() - start > 60000) throw new Error('timed out waiting for the checks');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** What the client shows, per file: version and diagnostics. */
function view(client: TestClient): Map<string, string> {
  const out = new Map<string, string>();
  for (const [uri, p] of [...client.diagnostics].sort(([a], [b]) => a.localeCompare(b))) {
    if (p.diagnostics.length > 0) out.set(uri, JSON.stringify({ version: p.version, diagnostics: p.diagnostics.map(shown) }));
  }
  return out;
}

describe('language server: published diagnostics after seeded edits equal a fresh server on the final texts', function () {
  this.timeout(180000);
  let folder: string;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  for (const seed of [11, 4242]) {
    it(`seed ${seed}: 45 edits of two code files and a model, compared every 15`, async () => {
      folder = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-pubdiff-'));
      const root = path.join(folder, 'pizza');
      fs.cpSync(path.join(REPO, 'examples', 'pizza-order'), root, { recursive: true });
      const files = [path.join(root, 'lambda', 'index.js'), path.join(root, 'lambda', 'crm.js'), path.join(root, 'skill-package', 'interactionModels', 'custom', 'en-US.json')];
      const r = new Random(seed);
      const a = await started(folder);
      clients.push(a);
      const docs = new Map<string, TextDocument>();
      for (const file of files) {
        docs.set(file, await a.open(file, fs.readFileSync(file, 'utf8')));
      }
      await settled(a);
      let resentLess = 0;
      for (let step = 1; step <= 45; step++) {
        // Before each comparison, re-wraps of index.js only: related ranges of other files' findings
        // (crm.js, skill.json, the model) move with their findings unchanged.
        const rewrapOnly = step % 15 >= 13 || step % 15 === 0;
        const burst = !rewrapOnly && r.chance(0.2) ? 2 + r.int(4) : 1;
        let last: TextDocument | undefined;
        const published = a.publications.length;
        for (let k = 0; k < burst; k++) {
          const file = rewrapOnly ? files[0] : r.chance(0.15) ? files[2] : r.chance(0.7) ? files[0] : files[1];
          const doc = docs.get(file)!;
          const change = rewrapOnly ? rewrap(r, doc) : randomChange(r, doc, file === files[2]);
          const next = TextDocument.update(doc, [change], doc.version + 1);
          docs.set(file, next);
          await a.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: next.uri, version: next.version }, contentChanges: [change] });
          last = next;
        }
        await settled(a);
        const shownVersion = a.diagnostics.get(last!.uri)?.version;
        assert.ok(shownVersion === undefined || shownVersion === last!.version, `step ${step}: the diagnostics are those of the last version`);
        if (a.publications.length - published < files.length) resentLess++;
        if (step % 15 === 0) await sameAsFresh(a, folder, docs, `step ${step}`);
      }
      assert.ok(resentLess > 0, 'some checks did not re-send every open file');
    });
  }
});

/** A fresh server opened on the same texts at the same versions shows the same, and the same code actions. */
async function sameAsFresh(a: TestClient, folder: string, docs: Map<string, TextDocument>, label: string): Promise<void> {
  const b = await started(folder);
  try {
    for (const [file, doc] of docs) {
      b.docs.set(doc.uri, doc);
      await b.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: doc.uri, languageId: file.endsWith('.json') ? 'json' : 'javascript', version: doc.version, text: doc.getText() } });
    }
    await settled(b);
    assert.deepEqual(view(a), view(b), `${label}: every file shows what a fresh server shows`);
    // The diagnostics' data still selects the same code actions.
    let asked = 0;
    for (const file of docs.keys()) {
      const mine = a.diagnosticsOf(file);
      const theirs = b.diagnosticsOf(file);
      for (const i of new Set([0, Math.floor(mine.length / 2), mine.length - 1])) {
        if (!mine[i]) continue;
        const x = await a.codeActions(file, [mine[i]]);
        const y = await b.codeActions(file, [theirs[i]]);
        assert.equal(shownActions(x), shownActions(y), `${label}: ${path.basename(file)} diagnostic ${i}, the same code actions`);
        assert.ok(x.length > 0, `${label}: ${path.basename(file)} diagnostic ${i} has code actions`);
        asked++;
      }
    }
    assert.ok(asked >= 3, `${label}: code actions asked for`);
  } finally {
    await b.stop();
  }
}

/** A space after `;`, `,` or `{` in the first half of the file becomes a line break: offsets stay, positions after it move. */
function rewrap(r: Random, doc: TextDocument): TextDocumentContentChangeEvent {
  const text = doc.getText();
  const spaces = [...text.slice(0, text.length >> 1).matchAll(/(?<=[;,{]) /g)].map((m) => m.index!);
  if (spaces.length === 0) return { range: { start: doc.positionAt(0), end: doc.positionAt(0) }, text: '\n' };
  const s = r.pick(spaces);
  return { range: { start: doc.positionAt(s), end: doc.positionAt(s + 1) }, text: '\n' };
}

/** One incremental change as an editor sends it: a typed or deleted character, a pasted or deleted line, a re-wrap. */
function randomChange(r: Random, doc: TextDocument, isModel: boolean): TextDocumentContentChangeEvent {
  const text = doc.getText();
  const at = (offset: number) => doc.positionAt(offset);
  const replace = (start: number, end: number, newText: string) => ({ range: { start: at(start), end: at(end) }, text: newText });
  if (isModel) {
    // Slot types that change what the model collects, and characters typed into sample utterances.
    const types = ['AMAZON.PhoneNumber', 'AMAZON.SearchQuery', 'AMAZON.FirstName', 'AMAZON.Color'];
    const found = types.map((t) => [t, text.indexOf(`"${t}"`)] as const).filter(([, i]) => i >= 0);
    if (found.length > 0 && r.chance(0.6)) {
      const [t, i] = r.pick(found);
      return replace(i + 1, i + 1 + t.length, r.pick(types.filter((x) => x !== t)));
    }
    const quotes = [...text.matchAll(/"[a-z ]+"/g)].map((m) => m.index! + 1);
    const q = quotes.length ? r.pick(quotes) : 1;
    return replace(q, q, r.pick(['a', 'my ', 'phone ']));
  }
  const op = r.int(7);
  const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index! + 1)];
  if (op === 0) {
    const s = r.pick(lineStarts);
    return replace(s, s, r.pick(SNIPPETS) + '\n');
  }
  if (op === 1 && lineStarts.length > 2) {
    const i = r.int(lineStarts.length - 1);
    return replace(lineStarts[i], lineStarts[i + 1], '');
  }
  if (op === 2 || op === 3) {
    // Re-wrap: offsets stay the same, positions after it move (related ranges into this file too).
    const spaces = [...text.matchAll(/[ \n]/g)].map((m) => m.index!);
    if (spaces.length) {
      const s = r.pick(spaces);
      return replace(s, s + 1, text[s] === ' ' ? '\n' : ' ');
    }
  }
  if (op === 4 && text.length > 0) {
    const s = r.int(text.length);
    return replace(s, s + 1, '');
  }
  // Typing inside a string or at a random place.
  const strings = [...text.matchAll(/'[^'\n]*'/g)].map((m) => m.index! + 1);
  const s = strings.length && r.chance(0.7) ? r.pick(strings) : r.int(text.length + 1);
  return replace(s, s, r.pick(['x', ' ', 'phone', '(', ';']));
}
