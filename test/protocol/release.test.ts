/**
 * The language server keeps syntax trees only for skills being edited (server/src/lsp/workspace.ts):
 * a skill checked with none of its files open lets go of them, and checking it again, or opening
 * one of its files, gives the same findings as before.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SkillWorkspace } from '../../server/src/lsp/workspace';
import { isParsed } from '../../server/src/engine/code/parse';
import { Finding } from '../../server/src/engine';
import { REPO } from '../helpers/cli';

const ROOT = path.join(REPO, 'examples', 'pizza-order');
const INDEX = path.join(ROOT, 'lambda', 'index.js');
const CRM = path.join(ROOT, 'lambda', 'crm.js');
const SETTINGS = { enable: true, run: 'onType' as const, rules: {} };

const flat = (m: Map<string, Finding[]> | undefined): Finding[] => [...(m ?? new Map<string, Finding[]>()).values()].flat();

describe('syntax trees of skills nobody edits', () => {
  it('are dropped after the check, and a second check finds the same', () => {
    const ws = new SkillWorkspace(() => undefined);
    ws.setFolders([ROOT]);
    const first = ws.lint(ROOT, SETTINGS, () => undefined);
    assert.ok(first && flat(first.findingsByFile).some((f) => f.file === INDEX && f.ruleId === 'voice-data-logged'));
    assert.equal(isParsed(INDEX), false);
    assert.equal(isParsed(CRM), false);
    const second = ws.lint(ROOT, SETTINGS, () => undefined);
    assert.deepEqual(flat(second?.findingsByFile), flat(first.findingsByFile));
  });

  it('are kept while a file of the skill is open, with the same findings', () => {
    const text = fs.readFileSync(INDEX, 'utf8');
    const doc = TextDocument.create('file://' + INDEX, 'javascript', 3, text);
    const closed = new SkillWorkspace(() => undefined);
    closed.setFolders([ROOT]);
    const before = closed.lint(ROOT, SETTINGS, () => undefined);

    const ws = new SkillWorkspace((file) => (file === INDEX ? doc : undefined));
    ws.setFolders([ROOT]);
    ws.host.setOverlay(INDEX, text);
    const open = ws.lint(ROOT, SETTINGS, () => undefined);
    assert.equal(open?.versions.get(INDEX), 3);
    assert.equal(isParsed(INDEX), true);
    assert.equal(isParsed(CRM), true);
    assert.deepEqual(flat(open?.findingsByFile), flat(before?.findingsByFile));

    // Closing the document: the next check lets go again.
    const none = new SkillWorkspace(() => undefined);
    none.setFolders([ROOT]);
    none.lint(ROOT, SETTINGS, () => undefined);
    assert.equal(isParsed(INDEX), false);
  });
});
