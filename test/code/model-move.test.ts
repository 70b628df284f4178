/**
 * When every entry point a re-check evaluates adds what it added the previous time, the data-flow
 * pass moves the previous model by the edit instead of putting every replayed record into fresh
 * maps; replayed records keep their positions at the version they were made at and are moved over
 * the kept changes only when they are read (code/analyze.ts `sameAdditionsAsBefore`, `rebuild`;
 * code/reuse.ts `RootRecord.ver`). Differential check: over long chains of seeded edits, mostly the
 * small ones of typing (which keep the model and let records lag many versions behind) mixed with
 * ones that change the model (which move every lagging record at once), the model after every edit
 * is exactly a fresh run's.
 */
import { strict as assert } from 'assert';
import { analyzeSkillCode, analyzeSkillCodeFresh, flowReuseStats, forgetCodeModel } from '../../server/src/engine/code/analyze';
import { clearParseCache } from '../../server/src/engine/code/parse';
import { Skill } from '../../server/src/engine/skill';
import { Random } from '../robustness/support';
import { ROOT, analysisOf } from './helpers';
import { Files, HEAD, randomEdit, randomSkill, slot } from './random-skill';

class Edited {
  readonly skill: Skill;
  constructor(files: Files) {
    forgetCodeModel(ROOT);
    this.skill = analysisOf(files).skill;
  }
  text(i: number): string {
    return this.skill.code[i].text;
  }
  set(i: number, text: string): void {
    this.skill.code = this.skill.code.map((c, j) => (j === i ? { file: c.file, text } : c));
  }
  models(): { reused: string; fresh: string } {
    return { reused: JSON.stringify(analyzeSkillCode(this.skill)), fresh: JSON.stringify(analyzeSkillCodeFresh(this.skill)) };
  }
}

const stats = (): typeof flowReuseStats => ({ ...flowReuseStats });

function positions(text: string, re: RegExp): number[] {
  const out: number[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m.index);
  return out;
}

/** An edit of typing that keeps what the code does: a letter into or out of a string, a blank line, a comment. */
function typingEdit(r: Random, text: string): string {
  switch (r.int(4)) {
    case 0:
    case 1: {
      const ps = positions(text, /'[^'\n]{2,}'/g);
      if (!ps.length) return text;
      const p = r.pick(ps) + 1 + r.int(2);
      return r.chance(0.5) ? `${text.slice(0, p)}${r.pick(['x', 'é', ' ', 'q'])}${text.slice(p)}` : `${text.slice(0, p)}${text.slice(p + 1)}`;
    }
    case 2: {
      const ps = positions(text, /\n(?=\n)/g);
      if (ps.length && r.chance(0.5)) {
        const p = r.pick(ps);
        return text.slice(0, p) + text.slice(p + 1);
      }
      const ls = positions(text, /\n(?=const |class |function )/g);
      if (!ls.length) return text;
      const p = r.pick(ls);
      return `${text.slice(0, p)}\n${text.slice(p)}`;
    }
    default: {
      const ls = positions(text, /\n(?=const |class |function )/g);
      if (!ls.length) return text;
      const p = r.pick(ls);
      return `${text.slice(0, p)}\n// note ${r.int(100)}${text.slice(p)}`;
    }
  }
}

describe('moving the previous data-flow model by an edit (code/analyze.ts, code/reuse.ts)', () => {
  afterEach(() => {
    forgetCodeModel(ROOT);
    clearParseCache();
  });

  it('gives the fresh model after every edit of 40 edits (mostly typing) in each of 80 seeded random skills', function () {
    this.timeout(240000);
    const before = stats();
    let edits = 0;
    for (let seed = 0; seed < 80; seed++) {
      const r = new Random(9100 + seed);
      const s = new Edited(randomSkill(r, seed % 3 === 0));
      s.models();
      for (let k = 0; k < 40; k++) {
        const i = r.int(s.skill.code.length);
        s.set(i, r.chance(0.8) ? typingEdit(r, s.text(i)) : randomEdit(r, s.text(i)));
        const m = s.models();
        edits++;
        if (m.reused !== m.fresh) assert.fail(`seed ${9100 + seed}, edit ${k}: the model differs from a fresh run\n${s.skill.code.map((c) => c.text).join('\n---\n')}`);
      }
    }
    const after = stats();
    const reusing = after.runsWithReuse - before.runsWithReuse;
    const moved = after.modelsMoved - before.modelsMoved;
    // Not vacuous: many models are moved whole, and many runs with reuse rebuild theirs from records that lagged behind.
    assert.ok(moved >= edits / 4, `only ${moved} of ${edits} models moved`);
    assert.ok(reusing - moved >= edits / 20, `only ${reusing - moved} of ${edits} runs with reuse rebuilt their model`);
    console.log(`      ${edits} edits, ${reusing} runs with reuse, ${moved} models moved, ${after.restarts - before.restarts} restarts`);
  });

  const files = (): Files => ({
    'index.js': `${HEAD}
const Writer = {
  handle(handlerInput) {
    handlerInput.attributesManager.getSessionAttributes().phone = ${slot('phone')};
    return handlerInput.responseBuilder.speak('saved').getResponse();
  },
};
const Reader = {
  handle(handlerInput) {
    console.log('phone', handlerInput.attributesManager.getSessionAttributes().phone);
    return handlerInput.responseBuilder.speak('ok').getResponse();
  },
};
const Speaker = {
  handle(handlerInput) {
    return handlerInput.responseBuilder.speak(\`Your email is \${${slot('email')}}\`).getResponse();
  },
};
const Plain = {
  handle(handlerInput) {
    return handlerInput.responseBuilder.speak('Hello there').getResponse();
  },
};
`,
  });

  it('moves the model for an edit that keeps every addition, and not for one that changes one', () => {
    const s = new Edited(files());
    s.models();
    const step = (from: string, to: string): { moved: boolean; flows: number } => {
      const i = s.text(0).indexOf(from);
      assert.ok(i >= 0, from);
      s.set(0, s.text(0).slice(0, i) + to + s.text(0).slice(i + from.length));
      const before = stats();
      const m = s.models();
      assert.equal(m.reused, m.fresh, `${from} → ${to}`);
      return { moved: stats().modelsMoved > before.modelsMoved, flows: (JSON.parse(m.reused) as { flows: unknown[] }).flows.length };
    };
    // The first re-check leaves the records the next ones use.
    step("'Hello there'", "'Hello there!'");
    const start = step("'Hello there!'", "'Hello there'");
    assert.ok(start.moved, 'a letter in a plain string');
    assert.ok(step("speak('ok')", "speak('okay')").moved, 'a letter in the reader, whose records read the session');
    assert.ok(step('`Your email', '`Now your email').moved, 'a letter in a template that carries a slot: the flow moves with its sink');
    // A flow added and removed by an evaluated entry point: the model is rebuilt, both times.
    const added = step("return handlerInput.responseBuilder.speak('Hello there')", `console.log(${slot('phone')});\n    return handlerInput.responseBuilder.speak('Hello there')`);
    assert.ok(!added.moved && added.flows > start.flows);
    const removed = step(`console.log(${slot('phone')});\n    `, '');
    assert.ok(!removed.moved && removed.flows === start.flows);
    // An entry point less: the rounds' entry points are not the previous ones.
    const fewer = step("const Plain = {\n  handle(handlerInput) {\n    return handlerInput.responseBuilder.speak('Hello there').getResponse();\n  },\n};\n", '');
    assert.ok(!fewer.moved && fewer.flows === start.flows);
    // And after a rebuild the records are at the current texts again: typing moves the model.
    assert.ok(step("speak('okay')", "speak('okay!')").moved);
  });

  it('moves records that lagged behind for hundreds of edits, past the kept history, to the right places', function () {
    this.timeout(60000);
    const s = new Edited(files());
    s.models();
    const before = stats();
    const r = new Random(4242);
    for (let k = 0; k < 230; k++) {
      // Typing at the end of the file's strings keeps most records at their first version.
      const text = s.text(0);
      const at = text.lastIndexOf("'Hello there") + 2;
      // Now and then a line above most records (a comment), which moves them.
      if (k % 50 === 25) s.set(0, text.replace('\nconst Reader', `\n// note ${k}\nconst Reader`));
      else s.set(0, k % 2 === 0 ? `${text.slice(0, at)}${r.pick(['a', 'b'])}${text.slice(at)}` : text.slice(0, at) + text.slice(at + 1));
      const b = stats().runsWithReuse;
      const m = s.models();
      // Every re-check but the first (which leaves the first records) reuses.
      if (k > 0) assert.equal(stats().runsWithReuse, b + 1, `edit ${k}`);
      if (m.reused !== m.fresh) assert.fail(`edit ${k}: the model differs from a fresh run`);
    }
    // A record older than the kept history is moved by a rebuild; the model is moved whole the rest of the time.
    const moved = stats().modelsMoved - before.modelsMoved;
    const reusing = stats().runsWithReuse - before.runsWithReuse;
    assert.ok(moved >= 200 && moved < reusing, `${moved} models moved in ${reusing} runs with reuse`);
    // Then an edit that changes the model moves every record over its history at once.
    const text = s.text(0);
    s.set(0, text.replace("speak('ok')", `speak('ok' + ${slot('color')})`));
    const m = s.models();
    assert.equal(m.reused, m.fresh);
    assert.ok(m.reused.includes('"slot":"color"'));
  });
});
