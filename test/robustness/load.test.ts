/**
 * Load over LSP: the real server over stdio with hundreds of open documents and a storm of edits
 * (some of them half-typed), code-action requests cancelled as soon as they are sent, and hovers
 * timed while it lasts. The server must stay responsive, publish only current diagnostics (per
 * document, versions never go back, and the last publication is for the latest version) and give
 * its memory back. `npm run fuzz` runs the long storm (SPL_LOAD_DOCS, SPL_LOAD_EDITS).
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CancellationTokenSource, CodeActionRequest, HoverRequest } from 'vscode-languageserver-protocol/node';
import { TestClient, uriOf, waitFor } from '../helpers/lsp-client';
import { StatsResult } from '../../server/src/lsp/protocol';
import { Random, envInt, fixtureSkills, writeTree } from './support';

const DOCS = envInt('SPL_LOAD_DOCS', 300);
const EDITS = envInt('SPL_LOAD_EDITS', 2000);
const HOVER_MS = envInt('SPL_LOAD_HOVER_MS', 200);

describe('robustness: load over LSP', function () {
  this.timeout(Math.max(120000, EDITS * 60));
  let tmp: string;
  let client: TestClient;

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-load-'));
  });
  after(async () => {
    await client?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it(`${DOCS} open documents, ${EDITS} rapid edits with cancelled requests: responsive, current diagnostics, memory given back`, async () => {
    // Skills copied from the fixtures until there are enough files to open.
    const fixtures = fixtureSkills().filter((f) => !f.name.includes('malformed'));
    const files: string[] = [];
    for (let i = 0; files.length < DOCS; i++) {
      const fx = fixtures[i % fixtures.length];
      const root = path.join(tmp, `skill-${i}`);
      writeTree(root, fx.files);
      for (const rel of Object.keys(fx.files)) if (/\.(json|[jt]s)$/.test(rel) && files.length < DOCS) files.push(path.join(root, rel));
    }
    client = new TestClient({ rootFolder: tmp, nodeArgs: ['--expose-gc'] });
    await client.initialize();
    const stats = () => client.connection.sendRequest<StatsResult>('skillPrivacy/stats');

    const texts = new Map(files.map((f) => [f, fs.readFileSync(f, 'utf8')]));
    for (const f of files) void client.open(f, texts.get(f)!, f.endsWith('.json') ? 'json' : f.endsWith('.ts') ? 'typescript' : 'javascript');
    assert.equal((await stats()).openDocuments, DOCS);
    // Edit the documents that have findings: each of them must end with a publication for its last version.
    const withFindings = await waitFor(
      'diagnostics of the opened documents',
      () => {
        const docs = files.filter((f) => client.diagnostics.get(uriOf(f))?.version === 1);
        return docs.length >= DOCS / 4 ? docs : undefined;
      },
      60000,
    );
    await new Promise((r) => setTimeout(r, 500));
    const start = await stats();

    const r = new Random(1234);
    const hovers: number[] = [];
    let cancelled = 0;
    let answered = 0;
    const pending: Array<Promise<unknown>> = [];
    for (let i = 0; i < EDITS; i++) {
      const file = r.pick(withFindings);
      const base = texts.get(file)!;
      // Some edits leave the file half-typed; the last edit of each file below makes it whole again.
      const broken = r.chance(0.2);
      const text = broken ? base.slice(0, r.int(base.length)) : `${base}${' '.repeat(1 + (i % 5))}`;
      void client.change(file, text);
      if (i % 10 === 0) {
        const tokens = new CancellationTokenSource();
        const req = client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: uriOf(file) }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, context: { diagnostics: client.diagnostics.get(uriOf(file))?.diagnostics ?? [] } }, tokens.token);
        tokens.cancel();
        cancelled++;
        pending.push(req.then(() => answered++, () => answered++));
      }
      if (i % 100 === 50) {
        const t = performance.now();
        await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uriOf(file) }, position: { line: 0, character: 1 } });
        hovers.push(performance.now() - t);
      }
      // Let the server's answers in now and then, as a typing user does between keystrokes.
      if (i % 25 === 0) await new Promise((res) => setImmediate(res));
    }
    const final = new Map<string, number>();
    for (const f of withFindings) {
      const doc = await client.change(f, `${texts.get(f)!}\n`);
      final.set(uriOf(f), doc.version);
    }
    await Promise.all(pending);
    await waitFor(
      'the last publication of every edited document to be for its latest version',
      () => [...final].every(([uri, v]) => client.diagnostics.get(uri)?.version === v),
      Math.max(60000, EDITS * 30),
    );

    // Versions never go back within one document's publications.
    const last = new Map<string, number>();
    const regressions: string[] = [];
    for (const p of client.publications) {
      if (p.version === undefined || p.version === null) continue;
      const prev = last.get(p.uri);
      if (prev !== undefined && p.version < prev) regressions.push(`${p.uri}: ${p.version} after ${prev}`);
      last.set(p.uri, p.version);
    }
    assert.deepEqual(regressions.slice(0, 10), [], `${regressions.length} publications for older versions`);
    assert.equal(answered, cancelled, 'every cancelled request was answered or refused');

    const sorted = [...hovers].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    const end = await stats();
    console.log(
      `      load: ${DOCS} documents, ${EDITS} edits, ${cancelled} cancelled requests, ${client.publications.length} publications; hover median ${median.toFixed(0)} ms, max ${sorted[sorted.length - 1].toFixed(0)} ms; heap ${(start.heapUsed / 1048576).toFixed(1)} → ${(end.heapUsed / 1048576).toFixed(1)} MiB (rss ${(end.rss / 1048576).toFixed(0)} MiB)`,
    );
    assert.ok(start.gc, 'the server ran with --expose-gc');
    assert.ok(median < HOVER_MS, `hover median ${median.toFixed(0)} ms`);
    assert.ok(sorted.filter((h) => h < HOVER_MS).length >= sorted.length * 0.8, `hovers under ${HOVER_MS} ms: ${sorted.map((h) => h.toFixed(0)).join(', ')}`);
    assert.ok(end.heapUsed < start.heapUsed * 1.5 + 16 * 1048576, `heap grew from ${start.heapUsed} to ${end.heapUsed}`);
  });
});
