import { strict as assert } from 'assert';
import { decodeText } from '../../server/src/engine/host';

describe('host: decodeText', () => {
  it('text with a few undecodable bytes is kept, with replacement characters; one mostly undecodable is skipped', () => {
    const bad = Buffer.from([0xff]);
    // 1 bad byte in 10 characters is not more than a tenth; 2 in 10 is.
    const few = Buffer.concat([Buffer.from('abcd'), bad, Buffer.from('efghi')]);
    const r = decodeText(few);
    assert.equal(r.kind, 'text');
    assert.equal(r.kind === 'text' && r.text, 'abcd\ufffdefghi');
    assert.deepEqual(decodeText(Buffer.concat([bad, Buffer.from('abcd'), bad, Buffer.from('efgh')])), { kind: 'skipped', reason: 'it is not UTF-8 text' });
    // Replacement characters spread over the whole text are all counted, the last one included.
    const spread = Buffer.concat([bad, Buffer.from('abcdefgh'), bad]);
    assert.equal(decodeText(spread).kind, 'skipped');
    assert.equal(decodeText(Buffer.concat([Buffer.from('abcdefghijklmnopqrs'), bad])).kind, 'text');
  });

  it('a NUL byte in the first 8 KiB marks a binary file', () => {
    assert.equal(decodeText(Buffer.from('a\0b')).kind, 'skipped');
    assert.equal(decodeText(Buffer.from('plain text')).kind, 'text');
  });
});
