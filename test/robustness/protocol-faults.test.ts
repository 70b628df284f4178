/**
 * The server survives a client that sends garbage: bad JSON in a frame, unknown methods, params of
 * the wrong types, changes to documents never opened, huge frames and huge or broken documents.
 * Written on the raw stream (Content-Length frames), since a real client library would refuse
 * to send most of these; after each, the next valid request is answered.
 */
import { strict as assert } from 'assert';
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SERVER_MAIN, uriOf, waitFor } from '../helpers/lsp-client';
import { fixtureSkills, writeTree } from './support';
import { MAX_CODE_DEPTH } from '../../server/src/engine/code/parse';
import { MAX_JSON_DEPTH } from '../../server/src/engine/json/document';

interface Message {
  id?: number | string | null;
  method?: string;
  params?: { uri?: string; version?: number; diagnostics?: Array<{ code?: string; message: string }> };
  result?: unknown;
  error?: { code: number; message: string };
}

class RawClient {
  readonly proc: ChildProcess;
  readonly messages: Message[] = [];
  private buf = Buffer.alloc(0);
  stderr = '';

  constructor() {
    this.proc = spawn(process.execPath, [SERVER_MAIN, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.proc.stdout!.on('data', (d: Buffer) => {
      this.buf = Buffer.concat([this.buf, d]);
      for (;;) {
        const end = this.buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const len = Number(/Content-Length: (\d+)/i.exec(this.buf.subarray(0, end).toString())?.[1]);
        if (this.buf.length < end + 4 + len) return;
        const body = this.buf.subarray(end + 4, end + 4 + len).toString('utf8');
        this.buf = this.buf.subarray(end + 4 + len);
        const m = JSON.parse(body) as Message;
        this.messages.push(m);
        // Answer what the server asks (configuration, registration, progress) as a client would.
        if (m.method && m.id !== undefined) this.send({ jsonrpc: '2.0', id: m.id, result: m.method === 'workspace/configuration' ? [{ enable: true, run: 'onType', rules: {} }] : null });
      }
    });
  }

  frame(body: string | Buffer): void {
    const b = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    this.proc.stdin!.write(Buffer.concat([Buffer.from(`Content-Length: ${b.length}\r\n\r\n`), b]));
  }

  send(msg: object): void {
    this.frame(JSON.stringify(msg));
  }

  private nextId = 100;
  /** Sends a request and waits for its response. */
  async request(method: string, params: unknown, timeoutMs = 20000): Promise<Message> {
    const id = this.nextId++;
    this.send({ jsonrpc: '2.0', id, method, params });
    return waitFor(`the response to ${method} (${id})`, () => this.messages.find((m) => m.id === id && m.method === undefined), timeoutMs);
  }

  alive(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }
}

describe('robustness: a client sending malformed LSP messages', function () {
  this.timeout(90000);
  let tmp: string;
  let client: RawClient;
  let manifest: string;
  let handler: string;

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-faults-'));
    writeTree(tmp, fixtureSkills().find((f) => f.name === 'examples/pizza-order')!.files);
    manifest = path.join(tmp, 'skill-package', 'skill.json');
    handler = path.join(tmp, 'lambda', 'index.js');
    client = new RawClient();
    const init = await client.request('initialize', { processId: null, rootUri: uriOf(tmp), workspaceFolders: [{ uri: uriOf(tmp), name: 'w' }], capabilities: { workspace: { configuration: true } } });
    assert.ok(init.result);
    client.send({ jsonrpc: '2.0', method: 'initialized', params: {} });
    client.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: uriOf(handler), languageId: 'javascript', version: 1, text: fs.readFileSync(handler, 'utf8') } } });
  });
  after(async () => {
    if (client.alive()) {
      await client.request('shutdown', null).catch(() => undefined);
      client.send({ jsonrpc: '2.0', method: 'exit' });
      await new Promise((r) => setTimeout(r, 200));
      if (client.alive()) client.proc.kill();
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** The server still answers a valid request: a hover on the open handler. */
  async function stillAnswers(after: string): Promise<void> {
    const r = await client.request('textDocument/hover', { textDocument: { uri: uriOf(handler) }, position: { line: 0, character: 0 } });
    assert.ok(client.alive(), `the server exited after ${after}: ${client.stderr.slice(-500)}`);
    assert.equal(r.error, undefined, `hover after ${after}: ${JSON.stringify(r.error)}`);
  }

  const faults: Array<[string, () => void]> = [
    ['bad JSON in a frame', () => client.frame('{"jsonrpc": "2.0", "id": 7, "method": "textDocument/hover", "params": {')],
    ['a frame that is not UTF-8', () => client.frame(Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x80]))],
    ['a JSON value that is not a message', () => client.frame('[1, 2, 3]')],
    ['a request without a method', () => client.send({ jsonrpc: '2.0', id: 8 })],
    ['a notification of an unknown method', () => client.send({ jsonrpc: '2.0', method: 'foo/bar', params: { x: 1 } })],
    ['params of the wrong types for hover and code actions', () => {
      client.send({ jsonrpc: '2.0', id: 9, method: 'textDocument/hover', params: { textDocument: 5, position: 'top' } });
      client.send({ jsonrpc: '2.0', id: 10, method: 'textDocument/codeAction', params: null });
      client.send({ jsonrpc: '2.0', id: 11, method: 'textDocument/codeAction', params: { textDocument: { uri: uriOf(handler) }, range: { start: { line: -5, character: 1e9 }, end: null }, context: { diagnostics: [{ source: 'skill-privacy', data: { run: 'x', index: 1e9, ruleId: 7 } }] } } });
      client.send({ jsonrpc: '2.0', id: 12, method: 'skillPrivacy/report', params: { uri: 12 } });
    }],
    ['didOpen and didChange with the wrong types', () => {
      client.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 42, text: null } } });
      client.send({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri: uriOf(handler), version: 'two' }, contentChanges: [{ range: 'all', text: 5 }] } });
    }],
    ['a didChange and a didClose for a document never opened', () => {
      client.send({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri: uriOf(path.join(tmp, 'lambda', 'never.js')), version: 2 }, contentChanges: [{ text: 'x' }] } });
      client.send({ jsonrpc: '2.0', method: 'textDocument/didClose', params: { textDocument: { uri: 'file:///nowhere/at/all.json' } } });
    }],
    ['URIs that are not files', () => {
      client.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'untitled:Untitled-1', languageId: 'json', version: 1, text: '{' } } });
      client.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///%E0%A4%A', languageId: 'json', version: 1, text: '{' } } });
      client.send({ jsonrpc: '2.0', id: 13, method: 'textDocument/hover', params: { textDocument: { uri: 'http://example.com/x.js' }, position: { line: 0, character: 0 } } });
    }],
    ['a 30 MB frame of an unknown notification', () => client.send({ jsonrpc: '2.0', method: '$/huge', params: { blob: 'x'.repeat(30 * 1024 * 1024) } })],
  ];
  for (const [label, send] of faults) {
    it(`${label}: the next request is answered`, async () => {
      send();
      await stillAnswers(label);
    });
  }

  it('an unknown request gets MethodNotFound', async () => {
    const r = await client.request('foo/bar', {});
    assert.equal(r.error?.code, -32601);
  });

  it('broken documents opened in the editor (12 MB, 10,000 levels deep, binary) get findings, not a crash', async () => {
    const model = path.join(tmp, 'skill-package', 'interactionModels', 'custom', 'en-US.json');
    const deModel = path.join(tmp, 'skill-package', 'interactionModels', 'custom', 'de-DE.json');
    client.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: uriOf(manifest), languageId: 'json', version: 1, text: `{"manifest": ${'['.repeat(10000)}` } } });
    client.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: uriOf(model), languageId: 'json', version: 1, text: '{"a": "' + 'x'.repeat(12 * 1024 * 1024) + '"}' } } });
    client.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: uriOf(deModel), languageId: 'json', version: 1, text: '\u0000\u0001\u0002' } } });
    client.send({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri: uriOf(handler), version: 2 }, contentChanges: [{ text: `const x = ${'('.repeat(10000)};` }] } });
    const diag = (file: string, version: number, re: RegExp) =>
      waitFor(`a finding on ${path.basename(file)} matching ${re}`, () => {
        const ps = client.messages.filter((m) => m.method === 'textDocument/publishDiagnostics' && m.params?.uri === uriOf(file));
        const last = ps[ps.length - 1]?.params;
        return last?.version === version && last.diagnostics?.some((d) => d.code === 'parse-error' && re.test(d.message));
      }, 30000);
    await diag(manifest, 1, new RegExp(`nested more than ${MAX_JSON_DEPTH} levels deep`));
    await diag(model, 1, /over the 4\.0 MiB limit/);
    await diag(handler, 2, new RegExp(`nested more than ${MAX_CODE_DEPTH} levels deep`));
    await stillAnswers('broken documents');
  });
});
