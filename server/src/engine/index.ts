/** The engine's public surface, shared by the language server and the CLI. */
import './model/explain'; // registers the slot hover
export * from './types';
export { Rule, RuleContext, Report, formatMessage, ruleDocsUrl } from './rule';
export { RULES, ruleById } from './rules';
export { discoverProjects, errorText, lintSkill, lintPaths, LintOptions, LintPathsResult, SkillResult, sortFindings } from './linter';
export { loadSkill, Skill } from './skill';
export { DiskFileHost, FileHost } from './host';
export { discoverSkills, findSkillForFile, skillFiles, SkillProject } from './project/discover';
export { loadConfig, LintConfig, CONFIG_FILE_NAME, ConfigProblem, configProblems } from './config';
export { privacyReport, PrivacyReport, buildInventory, renderMarkdown, Inventory, MarkdownOptions } from './report';
