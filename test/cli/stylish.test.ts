/**
 * The default `stylish` format: findings grouped by file with 1-based line:column, severity, message
 * and rule id, then a summary line; colour only on a terminal and never with --no-color or NO_COLOR.
 */
import { strict as assert } from 'assert';
import * as path from 'path';
import { run } from '../../server/src/cli/main';
import { CLI_FIXTURES, runCli } from '../helpers/cli';
import { V2_MANIFEST, V2_MODEL_EN } from './expected';

const ANSI = /\x1b\[[0-9;]*m/;

/** Runs the CLI in-process as if on a terminal (spawned children never have a TTY). */
function runOnTerminal(argv: string[], env: Record<string, string | undefined> = {}): { code: number; out: string } {
  let out = '';
  const saved: Record<string, string | undefined> = {};
  for (const k of Object.keys(env)) {
    saved[k] = process.env[k];
    if (env[k] === undefined) delete process.env[k];
    else process.env[k] = env[k];
  }
  try {
    const code = run(argv, { cwd: CLI_FIXTURES, stdout: (s) => (out += s), stderr: (s) => (out += s), isTTY: true });
    return { code, out };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe('CLI --format stylish', () => {
  it('groups findings by file, each line with line:column, severity, message and rule id; then the summary', () => {
    const r = runCli(['v2-shop', '--no-color']);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, '');
    assert.doesNotMatch(r.stdout, ANSI);
    const lines = r.stdout.split('\n');
    assert.equal(lines.length, 10, r.stdout);
    assert.equal(lines[0], V2_MODEL_EN);
    assert.match(lines[1], /^ {2}7:57 {5}warning {2}Slot `phone` in en-US collects a phone number by voice .* {2}personal-data-slot$/);
    assert.equal(lines[2], '');
    assert.equal(lines[3], V2_MANIFEST);
    assert.match(lines[4], /^ {2}19:7 {5}error {4}Locale de-DE has no `privacyPolicyUrl`.* {2}missing-privacy-policy$/);
    assert.match(lines[5], /^ {2}20:40 {4}error {4}The privacy policy URL for en-US uses http:.* {2}invalid-privacy-policy-url$/);
    assert.equal(lines[6], '');
    assert.equal(lines[7], '✖ 3 problems (2 errors, 1 warning, 0 info) in 1 skill checked');
    assert.equal(lines[8], '  3 of them have quick fixes in the editor (or see --format json).');
    assert.equal(lines[9], '');
  });

  it('counts skills and says so when there is nothing to report', () => {
    const r = runCli(['plain-clean', 'multi/beta']);
    assert.equal(r.stdout, 'No privacy problems found (2 skills checked).\n');
    assert.equal(r.status, 0);
  });

  it('a warning-only run: the summary, singular forms, exit 0', () => {
    const r = runCli(['multi']);
    assert.deepEqual(r.stdout.split('\n').slice(-4), ['', '✖ 1 problem (0 errors, 1 warning, 0 info) in 2 skills checked', '  1 of them has a quick fix in the editor (or see --format json).', '']);
    assert.equal(r.status, 0);
  });

  it('a parse error in a handler file is listed under that file', () => {
    const r = runCli(['v1-manifest']);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], 'v1-manifest/lambda/custom/index.js');
    assert.match(lines[1], /^ {2}5:39 {5}error {4}lambda\/custom\/index\.js has a syntax error: '\)' expected\. .* {2}parse-error$/);
  });

  describe('colour', () => {
    it('on a terminal: red errors, yellow warnings, underlined file names', () => {
      const { code, out } = runOnTerminal(['v2-shop'], { NO_COLOR: undefined });
      assert.equal(code, 1);
      assert.ok(out.includes(`\x1b[4m${V2_MANIFEST}\x1b[24m`), 'underlined file name');
      assert.ok(out.includes('\x1b[31merror  \x1b[39m'), 'red error');
      assert.ok(out.includes('\x1b[33mwarning\x1b[39m'), 'yellow warning');
    });

    it('--no-color turns it off on a terminal, and the text is otherwise the same', () => {
      const plain = runOnTerminal(['v2-shop', '--no-color'], { NO_COLOR: undefined }).out;
      assert.doesNotMatch(plain, ANSI);
      const coloured = runOnTerminal(['v2-shop'], { NO_COLOR: undefined }).out;
      assert.equal(coloured.replace(new RegExp(ANSI.source, 'g'), ''), plain);
      assert.equal(plain, runCli(['v2-shop']).stdout, 'the same as the spawned CLI (not a terminal)');
    });

    it('NO_COLOR in the environment turns it off', () => {
      assert.doesNotMatch(runOnTerminal(['v2-shop'], { NO_COLOR: '1' }).out, ANSI);
    });

    it('--output never writes colour codes into the file', () => {
      const out = path.join(require('os').tmpdir(), `spl-stylish-${process.pid}.txt`);
      const { out: printed } = runOnTerminal(['v2-shop', '--output', out], { NO_COLOR: undefined });
      assert.equal(printed, '');
      const text = require('fs').readFileSync(out, 'utf8') as string;
      require('fs').rmSync(out);
      assert.doesNotMatch(text, ANSI);
      assert.ok(text.startsWith(V2_MODEL_EN + '\n'));
    });
  });
});
