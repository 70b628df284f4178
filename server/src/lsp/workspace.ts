import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiskFileHost, Finding, Skill, SkillProject, discoverSkills, findSkillForFile, lintSkill, loadSkill } from '../engine';
import { detectSkillAt, skillFiles } from '../engine/project/discover';
import { Settings } from './settings';
import { Snapshots } from './convert';
import { forgetCodeModel } from '../engine/code/analyze';
import { forgetParsed } from '../engine/code/parse';

/** The result of linting one skill: findings per file and the text snapshots they refer to. */
export interface SkillRun {
  run: number;
  root: string;
  project: SkillProject;
  /** The skill as it was checked: the texts the findings' offsets refer to. */
  skill: Skill;
  findingsByFile: Map<string, Finding[]>;
  /** Document versions (open files) the findings were computed for. */
  versions: Map<string, number>;
  snaps: Snapshots;
  files: string[];
}

/**
 * Skills of the workspace and their latest lint runs. Open documents are laid over the disk, so
 * unsaved edits are what is checked; a change to any file of a skill re-checks the whole skill,
 * which is how a permission added to skill.json clears a warning in index.js.
 */
export class SkillWorkspace {
  readonly host = new DiskFileHost();
  private folders: string[] = [];
  private readonly projects = new Map<string, SkillProject>();
  private readonly ownerCache = new Map<string, string | null>();
  readonly runs = new Map<string, SkillRun>();
  private runCounter = 0;

  constructor(private readonly openDocument: (file: string) => TextDocument | undefined) {}

  setFolders(folders: string[]): void {
    this.folders = folders.map((f) => path.resolve(f));
    this.invalidate();
  }

  getFolders(): string[] {
    return this.folders;
  }

  /** Forget what was found about the layout of skills (files were created, deleted or renamed). */
  invalidate(): void {
    this.projects.clear();
    this.ownerCache.clear();
  }

  folderOf(file: string): string | undefined {
    return this.folders
      .filter((f) => file === f || file.startsWith(f + path.sep))
      .sort((a, b) => b.length - a.length)[0];
  }

  /** Every skill in the workspace folders. */
  discoverAll(): SkillProject[] {
    const out: SkillProject[] = [];
    for (const folder of this.folders) {
      for (const p of discoverSkills(folder, this.host)) {
        this.projects.set(p.root, p);
        out.push(p);
      }
    }
    return out;
  }

  /** Root of the skill a file belongs to, if any. */
  skillRootFor(file: string): string | undefined {
    const cached = this.ownerCache.get(file);
    if (cached !== undefined) return cached ?? undefined;
    // Known skills first: a code file deep in lambda/ belongs to the skill whose code dir holds it.
    for (const p of this.projects.values()) {
      if (file === p.manifestFile || p.models.some((m) => m.file === file) || p.codeDirs.some((d) => file.startsWith(d + path.sep)) || file === p.configFile) {
        this.ownerCache.set(file, p.root);
        return p.root;
      }
    }
    const found = findSkillForFile(file, this.host, this.folderOf(file));
    if (found) this.projects.set(found.root, found);
    this.ownerCache.set(file, found ? found.root : null);
    return found?.root;
  }

  /** Skills whose findings may change when `file` changes (its own, or all for a config file). */
  affectedRoots(file: string): string[] {
    if (path.basename(file) === '.skillprivacyrc.json') {
      const dir = path.dirname(file);
      return [...this.runs.keys()].filter((r) => r === dir || r.startsWith(dir + path.sep));
    }
    const root = this.skillRootFor(file);
    return root ? [root] : [];
  }

  /** The skill project at a root, read afresh (its layout may have changed). */
  projectAt(root: string): SkillProject | undefined {
    return detectSkillAt(root, this.host);
  }

  /** Lints one skill with the current text of open documents. */
  lint(root: string, settings: Settings, onInternalError: (ruleId: string, e: unknown) => void): SkillRun | undefined {
    const project = this.projectAt(root);
    if (!project) {
      this.projects.delete(root);
      return undefined;
    }
    this.projects.set(root, project);
    const skill = loadSkill(project, this.host);
    const findings = lintSkill(skill, { severities: settings.rules, host: this.host, configStopAt: this.folderOf(root), onInternalError });
    const run = ++this.runCounter;
    const snaps = new Snapshots((file) => {
      const r = this.host.readText(file);
      return r.kind === 'text' ? r.text : undefined;
    });
    const versions = new Map<string, number>();
    const files = skillFiles(project, this.host);
    for (const file of new Set([...files, ...findings.map((f) => f.file)])) {
      const doc = this.openDocument(file);
      if (doc) {
        versions.set(file, doc.version);
        snaps.set(file, doc);
      }
    }
    const findingsByFile = new Map<string, Finding[]>();
    for (const f of findings) findingsByFile.set(f.file, [...(findingsByFile.get(f.file) ?? []), f]);
    const result: SkillRun = { run, root, project, skill, findingsByFile, versions, snaps, files };
    this.runs.set(root, result);
    // Syntax trees are most of a checked skill's memory. Those of a skill being edited make the next
    // keystroke cheap (only the changed file is parsed again); the rest (every other skill of a
    // large workspace, checked once at start-up) are dropped, so memory follows what is open.
    if (versions.size === 0) this.release(result);
    return result;
  }

  /** Lets go of a checked skill's syntax trees and cached analysis; its next check parses afresh. */
  private release(run: SkillRun): void {
    forgetParsed(run.skill.code.map((c) => c.file));
    forgetCodeModel(run.root);
  }

  /** The run whose findings a file's diagnostics show. */
  runForFile(file: string): SkillRun | undefined {
    const root = this.skillRootFor(file);
    return root ? this.runs.get(root) : undefined;
  }

  nextRunId(): number {
    return this.runCounter;
  }
}
