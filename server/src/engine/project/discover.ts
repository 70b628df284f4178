import * as path from 'path';
import { FileHost } from '../host';
import { parseJsonDocument, valueOf } from '../json/document';

export type SkillLayout = 'ask-cli-v2' | 'ask-cli-v1' | 'plain';

/** Where a skill's files are. Paths are absolute. Nothing here is parsed beyond what locating needs. */
export interface SkillProject {
  root: string;
  layout: SkillLayout;
  /** ask-resources.json or .ask/config, when the layout has one. */
  configFile?: string;
  manifestFile: string;
  /** Interaction models, one per locale, sorted by locale. */
  models: Array<{ locale: string; file: string }>;
  /** Folders with handler code (ask-cli `code.*.src`, v1 `sourceDir`, or `lambda`). */
  codeDirs: string[];
}

/** Folders never searched for skills or code: dependencies, build output, VCS data. */
export const SKIPPED_DIRS = new Set([
  'node_modules', '.git', '.hg', '.svn', 'dist', 'out', 'build', 'coverage', '.aws-sam', 'cdk.out',
  '.serverless', '.next', '.cache', '.vscode-test', '.e2e-cache',
]);

const CODE_EXTENSIONS = new Set(['.js', '.cjs', '.mjs', '.ts', '.cts', '.mts', '.jsx', '.tsx']);
const MAX_DEPTH = 12;

/**
 * Finds every skill below `root` (and `root` itself). A skill folder is not searched for further
 * skills: a skill-package inside an ask-cli v2 project is part of that project, not another skill.
 */
export function discoverSkills(root: string, host: FileHost): SkillProject[] {
  const found: SkillProject[] = [];
  const seen = new Set<string>();
  const walk = (dir: string, depth: number): void => {
    const real = host.realPath(dir);
    if (seen.has(real) || depth > MAX_DEPTH) return;
    seen.add(real);
    const skill = detectSkillAt(dir, host);
    if (skill) {
      found.push(skill);
      return;
    }
    for (const e of host.readDir(dir)) {
      if (e.isDirectory && !SKIPPED_DIRS.has(e.name) && !(e.name.startsWith('.') && e.name !== '.ask')) {
        walk(path.join(dir, e.name), depth + 1);
      }
    }
  };
  const abs = path.resolve(root);
  if (host.isDirectory(abs)) walk(abs, 0);
  else {
    // A file was named: the skill that holds it.
    const owner = findSkillForFile(abs, host);
    if (owner) found.push(owner);
  }
  return found.sort((a, b) => a.root.localeCompare(b.root));
}

/** The skill whose folder holds `file`, searching upwards from the file's folder. */
export function findSkillForFile(file: string, host: FileHost, stopAt?: string): SkillProject | undefined {
  let dir = path.dirname(path.resolve(file));
  const stop = stopAt ? path.resolve(stopAt) : undefined;
  for (;;) {
    const skill = detectSkillAt(dir, host);
    if (skill) return skill;
    const parent = path.dirname(dir);
    if (parent === dir || (stop && dir === stop)) return undefined;
    dir = parent;
  }
}

/** Recognises a skill rooted exactly at `dir`, by the layouts of DESIGN.md, in order of precedence. */
export function detectSkillAt(dir: string, host: FileHost): SkillProject | undefined {
  const resources = path.join(dir, 'ask-resources.json');
  if (host.exists(resources)) return detectV2(dir, resources, host);
  const askConfig = path.join(dir, '.ask', 'config');
  const rootManifest = path.join(dir, 'skill.json');
  if (host.exists(askConfig)) return detectV1(dir, askConfig, host);
  if (host.exists(rootManifest)) {
    // The skill package of an ask-cli v2 project is part of that project, not a skill of its own.
    if (host.exists(path.join(path.dirname(dir), 'ask-resources.json'))) return undefined;
    if (host.isDirectory(path.join(dir, 'models'))) return detectV1(dir, undefined, host);
    if (manifestKey(rootManifest, host) !== undefined) {
      return {
        root: dir,
        layout: 'plain',
        manifestFile: rootManifest,
        models: listModels(path.join(dir, 'interactionModels', 'custom'), host),
        codeDirs: existingDirs(host, [path.join(dir, 'lambda', 'custom'), path.join(dir, 'lambda')]).slice(0, 1),
      };
    }
  }
  return undefined;
}

function readJson(file: string, host: FileHost): unknown {
  const r = host.readText(file);
  if (r.kind !== 'text') return undefined;
  return valueOf(parseJsonDocument(file, r.text).root);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `manifest` or the older `skillManifest`, whichever the file uses. */
function manifestKey(file: string, host: FileHost): string | undefined {
  const v = readJson(file, host);
  if (!isObject(v)) return undefined;
  if (isObject(v.manifest)) return 'manifest';
  if (isObject(v.skillManifest)) return 'skillManifest';
  return undefined;
}

function detectV2(dir: string, resources: string, host: FileHost): SkillProject {
  const cfg = readJson(resources, host);
  const profiles = isObject(cfg) && isObject(cfg.profiles) ? cfg.profiles : {};
  let pkg = 'skill-package';
  const codeDirs: string[] = [];
  // Every profile counts; `default` first so its skill package wins when profiles disagree.
  const names = Object.keys(profiles).sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)));
  let pkgSet = false;
  for (const name of names) {
    const p = profiles[name];
    if (!isObject(p)) continue;
    const meta = p.skillMetadata;
    if (!pkgSet && isObject(meta) && typeof meta.src === 'string') {
      pkg = meta.src;
      pkgSet = true;
    }
    const code = p.code;
    if (isObject(code)) {
      for (const region of Object.values(code)) {
        if (isObject(region) && typeof region.src === 'string') codeDirs.push(path.resolve(dir, region.src));
      }
    }
  }
  const pkgDir = path.resolve(dir, pkg);
  if (codeDirs.length === 0) codeDirs.push(...existingDirs(host, [path.join(dir, 'lambda')]));
  return {
    root: dir,
    layout: 'ask-cli-v2',
    configFile: resources,
    manifestFile: path.join(pkgDir, 'skill.json'),
    models: listModels(path.join(pkgDir, 'interactionModels', 'custom'), host),
    codeDirs: unique(codeDirs),
  };
}

function detectV1(dir: string, askConfig: string | undefined, host: FileHost): SkillProject {
  const manifestFile = path.join(dir, 'skill.json');
  const codeDirs: string[] = [];
  const m = readJson(manifestFile, host);
  const manifest = isObject(m) ? (isObject(m.manifest) ? m.manifest : isObject(m.skillManifest) ? m.skillManifest : undefined) : undefined;
  const apis = manifest && isObject(manifest.apis) ? manifest.apis : undefined;
  if (apis) {
    for (const api of Object.values(apis)) {
      const endpoint = isObject(api) ? api.endpoint : undefined;
      if (isObject(endpoint) && typeof endpoint.sourceDir === 'string') codeDirs.push(path.resolve(dir, endpoint.sourceDir));
    }
  }
  if (askConfig) {
    const c = readJson(askConfig, host);
    const deploy = isObject(c) && isObject(c.deploy_settings) ? c.deploy_settings : {};
    for (const profile of Object.values(deploy)) {
      const lambdas = isObject(profile) && isObject(profile.resources) ? profile.resources.lambda : undefined;
      if (Array.isArray(lambdas)) {
        for (const l of lambdas) if (isObject(l) && typeof l.codeUri === 'string') codeDirs.push(path.resolve(dir, l.codeUri));
      }
    }
  }
  if (codeDirs.length === 0) codeDirs.push(...existingDirs(host, [path.join(dir, 'lambda', 'custom'), path.join(dir, 'lambda')]).slice(0, 1));
  return {
    root: dir,
    layout: 'ask-cli-v1',
    configFile: askConfig,
    manifestFile,
    models: listModels(path.join(dir, 'models'), host),
    codeDirs: unique(codeDirs),
  };
}

const LOCALE = /^[a-z]{2,3}-[A-Z]{2}$/;

function listModels(dir: string, host: FileHost): Array<{ locale: string; file: string }> {
  return host
    .readDir(dir)
    .filter((e) => e.isFile && e.name.endsWith('.json') && LOCALE.test(e.name.slice(0, -5)))
    .map((e) => ({ locale: e.name.slice(0, -5), file: path.join(dir, e.name) }))
    .sort((a, b) => a.locale.localeCompare(b.locale));
}

function existingDirs(host: FileHost, dirs: string[]): string[] {
  return dirs.filter((d) => host.isDirectory(d));
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** Every JS/TS source file under the skill's code folders, dependencies and build output skipped. */
export function listCodeFiles(project: SkillProject, host: FileHost): string[] {
  const files: string[] = [];
  const seen = new Set<string>();
  const walk = (dir: string, depth: number): void => {
    const real = host.realPath(dir);
    if (seen.has(real) || depth > MAX_DEPTH) return;
    seen.add(real);
    for (const e of host.readDir(dir)) {
      const p = path.join(dir, e.name);
      if (e.isDirectory) {
        if (!SKIPPED_DIRS.has(e.name) && !e.name.startsWith('.')) walk(p, depth + 1);
      } else if (e.isFile && CODE_EXTENSIONS.has(path.extname(e.name)) && !e.name.endsWith('.d.ts') && !/\.(test|spec)\.[cm]?[jt]sx?$/.test(e.name)) {
        files.push(p);
      }
    }
  };
  for (const d of project.codeDirs) walk(d, 0);
  return [...new Set(files)].sort();
}

/** Every file whose content the skill's findings depend on. */
export function skillFiles(project: SkillProject, host: FileHost): string[] {
  const files = [project.manifestFile, ...project.models.map((m) => m.file), ...listCodeFiles(project, host)];
  if (project.configFile) files.push(project.configFile);
  return files;
}
