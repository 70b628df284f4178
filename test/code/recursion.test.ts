/**
 * Recursion in the data flow (code/analyze.ts `callFn`): a call whose memo key is already under
 * way (kept as a stack of keys: calls nest) returns what its arguments carry instead of entering
 * the function again. The flow then shows one pass through the function; cut only by the depth
 * limit it would show eight (the most a flow keeps) steps into it, as it does where each call's
 * arguments differ.
 */
import { strict as assert } from 'assert';
import { analyzeSkillCodeFresh } from '../../server/src/engine/code/analyze';
import { clearParseCache } from '../../server/src/engine/code/parse';
import { analysisOf } from './helpers';

function steps(code: string): string[][] {
  clearParseCache();
  const m = analyzeSkillCodeFresh(analysisOf({ 'index.js': code }).skill);
  clearParseCache();
  return m.flows.map((f) => f.steps.map((s) => s.message));
}

const handler = (body: string): string =>
  `const Alexa = require('ask-sdk-core');\n${body}\nexports.H = {\n  handle(handlerInput) {\n    const phone = Alexa.getSlotValue(handlerInput.requestEnvelope, 'phone');\n    console.log(relay(phone, 3));\n  },\n};\n`;

describe('recursion in the data flow (code/analyze.ts callFn)', () => {
  it('a call already under way returns what its arguments carry: one pass through the function', () => {
    assert.deepEqual(steps(handler("function relay(x, n) { if (n) return relay(x, n - 1); return 'done'; }")), [['passed to `relay()` as `x`', 'returned by `relay()`', 'returned by `relay()`']]);
  });

  it('mutual recursion: each function entered once per key', () => {
    const code = handler("function relay(x, n) { return n ? other(x, n) : 'done'; }\nfunction other(y, n) { return relay(y, n - 1); }");
    assert.deepEqual(steps(code), [['passed to `relay()` as `x`', 'passed to `other()` as `y`', 'returned by `relay()`', 'returned by `other()`', 'returned by `relay()`']]);
  });

  it('a recursive call with other arguments (a string that grows) is entered again, down to the depth limit', () => {
    const code = handler("function relay(x, n) { return n > 0 ? relay2(x) : x; }\nfunction relay2(y) { return relay(y + '!', 0); }");
    const pass = ['passed to `relay()` as `x`', 'passed to `relay2()` as `y`'];
    assert.deepEqual(steps(code), [[...pass, ...pass, ...pass, ...pass]]);
  });
});
