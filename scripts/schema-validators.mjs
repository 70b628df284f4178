// Writes the schemas' validators, compiled by ajv as standalone modules, into the build's cache
// folder (server/src/engine/json/precompiled.ts), as a step of `npm run build`. A build without
// them still works: the engine then compiles the schemas itself on every start.
import { createRequire } from 'node:module';
import * as path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.join(path.dirname(new URL(import.meta.url).pathname), '..');
try {
  const { writeSchemaValidators } = require(path.join(root, 'out/server/src/engine/json/schema.js'));
  const files = writeSchemaValidators();
  process.stdout.write(`schema validators: ${files.map((f) => path.relative(root, f)).join(', ')}\n`);
} catch (e) {
  process.stdout.write(`schema validators: not written (${e instanceof Error ? e.message : String(e)}); the engine compiles the schemas itself\n`);
}
