import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiskFileHost, FileHost, Finding, LintConfig, Skill, SkillProject, discoverSkills, findSkillForFile, lintSkill, loadConfig, loadSkill } from '../engine';
import { detectSkillAt, skillFiles } from '../engine/project/discover';
import { ReadResult } from '../engine/host';
import { Settings } from './settings';
import { Snapshots } from './convert';
import { expectEdits } from '../engine/code/analyze';
import { forgetParsed } from '../engine/code/parse';
import { releaseSkill } from '../engine/release';

/** The result of linting one skill: findings per file and the text snapshots they refer to. */
export interface SkillRun {
  run: number;
  root: string;
  project: SkillProject;
  /**
   * The skill as it was checked: the texts the findings' offsets refer to. A skill with no open
   * file lets go of its parsed JSON after the check (memory); it is then loaded again on demand,
   * from the current texts (the hover of a just-opened file, before its own check).
   */
  skill(): Skill;
  findingsByFile: Map<string, Finding[]>;
  /** Document versions (open files) the findings were computed for. */
  versions: Map<string, number>;
  snaps: Snapshots;
  files: string[];
  /** What the findings were computed from: a check with the same inputs reuses them. */
  inputs: CheckInputs;
}

/** Everything a skill's findings depend on, compared by value (strings by content). */
interface CheckInputs {
  project: string;
  files: string[];
  reads: ReadResult[];
  config: LintConfig;
  severities: string;
  /** Whether the check kept the syntax trees (a file was open): opening a file parses afresh once. */
  keptTrees: boolean;
}

function sameRead(a: ReadResult, b: ReadResult): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'text') return a.text === (b as typeof a).text;
  if (a.kind === 'skipped') return a.reason === (b as typeof a).reason;
  return true;
}

function sameInputs(a: CheckInputs, b: CheckInputs): boolean {
  return (
    a.project === b.project &&
    a.config === b.config &&
    a.severities === b.severities &&
    a.keptTrees === b.keptTrees &&
    a.files.length === b.files.length &&
    a.files.every((f, i) => f === b.files[i]) &&
    a.reads.every((r, i) => sameRead(r, b.reads[i]))
  );
}

/** The files a workspace reads: the disk with open documents laid over it (the warm-up's: memory). */
export interface OverlayHost extends FileHost {
  setOverlay(file: string, text: string | undefined): void;
  hasOverlay(file: string): boolean;
}

/**
 * Skills of the workspace and their latest lint runs. Open documents are laid over the disk, so
 * unsaved edits are what is checked; a change to any file of a skill re-checks the whole skill,
 * which is how a permission added to skill.json clears a warning in index.js.
 */
export class SkillWorkspace {
  private folders: string[] = [];
  private readonly projects = new Map<string, SkillProject>();
  private readonly ownerCache = new Map<string, string | null>();
  readonly runs = new Map<string, SkillRun>();
  private runCounter = 0;

  constructor(
    /** The open document of a file, if it is open. */
    readonly openDocument: (file: string) => TextDocument | undefined,
    readonly host: OverlayHost = new DiskFileHost(),
  ) {}

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

  /** The text a file's diagnostics are positioned in: the open document's, else the file's on disk. */
  textOf(file: string): string | undefined {
    const r = this.host.readText(file);
    return r.kind === 'text' ? r.text : undefined;
  }

  /**
   * Lints one skill with the current text of open documents. When nothing it depends on changed
   * since the last check (a save, an undo back to the checked text, a file event for an unrelated
   * file, a re-open) the last findings are reused under the same run id, with the current versions.
   */
  lint(root: string, settings: Settings, onInternalError: (ruleId: string, e: unknown) => void): SkillRun | undefined {
    const project = this.projectAt(root);
    if (!project) {
      this.projects.delete(root);
      this.runs.delete(root);
      return undefined;
    }
    this.projects.set(root, project);
    const files = skillFiles(project, this.host);
    const versions = new Map<string, number>();
    for (const file of files) {
      const doc = this.openDocument(file);
      if (doc) versions.set(file, doc.version);
    }
    const config = loadConfig(root, this.host, this.folderOf(root));
    const inputs: CheckInputs = {
      project: JSON.stringify(project),
      files,
      reads: files.map((f) => this.host.readText(f)),
      config,
      severities: JSON.stringify(settings.rules),
      keptTrees: versions.size > 0,
    };
    const last = this.runs.get(root);
    let findingsByFile: Map<string, Finding[]>;
    let run: number;
    let skill: Skill | undefined;
    if (last && sameInputs(last.inputs, inputs)) {
      findingsByFile = last.findingsByFile;
      run = last.run;
      skill = inputs.keptTrees ? last.skill() : undefined;
    } else {
      skill = loadSkill(project, this.host);
      // A file of it is open: keystrokes will follow, and the first one can already replay.
      if (inputs.keptTrees) expectEdits(root);
      findingsByFile = new Map<string, Finding[]>();
      for (const f of lintSkill(skill, { severities: settings.rules, config, onInternalError })) {
        const list = findingsByFile.get(f.file);
        if (list) list.push(f);
        else findingsByFile.set(f.file, [f]);
      }
      run = ++this.runCounter;
    }
    const snaps = new Snapshots((file) => this.textOf(file));
    for (const file of new Set([...files, ...findingsByFile.keys()])) {
      const doc = this.openDocument(file);
      if (doc) {
        versions.set(file, doc.version);
        snaps.set(file, doc);
      }
    }
    // Syntax trees and parsed JSON are most of a checked skill's memory. Those of a skill being
    // edited make the next keystroke cheap (only the changed file is parsed again); the rest (every
    // other skill of a large workspace, checked once at start-up) are dropped, so memory follows
    // what is open.
    if (!inputs.keptTrees) {
      if (skill) this.release(project, skill.code.map((c) => c.file));
      skill = undefined;
    }
    let kept = skill;
    const result: SkillRun = {
      run,
      root,
      project,
      skill: () => (kept ??= loadSkill(project, this.host)),
      findingsByFile,
      versions,
      snaps,
      files,
      inputs,
    };
    this.runs.set(root, result);
    return result;
  }

  /** Forgets a skill: its last run, and what the engine keeps for its next check. */
  forget(root: string): void {
    const run = this.runs.get(root);
    this.runs.delete(root);
    this.projects.delete(root);
    if (run) this.release(run.project, run.files);
  }

  /** Lets go of a checked skill's syntax trees, parsed JSON and cached analysis; its next check parses afresh. */
  private release(project: SkillProject, files: readonly string[]): void {
    forgetParsed(files);
    releaseSkill(project);
  }

  /** The run whose findings a file's diagnostics show. */
  runForFile(file: string): SkillRun | undefined {
    const root = this.skillRootFor(file);
    return root ? this.runs.get(root) : undefined;
  }

  /** Checks that ran the rules so far (also the id of the latest run). */
  nextRunId(): number {
    return this.runCounter;
  }
}
