import * as os from 'os';
import * as path from 'path';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  InitializeResult,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  WorkDoneProgressServerReporter,
  createConnection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CODE_FILE, FIX_ALL_KIND, codeActions } from './codeActions';
import { hover } from './hover';
import { version } from '../version';
import { SettingsCache } from './settings';
import { pathToUri, uriToPath } from './uri';
import { SkillWorkspace } from './workspace';
import { Publications } from './publications';
import { publishPlan } from './checking';
import { WARM_UP_MIN_LINES, WarmUpStats, primeSteps, warmUpSteps } from './warmup';
import { ReportRequest, ReportResult, StatsRequest, StatsResult } from './protocol';
import { flowReuseStats } from '../engine/code/analyze';
import { discoverSkills, errorText, privacyReport } from '../engine';

/** Files whose change can alter a skill's findings; the client watches them for us. */
export const WATCHED_GLOBS = ['**/skill.json', '**/ask-resources.json', '**/.ask/config', '**/.skillprivacyrc.json', '**/*.json', '**/*.{js,cjs,mjs,ts,cts,mts,jsx,tsx}'];

/**
 * Longest a queued check waits for incoming messages to run out (an endless stream of edits still
 * gets diagnostics this often).
 */
const MAX_DEFER_MS = 500;

export function startServer(): void {
  /**
   * Messages handled so far. A burst (a paste, fast typing, a client replaying changes) is over when
   * a whole turn of the event loop handled none: vscode-jsonrpc handles one queued message per turn,
   * so this sees every message already received, with no fixed wait for one keystroke after a pause.
   */
  let handled = 0;
  const connection = createConnection(ProposedFeatures.all, {
    messageStrategy: {
      handleMessage(message, next) {
        handled++;
        next(message);
      },
    },
  });
  const documents = new TextDocuments(TextDocument);
  const openDoc = (file: string): TextDocument | undefined => documents.get(pathToUri(file)) ?? byPath.get(file);
  // Documents by path: the client's URI spelling may differ from ours (encoding of special characters).
  const byPath = new Map<string, TextDocument>();
  const ws = new SkillWorkspace(openDoc);
  let supportsConfiguration = false;
  let supportsWatchRegistration = false;
  let supportsRelated = false;
  const settings = new SettingsCache(connection, () => supportsConfiguration);
  /** What was published per file: only changed files are sent again, and files left with none are cleared. */
  const publications = new Publications();
  /** Checks of enabled skills run (findings reused or not), for the stats request: how well bursts coalesce. */
  let checks = 0;
  /** Checks started and not finished (one may wait for the client's settings), and whether the scan runs. */
  let validating = 0;
  let scanning = 0;

  const log = (msg: string) => connection.console.log(`[skill-privacy] ${msg}`);

  connection.onInitialize((params): InitializeResult => {
    const caps = params.capabilities;
    supportsConfiguration = !!caps.workspace?.configuration;
    supportsWatchRegistration = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    supportsRelated = !!caps.textDocument?.publishDiagnostics?.relatedInformation;
    const folders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
    if (folders.length === 0 && params.rootUri) {
      const p = uriToPath(params.rootUri);
      if (p) folders.push(p);
    }
    ws.setFolders(folders);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'skill-privacy-lint', version: version() },
    };
  });

  connection.onInitialized(() => {
    if (supportsConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
    if (supportsWatchRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })) });
    }
    connection.workspace.onDidChangeWorkspaceFolders(() => {
      void connection.workspace.getWorkspaceFolders().then((folders) => {
        ws.setFolders((folders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => !!p));
        void scanWorkspace();
      });
    });
    void scanWorkspace();
  });

  /** Checks every skill of the workspace once, with progress, so Problems lists unopened files too. */
  async function scanWorkspace(): Promise<void> {
    scanning++;
    try {
      await scanSkills();
    } finally {
      scanning--;
    }
  }

  async function scanSkills(): Promise<void> {
    let progress: WorkDoneProgressServerReporter | undefined;
    try {
      progress = await connection.window.createWorkDoneProgress();
    } catch {
      progress = undefined; // the client does not support server-initiated progress
    }
    const skills = ws.discoverAll();
    // One configuration request for every skill, not a round trip per skill: a client busy reading
    // the diagnostics just published answers late, and the scan would wait for it each time.
    settings.prefetch(skills.map((s) => pathToUri(s.root)));
    progress?.begin('Skill Privacy Lint', 0, `Checking ${skills.length} skill${skills.length === 1 ? '' : 's'}`, false);
    let done = 0;
    for (const s of skills) {
      await validate(s.root);
      done++;
      progress?.report(Math.round((done / Math.max(skills.length, 1)) * 100), `${done}/${skills.length} skills`);
      // Let requests (hover, code actions) through between skills.
      await new Promise((r) => setImmediate(r));
    }
    progress?.done();
    log(`checked ${skills.length} skill(s) in ${ws.getFolders().length} folder(s)`);
  }

  async function validate(root: string): Promise<void> {
    validating++;
    try {
      await check(root);
    } finally {
      validating--;
    }
  }

  async function check(root: string): Promise<void> {
    const s = await settings.get(pathToUri(root));
    if (!s.enable) {
      for (const file of publications.forget(root)) void connection.sendDiagnostics({ uri: openDoc(file)?.uri ?? pathToUri(file), diagnostics: [] });
      return;
    }
    checks++;
    const onError = (ruleId: string, e: unknown) => connection.console.error(`[skill-privacy] rule ${ruleId} failed: ${errorText(e)}`);
    for (const p of publishPlan(ws, publications, root, s, supportsRelated, onError)) void connection.sendDiagnostics(p);
  }

  /**
   * Skills waiting to be checked, each once however often it changed meanwhile. A check runs as
   * soon as no message is waiting (so one keystroke after a pause is checked at once), one per turn
   * of the event loop, so a hover or code action queued behind a burst of edits goes first.
   */
  const queue = new Set<string>();
  let draining = false;
  function schedule(roots: string[]): void {
    for (const root of roots) queue.add(root);
    if (draining || (queue.size === 0 && warmUps.length === 0)) return;
    draining = true;
    setImmediate(() => void drain());
  }
  const turn = () => new Promise<void>((r) => setImmediate(r));
  /** Resolves after a whole event-loop turn in which no message was handled, or after MAX_DEFER_MS. */
  async function settle(): Promise<void> {
    const since = Date.now();
    for (;;) {
      const seen = handled;
      // Two turns: the first may run before vscode-jsonrpc's own turn that handles the next message.
      await turn();
      await turn();
      if (handled === seen || Date.now() - since >= MAX_DEFER_MS) return;
    }
  }
  async function drain(): Promise<void> {
    try {
      while (queue.size > 0 || warmUps.length > 0) {
        await settle();
        const root = first(queue);
        if (root === undefined) {
          // Nothing else to do (the scan, too, comes first): one step of the warm-up, then look at the messages again.
          if (scanning > 0) await new Promise((r) => setTimeout(r, 20));
          else warmUpStep();
          continue;
        }
        queue.delete(root);
        await validate(root).catch((e: unknown) => connection.console.error(`[skill-privacy] check of ${root} failed: ${String(e)}`));
      }
    } finally {
      draining = false;
    }
  }
  const first = (set: Set<string>): string | undefined => set.values().next().value;

  /**
   * The keystroke path's warm-up (warmup.ts): its steps run one at a time when no check is queued
   * and no message is waiting, so a keystroke that arrives meanwhile waits for one step at most.
   */
  const warmUps: Array<Generator<void, void, undefined>> = [];
  const warmUpStats: WarmUpStats = { state: 'not started', checks: 0, primed: 0, ms: 0 };
  let warmUpStart = 0;
  /** Warm-ups asked for whose settings are not known yet: pending already, for the stats request. */
  let warmUpRequests = 0;
  /** A large code file was opened: warm the keystroke path up for it (the generated skill first, once). */
  async function warmUpFor(root: string, file: string): Promise<void> {
    warmUpRequests++;
    const s = await settings.get(pathToUri(root)).finally(() => warmUpRequests--);
    if (!s.enable || s.run !== 'onType') return;
    if (warmUpStats.state === 'not started') {
      warmUpStats.state = 'running';
      warmUpStart = Date.now();
      warmUps.push(warmUpSteps(path.join(os.tmpdir(), `skill-privacy-lint-warm-up-${process.pid}`)));
    }
    warmUps.push(primeSteps(ws, root, file, s));
    warmUpStats.primed++;
    schedule([]);
  }
  function warmUpStep(): void {
    const steps = warmUps[0];
    if (!steps) return;
    let done: boolean | undefined;
    try {
      done = steps.next().done;
      if (!done) warmUpStats.checks++;
    } catch (e) {
      // The warm-up only makes later checks faster: a failure costs nothing but the log line.
      log(`warm-up failed: ${errorText(e)}`);
      warmUpStats.state = 'failed';
      done = true;
    }
    warmUpStats.ms = Date.now() - warmUpStart;
    if (!done) return;
    warmUps.shift();
    if (warmUps.length === 0 && warmUpStats.state === 'running') warmUpStats.state = 'done';
  }

  function track(doc: TextDocument): string | undefined {
    const file = uriToPath(doc.uri);
    if (!file) return undefined;
    byPath.set(file, doc);
    ws.host.setOverlay(file, doc.getText());
    return file;
  }

  documents.onDidOpen((e) => {
    const file = track(e.document);
    if (!file) return;
    const roots = ws.affectedRoots(file);
    schedule(roots);
    if (roots.length === 1 && CODE_FILE.test(file) && e.document.lineCount >= WARM_UP_MIN_LINES) void warmUpFor(roots[0], file);
  });

  documents.onDidChangeContent((e) => {
    const file = track(e.document);
    if (!file) return;
    const roots = ws.affectedRoots(file);
    void Promise.all(roots.map((r) => settings.get(pathToUri(r)))).then((all) => {
      const onType = roots.filter((_, i) => all[i].run === 'onType');
      schedule(onType);
    });
  });

  documents.onDidSave((e) => {
    const file = uriToPath(e.document.uri);
    if (file) schedule(ws.affectedRoots(file));
  });

  documents.onDidClose((e) => {
    const file = uriToPath(e.document.uri);
    if (!file) return;
    byPath.delete(file);
    ws.host.setOverlay(file, undefined);
    schedule(ws.affectedRoots(file));
  });

  connection.onDidChangeWatchedFiles((params) => {
    ws.invalidate();
    const roots = new Set<string>();
    for (const c of params.changes) {
      const file = uriToPath(c.uri);
      if (!file || ws.host.hasOverlay(file)) continue; // open documents are already current
      for (const r of ws.affectedRoots(file)) roots.add(r);
    }
    // A new skill.json or ask-resources.json can create a skill: look again.
    for (const s of ws.discoverAll()) if (!ws.runs.has(s.root)) roots.add(s.root);
    schedule([...roots]);
  });

  connection.onDidChangeConfiguration(() => {
    settings.clear();
    // Every skill is checked again, those disabled until now too (they have no run to find them
    // by); their settings are asked for at once, as the scan does.
    const roots = [...new Set([...ws.runs.keys(), ...ws.discoverAll().map((s) => s.root)])];
    settings.prefetch(roots.map(pathToUri));
    schedule(roots);
  });

  connection.onHover((params) => {
    const file = uriToPath(params.textDocument.uri);
    const doc = documents.get(params.textDocument.uri);
    if (!file || !doc) return null;
    return hover(ws.runForFile(file), file, doc, params.position);
  });

  connection.onCodeAction((params) => {
    const file = uriToPath(params.textDocument.uri);
    if (!file) return [];
    return codeActions(params, ws.runForFile(file), file, openDoc(file), ws.host);
  });

  connection.onRequest(ReportRequest, async (params): Promise<ReportResult | null> => {
    const target = uriToPath(params.uri);
    if (!target) return null;
    const root = ws.skillRootFor(target) ?? discoverSkills(target, ws.host)[0]?.root;
    const project = root ? ws.projectAt(root) : undefined;
    if (!root || !project) return null;
    const s = await settings.get(pathToUri(root));
    const report = privacyReport(
      project,
      ws.host,
      { severities: s.rules, configStopAt: ws.folderOf(root), onInternalError: (ruleId, e) => log(`rule ${ruleId} failed in the report: ${String(e)}`) },
      { relativeTo: root, link: params.links === false ? undefined : (p) => `${pathToUri(p.file)}#L${p.line}` },
    );
    return { root: pathToUri(root), name: report.inventory.name, markdown: report.markdown };
  });

  connection.onRequest(StatsRequest, (): StatsResult => {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const mem = process.memoryUsage();
    return { heapUsed: mem.heapUsed, rss: mem.rss, gc: !!gc, openDocuments: documents.all().length, skills: ws.runs.size, checks, lints: ws.nextRunId(), pending: queue.size + validating + scanning + (warmUps.length > 0 || warmUpRequests > 0 ? 1 : 0), warmUp: { ...warmUpStats }, entryPoints: { evaluated: flowReuseStats.rootsEvaluated, replayed: flowReuseStats.rootsReplayed } };
  });

  documents.listen(connection);
  connection.listen();
}


