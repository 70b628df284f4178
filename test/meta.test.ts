/**
 * Checks that hold the codebase to its own conventions (STYLE.md §1, §2): every rule has its file,
 * tests and docs page; the rule index is sorted; the engine never imports the editor.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { RULES } from '../server/src/engine/rules';

const repo = path.resolve(__dirname, '..', '..');
const rulesDir = path.join(repo, 'server', 'src', 'engine', 'rules');

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function importsOf(file: string): string[] {
  const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) out.push(n.moduleSpecifier.text);
    if (ts.isCallExpression(n) && n.arguments.length === 1 && ts.isStringLiteral(n.arguments[0])) {
      if ((ts.isIdentifier(n.expression) && n.expression.text === 'require') || n.expression.kind === ts.SyntaxKind.ImportKeyword) out.push(n.arguments[0].text);
    }
    if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument) && ts.isStringLiteral(n.argument.literal)) out.push(n.argument.literal.text);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

describe('meta', () => {
  it('lists every rule file in the index, sorted by id, ids unique and equal to file names', () => {
    const files = fs
      .readdirSync(rulesDir)
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.slice(0, -3))
      .sort();
    const ids = RULES.map((r) => r.meta.id);
    assert.deepEqual(ids, [...ids].sort(), 'RULES is sorted by id');
    assert.equal(new Set(ids).size, ids.length, 'rule ids are unique');
    assert.deepEqual([...ids].sort(), files, 'every file in rules/ is a rule in RULES, named by its id');
  });

  for (const rule of RULES) {
    describe(rule.meta.id, () => {
      it('has tests in test/rules/<id>.test.ts that use the RuleTester', () => {
        const test = path.join(repo, 'test', 'rules', `${rule.meta.id}.test.ts`);
        assert.ok(fs.existsSync(test), `missing ${path.relative(repo, test)}`);
        const text = fs.readFileSync(test, 'utf8');
        assert.ok(text.includes('RuleTester.run('), `${path.relative(repo, test)} does not use RuleTester.run`);
        assert.ok(/invalid\s*:/.test(text) && /valid\s*:/.test(text), 'has valid and invalid cases');
        if (rule.meta.fixable) assert.ok(/fixId\s*:/.test(text), 'a fixable rule tests at least one fix output');
      });
      it('has a docs page with the sections a reader needs', () => {
        const doc = path.join(repo, 'docs', 'rules', `${rule.meta.id}.md`);
        assert.ok(fs.existsSync(doc), `missing ${path.relative(repo, doc)}`);
        const text = fs.readFileSync(doc, 'utf8');
        assert.ok(text.startsWith(`# ${rule.meta.id}`), 'the page starts with "# <id>"');
        assert.ok(text.length > 600, 'the page explains the rule (more than a stub)');
      });
      it('has meta a user can read: description and messages that say why and what to do', () => {
        assert.ok(rule.meta.description.length > 20);
        for (const [id, msg] of Object.entries(rule.meta.messages)) assert.ok(msg.length > 60, `message ${id} is too terse to say what, why and what to do`);
      });
    });
  }

  it('keeps the engine free of editor imports (vscode, vscode-languageserver)', () => {
    const engine = path.join(repo, 'server', 'src', 'engine');
    const offenders: string[] = [];
    for (const file of walk(engine).filter((f) => f.endsWith('.ts'))) {
      for (const spec of importsOf(file)) {
        if (spec === 'vscode' || spec === 'vscode-languageserver' || spec.startsWith('vscode-languageserver/') || spec.startsWith('vscode-languageclient')) {
          offenders.push(`${path.relative(repo, file)} imports ${spec}`);
        }
        if (spec.startsWith('.') && path.resolve(path.dirname(file), spec).startsWith(path.join(repo, 'server', 'src', 'lsp'))) {
          offenders.push(`${path.relative(repo, file)} imports the language server (${spec})`);
        }
      }
    }
    assert.deepEqual(offenders, []);
  });

  it('the import check itself catches an editor import', () => {
    const tmp = path.join(fs.mkdtempSync(path.join(require('os').tmpdir(), 'spl-meta-')), 'x.ts');
    fs.writeFileSync(tmp, "import { Diagnostic } from 'vscode-languageserver/node';\nconst v = require('vscode');\n");
    assert.deepEqual(importsOf(tmp), ['vscode-languageserver/node', 'vscode']);
  });
});

describe('README', () => {
  it('lists every rule in its rules table (node scripts/rules-table.mjs)', () => {
    const { spawnSync } = require('child_process') as typeof import('child_process');
    const r = spawnSync(process.execPath, [path.join(repo, 'scripts', 'rules-table.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });
});
