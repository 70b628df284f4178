/**
 * Line directives in handler code (`skill-privacy-disable-line`, `-next-line`) on the first line,
 * in the middle and on the last line of a file without a final newline: the line of each finding is
 * found by a binary search over line starts (engine/suppressions.ts).
 */
import { strict as assert } from 'assert';
import rule from '../../server/src/engine/rules/voice-data-logged';
import { codeSkill } from '../helpers/code-skill';
import { lintFiles } from '../helpers/rule-tester';

const LOG = "console.log(Alexa.getSlotValue(handlerInput.requestEnvelope, 'phone'));";

function handler(lines: string[]): string {
  return [
    "const Alexa = require('ask-sdk-core');",
    'exports.handler = Alexa.SkillBuilders.custom().addRequestHandlers({',
    "  canHandle(handlerInput) { return Alexa.getRequestType(handlerInput.requestEnvelope) === 'IntentRequest'; },",
    '  handle(handlerInput) {',
    ...lines.map((l) => `    ${l}`),
    "    return handlerInput.responseBuilder.speak('Done.').getResponse();",
    '  },',
    '}).lambda();',
  ].join('\n');
}

const lines = (text: string): number[] =>
  lintFiles(codeSkill({ 'index.js': text }), rule).findings.map((f) => text.slice(0, f.offset).split('\n').length);

describe('line directives in code', () => {
  const logs = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? LOG : `const pad${i} = ${i};`));
  const all = lines(handler(logs));

  it('every logged slot value is found without directives', () => {
    assert.equal(all.length, 20);
  });

  it('disable-line and disable-next-line drop exactly the findings of their lines', () => {
    const edited = [...logs];
    edited[0] = `${LOG} // skill-privacy-disable-line voice-data-logged`;
    edited[19] = '// skill-privacy-disable-next-line voice-data-logged';
    edited[39] = '// skill-privacy-disable-next-line';
    const text = handler(edited);
    const got = lines(text);
    // Line 5 (first log) is disabled on its line; the log after the directive on line 24 (index 20)
    // and the directive on line 44 covers the `return` line, which logs nothing.
    assert.deepEqual(got, all.filter((l) => l !== 5 && l !== 25));
  });

  it('a directive on the last line of a file without a final newline is read', () => {
    const text = `const Alexa = require('ask-sdk-core');\nexports.handler = (event) => { console.log(event.request.intent.slots.phone.value); }; // skill-privacy-disable-line`;
    const plain = text.replace(' // skill-privacy-disable-line', '');
    assert.ok(lines(plain).length >= 1, 'the unsuppressed line is a finding');
    assert.deepEqual(lines(text), []);
  });
});
