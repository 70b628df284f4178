/**
 * The permission and consent rules on the fixture skills under test/fixtures/consent: ask-sdk v2
 * in JavaScript (ask-cli-less layout) and TypeScript (ask-cli v2), alexa-sdk v1 (ask-cli v1), each
 * with helpers in another module. Every finding of the three rules, exactly.
 */
import { strict as assert } from 'assert';
import * as path from 'path';
import { emptyConfig } from '../../server/src/engine/config';
import { DiskFileHost } from '../../server/src/engine/host';
import { lintSkill } from '../../server/src/engine/linter';
import { discoverSkills } from '../../server/src/engine/project/discover';
import consentNotChecked from '../../server/src/engine/rules/consent-not-checked';
import permissionNotDeclared from '../../server/src/engine/rules/permission-not-declared';
import permissionUnused from '../../server/src/engine/rules/permission-unused';
import { loadSkill } from '../../server/src/engine/skill';
import { positionOf } from '../helpers/rule-tester';
import * as fs from 'fs';

const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'consent');

function findings(name: string): string[] {
  const root = path.join(FIXTURES, name);
  const host = new DiskFileHost();
  const skills = discoverSkills(root, host);
  assert.equal(skills.length, 1, `${name} is one skill`);
  return lintSkill(loadSkill(skills[0], host), { rules: [consentNotChecked, permissionNotDeclared, permissionUnused], config: emptyConfig() }).map((f) => {
    const p = positionOf(fs.readFileSync(f.file, 'utf8'), f.offset, f.length);
    const fixes = f.fixes.map((x) => `${x.id}[${[...new Set(x.edits.map((e) => path.relative(root, e.file)))].join(',')}]`).join(' ');
    return `${f.ruleId} ${path.relative(root, f.file)}:${p.line}:${p.column}-${p.endLine}:${p.endColumn} ${f.data.permission ?? f.data.scope} ${fixes}`;
  });
}

describe('permission and consent rules on the consent fixtures', () => {
  it('v2-js: ask-sdk v2 JavaScript, an address helper in helpers.js', () => {
    assert.deepEqual(findings('v2-js'), [
      'consent-not-checked lambda/helpers.js:6:10-6:41 alexa::devices:all:address:full:read check-consent[lambda/index.js,skill.json]',
      'permission-not-declared lambda/helpers.js:6:10-6:41 alexa::devices:all:address:full:read add-permission[skill.json]',
      'consent-not-checked lambda/index.js:30:25-30:52 alexa::profile:email:read check-consent[lambda/index.js]',
      'consent-not-checked lambda/index.js:52:17-52:65 alexa::devices:all:geolocation:read check-consent[lambda/index.js]',
      'permission-unused skill.json:10:17-10:52 alexa::profile:mobile_number:read remove-permission[skill.json]',
    ]);
  });

  it('v2-ts: ask-sdk v2 TypeScript (ask-cli v2, tabs, double quotes), REST and client helpers in profile.ts', () => {
    assert.deepEqual(findings('v2-ts'), [
      'consent-not-checked lambda/src/index.ts:38:9-43:5 alexa::alerts:reminders:skill:readwrite check-consent[lambda/src/index.ts]',
      'consent-not-checked lambda/src/profile.ts:6:20-8:4 alexa:devices:all:address:country_and_postal_code:read check-consent[lambda/src/index.ts,skill-package/skill.json]',
      'permission-not-declared lambda/src/profile.ts:6:20-8:4 alexa:devices:all:address:country_and_postal_code:read add-permission[skill-package/skill.json]',
      // Reached only from TextMeIntent, which catches the 403 and asks with a card: consent is handled.
      'permission-not-declared lambda/src/profile.ts:14:22-14:76 alexa::profile:mobile_number:read add-permission[skill-package/skill.json]',
    ]);
  });

  it('v1-js: alexa-sdk v1 (ask-cli v1), the lists read behind a permissions check, the postal code without', () => {
    assert.deepEqual(findings('v1-js'), [
      'consent-not-checked lambda/custom/index.js:11:9-11:103 alexa:devices:all:address:country_and_postal_code:read check-consent[lambda/custom/index.js,skill.json]',
      'permission-not-declared lambda/custom/index.js:11:9-11:103 alexa:devices:all:address:country_and_postal_code:read add-permission[skill.json]',
      'permission-unused skill.json:9:17-9:47 alexa::household:lists:write remove-permission[skill.json]',
    ]);
  });
});
