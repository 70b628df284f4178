import * as path from 'path';
import picomatch from 'picomatch';
import { FileHost } from './host';
import { JsonDocument, parseJsonDocument, valueOf } from './json/document';
import { SchemaProblem, validateDocument } from './json/schema';
import { SeveritySetting } from './types';

export const CONFIG_FILE_NAME = '.skillprivacyrc.json';

export interface SuppressEntry {
  rule: string;
  /** Glob relative to the config file's folder. */
  file: string;
  /** JSON Pointer of the node whose findings are suppressed (JSON files only). */
  pointer?: string;
  reason?: string;
}

/** `.skillprivacyrc.json`, with globs resolved against its folder. */
export interface LintConfig {
  file: string | undefined;
  doc: JsonDocument | undefined;
  rules: Record<string, SeveritySetting>;
  ignore: string[];
  suppress: SuppressEntry[];
  /**
   * Where the file breaks `schemas/skillprivacyrc.schema.json` (unknown rule ids, misspelled
   * severities or keys), with exact spans, for the host to report on the file. The parts that
   * break it are ignored by the fields above. Empty when the file does not parse (the syntax
   * errors are in `doc.errors`).
   */
  problems(): SchemaProblem[];
  isIgnored(file: string): boolean;
  suppressions(file: string): SuppressEntry[];
}

const SEVERITIES = new Set(['off', 'error', 'warning', 'info']);

export function emptyConfig(): LintConfig {
  return makeConfig(undefined, undefined, {}, [], []);
}

/** The config of a folder with none, shared so that "no config" compares equal between checks. */
const NO_CONFIG = emptyConfig();

/**
 * Parsed configs by file, reused while the text is the same: the language server loads the config
 * on every check (every keystroke), and compiling its globs is most of that. Keyed by text, so an
 * edit (or a change on disk, seen through the host's mtime check) parses again.
 */
const parsedConfigs = new Map<string, LintConfig>();
const MAX_CACHED_CONFIGS = 500;

function parseConfigCached(file: string, text: string): LintConfig {
  const hit = parsedConfigs.get(file);
  if (hit && hit.doc?.text === text) return hit;
  const config = parseConfig(file, text);
  if (parsedConfigs.size >= MAX_CACHED_CONFIGS) parsedConfigs.delete(parsedConfigs.keys().next().value as string);
  parsedConfigs.set(file, config);
  return config;
}

/**
 * The nearest `.skillprivacyrc.json` at or above `dir` (not above `stopAt`). Malformed parts are
 * ignored here, so one bad entry does not disable the rest; `problems()` says what they are.
 */
export function loadConfig(dir: string, host: FileHost, stopAt?: string): LintConfig {
  let current = path.resolve(dir);
  const stop = stopAt ? path.resolve(stopAt) : undefined;
  for (;;) {
    const file = path.join(current, CONFIG_FILE_NAME);
    const r = host.readText(file);
    if (r.kind === 'text') return parseConfigCached(file, r.text);
    const parent = path.dirname(current);
    if (parent === current || current === stop) return NO_CONFIG;
    current = parent;
  }
}

export function parseConfig(file: string, text: string): LintConfig {
  const doc = parseJsonDocument(file, text);
  const v = valueOf(doc.root);
  const obj = isObject(v) ? v : {};
  const rules: Record<string, SeveritySetting> = {};
  if (isObject(obj.rules)) {
    for (const [id, sev] of Object.entries(obj.rules)) if (typeof sev === 'string' && SEVERITIES.has(sev)) rules[id] = sev as SeveritySetting;
  }
  const ignore = Array.isArray(obj.ignore) ? obj.ignore.filter((g): g is string => typeof g === 'string') : [];
  const suppress: SuppressEntry[] = [];
  if (Array.isArray(obj.suppress)) {
    for (const s of obj.suppress) {
      if (isObject(s) && typeof s.rule === 'string' && typeof s.file === 'string') {
        suppress.push({
          rule: s.rule,
          file: s.file,
          pointer: typeof s.pointer === 'string' ? s.pointer : undefined,
          reason: typeof s.reason === 'string' ? s.reason : undefined,
        });
      }
    }
  }
  return makeConfig(file, doc, rules, ignore, suppress);
}

function makeConfig(file: string | undefined, doc: JsonDocument | undefined, rules: Record<string, SeveritySetting>, ignore: string[], suppress: SuppressEntry[]): LintConfig {
  const base = file ? path.dirname(file) : undefined;
  const rel = (f: string): string | undefined => {
    if (!base) return undefined;
    const r = path.relative(base, f);
    return r.startsWith('..') || path.isAbsolute(r) ? undefined : r.split(path.sep).join('/');
  };
  const ignoreMatch = ignore.length ? picomatch(ignore, { dot: true }) : undefined;
  const suppressMatchers = suppress.map((s) => ({ entry: s, match: picomatch(s.file, { dot: true }) }));
  let problems: SchemaProblem[] | undefined;
  return {
    file,
    doc,
    rules,
    ignore,
    suppress,
    problems(): SchemaProblem[] {
      problems ??= doc && doc.errors.length === 0 ? validateDocument('skillprivacyrc', doc) : [];
      return problems;
    },
    isIgnored(f: string): boolean {
      const r = rel(f);
      return !!(ignoreMatch && r !== undefined && ignoreMatch(r));
    },
    suppressions(f: string): SuppressEntry[] {
      const r = rel(f);
      if (r === undefined) return [];
      return suppressMatchers.filter((m) => m.match(r)).map((m) => m.entry);
    },
  };
}

/** Something wrong in `.skillprivacyrc.json` itself: the linter's input, not the skill's. */
export interface ConfigProblem {
  file: string;
  offset: number;
  length: number;
  /** A sentence for the developer: what is wrong and what the linter does about it. */
  message: string;
}

/**
 * Why a config file is not fully applied: its syntax errors (the first one; later ones are
 * usually consequences) or, when it parses, where it breaks the schema. The CLI prints these and
 * puts them in SARIF; in VS Code the schema in package.json `jsonValidation` shows the same in the
 * editor.
 */
export function configProblems(config: LintConfig): ConfigProblem[] {
  if (!config.file || !config.doc) return [];
  const file = config.file;
  const syntax = config.doc.errors[0];
  if (syntax) {
    return [{ file, offset: syntax.offset, length: syntax.length, message: `${CONFIG_FILE_NAME} is not valid JSON: ${syntax.message}. Settings after this point may be ignored; fix the syntax.` }];
  }
  return config.problems().map((p) => ({ file, offset: p.offset, length: p.length, message: `${p.problem}; this setting is ignored.` }));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
