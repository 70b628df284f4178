/**
 * lintSkill's findings are sorted by file, offset, length and rule with repeats dropped
 * (engine/linter.ts `sortedUnique`); the sort compares precomputed places of files and rule ids
 * instead of calling localeCompare per comparison, and repeats are found as neighbours after the
 * stable sort. Both must give exactly what the plain version gives — remove repeats by a key
 * string in report order, then sort with localeCompare — including for file names that differ
 * only in case or in Unicode normalisation (which localeCompare treats as equal).
 */
import { strict as assert } from 'assert';
import { sortFindings, sortedUnique } from '../../server/src/engine/linter';
import { Finding } from '../../server/src/engine/types';
import { mulberry32 as rng } from '../robustness/support';

function plainSort(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => a.file.localeCompare(b.file) || a.offset - b.offset || a.length - b.length || a.ruleId.localeCompare(b.ruleId));
}

function plainUnique(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  const kept = findings.filter((f) => {
    const key = `${f.ruleId}\0${f.file}\0${f.offset}\0${f.length}\0${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return plainSort(kept);
}

const FILES = ['/s/lambda/index.js', '/s/lambda/Index.js', '/s/skill.json', '/s/lambda/caf\u00e9.js', '/s/lambda/cafe\u0301.js', '/s/models/en-US.json', '/s/lambda/a.ts', '/s/lambda/B.ts'];
const RULE_IDS = ['voice-data-logged', 'consent-not-checked', 'personal-data-slot', 'no-data-deletion', 'missing-privacy-policy'];

function randomFindings(next: () => number, n: number): Finding[] {
  const pick = <T>(xs: T[]): T => xs[Math.floor(next() * xs.length)];
  const out: Finding[] = [];
  for (let i = 0; i < n; i++) {
    // Few offsets, lengths and messages, so equal sort keys and exact repeats are common.
    const f: Finding = {
      ruleId: pick(RULE_IDS),
      messageId: 'm',
      severity: 'warning',
      message: `message ${Math.floor(next() * 3)}`,
      data: {},
      file: pick(FILES),
      offset: Math.floor(next() * 6),
      length: Math.floor(next() * 3),
      related: [],
      fixes: [],
    };
    out.push(next() < 0.3 && out.length > 0 ? { ...pick(out), fixes: [] } : f);
  }
  return out;
}

describe('sorting and de-duplicating findings', () => {
  it('equals removing repeats by key and sorting with localeCompare, over random findings', () => {
    const next = rng(20261202);
    let repeats = 0;
    for (let round = 0; round < 2000; round++) {
      const findings = randomFindings(next, Math.floor(next() * 40));
      const expected = plainUnique(findings);
      repeats += findings.length - expected.length;
      // Identity, not only equal values: the first reported of the repeats is the one kept.
      const got = sortedUnique([...findings]);
      assert.equal(got.length, expected.length, `round ${round}`);
      got.forEach((f, i) => assert.ok(f === expected[i], `round ${round}, finding ${i}`));
      const sorted = sortFindings([...findings]);
      plainSort(findings).forEach((f, i) => assert.ok(f === sorted[i], `round ${round}, sorted ${i}`));
    }
    assert.ok(repeats > 1000, `${repeats} repeats removed`);
  });

  it('keeps equal-comparing file names apart only by the later keys', () => {
    const a = { file: '/s/caf\u00e9.js', offset: 5 };
    const b = { file: '/s/cafe\u0301.js', offset: 1 };
    assert.equal(a.file.localeCompare(b.file), 0, 'the two spellings compare equal');
    const mk = (x: { file: string; offset: number }): Finding => ({ ruleId: 'r', messageId: 'm', severity: 'info', message: 'x', data: {}, file: x.file, offset: x.offset, length: 0, related: [], fixes: [] });
    const [fa, fb] = [mk(a), mk(b)];
    assert.deepEqual(sortFindings([fa, fb]), [fb, fa]);
    // Different strings: both kept, though they sort as one file.
    assert.equal(sortedUnique([fa, { ...fa, file: b.file }]).length, 2);
  });
});
