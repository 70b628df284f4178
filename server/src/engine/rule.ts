import { Fix, RelatedLocation, RuleMeta, Severity } from './types';
import type { Skill } from './skill';
import type { SkillAnalysis } from './analysis';

/** What a rule hands to `context.report`. Offsets are into the file named by `file`. */
export interface Report {
  messageId: string;
  data?: Record<string, string | number>;
  file: string;
  offset: number;
  length: number;
  related?: RelatedLocation[];
  fixes?: Fix[];
}

export interface RuleContext {
  readonly skill: Skill;
  /** Facts shared between rules, computed once per lint run (personal-data slots, code flows). */
  readonly analysis: SkillAnalysis;
  /** The severity this run uses for the rule (after settings and config). */
  readonly severity: Severity;
  report(report: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

/** Replaces `{{name}}` in a message template with `data.name`. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, key: string) => (key in data ? String(data[key]) : m));
}

/** The public docs page of a rule; the one place that derives it (STYLE.md §3). */
export const DOCS_BASE = 'https://github.com/skill-privacy/skill-privacy-lint/blob/main/docs/rules/';
export function ruleDocsUrl(ruleId: string): string {
  return `${DOCS_BASE}${encodeURIComponent(ruleId)}.md`;
}
