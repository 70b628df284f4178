import { TextDocument } from 'vscode-languageserver-textdocument';

/** 1-based line/column ranges for the CLI formats, converted once per file. */
export interface Region {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export class PositionMapper {
  private readonly docs = new Map<string, TextDocument>();

  constructor(private readonly read: (file: string) => string | undefined) {}

  region(file: string, offset: number, length: number): Region {
    let doc = this.docs.get(file);
    if (!doc) {
      doc = TextDocument.create('file://' + file, 'plaintext', 0, this.read(file) ?? '');
      this.docs.set(file, doc);
    }
    const s = doc.positionAt(offset);
    const e = doc.positionAt(offset + length);
    return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
  }
}
