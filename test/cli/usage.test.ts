/**
 * Exit codes, bad usage and --output, through the spawned CLI: 0 no error-level finding, 1 at least
 * one, 2 bad usage or internal failure; an unparseable file is a finding, never exit 2.
 */
import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../server/src/cli/main';
import { RULES, Rule } from '../../server/src/engine';
import { CLI_BIN, CLI_FIXTURES, REPO, findingLine, runCli } from '../helpers/cli';
import { MALFORMED_FINDINGS, V2_FINDINGS } from './expected';

describe('CLI usage and exit codes', () => {
  it('0: no finding at all', () => {
    const r = runCli(['plain-clean']);
    assert.equal(r.status, 0);
    assert.equal(r.stderr, '');
  });

  it('0: warnings only', () => {
    assert.equal(runCli(['multi', '--format', 'json']).status, 0);
  });

  it('1: an error-level finding, in every format', () => {
    for (const format of ['stylish', 'json', 'sarif']) assert.equal(runCli(['v2-shop', '--format', format]).status, 1, format);
  });

  it('1, not 2: malformed JSON is a parse-error finding', () => {
    const r = runCli(['malformed', '-f', 'json']);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, '');
    assert.deepEqual((JSON.parse(r.stdout) as { findings: Parameters<typeof findingLine>[0][] }).findings.map(findingLine), MALFORMED_FINDINGS);
  });

  it('1, not 2: a binary file where skill.json should be, and an empty model', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-cli-'));
    try {
      fs.mkdirSync(path.join(dir, 'models'));
      fs.writeFileSync(path.join(dir, 'skill.json'), Buffer.from([0x7b, 0x00, 0x01, 0x7d]));
      fs.writeFileSync(path.join(dir, 'models', 'en-US.json'), '');
      const r = runCli(['-f', 'json'], { cwd: dir });
      assert.equal(r.status, 1, r.stderr);
      const findings = (JSON.parse(r.stdout) as { findings: Array<Parameters<typeof findingLine>[0] & { message: string }> }).findings;
      assert.deepEqual(findings.map(findingLine), ['parse-error error models/en-US.json:1:1-1:1', 'parse-error error skill.json:1:1-1:1']);
      assert.match(findings[0].message, /the file is empty/);
      assert.match(findings[1].message, /no readable manifest at skill\.json: it is a binary file/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('2: bad usage, with a message on stderr and nothing on stdout', () => {
    const usage = (args: string[], message: RegExp): void => {
      const r = runCli(args);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
    };
    it('an unknown flag, with the usage', () => usage(['v2-shop', '--frmat', 'json'], /^skill-privacy-lint: Unknown option '--frmat'[^]*Usage: skill-privacy-lint \[PATH\.\.\.\]/));
    it('an unknown format', () => usage(['v2-shop', '--format', 'xml'], /^skill-privacy-lint: unknown format "xml"; use one of stylish, json, sarif\.\n$/));
    it('--format without a value', () => usage(['--format'], /argument missing/));
    it('a PATH that does not exist, named in the message', () => usage(['v2-shop', 'no-such-skill'], /^skill-privacy-lint: no-such-skill: no such file or folder\.\n$/));
    it('a folder without any skill', () => {
      const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-empty-'));
      try {
        const r = runCli(['.'], { cwd: empty });
        assert.equal(r.status, 2);
        assert.equal(r.stdout, '');
        assert.match(r.stderr, /^skill-privacy-lint: no Alexa skill project found under \.\.\nA skill is a folder with ask-resources\.json/);
      } finally {
        fs.rmSync(empty, { recursive: true, force: true });
      }
    });
  });

  it('a folder inside a skill (its code folder) checks that skill', () => {
    const r = runCli(['v2-shop/lambda', '-f', 'json']);
    assert.equal(r.status, 1);
    assert.deepEqual((JSON.parse(r.stdout) as { findings: Parameters<typeof findingLine>[0][] }).findings.map(findingLine), V2_FINDINGS);
  });

  it('2 when the output file cannot be written', () => {
    const r = runCli(['v2-shop', '--output', os.tmpdir()]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^skill-privacy-lint: cannot write /);
  });

  it('2 on an internal failure: a rule that throws is named on stderr, the other rules still report', () => {
    const boom: Rule = {
      meta: { id: 'zz-boom', defaultSeverity: 'error', description: 'A rule that fails, for this test.', messages: {}, fixable: false, scope: ['manifest'] },
      check() {
        throw new Error('boom');
      },
    };
    RULES.push(boom);
    let out = '';
    let err = '';
    try {
      const code = run(['v2-shop', '-f', 'json'], { cwd: CLI_FIXTURES, stdout: (s) => (out += s), stderr: (s) => (err += s), isTTY: false });
      assert.equal(code, 2);
    } finally {
      RULES.splice(RULES.indexOf(boom), 1);
    }
    assert.match(err, /^skill-privacy-lint: internal error in rule zz-boom: Error: boom/);
    assert.deepEqual((JSON.parse(out) as { findings: Parameters<typeof findingLine>[0][] }).findings.map(findingLine), V2_FINDINGS);
  });

  it('a reader that stops early (`| head -c 100`) ends the run quietly, without a stack trace', () => {
    // Eight copies of the fixtures give a SARIF log of about 250 KB, far more than a pipe buffers
    // (64 KB): the pipe closes long before it is written.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-pipe-'));
    for (let i = 0; i < 8; i++) fs.cpSync(CLI_FIXTURES, path.join(dir, `copy${i}`), { recursive: true });
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI_BIN}" . -f sarif | head -c 100 >/dev/null`], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0);
    assert.doesNotMatch(r.stderr, /EPIPE|Error|at /, r.stderr);
  });

  it('--help and --version exit 0', () => {
    const help = runCli(['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: skill-privacy-lint \[PATH\.\.\.\] \[options\]/);
    const version = runCli(['-v']);
    assert.equal(version.status, 0);
    assert.equal(version.stdout, `${(JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }).version}\n`);
  });

  describe('--output FILE', () => {
    let dir: string;
    beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-out-'))));
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    for (const format of ['json', 'sarif', 'stylish']) {
      it(`writes the ${format} report to the file (creating its folder), prints nothing, keeps the exit code`, () => {
        const file = path.join(dir, 'reports', `out.${format}`);
        const r = runCli(['v2-shop', '--format', format, '--output', file]);
        assert.equal(r.status, 1);
        assert.equal(r.stdout, '');
        assert.equal(r.stderr, '');
        assert.equal(fs.readFileSync(file, 'utf8'), runCli(['v2-shop', '--format', format]).stdout);
      });
    }

    it('a relative --output is relative to the current folder; -o is the short form', () => {
      const r = runCli([path.join(CLI_FIXTURES, 'v2-shop'), '-f', 'json', '-o', 'report.json'], { cwd: dir });
      assert.equal(r.status, 1);
      const report = JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')) as { findings: Parameters<typeof findingLine>[0][] };
      const rel = path.relative(dir, path.join(CLI_FIXTURES, 'v2-shop')).split(path.sep).join('/');
      assert.deepEqual(report.findings.map(findingLine), V2_FINDINGS.map((l) => l.replace(' v2-shop/', ` ${rel}/`)));
    });
  });
});
