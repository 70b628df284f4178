#!/usr/bin/env node
// `npm run fuzz`: the long robustness run. Thousands of fuzz cases and a longer LSP storm than
// `npm test` runs; every number can be set from the environment:
//   SPL_FUZZ_CASES (default 10000), SPL_FUZZ_SEED, SPL_FUZZ_FROM, SPL_FUZZ_CASE_MS (2000),
//   SPL_LOAD_DOCS (600), SPL_LOAD_EDITS (10000), SPL_LOAD_HOVER_MS (200).
import { spawnSync } from 'child_process';
import { createRequire } from 'module';
import * as path from 'path';
import { fileURLToPath } from 'url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const defaults = { SPL_FUZZ_CASES: '10000', SPL_LOAD_DOCS: '600', SPL_LOAD_EDITS: '10000' };
const env = { ...process.env };
for (const [k, v] of Object.entries(defaults)) if (!env[k]) env[k] = v;
const mocha = createRequire(import.meta.url).resolve('mocha/bin/mocha.js');
const files = process.argv.slice(2).length ? process.argv.slice(2) : ['out/test/robustness/fuzz.test.js', 'out/test/robustness/load.test.js'];
console.log(`fuzz: ${env.SPL_FUZZ_CASES} cases (seed ${env.SPL_FUZZ_SEED ?? 'default'}), storm of ${env.SPL_LOAD_EDITS} edits over ${env.SPL_LOAD_DOCS} documents`);
const r = spawnSync(process.execPath, [mocha, '--no-config', '--timeout', '3600000', '--reporter', 'spec', ...files], { cwd: repo, env, stdio: 'inherit' });
process.exit(r.status ?? 1);
