// Writes the V8 code cache of TypeScript's parser that the CLI's threads load (server/src/cli/compile-cache.ts),
// as the last step of `npm run build`. A build without it still works: the CLI then compiles TypeScript itself.
import { createRequire } from 'node:module';
import * as path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.join(path.dirname(new URL(import.meta.url).pathname), '..');
try {
  process.env.SKILL_PRIVACY_LINT_NO_CODE_CACHE = '1';
  const { writeCodeCache } = require(path.join(root, 'out/server/src/cli/compile-cache.js'));
  const file = writeCodeCache(process.env.SKILL_PRIVACY_LINT_CODE_CACHE_DIR || undefined);
  process.stdout.write(`code cache: ${path.relative(root, file)}\n`);
} catch (e) {
  process.stdout.write(`code cache: not written (${e instanceof Error ? e.message : String(e)}); the CLI compiles TypeScript itself\n`);
}
