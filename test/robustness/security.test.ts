/**
 * The analysis reads files only. A skill whose code would write a marker file or throw when
 * required, with a dependency in node_modules that would do the same, is checked by the real CLI
 * and the real server with every network, process, eval and file-writing API trapped by a
 * `--require` preload: no call, no module of the skill loaded, no marker, the tree unchanged.
 */
import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CodeActionRequest, HoverRequest } from 'vscode-languageserver-protocol/node';
import { TestClient, uriOf } from '../helpers/lsp-client';
import { discoverSkills, skillFiles } from '../../server/src/engine/project/discover';
import { loadSkill } from '../../server/src/engine/skill';
import { lintSkill } from '../../server/src/engine/linter';
import { MemoryFileHost, REPO, fixtureSkills, writeTree } from './support';

const TRAP = path.join(__dirname, 'trap.js');
const BIN = path.join(REPO, 'server', 'bin', 'skill-privacy-lint.js');

/** Code that leaves a marker (and throws) if anything ever runs it. */
const payload = (marker: string) =>
  `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran');\nrequire('child_process').execSync('touch ${marker}.sh');\nthrow new Error('user code was executed');\n`;

function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      const st = fs.lstatSync(p);
      const rel = path.relative(root, p);
      if (e.isDirectory()) {
        out.set(rel + '/', `${st.mode}`);
        walk(p);
      } else {
        const content = e.isSymbolicLink() ? fs.readlinkSync(p) : crypto.createHash('sha1').update(fs.readFileSync(p)).digest('hex');
        out.set(rel, `${st.mode} ${st.size} ${st.mtimeMs} ${content}`);
      }
    }
  };
  walk(root);
  return out;
}

describe('robustness: security', function () {
  this.timeout(60000);
  let tmp: string;
  let tree: string;
  let markers: string[];
  let trapLog: string;

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-sec-'));
    tree = path.join(tmp, 'workspace');
    trapLog = path.join(tmp, 'trap.json');
    const pizza = fixtureSkills().find((f) => f.name === 'examples/pizza-order')!;
    const skill = path.join(tree, 'pizza');
    markers = ['index', 'helper', 'dep', 'ts', 'hook', 'config'].map((m) => path.join(tmp, `EXECUTED-${m}`));
    writeTree(skill, {
      ...pizza.files,
      // The handler runs the payload first, then requires its helper and a dependency.
      'lambda/index.js': `${payload(markers[0])}const helper = require('./helper');\nconst dep = require('evil-dep');\n${pizza.files['lambda/index.js']}`,
      'lambda/helper.js': `${payload(markers[1])}module.exports = { log: (x) => console.log(x) };\n`,
      'lambda/node_modules/evil-dep/package.json': '{ "name": "evil-dep", "main": "index.js", "scripts": { "postinstall": "node index.js" } }\n',
      'lambda/node_modules/evil-dep/index.js': payload(markers[2]),
      'lambda/src/tool.ts': `import * as fs from 'fs';\nfs.writeFileSync(${JSON.stringify(markers[3])}, 'ran');\nexport const x: number = 1;\n`,
      'hooks/pre_deploy_hook.sh': `#!/bin/sh\ntouch ${markers[4]}\n`,
      // A config file that looks like code: it is read as JSON, never required.
      '.skillprivacyrc.js': payload(markers[5]),
    });
    fs.chmodSync(path.join(skill, 'hooks', 'pre_deploy_hook.sh'), 0o755);
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const trapped = (): string[] => {
    const calls = JSON.parse(fs.readFileSync(trapLog, 'utf8')) as string[];
    fs.rmSync(trapLog);
    return calls;
  };
  const noMarkers = () => assert.deepEqual(markers.flatMap((m) => [m, `${m}.sh`]).filter((m) => fs.existsSync(m)), [], 'user code ran');
  const env = () => ({ ...process.env, SPL_TRAP_LOG: trapLog, SPL_TRAP_WATCH: tree });

  it('the trap works: it records and refuses a connection, a process, a write and a require of user code', () => {
    const probe = `
      const results = [];
      for (const f of [() => require('net').connect(80, 'example.com'), () => require('https').request('https://example.com'),
                       () => require('child_process').execSync('true'), () => require('dns').lookup('example.com', () => {}),
                       () => fetch('https://example.com'), () => require(${JSON.stringify(path.join(tree, 'pizza', 'lambda', 'helper.js'))})]) {
        try { f(); results.push('allowed'); } catch (e) { results.push('refused'); }
      }
      require('fs').writeFileSync(${JSON.stringify(path.join(tmp, 'probe.txt'))}, 'x');
      process.stdout.write(results.join(','));`;
    const r = spawnSync(process.execPath, ['--require', TRAP, '-e', probe], { env: env(), encoding: 'utf8' });
    assert.equal(r.stdout, 'refused,refused,refused,refused,refused,refused', r.stderr);
    const calls = trapped();
    for (const c of ['net.connect', 'https.request', 'child_process.execSync', 'dns.lookup', 'fetch', 'require(', 'fs.writeFileSync']) assert.ok(calls.some((x) => x.startsWith(c)), `${c} in ${calls.join('; ')}`);
    fs.rmSync(path.join(tmp, 'probe.txt'), { force: true });
    noMarkers();
  });

  it('the CLI (every format, and the report) runs no user code, opens no connection, writes nothing', () => {
    const before = snapshot(tree);
    for (const args of [['.'], ['.', '--format', 'json'], ['.', '--format', 'sarif'], ['report', '.']]) {
      const r = spawnSync(process.execPath, ['--require', TRAP, BIN, ...args], { cwd: tree, env: env(), encoding: 'utf8', timeout: 60000 });
      assert.equal(r.stderr, '', `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.status, args[0] === 'report' ? 0 : 1, `${args.join(' ')} exit status`);
      assert.ok(r.stdout.length > 100);
      assert.deepEqual(trapped(), [], `trapped calls of ${args.join(' ')}`);
    }
    noMarkers();
    assert.deepEqual([...snapshot(tree)], [...before], 'the tree is unchanged');
  });

  it('the language server (scan, open, hover, code actions, report) runs no user code, opens no connection, writes nothing', async () => {
    const before = snapshot(tree);
    const client = new TestClient({ rootFolder: tree, nodeArgs: ['--require', TRAP], env: env() });
    try {
      await client.initialize();
      const manifest = path.join(tree, 'pizza', 'skill-package', 'skill.json');
      const handler = path.join(tree, 'pizza', 'lambda', 'index.js');
      await client.waitForDiagnostics(manifest, 'the scan', (d) => d.length > 0, 30000);
      await client.open(handler, fs.readFileSync(handler, 'utf8'));
      const ds = await client.waitForDiagnostics(handler, 'diagnostics of the handler', (d) => d.length > 0 && client.diagnostics.get(uriOf(handler))?.version === 1, 30000);
      await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uriOf(handler) }, position: ds[0].range.start });
      let actions = 0;
      for (const file of [manifest, handler]) {
        for (const d of client.diagnosticsOf(file)) {
          const res = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: uriOf(file) }, range: d.range, context: { diagnostics: [d] } });
          actions += res?.length ?? 0;
        }
      }
      assert.ok(actions > 5, `${actions} code actions`);
      const report = await client.connection.sendRequest('skillPrivacy/report', { uri: uriOf(handler) });
      assert.ok(report);
    } finally {
      await client.stop();
    }
    await new Promise((r) => client.proc.exitCode !== null ? r(undefined) : client.proc.once('exit', r));
    assert.deepEqual(trapped(), [], `trapped calls; server stderr: ${client.stderr.slice(0, 500)}`);
    noMarkers();
    assert.deepEqual([...snapshot(tree)], [...before], 'the tree is unchanged');
  });

  it("every fix of every fixture edits only the skill's own files (never node_modules, never outside); nothing in node_modules is read", () => {
    let fixes = 0;
    for (const fx of fixtureSkills()) {
      const root = path.join(path.sep, 'sec', fx.name);
      const dep = Object.keys(fx.files).find((f) => /\.[jt]s$/.test(f) && !f.startsWith('expected'))?.replace(/[^/]+$/, 'node_modules/dep/index.js') ?? 'lambda/node_modules/dep/index.js';
      const files = { ...fx.files, [dep]: 'console.log(1);\n' };
      // The handlers require it too: the analysis must not read it.
      for (const f of Object.keys(fx.files)) if (/\.js$/.test(f)) files[f] = `const dep = require('dep');\n${fx.files[f]}`;
      const host = new MemoryFileHost(root, files);
      for (const project of discoverSkills(root, host)) {
        const own = new Set([...skillFiles(project, host), path.join(project.root, '.skillprivacyrc.json')]);
        for (const f of lintSkill(loadSkill(project, host), { host, configStopAt: root })) {
          assert.deepEqual(host.reads.filter((r) => r.split(path.sep).includes('node_modules')), [], `${fx.name}: read inside node_modules`);
          for (const fix of f.fixes) {
            fixes++;
            for (const e of fix.edits) {
              const inCode = project.codeDirs.some((d) => e.file.startsWith(d + path.sep)) && !e.file.split(path.sep).includes('node_modules');
              assert.ok(own.has(e.file) || inCode, `${fx.name}: ${f.ruleId} fix ${fix.id} edits ${path.relative(root, e.file)}`);
            }
          }
        }
      }
    }
    console.log(`      ${fixes} fixes checked`);
    assert.ok(fixes > 50);
  });
});
