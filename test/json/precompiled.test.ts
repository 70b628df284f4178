/**
 * The schemas' validators compiled by the build (json/precompiled.ts, scripts/schema-validators.mjs):
 * each accepts and reports exactly what ajv's compile of the same schema does, on the repository's
 * skill files and on thousands of changed copies of them; a module is used only for the schema
 * text, ajv and options it was made from; and the CLI's report is the same with and without them.
 */
import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ValidateFunction } from 'ajv';
import { AJV_OPTIONS, SCHEMA_NAMES, SchemaName, createAjv, schemaText, writeSchemaValidators } from '../../server/src/engine/json/schema';
import { loadPrecompiled } from '../../server/src/engine/json/precompiled';
import { CLI_FIXTURES, REPO, runCli } from '../helpers/cli';
import { Random } from '../robustness/support';

/** Config files: the repository has none on disk (the tests write theirs). */
const CONFIGS: unknown[] = [
  { rules: { 'permission-unused': 'off', 'personal-data-slot': 'error' }, ignore: ['lambda/generated/**'] },
  { $schema: './node_modules/skill-privacy-lint/schemas/skillprivacyrc.schema.json', suppress: [{ rule: 'free-form-capture', file: 'skill-package/**', reason: 'notes are the point of the skill' }] },
];

/** The repository's files each schema is for: manifests and models of the fixtures and examples, and config files. */
function samples(name: SchemaName): unknown[] {
  if (name === 'skillprivacyrc') return CONFIGS;
  const out: unknown[] = [];
  const fits = (file: string): boolean => (name === 'skill-manifest' ? path.basename(file) === 'skill.json' : /[/\\](models|custom)[/\\][a-z]{2,3}-[A-Z]{2}\.json$/.test(file));
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') walk(p);
      } else if (fits(p)) {
        try {
          out.push(JSON.parse(fs.readFileSync(p, 'utf8')));
        } catch {
          // Fixtures of broken JSON are parse-error's; a validator only ever sees parsed values.
        }
      }
    }
  };
  for (const d of ['test/fixtures', 'examples']) walk(path.join(REPO, d));
  return out;
}

const REPLACEMENTS: unknown[] = ['', 'x', 'HIGH', 'PlainText', 'https://example.com/privacy', 0, -1, 1.5, true, false, null, [], [''], {}, { name: 'x' }];

/** A copy of `value` with one change somewhere inside it: a property removed, added or replaced, an item replaced. */
function mutate(r: Random, value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(value)) as unknown;
  const containers: Array<Record<string, unknown> | unknown[]> = [];
  const walk = (v: unknown): void => {
    if (v && typeof v === 'object') {
      containers.push(v as Record<string, unknown> | unknown[]);
      for (const x of Object.values(v)) walk(x);
    }
  };
  walk(copy);
  if (containers.length === 0) return r.pick(REPLACEMENTS);
  const c = r.pick(containers);
  const keys = Object.keys(c);
  const key = Array.isArray(c) ? r.int(c.length + 1) : r.chance(0.2) ? r.pick(['unknownProperty', 'name', 'type', 'id', 'value', 'samples']) : keys.length ? r.pick(keys) : 'name';
  if (!Array.isArray(c) && r.chance(0.3)) delete c[key as string];
  else (c as Record<string | number, unknown>)[key] = r.pick(REPLACEMENTS);
  return copy;
}

/** What a validator says of a value: its verdict and its errors, all of their fields. */
function verdict(validate: ValidateFunction, value: unknown): unknown {
  const ok = validate(value);
  return { ok, errors: validate.errors ?? null };
}

describe('json/precompiled: the schemas compiled by the build', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-validators-'));
    assert.equal(writeSchemaValidators(dir).length, SCHEMA_NAMES.length);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const name of SCHEMA_NAMES) {
    it(`${name}: the same verdict and errors as ajv's compile, on the repository's files and 3,000 changed copies`, () => {
      const built = loadPrecompiled(dir, name, schemaText(name), AJV_OPTIONS);
      assert.ok(built, 'the build wrote a validator for this schema');
      const compiled = createAjv(AJV_OPTIONS).compile(JSON.parse(schemaText(name)) as object);
      const values = samples(name);
      assert.ok(values.length > 0, 'samples to validate');
      const r = new Random(20261202);
      let invalid = 0;
      for (let i = 0; i < 3000 + values.length; i++) {
        const base = values[i % values.length];
        const value = i < values.length ? base : mutate(r, base);
        const expected = verdict(compiled, value);
        assert.deepEqual(verdict(built, value), expected, JSON.stringify(value).slice(0, 300));
        if (!(expected as { ok: boolean }).ok) invalid++;
      }
      // Both verdicts are exercised: the changed copies break the schema often, not always.
      assert.ok(invalid > 300 && invalid < 3000 + values.length, `${invalid} invalid`);
    });
  }

  it('is used only for the schema text, ajv options and file it was made from', () => {
    const name: SchemaName = 'skill-manifest';
    const text = schemaText(name);
    assert.ok(loadPrecompiled(dir, name, text, AJV_OPTIONS));
    assert.equal(loadPrecompiled(dir, name, text.replace('"description"', '"title"'), AJV_OPTIONS), undefined, 'a changed schema');
    assert.equal(loadPrecompiled(dir, name, text, { ...AJV_OPTIONS, allErrors: false }), undefined, 'other options');
    assert.equal(loadPrecompiled(dir, 'interaction-model', text, AJV_OPTIONS), undefined, "another schema's name");
    assert.equal(loadPrecompiled(path.join(dir, 'missing'), name, text, AJV_OPTIONS), undefined, 'no cache folder');
  });

  it('a broken module is not used; the CLI gives the same report with the validators, without them and with broken ones, and writes none', () => {
    const lint = (env: Record<string, string | undefined>) => runCli([CLI_FIXTURES, '--format', 'json'], { cwd: CLI_FIXTURES, env });
    const plain = lint({ SKILL_PRIVACY_LINT_NO_CODE_CACHE: '1', SKILL_PRIVACY_LINT_CODE_CACHE_DIR: dir });
    assert.ok((JSON.parse(plain.stdout) as { findings: unknown[] }).findings.length > 5);
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-validators-none-'));
    try {
      const none = lint({ SKILL_PRIVACY_LINT_CODE_CACHE_DIR: empty });
      assert.equal(none.stdout, plain.stdout);
      assert.deepEqual(fs.readdirSync(empty), [], 'a lint run writes no validator');
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
    const used = lint({ SKILL_PRIVACY_LINT_CODE_CACHE_DIR: dir });
    assert.equal(used.stdout, plain.stdout);
    assert.equal(used.status, plain.status);
    // A folder of its own: this process has loaded the modules of `dir` already (require keeps them).
    const bad = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-validators-bad-'));
    try {
      const files = writeSchemaValidators(bad);
      fs.writeFileSync(files[0], 'throw new Error("broken");');
      fs.writeFileSync(files[1], 'module.exports = 1;');
      fs.writeFileSync(files[2], 'module.exports = () => ({});');
      for (const name of SCHEMA_NAMES) assert.equal(loadPrecompiled(bad, name, schemaText(name), AJV_OPTIONS), undefined, name);
      const broken = lint({ SKILL_PRIVACY_LINT_CODE_CACHE_DIR: bad });
      assert.equal(broken.stdout, plain.stdout);
      assert.equal(broken.stderr, plain.stderr);
    } finally {
      fs.rmSync(bad, { recursive: true, force: true });
    }
  });

  it('the build step writes them into the cache folder it is given', () => {
    const target = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-validators-build-'));
    try {
      const r = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'schema-validators.mjs')], { env: { ...process.env, SKILL_PRIVACY_LINT_CODE_CACHE_DIR: target }, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(fs.readdirSync(target).map((f) => f.replace(/-[0-9a-f]{20}\.js$/, '')).sort(), SCHEMA_NAMES.map((n) => `validator-${n}`).sort(), r.stdout);
      for (const name of SCHEMA_NAMES) assert.ok(loadPrecompiled(target, name, schemaText(name), AJV_OPTIONS), name);
    } finally {
      fs.rmSync(target, { recursive: true, force: true });
    }
  });
});
