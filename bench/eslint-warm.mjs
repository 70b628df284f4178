// eslint with only no-console, in-process: one pass to load and JIT, then a timed second pass.
//   node bench/eslint-warm.mjs <config> <folder...>
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { ESLint } = require('eslint');
const [config, ...folders] = process.argv.slice(2);
const now = () => Number(process.hrtime.bigint()) / 1e6;
const eslint = new ESLint({ overrideConfigFile: config, cache: false });
let t = now();
const first = await eslint.lintFiles(folders);
const cold = now() - t;
t = now();
await eslint.lintFiles(folders);
const warm = now() - t;
process.stdout.write(JSON.stringify({ files: first.length, cold, warm }));
