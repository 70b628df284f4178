/**
 * Bad input never crashes the engine or the CLI: each broken file gets a finding that says what is
 * wrong with it (or, for a file that cannot be read, one that says why it was skipped), the CLI
 * exits 0 or 1 as the findings say (never 2), and the rest of the skill is still checked.
 * (The single-file parse-error cases are in test/rules/parse-error.test.ts; these are the
 * systematic and the large ones.)
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseTree, Node } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { errorText } from '../../server/src/engine';
import { FileHost } from '../../server/src/engine/host';
import { discoverSkills } from '../../server/src/engine/project/discover';
import { loadSkill } from '../../server/src/engine/skill';
import { lintSkill } from '../../server/src/engine/linter';
import { Finding } from '../../server/src/engine/types';
import { MAX_CODE_DEPTH } from '../../server/src/engine/code/parse';
import { MAX_JSON_DEPTH } from '../../server/src/engine/json/document';
import { run as runCli } from '../../server/src/cli/main';
import { MemFiles, MemoryFileHost, fixtureSkills, writeTree } from './support';

const ROOT = path.join(path.sep, 'mem', 'skill');
const pizza = fixtureSkills().find((f) => f.name === 'examples/pizza-order')!;
const MANIFEST = 'skill-package/skill.json';
const MODEL = 'skill-package/interactionModels/custom/en-US.json';
const HANDLER = 'lambda/index.js';

interface Linted {
  findings: Finding[];
  internal: string[];
  /** `ruleId rel:line:col` of every finding. */
  lines: string[];
}

function lintWith(host: FileHost, root: string, textOf: (rel: string) => string | undefined): Linted {
  const internal: string[] = [];
  const findings: Finding[] = [];
  for (const p of discoverSkills(root, host)) {
    findings.push(...lintSkill(loadSkill(p, host), { host, configStopAt: root, onInternalError: (id, e) => internal.push(`${id}: ${errorText(e)}`) }));
  }
  const lines = findings.map((f) => {
    const rel = path.relative(root, f.file).split(path.sep).join('/');
    const text = textOf(rel);
    const pos = text !== undefined ? TextDocument.create('file:///x', 'plaintext', 0, text).positionAt(f.offset) : { line: -1, character: -1 };
    return `${f.ruleId} ${rel}:${pos.line + 1}:${pos.character + 1}`;
  });
  return { findings, internal, lines };
}

function lintMem(files: MemFiles): Linted {
  return lintWith(new MemoryFileHost(ROOT, files), ROOT, (rel) => (typeof files[rel] === 'string' ? (files[rel] as string) : undefined));
}

/** Parse-error findings of one file, by message id. */
function parseErrorsOf(l: Linted, rel: string): string[] {
  return l.findings.filter((f) => f.ruleId === 'parse-error' && f.file === path.join(ROOT, rel)).map((f) => `${f.messageId}: ${f.message}`);
}

function valueNodes(root: Node | undefined): Node[] {
  const out: Node[] = [];
  const walk = (n: Node): void => {
    if (n.parent && !(n.parent.type === 'property' && n.parent.children?.[0] === n) && n.type !== 'property') out.push(n);
    for (const c of n.children ?? []) walk(c);
  };
  if (root) walk(root);
  return out;
}

describe('robustness: bad input', function () {
  this.timeout(60000);

  it('a manifest, a model and ask-resources.json cut at every point: a parse-error on the cut file, nothing thrown', () => {
    let cases = 0;
    for (const rel of [MANIFEST, MODEL, 'ask-resources.json']) {
      const text = pizza.files[rel];
      for (let at = 0; at < text.trimEnd().length; at += rel === MODEL ? 41 : 19) {
        const l = lintMem({ ...pizza.files, [rel]: text.slice(0, at) });
        assert.deepEqual(l.internal, [], `${rel} cut at ${at}`);
        assert.ok(parseErrorsOf(l, rel).some((m) => m.startsWith('json: ')), `${rel} cut at ${at}: a JSON parse-error, got ${l.lines.join(', ')}`);
        cases++;
      }
    }
    console.log(`      ${cases} truncated files`);
  });

  it('every value of skill.json and of a model retyped: a schema finding, nothing thrown', () => {
    const replacements = ['null', '42', '"text"', 'true', '[]', '{}', '[1, "two", null]'];
    const unflagged: string[] = [];
    let cases = 0;
    for (const [rel, ruleId] of [[MANIFEST, 'manifest-schema'], [MODEL, 'model-schema']] as const) {
      const text = pizza.files[rel];
      const nodes = valueNodes(parseTree(text));
      nodes.forEach((n, i) => {
        const type = n.type === 'number' ? '42' : n.type === 'string' ? '"text"' : n.type === 'boolean' ? 'true' : n.type === 'null' ? 'null' : n.type === 'array' ? '[]' : '{}';
        const options = replacements.filter((r) => r !== type && !(r.startsWith('[') && n.type === 'array'));
        const repl = options[i % options.length];
        const mutated = text.slice(0, n.offset) + repl + text.slice(n.offset + n.length);
        const l = lintMem({ ...pizza.files, [rel]: mutated });
        assert.deepEqual(l.internal, [], `${rel}: ${n.type} at ${n.offset} → ${repl}`);
        if (!l.findings.some((f) => f.ruleId === ruleId)) unflagged.push(`${rel}@${n.offset} ${n.type}→${repl}`);
        cases++;
      });
    }
    console.log(`      ${cases} retyped values`);
    // Only values the schemas leave open (free text keys, examples) may pass unflagged.
    assert.ok(unflagged.length <= cases / 10, `retyped values not flagged: ${unflagged.join(', ')}`);
  });

  it('a manifest whose objects have other types: findings still come, fixes that cannot apply are not offered, no rule throws', () => {
    // Found by the fuzzer: jsonc-parser `modify` throws when a fix's path runs through an array or a string.
    const manifest = JSON.parse(pizza.files[MANIFEST]) as { manifest: Record<string, unknown> };
    for (const [key, value] of [['privacyAndCompliance', []], ['privacyAndCompliance', 'none'], ['permissions', { name: 'x' }], ['events', 5], ['apis', [1]]] as const) {
      const text = JSON.stringify({ manifest: { ...manifest.manifest, [key]: value } }, null, 2);
      const l = lintMem({ ...pizza.files, [MANIFEST]: text });
      assert.deepEqual(l.internal, [], `${key}: ${JSON.stringify(value)}`);
      assert.ok(l.findings.some((f) => f.ruleId === 'manifest-schema'), `${key}: a schema finding`);
      for (const f of l.findings) for (const fx of f.fixes) assert.ok(fx.edits.length > 0, `${f.ruleId} offers ${fx.id} with no edit`);
    }
  });

  it('BOMs and CRLF line endings in every file give the same findings at the same lines and columns', () => {
    const plain = lintMem(pizza.files);
    const crlf: MemFiles = {};
    for (const [rel, text] of Object.entries(pizza.files)) crlf[rel] = (rel.endsWith('.json') || rel.endsWith('.js') ? '\ufeff' : '') + text.replace(/\r?\n/g, '\r\n');
    const other = lintMem(crlf);
    assert.deepEqual(other.internal, []);
    assert.ok(plain.lines.length > 5);
    // A BOM is one UTF-16 unit at the start of line 1: only columns on line 1 move.
    const norm = (ls: string[]) => ls.map((l) => l.replace(/:1:(\d+)$/, ':1:*')).sort();
    assert.deepEqual(norm(other.lines), norm(plain.lines));
  });

  it('comments in every JSON file: the same findings on the same lines', () => {
    const plain = lintMem(pizza.files);
    const commented: MemFiles = { ...pizza.files };
    for (const [rel, text] of Object.entries(pizza.files)) {
      if (!rel.endsWith('.json')) continue;
      // A block comment after every opening brace (not those in strings) and a line comment at the
      // end of every line (JSON strings cannot hold a line break).
      const braces = valueNodes(parseTree(text)).filter((n) => n.type === 'object').map((n) => n.offset);
      let out = text;
      for (const at of braces.sort((a, b) => b - a)) out = out.slice(0, at + 1) + ' /* note */' + out.slice(at + 1);
      commented[rel] = ('/* head */ ' + out).replace(/\n/g, ' // note\n');
    }
    const other = lintMem(commented);
    assert.deepEqual(other.internal, []);
    const lineOnly = (ls: string[]) => ls.map((l) => l.replace(/:\d+$/, '')).sort();
    assert.deepEqual(lineOnly(other.lines), lineOnly(plain.lines));
  });

  describe('10,000 levels of nesting: a finding that says so, no stack overflow', () => {
    const N = 10000;
    const json = (inner: string) => `{ "deep": ${inner}, "manifest": {} }`;
    const cases: Array<[string, string, string]> = [
      ['arrays in skill.json', MANIFEST, json('['.repeat(N) + ']'.repeat(N))],
      ['objects in a model', MODEL, `{"interactionModel": ${'{"a":'.repeat(N)}1${'}'.repeat(N)}}`],
      ['unclosed arrays in ask-resources.json', 'ask-resources.json', '['.repeat(N)],
      ['arrays in code', HANDLER, `const x = ${'['.repeat(N)}${']'.repeat(N)};\n`],
      ['parentheses in code', HANDLER, `const x = ${'('.repeat(N)}1${')'.repeat(N)};\n`],
      ['arrow functions in code', HANDLER, `const f = ${'(() => '.repeat(N)}console.log(input)${')'.repeat(N)};\n`],
      ['blocks in code', HANDLER, `function h(input) { ${'if (input) {'.repeat(N)}${'}'.repeat(N)} }\n`],
      ['a 50,000-term sum in code', HANDLER, `const x = ${'a + '.repeat(50000)}1;\n`],
      ['a 10,000-call chain in code', HANDLER, `const x = p${'.then(f)'.repeat(N)};\n`],
      ['unclosed braces in code', HANDLER, '{'.repeat(N)],
      ['a TypeScript type nested', 'lambda/types.ts', `type T = ${'Array<'.repeat(N)}string${'>'.repeat(N)};\n`],
    ];
    for (const [label, rel, text] of cases) {
      it(label, () => {
        const start = Date.now();
        const l = lintMem({ ...pizza.files, [rel]: text });
        assert.deepEqual(l.internal, []);
        const limit = rel.endsWith('.json') ? MAX_JSON_DEPTH : MAX_CODE_DEPTH;
        assert.deepEqual(parseErrorsOf(l, rel).map((m) => m.includes(`nested more than ${limit} levels deep`)), [true], parseErrorsOf(l, rel).join('\n'));
        // The rest of the skill is still checked.
        if (rel !== MANIFEST && rel !== 'ask-resources.json') assert.ok(l.findings.some((f) => f.ruleId === 'missing-privacy-policy'), l.lines.join('\n'));
        assert.ok(Date.now() - start < 10000, `took ${Date.now() - start} ms`);
      });
    }

    it('code of every shape nested just under the limit is analysed without a stack overflow', () => {
      // Guards the analysis' recursive walks: a change that recurses more per level fails here.
      const D = MAX_CODE_DEPTH - 20;
      const shapes: Record<string, string> = {
        'a sum': `const x = ${'a + '.repeat(D)}1;`,
        'a call chain': `const x = p${'.then(f)'.repeat(D / 2)};`,
        'nested ifs': `function f(input) { ${'if (a) {'.repeat(D / 2)}console.log(input);${'}'.repeat(D / 2)} }`,
        'nested arrow functions': `const x = ${'(() => '.repeat(D / 3)}console.log(input)${')'.repeat(D / 3)};`,
        'nested objects': `const x = ${'{a:'.repeat(D / 2)}1${'}'.repeat(D / 2)};`,
        'nested calls': `${'f('.repeat(D / 2)}input${')'.repeat(D / 2)};`,
        'a ternary chain': `const x = ${'a ? b : '.repeat(D)}c;`,
        'curried arrows': `const f = ${'a => '.repeat(D)}1;`,
        'nested templates': `const s = ${'`${'.repeat(D / 2)}input${'}`'.repeat(D / 2)};`,
      };
      const plain = lintMem(pizza.files).lines.filter((x) => x.includes(HANDLER));
      for (const [label, code] of Object.entries(shapes)) {
        const l = lintMem({ ...pizza.files, [HANDLER]: `${pizza.files[HANDLER]}\n${code}\n` });
        assert.deepEqual(l.internal.map((e) => e.split('\n')[0]), [], label);
        assert.deepEqual(parseErrorsOf(l, HANDLER), [], label);
        // What the handler had is still found.
        for (const x of plain) assert.ok(l.lines.includes(x), `${label}: ${x} is gone`);
      }
    });
  });

  it('half-typed code: the handler cut at every point gives a syntax finding or none, never an exception', () => {
    const text = pizza.files[HANDLER];
    let withError = 0;
    let cases = 0;
    for (let at = 0; at <= text.length; at += 17) {
      const l = lintMem({ ...pizza.files, [HANDLER]: text.slice(0, at) });
      assert.deepEqual(l.internal, [], `cut at ${at}`);
      if (parseErrorsOf(l, HANDLER).length) withError++;
      cases++;
    }
    console.log(`      ${cases} cut handlers, ${withError} with a syntax-error finding`);
    assert.ok(withError > cases / 2);
  });

  it('binary and non-UTF-8 files named .json and .js are reported as not checked, with the reason', () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.alloc(512, 0xab)]);
    const latin1 = Buffer.from(Array.from({ length: 400 }, (_, i) => 0xc0 + (i % 60)));
    const utf16 = Buffer.from('\ufeff{"interactionModel": {}}', 'utf16le');
    const l = lintMem({ ...pizza.files, [MODEL]: png, 'skill-package/interactionModels/custom/de-DE.json': utf16, [HANDLER]: latin1, 'lambda/extra.js': png });
    assert.deepEqual(l.internal, []);
    assert.match(parseErrorsOf(l, MODEL).join(), /binary file/);
    assert.match(parseErrorsOf(l, 'skill-package/interactionModels/custom/de-DE.json').join(), /binary file/);
    assert.match(parseErrorsOf(l, HANDLER).join(), /not UTF-8 text/);
    assert.match(parseErrorsOf(l, 'lambda/extra.js').join(), /binary file/);
  });

  it('a Latin-1 handler with a few accented letters is still analysed (replacement characters, same findings)', () => {
    const text = pizza.files[HANDLER].replace('// ', '// café ');
    const bytes = Buffer.from(text, 'latin1');
    const l = lintMem({ ...pizza.files, [HANDLER]: bytes });
    assert.deepEqual(l.internal, []);
    assert.deepEqual(parseErrorsOf(l, HANDLER), []);
    assert.deepEqual(l.lines.filter((x) => x.includes(HANDLER)).map((x) => x.split(':')[0]), lintMem(pizza.files).lines.filter((x) => x.includes(HANDLER)).map((x) => x.split(':')[0]));
  });

  it('unreadable files (EACCES) and folders named like files are skipped with the reason', () => {
    const l = lintMem({ ...pizza.files, [MODEL]: { fail: 'EACCES' }, [HANDLER]: { dir: true }, 'lambda/index.js/inner.js': 'console.log(1);\n', 'skill-package/interactionModels/custom/de-DE.json': { fail: 'EIO' } });
    assert.deepEqual(l.internal, []);
    assert.match(parseErrorsOf(l, MODEL).join(), /could not be read \(EACCES\)/);
    assert.match(parseErrorsOf(l, 'skill-package/interactionModels/custom/de-DE.json').join(), /could not be read \(EIO\)/);
    const noManifest = lintMem({ ...pizza.files, [MANIFEST]: { dir: true } });
    assert.deepEqual(noManifest.internal, []);
    assert.match(parseErrorsOf(noManifest, MANIFEST).join(), /no readable manifest.*not a regular file/);
  });

  describe('on disk, through the CLI (exit 0 or 1 as the findings say, never 2)', () => {
    let tmp: string;
    beforeEach(() => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-bad-'));
    });
    afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

    const cli = (args: string[]): { code: number; out: string; err: string; findings: Array<{ ruleId: string; severity: string; file: string; message: string }> } => {
      let out = '';
      let err = '';
      const code = runCli([...args, '--format', 'json'], { cwd: tmp, stdout: (s) => (out += s), stderr: (s) => (err += s), isTTY: false });
      const findings = code === 2 ? [] : (JSON.parse(out) as { findings: Array<{ ruleId: string; severity: string; file: string; message: string }> }).findings;
      return { code, out, err, findings };
    };
    const expectExit = (r: ReturnType<typeof cli>) => {
      assert.equal(r.err, '', 'nothing on stderr');
      assert.equal(r.code, r.findings.some((f) => f.severity === 'error') ? 1 : 0, `exit status ${r.code}`);
    };

    it('10 MB files (a manifest, a model and a handler) are skipped with their size; a 300 KB handler is analysed in time', () => {
      writeTree(path.join(tmp, 'big'), pizza.files);
      const ten = 10 * 1024 * 1024;
      fs.writeFileSync(path.join(tmp, 'big', MODEL), '{"interactionModel": {"languageModel": {"types": [' + '"x",'.repeat(ten / 4) + '"y"]}}}');
      fs.writeFileSync(path.join(tmp, 'big', 'lambda', 'bundle.js'), '// generated\n' + 'console.log(1);\n'.repeat(ten / 16));
      writeTree(path.join(tmp, 'bigmanifest'), { ...pizza.files, [MANIFEST]: ' '.repeat(ten) + '{}' });
      const large = `${pizza.files[HANDLER]}\n${'function f(input) { console.log(input.requestEnvelope); }\n'.repeat(5000)}`;
      fs.writeFileSync(path.join(tmp, 'big', 'lambda', 'large.js'), large);
      const start = Date.now();
      const r = cli(['.']);
      const ms = Date.now() - start;
      expectExit(r);
      assert.equal(r.code, 1);
      const msg = (file: string) => r.findings.filter((f) => f.file === file && f.ruleId === 'parse-error').map((f) => f.message).join();
      assert.match(msg(`big/${MODEL}`), /10\.0 MiB, over the 4\.0 MiB limit/);
      assert.match(msg('big/lambda/bundle.js'), /over the 4\.0 MiB limit/);
      assert.match(msg(`bigmanifest/${MANIFEST}`), /no readable manifest.*over the 4\.0 MiB limit/);
      assert.ok(r.findings.some((f) => f.file === 'big/lambda/large.js' && f.ruleId === 'voice-data-logged'), 'the 300 KB handler is analysed');
      assert.ok(ms < 30000, `the CLI took ${ms} ms`);
    });

    it('symlink loops between files, a manifest linked to itself and an unreadable file (EACCES from the disk)', () => {
      writeTree(path.join(tmp, 's'), pizza.files);
      const lambda = path.join(tmp, 's', 'lambda');
      fs.symlinkSync('b.js', path.join(lambda, 'a.js'));
      fs.symlinkSync('a.js', path.join(lambda, 'b.js'));
      fs.symlinkSync('.', path.join(lambda, 'here'));
      writeTree(path.join(tmp, 'self'), { 'ask-resources.json': pizza.files['ask-resources.json'], [MODEL]: pizza.files[MODEL] });
      fs.symlinkSync('skill.json', path.join(tmp, 'self', MANIFEST));
      // Tests run as root, where chmod 000 does not stop a read: make the disk refuse instead.
      const denied = path.join(tmp, 's', MODEL);
      const nodeFs = require('fs') as { readFileSync: typeof fs.readFileSync };
      const real = nodeFs.readFileSync;
      const patched = ((file: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
        if (file === denied) throw Object.assign(new Error(`EACCES: permission denied, open '${denied}'`), { code: 'EACCES' });
        return (real as (...a: unknown[]) => unknown)(file, ...rest);
      }) as typeof fs.readFileSync;
      nodeFs.readFileSync = patched;
      let r: ReturnType<typeof cli>;
      try {
        r = cli(['.']);
      } finally {
        nodeFs.readFileSync = real;
      }
      expectExit(r);
      assert.match(r.findings.filter((f) => f.file === `s/${MODEL}`).map((f) => f.message).join(), /could not be read \(EACCES\)/);
      assert.match(r.findings.filter((f) => f.file === 'self/ask-resources.json' || f.file === `self/${MANIFEST}`).map((f) => f.message).join(), /no readable manifest/);
      for (const f of ['a.js', 'b.js']) assert.match(r.findings.filter((x) => x.file === `s/lambda/${f}`).map((x) => x.message).join(), /symbolic link that loops or points to nothing/);
      // The handler is still checked once, not once per path through the loop.
      assert.equal(r.findings.filter((f) => f.file.startsWith('s/lambda/here')).length, 0);
      assert.ok(r.findings.some((f) => f.file === `s/${HANDLER}`));
    });

    it('a tree of every kind of bad file at once, through the real binary: exit 1, findings on stdout', () => {
      writeTree(path.join(tmp, 'a'), { ...pizza.files, [MANIFEST]: '{"manifest": {"apis": [}', [HANDLER]: 'const x = {;\n' });
      writeTree(path.join(tmp, 'b'), { ...pizza.files, [MODEL]: '\u0000\u0001binary', 'ask-resources.json': '{"profiles": 5}' });
      writeTree(path.join(tmp, 'c'), { 'skill.json': `{"manifest": ${'['.repeat(20000)}` });
      fs.mkdirSync(path.join(tmp, 'c', 'models'));
      const { spawnSync } = require('child_process') as typeof import('child_process');
      const bin = path.join(__dirname, '..', '..', '..', 'server', 'bin', 'skill-privacy-lint.js');
      const res = spawnSync(process.execPath, [bin, '.', '--format', 'json'], { cwd: tmp, encoding: 'utf8', timeout: 60000 });
      assert.equal(res.stderr, '');
      assert.equal(res.status, 1);
      const files = new Set((JSON.parse(res.stdout) as { findings: Array<{ file: string; ruleId: string }> }).findings.filter((f) => f.ruleId === 'parse-error').map((f) => f.file));
      assert.deepEqual([...files].sort(), [`a/${HANDLER}`, `a/${MANIFEST}`, `b/${MODEL}`, 'c/skill.json']);
    });
  });
});
