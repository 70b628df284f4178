/**
 * The data-flow pass runs its entry points a second time when one of them put personal data in
 * the session or the response, so that those analysed before see it (code/analyze.ts). Only the
 * entry points that obtained a shared object (session or v1 attributes, the response, the `this`
 * of a class method) run again, unless an entry point changed state reachable from the modules'
 * scopes, when all run again. Differential check: over hand-written cases and seeded random
 * skills built from the ways real handlers share data, the model equals the one of a second round
 * over every entry point, and the second round really matters for many of them.
 */
import { strict as assert } from 'assert';
import { analyzeSkillCode, analyzeSkillCodeWithSecondRound } from '../../server/src/engine/code/analyze';
import { clearParseCache } from '../../server/src/engine/code/parse';
import { Random } from '../robustness/support';
import { analysisOf } from './helpers';
import { HEAD, randomSkill, slot } from './random-skill';

type Files = Record<string, string>;


function models(files: Files): { readers: string; all: string; none: string } {
  clearParseCache();
  const skill = analysisOf(files).skill;
  return {
    readers: JSON.stringify(analyzeSkillCode(skill)),
    all: JSON.stringify(analyzeSkillCodeWithSecondRound(skill, 'all')),
    none: JSON.stringify(analyzeSkillCodeWithSecondRound(skill, 'none')),
  };
}

/** The model's flows, as `source kind, slot → sink description`. */
function flowsOf(files: Files): string[] {
  clearParseCache();
  const m = analyzeSkillCode(analysisOf(files).skill);
  return m.flows.map((f) => `${f.source.kind} ${f.source.slot ?? f.source.short} → ${f.sink.description}`).sort();
}


describe('second round of the data flow (code/analyze.ts)', () => {
  afterEach(() => clearParseCache());

  it('finds what a handler reads from the session before another handler writes it there', () => {
    const files = {
      'index.js': `${HEAD}
const ReadHandler = {
  handle(handlerInput) {
    const s = handlerInput.attributesManager.getSessionAttributes();
    console.log('phone was', s.phone);
    return handlerInput.responseBuilder.speak('ok').getResponse();
  },
};
const WriteHandler = {
  handle(handlerInput) {
    const s = handlerInput.attributesManager.getSessionAttributes();
    s.phone = ${slot('phone')};
    return handlerInput.responseBuilder.speak('saved').getResponse();
  },
};
`,
    };
    const m = models(files);
    assert.equal(m.readers, m.all);
    assert.notEqual(m.none, m.all, 'the second round is what finds it');
    // The slot as it was read, and the session attribute it was read back as.
    assert.deepEqual(flowsOf(files), ['attribute phone → `console.log`', 'slot phone → `console.log`']);
  });

  it('finds what a response interceptor logs that handlers after it spoke', () => {
    const files = {
      'index.js': `${HEAD}
const LogResponse = {
  process(handlerInput, response) {
    console.log(JSON.stringify(response));
  },
};
const SpeakHandler = {
  handle(handlerInput) {
    return handlerInput.responseBuilder.speak(\`Your email is \${${slot('email')}}\`).getResponse();
  },
};
`,
    };
    const m = models(files);
    assert.equal(m.readers, m.all);
    assert.notEqual(m.none, m.all);
    assert.deepEqual(flowsOf(files), ['slot email → `console.log`']);
  });

  it('runs a helper that logs the response it gets from getResponse() again, but not a handler that only returns it', () => {
    const files = {
      'index.js': `${HEAD}
function reply(handlerInput, text) {
  return handlerInput.responseBuilder.speak(text).getResponse();
}
const AuditHandler = {
  handle(handlerInput) {
    const r = reply(handlerInput, 'Checking.');
    console.log('audit', r);
    return r;
  },
};
const SpeakHandler = {
  async handle(handlerInput) {
    return await (handlerInput.responseBuilder.speak(${slot('email')}).getResponse());
  },
};
`,
    };
    const m = models(files);
    assert.equal(m.readers, m.all);
    assert.notEqual(m.none, m.all);
    assert.deepEqual(flowsOf(files), ['slot email → `console.log`']);
  });

  it('runs every entry point again when one changed module state (a cache object, a closure, an array)', () => {
    for (const [write, read] of [
      [`cache.phone = ${slot('phone')};`, `console.log(cache.phone);`],
      [`box.set(${slot('phone')});`, `console.log(box.get());`],
      [`events.push(${slot('phone')});`, `axios.post('https://collect.example.com/e', events);`],
      [`lastPhone = ${slot('phone')};`, `console.log(lastPhone);`],
    ]) {
      const files = {
        'index.js': `${HEAD}
const cache = {};
const events = [];
let lastPhone;
const box = (() => { let v; return { set(x) { v = x; }, get() { return v; } }; })();
const Reader = {
  handle(handlerInput) {
    ${read}
    return handlerInput.responseBuilder.speak('ok').getResponse();
  },
};
const Writer = {
  handle(handlerInput) {
    ${write}
    const s = handlerInput.attributesManager.getSessionAttributes();
    s.last = ${slot('phone')};
    return handlerInput.responseBuilder.speak('ok').getResponse();
  },
};
`,
      };
      const m = models(files);
      assert.equal(m.readers, m.all, write);
      assert.notEqual(m.none, m.all, `${write}: the second round matters`);
      assert.deepEqual(flowsOf(files).filter((f) => f.startsWith('slot ')), [`slot phone → ${write.startsWith('events') ? '`axios.post` to collect.example.com' : '`console.log`'}`], write);
    }
  });

  it('runs the methods of a class again: they share one instance', () => {
    const files = {
      'index.js': `${HEAD}
class Profile {
  show() { console.log('phone', this.phone); }
  remember(handlerInput) {
    this.phone = ${slot('phone')};
    handlerInput.attributesManager.getSessionAttributes().phone = this.phone;
  }
}
module.exports = { Profile };
`,
    };
    const m = models(files);
    assert.equal(m.readers, m.all);
    assert.notEqual(m.none, m.all);
  });

  it('runs every entry point again when module state nests deeper than its fingerprint follows', function () {
    this.timeout(60000);
    const chain = Array.from({ length: 600 }, (_, i) => `node = { next: node, n${i % 7}: ${i} };`).join('\n');
    const files = {
      'index.js': `${HEAD}
let node = {};
${chain}
const Reader = {
  handle(handlerInput) {
    console.log(handlerInput.attributesManager.getSessionAttributes().phone, node.next);
    return handlerInput.responseBuilder.getResponse();
  },
};
const Writer = {
  handle(handlerInput) {
    handlerInput.attributesManager.getSessionAttributes().phone = ${slot('phone')};
    return handlerInput.responseBuilder.getResponse();
  },
};
`,
    };
    const m = models(files);
    assert.equal(m.readers, m.all);
    assert.deepEqual(flowsOf(files), ['attribute phone → `console.log`', 'slot phone → `console.log`']);
  });

  it('gives the model of a second round over every entry point for 300 seeded random skills', function () {
    this.timeout(120000);
    let mattered = 0;
    let flows = 0;
    for (let seed = 0; seed < 300; seed++) {
      const files = randomSkill(new Random(9000 + seed));
      const m = models(files);
      if (m.readers !== m.all) assert.fail(`seed ${9000 + seed}: the model differs from a second round over every entry point\n${Object.values(files).join('\n---\n')}`);
      if (m.none !== m.all) mattered++;
      flows += (JSON.parse(m.all) as { flows: unknown[] }).flows.length;
    }
    // The generator must produce skills where the second round finds something, or nothing was tested.
    assert.ok(mattered >= 60, `the second round mattered in only ${mattered} of 300 skills`);
    assert.ok(flows >= 400, `only ${flows} flows in 300 skills`);
  });
});
