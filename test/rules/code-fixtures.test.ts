/**
 * The code rules on realistic skills written for these tests (test/fixtures/code): ask-sdk-core v2
 * in JavaScript and TypeScript with helper modules, alexa-sdk v1. Each fixture's
 * expected-findings.json lists exactly the findings (rule, file, line, column) of the three code
 * rules, no more and no fewer. Every fix is applied to a copy: the code still parses and the
 * finding is gone.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { SkillAnalysis } from '../../server/src/engine/analysis';
import { codeModel } from '../../server/src/engine/code/analyze';
import { emptyConfig } from '../../server/src/engine/config';
import { DiskFileHost } from '../../server/src/engine/host';
import { lintSkill } from '../../server/src/engine/linter';
import { discoverSkills } from '../../server/src/engine/project/discover';
import { Rule } from '../../server/src/engine/rule';
import personalDataPersisted from '../../server/src/engine/rules/personal-data-persisted';
import personalDataShared from '../../server/src/engine/rules/personal-data-shared';
import personalDataSlot from '../../server/src/engine/rules/personal-data-slot';
import voiceDataLogged from '../../server/src/engine/rules/voice-data-logged';
import { Skill, loadSkill } from '../../server/src/engine/skill';
import { Finding } from '../../server/src/engine/types';
import { positionOf } from '../helpers/rule-tester';

const RULES: Rule[] = [personalDataPersisted, personalDataShared, voiceDataLogged];
const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'code');

interface Where {
  ruleId: string;
  file: string;
  line: number;
  column: number;
}

function load(root: string): Skill {
  const host = new DiskFileHost();
  const skills = discoverSkills(root, host);
  assert.equal(skills.length, 1, `one skill in ${root}`);
  return loadSkill(skills[0], host);
}

function lint(root: string, rules: Rule[] = RULES): { skill: Skill; findings: Finding[] } {
  const skill = load(root);
  return { skill, findings: lintSkill(skill, { rules, config: emptyConfig() }) };
}

const rel = (root: string, file: string): string => path.relative(root, file).split(path.sep).join('/');
function at(root: string, file: string, offset: number, length = 0): string {
  const p = positionOf(fs.readFileSync(file, 'utf8'), offset, length);
  return `${rel(root, file)}:${p.line}:${p.column}`;
}
const key = (w: Where): string => `${w.ruleId} ${w.file}:${w.line}:${w.column}`;
function where(root: string, f: Finding): Where {
  const p = positionOf(fs.readFileSync(f.file, 'utf8'), f.offset, f.length);
  return { ruleId: f.ruleId, file: rel(root, f.file), line: p.line, column: p.column };
}

function parseErrors(file: string, text: string): number {
  const kind = /\.tsx?$/.test(file) ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  return (sf as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length;
}

const fixtures = fs.readdirSync(FIXTURES, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

describe('code fixtures: data flow rules on realistic skills', () => {
  it('cover ask-sdk v2 in JavaScript and TypeScript and alexa-sdk v1', () => {
    const exts = new Set<string>();
    const sdks = new Set<string>();
    for (const name of fixtures) {
      for (const c of load(path.join(FIXTURES, name)).code) {
        exts.add(path.extname(c.file));
        if (c.text.includes("'alexa-sdk'")) sdks.add('v1');
        if (c.text.includes("'ask-sdk-core'")) sdks.add('v2');
      }
    }
    assert.deepEqual([...exts].sort(), ['.js', '.ts']);
    assert.deepEqual([...sdks].sort(), ['v1', 'v2']);
  });

  for (const name of fixtures) {
    describe(name, () => {
      const root = path.join(FIXTURES, name);
      const expected = JSON.parse(fs.readFileSync(path.join(root, 'expected-findings.json'), 'utf8')) as { layout: string; findings: Where[] };

      it(`is discovered as ${expected.layout} and has exactly the expected code findings`, () => {
        const { skill, findings } = lint(root);
        assert.equal(skill.project.layout, expected.layout);
        assert.deepEqual(findings.map((f) => key(where(root, f))).sort(), expected.findings.map(key).sort());
      });

      it('every fix, applied to a copy, leaves code that parses and removes its finding', () => {
        const { findings } = lint(root);
        let fixes = 0;
        for (const f of findings) {
          for (const fix of f.fixes) {
            fixes++;
            const copy = fs.mkdtempSync(path.join(os.tmpdir(), `spl-code-${name}-`));
            try {
              fs.cpSync(root, copy, { recursive: true });
              const byFile = new Map<string, typeof fix.edits>();
              for (const e of fix.edits) byFile.set(rel(root, e.file), [...(byFile.get(rel(root, e.file)) ?? []), e]);
              for (const [file, edits] of byFile) {
                const target = path.join(copy, file);
                let text = fs.readFileSync(target, 'utf8');
                for (const e of [...edits].sort((a, b) => b.offset - a.offset)) text = text.slice(0, e.offset) + e.newText + text.slice(e.offset + e.length);
                assert.equal(parseErrors(file, text), 0, `fix ${fix.id} of ${key(where(root, f))} leaves ${file} parseable`);
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
        const fixable = findings.filter((f) => f.ruleId !== 'personal-data-shared').length;
        assert.equal(fixes, fixable, 'every logged and persisted finding has a fix');
      });
    });
  }

  it('bakery-js: the REST Customer Profile call is read as profile data, not as sharing, and slot findings link to the code', () => {
    const root = path.join(FIXTURES, 'bakery-js');
    const skill = load(root);
    const model = codeModel(new SkillAnalysis(skill));
    const profile = model.sources.filter((s) => s.kind === 'profile').map((s) => `${at(root, s.file, s.offset)} ${s.description}`);
    assert.deepEqual(profile, ["lambda/index.js:55:23 the customer's e-mail address (Customer Profile API)"]);
    assert.ok(!model.flows.some((f) => f.sink.kind === 'http' && f.sink.destination === 'api.amazonalexa.com' && f.source.kind !== 'profile'), 'the REST call carries only its token');
    const slots = lintSkill(skill, { rules: [personalDataSlot], config: emptyConfig() });
    assert.deepEqual(
      slots.map((f) => `${f.data.slot} → ${f.related[0] ? at(root, f.related[0].file, f.related[0].offset) : 'none'}`),
      ['pickupName → lambda/index.js:21:18', 'phone → lambda/index.js:41:19'],
    );
  });
});
