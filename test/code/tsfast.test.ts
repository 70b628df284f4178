/**
 * The TypeScript subsets of the hot tree walks must stay fast-mode objects: a dictionary-mode one
 * makes every `T.isX` read a hash lookup (the reason tsSubset exists). V8's own check needs
 * --allow-natives-syntax, so it runs in a child process.
 */
import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const REPO = path.resolve(__dirname, '..', '..', '..');

describe('tsfast: TypeScript subsets', () => {
  it('the subset of analyze.ts has fast properties and the real functions; the full flat copy is a dictionary', () => {
    const lists = ['analyze.ts'].map((f) => {
      const src = fs.readFileSync(path.join(REPO, 'server', 'src', 'engine', 'code', f), 'utf8');
      const call = /tsSubset\(([^)]*)\)/.exec(src);
      assert.ok(call, `${f} takes a tsSubset`);
      return [...call[1].matchAll(/'(\w+)'/g)].map((m) => m[1]);
    });
    const script = `
      const ts = require('typescript');
      const { T, tsSubset } = require(${JSON.stringify(path.join(REPO, 'out', 'server', 'src', 'engine', 'code', 'tsfast.js'))});
      const lists = ${JSON.stringify(lists)};
      const out = lists.map((names) => {
        const s = tsSubset(...names);
        return { fast: %HasFastProperties(s), same: names.every((n) => s[n] === ts[n]), count: Object.keys(s).length };
      });
      process.stdout.write(JSON.stringify({ out, full: %HasFastProperties(T) }));
    `;
    const r = spawnSync(process.execPath, ['--allow-natives-syntax', '-e', script], { cwd: REPO, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const res = JSON.parse(r.stdout) as { out: Array<{ fast: boolean; same: boolean; count: number }>; full: boolean };
    assert.deepEqual(
      res.out,
      lists.map((l) => ({ fast: true, same: true, count: l.length })),
    );
    assert.equal(res.full, false);
  });
});
