import { strict as assert } from 'assert';
import { errorText } from '../../server/src/engine';

describe('errorText: what an internal error says in a log', () => {
  it('an Error: its stack, which starts with its name and message', () => {
    const e = new TypeError('boom');
    assert.equal(errorText(e), e.stack);
    assert.match(errorText(e), /^TypeError: boom\n\s+at /);
  });

  it('an Error without a stack: its message', () => {
    const e = new Error('no stack here');
    e.stack = undefined;
    assert.equal(errorText(e), 'no stack here');
  });

  it('anything else thrown: the value as a string', () => {
    assert.equal(errorText('a string'), 'a string');
    assert.equal(errorText(42), '42');
    assert.equal(errorText(undefined), 'undefined');
    assert.equal(errorText({ toString: () => 'custom' }), 'custom');
  });
});
