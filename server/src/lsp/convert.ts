import { CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag, Range } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Finding, ruleDocsUrl } from '../engine';
import { pathToUri } from './uri';

export const SOURCE = 'skill-privacy';

/** What a diagnostic carries for code actions: which finding of which lint run (STYLE.md §4). */
export interface DiagnosticData {
  ruleId: string;
  /** Index of the finding in the file's findings of the run that produced it. */
  index: number;
  /** Lint run the diagnostic belongs to; a code action for an older run is refused. */
  run: number;
}

export function isDiagnosticData(x: unknown): x is DiagnosticData {
  const d = x as DiagnosticData;
  return typeof d === 'object' && d !== null && typeof d.ruleId === 'string' && typeof d.index === 'number' && typeof d.run === 'number';
}

/** Text snapshots of the files of one lint run, for offset → position conversion. */
export class Snapshots {
  private readonly docs = new Map<string, TextDocument>();

  constructor(private readonly read: (file: string) => string | undefined) {}

  set(file: string, doc: TextDocument): void {
    this.docs.set(file, doc);
  }

  get(file: string): TextDocument {
    let d = this.docs.get(file);
    if (!d) {
      d = TextDocument.create(pathToUri(file), 'plaintext', 0, this.read(file) ?? '');
      this.docs.set(file, d);
    }
    return d;
  }

  range(file: string, offset: number, length: number): Range {
    const d = this.get(file);
    return { start: d.positionAt(offset), end: d.positionAt(offset + length) };
  }
}

/**
 * The positions (start line, character, end line, character) of the related ranges of `findings`
 * that point into files other than `file`, as their diagnostics show them: what can move while
 * only another file is edited.
 */
export function relatedPositions(file: string, findings: Finding[], snaps: Snapshots): number[] {
  const out: number[] = [];
  for (const f of findings) {
    for (const r of f.related) {
      if (r.file === file) continue;
      const { start, end } = snaps.range(r.file, r.offset, r.length);
      out.push(start.line, start.character, end.line, end.character);
    }
  }
  return out;
}

const SEVERITY: Record<Finding['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toDiagnostic(f: Finding, index: number, run: number, snaps: Snapshots, withRelated: boolean): Diagnostic {
  const codeDescription: CodeDescription = { href: ruleDocsUrl(f.ruleId) };
  const related: DiagnosticRelatedInformation[] | undefined = withRelated
    ? f.related.map((r) => ({ location: { uri: pathToUri(r.file), range: snaps.range(r.file, r.offset, r.length) }, message: r.message }))
    : undefined;
  const data: DiagnosticData = { ruleId: f.ruleId, index, run };
  const tags: DiagnosticTag[] | undefined = f.ruleId === 'permission-unused' ? [DiagnosticTag.Unnecessary] : undefined;
  return {
    range: snaps.range(f.file, f.offset, f.length),
    severity: SEVERITY[f.severity],
    source: SOURCE,
    code: f.ruleId,
    codeDescription,
    message: f.message,
    relatedInformation: related && related.length ? related : undefined,
    tags,
    data,
  };
}
