import { Node } from 'jsonc-parser';
import { FileHost, ReadResult } from './host';
import { JsonDocument, parseJsonDocument, propertyOf } from './json/document';
import { SkillProject, listCodeFiles } from './project/discover';

/** A file of the skill that could not be read as text, with the reason. */
export interface UnreadableFile {
  file: string;
  reason: string;
}

export interface ManifestFile {
  doc: JsonDocument;
  /** `manifest` (current) or `skillManifest` (ask-cli v1 era); undefined when neither is present. */
  key: 'manifest' | 'skillManifest' | undefined;
  /** The object under that key. */
  manifest: Node | undefined;
}

export interface ModelFile {
  locale: string;
  doc: JsonDocument;
  /** `interactionModel.languageModel`, where intents, slot types and dialog prompts start. */
  languageModel: Node | undefined;
  /** `interactionModel.dialog` and `interactionModel.prompts` live beside the language model. */
  interactionModel: Node | undefined;
}

export interface CodeFile {
  file: string;
  text: string;
}

/** A skill project with the text of its files read and its JSON parsed; code is parsed on demand. */
export interface Skill {
  project: SkillProject;
  manifest: ManifestFile | undefined;
  models: ModelFile[];
  code: CodeFile[];
  unreadable: UnreadableFile[];
  /** ask-resources.json or .ask/config, parsed, when the layout has one (parse-error reports its syntax). */
  projectConfig?: JsonDocument;
}

export function loadSkill(project: SkillProject, host: FileHost): Skill {
  const unreadable: UnreadableFile[] = [];
  const read = (file: string): string | undefined => {
    const r: ReadResult = host.readText(file);
    if (r.kind === 'text') return r.text;
    if (r.kind === 'skipped') unreadable.push({ file, reason: r.reason });
    return undefined;
  };

  let manifest: ManifestFile | undefined;
  const manifestText = read(project.manifestFile);
  if (manifestText !== undefined) {
    const doc = parseJsonDocument(project.manifestFile, manifestText);
    const key = propertyOf(doc.root, 'manifest') ? 'manifest' : propertyOf(doc.root, 'skillManifest') ? 'skillManifest' : undefined;
    manifest = { doc, key, manifest: key ? propertyOf(doc.root, key)?.children?.[1] : undefined };
  }

  const models: ModelFile[] = [];
  for (const m of project.models) {
    const text = read(m.file);
    if (text === undefined) continue;
    const doc = parseJsonDocument(m.file, text);
    const interactionModel = propertyOf(doc.root, 'interactionModel')?.children?.[1];
    const languageModel = propertyOf(interactionModel, 'languageModel')?.children?.[1];
    models.push({ locale: m.locale, doc, languageModel, interactionModel });
  }

  const code: CodeFile[] = [];
  for (const file of listCodeFiles(project, host)) {
    const text = read(file);
    if (text !== undefined) code.push({ file, text });
  }
  let projectConfig: JsonDocument | undefined;
  if (project.configFile) {
    const text = read(project.configFile);
    if (text !== undefined) projectConfig = parseJsonDocument(project.configFile, text);
  }
  return { project, manifest, models, code, unreadable, projectConfig };
}
