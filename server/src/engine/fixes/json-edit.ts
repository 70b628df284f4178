import { FormattingOptions, JSONPath, modify } from 'jsonc-parser';
import { TextEdit } from '../types';

/**
 * Formatting for inserted JSON that follows the file: its indent unit and line ending, so a fix
 * looks as if the developer had typed it.
 */
export function detectFormatting(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let insertSpaces = true;
  let tabSize = 2;
  const lines = text.split(/\r?\n/, 200);
  for (const line of lines) {
    if (line.startsWith('\t')) {
      insertSpaces = false;
      break;
    }
    const m = /^( +)\S/.exec(line);
    if (m) {
      tabSize = Math.min(m[1].length, 8);
      break;
    }
  }
  return { insertSpaces, tabSize, eol, insertFinalNewline: false, keepLines: false };
}

/**
 * jsonc-parser `modify` as our TextEdits. `value: undefined` removes; `isArrayInsertion` inserts
 * at an array index instead of replacing.
 */
export function jsonEdit(file: string, text: string, path: JSONPath, value: unknown, opts: { isArrayInsertion?: boolean } = {}): TextEdit[] {
  try {
    return jsonEditOrThrow(file, text, path, value, opts);
  } catch {
    return [];
  }
}

/**
 * `modify` throws when the path runs through a value of another type (`"manifest": "x"`, an array
 * where an object belongs): the user's file is not what the fix expects, so it offers no edit.
 */
export function safeModify(...args: Parameters<typeof modify>): ReturnType<typeof modify> {
  try {
    return modify(...args);
  } catch {
    return [];
  }
}

function jsonEditOrThrow(file: string, text: string, path: JSONPath, value: unknown, opts: { isArrayInsertion?: boolean }): TextEdit[] {
  return modify(text, path, value, { formattingOptions: detectFormatting(text), isArrayInsertion: opts.isArrayInsertion }).map((e) => ({
    file,
    offset: e.offset,
    length: e.length,
    newText: e.content,
  }));
}

/** Applies edits of one file to its text (they must not overlap). */
export function applyTextEdits(text: string, edits: Array<{ offset: number; length: number; newText: string }>): string {
  const sorted = [...edits].sort((a, b) => b.offset - a.offset);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.offset) + e.newText + out.slice(e.offset + e.length);
  return out;
}

/** Several `modify` calls on one file, each computed on the result of the previous one, as a single edit. */
export function sequentialJsonEdits(file: string, text: string, steps: Array<{ path: JSONPath; value: unknown; isArrayInsertion?: boolean }>): TextEdit[] {
  let current = text;
  try {
    for (const s of steps) current = applyTextEdits(current, jsonEditOrThrow(file, current, s.path, s.value, { isArrayInsertion: s.isArrayInsertion }));
  } catch {
    return []; // a step cannot apply to this file: no half-made fix
  }
  return spanningEdit(file, text, current);
}

/**
 * The one edit that turns `before` into `after`: from the first to the last changed character.
 * A fix made of several steps stays atomic this way. No edit when nothing changed.
 */
export function spanningEdit(file: string, before: string, after: string): TextEdit[] {
  if (after === before) return [];
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endOld = before.length;
  let endNew = after.length;
  while (endOld > start && endNew > start && before[endOld - 1] === after[endNew - 1]) {
    endOld--;
    endNew--;
  }
  return [{ file, offset: start, length: endOld - start, newText: after.slice(start, endNew) }];
}
