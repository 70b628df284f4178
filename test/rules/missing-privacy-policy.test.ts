import rule, { PLACEHOLDER_POLICY_URL } from '../../server/src/engine/rules/missing-privacy-policy';
import { RuleTester } from '../helpers/rule-tester';

const model = (slot: string, type: string, sample: string): string => `{
  "interactionModel": {
    "languageModel": {
      "invocationName": "corner shop",
      "intents": [
        { "name": "AIntent", "slots": [{ "name": "${slot}", "type": "${type}" }], "samples": ["${sample}"] }
      ]
    }
  }
}
`;
const phoneEn = model('phone', 'AMAZON.PhoneNumber', 'my number is {phone}');
const phoneDe = model('nummer', 'AMAZON.PhoneNumber', 'meine nummer ist {nummer}');
const colorEn = model('color', 'ColorType', 'my favourite colour is {color}');
const en = 'interactionModels/custom/en-US.json';
const de = 'interactionModels/custom/de-DE.json';
const url = PLACEHOLDER_POLICY_URL;

const bothPolicies = `{
  "manifest": {
    "publishingInformation": {
      "locales": { "en-US": { "name": "Corner Shop" }, "en-GB": { "name": "Corner Shop" } }
    },
    "privacyAndCompliance": {
      "usesPersonalInfo": true,
      "locales": {
        "en-US": { "privacyPolicyUrl": "https://corner-shop.co.uk/privacy" },
        "en-GB": { "privacyPolicyUrl": "" }
      }
    },
    "apis": { "custom": {} }
  }
}
`;

/** en-US has a policy, de-DE has an entry without one, fr-FR has no entry at all. */
const threeLocales = `{
  "manifest": {
    "publishingInformation": {
      "locales": { "en-US": { "name": "Corner Shop" }, "de-DE": { "name": "Eckladen" }, "fr-FR": { "name": "Boutique" } }
    },
    "privacyAndCompliance": {
      "usesPersonalInfo": true,
      "locales": {
        "en-US": { "privacyPolicyUrl": "https://corner-shop.co.uk/privacy" },
        "de-DE": { "termsOfUseUrl": "https://corner-shop.co.uk/agb" }
      }
    },
    "apis": { "custom": {} }
  }
}
`;

const permissionsAndLinking = `{
  "manifest": {
    "permissions": [{ "name": "alexa::profile:email:read" }, { "name": "alexa::devices:all:address:full:read" }],
    "accountLinking": { "type": "AUTH_CODE" },
    "apis": { "custom": {} }
  }
}
`;

const sixPermissions = `{
  "manifest": {
    "publishingInformation": { "locales": { "en-US": { "name": "Corner Shop" } } },
    "permissions": [
      { "name": "alexa::profile:email:read" },
      { "name": "alexa::profile:mobile_number:read" },
      { "name": "alexa::profile:name:read" },
      { "name": "alexa::devices:all:address:full:read" },
      { "name": "alexa::devices:all:geolocation:read" },
      { "name": "alexa::profile:given_name:read" }
    ],
    "apis": { "custom": {} }
  }
}
`;

const v1Manifest = `{
  "skillManifest": {
    "permissions": [{ "name": "alexa::profile:email:read" }],
    "apis": { "custom": { "endpoint": { "sourceDir": "lambda/custom" } } }
  }
}
`;
const v1Files = { '.ask/config': '{ "deploy_settings": { "default": { "skill_id": "" } } }\n', 'skill.json': v1Manifest, 'models/en-US.json': colorEn, 'models/en-IN.json': colorEn };

RuleTester.run(rule, {
  valid: [
    {
      name: 'every locale has a privacy policy URL',
      files: { 'skill.json': bothPolicies.replace('"privacyPolicyUrl": ""', '"privacyPolicyUrl": "https://corner-shop.co.uk/privacy-gb"'), [en]: phoneEn },
    },
    {
      name: 'no personal data is collected (a colour slot, no permissions, no account linking): no policy needed',
      files: { 'skill.json': '{\n  "manifest": {\n    "publishingInformation": { "locales": { "en-US": { "name": "Corner Shop" } } },\n    "apis": { "custom": {} }\n  }\n}\n', [en]: colorEn },
    },
    {
      name: 'a placeholder or http URL is present: that is invalid-privacy-policy-url\'s concern, not this rule\'s',
      files: { 'skill.json': bothPolicies.replace('"privacyPolicyUrl": ""', '"privacyPolicyUrl": "http://example.com/TODO"'), [en]: phoneEn },
    },
    {
      name: 'a skill.json that does not parse is left to parse-error',
      files: { 'skill.json': permissionsAndLinking.replace('"apis"', '"apis" "x"'), [en]: phoneEn },
    },
  ],
  invalid: [
    {
      name: 'an empty privacyPolicyUrl in en-GB: the finding is on the empty string, the fix fills it in',
      files: { 'skill.json': bothPolicies, [en]: phoneEn },
      errors: [
        {
          messageId: 'empty',
          file: 'skill.json',
          line: 10,
          column: 40,
          endLine: 10,
          endColumn: 42,
          data: { locale: 'en-GB', evidence: 'slot `phone` of type AMAZON.PhoneNumber in en-US' },
          related: [`${en}:6:50`],
        },
      ],
      fixes: [{ fixId: 'add-privacy-policy-url', output: { 'skill.json': bothPolicies.replace('"privacyPolicyUrl": ""', `"privacyPolicyUrl": "${url}"`) } }],
    },
    {
      name: 'two locales lack a policy: one finding each, a fix for each and a fix for all; a one-line entry stays on one line',
      files: { 'skill.json': threeLocales, [de]: phoneDe },
      errors: [
        // fr-FR has no entry: the finding is on the `locales` key where it would go
        { messageId: 'missing', file: 'skill.json', line: 8, column: 7, endLine: 8, endColumn: 16, data: { locale: 'fr-FR' }, related: [`${de}:6:50`] },
        // de-DE has an entry without the URL: the finding is on its key
        { messageId: 'missing', file: 'skill.json', line: 10, column: 9, endLine: 10, endColumn: 16, data: { locale: 'de-DE' }, messageIncludes: 'Add `privacyAndCompliance.locales.de-DE.privacyPolicyUrl`' },
      ],
      fixes: [
        {
          finding: 0,
          fixId: 'add-privacy-policy-url',
          output: {
            'skill.json': threeLocales.replace(
              '"termsOfUseUrl": "https://corner-shop.co.uk/agb" }\n',
              `"termsOfUseUrl": "https://corner-shop.co.uk/agb" },\n        "fr-FR": {\n          "privacyPolicyUrl": "${url}"\n        }\n`,
            ),
          },
        },
        {
          finding: 1,
          fixId: 'add-privacy-policy-url',
          output: { 'skill.json': threeLocales.replace('"termsOfUseUrl": "https://corner-shop.co.uk/agb" }', `"termsOfUseUrl": "https://corner-shop.co.uk/agb", "privacyPolicyUrl": "${url}" }`) },
        },
        {
          finding: 1,
          fixId: 'add-privacy-policy-url-all',
          output: {
            'skill.json': threeLocales.replace(
              '"termsOfUseUrl": "https://corner-shop.co.uk/agb" }\n',
              `"termsOfUseUrl": "https://corner-shop.co.uk/agb", "privacyPolicyUrl": "${url}" },\n        "fr-FR": {\n          "privacyPolicyUrl": "${url}"\n        }\n`,
            ),
          },
        },
      ],
    },
    {
      name: 'evidence from permissions and account linking; no privacyAndCompliance block: it is created, the neighbours keep their layout',
      files: { 'skill.json': permissionsAndLinking, [en]: colorEn },
      errors: [
        {
          messageId: 'missing',
          file: 'skill.json',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 13,
          data: {
            locale: 'en-US',
            evidence: "permission `alexa::profile:email:read` (the customer's e-mail address); permission `alexa::devices:all:address:full:read` (the device's full address); account linking",
          },
          related: ['skill.json:3:31', 'skill.json:3:72', 'skill.json:4:5'],
        },
      ],
      fixes: [
        {
          fixId: 'add-privacy-policy-url',
          output: {
            'skill.json': permissionsAndLinking.replace(
              '"apis": { "custom": {} }\n',
              `"apis": { "custom": {} },\n    "privacyAndCompliance": {\n      "locales": {\n        "en-US": {\n          "privacyPolicyUrl": "${url}"\n        }\n      }\n    }\n`,
            ),
          },
        },
      ],
    },
    {
      name: 'account linking under apis.custom counts as evidence too',
      files: { 'skill.json': '{\n  "manifest": {\n    "publishingInformation": { "locales": { "it-IT": { "name": "Bottega" } } },\n    "apis": { "custom": { "accountLinking": {} } }\n  }\n}\n' },
      errors: [{ messageId: 'missing', file: 'skill.json', line: 2, column: 3, endLine: 2, endColumn: 13, data: { locale: 'it-IT', evidence: 'account linking' }, related: ['skill.json:4:27'] }],
    },
    {
      name: 'more than three pieces of evidence are summarised, at most five related locations',
      files: { 'skill.json': sixPermissions },
      errors: [
        {
          messageId: 'missing',
          file: 'skill.json',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 13,
          messageIncludes: "permission `alexa::profile:name:read` (the customer's full name); and 3 more)",
          related: ['skill.json:5:17', 'skill.json:6:17', 'skill.json:7:17', 'skill.json:8:17', 'skill.json:9:17'],
        },
      ],
    },
    {
      name: 'tabs: the inserted locales block is indented with tabs, into an existing privacyAndCompliance (v1 models/, skillManifest)',
      files: {
        'skill.json': '{\n\t"skillManifest": {\n\t\t"publishingInformation": {\n\t\t\t"locales": { "fr-FR": { "name": "Boutique" } }\n\t\t},\n\t\t"privacyAndCompliance": {\n\t\t\t"usesPersonalInfo": true\n\t\t}\n\t}\n}\n',
        'models/fr-FR.json': model('telephone', 'AMAZON.PhoneNumber', 'mon numéro est {telephone}'),
      },
      errors: [{ messageId: 'missing', file: 'skill.json', line: 6, column: 3, endLine: 6, endColumn: 25, data: { locale: 'fr-FR' }, related: ['models/fr-FR.json:6:50'] }],
      fixes: [
        {
          fixId: 'add-privacy-policy-url',
          output: {
            'skill.json': `{\n\t"skillManifest": {\n\t\t"publishingInformation": {\n\t\t\t"locales": { "fr-FR": { "name": "Boutique" } }\n\t\t},\n\t\t"privacyAndCompliance": {\n\t\t\t"usesPersonalInfo": true,\n\t\t\t"locales": {\n\t\t\t\t"fr-FR": {\n\t\t\t\t\t"privacyPolicyUrl": "${url}"\n\t\t\t\t}\n\t\t\t}\n\t\t}\n\t}\n}\n`,
          },
        },
      ],
    },
    {
      name: 'four-space indent and CRLF line endings are kept',
      files: { 'skill.json': '{\r\n    "manifest": {\r\n        "publishingInformation": { "locales": { "it-IT": { "name": "Bottega" } } },\r\n        "accountLinking": { "type": "AUTH_CODE" }\r\n    }\r\n}\r\n' },
      errors: [{ messageId: 'missing', file: 'skill.json', line: 2, column: 5, endLine: 2, endColumn: 15, related: ['skill.json:4:9'] }],
      fixes: [
        {
          fixId: 'add-privacy-policy-url',
          output: {
            'skill.json': `{\r\n    "manifest": {\r\n        "publishingInformation": { "locales": { "it-IT": { "name": "Bottega" } } },\r\n        "accountLinking": { "type": "AUTH_CODE" },\r\n        "privacyAndCompliance": {\r\n            "locales": {\r\n                "it-IT": {\r\n                    "privacyPolicyUrl": "${url}"\r\n                }\r\n            }\r\n        }\r\n    }\r\n}\r\n`,
          },
        },
      ],
    },
    {
      name: 'ask-cli v1 (.ask/config, skillManifest, models/): every model locale counts, en-IN as much as en-US',
      files: v1Files,
      errors: [
        { messageId: 'missing', file: 'skill.json', line: 2, column: 3, endLine: 2, endColumn: 18, data: { locale: 'en-IN' }, related: ['skill.json:3:31'] },
        { messageId: 'missing', file: 'skill.json', line: 2, column: 3, endLine: 2, endColumn: 18, data: { locale: 'en-US' }, related: ['skill.json:3:31'] },
      ],
      fixes: [
        {
          finding: 1,
          fixId: 'add-privacy-policy-url',
          output: {
            'skill.json': v1Manifest.replace(
              '} } }\n',
              `} } },\n    "privacyAndCompliance": {\n      "locales": {\n        "en-US": {\n          "privacyPolicyUrl": "${url}"\n        }\n      }\n    }\n`,
            ),
          },
        },
        {
          fixId: 'add-privacy-policy-url-all',
          output: {
            'skill.json': v1Manifest.replace(
              '} } }\n',
              `} } },\n    "privacyAndCompliance": {\n      "locales": {\n        "en-IN": {\n          "privacyPolicyUrl": "${url}"\n        },\n        "en-US": {\n          "privacyPolicyUrl": "${url}"\n        }\n      }\n    }\n`,
            ),
          },
        },
      ],
    },
  ],
});
