import * as path from 'path';
import { SkillAnalysis } from '../../server/src/engine/analysis';
import { SkillProject } from '../../server/src/engine/project/discover';
import { Skill } from '../../server/src/engine/skill';
import { FileSpan } from '../../server/src/engine/types';
import { positionOf } from '../helpers/rule-tester';

/** A skill in memory with only code files, for code-model unit tests (relative path → text, under /skill/lambda). */
export const ROOT = path.resolve('/skill');
export const CODE = path.join(ROOT, 'lambda');

export function analysisOf(files: Record<string, string>): SkillAnalysis {
  const project: SkillProject = { root: ROOT, layout: 'plain', manifestFile: path.join(ROOT, 'skill.json'), models: [], codeDirs: [CODE] };
  const skill: Skill = {
    project,
    manifest: undefined,
    models: [],
    code: Object.entries(files).map(([rel, text]) => ({ file: path.join(CODE, rel), text })),
    unreadable: [],
  };
  return new SkillAnalysis(skill);
}

/** `file:line:col-endLine:endCol` (1-based) of a span, the file relative to the code dir. */
export function where(files: Record<string, string>, span: FileSpan | undefined): string {
  if (!span) return 'none';
  const rel = path.relative(CODE, span.file).split(path.sep).join('/');
  const p = positionOf(files[rel], span.offset, span.length);
  return `${rel}:${p.line}:${p.column}-${p.endLine}:${p.endColumn}`;
}
