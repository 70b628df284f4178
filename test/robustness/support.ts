/**
 * Shared by the robustness tests: a seeded PRNG, an in-memory FileHost (fast, and able to fail in
 * ways a root-run test cannot make the disk fail), the fixture skills as in-memory file sets, and
 * the checks that a fix leaves its files parseable.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DirEntry, FileHost, ReadResult, decodeText } from '../../server/src/engine/host';
import { parseJsonDocument } from '../../server/src/engine/json/document';
import { parseCode } from '../../server/src/engine/code/parse';
import { Finding, TextEdit } from '../../server/src/engine/types';

export const REPO = path.resolve(__dirname, '..', '..', '..');

/** mulberry32: a tiny seeded PRNG, so every fuzz case can be replayed from (seed, index). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Random {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** What a file of the in-memory host holds: text, a read failure, or a folder where a file is expected. */
export type MemEntry = string | Buffer | { fail: string } | { dir: true };
/** A skill as files: path relative to the skill root → entry. */
export type MemFiles = Record<string, MemEntry>;

/**
 * A FileHost over a map of absolute paths. Folders are implied by the files below them. A
 * `{ fail }` entry throws like an unreadable file (EACCES) from `readText` only, as the disk host
 * turns such errors into a `skipped` result; here the result is built the same way.
 */
export class MemoryFileHost implements FileHost {
  private readonly files = new Map<string, MemEntry>();
  private readonly dirs = new Map<string, Map<string, 'file' | 'dir'>>();
  /** Every readText call, to assert what the engine looked at. */
  readonly reads: string[] = [];

  constructor(root: string, files: MemFiles) {
    this.addDir(root);
    for (const [rel, entry] of Object.entries(files)) {
      const abs = path.join(root, rel);
      if (typeof entry === 'object' && !Buffer.isBuffer(entry) && 'dir' in entry) {
        this.addDir(abs);
        continue;
      }
      this.files.set(abs, entry);
      this.addDir(path.dirname(abs));
      this.dirs.get(path.dirname(abs))!.set(path.basename(abs), 'file');
    }
  }

  private addDir(dir: string): void {
    if (this.dirs.has(dir)) return;
    this.dirs.set(dir, new Map());
    const parent = path.dirname(dir);
    if (parent !== dir) {
      this.addDir(parent);
      this.dirs.get(parent)!.set(path.basename(dir), 'dir');
    }
  }

  readText(file: string): ReadResult {
    const abs = path.resolve(file);
    this.reads.push(abs);
    if (this.dirs.has(abs)) return { kind: 'skipped', reason: 'it is not a regular file' };
    const e = this.files.get(abs);
    if (e === undefined) return { kind: 'missing' };
    if (typeof e === 'string') return decodeText(Buffer.from(e, 'utf8'));
    if (Buffer.isBuffer(e)) return decodeText(e);
    return { kind: 'skipped', reason: `it could not be read (${(e as { fail: string }).fail})` };
  }

  exists(file: string): boolean {
    const abs = path.resolve(file);
    return this.files.has(abs) || this.dirs.has(abs);
  }

  isDirectory(file: string): boolean {
    return this.dirs.has(path.resolve(file));
  }

  readDir(dir: string): DirEntry[] {
    const d = this.dirs.get(path.resolve(dir));
    if (!d) return [];
    return [...d.entries()].map(([name, kind]) => ({ name, isDirectory: kind === 'dir', isFile: kind === 'file' }));
  }

  realPath(file: string): string {
    return path.resolve(file);
  }
}

/** Folders of fixture skills: every skill under test/fixtures and examples. */
const FIXTURE_ROOTS = [path.join(REPO, 'test', 'fixtures'), path.join(REPO, 'examples')];

export interface FixtureSkill {
  /** e.g. `test/fixtures/code/bakery-js`. */
  name: string;
  files: Record<string, string>;
}

function isSkillRoot(dir: string): boolean {
  return ['ask-resources.json', 'skill.json', path.join('.ask', 'config')].some((f) => fs.existsSync(path.join(dir, f)));
}

function readTree(root: string, dir: string, out: Record<string, string>): void {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules') continue;
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) readTree(root, abs, out);
    else if (e.isFile()) out[path.relative(root, abs).split(path.sep).join('/')] = fs.readFileSync(abs, 'utf8');
  }
}

/** Every fixture skill, read into memory once. */
export function fixtureSkills(): FixtureSkill[] {
  const out: FixtureSkill[] = [];
  const walk = (dir: string): void => {
    if (isSkillRoot(dir)) {
      const files: Record<string, string> = {};
      readTree(dir, dir, files);
      out.push({ name: path.relative(REPO, dir).split(path.sep).join('/'), files });
      return;
    }
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) if (e.isDirectory() && e.name !== 'node_modules') walk(path.join(dir, e.name));
  };
  for (const r of FIXTURE_ROOTS) walk(r);
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

export const CODE_FILE = /\.[cm]?[jt]sx?$/;

/** Strict JSON parse succeeds (after a BOM). */
export function strictJsonOk(text: string): boolean {
  try {
    JSON.parse(text.replace(/^\ufeff/, ''));
    return true;
  } catch {
    return false;
  }
}

/** The tolerant parse the engine uses (comments, trailing commas) finds no error. */
export function lenientJsonOk(file: string, text: string): boolean {
  const doc = parseJsonDocument(file + '#check', text);
  return doc.errors.length === 0 && doc.root !== undefined;
}

export function codeErrors(file: string, text: string): number {
  return parseCode(file + '#check', text).syntaxErrors.length;
}

/** Applies edits to one text, checking that they are inside it and do not overlap. */
export function applyTextEdits(text: string, edits: TextEdit[], what: string): string {
  const sorted = [...edits].sort((a, b) => b.offset - a.offset || b.length - a.length);
  for (const e of sorted) {
    assert.ok(Number.isInteger(e.offset) && Number.isInteger(e.length) && e.offset >= 0 && e.length >= 0 && e.offset + e.length <= text.length, `${what}: edit ${e.offset}+${e.length} outside a text of ${text.length}`);
  }
  for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i].offset + sorted[i].length <= sorted[i - 1].offset, `${what}: overlapping edits`);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.offset) + e.newText + out.slice(e.offset + e.length);
  return out;
}

/**
 * Applies every fix of every finding, one at a time, to the texts the findings were computed on,
 * and returns the problems: an edit outside the skill root or naming a file the fix should not
 * touch, JSON that parsed and no longer does, code that parsed and no longer does.
 */
export function checkFixes(root: string, findings: Finding[], textOf: (file: string) => string | undefined): string[] {
  const problems: string[] = [];
  for (const f of findings) {
    for (const fix of f.fixes) {
      const what = `${f.ruleId} fix ${fix.id} (${path.relative(root, f.file)})`;
      const byFile = new Map<string, TextEdit[]>();
      for (const e of fix.edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
      for (const [file, edits] of byFile) {
        const rel = path.relative(root, file);
        if (rel.startsWith('..') || path.isAbsolute(rel)) {
          problems.push(`${what} edits ${file}, outside the skill`);
          continue;
        }
        if (rel.split(path.sep).includes('node_modules')) problems.push(`${what} edits ${rel}, inside node_modules`);
        const before = textOf(file) ?? '';
        let after: string;
        try {
          after = applyTextEdits(before, edits, what);
        } catch (e) {
          problems.push((e as Error).message);
          continue;
        }
        if (file.endsWith('.json')) {
          if (strictJsonOk(before) && !strictJsonOk(after)) problems.push(`${what}: ${rel} was valid JSON and no longer is`);
          else if (lenientJsonOk(file, before) && !lenientJsonOk(file, after)) problems.push(`${what}: ${rel} parsed and no longer does`);
          else if (before === '' && !lenientJsonOk(file, after)) problems.push(`${what}: the new ${rel} does not parse`);
        } else if (CODE_FILE.test(file)) {
          if (codeErrors(file, before) === 0 && codeErrors(file, after) > 0) problems.push(`${what}: ${rel} parsed and now has a syntax error`);
        }
      }
    }
  }
  return problems;
}

/** Tests count cases with this; `npm run fuzz` raises it. */
export function envInt(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, not ${v}`);
  return Math.floor(n);
}

/** Writes a skill's files (text or bytes) under `dir`. */
export function writeTree(dir: string, files: Record<string, string | Buffer>): void {
  for (const [rel, data] of Object.entries(files)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, data);
  }
}
