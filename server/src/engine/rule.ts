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

/**
 * A message template split once into its text and `{{name}}` parts: text at even indexes, names at
 * odd ones, each name followed by the placeholder as written (kept when `data` lacks the name).
 * Every finding formats its message, hundreds per check of a large file.
 */
const compiled = new Map<string, string[]>();

function partsOf(template: string): string[] {
  let parts = compiled.get(template);
  if (!parts) {
    parts = [];
    const re = /\{\{\s*(\w+)\s*\}\}/g;
    let last = 0;
    for (let m = re.exec(template); m; m = re.exec(template)) {
      parts.push(template.slice(last, m.index), m[1], m[0]);
      last = m.index + m[0].length;
    }
    parts.push(template.slice(last));
    // Templates are the rules' own, a fixed set; a caller formatting templates of its own cannot grow the map without bound.
    if (compiled.size >= 1000) compiled.clear();
    compiled.set(template, parts);
  }
  return parts;
}

/** Replaces `{{name}}` in a message template with `data.name`. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  const parts = partsOf(template);
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 3) out += (parts[i] in data ? String(data[parts[i]]) : parts[i + 1]) + parts[i + 2];
  return out;
}

/** The public docs page of a rule; the one place that derives it (STYLE.md §3). */
export const DOCS_BASE = 'https://github.com/skill-privacy/skill-privacy-lint/blob/main/docs/rules/';
export function ruleDocsUrl(ruleId: string): string {
  return `${DOCS_BASE}${encodeURIComponent(ruleId)}.md`;
}
