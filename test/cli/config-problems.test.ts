/**
 * A broken `.skillprivacyrc.json` through the real CLI: the parts that break the schema are ignored
 * and said, on stderr and in `--format json`, at their exact 1-based positions; the exit status
 * stays what the findings make it. (SARIF's notifications are checked in sarif.test.ts.)
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { brokenConfigSkill, copyFixture, runCli } from '../helpers/cli';

describe('CLI: problems in .skillprivacyrc.json', () => {
  it('prints each schema problem once on stderr with its position, and the clean skill still exits 0', () => {
    const dir = brokenConfigSkill();
    const r = runCli(['plain-clean'], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.stderr.trim().split('\n'), [
      'skill-privacy-lint: warning: plain-clean/.skillprivacyrc.json:2:35: `/rules/free-form-capture` must be one of "error", "warning", "info", "off"; this setting is ignored.',
      'skill-privacy-lint: warning: plain-clean/.skillprivacyrc.json:2:43: `/rules` has the unknown property `no-such-rule`; this setting is ignored.',
      'skill-privacy-lint: warning: plain-clean/.skillprivacyrc.json:3:3: the file has the unknown property `ignroe`; this setting is ignored.',
    ]);
  });

  it('--format json lists them under configProblems; without problems the key is absent', () => {
    const dir = brokenConfigSkill();
    const out = JSON.parse(runCli(['plain-clean', '-f', 'json'], { cwd: dir }).stdout) as { configProblems?: Array<Record<string, unknown>> };
    assert.deepEqual(
      out.configProblems?.map((p) => [p.file, p.line, p.column, p.endLine, p.endColumn]),
      [
        ['plain-clean/.skillprivacyrc.json', 2, 35, 2, 41],
        ['plain-clean/.skillprivacyrc.json', 2, 43, 2, 57],
        ['plain-clean/.skillprivacyrc.json', 3, 3, 3, 11],
      ],
    );
    const clean = JSON.parse(runCli(['plain-clean', '-f', 'json']).stdout) as Record<string, unknown>;
    assert.equal('configProblems' in clean, false);
  });

  it('a config that does not parse: its first syntax error, once, however many skills share it', () => {
    const dir = copyFixture('plain-clean');
    fs.cpSync(path.join(dir, 'plain-clean'), path.join(dir, 'second'), { recursive: true });
    fs.writeFileSync(path.join(dir, '.skillprivacyrc.json'), '{ "rules": { "free-form-capture": "off" ');
    const r = runCli(['.'], { cwd: dir });
    assert.match(r.stdout, /2 skills/);
    assert.deepEqual(r.stderr.trim().split('\n'), [
      "skill-privacy-lint: warning: .skillprivacyrc.json:1:41: .skillprivacyrc.json is not valid JSON: '}' was expected. Settings after this point may be ignored; fix the syntax.",
    ]);
  });
});
