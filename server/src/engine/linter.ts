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
  return sortFindings(dedupe(kept));
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

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.ruleId}\0${f.file}\0${f.offset}\0${f.length}\0${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.file.localeCompare(b.file) || a.offset - b.offset || a.length - b.length || a.ruleId.localeCompare(b.ruleId));
}

export interface LintPathsResult {
  skills: SkillProject[];
  results: SkillResult[];
  findings: Finding[];
}

/** Every skill under the given paths (folders, or files within skills), each once, by root. */
export function discoverProjects(paths: string[], host: FileHost): SkillProject[] {
  const byRoot = new Map<string, SkillProject>();
  for (const p of paths) for (const s of discoverSkills(path.resolve(p), host)) byRoot.set(s.root, s);
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
