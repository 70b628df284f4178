import rule from '../../server/src/engine/rules/manifest-schema';
import { RuleTester } from '../helpers/rule-tester';

// An ask-cli v2 project: the skill is found by ask-resources.json, so even a skill.json without
// a `manifest` key is checked.
const resources = '{ "askcliResourcesVersion": "2020-03-31", "profiles": { "default": { "skillMetadata": { "src": "./skill-package" } } } }\n';
const v2 = (manifest: string): Record<string, string> => ({ 'ask-resources.json': resources, 'skill-package/skill.json': manifest });
const file = 'skill-package/skill.json';

const current = `{
  "$schema": "../node_modules/skill-privacy-lint/schemas/skill-manifest.schema.json",
  "manifest": {
    "manifestVersion": "1.0",
    "publishingInformation": {
      "locales": {
        "en-US": {
          "name": "Recipe Box",
          "summary": "Recipes by voice.",
          "description": "Find a recipe and cook it step by step.",
          "examplePhrases": ["Alexa, open recipe box", "Alexa, ask recipe box for a soup"],
          "keywords": ["recipes", "cooking"],
          "smallIconUri": "https://recipe-box.app/icon-108.png"
        },
        "de-DE": { "name": "Rezeptkiste", "summary": "Rezepte per Sprache." }
      },
      "isAvailableWorldwide": false,
      "distributionCountries": ["US", "DE", "AT"],
      "category": "COOKING_AND_RECIPE",
      "testingInstructions": "Ask for a soup.",
      "automaticDistribution": { "isActive": false }
    },
    "privacyAndCompliance": {
      "allowsPurchases": false,
      "usesPersonalInfo": true,
      "isChildDirected": false,
      "isExportCompliant": true,
      "containsAds": false,
      "usesHealthInfo": false,
      "isAlexaShoppingActionsEnabled": false,
      "locales": {
        "en-US": { "privacyPolicyUrl": "https://recipe-box.app/privacy", "termsOfUseUrl": "https://recipe-box.app/terms" },
        "de-DE": { "privacyPolicyUrl": "https://recipe-box.app/de/datenschutz" }
      }
    },
    "permissions": [{ "name": "alexa::profile:given_name:read" }, { "name": "alexa:devices:all:address:country_and_postal_code:read" }, { "name": "alexa::skill:resumption" }],
    "events": {
      "endpoint": { "uri": "arn:aws:lambda:us-east-1:123456789012:function:recipe-box" },
      "subscriptions": [{ "eventName": "SKILL_ENABLED" }, { "eventName": "SKILL_DISABLED" }, { "eventName": "SKILL_PERMISSION_CHANGED" }],
      "regions": { "EU": { "endpoint": { "uri": "arn:aws:lambda:eu-west-1:123456789012:function:recipe-box" } } }
    },
    "apis": {
      "custom": {
        "endpoint": { "uri": "https://recipe-box.app/alexa", "sslCertificateType": "Wildcard" },
        "interfaces": [{ "type": "ALEXA_PRESENTATION_APL", "supportedViewports": [{ "mode": "HUB", "shape": "RECTANGLE" }] }, { "type": "AUDIO_PLAYER" }],
        "regions": { "NA": { "endpoint": { "uri": "arn:aws:lambda:us-east-1:123456789012:function:recipe-box" } } },
        "futureSetting": { "anything": true }
      },
      "householdList": {}
    }
  }
}
`;

// ask-cli v1: the `skillManifest` key, the code folder in `endpoint.sourceDir`, account linking
// beside `apis`, and models/ next to skill.json.
const v1 = `{
  "skillManifest": {
    "publishingInformation": {
      "locales": { "en-GB": { "name": "Tide Times", "examplePhrases": ["Alexa, open tide times"] } },
      "isAvailableWorldwide": true
    },
    "apis": { "custom": { "endpoint": { "sourceDir": "lambda/custom" } } },
    "accountLinking": { "type": "AUTH_CODE", "authorizationUrl": "https://tides.example.org/auth", "scopes": ["profile"] },
    "manifestVersion": "1.0"
  }
}
`;
const v1Model = '{ "interactionModel": { "languageModel": { "invocationName": "tide times", "intents": [] } } }\n';

const smartHome = `{
  "manifest": {
    "apis": {
      "smartHome": { "endpoint": { "uri": "arn:aws:lambda:eu-west-1:123456789012:function:lights" }, "protocolVersion": "3" },
      "flashBriefing": {
        "locales": {
          "en-GB": { "feeds": [{ "name": "News", "url": "https://news.example.org/feed.json", "contentType": "TEXT", "genre": "HEADLINE_NEWS", "updateFrequency": "HOURLY", "isDefault": true }] }
        }
      }
    },
    "events": { "subscriptions": [{ "eventName": "AudioPlayer.PlaybackStarted" }], "publications": [{ "eventName": "AMAZON.OrderStatus.Updated" }] }
  }
}
`;

const withPrivacy = (entries: string): string => `{
  "manifest": {
    "privacyAndCompliance": {
${entries}
    }
  }
}
`;

RuleTester.run(rule, {
  valid: [
    { name: 'a full current manifest: publishing, privacy (with the older isAlexaShoppingActionsEnabled), permissions (with one SMAPI does not list yet), events, APIs, unknown keys where Amazon allows them', files: v2(current) },
    { name: 'an ask-cli v1 manifest: `skillManifest`, `endpoint.sourceDir`, top-level `accountLinking`', files: { 'skill.json': v1, 'models/en-GB.json': v1Model } },
    { name: 'smart home and flash briefing APIs; dotted device event names', files: v2(smartHome) },
    { name: 'a skill.json that does not parse is left to parse-error', files: v2('{ "manifest": { "privacyAndCompliance": { "usesPersonalInfo": "yes", } \n') },
    {
      name: 'a finding suppressed in .skillprivacyrc.json by the pointer of its value (as the docs page says)',
      files: {
        ...v2('{\n  "manifest": {\n    "permissions": [{ "name": "alexa::beta:feature:read" }]\n  }\n}\n'),
        '.skillprivacyrc.json': '{ "suppress": [{ "rule": "manifest-schema", "file": "skill-package/skill.json", "pointer": "/manifest/permissions/0/name", "reason": "beta scope" }] }\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a privacy flag of the wrong type: the value is marked',
      files: v2(withPrivacy('      "usesPersonalInfo": "yes",\n      "isChildDirected": false')),
      errors: [
        {
          messageId: 'schema',
          file,
          line: 4,
          column: 27,
          endLine: 4,
          endColumn: 32,
          data: { pointer: '/manifest/privacyAndCompliance/usesPersonalInfo', keyword: 'type' },
          messageIncludes: '`/manifest/privacyAndCompliance/usesPersonalInfo` must be boolean',
        },
      ],
    },
    {
      name: 'a misspelled key inside privacyAndCompliance: the key is marked (it would silently leave the answer unset)',
      files: v2(withPrivacy('      "usePersonalInfo": true')),
      errors: [
        {
          messageId: 'schema',
          file,
          line: 4,
          column: 7,
          endLine: 4,
          endColumn: 24,
          data: { pointer: '/manifest/privacyAndCompliance', keyword: 'additionalProperties' },
          messageIncludes: 'has the unknown property `usePersonalInfo`',
        },
      ],
    },
    {
      name: 'a misspelled block at the top of the manifest: the key is marked',
      files: v2('{\n  "manifest": {\n    "privacyAndComplaince": { "usesPersonalInfo": true },\n    "apis": { "custom": {} }\n  }\n}\n'),
      errors: [{ messageId: 'schema', file, line: 3, column: 5, endLine: 3, endColumn: 27, data: { keyword: 'additionalProperties' }, messageIncludes: '`privacyAndComplaince`' }],
    },
    {
      name: 'a missing required key: the parent object\'s key is marked',
      files: v2('{\n  "manifest": {\n    "publishingInformation": {\n      "locales": {\n        "en-US": { "summary": "No name." }\n      }\n    }\n  }\n}\n'),
      errors: [
        {
          messageId: 'schema',
          file,
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 16,
          data: { pointer: '/manifest/publishingInformation/locales/en-US', keyword: 'required' },
          messageIncludes: 'is missing the required property `name`',
        },
      ],
    },
    {
      name: 'a missing key in an array element (no key of its own): its opening brace is marked',
      files: v2('{\n  "manifest": {\n    "permissions": [\n      { "scope": "alexa::profile:email:read" }\n    ]\n  }\n}\n'),
      errors: [
        { messageId: 'schema', file, line: 4, column: 7, endLine: 4, endColumn: 8, data: { pointer: '/manifest/permissions/0', keyword: 'required' }, messageIncludes: 'missing the required property `name`' },
        { messageId: 'schema', file, line: 4, column: 9, endLine: 4, endColumn: 16, data: { pointer: '/manifest/permissions/0', keyword: 'additionalProperties' } },
      ],
    },
    {
      name: 'no manifest key at all: the file\'s opening brace is marked',
      files: v2('{\n  "manfest": {}\n}\n'),
      errors: [{ messageId: 'schema', file, line: 1, column: 1, endLine: 1, endColumn: 2, data: { pointer: '', keyword: 'required' }, messageIncludes: 'the file is missing the required property `manifest`' }],
    },
    {
      name: 'a misspelled skill event: the value is marked and the likely event named',
      files: v2('{\n  "manifest": {\n    "events": { "subscriptions": [{ "eventName": "SKILL_DISABLE" }] }\n  }\n}\n'),
      errors: [
        {
          messageId: 'schema',
          file,
          line: 3,
          column: 50,
          endLine: 3,
          endColumn: 65,
          data: { pointer: '/manifest/events/subscriptions/0/eventName', keyword: 'enum' },
          messageIncludes: 'did you mean "SKILL_DISABLED"?',
        },
      ],
    },
    {
      name: 'the postal-code permission with two colons: the value is marked and the right spelling named',
      files: v2('{\n  "manifest": {\n    "permissions": [{ "name": "alexa::devices:all:address:country_and_postal_code:read" }]\n  }\n}\n'),
      errors: [{ messageId: 'schema', file, line: 3, column: 31, endLine: 3, endColumn: 88, data: { keyword: 'enum' }, messageIncludes: 'did you mean "alexa:devices:all:address:country_and_postal_code:read"?' }],
    },
    {
      name: 'a locale that Alexa does not have (en-UK for en-GB) in privacyAndCompliance.locales: the key is marked',
      files: v2(withPrivacy('      "locales": { "en-UK": { "privacyPolicyUrl": "https://tides.example.org/privacy" } }')),
      errors: [
        {
          messageId: 'schema',
          file,
          line: 4,
          column: 20,
          endLine: 4,
          endColumn: 27,
          data: { pointer: '/manifest/privacyAndCompliance/locales', keyword: 'enum' },
          messageIncludes: 'has the property name `en-UK`, which must be one of "ar-SA", "de-DE", "en-AU", "en-CA", "en-GB"',
        },
      ],
    },
    {
      name: 'a misspelled privacy link key in a locale: the key is marked',
      files: v2(withPrivacy('      "locales": { "en-US": { "privacyUrl": "https://tides.example.org/privacy" } }')),
      errors: [{ messageId: 'schema', file, line: 4, column: 31, endLine: 4, endColumn: 43, data: { pointer: '/manifest/privacyAndCompliance/locales/en-US', keyword: 'additionalProperties' } }],
    },
    {
      name: 'the v1 `skillManifest` key gets the same checks; several problems come in file order',
      files: {
        'skill.json': '{\n  "skillManifest": {\n    "manifestVersion": 1,\n    "privacyAndCompliance": { "isChildDirected": "false" },\n    "apis": { "custom": { "endpoint": { "sourceDir": ["lambda"] } } }\n  }\n}\n',
        'models/en-US.json': v1Model,
      },
      errors: [
        { messageId: 'schema', file: 'skill.json', line: 3, column: 24, endLine: 3, endColumn: 25, data: { pointer: '/skillManifest/manifestVersion' }, messageIncludes: 'must be string' },
        { messageId: 'schema', file: 'skill.json', line: 4, column: 50, endLine: 4, endColumn: 57, data: { pointer: '/skillManifest/privacyAndCompliance/isChildDirected' }, messageIncludes: 'must be boolean' },
        { messageId: 'schema', file: 'skill.json', line: 5, column: 54, endLine: 5, endColumn: 64, data: { pointer: '/skillManifest/apis/custom/endpoint/sourceDir' }, messageIncludes: 'must be string' },
      ],
    },
  ],
});
