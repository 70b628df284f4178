// Retained heap of the language server's workspace model after checking every skill of the given
// folders, after a full garbage collection (run with --expose-gc). RSS alone follows V8's lazy
// heap growth; this is what the server keeps per skill.
//   node --expose-gc bench/heap.mjs <folder...>
import { createRequire } from 'node:module';
import * as path from 'node:path';
const require = createRequire(import.meta.url);
const repo = process.env.BENCH_REPO ?? path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { SkillWorkspace } = require(path.join(repo, 'out/server/src/lsp/workspace.js'));
const ws = new SkillWorkspace(() => undefined);
ws.setFolders(process.argv.slice(2));
const settings = { enable: true, run: 'onType', rules: {} };
const skills = ws.discoverAll();
for (const p of skills) ws.lint(p.root, settings, () => undefined);
global.gc();
global.gc();
process.stdout.write(JSON.stringify({ skills: skills.length, heapUsed: process.memoryUsage().heapUsed / 1024 }));
