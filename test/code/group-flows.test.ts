/**
 * code/evidence.ts `groupFlows` groups flows by the sink's id, then by the carrier's span among
 * that sink's groups, instead of by a key string per flow. Differential check against the keyed
 * grouping it replaces: the same groups, of the same flow objects, in the same order, on the flows
 * of seeded random skills and on random flows whose sinks share carriers and whose carriers share
 * offsets, lengths and files.
 */
import { strict as assert } from 'assert';
import { codeModel } from '../../server/src/engine/code/analyze';
import { groupFlows } from '../../server/src/engine/code/evidence';
import { Flow } from '../../server/src/engine/code/model';
import { clearParseCache } from '../../server/src/engine/code/parse';
import { Random } from '../robustness/support';
import { analysisOf } from './helpers';
import { randomSkill } from './random-skill';

/** The grouping `groupFlows` replaced: one key string per flow. */
function keyedGroups(flows: Flow[]): Flow[][] {
  const groups = new Map<string, Flow[]>();
  for (const f of flows) {
    const k = `${f.sink.id}>${f.carrier.file}:${f.carrier.offset}:${f.carrier.length}`;
    const g = groups.get(k);
    if (g) g.push(f);
    else groups.set(k, [f]);
  }
  return [...groups.values()];
}

function assertSameGroups(flows: Flow[], what: string): void {
  const got = groupFlows(flows);
  const want = keyedGroups(flows);
  assert.equal(got.length, want.length, `${what}: number of groups`);
  // Identity of every flow: the rules read the group's objects.
  got.forEach((g, i) => {
    assert.equal(g.length, want[i].length, `${what}: size of group ${i}`);
    g.forEach((f, j) => assert.ok(f === want[i][j], `${what}: flow ${j} of group ${i}`));
  });
}

describe('groupFlows (code/evidence.ts) groups as the keyed grouping it replaces', () => {
  afterEach(() => clearParseCache());

  it('on the flows of 200 seeded random skills', function () {
    this.timeout(120000);
    let grouped = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const flows = codeModel(analysisOf(randomSkill(new Random(seed), seed % 2 === 0))).flows;
      assertSameGroups(flows, `seed ${seed}`);
      if (groupFlows(flows).some((g) => g.length > 1)) grouped++;
    }
    // The random skills do put several flows into one group (slots logged together).
    assert.ok(grouped > 20, `${grouped} skills with a group of several flows`);
  });

  it('on 5,000 random lists of flows sharing sinks, files, offsets and lengths', () => {
    const r = new Random(7);
    const files = ['/s/a.js', '/s/b.js', '/s/a.js:1', '/s/c.js'];
    for (let n = 0; n < 5000; n++) {
      const flows: Flow[] = [];
      for (let i = 0, count = r.int(40); i < count; i++) {
        const file = r.pick(files);
        flows.push({
          source: { kind: 'slot', category: 'contact', description: `slot ${i}`, short: 'slot', file, offset: 0, length: 1 },
          sink: { id: `${file}:${r.int(4)}`, kind: 'log', description: '`console.log`', file, offset: 0, length: 1 },
          // The carrier is an argument of the sink's call: in the sink's file, mostly; sometimes elsewhere.
          carrier: { file: r.chance(0.8) ? file : r.pick(files), offset: r.int(5), length: 1 + r.int(3) },
          steps: [],
        } as unknown as Flow);
      }
      assertSameGroups(flows, `list ${n}`);
    }
  });
});
