/**
 * Two copies of one skill on disk for the differential tests of the rule passes: one checked
 * incrementally as an editor does, one checked afresh each time (its trees and data flow dropped
 * before and after), with findings compared by paths relative to each copy.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { forgetCodeModel } from '../../server/src/engine/code/analyze';
import { forgetParsed } from '../../server/src/engine/code/parse';
import { KeptReports } from '../../server/src/engine/code/speech-edits';
import { DiskFileHost } from '../../server/src/engine/host';
import { lintSkill } from '../../server/src/engine/linter';
import { discoverSkills } from '../../server/src/engine/project/discover';
import { Skill, loadSkill } from '../../server/src/engine/skill';
import { Finding } from '../../server/src/engine/types';
import { Files, writeFiles } from '../helpers/rule-tester';

export interface Side {
  root: string;
  skill: Skill;
}

export function load(root: string): Side {
  const host = new DiskFileHost();
  const [project] = discoverSkills(root, host);
  assert.ok(project, `no skill found in ${root}`);
  return { root, skill: loadSkill(project, host) };
}

/** Findings with paths relative to the skill, so that both copies compare equal. */
export function normalised(findings: Finding[], root: string): string {
  return JSON.stringify(findings, (_key, value) => (typeof value === 'string' && value.startsWith(root) ? path.relative(root, value) : value), 1);
}

/** The side's code with the given texts (by path relative to the skill). */
export function withCode(side: Side, texts: Map<string, string>): void {
  side.skill = { ...side.skill, code: side.skill.code.map((c) => ({ file: c.file, text: texts.get(path.relative(side.root, c.file)) ?? c.text })) };
}

/**
 * The two copies of one skill under `base`, edited alike: a code file's edit goes into `texts`
 * (what the editor holds) and both skills' code; a JSON file's edit is written to both copies on
 * disk and both skills are loaded again (with the edited code texts).
 */
export class Sides {
  inc: Side;
  fresh: Side;
  readonly texts: Map<string, string>;

  constructor(files: Files, base: string) {
    this.inc = load(writeFiles(files, path.join(base, 'incremental')));
    this.fresh = load(writeFiles(files, path.join(base, 'fresh')));
    this.texts = new Map(this.inc.skill.code.map((c) => [path.relative(this.inc.root, c.file), c.text]));
  }

  /** The code files, relative to the skill. */
  get codeFiles(): string[] {
    return [...this.texts.keys()];
  }

  edit(rel: string, e: (text: string) => string): void {
    if (rel.endsWith('.json')) {
      const text = e(fs.readFileSync(path.join(this.inc.root, rel), 'utf8'));
      for (const side of [this.inc, this.fresh]) fs.writeFileSync(path.join(side.root, rel), text);
      this.inc = this.reload(this.inc);
      this.fresh = this.reload(this.fresh);
    } else {
      this.texts.set(rel, e(this.texts.get(rel)!));
      withCode(this.inc, this.texts);
      withCode(this.fresh, this.texts);
    }
  }

  private reload(side: Side): Side {
    const next = load(side.root);
    withCode(next, this.texts);
    return next;
  }
}

/** A check from scratch: no tree or data flow of an earlier check; `run` may also set aside what rules keep. */
export function freshFindings(side: Side, run: (check: () => Finding[]) => Finding[] = (check) => check()): Finding[] {
  forgetParsed(side.skill.code.map((c) => c.file));
  forgetCodeModel(side.skill.project.root);
  // Nor the reports kept across speech-only edits (code/speech-edits.ts).
  const keeping = KeptReports.enabled;
  KeptReports.enabled = false;
  let findings: Finding[];
  try {
    findings = run(() => lintSkill(side.skill));
  } finally {
    KeptReports.enabled = keeping;
  }
  forgetParsed(side.skill.code.map((c) => c.file));
  forgetCodeModel(side.skill.project.root);
  return findings;
}

/** A random edit of a text, drawing from `r` (a seeded generator returning [0, 1)). */
export type Edit = (text: string, r: () => number) => string;

export const pick = <T>(xs: readonly T[], r: () => number): T => xs[Math.floor(r() * xs.length)];

export function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) out.push(i + 1);
  return out;
}

/** Deletes a random line. */
export const deleteLine: Edit = (text, r) => {
  const starts = lineStarts(text);
  const i = Math.floor(r() * starts.length);
  return text.slice(0, starts[i]) + text.slice(starts[i + 1] ?? text.length);
};

/** Duplicates a random line. */
export const duplicateLine: Edit = (text, r) => {
  const starts = lineStarts(text);
  const i = Math.floor(r() * starts.length);
  const line = text.slice(starts[i], starts[i + 1] ?? text.length);
  return text.slice(0, starts[i]) + line + (line.endsWith('\n') ? '' : '\n') + text.slice(starts[i]);
};
