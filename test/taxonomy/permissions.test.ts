/**
 * The permission table against Amazon's documentation: the manifest names of skill.json
 * `permissions[].name` (skill manifest reference, Customer/Person Profile, Device Address, Location
 * Services, Lists, Reminders, Timers, Proactive Events, Amazon Pay) and the scopes a consent card
 * asks for (`withAskForPermissionsConsentCard`). The two differ for the address and the lists.
 */
import { strict as assert } from 'assert';
import { PERMISSIONS, permissionByCardScope, permissionByManifestName, permissionForCategory } from '../../server/src/engine/taxonomy/permissions';

const DOCUMENTED: Array<[manifest: string, card: string]> = [
  // Customer Profile REST API reference; ask-sdk-model UpsServiceClient ("Requires customer consent for scopes").
  ['alexa::profile:name:read', 'alexa::profile:name:read'],
  ['alexa::profile:given_name:read', 'alexa::profile:given_name:read'],
  ['alexa::profile:email:read', 'alexa::profile:email:read'],
  ['alexa::profile:mobile_number:read', 'alexa::profile:mobile_number:read'],
  // Device Address: manifest names vs the permissions card.
  ['alexa::devices:all:address:full:read', 'read::alexa:device:all:address'],
  ['alexa:devices:all:address:country_and_postal_code:read', 'read::alexa:device:all:address:country_and_postal_code'],
  // Location Services (the scope is also the key of `permissions.scopes`).
  ['alexa::devices:all:geolocation:read', 'alexa::devices:all:geolocation:read'],
  // Person Profile API: voice ID.
  ['alexa::person_id:read', 'alexa::person_id:read'],
  // Lists: manifest names vs card scopes.
  ['alexa::household:lists:read', 'read::alexa:household:list'],
  ['alexa::household:lists:write', 'write::alexa:household:list'],
  ['alexa::alerts:reminders:skill:readwrite', 'alexa::alerts:reminders:skill:readwrite'],
  ['alexa::alerts:timers:skill:readwrite', 'alexa::alerts:timers:skill:readwrite'],
  ['alexa::devices:all:notifications:write', 'alexa::devices:all:notifications:write'],
  ['payments:autopay_consent', 'payments:autopay_consent'],
];

describe('permission table', () => {
  it('holds exactly the documented manifest names and card scopes', () => {
    assert.deepEqual(
      PERMISSIONS.map((p) => [p.manifest, p.card]),
      DOCUMENTED,
    );
  });

  it('keeps the one-colon postal-code name and the address card scopes distinct from the manifest names', () => {
    const postal = permissionForCategory('location')!;
    assert.equal(postal.manifest, 'alexa:devices:all:address:country_and_postal_code:read');
    assert.equal(permissionByManifestName('alexa::devices:all:address:country_and_postal_code:read'), undefined, 'the two-colon spelling is not a permission');
    assert.equal(permissionByCardScope('read::alexa:device:all:address')!.manifest, 'alexa::devices:all:address:full:read');
    assert.equal(permissionByManifestName('read::alexa:device:all:address'), undefined, 'a card scope is not a manifest name');
  });

  it('has a label and a spoken form for every permission that a consent prompt can say', () => {
    for (const p of PERMISSIONS) {
      assert.ok(p.label.length > 3, p.manifest);
      assert.ok(p.spoken.length > 3 && !/['"\\]/.test(p.spoken), `${p.manifest}: spoken form goes inside a quoted string`);
    }
    assert.equal(permissionByManifestName('alexa::profile:email:read')!.spoken, 'your e-mail address');
  });
});
