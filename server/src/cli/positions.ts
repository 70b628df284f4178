/** 1-based line/column ranges for the CLI formats, converted once per file. */
export interface Region {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * Where each line of `text` starts, with the line breaks of LSP's TextDocument (`\n`, `\r\n`, a
 * lone `\r`). A report converts thousands of offsets over hundreds of files; TextDocument's
 * character loop was most of that, while `indexOf` finds the breaks in native code.
 */
export function lineStarts(text: string): number[] {
  const starts = [0];
  if (text.indexOf('\r') < 0) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 13 || ch === 10) {
      if (ch === 13 && text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

interface Lines {
  text: string;
  starts: number[];
}

/**
 * The 0-based line and character of `offset`, as TextDocument.positionAt gives them: the offset
 * clamped to the text, and an offset inside a line break (between `\r` and `\n`) put before it.
 */
function positionAt(lines: Lines, at: number): { line: number; character: number } {
  const { text, starts } = lines;
  let offset = Math.max(Math.min(at, text.length), 0);
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (starts[mid] > offset) high = mid;
    else low = mid + 1;
  }
  const line = low - 1;
  const start = starts[line];
  while (offset > start) {
    const c = text.charCodeAt(offset - 1);
    if (c !== 13 && c !== 10) break;
    offset--;
  }
  return { line, character: offset - start };
}

export class PositionMapper {
  private readonly files = new Map<string, Lines>();

  constructor(private readonly read: (file: string) => string | undefined) {}

  region(file: string, offset: number, length: number): Region {
    let lines = this.files.get(file);
    if (!lines) {
      const text = this.read(file) ?? '';
      lines = { text, starts: lineStarts(text) };
      this.files.set(file, lines);
    }
    const s = positionAt(lines, offset);
    const e = positionAt(lines, offset + length);
    return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
  }
}
