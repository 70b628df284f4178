import { findNodeAtLocation } from 'jsonc-parser';
import { LintConfig } from './config';
import { Finding } from './types';
import { Skill } from './skill';

/** The comment directives of handler code (ESLint style, our prefix). */
export const DIRECTIVE_NEXT_LINE = 'skill-privacy-disable-next-line';
export const DIRECTIVE_LINE = 'skill-privacy-disable-line';
export const DIRECTIVE_FILE = 'skill-privacy-disable';

interface CodeDirectives {
  /** Rule ids (empty set: every rule) disabled per 0-based line. */
  lines: Map<number, Set<string>>;
  file: Set<string> | undefined;
}

/**
 * Reads the directives of one code file. A search for the prefix over the whole text (a native
 * scan, where most files have no directive at all), then the line of each hit read as a line
 * scan would: only the first occurrence on a line counts, and only inside a comment. No regular
 * expression runs over the user's text, so there is nothing to backtrack.
 */
export function readCodeDirectives(text: string): CodeDirectives {
  const lines = new Map<number, Set<string>>();
  let file: Set<string> | undefined;
  // Line numbers are counted up to each hit's line, from where the last count stopped.
  let counted = 0;
  let lineNo = 0;
  for (let hit = text.indexOf(DIRECTIVE_FILE); hit >= 0; ) {
    const lineStart = text.lastIndexOf('\n', hit - 1) + 1;
    let end = text.indexOf('\n', hit);
    if (end < 0) end = text.length;
    for (let nl = text.indexOf('\n', counted); nl >= 0 && nl < lineStart; nl = text.indexOf('\n', nl + 1)) lineNo++;
    counted = lineStart;
    const line = text.slice(lineStart, end);
    const at = hit - lineStart;
    const before = line.slice(0, at);
    if (before.includes('//') || before.includes('/*')) {
      const rest = line.slice(at);
      let kind: 'next' | 'line' | 'file';
      let tail: string;
      if (rest.startsWith(DIRECTIVE_NEXT_LINE)) {
        kind = 'next';
        tail = rest.slice(DIRECTIVE_NEXT_LINE.length);
      } else if (rest.startsWith(DIRECTIVE_LINE)) {
        kind = 'line';
        tail = rest.slice(DIRECTIVE_LINE.length);
      } else {
        kind = 'file';
        tail = rest.slice(DIRECTIVE_FILE.length);
      }
      // Only whole words: `skill-privacy-disabled` is not a directive.
      if (tail === '' || tail[0] === ' ' || tail[0] === '\t' || tail.startsWith('*/')) {
        const ids = parseRuleList(tail);
        if (kind === 'file') file = mergeIds(file, ids);
        else {
          const target = kind === 'next' ? lineNo + 1 : lineNo;
          lines.set(target, mergeIds(lines.get(target), ids));
        }
      }
    }
    // The next line's first occurrence.
    hit = end < text.length ? text.indexOf(DIRECTIVE_FILE, end + 1) : -1;
  }
  return { lines, file };
}

function parseRuleList(tail: string): Set<string> {
  let t = tail;
  const close = t.indexOf('*/');
  if (close >= 0) t = t.slice(0, close);
  // A `--` starts a reason, as in ESLint.
  const dash = t.indexOf('--');
  if (dash >= 0) t = t.slice(0, dash);
  return new Set(
    t
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

function mergeIds(a: Set<string> | undefined, b: Set<string>): Set<string> {
  if (!a) return b;
  if (a.size === 0 || b.size === 0) return new Set();
  return new Set([...a, ...b]);
}

function disables(ids: Set<string> | undefined, rule: string): boolean {
  return !!ids && (ids.size === 0 || ids.has(rule));
}

/** Offsets where each line starts, for a binary search per finding instead of a scan from the top. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 0-based line of an offset. */
function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The directives of the code files checked last, by path, while a file's text is the same: every
 * check reads them for every file with findings, and a keystroke changes one file. The files of
 * the few skills being edited are enough; a run over many skills (the CLI) holds no more than
 * MAX_DIRECTIVE_FILES texts, the ones used longest ago going first.
 */
const directiveCache = new Map<string, { text: string; directives: CodeDirectives & { starts?: number[] } }>();
const MAX_DIRECTIVE_FILES = 256;

function directivesOf(file: string, text: string): CodeDirectives & { starts?: number[] } {
  const hit = directiveCache.get(file);
  directiveCache.delete(file);
  const directives = hit && hit.text === text ? hit.directives : readCodeDirectives(text);
  if (directiveCache.size >= MAX_DIRECTIVE_FILES) directiveCache.delete(directiveCache.keys().next().value as string);
  directiveCache.set(file, { text, directives });
  return directives;
}

/** Drops findings that a comment directive or a config `suppress` entry turns off. */
export function applySuppressions(findings: Finding[], skill: Skill, config: LintConfig): Finding[] {
  const codeText = new Map(skill.code.map((c) => [c.file, c.text]));
  const directives = new Map<string, CodeDirectives & { starts?: number[] }>();
  const jsonRoots = new Map<string, import('jsonc-parser').Node | undefined>();
  if (skill.manifest) jsonRoots.set(skill.manifest.doc.path, skill.manifest.doc.root);
  for (const m of skill.models) jsonRoots.set(m.doc.path, m.doc.root);

  return findings.filter((f) => {
    const text = codeText.get(f.file);
    if (text !== undefined) {
      let d = directives.get(f.file);
      if (!d) directives.set(f.file, (d = directivesOf(f.file, text)));
      if (disables(d.file, f.ruleId)) return false;
      // Hundreds of findings in a 10,000-line file: a file without line directives needs no line.
      if (d.lines.size > 0 && disables(d.lines.get(lineOf((d.starts ??= lineStarts(text)), f.offset)), f.ruleId)) return false;
    }
    for (const s of config.suppressions(f.file)) {
      if (s.rule !== f.ruleId) continue;
      if (s.pointer === undefined) return false;
      const root = jsonRoots.get(f.file);
      const node = root ? findNodeAtLocation(root, pointerToPath(s.pointer)) : undefined;
      // The pointer names a value; its key belongs to it too, where findings about the key sit.
      const start = node?.parent?.type === 'property' ? node.parent.offset : node?.offset;
      const end = node ? node.offset + node.length : undefined;
      if (start !== undefined && end !== undefined && f.offset >= start && f.offset + f.length <= end) return false;
    }
    return true;
  });
}

/** RFC 6901 JSON Pointer to a jsonc-parser path. */
export function pointerToPath(pointer: string): Array<string | number> {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((seg) => seg.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((seg) => (/^(0|[1-9]\d*)$/.test(seg) ? Number(seg) : seg));
}
