/**
 * `--format json` on every project layout, through the real CLI: the DESIGN.md contract (version 1,
 * 1-based positions, paths relative to the current folder, fixes with edits) and the exact findings.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CLI_BUNDLE, CLI_FIXTURES, REPO, applyLineColumnEdits, copyFixture, findingLine, runCli } from '../helpers/cli';
import {
  ALL_FINDINGS,
  MALFORMED_FINDINGS,
  MULTI_FINDINGS,
  V1_MANIFEST_FINDINGS,
  V1_SKILLMANIFEST_FINDINGS,
  V2_FINDINGS,
  V2_MANIFEST,
  V2_MODEL_EN,
  v1SkillManifestFixOutput,
  v2FixOutputs,
} from './expected';

interface JsonEdit {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  newText: string;
}
interface JsonFinding {
  ruleId: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  related: Array<{ file: string; line: number; column: number; endLine: number; endColumn: number; message: string }>;
  fixes: Array<{ title: string; edits: JsonEdit[] }>;
}
interface JsonReport {
  version: number;
  findings: JsonFinding[];
}

const POSITION_KEYS = ['line', 'column', 'endLine', 'endColumn'] as const;

/** Checks the shape DESIGN.md promises, key by key, and returns the report. */
function parseReport(stdout: string): JsonReport {
  const report = JSON.parse(stdout) as JsonReport;
  assert.deepEqual(Object.keys(report), ['version', 'findings']);
  assert.equal(report.version, 1);
  for (const f of report.findings) {
    assert.deepEqual(Object.keys(f), ['ruleId', 'severity', 'file', ...POSITION_KEYS, 'message', 'related', 'fixes']);
    assert.ok(['error', 'warning', 'info'].includes(f.severity), f.severity);
    assert.ok(!path.isAbsolute(f.file) && !f.file.includes('\\'), `file is relative with / separators: ${f.file}`);
    for (const k of POSITION_KEYS) assert.ok(Number.isInteger(f[k]) && f[k] >= 1, `${k} is 1-based: ${f[k]}`);
    assert.ok(f.endLine > f.line || (f.endLine === f.line && f.endColumn >= f.column), 'the range does not end before it starts');
    assert.ok(f.message.length > 60);
    for (const r of f.related) assert.deepEqual(Object.keys(r), ['file', ...POSITION_KEYS, 'message']);
    for (const fx of f.fixes) {
      assert.deepEqual(Object.keys(fx), ['title', 'edits']);
      assert.ok(fx.edits.length > 0, `fix "${fx.title}" has edits`);
      for (const e of fx.edits) {
        assert.deepEqual(Object.keys(e), ['file', ...POSITION_KEYS, 'newText']);
        for (const k of POSITION_KEYS) assert.ok(Number.isInteger(e[k]) && e[k] >= 1);
      }
    }
  }
  return report;
}

function lint(args: string[], cwd = CLI_FIXTURES): { status: number | null; report: JsonReport; stderr: string } {
  const r = runCli([...args, '--format', 'json'], { cwd });
  assert.equal(r.stderr, '', 'nothing on stderr');
  return { status: r.status, report: parseReport(r.stdout), stderr: r.stderr };
}

/** Applies a fix's edits to the files (relative to `cwd`) and returns the changed texts. */
function applyFix(fix: { edits: JsonEdit[] }, cwd = CLI_FIXTURES): Record<string, string> {
  const out: Record<string, string> = {};
  for (const file of new Set(fix.edits.map((e) => e.file))) {
    out[file] = applyLineColumnEdits(fs.readFileSync(path.join(cwd, file), 'utf8'), fix.edits.filter((e) => e.file === file));
  }
  return out;
}

describe('CLI --format json', () => {
  describe('ask-cli v2 (ask-resources.json + skill-package/)', () => {
    let run: ReturnType<typeof lint>;
    before(() => (run = lint(['v2-shop'])));

    it('reports exactly the findings of the skill, with exit 1 for the errors', () => {
      assert.deepEqual(run.report.findings.map(findingLine), V2_FINDINGS);
      assert.equal(run.status, 1);
    });

    it('gives messages and related locations', () => {
      const [slot, missing, http] = run.report.findings;
      assert.match(slot.message, /^Slot `phone` in en-US collects a phone number by voice/);
      assert.deepEqual(slot.related.map((r) => `${r.file}:${r.line}:${r.column}-${r.endLine}:${r.endColumn}`), [`${V2_MODEL_EN}:7:111-7:133`, `${V2_MODEL_EN}:7:135-7:155`]);
      assert.match(slot.related[0].message, /my number is \{phone\}/);
      assert.match(missing.message, /^Locale de-DE has no `privacyPolicyUrl`/);
      assert.deepEqual(missing.related.map((r) => `${r.file}:${r.line}:${r.column}`), [`${V2_MODEL_EN}:7:57`]);
      assert.match(http.message, /^The privacy policy URL for en-US uses http:/);
    });

    it('gives fixes whose edits, applied at their 1-based positions, produce the expected skill.json', () => {
      const expected = v2FixOutputs();
      const fixes = run.report.findings.flatMap((f) => f.fixes);
      assert.deepEqual(fixes.map((f) => f.title).sort(), Object.keys(expected).sort());
      for (const fix of fixes) assert.deepEqual(applyFix(fix), { [V2_MANIFEST]: expected[fix.title] }, fix.title);
    });

    it('run from inside the skill with no PATH, paths are relative to that folder', () => {
      const inside = lint([], path.join(CLI_FIXTURES, 'v2-shop'));
      assert.deepEqual(inside.report.findings.map(findingLine), V2_FINDINGS.map((l) => l.replace(/ v2-shop\//, ' ')));
      const fix = inside.report.findings[2].fixes[0];
      assert.deepEqual(fix.edits.map((e) => e.file), ['skill-package/skill.json']);
    });

    it('run from the repository root, paths are relative to it', () => {
      const fromRoot = lint(['test/fixtures/cli/v2-shop'], REPO);
      assert.deepEqual(fromRoot.report.findings.map(findingLine), V2_FINDINGS.map((l) => l.replace(/ v2-shop\//, ' test/fixtures/cli/v2-shop/')));
      assert.deepEqual(applyFix(fromRoot.report.findings[2].fixes[0], REPO), { [`test/fixtures/cli/${V2_MANIFEST}`]: v2FixOutputs()['Use https for the privacy policy URL'] });
    });

    it('a file as PATH checks the skill that holds it', () => {
      assert.deepEqual(lint([V2_MANIFEST]).report.findings.map(findingLine), V2_FINDINGS);
    });
  });

  describe('ask-cli v1', () => {
    it('.ask/config + skill.json with `manifest`: the code of apis.custom.endpoint.sourceDir (lambda/custom) is checked', () => {
      const run = lint(['v1-manifest']);
      assert.deepEqual(run.report.findings.map(findingLine), V1_MANIFEST_FINDINGS);
      assert.match(run.report.findings[0].message, /^lambda\/custom\/index\.js has a syntax error: '\)' expected\. /);
      assert.equal(run.status, 1);
    });

    it('root skill.json with `skillManifest` + models/<locale>.json', () => {
      const run = lint(['v1-skillmanifest']);
      assert.deepEqual(run.report.findings.map(findingLine), V1_SKILLMANIFEST_FINDINGS);
      const [f] = run.report.findings;
      assert.deepEqual(f.related.map((r) => `${r.file}:${r.line}:${r.column}`), ['v1-skillmanifest/skill.json:12:31']);
      assert.deepEqual(f.fixes.map((x) => x.title), ['Add privacyPolicyUrl for en-US']);
      assert.deepEqual(applyFix(f.fixes[0]), { 'v1-skillmanifest/skill.json': v1SkillManifestFixOutput() });
      assert.equal(run.status, 1);
    });
  });

  it('a bare skill.json beside interactionModels/custom/*.json with nothing to report: no findings, exit 0', () => {
    const r = runCli(['plain-clean', '--format', 'json']);
    assert.equal(r.stdout, '{\n  "version": 1,\n  "findings": []\n}\n');
    assert.equal(r.status, 0);
  });

  it('malformed skill.json: a parse-error finding at the key after the missing comma, exit 1 (not 2)', () => {
    const run = lint(['malformed']);
    assert.deepEqual(run.report.findings.map(findingLine), MALFORMED_FINDINGS);
    assert.match(run.report.findings[0].message, /^skill\.json is not valid JSON: ',' was expected\./);
    assert.equal(run.status, 1);
  });

  describe('several skills in one folder', () => {
    /**
     * `multi` with a malformed skill template installed as a dependency under `<dependencies>`.
     * Git ignores node_modules/ folders, so the template is kept in test/fixtures/cli-dependency/ and copied in.
     */
    function multiWithDependency(dependencies: string): string {
      const tmp = copyFixture('multi');
      fs.cpSync(path.join(CLI_FIXTURES, '..', 'cli-dependency', 'skill-template'), path.join(tmp, 'multi', dependencies, 'skill-template'), { recursive: true });
      return tmp;
    }

    it('checks each skill, skips node_modules (its malformed skill template is not reported); warnings only: exit 0', () => {
      const tmp = multiWithDependency('node_modules');
      try {
        const run = lint(['multi'], tmp);
        assert.deepEqual(run.report.findings.map(findingLine), MULTI_FINDINGS);
        assert.equal(run.status, 0);
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    });

    it('the skill in node_modules is found when the same folder has another name (so the skip above is what hides it)', () => {
      const tmp = multiWithDependency('vendor');
      try {
        const files = new Set(lint(['multi'], tmp).report.findings.map((f) => f.file));
        assert.ok(files.has('multi/vendor/skill-template/skill.json'), [...files].join(', '));
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    });

    it('survives symlink loops in the skill folders and in a code folder, with the same findings', () => {
      const tmp = copyFixture('multi');
      try {
        fs.symlinkSync('..', path.join(tmp, 'multi', 'alpha', 'loop'));
        fs.symlinkSync(path.join(tmp, 'multi'), path.join(tmp, 'multi', 'beta', 'skill-package', 'up'));
        fs.mkdirSync(path.join(tmp, 'multi', 'alpha', 'lambda'));
        fs.writeFileSync(path.join(tmp, 'multi', 'alpha', 'lambda', 'index.js'), "exports.handler = () => 'hi';\n");
        fs.symlinkSync('.', path.join(tmp, 'multi', 'alpha', 'lambda', 'self'));
        const run = lint(['multi'], tmp);
        assert.deepEqual(run.report.findings.map(findingLine), MULTI_FINDINGS);
        assert.equal(run.status, 0);
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    });

    it('every skill under the fixtures folder (the default PATH is the current folder)', () => {
      const run = lint([]);
      assert.deepEqual(run.report.findings.map(findingLine), ALL_FINDINGS);
      assert.equal(run.status, 1);
    });

    it('several PATHs', () => {
      assert.deepEqual(lint(['v1-manifest', 'plain-clean', 'malformed']).report.findings.map(findingLine), [...MALFORMED_FINDINGS, ...V1_MANIFEST_FINDINGS]);
    });
  });

  it('columns count UTF-16 code units and CRLF ends a line: an emoji before the finding, the fix applied at those columns', () => {
    const dir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'spl-cli-'));
    try {
      const manifest = [
        '{',
        '  "manifest": {',
        '    "privacyAndCompliance": {',
        '      "locales": {',
        '        "en-US": { "termsOfUseUrl": "https://shop.co.uk/🛒", "privacyPolicyUrl": "http://shop.co.uk/privacy" }',
        '      }',
        '    },',
        '    "apis": { "custom": {} }',
        '  }',
        '}',
        '',
      ].join('\r\n');
      fs.writeFileSync(path.join(dir, 'skill.json'), manifest);
      const run = lint(['.'], dir);
      const http = run.report.findings.filter((f) => f.ruleId === 'invalid-privacy-policy-url');
      // 🛒 is two UTF-16 code units: 81 of them (80 code points) precede the value on line 5
      assert.deepEqual(http.map(findingLine), ['invalid-privacy-policy-url error skill.json:5:82-5:109']);
      assert.deepEqual(applyFix(http[0].fixes[0], dir), { 'skill.json': manifest.replace('"http://shop.co.uk/privacy"', '"https://shop.co.uk/privacy"') });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the esbuild bundle dist/cli.js prints the same report as the bin', () => {
    assert.ok(fs.existsSync(CLI_BUNDLE), 'dist/cli.js is built by npm run build');
    const viaBin = runCli(['.', '--format', 'json']);
    const viaBundle = runCli(['.', '--format', 'json'], { entry: CLI_BUNDLE });
    assert.equal(viaBundle.stderr, '');
    assert.equal(viaBundle.stdout, viaBin.stdout);
    assert.equal(viaBundle.status, 1);
    assert.deepEqual(parseReport(viaBundle.stdout).findings.map(findingLine), ALL_FINDINGS);
  });
});
