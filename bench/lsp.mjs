// The real language server over stdio, driven by the protocol tests' client
// (test/helpers/lsp-client.ts, compiled to out/).
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { TestClient, uriOf, waitFor } = require(path.join(repo, 'out/test/helpers/lsp-client.js'));
const { DidChangeTextDocumentNotification, LogMessageNotification } = require('vscode-languageserver-protocol/node');
const ts = require('typescript');
const { TextDocument } = require('vscode-languageserver-textdocument');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(0.95 * xs.length) - 1)];

/** CPU time (user + system) a process has used so far, in ms: less sensitive than wall time to other load on the machine. */
function cpuOf(pid) {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 10; // clock ticks of 10 ms (USER_HZ 100)
}

function rssOf(pid) {
  const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return { rss: Number(s.match(/VmRSS:\s+(\d+)/)[1]), hwm: Number(s.match(/VmHWM:\s+(\d+)/)[1]) };
}

/** Starts a server on `folders` and resolves when its initial workspace scan has been logged. */
async function started(folders, serverModule) {
  const client = new TestClient({ rootFolder: folders[0], extraFolders: folders.slice(1), serverModule });
  let checked;
  client.connection.onNotification(LogMessageNotification.type, (p) => {
    if (/checked \d+ skill/.test(p.message)) checked = performance.now();
  });
  const t = performance.now();
  await client.initialize();
  await waitFor('the initial scan', () => checked !== undefined, 180000);
  return { client, scan: checked - t };
}

/**
 * Sends one incremental change (as editors do) and returns the time until its diagnostics arrive
 * (taken when the publication is read, not by polling for it).
 */
async function edit(client, file, doc, change) {
  const next = TextDocument.update(doc, [change], doc.version + 1);
  const uri = uriOf(file);
  let timer;
  let listener;
  const arrived = new Promise((resolve, reject) => {
    listener = (p) => {
      if (p.uri === uri && p.version === next.version) resolve(performance.now());
    };
    timer = setTimeout(() => reject(new Error(`timed out waiting for the diagnostics of version ${next.version}`)), 60000);
  });
  client.onPublish.add(listener);
  try {
    const t = performance.now();
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: next.version }, contentChanges: [change] });
    return { doc: next, ms: (await arrived) - t };
  } finally {
    clearTimeout(timer);
    client.onPublish.delete(listener);
  }
}

/**
 * `edits` keystrokes inside spoken strings all over `file` (every other one types a letter, the
 * next deletes it), each timed until its diagnostics; plus the same-process baseline of re-parsing
 * the whole file and the server's check counts. `needle` chooses the strings: `speak('` (speech,
 * what most keystrokes in a handler type; the rules keep their reports across such an edit),
 * `console.log('` (a log message: code; the data flow takes its last model over, moved, as it
 * cannot see such an edit, and the rules that read it check again; only the consent and
 * permission rules keep their reports) or `/v1/` (the path of an `axios.post` URL: code the data
 * flow reads, so it runs, replaying the entry points the edit cannot have changed). `gapMs`: a pause
 * after each keystroke's diagnostics before the next one (a person typing), none by default (the
 * next edit is sent as soon as the diagnostics arrive, which keeps the server's caches warm).
 */
async function keystrokes(client, file, text, edits, log, label, needle = "speak('", gapMs = 0) {
  const stats = () => client.connection.sendRequest('skillPrivacy/stats');
  const opening = await stats();
  const opened = performance.now();
  let doc = await client.open(file, text);
  await client.waitForDiagnostics(file, 'the first diagnostics', (ds) => ds.length > 0, 60000);
  // The check that opening the file starts (the scan's diagnostics may already be there), and the
  // warm-up that follows it in a large file (lsp/warmup.ts, from round 10): done before the first
  // keystroke, as it is long before a person types.
  for (let s = await stats(); s.pending > 0 || s.checks === opening.checks; s = await stats()) await new Promise((r) => setTimeout(r, 20));
  const settled = await stats();
  // From didOpen until the server is idle; builds before round 10 have no warm-up to report.
  const ready = { ms: performance.now() - opened, warmUp: settled.warmUp && { state: settled.warmUp.state, checks: settled.warmUp.checks, primed: settled.warmUp.primed, ms: settled.warmUp.ms } };
  const lines = text.split('\n');
  const targets = lines.map((l, i) => [i, l.indexOf(needle)]).filter(([, c]) => c >= 0);
  const times = [];
  const change = (k) => {
    const [line, col] = targets[(Math.floor(k / 2) * 37) % targets.length];
    const at = { line, character: col + needle.length };
    return k % 2 === 0 ? { range: { start: at, end: at }, text: 'x' } : { range: { start: at, end: { line, character: col + needle.length + 1 } }, text: '' };
  };
  // The first keystroke after opening, on its own: whether it already replays the data flow.
  const beforeFirst = await stats();
  const firstEdit = await edit(client, file, doc, change(0));
  doc = firstEdit.doc;
  const afterFirst = await stats();
  const before = await stats();
  const published = client.publications.length;
  const cpu0 = cpuOf(client.proc.pid);
  log(`LSP: ${edits} keystrokes in the ${label}`);
  for (let k = 1; k <= edits; k++) {
    const r = await edit(client, file, doc, change(k));
    times.push(r.ms);
    doc = r.doc;
    if (gapMs > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
  const cpu = (cpuOf(client.proc.pid) - cpu0) / edits;
  const ps = [];
  for (let k = 0; k < 20; k++) {
    const t = performance.now();
    ts.createSourceFile(file, doc.getText(), ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
    ps.push(performance.now() - t);
  }
  const after = await stats();
  // What the server sent for the keystrokes: publications (files) and JSON characters per keystroke.
  const sent = client.publications.slice(published);
  const chars = sent.reduce((n, p) => n + JSON.stringify(p).length, 0);
  return {
    samples: times.length,
    gapMs,
    median: median(times),
    p95: p95(times),
    max: Math.max(...times),
    parse: median(ps),
    checks: after.checks - before.checks,
    lints: after.lints - before.lints,
    publicationsPerEdit: sent.length / edits,
    kbPerEdit: chars / edits / 1024,
    serverCpuPerEdit: cpu,
    ready,
    first: { ms: firstEdit.ms, evaluated: afterFirst.entryPoints && afterFirst.entryPoints.evaluated - beforeFirst.entryPoints.evaluated },
    // Builds before round 4 do not report entry points.
    entryPointsPerEdit: after.entryPoints && { evaluated: (after.entryPoints.evaluated - before.entryPoints.evaluated) / edits, replayed: (after.entryPoints.replayed - before.entryPoints.replayed) / edits },
  };
}

/** The pause between keystrokes of the typing-cadence row: about ten keys a second, a fast typist. */
const CADENCE_MS = 100;

export async function lsp({ w, edits, memory, log, compare }) {
  // The server no longer waits a fixed time before a check (it was a 30 ms debounce).
  const out = { debounce: 0 };
  if (edits > 0) {
    const file = path.join(w.big.codeDir, 'handlers10k.js');
    const text = fs.readFileSync(file, 'utf8');
    const { client } = await started([w.big.root]);
    try {
      out.keystroke = await keystrokes(client, file, text, edits, log, '10,000-line file');

      // skill.json: declare and undeclare the e-mail permission the code uses; the code file's
      // permission-not-declared diagnostics must follow.
      const mf = w.big.manifestFile;
      const mtext = fs.readFileSync(mf, 'utf8');
      let mdoc = await client.open(mf, mtext);
      const anchor = mtext.indexOf('"manifestVersion"');
      const pos = mdoc.positionAt(anchor);
      const insert = '"permissions": [{ "name": "alexa::profile:email:read" }],\n    ';
      const count = () => (client.diagnostics.get(uriOf(file))?.diagnostics ?? []).filter((d) => d.code === 'permission-not-declared').length;
      const mtimes = [];
      log('LSP: 20 skill.json edits');
      for (let k = 0; k < 20; k++) {
        const adding = k % 2 === 0;
        const before = client.publications.length;
        const change = adding ? { range: { start: pos, end: pos }, text: insert } : { range: { start: pos, end: mdoc.positionAt(anchor + insert.length) }, text: '' };
        mdoc = TextDocument.update(mdoc, [change], mdoc.version + 1);
        const t = performance.now();
        await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: mdoc.uri, version: mdoc.version }, contentChanges: [change] });
        await waitFor('refreshed code diagnostics', () => client.publications.length > before && client.publications.slice(before).some((p) => p.uri === uriOf(file)) && (adding ? count() === 0 : count() > 0), 60000);
        mtimes.push(performance.now() - t);
      }
      out.manifest = { samples: mtimes.length, median: median(mtimes), p95: p95(mtimes) };
      out.serverAfterEdits = rssOf(client.proc.pid);
    } finally {
      await client.stop();
    }
  }
  const serverOf = (dir) => path.join(dir, 'out', 'server', 'src', 'lsp', 'main.js');
  /** The same keystrokes against another build's server (`--compare`), in the same run. */
  async function keystrokesWith(serverModule, root, file, label, needle, gapMs) {
    const { client } = await started([root], serverModule);
    try {
      return await keystrokes(client, file, fs.readFileSync(file, 'utf8'), edits, log, label, needle, gapMs);
    } finally {
      await client.stop();
    }
  }
  if (edits > 0 && compare) {
    out.keystrokeBefore = await keystrokesWith(serverOf(compare), w.big.root, path.join(w.big.codeDir, 'handlers10k.js'), '10,000-line file, the build compared with');
  }
  if (edits > 0) {
    // Keystrokes in code rather than speech: log messages, then URLs the data flow reads.
    const code = "console.log('";
    const file = path.join(w.big.codeDir, 'handlers10k.js');
    if (compare) out.keystrokeCodeBefore = await keystrokesWith(serverOf(compare), w.big.root, file, '10,000-line file, in code, the build compared with', code);
    out.keystrokeCode = await keystrokesWith(undefined, w.big.root, file, '10,000-line file, in code (console.log strings)', code);
    // This build first for the second pair, so neither build always runs first.
    out.keystrokeFlow = await keystrokesWith(undefined, w.big.root, file, '10,000-line file, in code the data flow reads (URL paths)', '/v1/');
    if (compare) out.keystrokeFlowBefore = await keystrokesWith(serverOf(compare), w.big.root, file, '10,000-line file, in code the data flow reads, the build compared with', '/v1/');
    // The same speech keystrokes as the first row, one every CADENCE_MS as a person types rather
    // than back to back: the server idles between them, as it does in an editor.
    out.keystrokeCadence = await keystrokesWith(undefined, w.big.root, file, `10,000-line file, one keystroke every ${CADENCE_MS} ms`, "speak('", CADENCE_MS);
  }
  if (edits > 0) {
    // DESIGN.md's quality bar: a keystroke in a 3,000-line handler (a skill whose only big file it is).
    const file = path.join(w.handler3k.codeDir, 'handlers3k.js');
    const { client } = await started([w.handler3k.root]);
    try {
      out.keystroke3k = await keystrokes(client, file, fs.readFileSync(file, 'utf8'), edits, log, '3,000-line file (its own skill)');
    } finally {
      await client.stop();
    }
  }
  if (edits > 0 && compare) {
    // The other order for the second pair, so neither build always runs first (10k: the compared build first).
    out.keystroke3kBefore = await keystrokesWith(serverOf(compare), w.handler3k.root, path.join(w.handler3k.codeDir, 'handlers3k.js'), '3,000-line file, the build compared with');
  }
  if (memory) {
    out.memory = {};
    const empty = fs.mkdtempSync(path.join(path.dirname(w.root), 'empty-'));
    const groups = w.ws.map((g) => g.folder);
    for (const [n, folders] of [[0, [empty]], [25, groups.slice(0, 1)], [50, groups.slice(0, 2)], [100, groups]]) {
      log(`LSP: server memory with ${n} skills open`);
      const { client, scan } = await started(folders);
      try {
        // Let the last publications drain before reading the resident set.
        await new Promise((r) => setTimeout(r, 500));
        out.memory[n] = { scan, ...rssOf(client.proc.pid) };
      } finally {
        await client.stop();
      }
    }
    if (compare) {
      log('LSP: server memory with 100 skills open, the build before the fixes');
      const { client, scan } = await started(groups, path.join(compare, 'out', 'server', 'src', 'lsp', 'main.js'));
      try {
        await new Promise((r) => setTimeout(r, 500));
        out.memoryBefore = { scan, ...rssOf(client.proc.pid) };
      } finally {
        await client.stop();
      }
    }
  }
  return out;
}
