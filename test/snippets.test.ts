/**
 * The snippets the extension contributes: each, with its placeholders filled by their defaults,
 * is code that parses (JavaScript and TypeScript with the TypeScript parser, JSON with
 * jsonc-parser), and the permission strings it offers are the right kind for where they go —
 * consent-card scopes in code, manifest names in skill.json (DESIGN.md: they differ).
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ParseError, parse } from 'jsonc-parser';
import * as ts from 'typescript';
import { permissionByCardScope, permissionByManifestName } from '../server/src/engine/taxonomy/permissions';

const repo = path.resolve(__dirname, '..', '..');

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description?: string;
}

/** Fills `${1|a,b|}` with `a`, `${1:text}` with `text` (innermost first), `$1`/`${1}` with what tab stop 1 got. */
export function expandSnippet(body: string): { text: string; choices: string[][] } {
  const values = new Map<string, string>();
  const choices: string[][] = [];
  let text = body.replace(/\$\{(\d+)\|([^|]*)\|\}/g, (_m, n: string, list: string) => {
    const options = list.split(',').map((o) => o.replace(/\\,/g, ','));
    choices.push(options);
    values.set(n, options[0]);
    return options[0];
  });
  for (let guard = 0; /\$\{\d+:[^${}]*\}/.test(text) && guard < 50; guard++) {
    text = text.replace(/\$\{(\d+):([^${}]*)\}/g, (_m, n: string, def: string) => {
      values.set(n, def);
      return def;
    });
  }
  text = text.replace(/\$\{(\d+)\}|\$(\d+)/g, (_m, a: string | undefined, b: string | undefined) => values.get(a ?? b ?? '') ?? '');
  return { text, choices };
}

function load(name: string): Array<[string, Snippet]> {
  return Object.entries(JSON.parse(fs.readFileSync(path.join(repo, 'snippets', name), 'utf8')) as Record<string, Snippet>);
}

function syntaxErrors(text: string, kind: ts.ScriptKind): string[] {
  const sf = ts.createSourceFile(`snippet.${kind === ts.ScriptKind.TS ? 'ts' : 'js'}`, text, ts.ScriptTarget.Latest, true, kind);
  const diags = (sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  return diags.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('snippets', () => {
  it('are contributed for JavaScript, TypeScript and JSON, and the files exist', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')) as { contributes: { snippets: Array<{ language: string; path: string }> } };
    const languages = pkg.contributes.snippets.map((s) => s.language);
    for (const l of ['javascript', 'typescript', 'json']) assert.ok(languages.includes(l), `snippets for ${l}`);
    for (const s of pkg.contributes.snippets) assert.ok(fs.existsSync(path.join(repo, s.path)), s.path);
  });

  for (const [file, kind] of [['javascript.json', ts.ScriptKind.JS], ['typescript.json', ts.ScriptKind.TS]] as const) {
    describe(file, () => {
      const snippets = load(file);
      it('has the consent, voice permission, SkillDisabled and delete-my-data snippets', () => {
        const names = snippets.map(([n]) => n).join('\n');
        for (const want of [/consent card/, /AskFor/, /SkillDisabled/, /delete my data/]) assert.match(names, want);
      });
      for (const [name, snippet] of snippets) {
        it(`${name}: expands to code that parses, with consent-card scopes`, () => {
          const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
          const { text, choices } = expandSnippet(body);
          assert.doesNotMatch(text, /\$\{|\$\d/, 'every placeholder filled');
          // Statements with `return` need a function around them; handler objects stand alone.
          const alone = syntaxErrors(text, kind);
          const params = kind === ts.ScriptKind.TS ? 'handlerInput: any, error?: any' : 'handlerInput, error';
          const wrapped = syntaxErrors(`async function handle(${params}) {\n${text}\n}`, kind);
          assert.ok(alone.length === 0 || wrapped.length === 0, `syntax errors: ${alone.join('; ')} / wrapped: ${wrapped.join('; ')}\n${text}`);
          for (const option of choices.flat().filter((o) => o.includes(':'))) {
            assert.ok(permissionByCardScope(option), `${option} is a consent-card scope`);
          }
        });
      }
    });
  }

  describe('json.json', () => {
    for (const [name, snippet] of load('json.json')) {
      it(`${name}: expands to JSON (a value, or members of an object) that parses, with manifest permission names`, () => {
        const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
        const { text, choices } = expandSnippet(body);
        for (const option of choices.flat().filter((o) => o.includes('::') || o.includes(':devices:'))) {
          assert.ok(permissionByManifestName(option), `${option} is a manifest permission name`);
        }
        // An array element or value (`{ "name": ... }`) stands alone; a `"key": value` member needs braces.
        const asJson = (t: string): { value: unknown; errors: ParseError[] } => {
          const errors: ParseError[] = [];
          return { value: parse(t, errors, { allowTrailingComma: false, disallowComments: true }), errors };
        };
        const alone = asJson(text);
        const { value, errors } = alone.errors.length === 0 ? alone : asJson(`{${text}}`);
        assert.deepEqual(errors, [], text);
        const names = JSON.stringify(value).match(/"name":"([^"]+)"/g) ?? [];
        for (const n of names.map((x) => x.slice(8, -1)).filter((x) => x.includes('::') || x.includes(':devices:'))) {
          assert.ok(permissionByManifestName(n), `${n} is a manifest permission name`);
        }
      });
    }
  });

  it('the expander fills choices, defaults, nested defaults and repeated tab stops', () => {
    assert.deepEqual(expandSnippet('a ${1|x,y|} ${2:b ${3:c}} $2 ${1}'), { text: 'a x b c b c x', choices: [['x', 'y']] });
  });
});
