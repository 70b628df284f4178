// Writes the rules table of README.md from the rule index (run after `npm run build`):
// `node scripts/rules-table.mjs` rewrites it; `--check` fails when it is out of date.
import { readFileSync, writeFileSync } from 'fs';
import { createRequire } from 'module';

const require = createRequire(import.meta.url);
const { RULES } = require('../out/server/src/engine/rules/index.js');

export function rulesTable() {
  const rows = RULES.map((r) => `| [${r.meta.id}](docs/rules/${r.meta.id}.md) | ${r.meta.defaultSeverity} | ${r.meta.description.replace(/\|/g, '\\|')} |`);
  return ['| rule | default | finds |', '|---|---|---|', ...rows].join('\n');
}

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const start = '<!-- rules-table:start -->\n';
const end = '\n<!-- rules-table:end -->';
const a = readme.indexOf(start);
const b = readme.indexOf(end);
if (a < 0 || b < 0) throw new Error('README.md has no rules-table markers');
const next = readme.slice(0, a + start.length) + rulesTable() + readme.slice(b);
if (process.argv.includes('--check')) {
  if (next !== readme) {
    console.error('README.md rules table is out of date: run `node scripts/rules-table.mjs`.');
    process.exit(1);
  }
} else {
  writeFileSync(new URL('../README.md', import.meta.url), next);
}
