/**
 * The engine's data model. Everything here is plain data: offsets into file texts, absolute
 * paths, no editor types. The LSP layer and the CLI convert offsets to positions at the edge.
 */

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

/** A span of a file's text, in UTF-16 code units as JavaScript strings count them. */
export interface Span {
  offset: number;
  length: number;
}

export interface FileSpan extends Span {
  /** Absolute path. */
  file: string;
}

export interface RelatedLocation extends FileSpan {
  message: string;
}

export interface TextEdit extends FileSpan {
  newText: string;
}

/**
 * Typed fix payload: the LSP layer matches fixes on a finding's rule id and this data, never on
 * message text (STYLE.md §4).
 */
export interface Fix {
  /** Stable machine id of the fix within its rule, e.g. `add-privacy-policy-url`. */
  id: string;
  title: string;
  edits: TextEdit[];
  /** The fix a user most likely wants; at most one per finding. */
  isPreferred?: boolean;
}

export interface Finding extends FileSpan {
  ruleId: string;
  messageId: string;
  severity: Severity;
  message: string;
  data: Record<string, string | number>;
  related: RelatedLocation[];
  fixes: Fix[];
}

export interface RuleMeta {
  id: string;
  defaultSeverity: Severity;
  /** One sentence for the rule index, the SARIF rule and hover. */
  description: string;
  /** Message templates by message id; `{{name}}` is replaced from the report's data. */
  messages: Record<string, string>;
  fixable: boolean;
  /** What the rule looks at; lets the LSP layer know which file changes matter. */
  scope: Array<'manifest' | 'model' | 'code' | 'project'>;
}
