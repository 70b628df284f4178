/**
 * The proof of the model and manifest rules on realistic skills in eight languages and the three
 * project layouts: each fixture under test/fixtures/skills-i18n has an expected-findings.json, and
 * the rules must report exactly those findings (rule, file, line, column), no more and no fewer.
 * Every fix is applied to a copy and re-checked: its finding is gone and the JSON still parses.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseCode } from '../../server/src/engine/code/parse';
import { emptyConfig } from '../../server/src/engine/config';
import { DiskFileHost } from '../../server/src/engine/host';
import { lintSkill } from '../../server/src/engine/linter';
import { discoverSkills } from '../../server/src/engine/project/discover';
import { Rule } from '../../server/src/engine/rule';
import childDirectedDataCollection from '../../server/src/engine/rules/child-directed-data-collection';
import freeFormCapture from '../../server/src/engine/rules/free-form-capture';
import personalDataSlot from '../../server/src/engine/rules/personal-data-slot';
import personalInfoFlagMismatch from '../../server/src/engine/rules/personal-info-flag-mismatch';
import sensitiveDataSlot from '../../server/src/engine/rules/sensitive-data-slot';
import speechRequestsPersonalData from '../../server/src/engine/rules/speech-requests-personal-data';
import { loadSkill } from '../../server/src/engine/skill';
import { Finding } from '../../server/src/engine/types';
import { positionOf } from '../helpers/rule-tester';

const RULES: Rule[] = [childDirectedDataCollection, freeFormCapture, personalDataSlot, personalInfoFlagMismatch, sensitiveDataSlot, speechRequestsPersonalData];
const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'skills-i18n');

interface Expected {
  layout: string;
  findings: Array<{ ruleId: string; file: string; line: number; column: number }>;
}

function lint(root: string, rules: Rule[] = RULES): { layout: string; locales: string[]; findings: Finding[] } {
  const host = new DiskFileHost();
  const skills = discoverSkills(root, host);
  assert.equal(skills.length, 1, `one skill in ${root}`);
  const skill = loadSkill(skills[0], host);
  return { layout: skills[0].layout, locales: skill.models.map((m) => m.locale), findings: lintSkill(skill, { rules, config: emptyConfig() }) };
}

function rel(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

function where(root: string, f: Finding): { ruleId: string; file: string; line: number; column: number } {
  const p = positionOf(fs.readFileSync(f.file, 'utf8'), f.offset, f.length);
  return { ruleId: f.ruleId, file: rel(root, f.file), line: p.line, column: p.column };
}

const key = (x: { ruleId: string; file: string; line: number; column: number }): string => `${x.ruleId} ${x.file}:${x.line}:${x.column}`;

const fixtures = fs.readdirSync(FIXTURES, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

describe('i18n fixtures: model and manifest rules on realistic skills', () => {
  it('cover at least four languages and the three project layouts', () => {
    const languages = new Set<string>();
    const layouts = new Set<string>();
    for (const name of fixtures) {
      const r = lint(path.join(FIXTURES, name), []);
      r.locales.forEach((l) => languages.add(l.slice(0, 2)));
      layouts.add(r.layout);
    }
    assert.ok(languages.size >= 4, `languages: ${[...languages].join(', ')}`);
    assert.deepEqual([...layouts].sort(), ['ask-cli-v1', 'ask-cli-v2', 'plain']);
  });

  for (const name of fixtures) {
    describe(name, () => {
      const root = path.join(FIXTURES, name);
      const expected = JSON.parse(fs.readFileSync(path.join(root, 'expected-findings.json'), 'utf8')) as Expected;

      it(`is discovered as ${expected.layout} and has exactly the expected findings`, () => {
        const r = lint(root);
        assert.equal(r.layout, expected.layout);
        assert.deepEqual(r.findings.map((f) => key(where(root, f))).sort(), expected.findings.map(key).sort());
      });

      it('every fix, applied to a copy, removes its finding and leaves valid JSON and code', () => {
        const { findings } = lint(root);
        let fixes = 0;
        for (const [i, f] of findings.entries()) {
          for (const fix of f.fixes) {
            fixes++;
            const copy = fs.mkdtempSync(path.join(os.tmpdir(), `spl-i18n-${name}-`));
            try {
              fs.cpSync(root, copy, { recursive: true });
              const byFile = new Map<string, typeof fix.edits>();
              for (const e of fix.edits) byFile.set(rel(root, e.file), [...(byFile.get(rel(root, e.file)) ?? []), e]);
              for (const [file, edits] of byFile) {
                const target = path.join(copy, file);
                let text = fs.readFileSync(target, 'utf8');
                for (const e of [...edits].sort((a, b) => b.offset - a.offset)) text = text.slice(0, e.offset) + e.newText + text.slice(e.offset + e.length);
                if (file.endsWith('.json')) assert.doesNotThrow(() => JSON.parse(text), `fix ${fix.id} of finding ${i} leaves ${file} valid JSON`);
                // A fix may also insert code (the consent prompt of use-permission): it must still parse.
                else assert.deepEqual(parseCode(target, text).syntaxErrors, [], `fix ${fix.id} of finding ${i} leaves ${file} without syntax errors`);
                fs.writeFileSync(target, text);
              }
              const rule = RULES.find((r) => r.meta.id === f.ruleId)!;
              const again = lint(copy, [rule]).findings.filter((g) => g.messageId === f.messageId && rel(copy, g.file) === rel(root, f.file) && g.message === f.message);
              assert.deepEqual(again.map((g) => key(where(copy, g))), [], `after fix ${fix.id} of ${key(where(root, f))}`);
            } finally {
              fs.rmSync(copy, { recursive: true, force: true });
            }
          }
        }
        const expectedFixes = findings.filter((f) => ['personal-info-flag-mismatch', 'sensitive-data-slot'].includes(f.ruleId)).length;
        assert.ok(fixes >= expectedFixes, `${fixes} fixes checked`);
      });
    });
  }
});
