import { strict as assert } from 'assert';
import * as path from 'path';
import rule from '../../server/src/engine/rules/parse-error';
import { Files, RuleTester, lintFiles, positionOf } from '../helpers/rule-tester';

const manifest = `{
  "manifest": {
    "publishingInformation": {
      "locales": { "en-US": { "name": "Corner Shop" }, "de-DE": { "name": "Eckladen" } }
    },
    "apis": { "custom": {} }
  }
}
`;
/** A comma is missing after the publishingInformation object (line 5). */
const manifestMissingComma = `{
  "manifest": {
    "publishingInformation": {
      "locales": { "en-US": { "name": "Corner Shop" } }
    }
    "apis": { "custom": {} }
  }
}
`;
const deModel = `{
  "interactionModel": {
    "languageModel": {
      "invocationName": "eckladen",
      "intents": [
        { "name": "TelefonIntent", "slots": [{ "name": "nummer", "type": "AMAZON.PhoneNumber" }], "samples": ["meine nummer ist {nummer}"] }
      ]
    }
  }
}
`;
/** Cut off after the first intent, as an interrupted save leaves it. */
const truncatedEnModel = `{
  "interactionModel": {
    "languageModel": {
      "invocationName": "corner shop",
      "intents": [
        { "name": "PhoneIntent", "slots": [{ "name": "phone", "type": "AMAZON.PhoneNumber" }], "samples": ["my number is {phone}"] }`;
const lenientManifest = `// ask-cli rejects comments and trailing commas; the linter reads on
{
  "manifest": {
    /* the shop */
    "apis": { "custom": {}, },
  },
}
`;
const askResources = (code = ''): string =>
  `{"askcliResourcesVersion":"2020-03-31","profiles":{"default":{"skillMetadata":{"src":"./skill-package"}${code ? `,"code":{"default":{"src":"${code}"}}` : ''}}}}\n`;
/** Two syntax errors: a missing `)` on line 7 and a stray `(;` on line 10; only the first is reported. */
const brokenHandler = `const Alexa = require('ask-sdk-core');
const LaunchHandler = {
  canHandle(input) {
    return Alexa.getRequestType(input.requestEnvelope) === 'LaunchRequest';
  },
  handle(input) {
    return input.responseBuilder.speak('hi'.getResponse();
  },
};
foo(;
`;
const en = 'interactionModels/custom/en-US.json';
const de = 'interactionModels/custom/de-DE.json';

RuleTester.run(rule, {
  valid: [
    { name: 'a well-formed manifest and models', files: { 'skill.json': manifest, [de]: deModel } },
    { name: 'comments and trailing commas are accepted (the rest of the file is still read)', files: { 'skill.json': lenientManifest } },
    { name: 'a byte-order mark at the start of a file', files: { 'skill.json': '\ufeff' + manifest, [de]: '\ufeff' + deModel } },
    {
      name: 'handler code without syntax errors, JavaScript and TypeScript',
      files: {
        'ask-resources.json': askResources('./lambda'),
        'skill-package/skill.json': manifest,
        'lambda/index.js': "const Alexa = require('ask-sdk-core');\nexports.handler = Alexa.SkillBuilders.custom().lambda();\n",
        'lambda/util.ts': 'export const greeting: string = `hi`;\n',
      },
    },
    {
      name: 'files outside the skill are not read: node_modules in the code folder',
      files: { 'skill.json': manifest, 'lambda/index.js': 'exports.x = 1;\n', 'lambda/node_modules/dep/index.js': 'this is not javascript (\n' },
    },
  ],
  invalid: [
    {
      name: 'malformed skill.json: the first error is reported at the token where the comma was expected',
      files: { 'skill.json': manifestMissingComma, [de]: deModel },
      errors: [{ messageId: 'json', file: 'skill.json', line: 6, column: 5, endLine: 6, endColumn: 11, data: { file: 'skill.json', problem: "',' was expected" } }],
    },
    {
      name: 'a truncated model: one finding at the end of the file, the other locale still parses',
      files: { 'skill.json': manifest, [en]: truncatedEnModel, [de]: deModel },
      errors: [{ messageId: 'json', file: en, line: 6, column: 133, endLine: 6, endColumn: 133, data: { file: en, problem: "']' was expected" } }],
    },
    {
      name: 'a single-quoted string: the range covers the bad token',
      files: { 'skill.json': manifest, [en]: `{"interactionModel": {"languageModel": {"invocationName": 'shop'}}}` },
      errors: [{ messageId: 'json', file: en, line: 1, column: 59, endLine: 1, endColumn: 65, data: { problem: 'unexpected character' } }],
    },
    {
      name: 'empty files, and a file of only white space, are reported as empty',
      files: { 'skill.json': manifest, [en]: '', [de]: '   \n' },
      errors: [
        { messageId: 'json', file: de, line: 2, column: 1, endLine: 2, endColumn: 1, data: { problem: 'the file is empty' } },
        { messageId: 'json', file: en, line: 1, column: 1, endLine: 1, endColumn: 1, data: { problem: 'the file is empty' } },
      ],
    },
    {
      name: 'a JavaScript and a TypeScript handler with syntax errors: only the first error of each file',
      files: {
        'ask-resources.json': askResources('./lambda'),
        'skill-package/skill.json': manifest,
        'lambda/index.js': brokenHandler,
        'lambda/util.ts': 'export const x: number = ;\n',
        'lambda/ok.ts': 'export const y: number = 1;\n',
      },
      errors: [
        // the message has no doubled period although TypeScript's own text ends with one
        { messageId: 'code', file: 'lambda/index.js', line: 7, column: 58, endLine: 7, endColumn: 59, data: { file: 'lambda/index.js', problem: "')' expected" }, messageIncludes: "')' expected. Privacy checks" },
        { messageId: 'code', file: 'lambda/util.ts', line: 1, column: 26, endLine: 1, endColumn: 27, data: { problem: 'Expression expected' } },
      ],
    },
    {
      name: 'binary files in the code folder and among the models are reported as unreadable',
      files: { 'skill.json': manifest, 'lambda/data.js': 'abc\u0000def', [en]: '{\u0000}' },
      errors: [
        { messageId: 'unreadable', file: en, line: 1, column: 1, endLine: 1, endColumn: 1, messageIncludes: 'it is a binary file' },
        { messageId: 'unreadable', file: 'lambda/data.js', line: 1, column: 1, endLine: 1, endColumn: 1, data: { file: 'lambda/data.js' } },
      ],
    },
    {
      name: 'a binary skill.json (ask-cli v1 layout with models/)',
      files: { 'skill.json': '\u0000\u0001', 'models/en-US.json': deModel },
      errors: [{ messageId: 'noManifest', file: 'skill.json', line: 1, column: 1, endLine: 1, endColumn: 1, data: { file: 'skill.json' } }],
    },
    {
      name: 'ask-resources.json names a skill package without skill.json: reported on ask-resources.json',
      files: { 'ask-resources.json': askResources(), 'skill-package/interactionModels/custom/de-DE.json': deModel },
      errors: [{ messageId: 'noManifest', file: 'ask-resources.json', line: 1, column: 1, endLine: 1, endColumn: 1, data: { file: 'skill-package/skill.json', problem: 'the file does not exist' } }],
    },
    {
      name: 'an ask-cli v1 project (.ask/config) without skill.json',
      files: { '.ask/config': '{ "deploy_settings": {} }\n', 'models/de-DE.json': deModel },
      errors: [{ messageId: 'noManifest', file: '.ask/config', line: 1, column: 1, endLine: 1, endColumn: 1, data: { file: 'skill.json' } }],
    },
  ],
});

describe('parse-error: the rest of the skill is still checked', () => {
  const at = (files: Files, ruleIds: string[]): string[] => {
    const { root, findings } = lintFiles(files);
    return findings
      .filter((f) => ruleIds.includes(f.ruleId))
      .map((f) => {
        const rel = path.relative(root, f.file).split(path.sep).join('/');
        const p = positionOf(files[rel], f.offset, f.length);
        return `${f.ruleId} ${rel}:${p.line}:${p.column}`;
      });
  };

  it('a truncated model in en-US: de-DE, and what did parse in en-US, still get findings', () => {
    assert.deepEqual(at({ 'skill.json': manifest, [en]: truncatedEnModel, [de]: deModel }, ['parse-error', 'personal-data-slot']), [
      `personal-data-slot ${de}:6:56`,
      `personal-data-slot ${en}:6:54`,
      `parse-error ${en}:6:133`,
    ]);
  });

  it('a malformed skill.json: the models are still checked, the manifest rules wait for a parse', () => {
    assert.deepEqual(at({ 'skill.json': manifestMissingComma, [de]: deModel }, ['parse-error', 'personal-data-slot', 'missing-privacy-policy', 'personal-info-flag-mismatch']), [
      `personal-data-slot ${de}:6:56`,
      'parse-error skill.json:6:5',
    ]);
  });
});
