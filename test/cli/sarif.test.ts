/**
 * `--format sarif` validated against the real SARIF 2.1.0 JSON Schema (the OASIS schema shipped in
 * @microsoft/jest-sarif, draft-04, hence ajv-draft-04), plus what the schema cannot check: rules
 * with their docs pages, 1-based regions equal to the json format's, related locations, and fixes
 * whose replacements, applied to the file, give the expected text.
 */
import { strict as assert } from 'assert';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fileURLToPath } from 'url';
import { RULES, ruleDocsUrl } from '../../server/src/engine';
import { CLI_FIXTURES, REPO, applyLineColumnEdits, brokenConfigSkill, copyFixture, findingLine, runCli } from '../helpers/cli';
import { ALL_FINDINGS, V2_FINDINGS, V2_MANIFEST, v1SkillManifestFixOutput, v2FixOutputs } from './expected';

const SCHEMA_FILE = path.join(path.dirname(require.resolve('@microsoft/jest-sarif/package.json')), 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: ArtifactLocation; region: Region } }>;
  relatedLocations?: Array<{ id: number; message: { text: string }; physicalLocation: { artifactLocation: ArtifactLocation; region: Region } }>;
  fixes?: Array<{ description: { text: string }; artifactChanges: Array<{ artifactLocation: ArtifactLocation; replacements: Array<{ deletedRegion: Region; insertedContent: { text: string } }> }> }>;
}
interface SarifLog {
  $schema: string;
  version: string;
  runs: Array<{
    tool: { driver: { name: string; version: string; rules: Array<{ id: string; helpUri: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }> } };
    columnKind: string;
    originalUriBaseIds: Record<string, { uri: string }>;
    results: SarifResult[];
  }>;
}

let validate: ReturnType<Ajv['compile']>;
function validSarif(stdout: string): SarifLog {
  const log = JSON.parse(stdout) as SarifLog;
  const ok = validate(log);
  assert.ok(ok, `not valid SARIF 2.1.0: ${JSON.stringify(validate.errors, null, 2)}`);
  return log;
}

/** The file an artifact location names, resolved through `originalUriBaseIds`. */
function fileOf(log: SarifLog, loc: ArtifactLocation): string {
  const base = loc.uriBaseId ? log.runs[0].originalUriBaseIds[loc.uriBaseId].uri : undefined;
  assert.ok(base, `uriBaseId ${loc.uriBaseId} is declared`);
  return fileURLToPath(new URL(loc.uri, base));
}

const LEVEL: Record<string, string> = { error: 'error', warning: 'warning', info: 'note' };

/** A result as the json tests write a finding: `ruleId severity file:line:col-endLine:endCol`, file relative to `cwd`. */
function resultLine(log: SarifLog, r: SarifResult, cwd: string): string {
  const { artifactLocation, region } = r.locations[0].physicalLocation;
  const severity = Object.keys(LEVEL).find((k) => LEVEL[k] === r.level) ?? r.level;
  const file = path.relative(cwd, fileOf(log, artifactLocation)).split(path.sep).join('/');
  return findingLine({ ruleId: r.ruleId, severity, file, line: region.startLine, column: region.startColumn, endLine: region.endLine, endColumn: region.endColumn });
}

/** Applies a SARIF fix: each artifact change's replacements (deletedRegion → insertedContent) to that file's text. */
function applySarifFix(log: SarifLog, fix: NonNullable<SarifResult['fixes']>[number]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const change of fix.artifactChanges) {
    const file = fileOf(log, change.artifactLocation);
    const edits = change.replacements.map((r) => ({ line: r.deletedRegion.startLine, column: r.deletedRegion.startColumn, endLine: r.deletedRegion.endLine, endColumn: r.deletedRegion.endColumn, newText: r.insertedContent.text }));
    out[path.relative(CLI_FIXTURES, file).split(path.sep).join('/')] = applyLineColumnEdits(fs.readFileSync(file, 'utf8'), edits);
  }
  return out;
}

describe('CLI --format sarif', () => {
  before(() => {
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }); // the schema's `language` pattern is not a valid unicode-mode RegExp
    addFormats(ajv);
    validate = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as object);
  });

  it('problems in .skillprivacyrc.json are tool configuration notifications at their regions', () => {
    const dir = brokenConfigSkill();
    const log = validSarif(runCli(["plain-clean", "-f", "sarif"], { cwd: dir }).stdout) as unknown as SarifLog & {
      runs: Array<{ invocations?: Array<{ executionSuccessful: boolean; toolConfigurationNotifications: Array<{ level: string; message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: ArtifactLocation; region: { startLine: number; startColumn: number } } }> }> }> }>;
    };
    const inv = log.runs[0].invocations;
    assert.equal(inv?.length, 1);
    assert.equal(inv[0].executionSuccessful, true);
    assert.deepEqual(
      inv[0].toolConfigurationNotifications.map((n) => [n.level, fileOf(log, n.locations[0].physicalLocation.artifactLocation), n.locations[0].physicalLocation.region.startLine, n.locations[0].physicalLocation.region.startColumn]),
      [2, 2, 3].map((line, i) => ['warning', fs.realpathSync(path.join(dir, 'plain-clean', '.skillprivacyrc.json')), line, [35, 43, 3][i]]),
    );
    assert.match(inv[0].toolConfigurationNotifications[1].message.text, /unknown property `no-such-rule`; this setting is ignored\.$/);
    assert.equal((validSarif(runCli(['plain-clean', '-f', 'sarif']).stdout).runs[0] as { invocations?: unknown }).invocations, undefined);
  });

  it('the validator rejects what SARIF forbids (so passing means something)', () => {
    const log = JSON.parse(runCli(['v2-shop', '-f', 'sarif']).stdout) as SarifLog;
    log.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    assert.equal(validate(log), false);
    const log2 = JSON.parse(runCli(['v2-shop', '-f', 'sarif']).stdout) as SarifLog & { runs: Array<{ results: Array<{ level: string }> }> };
    log2.runs[0].results[0].level = 'info';
    assert.equal(validate(log2), false);
  });

  for (const target of ['v2-shop', 'v1-manifest', 'v1-skillmanifest', 'plain-clean', 'malformed', 'multi', '.']) {
    it(`is valid SARIF 2.1.0 for ${target}`, () => {
      const r = runCli([target, '--format', 'sarif']);
      assert.equal(r.stderr, '');
      const log = validSarif(r.stdout);
      assert.equal(log.version, '2.1.0');
      assert.equal(log.runs.length, 1);
    });
  }

  describe('on the v2 skill', () => {
    let log: SarifLog;
    before(() => (log = validSarif(runCli(['v2-shop', '--format', 'sarif']).stdout)));

    it('lists every rule with its helpUri, the docs page that exists in docs/rules', () => {
      const { driver } = log.runs[0].tool;
      assert.equal(driver.name, 'skill-privacy-lint');
      assert.deepEqual(driver.rules.map((r) => r.id), RULES.map((r) => r.meta.id));
      for (const [i, r] of driver.rules.entries()) {
        assert.equal(r.helpUri, ruleDocsUrl(r.id));
        assert.ok(r.helpUri.endsWith(`/docs/rules/${r.id}.md`), r.helpUri);
        assert.ok(fs.existsSync(path.join(REPO, 'docs', 'rules', `${r.id}.md`)), `docs/rules/${r.id}.md exists`);
        assert.equal(r.shortDescription.text, RULES[i].meta.description);
        assert.equal(r.defaultConfiguration.level, LEVEL[RULES[i].meta.defaultSeverity]);
      }
    });

    it('gives each finding as a result with its rule index, level, message and 1-based region (UTF-16 columns)', () => {
      const run = log.runs[0];
      assert.equal(run.columnKind, 'utf16CodeUnits');
      assert.deepEqual(run.results.map((r) => resultLine(log, r, CLI_FIXTURES)), V2_FINDINGS);
      const json = (JSON.parse(runCli(['v2-shop', '-f', 'json']).stdout) as { findings: Array<{ message: string }> }).findings;
      run.results.forEach((r, i) => {
        assert.equal(run.tool.driver.rules[r.ruleIndex].id, r.ruleId);
        assert.equal(r.message.text, json[i].message);
        assert.equal(r.locations[0].physicalLocation.artifactLocation.uriBaseId, 'SRCROOT');
      });
    });

    it('gives related locations', () => {
      const slot = log.runs[0].results[0];
      assert.deepEqual(
        slot.relatedLocations?.map((l) => `${l.id} ${l.physicalLocation.artifactLocation.uri}:${l.physicalLocation.region.startLine}:${l.physicalLocation.region.startColumn}-${l.physicalLocation.region.endColumn}`),
        ['0 v2-shop/skill-package/interactionModels/custom/en-US.json:7:111-133', '1 v2-shop/skill-package/interactionModels/custom/en-US.json:7:135-155'],
      );
      assert.match(slot.relatedLocations![0].message.text, /my number is \{phone\}/);
      assert.equal(log.runs[0].results[2].relatedLocations, undefined, 'no empty relatedLocations array');
    });

    it('gives fixes whose replacements, applied to skill.json at their deletedRegion, produce the expected text', () => {
      const expected = v2FixOutputs();
      const fixes = log.runs[0].results.flatMap((r) => r.fixes ?? []);
      assert.deepEqual(fixes.map((f) => f.description.text).sort(), Object.keys(expected).sort());
      for (const fix of fixes) {
        assert.equal(fix.artifactChanges.length, 1);
        assert.deepEqual(applySarifFix(log, fix), { [V2_MANIFEST]: expected[fix.description.text] }, fix.description.text);
      }
      // an insertion has an empty deletedRegion; a replacement covers exactly the old value
      const https = fixes.find((f) => f.description.text === 'Use https for the privacy policy URL')!;
      assert.deepEqual(https.artifactChanges[0].replacements[0].deletedRegion, { startLine: 20, startColumn: 40, endLine: 20, endColumn: 74 });
      const add = fixes.find((f) => f.description.text === 'Add privacyPolicyUrl for de-DE')!;
      assert.deepEqual(add.artifactChanges[0].replacements[0].deletedRegion, { startLine: 20, startColumn: 76, endLine: 20, endColumn: 76 });
    });
  });

  it('the whole fixtures folder: every skill, the v1 fix applied through SARIF', () => {
    const log = validSarif(runCli(['.', '-f', 'sarif']).stdout);
    assert.deepEqual(log.runs[0].results.map((r) => resultLine(log, r, CLI_FIXTURES)), ALL_FINDINGS);
    const v1 = log.runs[0].results.find((r) => r.locations[0].physicalLocation.artifactLocation.uri === 'v1-skillmanifest/skill.json')!;
    assert.deepEqual(applySarifFix(log, v1.fixes![0]), { 'v1-skillmanifest/skill.json': v1SkillManifestFixOutput() });
  });

  it('an empty run is valid too, with all rules and no results', () => {
    const log = validSarif(runCli(['plain-clean', '-f', 'sarif']).stdout);
    assert.deepEqual(log.runs[0].results, []);
    assert.equal(log.runs[0].tool.driver.rules.length, RULES.length);
  });

  it('file names with spaces and # are percent-encoded and resolve back to the file', () => {
    const tmp = copyFixture('malformed');
    try {
      const dir = path.join(tmp, 'my skill #1');
      fs.renameSync(path.join(tmp, 'malformed'), dir);
      const log = validSarif(runCli(['.', '-f', 'sarif'], { cwd: tmp }).stdout);
      const loc = log.runs[0].results[0].locations[0].physicalLocation.artifactLocation;
      assert.equal(loc.uri, 'my%20skill%20%231/skill.json');
      assert.equal(fs.realpathSync(fileOf(log, loc)), fs.realpathSync(path.join(dir, 'skill.json')));
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('regions are in UTF-16 code units, as columnKind says: an emoji counts two', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-sarif-'));
    try {
      const line = '        "en-US": { "termsOfUseUrl": "https://shop.co.uk/🛒", "privacyPolicyUrl": "http://shop.co.uk/privacy" }';
      fs.writeFileSync(path.join(dir, 'skill.json'), `{\n  "manifest": {\n    "privacyAndCompliance": {\n      "locales": {\n${line}\n      }\n    },\n    "apis": { "custom": {} }\n  }\n}\n`);
      const log = validSarif(runCli(['.', '-f', 'sarif'], { cwd: dir }).stdout);
      const r = log.runs[0].results.find((x) => x.ruleId === 'invalid-privacy-policy-url')!;
      assert.deepEqual(r.locations[0].physicalLocation.region, { startLine: 5, startColumn: 82, endLine: 5, endColumn: 109 });
      assert.equal(log.runs[0].columnKind, 'utf16CodeUnits');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes valid SARIF with --output', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'spl-sarif-')), 'skill-privacy.sarif');
    try {
      const r = runCli(['v2-shop', '-f', 'sarif', '-o', out]);
      assert.equal(r.status, 1);
      assert.deepEqual(validSarif(fs.readFileSync(out, 'utf8')).runs[0].results.map((x) => x.ruleId), ['personal-data-slot', 'missing-privacy-policy', 'invalid-privacy-policy-url']);
    } finally {
      fs.rmSync(path.dirname(out), { recursive: true, force: true });
    }
  });
});
