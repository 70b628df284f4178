import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DiskFileHost, decodeText } from '../../server/src/engine/host';

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

describe('host: DiskFileHost reads without exceptions for missing files', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-host-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a missing file is missing, a dangling or looping link is skipped with the reason, a folder is not a regular file', () => {
    const host = new DiskFileHost();
    fs.writeFileSync(path.join(dir, 'a.json'), '{}');
    fs.symlinkSync(path.join(dir, 'nowhere.json'), path.join(dir, 'dangling.json'));
    fs.symlinkSync(path.join(dir, 'loop2.json'), path.join(dir, 'loop1.json'));
    fs.symlinkSync(path.join(dir, 'loop1.json'), path.join(dir, 'loop2.json'));
    fs.mkdirSync(path.join(dir, 'sub'));
    assert.deepEqual(host.readText(path.join(dir, 'missing.json')), { kind: 'missing' });
    assert.deepEqual(host.readText(path.join(dir, 'no', 'such', 'folder', 'x.json')), { kind: 'missing' });
    assert.deepEqual(host.readText(path.join(dir, 'a.json', 'under-a-file.json')), { kind: 'missing' }, 'ENOTDIR is missing too');
    assert.deepEqual(host.readText(path.join(dir, 'dangling.json')), { kind: 'skipped', reason: 'it is a symbolic link that loops or points to nothing' });
    assert.deepEqual(host.readText(path.join(dir, 'loop1.json')), { kind: 'skipped', reason: 'it is a symbolic link that loops or points to nothing' });
    assert.deepEqual(host.readText(path.join(dir, 'sub')), { kind: 'skipped', reason: 'it is not a regular file' });
    assert.deepEqual(host.readText(path.join(dir, 'a.json')), { kind: 'text', text: '{}' });
    fs.rmSync(path.join(dir, 'a.json'));
    assert.deepEqual(host.readText(path.join(dir, 'a.json')), { kind: 'missing' }, 'a file deleted since it was read');
  });

  it('isDirectory: false for missing paths, links that go nowhere and files', () => {
    const host = new DiskFileHost();
    assert.equal(host.isDirectory(dir), true);
    assert.equal(host.isDirectory(path.join(dir, 'missing')), false);
    assert.equal(host.isDirectory(path.join(dir, 'dangling.json')), false);
    assert.equal(host.isDirectory(path.join(dir, 'loop1.json')), false);
    fs.writeFileSync(path.join(dir, 'f.txt'), 'x');
    assert.equal(host.isDirectory(path.join(dir, 'f.txt')), false);
    assert.equal(host.isDirectory(path.join(dir, 'f.txt', 'below')), false);
  });
});
