/**
 * A real LSP client for protocol tests: spawns the built server over stdio and talks to it with
 * vscode-languageserver-protocol, answering the server's requests as VS Code would.
 */
import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import * as fs from 'fs';
import { fileURLToPath, pathToFileURL } from 'url';
import {
  ClientCapabilities,
  CodeAction,
  CodeActionRequest,
  ConfigurationRequest,
  Diagnostic,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  DidOpenTextDocumentNotification,
  InitializeRequest,
  InitializedNotification,
  LogMessageNotification,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  RegistrationRequest,
  ShutdownRequest,
  ExitNotification,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentEdit,
  WorkDoneProgressCreateRequest,
  WorkspaceEdit,
  createProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const SERVER_MAIN = path.resolve(__dirname, '..', '..', 'server', 'src', 'lsp', 'main.js');

export function uriOf(file: string): string {
  return pathToFileURL(file).href;
}

/** Waits until `probe` returns a value other than undefined/false, polling; fails after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 10000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const SERVER_BUNDLE = path.resolve(__dirname, '..', '..', '..', 'dist', 'server.js');

export interface TestClientOptions {
  rootFolder: string;
  /** More workspace folders (multi-root). */
  extraFolders?: string[];
  /** The server module to run; the TypeScript output by default, or the shipped bundle. */
  serverModule?: string;
  /** `skillPrivacy` settings the client answers with. */
  settings?: Record<string, unknown>;
  capabilities?: ClientCapabilities;
  /** Node options before the server module (`--expose-gc`, `--require trap.js`). */
  nodeArgs?: string[];
  env?: NodeJS.ProcessEnv;
}

export class TestClient {
  readonly proc: ChildProcess;
  readonly connection: ProtocolConnection;
  /** Latest diagnostics per URI, and every publication in order. */
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly publications: PublishDiagnosticsParams[] = [];
  readonly docs = new Map<string, TextDocument>();
  /** Called on every publication as it arrives (benchmarks time arrivals without polling). */
  readonly onPublish = new Set<(p: PublishDiagnosticsParams) => void>();
  settings: Record<string, unknown>;
  stderr = '';

  constructor(private readonly options: TestClientOptions) {
    this.settings = options.settings ?? { enable: true, run: 'onType', rules: {} };
    this.proc = spawn(process.execPath, [...(options.nodeArgs ?? []), options.serverModule ?? SERVER_MAIN, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: options.env ?? process.env });
    this.proc.stderr?.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.connection = createProtocolConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.set(p.uri, p);
      this.publications.push(p);
      for (const l of [...this.onPublish]) l(p);
    });
    this.connection.onRequest(ConfigurationRequest.type, (p) => p.items.map((i) => (i.section === 'skillPrivacy' ? this.settings : null)));
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    this.connection.listen();
  }

  async initialize(): Promise<void> {
    const rootUri = uriOf(this.options.rootFolder);
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: [this.options.rootFolder, ...(this.options.extraFolders ?? [])].map((f) => ({ uri: uriOf(f), name: path.basename(f) })),
      capabilities: this.options.capabilities ?? {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true, workspaceEdit: { documentChanges: true } },
        textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true }, codeAction: { dataSupport: true } },
        window: { workDoneProgress: true },
      },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  /** Initializes and waits for the server's initial workspace scan (its `checked N skill(s)` log line). */
  async initializeAndScan(timeoutMs = 60000): Promise<void> {
    let scanned = false;
    this.connection.onNotification(LogMessageNotification.type, (p) => {
      if (/checked \d+ skill/.test(p.message)) scanned = true;
    });
    await this.initialize();
    await waitFor('the initial scan', () => scanned, timeoutMs);
  }

  diagnosticsOf(file: string): Diagnostic[] {
    return this.diagnostics.get(uriOf(file))?.diagnostics ?? [];
  }

  /** Waits for diagnostics of `file` that satisfy `pred`. */
  waitForDiagnostics(file: string, what: string, pred: (ds: Diagnostic[]) => boolean, timeoutMs = 10000): Promise<Diagnostic[]> {
    return waitFor(what, () => {
      const p = this.diagnostics.get(uriOf(file));
      return p && pred(p.diagnostics) ? p.diagnostics : undefined;
    }, timeoutMs);
  }

  async open(file: string, text: string, languageId = file.endsWith('.json') ? 'json' : 'javascript'): Promise<TextDocument> {
    const doc = TextDocument.create(uriOf(file), languageId, 1, text);
    this.docs.set(doc.uri, doc);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: doc.uri, languageId, version: 1, text } });
    return doc;
  }

  /** Replaces the whole text of an open document (a full-text change event). */
  async change(file: string, text: string): Promise<TextDocument> {
    const uri = uriOf(file);
    const old = this.docs.get(uri);
    if (!old) throw new Error(`${file} is not open`);
    const doc = TextDocument.update(old, [{ text }], old.version + 1);
    this.docs.set(uri, doc);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: doc.version }, contentChanges: [{ text }] });
    return doc;
  }

  async codeActions(file: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const res = await this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: uriOf(file) }, range, context: { diagnostics, only } });
    return (res ?? []).filter((a): a is CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string'));
  }

  /** Applies a workspace edit to open documents (sending didChange) and returns the new texts by URI; refuses stale versions as VS Code does. */
  async applyEdit(edit: WorkspaceEdit): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const change of edit.documentChanges ?? []) {
      if ('kind' in change) {
        // A resource operation: only `create` is used by the server (a new .skillprivacyrc.json).
        if (change.kind !== 'create') throw new Error(`unexpected resource operation ${change.kind}`);
        const file = fileURLToPath(change.uri);
        if (!fs.existsSync(file)) fs.writeFileSync(file, '');
        continue;
      }
      const dc = change as TextDocumentEdit;
      const doc = this.docs.get(dc.textDocument.uri);
      if (!doc) {
        // A closed file: edit it on disk, as VS Code does for files that are not open.
        const file = fileURLToPath(dc.textDocument.uri);
        const disk = TextDocument.create(dc.textDocument.uri, 'json', 0, fs.readFileSync(file, 'utf8'));
        const text = TextDocument.applyEdits(disk, dc.edits.map((e) => ('range' in e ? { range: e.range, newText: e.newText } : e)));
        fs.writeFileSync(file, text);
        await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: dc.textDocument.uri, type: FileChangeType.Changed }] });
        out.set(dc.textDocument.uri, text);
        continue;
      }
      if (dc.textDocument.version !== null && dc.textDocument.version !== doc.version) throw new Error(`stale edit: version ${dc.textDocument.version} but the document is at ${doc.version}`);
      const text = TextDocument.applyEdits(doc, dc.edits.map((e) => ('range' in e ? { range: e.range, newText: e.newText } : e)));
      await this.change(fileURLToPath(dc.textDocument.uri), text);
      out.set(dc.textDocument.uri, text);
    }
    return out;
  }

  async setSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { skillPrivacy: settings } });
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // the server may already be gone
    }
    this.connection.dispose();
    if (this.proc.exitCode === null) this.proc.kill();
  }
}
