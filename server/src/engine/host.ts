import * as fs from 'fs';
import * as path from 'path';

/** Why a file was not read as text; surfaced as a `parse-error` finding or a log line. */
export type ReadResult =
  | { kind: 'text'; text: string }
  | { kind: 'missing' }
  | { kind: 'skipped'; reason: string };

export interface DirEntry {
  name: string;
  isDirectory: boolean;
  isFile: boolean;
}

/**
 * The engine's only door to files. The CLI uses the disk; the language server lays the text of
 * open documents over it, so an unsaved edit is what gets checked.
 */
export interface FileHost {
  readText(file: string): ReadResult;
  exists(file: string): boolean;
  isDirectory(file: string): boolean;
  readDir(dir: string): DirEntry[];
  /** Resolved real path, used to survive symlink loops. */
  realPath(file: string): string;
}

/** Files above this size are not analysed (generated bundles, data dumps); 4 MiB by default. */
export const DEFAULT_MAX_FILE_BYTES = 4 * 1024 * 1024;

export class DiskFileHost implements FileHost {
  private readonly overlay = new Map<string, string>();
  private readonly cache = new Map<string, { mtimeMs: number; size: number; result: ReadResult }>();

  constructor(private readonly maxFileBytes = DEFAULT_MAX_FILE_BYTES) {}

  /** Sets (or with `undefined` clears) the in-memory text of a file, e.g. an open document. */
  setOverlay(file: string, text: string | undefined): void {
    const key = path.resolve(file);
    if (text === undefined) this.overlay.delete(key);
    else this.overlay.set(key, text);
  }

  hasOverlay(file: string): boolean {
    return this.overlay.has(path.resolve(file));
  }

  readText(file: string): ReadResult {
    const over = this.overlay.get(path.resolve(file));
    if (over !== undefined) {
      // An open document is held to the same limit as the file on disk (a UTF-16 unit is at least a byte).
      if (over.length > this.maxFileBytes) return { kind: 'skipped', reason: `it is over the ${formatBytes(this.maxFileBytes)} limit for analysed files` };
      return { kind: 'text', text: over };
    }
    let stat: fs.Stats | undefined;
    try {
      // A missing file is an answer, not an exception: the config lookup asks for
      // `.skillprivacyrc.json` in every folder above every skill (1,000 misses on the 100-skill
      // bench, each a thrown error with its stack and a second one from lstat).
      stat = fs.statSync(file, { throwIfNoEntry: false });
    } catch {
      stat = undefined;
    }
    if (!stat) {
      this.cache.delete(file);
      // A link that loops or points nowhere is there but cannot be read: say so.
      return isLink(file) ? { kind: 'skipped', reason: 'it is a symbolic link that loops or points to nothing' } : { kind: 'missing' };
    }
    // Re-checking a skill on every keystroke reads all its files; unchanged ones come from here.
    const hit = this.cache.get(file);
    if (hit && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return hit.result;
    const result = this.readFromDisk(file, stat);
    this.cache.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, result });
    return result;
  }

  private readFromDisk(file: string, stat: fs.Stats): ReadResult {
    if (!stat.isFile()) return { kind: 'skipped', reason: 'it is not a regular file' };
    if (stat.size > this.maxFileBytes) {
      return { kind: 'skipped', reason: `it is ${formatBytes(stat.size)}, over the ${formatBytes(this.maxFileBytes)} limit for analysed files` };
    }
    let buf: Buffer;
    try {
      buf = fs.readFileSync(file);
    } catch (e) {
      return { kind: 'skipped', reason: `it could not be read (${(e as NodeJS.ErrnoException).code ?? String(e)})` };
    }
    return decodeText(buf);
  }

  exists(file: string): boolean {
    return this.overlay.has(path.resolve(file)) || fs.existsSync(file);
  }

  isDirectory(file: string): boolean {
    try {
      return fs.statSync(file, { throwIfNoEntry: false })?.isDirectory() ?? false;
    } catch {
      return false;
    }
  }

  readDir(dir: string): DirEntry[] {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return [];
    }
    return entries.map((e) => {
      if (e.isSymbolicLink()) {
        // Follow the link for its kind; loops are caught by the walker through realPath.
        try {
          const s = fs.statSync(path.join(dir, e.name));
          return { name: e.name, isDirectory: s.isDirectory(), isFile: s.isFile() };
        } catch {
          // Listed as a file so that a looping or dangling link to a skill file is reported, not lost.
          return { name: e.name, isDirectory: false, isFile: true };
        }
      }
      return { name: e.name, isDirectory: e.isDirectory(), isFile: e.isFile() };
    });
  }

  realPath(file: string): string {
    try {
      return fs.realpathSync(file);
    } catch {
      return path.resolve(file);
    }
  }
}

function isLink(file: string): boolean {
  try {
    return fs.lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink() ?? false;
  } catch {
    return false;
  }
}

/**
 * Decodes a file's bytes as UTF-8 text. A NUL byte in the first 8 KiB marks a binary file; invalid
 * UTF-8 is decoded with replacement characters so the rest of the file is still checked, but a
 * file that is mostly undecodable is skipped.
 */
export function decodeText(buf: Buffer): ReadResult {
  const head = buf.subarray(0, 8192);
  if (head.includes(0)) return { kind: 'skipped', reason: 'it is a binary file (it contains NUL bytes)' };
  const text = buf.toString('utf8');
  // Counted only from the first replacement character on: almost every file has none, and
  // `indexOf` finds that out natively (the loop over every character of the 100-skill bench's
  // ~2,600 files was ~80 ms of a cold run).
  let bad = 0;
  for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) bad++;
  if (bad > 0 && bad > text.length / 10) {
    return { kind: 'skipped', reason: 'it is not UTF-8 text' };
  }
  return { kind: 'text', text };
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}
