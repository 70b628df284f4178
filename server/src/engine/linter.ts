import * as path from 'path';
import { SkillAnalysis } from './analysis';
import { LintConfig, emptyConfig, loadConfig } from './config';
import { DiskFileHost, FileHost } from './host';
import { SkillProject, discoverSkills } from './project/discover';
import { Report, Rule, RuleContext, formatMessage } from './rule';
import { RULES } from './rules';
import { Skill, loadSkill } from './skill';
import { applySuppressions } from './suppressions';
import { Finding, Severity, SeveritySetting } from './types';

export interface LintOptions {
  /** Severity overrides by rule id, applied over the config file (editor settings). */
  severities?: Record<string, SeveritySetting>;
  /** Only these rules (tests); default: every rule. */
  rules?: Rule[];
  /** Config to use instead of looking for `.skillprivacyrc.json`. */
  config?: LintConfig;
  /** Reads the config file when `config` is not given; the disk by default. */
  host?: FileHost;
  /** Where to stop looking upwards for the config file. */
  configStopAt?: string;
  /** The facts of this skill to share with the caller (the privacy report reads them after the run). */
  analysis?: SkillAnalysis;
  /** Told when a rule throws; the run goes on without that rule's findings. */
  onInternalError?: (ruleId: string, error: unknown) => void;
}

/** What an internal error (a rule or a run that threw) says in a log: its stack, else its message, else the thrown value. */
export function errorText(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

export interface SkillResult {
  skill: Skill;
  findings: Finding[];
}

function effectiveSeverity(rule: Rule, config: LintConfig, overrides: Record<string, SeveritySetting> | undefined): SeveritySetting {
  return overrides?.[rule.meta.id] ?? config.rules[rule.meta.id] ?? rule.meta.defaultSeverity;
}

/** Runs every enabled rule over one loaded skill. Never throws for anything in the user's files. */
export function lintSkill(skill: Skill, options: LintOptions = {}): Finding[] {
  const config = options.config ?? loadConfig(skill.project.root, options.host ?? new DiskFileHost(), options.configStopAt);
  const analysis = options.analysis ?? new SkillAnalysis(skill);
  const findings: Finding[] = [];
  for (const rule of options.rules ?? RULES) {
    const sev = effectiveSeverity(rule, config, options.severities);
    if (sev === 'off') continue;
    const severity: Severity = sev;
    const context: RuleContext = {
      skill,
      analysis,
      severity,
      report(r: Report) {
        findings.push(toFinding(rule, severity, r));
      },
    };
    try {
      rule.check(context);
    } catch (e) {
      options.onInternalError?.(rule.meta.id, e);
    }
  }
  const kept = applySuppressions(
    findings.filter((f) => !config.isIgnored(f.file)),
    skill,
    config,
  );
  return sortedUnique(kept);
}

function toFinding(rule: Rule, severity: Severity, r: Report): Finding {
  const template = rule.meta.messages[r.messageId];
  if (template === undefined) throw new Error(`rule ${rule.meta.id} reported unknown message id ${r.messageId}`);
  const data = r.data ?? {};
  return {
    ruleId: rule.meta.id,
    messageId: r.messageId,
    severity,
    message: formatMessage(template, data),
    data,
    file: r.file,
    offset: r.offset,
    length: r.length,
    related: r.related ?? [],
    // A fix that found nothing to edit (the file is not shaped as it expects) is not offered.
    fixes: (r.fixes ?? []).filter((fx) => fx.edits.length > 0),
  };
}

/**
 * The findings sorted (sortFindings) without repeats: two reports of the same rule, range and
 * message (one fact reached by two paths) show once, the first reported. Repeats compare equal in
 * the sort, which is stable, so they end up next to each other in report order and only such runs
 * need keys: a keystroke's check builds no key string per finding (608 of ~420 characters each
 * on the bench's big skill).
 */
export function sortedUnique(findings: Finding[]): Finding[] {
  const { sorted, sameKey } = sortByKey(findings);
  const out: Finding[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    while (j < sorted.length && sameKey(sorted[i], sorted[j])) j++;
    if (j === i + 1) out.push(sorted[i]);
    else {
      const seen = new Set<string>();
      for (let k = i; k < j; k++) {
        const f = sorted[k];
        const key = `${f.ruleId}\0${f.file}\0${f.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(f);
      }
    }
    i = j;
  }
  return out;
}

/**
 * By file, offset, length and rule, files and rule ids in `localeCompare` order. Each distinct
 * file and rule id is placed once (its rank), so the comparisons are of numbers: the CLI sorts
 * every finding of a workspace (8,125 on the bench's 100 skills) and the server a skill's on
 * every keystroke.
 */
export function sortFindings(findings: Finding[]): Finding[] {
  return sortByKey(findings).sorted;
}

/** `findings` sorted in place, and whether two of them compare equal in that sort. */
function sortByKey(findings: Finding[]): { sorted: Finding[]; sameKey: (a: Finding, b: Finding) => boolean } {
  const file = localeRanks(findings.map((f) => f.file));
  const rule = localeRanks(findings.map((f) => f.ruleId));
  const compare = (a: Finding, b: Finding): number =>
    (file.get(a.file) as number) - (file.get(b.file) as number) || a.offset - b.offset || a.length - b.length || (rule.get(a.ruleId) as number) - (rule.get(b.ruleId) as number);
  return { sorted: findings.length < 2 ? findings : findings.sort(compare), sameKey: (a, b) => compare(a, b) === 0 };
}

/**
 * Each distinct string's place in `localeCompare` order. Strings that compare equal (canonically
 * equivalent Unicode) share a place, so comparing places gives the sign `localeCompare` gives.
 */
function localeRanks(values: string[]): Map<string, number> {
  const distinct = [...new Set(values)].sort((a, b) => a.localeCompare(b));
  const rank = new Map<string, number>();
  let r = 0;
  for (let i = 0; i < distinct.length; i++) {
    if (i > 0 && distinct[i - 1].localeCompare(distinct[i]) !== 0) r++;
    rank.set(distinct[i], r);
  }
  return rank;
}

export interface LintPathsResult {
  skills: SkillProject[];
  results: SkillResult[];
  findings: Finding[];
}

/**
 * Every skill under the given paths (folders, or files within skills), each once, by root.
 * `discovered` holds what `discoverSkills` found for some of the paths (resolved) already.
 */
export function discoverProjects(paths: string[], host: FileHost, discovered?: ReadonlyMap<string, SkillProject[]>): SkillProject[] {
  const byRoot = new Map<string, SkillProject>();
  for (const p of paths) for (const s of discovered?.get(path.resolve(p)) ?? discoverSkills(path.resolve(p), host)) byRoot.set(s.root, s);
  return [...byRoot.values()].sort((a, b) => a.root.localeCompare(b.root));
}

/** Lints every skill under the given paths (folders, or files within skills). */
export function lintPaths(paths: string[], host: FileHost = new DiskFileHost(), options: LintOptions = {}): LintPathsResult {
  const skills = discoverProjects(paths, host);
  const results: SkillResult[] = [];
  for (const project of skills) {
    const skill = loadSkill(project, host);
    const config = options.config ?? loadConfig(project.root, host, options.configStopAt);
    results.push({ skill, findings: lintSkill(skill, { ...options, config }) });
  }
  return { skills, results, findings: sortFindings(results.flatMap((r) => r.findings)) };
}

export { emptyConfig };
