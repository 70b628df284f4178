/**
 * The JSON Schemas in schemas/ are part of the product twice: the engine validates skill files
 * with them (manifest-schema, model-schema, .skillprivacyrc.json problems) and VS Code uses them
 * for completion and hovers through `contributes.jsonValidation`. These tests keep both working:
 * the files compile, ship in the .vsix, are found from the bundle, agree with the rule index and
 * the taxonomy, and accept every skill file in the repository.
 */
import { strict as assert } from 'assert';
import Ajv from 'ajv';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import picomatch from 'picomatch';
import { parseConfig } from '../server/src/engine/config';
import { parseJsonDocument } from '../server/src/engine/json/document';
import { SchemaName, packageRoot, validateDocument } from '../server/src/engine/json/schema';
import { RULES } from '../server/src/engine/rules';
import { PERMISSIONS } from '../server/src/engine/taxonomy';
import { positionOf } from './helpers/rule-tester';

const repo = path.resolve(__dirname, '..', '..');
const NAMES: SchemaName[] = ['skill-manifest', 'interaction-model', 'skillprivacyrc'];

function schema(name: SchemaName): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(repo, 'schemas', `${name}.schema.json`), 'utf8')) as Record<string, unknown>;
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? (e.name === 'node_modules' ? [] : walk(path.join(dir, e.name))) : [path.join(dir, e.name)]));
}

/** The schema-level problems of a text, as `line:column-endLine:endColumn keyword` strings. */
function problems(name: SchemaName, text: string): string[] {
  return validateDocument(name, parseJsonDocument(`/virtual/${name}/${Math.random()}.json`, text)).map((p) => {
    const r = positionOf(text, p.offset, p.length);
    return `${r.line}:${r.column}-${r.endLine}:${r.endColumn} ${p.keyword}`;
  });
}

describe('schemas', () => {
  for (const name of NAMES) {
    it(`${name}.schema.json is draft-07 and compiles with ajv (strict mode off), with a description on every property`, () => {
      const s = schema(name);
      assert.equal(s.$schema, 'http://json-schema.org/draft-07/schema#');
      const ajv = new Ajv({ strict: false, allErrors: true });
      assert.doesNotThrow(() => ajv.compile(s));
      // The engine compiles with `validateSchema: false` (json/schema.ts): this is where the files are held to the meta-schema.
      assert.equal(ajv.validateSchema(s), true, JSON.stringify(ajv.errors));
      // Hovers in VS Code show `description`: every named property should have one (or a $ref to a definition that has one).
      const missing: string[] = [];
      const defs = (s.definitions ?? {}) as Record<string, { description?: string }>;
      const visit = (node: unknown, at: string): void => {
        if (!node || typeof node !== 'object') return;
        const o = node as Record<string, unknown>;
        if (o.properties && typeof o.properties === 'object') {
          for (const [key, sub] of Object.entries(o.properties as Record<string, Record<string, unknown>>)) {
            const refName = typeof sub.$ref === 'string' ? sub.$ref.replace('#/definitions/', '') : undefined;
            if (!sub.description && !(refName && defs[refName]?.description)) missing.push(`${at}/${key}`);
          }
        }
        for (const [k, v] of Object.entries(o)) if (typeof v === 'object') visit(v, `${at}/${k}`);
      };
      visit(s, '');
      assert.deepEqual(missing, [], 'properties without a description');
    });
  }

  it('package.json jsonValidation points at files that exist, and .vscodeignore ships them in the .vsix', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as { contributes: { jsonValidation: Array<{ url: string; fileMatch: string[] }> } };
    const urls = pkg.contributes.jsonValidation.map((v) => v.url);
    assert.deepEqual(urls.map((u) => path.basename(u)).sort(), NAMES.map((n) => `${n}.schema.json`).sort());
    // vsce applies .vscodeignore like .gitignore: the last matching pattern wins, `!` re-includes.
    const patterns = fs
      .readFileSync(path.join(repo, '.vscodeignore'), 'utf8')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    const shipped = (rel: string): boolean => {
      let included = true;
      for (const p of patterns) {
        const negated = p.startsWith('!');
        if (picomatch(negated ? p.slice(1) : p, { dot: true })(rel)) included = negated;
      }
      return included;
    };
    assert.equal(shipped('node_modules/ajv/package.json'), false, 'the ignore check itself excludes what .vscodeignore excludes');
    for (const u of urls) {
      const rel = path.posix.normalize(u.replace(/^\.\//, ''));
      assert.ok(fs.existsSync(path.join(repo, rel)), `${u} exists`);
      assert.ok(shipped(rel), `${rel} is packaged (not excluded by .vscodeignore)`);
    }
    assert.ok(shipped('dist/server.js'), 'the bundled server that loads them is packaged too');
  });

  it('jsonValidation gives the model schema to locale-named models only, not to any JSON in a models/ folder', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as { contributes: { jsonValidation: Array<{ url: string; fileMatch: string[] }> } };
    const model = pkg.contributes.jsonValidation.find((v) => v.url.endsWith('interaction-model.schema.json'))!;
    const matches = (p: string): boolean => model.fileMatch.some((g) => picomatch(g, { dot: true })(p));
    assert.ok(matches('tide-times/models/en-GB.json'), 'ask-cli v1 model');
    assert.ok(matches('recipes/skill-package/interactionModels/custom/pt-BR.json'), 'ask-cli v2 model');
    assert.ok(!matches('webapp/src/models/user.json'), 'a web app model is not an interaction model');
  });

  it('packageRoot() finds schemas/ from out/, and the bundle in dist/ finds them too', () => {
    assert.equal(packageRoot(), repo);
    const script = "const r=require('./dist/cli.js').run(['examples/pizza-order','--format','json'],{cwd:process.cwd(),stdout:(s)=>process.stdout.write(s),stderr:(s)=>process.stderr.write(s),isTTY:false});process.exitCode=r;";
    const r = spawnSync(process.execPath, ['-e', script], { cwd: repo, encoding: 'utf8' });
    assert.equal(r.stderr, '', 'no internal error from the bundle');
    assert.equal(r.status, 1, 'the example has error-level findings, and nothing failed inside');
    const out = JSON.parse(r.stdout) as { findings: Array<{ ruleId: string }> };
    assert.ok(out.findings.length > 0);
  });

  it('.skillprivacyrc.json: every rule id of the index is a property of `rules` and allowed in `suppress[].rule`', () => {
    const s = schema('skillprivacyrc') as { properties: { rules: { properties: Record<string, { enum: string[] }> }; suppress: { items: { properties: { rule: { enum: string[] } } } } } };
    const ruleProps = s.properties.rules.properties;
    const suppressIds = s.properties.suppress.items.properties.rule.enum;
    for (const r of RULES) {
      assert.ok(ruleProps[r.meta.id], `rules.${r.meta.id} in the schema`);
      assert.deepEqual(ruleProps[r.meta.id].enum, ['error', 'warning', 'info', 'off']);
      assert.ok(suppressIds.includes(r.meta.id), `${r.meta.id} allowed in suppress[].rule`);
    }
    assert.deepEqual(Object.keys(ruleProps), [...Object.keys(ruleProps)].sort(), 'rule ids sorted, like the index');
  });

  it('skill-manifest: every permission the taxonomy knows is a permission name the schema accepts', () => {
    const s = schema('skill-manifest') as { definitions: { permission: { properties: { name: { enum: string[] } } } } };
    const allowed = s.definitions.permission.properties.name.enum;
    for (const p of PERMISSIONS) assert.ok(allowed.includes(p.manifest), `${p.manifest} accepted`);
  });

  it('accepts every skill.json and interaction model in the repository (example, fixtures)', () => {
    const files = [...walk(path.join(repo, 'examples')), ...walk(path.join(repo, 'test', 'fixtures'))];
    const manifests = files.filter((f) => path.basename(f) === 'skill.json');
    const models = files.filter((f) => /[/\\](models|interactionModels[/\\]custom)[/\\][a-z]{2}-[A-Z]{2}\.json$/.test(f));
    assert.ok(manifests.length >= 6 && models.length >= 16, `found ${manifests.length} manifests, ${models.length} models`);
    const bad: string[] = [];
    for (const f of manifests) for (const p of problems('skill-manifest', fs.readFileSync(f, 'utf8'))) bad.push(`${path.relative(repo, f)} ${p}`);
    for (const f of models) for (const p of problems('interaction-model', fs.readFileSync(f, 'utf8'))) bad.push(`${path.relative(repo, f)} ${p}`);
    assert.deepEqual(bad, []);
  });

  it('a misspelled enum of many values names the likely value, a short one lists all', () => {
    const text = '{ "manifest": { "permissions": [{ "name": "alexa::profile:emial:read" }], "events": { "subscriptions": [{ "eventName": "SKILL_ENABLED" }] }, "apis": { "custom": { "endpoint": { "sslCertificateType": "selfSigned" } } } } }';
    const ps = validateDocument('skill-manifest', parseJsonDocument('/virtual/m.json', text));
    assert.deepEqual(
      ps.map((p) => p.problem),
      [
        '`/manifest/permissions/0/name` must be one of the 41 values the schema allows (did you mean "alexa::profile:email:read"?)',
        '`/manifest/apis/custom/endpoint/sslCertificateType` must be one of "SelfSigned", "Wildcard", "Trusted"',
      ],
    );
  });
});

describe('.skillprivacyrc.json problems', () => {
  const file = '/virtual/project/.skillprivacyrc.json';

  it('reports unknown rule ids, bad severities and misspelled keys at their exact ranges; the valid parts still apply', () => {
    const text = `{
  "rules": { "permission-unused": "off", "free-form-capture": "warn", "no-such-rule": "error" },
  "ignore": ["lambda/generated/**"],
  "suppress": [{ "rule": "personal-data-slot", "file": "models/*.json", "pointr": "/a" }],
  "ignored": true
}
`;
    const cfg = parseConfig(file, text);
    const ps = cfg.problems().map((p) => {
      const r = positionOf(text, p.offset, p.length);
      return `${r.line}:${r.column}-${r.endLine}:${r.endColumn} ${p.keyword} ${p.problem}`;
    });
    assert.deepEqual(ps, [
      '2:63-2:69 enum `/rules/free-form-capture` must be one of "error", "warning", "info", "off"',
      '2:71-2:85 additionalProperties `/rules` has the unknown property `no-such-rule`',
      '4:73-4:81 additionalProperties `/suppress/0` has the unknown property `pointr`',
      '5:3-5:12 additionalProperties the file has the unknown property `ignored`',
    ]);
    assert.deepEqual(cfg.rules, { 'permission-unused': 'off', 'no-such-rule': 'error' });
    assert.equal(cfg.suppress.length, 1);
  });

  it('a valid file has no problems; a file that does not parse has none either (its syntax errors are in doc.errors)', () => {
    assert.deepEqual(parseConfig(file, '{ "$schema": "./schemas/skillprivacyrc.schema.json", "rules": { "voice-data-logged": "info" }, "suppress": [{ "rule": "free-form-capture", "file": "a.json", "pointer": "/x", "reason": "notes app" }] }').problems(), []);
    const broken = parseConfig(file, '{ "rules": { "voice-data-logged": 3, }');
    assert.deepEqual(broken.problems(), []);
    assert.ok(broken.doc && broken.doc.errors.length > 0);
  });
});
