/**
 * From the second analysis of a skill on, the data-flow pass replays the entry points an edit
 * cannot have changed instead of evaluating them again (code/reuse.ts). Differential check: after
 * every edit of a chain of seeded random edits (letters typed into and deleted from strings, slot
 * and property names swapped, statements added and removed, syntax broken and mended) the model
 * is exactly the one a fresh run without any reuse gives, and the reuse really happens.
 */
import { strict as assert } from 'assert';
import { analyzeSkillCode, analyzeSkillCodeFresh, flowReuseStats, forgetCodeModel } from '../../server/src/engine/code/analyze';
import { clearParseCache } from '../../server/src/engine/code/parse';
import { Skill } from '../../server/src/engine/skill';
import { Random } from '../robustness/support';
import * as path from 'path';
import { CODE, ROOT, analysisOf } from './helpers';
import { Files, HEAD, randomEdit, randomSkill, slot } from './random-skill';

/** A skill whose files are edited in place, analysed as an editor re-checks it. */
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
  /** Adds a helper module, or removes it again. */
  toggleFile(): void {
    const file = path.join(CODE, 'extra.js');
    if (this.skill.code.some((c) => c.file === file)) this.skill.code = this.skill.code.filter((c) => c.file !== file);
    else this.skill.code = [...this.skill.code, { file, text: `const axios = require('axios');\nfunction extra(v) { return axios.post('https://extra.example.com', v); }\nmodule.exports = { extra };\n` }];
  }
  /** Entry points the re-checks replayed and evaluated. */
  replayed = 0;
  evaluated = 0;
  /** The reused model and a fresh one, as JSON. */
  models(): { reused: string; fresh: string } {
    const before = { ...flowReuseStats };
    const reused = JSON.stringify(analyzeSkillCode(this.skill));
    this.replayed += flowReuseStats.rootsReplayed - before.rootsReplayed;
    this.evaluated += flowReuseStats.rootsEvaluated - before.rootsEvaluated;
    return { reused, fresh: JSON.stringify(analyzeSkillCodeFresh(this.skill)) };
  }
}

function stats(): typeof flowReuseStats {
  return { ...flowReuseStats };
}

describe('reuse of entry points between runs of the data flow (code/analyze.ts, code/reuse.ts)', () => {
  afterEach(() => {
    forgetCodeModel(ROOT);
    clearParseCache();
  });

  it('gives the fresh model after every edit of 12 random edits in each of 300 seeded random skills', function () {
    this.timeout(240000);
    const before = stats();
    let edits = 0;
    let differing = 0;
    let replayed = 0;
    let evaluated = 0;
    for (let seed = 0; seed < 300; seed++) {
      const r = new Random(7000 + seed);
      // Every other skill has no entry point that writes module state (which turns reuse off).
      const s = new Edited(randomSkill(r, seed % 2 === 0));
      s.models();
      let last = '';
      for (let k = 0; k < 12; k++) {
        const i = r.int(s.skill.code.length);
        s.set(i, randomEdit(r, s.text(i)));
        // Now and then every file at once (a rename across files, a branch switch), or a file more or less.
        if (r.chance(0.1)) for (let j = 0; j < s.skill.code.length; j++) s.set(j, randomEdit(r, s.text(j)));
        if (r.chance(0.05)) s.toggleFile();
        const m = s.models();
        edits++;
        if (m.reused !== m.fresh) assert.fail(`seed ${7000 + seed}, edit ${k}: the model differs from a fresh run\n${s.skill.code.map((c) => c.text).join('\n---\n')}`);
        if (m.fresh !== last) differing++;
        last = m.fresh;
      }
      replayed += s.replayed;
      evaluated += s.evaluated;
    }
    const after = stats();
    // Not vacuous: the edits change models, and most entry points of most runs are replayed.
    assert.ok(differing >= edits / 3, `only ${differing} of ${edits} edits changed the model`);
    // (A skill whose entry points write module state, as many generated ones do, reuses nothing.)
    assert.ok(after.runsWithReuse - before.runsWithReuse >= edits / 4, `only ${after.runsWithReuse - before.runsWithReuse} of ${edits} runs reused anything`);
    assert.ok(replayed >= evaluated / 5, `${replayed} entry points replayed, ${evaluated} evaluated`);
    console.log(`      ${edits} edits, ${after.runsWithReuse - before.runsWithReuse} runs with reuse, ${replayed} entry points replayed, ${evaluated} evaluated, ${after.restarts - before.restarts} restarts`);
  });

  it('evaluates again what an edit of a helper, a module constant or a shared write changes', () => {
    const files: Files = {
      'index.js': `${HEAD}
const URL = 'https://api.one.example.com/v1';
function send(v) { return axios.post(URL, { v }); }
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
const Sender = {
  async handle(handlerInput) {
    await send(${slot('email')});
    return handlerInput.responseBuilder.speak('sent').getResponse();
  },
};
const Speaker = {
  handle(handlerInput) {
    return handlerInput.responseBuilder.speak(\`Your email is \${${slot('email')}}\`).getResponse();
  },
};
const LogResponse = {
  process(handlerInput, response) {
    console.log(JSON.stringify(response));
  },
};
`,
    };
    const s = new Edited(files);
    s.models();
    const flowsOf = (json: string): string[] => (JSON.parse(json) as { flows: Array<{ source: { kind: string; slot?: string; short: string }; sink: { description: string } }> }).flows.map((f) => `${f.source.kind} ${f.source.slot ?? f.source.short} → ${f.sink.description}`).sort();
    const step = (from: string, to: string): string[] => {
      const i = s.text(0).indexOf(from);
      assert.ok(i >= 0, from);
      s.set(0, s.text(0).slice(0, i) + to + s.text(0).slice(i + from.length));
      const m = s.models();
      assert.equal(m.reused, m.fresh, `${from} → ${to}`);
      return flowsOf(m.reused);
    };
    const start = step("speak('ok')", "speak('okay')");
    assert.ok(start.includes('slot email → `axios.post` to api.one.example.com'));
    assert.ok(start.includes('slot phone → `console.log`'), 'the session read back');
    assert.ok(start.includes('slot email → `console.log`'), 'the response logged');
    // A module constant: the entry point using it reports the new host.
    assert.ok(step('api.one.example.com', 'api.two.example.com').includes('slot email → `axios.post` to api.two.example.com'));
    // A helper: the entry point calling it sees the change.
    assert.ok(!step('{ v }', '{ w: 1 }').some((f) => f.startsWith('slot email → `axios.post`')));
    // A shared write: the reader no longer reads a phone back.
    assert.ok(!step('getSessionAttributes().phone = ', 'getSessionAttributes().other = ').includes('slot phone → `console.log`'));
    // What one handler speaks: the interceptor that logs the response sees it go.
    assert.ok(!step("speak(`Your email is ${Alexa.getSlotValue(handlerInput.requestEnvelope, 'email')}`)", "speak('Your email')").includes('slot email → `console.log`'));
  });

  it('takes the last model over, moved, across typing in console.log messages, and replays entry points after it', function () {
    this.timeout(120000);
    const before = stats();
    let edits = 0;
    let unseen = 0;
    let runs = 0;
    let replayed = 0;
    for (let seed = 0; seed < 40; seed++) {
      const r = new Random(9100 + seed);
      const s = new Edited(randomSkill(r, seed % 2 === 0));
      // Messages to type in, all over the file, with data logged after them (the sink's flows stay).
      s.set(0, s.text(0).replace(/^const H(\d+) = \{\n/gm, (m, i: string) => `console.log('module ${i}');\n${m}`).replace(/console\.log\(JSON\.stringify\(response\)\)/g, "console.log('response', JSON.stringify(response))"));
      s.models();
      for (let k = 0; k < 40; k++) {
        const i = r.int(s.skill.code.length);
        const text = s.text(i);
        const messages = [...text.matchAll(/console\.log\('([^'\n]*)/g)].map((m) => m.index! + "console.log('".length);
        // Mostly a letter typed into a log message or deleted from it, now and then any other edit.
        if (messages.length && r.chance(0.75)) {
          const p = r.pick(messages) + r.int(3);
          s.set(i, r.chance(0.6) || text[p] === "'" ? `${text.slice(0, p)}${r.pick(['x', 'é', ' ', 'q', '.', 'ttl'])}${text.slice(p)}` : `${text.slice(0, p)}${text.slice(p + 1)}`);
        } else s.set(i, randomEdit(r, text));
        const was = stats();
        const m = s.models();
        edits++;
        if (m.reused !== m.fresh) assert.fail(`seed ${9100 + seed}, edit ${k}: the model differs from a fresh run\n${s.skill.code.map((c) => c.text).join('\n---\n')}`);
        const now = stats();
        if (now.unseenEdits > was.unseenEdits) unseen++;
        else if (now.runsWithReuse > was.runsWithReuse) runs++;
        replayed += now.rootsReplayed - was.rootsReplayed;
      }
    }
    // Not vacuous: most message edits took the model over, and runs after them still replayed.
    assert.ok(unseen >= edits / 3, `only ${unseen} of ${edits} edits were unseen`);
    assert.ok(runs >= edits / 10 && replayed > 0, `${runs} runs with reuse after unseen edits, ${replayed} entry points replayed`);
    console.log(`      ${edits} edits, ${unseen} unseen, ${runs} runs with reuse, ${replayed} entry points replayed, ${stats().restarts - before.restarts} restarts`);
  });

  it('runs again after 32 unseen edits in a row, moving what it replays over each of them', () => {
    const quiet = (name: string): string => `const ${name} = {\n  handle(handlerInput) {\n    console.log(${slot('email')});\n    return handlerInput.responseBuilder.speak('${name}').getResponse();\n  },\n};\n`;
    const s = new Edited({
      'index.js': `${HEAD}
const Far = {
  handle(handlerInput) {
    console.log('far');
    return handlerInput.responseBuilder.speak('far').getResponse();
  },
};
${quiet('Middle')}
const Logger = {
  handle(handlerInput) {
    console.log('message', ${slot('phone')});
    return handlerInput.responseBuilder.speak('ok').getResponse();
  },
};
${quiet('End')}`,
    });
    s.models();
    // The first run after the first analysis leaves the memory the unseen edits add to.
    s.set(0, s.text(0).replace("speak('ok')", "speak('okay')"));
    s.models();
    const before = stats();
    const counts = (): [number, number] => [s.replayed, s.evaluated];
    let at32: [number, number] = [0, 0];
    for (let k = 0; k < 40; k++) {
      // Alternately before and after Middle: one change spanning both would leave Middle's positions without a counterpart.
      const at = k % 2 === 0 ? "'far" : "'message";
      s.set(0, s.text(0).replace(at, `${at}${k % 10}`));
      const was = counts();
      const m = s.models();
      assert.equal(m.reused, m.fresh, `edit ${k}`);
      if (k === 32) at32 = [s.replayed - was[0], s.evaluated - was[1]];
    }
    const after = stats();
    assert.equal(after.unseenEdits - before.unseenEdits, 39, 'every edit but the 33rd');
    assert.equal(after.runsWithReuse - before.runsWithReuse, 1);
    // Far and Logger were made anew by the incremental parse; Middle and End, moved over 33 edits, are replayed.
    assert.deepEqual(at32, [2, 2]);
    // An edit the flow sees: the same, over the 7 unseen edits since.
    const was = counts();
    s.set(0, s.text(0).replace("speak('far')", "speak('near')"));
    const m = s.models();
    assert.equal(m.reused, m.fresh);
    assert.ok(m.fresh.includes('"short":"email"') && m.fresh.includes('"short":"phone"'));
    assert.deepEqual([s.replayed - was[0], s.evaluated - was[1]], [2, 2]);
  });

  it('runs the data flow for edits of a console the skill binds, of speech, and of what it reads in the text', () => {
    const check = (files: Files, edits: Array<[string, string]>, seen: boolean): void => {
      const s = new Edited(files);
      s.models();
      s.set(0, `${s.text(0)}\n`);
      s.models();
      for (const [from, to] of edits) {
        const before = stats();
        assert.ok(s.text(0).includes(from), from);
        s.set(0, s.text(0).replace(from, to));
        const m = s.models();
        assert.equal(m.reused, m.fresh, `${from} → ${to}`);
        assert.equal(stats().unseenEdits - before.unseenEdits, seen ? 0 : 1, `${from} → ${to}`);
      }
    };
    // A console of the skill's own sends its argument: the message is the host.
    const bound = `${HEAD}
const console = { log(to) { return axios.post(to, { phone: this.phone }); } };
const H = {
  handle(handlerInput) {
    console.phone = ${slot('phone')};
    console.log('api.one.example.com');
    return handlerInput.responseBuilder.getResponse();
  },
};
`;
    check({ 'index.js': bound }, [['api.one.example', 'api.onex.example'], ['api.onex.example', 'api.one.example']], true);
    check({ 'index.js': bound.replace('const console = ', 'var logger = ').replace('console.phone', 'logger.phone').replace("console.log('", "logger.log('") }, [['api.one.example', 'api.onex.example']], true);
    const plain = `${HEAD}
const H = {
  handle(handlerInput) {
    console.log('hello', ${slot('phone')});
    return handlerInput.responseBuilder.speak('hi there').getResponse();
  },
};
`;
    // A parameter named console, a speech edit, and words the pass reads from the whole text.
    check({ 'index.js': plain.replace('handle(handlerInput)', 'handle(handlerInput, console = globalThis.console)') }, [["'hello'", "'hellox'"]], true);
    check({ 'index.js': plain }, [["'hi there'", "'hi thereq'"], ['hello', 'this.attributes.expiresAt = 1'], ['this.attributes.expiresAt = 1', 'hello']], true);
    check({ 'index.js': plain }, [["'hello'", "'hello there'"], ["'hello there'", "'hello'"]], false);
  });

  it('starts again without reuse when an edit makes an entry point change module state', () => {
    const files: Files = {
      'index.js': `${HEAD}
const cache = {};
const A = {
  handle(handlerInput) {
    console.log(cache.phone);
    return handlerInput.responseBuilder.speak('a').getResponse();
  },
};
const B = {
  handle(handlerInput) {
    return handlerInput.responseBuilder.speak('b').getResponse();
  },
};
`,
    };
    const s = new Edited(files);
    s.models();
    // The first re-check leaves the records the next one replays.
    s.set(0, s.text(0).replace("speak('a')", "speak('aa')"));
    s.models();
    const before = stats();
    s.set(0, s.text(0).replace("return handlerInput.responseBuilder.speak('b')", `cache.phone = ${slot('phone')};\n    handlerInput.attributesManager.getSessionAttributes().seen = ${slot('email')};\n    return handlerInput.responseBuilder.speak('b')`));
    const m = s.models();
    assert.equal(m.reused, m.fresh);
    assert.equal(stats().restarts - before.restarts, 1);
    assert.ok(m.fresh.includes('"description":"`console.log`"'), 'A reads what B now writes');
  });
});
