/**
 * RuleTester in the ESLint style (STYLE.md §10): `valid` cases must give no finding of the rule,
 * `invalid` cases exactly the listed findings with exact ranges, and every fix its exact output,
 * which re-checked no longer has the finding that the fix was for.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { emptyConfig, parseConfig } from '../../server/src/engine/config';
import { DiskFileHost } from '../../server/src/engine/host';
import { lintSkill } from '../../server/src/engine/linter';
import { discoverSkills } from '../../server/src/engine/project/discover';
import { Rule } from '../../server/src/engine/rule';
import { loadSkill } from '../../server/src/engine/skill';
import { Finding, TextEdit } from '../../server/src/engine/types';

/** A skill as files: relative path → text. */
export type Files = Record<string, string>;

export interface ExpectedFinding {
  messageId: string;
  /** Relative path of the file the finding is in. */
  file: string;
  /** 1-based, like the CLI. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Checked when given: every listed key must equal the finding's data. */
  data?: Record<string, string | number>;
  /** Checked when given: a substring of the message. */
  messageIncludes?: string;
  /** Checked when given: related locations as `file:line:column`. */
  related?: string[];
}

export interface FixExpectation {
  /** Which finding of `errors` (index) the fix belongs to; 0 by default. */
  finding?: number;
  fixId: string;
  /** The full expected text of every file the fix changes (relative path → text). */
  output: Files;
  /** After the fix, the finding it fixed is gone; set false when the fix only prepares (rare). */
  clears?: boolean;
}

export interface ValidCase {
  name: string;
  files: Files;
}

export interface InvalidCase {
  name: string;
  files: Files;
  errors: ExpectedFinding[];
  fixes?: FixExpectation[];
}

export function writeFiles(files: Files, dir?: string): string {
  const root = dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'spl-rule-'));
  for (const [rel, text] of Object.entries(files)) {
    const p = path.join(root, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  }
  return root;
}

/** Lints the skills in a temporary folder holding `files`, with only `rule` (or all rules). */
export function lintFiles(files: Files, rule?: Rule): { root: string; findings: Finding[] } {
  const root = writeFiles(files);
  try {
    return { root, findings: lintRoot(root, rule) };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

function lintRoot(root: string, rule?: Rule): Finding[] {
  const host = new DiskFileHost();
  const skills = discoverSkills(root, host);
  const cfgPath = path.join(root, '.skillprivacyrc.json');
  const config = fs.existsSync(cfgPath) ? parseConfig(cfgPath, fs.readFileSync(cfgPath, 'utf8')) : emptyConfig();
  return skills.flatMap((s) => lintSkill(loadSkill(s, host), { rules: rule ? [rule] : undefined, config }));
}

export interface Position1 {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function positionOf(text: string, offset: number, length: number): Position1 {
  const doc = TextDocument.create('file:///x', 'plaintext', 0, text);
  const s = doc.positionAt(offset);
  const e = doc.positionAt(offset + length);
  return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

/** Applies edits (possibly to several files) to a copy of `files`. */
export function applyEdits(files: Files, root: string, edits: TextEdit[]): Files {
  const out: Files = { ...files };
  const byFile = new Map<string, TextEdit[]>();
  for (const e of edits) {
    const rel = path.relative(root, e.file).split(path.sep).join('/');
    byFile.set(rel, [...(byFile.get(rel) ?? []), e]);
  }
  for (const [rel, es] of byFile) {
    let text = out[rel];
    assert.ok(text !== undefined, `fix edits ${rel}, which is not one of the case's files`);
    const sorted = [...es].sort((a, b) => b.offset - a.offset);
    for (let i = 1; i < sorted.length; i++) {
      assert.ok(sorted[i].offset + sorted[i].length <= sorted[i - 1].offset, `overlapping edits in ${rel}`);
    }
    for (const e of sorted) text = text.slice(0, e.offset) + e.newText + text.slice(e.offset + e.length);
    out[rel] = text;
  }
  return out;
}

function describeFinding(f: Finding, root: string, files: Files): string {
  const rel = path.relative(root, f.file).split(path.sep).join('/');
  const p = files[rel] !== undefined ? positionOf(files[rel], f.offset, f.length) : undefined;
  return `${f.messageId} ${rel}${p ? `:${p.line}:${p.column}-${p.endLine}:${p.endColumn}` : ''} ${f.message}`;
}

export class RuleTester {
  static run(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
    describe(rule.meta.id, () => {
      describe('valid', () => {
        for (const c of cases.valid) {
          it(c.name, () => {
            const { root, findings } = lintFiles(c.files, rule);
            assert.deepEqual(findings.map((f) => describeFinding(f, root, c.files)), [], 'expected no findings');
          });
        }
      });
      describe('invalid', () => {
        for (const c of cases.invalid) {
          it(c.name, () => {
            const root = writeFiles(c.files);
            try {
              const findings = lintRoot(root, rule);
              const actual = findings.map((f) => {
                const rel = path.relative(root, f.file).split(path.sep).join('/');
                const text = c.files[rel];
                assert.ok(text !== undefined, `finding in unexpected file ${rel}: ${f.message}`);
                return { f, rel, pos: positionOf(text, f.offset, f.length) };
              });
              assert.deepEqual(
                actual.map((a) => `${a.f.messageId} ${a.rel}:${a.pos.line}:${a.pos.column}-${a.pos.endLine}:${a.pos.endColumn}`),
                c.errors.map((e) => `${e.messageId} ${e.file}:${e.line}:${e.column}-${e.endLine}:${e.endColumn}`),
                'findings (messageId file:line:col-endLine:endCol)',
              );
              c.errors.forEach((e, i) => {
                const { f } = actual[i];
                if (e.data) for (const [k, v] of Object.entries(e.data)) assert.equal(f.data[k], v, `data.${k} of finding ${i}`);
                if (e.messageIncludes) assert.ok(f.message.includes(e.messageIncludes), `message of finding ${i}: ${f.message}`);
                if (e.related) {
                  assert.deepEqual(
                    f.related.map((r) => {
                      const rel = path.relative(root, r.file).split(path.sep).join('/');
                      const p = c.files[rel] !== undefined ? positionOf(c.files[rel], r.offset, r.length) : { line: 0, column: 0 };
                      return `${rel}:${p.line}:${p.column}`;
                    }),
                    e.related,
                    `related locations of finding ${i}`,
                  );
                }
              });
              for (const fx of c.fixes ?? []) {
                const target = actual[fx.finding ?? 0].f;
                const fix = target.fixes.find((x) => x.id === fx.fixId);
                assert.ok(fix, `finding ${fx.finding ?? 0} has no fix ${fx.fixId}; it has ${target.fixes.map((x) => x.id).join(', ') || 'none'}`);
                const fixed = applyEdits(c.files, root, fix.edits);
                for (const [rel, expected] of Object.entries(fx.output)) assert.equal(fixed[rel], expected, `output of fix ${fx.fixId} in ${rel}`);
                for (const rel of Object.keys(fixed)) {
                  if (fixed[rel] !== c.files[rel]) assert.ok(rel in fx.output, `fix ${fx.fixId} also changed ${rel}; list its expected output`);
                }
                if (fx.clears !== false) {
                  const again = lintFiles(fixed, rule);
                  const targetRel = path.relative(root, target.file).split(path.sep).join('/');
                  const still = again.findings.filter((g) => g.messageId === target.messageId && path.relative(again.root, g.file).split(path.sep).join('/') === targetRel && g.message === target.message);
                  assert.deepEqual(still.map((g) => describeFinding(g, again.root, fixed)), [], `after fix ${fx.fixId} the finding is still there`);
                }
              }
            } finally {
              fs.rmSync(root, { recursive: true, force: true });
            }
          });
        }
      });
    });
  }
}
