import { strict as assert } from 'assert';
import { addPermission, addPrivacyPolicyUrls, layoutModify, setUsesPersonalInfo } from '../../server/src/engine/fixes/manifest-edits';
import { applyTextEdits } from '../../server/src/engine/fixes/json-edit';
import { parseJsonDocument, parsedTree, propertyOf } from '../../server/src/engine/json/document';
import { ManifestFile } from '../../server/src/engine/skill';

function manifestFile(text: string): ManifestFile {
  const doc = parseJsonDocument('/x/skill.json', text);
  const key = propertyOf(doc.root, 'manifest') ? 'manifest' : 'skillManifest';
  return { doc, key, manifest: propertyOf(doc.root, key)?.children?.[1] };
}

const apply = (text: string, edits: Array<{ offset: number; length: number; newText: string }>): string => applyTextEdits(text, edits);

describe('manifest edits', () => {
  it('adds privacyPolicyUrl to several locales in one edit, creating the block', () => {
    const text = '{\n  "manifest": {\n    "apis": {}\n  }\n}\n';
    const edits = addPrivacyPolicyUrls(manifestFile(text), ['de-DE', 'en-US'], 'https://example.com/privacy-policy');
    assert.equal(edits.length, 1);
    assert.equal(
      apply(text, edits),
      '{\n  "manifest": {\n    "apis": {},\n    "privacyAndCompliance": {\n      "locales": {\n        "de-DE": {\n          "privacyPolicyUrl": "https://example.com/privacy-policy"\n        },\n        "en-US": {\n          "privacyPolicyUrl": "https://example.com/privacy-policy"\n        }\n      }\n    }\n  }\n}\n',
    );
  });

  it('adds privacyPolicyUrl beside an existing locale entry, keeping its one-line style', () => {
    const text = '{\n  "manifest": {\n    "privacyAndCompliance": {\n      "locales": { "en-US": { "privacyPolicyUrl": "https://a.example/p" } }\n    }\n  }\n}\n';
    const out = apply(text, addPrivacyPolicyUrls(manifestFile(text), ['fr-FR'], 'https://a.example/fr'));
    assert.equal(out, '{\n  "manifest": {\n    "privacyAndCompliance": {\n      "locales": { "en-US": { "privacyPolicyUrl": "https://a.example/p" }, "fr-FR": { "privacyPolicyUrl": "https://a.example/fr" } }\n    }\n  }\n}\n');
  });

  it('adds a permission to an empty array and does nothing when it is declared', () => {
    const text = '{\n  "manifest": {\n    "permissions": []\n  }\n}\n';
    const m = manifestFile(text);
    const out = apply(text, addPermission(m, 'alexa::profile:email:read'));
    assert.equal(out, '{\n  "manifest": {\n    "permissions": [\n      {\n        "name": "alexa::profile:email:read"\n      }\n    ]\n  }\n}\n');
    assert.deepEqual(addPermission(manifestFile(out), 'alexa::profile:email:read'), []);
  });

  it('keeps tabs and CRLF when it sets usesPersonalInfo', () => {
    const text = '{\r\n\t"manifest": {\r\n\t\t"privacyAndCompliance": {\r\n\t\t\t"isChildDirected": false\r\n\t\t}\r\n\t}\r\n}\r\n';
    assert.equal(
      apply(text, setUsesPersonalInfo(manifestFile(text))),
      '{\r\n\t"manifest": {\r\n\t\t"privacyAndCompliance": {\r\n\t\t\t"isChildDirected": false,\r\n\t\t\t"usesPersonalInfo": true\r\n\t\t}\r\n\t}\r\n}\r\n',
    );
  });

  it('lays out an inserted array element before the first one, and replaces an object value with the indentation of its line', () => {
    const text = '{\n  "a": [\n    1\n  ],\n  "b": {\n    "c": 1\n  }\n}';
    assert.equal(apply(text, layoutModify('/x', text, ['a', 0], 0, { isArrayInsertion: true })), '{\n  "a": [\n    0,\n    1\n  ],\n  "b": {\n    "c": 1\n  }\n}');
    assert.equal(apply(text, layoutModify('/x', text, ['b'], { d: [1] })), '{\n  "a": [\n    1\n  ],\n  "b": {\n    "d": [\n      1\n    ]\n  }\n}');
  });
});

describe('manifest edits: laid out over the file’s own tree', () => {
  const texts = [
    '{\n  "manifest": {\n    "permissions": [\n      { "name": "alexa::profile:name:read" }\n    ],\n    "apis": {}\n  }\n}\n',
    '{ "manifest": { "permissions": [], // a comment\n "privacyAndCompliance": { "usesPersonalInfo": false, }, } }',
    '\ufeff{\r\n\t"manifest": {\r\n\t\t"permissions": [{ "name": "a" }]\r\n\t}\r\n}\r\n',
    '{\n    "skillManifest": {\n        "events": { "subscriptions": [] }\n    }\n}',
    '{ "manifest": "not an object" }',
  ];
  const calls: Array<[Array<string | number>, unknown, boolean]> = [
    [['manifest', 'permissions', 0], { name: 'alexa::profile:email:read' }, true],
    [['manifest', 'permissions', 1], { name: 'x' }, true],
    [['manifest', 'permissions'], [{ name: 'y' }], false],
    [['manifest', 'privacyAndCompliance', 'usesPersonalInfo'], true, false],
    [['manifest', 'privacyAndCompliance', 'usesPersonalInfo'], null, false],
    [['manifest', 'privacyAndCompliance', 'usesPersonalInfo'], undefined, false],
    [['manifest', 'apis'], undefined, false],
    [['skillManifest', 'events', 'subscriptions', 0], { eventName: 'SKILL_DISABLED' }, true],
    [['manifest', 'privacyAndCompliance', 'locales', 'en-US', 'privacyPolicyUrl'], 'https://example.com/p', false],
  ];

  it('every edit laid out over the parsed file’s tree is the one a fresh parse of the text gives', () => {
    for (const text of texts) {
      const file = `/layout/${Math.random()}/skill.json`;
      const fresh = calls.map(([p, v, ins]) => layoutModify(file, text, p, v, { isArrayInsertion: ins }));
      parseJsonDocument(file, text); // now the file's parsed tree is there to be reused
      const reused = calls.map(([p, v, ins]) => layoutModify(file, text, p, v, { isArrayInsertion: ins }));
      assert.deepEqual(reused, fresh, JSON.stringify(text));
      assert.ok(fresh.some((e) => e.length > 0), 'some calls make an edit');
    }
  });

  it('parsedTree gives the document’s tree only for its text as parsed, never for a text with a BOM', () => {
    const file = `/kept/${Math.random()}/skill.json`;
    const text = '{ "manifest": {} }';
    const doc = parseJsonDocument(file, text);
    assert.equal(parsedTree(file, text), doc.root);
    assert.equal(parsedTree(file, text + ' '), undefined);
    assert.equal(parsedTree(`/kept/${Math.random()}/other.json`, text), undefined);
    const bom = `/kept/${Math.random()}/skill.json`;
    parseJsonDocument(bom, '\ufeff' + text);
    assert.equal(parsedTree(bom, '\ufeff' + text), undefined);
  });
});
