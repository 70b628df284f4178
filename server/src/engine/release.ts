import { forgetCodeModel } from './code/analyze';
import { KeptReports } from './code/speech-edits';
import { forgetJson } from './json/document';
import { SkillProject } from './project/discover';

/**
 * Lets go of what checks of a skill keep for the next one: the data flow's memory, every rule's
 * reports kept across speech-only edits, and the parsed JSON of its manifest, models and config.
 * For a skill that is not being edited (the language server's skills with no open file, the CLI
 * after each skill); the caller drops the code trees, as only it knows which trees it still wants.
 */
export function releaseSkill(project: SkillProject): void {
  forgetCodeModel(project.root);
  KeptReports.forget(project.root);
  forgetJson([project.manifestFile, ...project.models.map((m) => m.file), ...(project.configFile ? [project.configFile] : [])]);
}
