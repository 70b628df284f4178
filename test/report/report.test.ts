/**
 * The privacy report: its inventory (what is collected, where it goes, permissions, policy links)
 * asserted item by item, the Markdown kept as a snapshot, and the CLI `report` command.
 * `UPDATE_SNAPSHOTS=1 npm test` rewrites the snapshot after a deliberate change; review the diff.
 */
import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DiskFileHost, discoverSkills, privacyReport } from '../../server/src/engine';

const repo = path.resolve(__dirname, '..', '..', '..');
const fixture = path.join(repo, 'test', 'fixtures', 'report', 'trip-planner');
const snapshot = path.join(repo, 'test', 'report', 'trip-planner.report.md');
const cli = path.join(repo, 'server', 'bin', 'skill-privacy-lint.js');

function report() {
  const host = new DiskFileHost();
  const [project] = discoverSkills(fixture, host);
  assert.ok(project, 'the fixture is a skill');
  return privacyReport(project, host);
}

const rel = (file: string) => path.relative(fixture, file).split(path.sep).join('/');

describe('privacy report', () => {
  it('inventories what the skill collects, by voice, by permission and in code', () => {
    const { inventory } = report();
    assert.equal(inventory.name, 'Trip Planner');
    assert.deepEqual(inventory.locales, ['en-GB', 'it-IT']);
    assert.deepEqual(
      inventory.collected.map((c) => `${c.how} ${c.category} ${rel(c.where.file)}:${c.where.line}`),
      [
        'voice name skill-package/interactionModels/custom/en-GB.json:15',
        'voice name skill-package/interactionModels/custom/it-IT.json:15',
        'permission phone skill-package/skill.json:25',
        'code phone lambda/index.js:23',
        'permission location skill-package/skill.json:24',
      ],
    );
  });

  it('follows the data to logs and third parties, with the place of each', () => {
    const { inventory } = report();
    assert.deepEqual(inventory.logs.map((f) => `${f.category} ${f.sink} ${rel(f.where.file)}:${f.where.line}`), ['name `console.log` lambda/index.js:14']);
    assert.deepEqual(inventory.thirdParties.map((f) => `${f.category} ${f.destination} ${rel(f.where.file)}:${f.where.line}`), ['phone Twilio lambda/sms.js:6']);
    assert.deepEqual(inventory.storage, []);
    assert.equal(inventory.writes, 0);
  });

  it('lists declared permissions with what they give, and each locale’s policy link', () => {
    const { inventory } = report();
    assert.deepEqual(
      inventory.permissions.map((p) => `${p.name} declared=${p.declared} ${p.problem ?? 'used'}`),
      ['alexa::profile:mobile_number:read declared=true used', 'alexa:devices:all:address:country_and_postal_code:read declared=true unused'],
    );
    assert.deepEqual(inventory.policies.map((p) => `${p.locale} ${p.url} ${p.problem ?? 'ok'}`), ['en-GB https://tripplanner.travel/privacy ok', 'it-IT https://tripplanner.travel/it/privacy ok']);
  });

  it('counts the findings of the same run by rule', () => {
    const { inventory, findings } = report();
    assert.equal(inventory.findings.reduce((n, f) => n + f.count, 0), findings.length);
  });

  it('renders the Markdown report (snapshot)', () => {
    const { markdown } = report();
    if (process.env.UPDATE_SNAPSHOTS) fs.writeFileSync(snapshot, markdown);
    assert.ok(fs.existsSync(snapshot), `no snapshot ${path.relative(repo, snapshot)}; run UPDATE_SNAPSHOTS=1 npm test and review it`);
    assert.equal(markdown, fs.readFileSync(snapshot, 'utf8'));
  });

  describe('skill-privacy-lint report', () => {
    const runCli = (args: string[], cwd = repo) => spawnSync(process.execPath, [cli, 'report', ...args], { cwd, encoding: 'utf8' });

    it('prints the report of every skill under the path, paths relative to the current folder', () => {
      const r = runCli([path.relative(repo, fixture)]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^# Privacy report: Trip Planner\n/);
      assert.match(r.stdout, /`test\/fixtures\/report\/trip-planner\/lambda\/sms\.js:6`/);
      assert.match(r.stdout, /## Draft: what your privacy policy needs to say/);
    });

    it('writes the report to --output', () => {
      const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'spl-report-')), 'nested', 'privacy.md');
      const r = runCli([fixture, '--output', out]);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, '');
      assert.match(fs.readFileSync(out, 'utf8'), /^# Privacy report: Trip Planner/);
    });

    it('exits 2 with a clear message for bad usage, a missing path or no skill', () => {
      const bad = runCli(['--format', 'sarif']);
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /Unknown option '--format'/);
      const missing = runCli(['no/such/folder']);
      assert.equal(missing.status, 2);
      assert.match(missing.stderr, /no\/such\/folder: no such file or folder/);
      const empty = runCli([fs.mkdtempSync(path.join(os.tmpdir(), 'spl-empty-'))]);
      assert.equal(empty.status, 2);
      assert.match(empty.stderr, /no Alexa skill project found/);
    });

    it('prints its help', () => {
      const r = runCli(['--help']);
      assert.equal(r.status, 0);
      assert.match(r.stdout, /Usage: skill-privacy-lint report/);
    });
  });
});
