/**
 * Differential test of the directives kept per code file while its text is unchanged
 * (engine/suppressions.ts): a file with directives is edited many times in a row under one path
 * (its kept directives are used whenever the text repeats), and after every edit the findings
 * applySuppressions keeps must equal those it keeps for the same text under a path never seen
 * before, whose directives are read afresh.
 */
import { strict as assert } from 'assert';
import { emptyConfig } from '../../server/src/engine/config';
import { Skill } from '../../server/src/engine/skill';
import { applySuppressions } from '../../server/src/engine/suppressions';
import { Finding } from '../../server/src/engine/types';
import { mulberry32 as rng } from '../robustness/support';

const RULES = ['voice-data-logged', 'personal-data-shared', 'consent-not-checked'];
const LINES = [
  "console.log(Alexa.getSlotValue(handlerInput.requestEnvelope, 'phone'));",
  '// skill-privacy-disable-next-line voice-data-logged',
  'x(); // skill-privacy-disable-line',
  '/* skill-privacy-disable-line personal-data-shared, consent-not-checked */ y();',
  '// skill-privacy-disable voice-data-logged -- logged on purpose',
  '// skill-privacy-disabled is not a directive',
  "const s = 'skill-privacy-disable-line';",
  'await axios.post(url, { id });',
];

const pick = <T>(xs: readonly T[], r: () => number): T => xs[Math.floor(r() * xs.length)];

function edit(text: string, r: () => number): string {
  const lines = text.split('\n');
  const i = Math.floor(r() * lines.length);
  switch (Math.floor(r() * 5)) {
    case 0:
      lines.splice(i, 0, pick(LINES, r));
      break;
    case 1:
      lines.splice(i, 1);
      break;
    case 2: {
      // A letter typed or deleted anywhere, often inside a directive.
      const at = Math.floor(r() * (lines[i].length + 1));
      lines[i] = r() < 0.5 ? lines[i].slice(0, at) + pick(['x', '-', ' ', ',', '*/'], r) + lines[i].slice(at) : lines[i].slice(0, at) + lines[i].slice(at + 1);
      break;
    }
    case 3:
      // An earlier text again (undo): the kept directives of that text may come back.
      return r() < 0.5 ? text : text.replace('\n', '');
    default:
      lines[i] = `${lines[i]} // skill-privacy-disable-line ${pick(RULES, r)}`;
  }
  return lines.join('\n');
}

function findingsFor(file: string, text: string): Finding[] {
  const out: Finding[] = [];
  for (let offset = 0, n = 0; offset <= text.length; n++) {
    for (const ruleId of RULES) out.push({ ruleId, messageId: 'm', severity: 'warning', message: `${ruleId} ${n}`, data: {}, file, offset, length: 1, related: [], fixes: [] });
    const nl = text.indexOf('\n', offset);
    if (nl < 0) break;
    offset = nl + 1;
  }
  return out;
}

function kept(file: string, text: string): string[] {
  const skill = { code: [{ file, text }], models: [], manifest: undefined } as unknown as Skill;
  return applySuppressions(findingsFor(file, text), skill, emptyConfig()).map((f) => `${f.ruleId}@${f.offset}`);
}

describe('code directives kept while the text is unchanged equal a fresh read', () => {
  it('over 600 seeded edits of one file', () => {
    const r = rng(4711);
    let text = Array.from({ length: 30 }, (_, i) => LINES[i % LINES.length]).join('\n');
    const seen = new Set<string>();
    for (let step = 0; step < 600; step++) {
      text = edit(text, r);
      const got = kept('/skill/lambda/index.js', text);
      const want = kept(`/fresh/${step}/index.js`, text);
      assert.deepEqual(got, want, `after edit ${step}`);
      seen.add(got.join());
    }
    assert.ok(seen.size > 200, `only ${seen.size} distinct results`);
  });
});
