/**
 * What the CLI must report on the fixtures in test/fixtures/cli, shared by the format tests: each
 * finding as `ruleId severity file:line:column-endLine:endColumn` (paths relative to that folder),
 * and the full text of skill.json after each fix.
 */
import { readFixture } from '../helpers/cli';

export const V2_MANIFEST = 'v2-shop/skill-package/skill.json';
export const V2_MODEL_EN = 'v2-shop/skill-package/interactionModels/custom/en-US.json';

export const V2_FINDINGS = [
  `personal-data-slot warning ${V2_MODEL_EN}:7:57-7:64`,
  `missing-privacy-policy error ${V2_MANIFEST}:19:7-19:16`,
  `invalid-privacy-policy-url error ${V2_MANIFEST}:20:40-20:74`,
];

export const V1_MANIFEST_FINDINGS = ['parse-error error v1-manifest/lambda/custom/index.js:5:39-5:40'];
export const V1_SKILLMANIFEST_FINDINGS = ['missing-privacy-policy error v1-skillmanifest/skill.json:13:5-13:27'];
export const MALFORMED_FINDINGS = ['parse-error error malformed/skill.json:7:7-7:29'];
export const MULTI_FINDINGS = ['personal-data-slot warning multi/alpha/interactionModels/custom/it-IT.json:7:53-7:59'];

/** Every skill under test/fixtures/cli, in the CLI's order (by file path). */
export const ALL_FINDINGS = [...MALFORMED_FINDINGS, ...MULTI_FINDINGS, ...V1_MANIFEST_FINDINGS, ...V1_SKILLMANIFEST_FINDINGS, ...V2_FINDINGS];

const replaceOnce = (text: string, from: string, to: string): string => {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`expected exactly one ${JSON.stringify(from)}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
};

/** skill.json of v2-shop after each of its fixes, by fix title. */
export function v2FixOutputs(): Record<string, string> {
  const text = readFixture(V2_MANIFEST);
  return {
    // Since the consent-prompt fix (lifecycle/consent) the title also says where to ask for consent.
    "Use the permission for the customer's phone number (alexa::profile:mobile_number:read) instead; then ask for consent in the CallBackIntent handler (snippet \"Alexa: ask for permission with a consent card\", prefix alexa-consent)": replaceOnce(
      text,
      '    "manifestVersion": "1.0"\n',
      '    "manifestVersion": "1.0",\n    "permissions": [\n      {\n        "name": "alexa::profile:mobile_number:read"\n      }\n    ]\n',
    ),
    'Add privacyPolicyUrl for de-DE': replaceOnce(
      text,
      '"en-US": { "privacyPolicyUrl": "http://corner-shop.co.uk/privacy" }\n',
      '"en-US": { "privacyPolicyUrl": "http://corner-shop.co.uk/privacy" },\n        "de-DE": {\n          "privacyPolicyUrl": "https://example.com/privacy-policy"\n        }\n',
    ),
    'Use https for the privacy policy URL': replaceOnce(text, '"http://corner-shop.co.uk/privacy"', '"https://corner-shop.co.uk/privacy"'),
  };
}

/** skill.json of v1-skillmanifest after its fix. */
export function v1SkillManifestFixOutput(): string {
  return replaceOnce(
    readFixture('v1-skillmanifest/skill.json'),
    '      "containsAds": false\n',
    '      "containsAds": false,\n      "locales": {\n        "en-US": {\n          "privacyPolicyUrl": "https://example.com/privacy-policy"\n        }\n      }\n',
  );
}
