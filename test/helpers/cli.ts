/**
 * Runs the real CLI as a child process, the way a shell or CI job does, and reads its output.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The repository root, from out/test/helpers. */
export const REPO = path.resolve(__dirname, '..', '..', '..');
/** The `bin` entry of package.json: what `npx skill-privacy-lint` runs. */
export const CLI_BIN = path.join(REPO, 'server', 'bin', 'skill-privacy-lint.js');
/** The esbuild bundle shipped in the .vsix, used by the bin when out/ is absent. */
export const CLI_BUNDLE = path.join(REPO, 'dist', 'cli.js');
export const CLI_FIXTURES = path.join(REPO, 'test', 'fixtures', 'cli');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs over the read-only fixtures give the same output every time; they are spawned once per test
 * process (each spawn loads the TypeScript parser, about a second on a busy machine).
 */
const cache = new Map<string, CliRun>();

export function runCli(args: string[], opts: { cwd?: string; entry?: string; env?: Record<string, string | undefined> } = {}): CliRun {
  const cwd = opts.cwd ?? CLI_FIXTURES;
  const cacheable = !opts.env && (cwd === CLI_FIXTURES || cwd === REPO) && !args.some((a) => a === '-o' || a.startsWith('--output'));
  const key = JSON.stringify([args, cwd, opts.entry ?? CLI_BIN]);
  const hit = cacheable ? cache.get(key) : undefined;
  if (hit) return { ...hit };
  const r = spawnCli(args, cwd, opts);
  if (cacheable) cache.set(key, r);
  return { ...r };
}

function spawnCli(args: string[], cwd: string, opts: { entry?: string; env?: Record<string, string | undefined> }): CliRun {
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env };
  for (const [k, v] of Object.entries(opts.env ?? {})) if (v === undefined) delete env[k];
  const r = spawnSync(process.execPath, [opts.entry ?? CLI_BIN, ...args], { cwd, encoding: 'utf8', env, timeout: 60000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A finding of `--format json` as one comparable line: `ruleId severity file:line:column-endLine:endColumn`. */
export function findingLine(f: { ruleId: string; severity: string; file: string; line: number; column: number; endLine: number; endColumn: number }): string {
  return `${f.ruleId} ${f.severity} ${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn}`;
}

/** Offset of a 1-based line and UTF-16 column in `text` (lines end at \n; a \r before it is part of the line). */
export function offsetAt(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) throw new Error(`line ${line} is past the end of the text (${l} lines)`);
    offset = nl + 1;
  }
  const lineEnd = text.indexOf('\n', offset);
  const max = (lineEnd < 0 ? text.length : lineEnd) - offset;
  if (column - 1 > max) throw new Error(`column ${column} is past the end of line ${line} (${max + 1})`);
  return offset + column - 1;
}

export interface LineColumnEdit {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  newText: string;
}

/** Applies 1-based line/column edits (non-overlapping) to a text, last first. */
export function applyLineColumnEdits(text: string, edits: LineColumnEdit[]): string {
  const spans = edits
    .map((e) => ({ start: offsetAt(text, e.line, e.column), end: offsetAt(text, e.endLine, e.endColumn), newText: e.newText }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const s of spans) {
    if (s.end < s.start) throw new Error('an edit ends before it starts');
    out = out.slice(0, s.start) + s.newText + out.slice(s.end);
  }
  return out;
}

/** A temporary copy of a CLI fixture folder (for symlinks, or output files). Remove it with `fs.rmSync`. */
export function copyFixture(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-cli-'));
  fs.cpSync(path.join(CLI_FIXTURES, name), path.join(dir, name), { recursive: true });
  return dir;
}

export function readFixture(rel: string): string {
  return fs.readFileSync(path.join(CLI_FIXTURES, rel), 'utf8');
}

/** A config with two schema problems on line 2 and a misspelled key on line 3. */
export const BROKEN_CONFIG = `{
  "rules": { "free-form-capture": "warn", "no-such-rule": "off" },
  "ignroe": ["lambda/**"]
}
`;

/** plain-clean copied to a temp folder, with `text` as its .skillprivacyrc.json. */
export function brokenConfigSkill(text = BROKEN_CONFIG): string {
  const dir = copyFixture('plain-clean');
  fs.writeFileSync(path.join(dir, 'plain-clean', '.skillprivacyrc.json'), text);
  return dir;
}
