import { SkillAnalysis } from '../analysis';
import { FileHost } from '../host';
import { LintOptions, lintSkill } from '../linter';
import { SkillProject } from '../project/discover';
import { loadSkill } from '../skill';
import { Finding } from '../types';
import { Inventory, buildInventory } from './inventory';
import { MarkdownOptions, renderMarkdown } from './markdown';

export { Inventory, buildInventory } from './inventory';
export { MarkdownOptions, renderMarkdown } from './markdown';

export interface PrivacyReport {
  inventory: Inventory;
  findings: Finding[];
  markdown: string;
}

/** Lints one skill and writes its privacy report from the same run's facts and findings. */
export function privacyReport(project: SkillProject, host: FileHost, lint: LintOptions = {}, markdown: MarkdownOptions = {}): PrivacyReport {
  const skill = loadSkill(project, host);
  const analysis = new SkillAnalysis(skill);
  const findings = lintSkill(skill, { host, ...lint, analysis });
  const inventory = buildInventory(skill, analysis, findings);
  return { inventory, findings, markdown: renderMarkdown(inventory, markdown) };
}
