/**
 * Which files a check re-sends (server/src/lsp/publications.ts) when only a file that related
 * information points into changed: the model's finding points at the code that reads its slot;
 * typing elsewhere in that code leaves the diagnostic as it was, a line break before the read
 * moves it.
 */
import { strict as assert } from 'assert';
import { Finding } from '../../server/src/engine';
import { Snapshots, relatedPositions } from '../../server/src/lsp/convert';
import { Publications } from '../../server/src/lsp/publications';

const MODEL = '/skill/skill-package/interactionModels/custom/en-US.json';
const CODE = '/skill/lambda/index.js';
const MODEL_TEXT = '{\n  "name": "phone",\n  "type": "AMAZON.PhoneNumber"\n}\n';

function finding(codeText: string): Finding {
  const read = codeText.indexOf("getSlotValue(h, 'phone')");
  assert.ok(read >= 0);
  return {
    ruleId: 'personal-data-slot',
    messageId: 'slot',
    severity: 'warning',
    message: 'Slot `phone` (AMAZON.PhoneNumber) collects a phone number by voice; ask for the permission instead.',
    data: {},
    file: MODEL,
    offset: MODEL_TEXT.indexOf('"phone"'),
    length: 7,
    related: [{ file: CODE, offset: read, length: 24, message: 'read here' }],
    fixes: [],
  };
}

/** Plans the publication of the model's one finding with the code file at `codeText`. */
function plan(pubs: Publications, codeText: string, withRelated = true): string[] {
  const texts = new Map([
    [MODEL, MODEL_TEXT],
    [CODE, codeText],
  ]);
  const snaps = new Snapshots((f) => texts.get(f));
  const findings = [finding(codeText)];
  return pubs.plan('/skill', new Map([[MODEL, findings]]), () => undefined, (f) => texts.get(f), withRelated ? (f, list) => relatedPositions(f, list, snaps) : undefined).send;
}

describe('language server: files re-sent when a file their related information points into changes', () => {
  const code = "const a = 1;\nconst b = 2;\nconsole.log(getSlotValue(h, 'phone'));\nconst c = 3;\n";

  it('sends at first, then not again while the related range stays where it was shown', () => {
    const pubs = new Publications();
    assert.deepEqual(plan(pubs, code), [MODEL]);
    assert.deepEqual(plan(pubs, code), [], 'nothing changed');
    // Typing after the read: the code text changed, the related range did not move.
    assert.deepEqual(plan(pubs, code + 'const d = 4;\n'), []);
    assert.deepEqual(plan(pubs, code.replace('const c = 3', 'const c = 33')), []);
  });

  it('sends again when the related range moved with its offsets unchanged (a space before it became a line break)', () => {
    const pubs = new Publications();
    plan(pubs, code);
    const moved = code.replace('const b = 2;', 'const b =\n2;');
    assert.equal(moved.indexOf('console'), code.indexOf('console'), 'the same offsets: the finding is equal');
    assert.deepEqual(plan(pubs, moved), [MODEL], 'the read is a line lower');
    assert.deepEqual(plan(pubs, moved), [], 'and not again');
    assert.deepEqual(plan(pubs, code), [MODEL], 'back');
  });

  it('does not send for a moved related range when the client shows no related information', () => {
    const pubs = new Publications();
    plan(pubs, code, false);
    assert.deepEqual(plan(pubs, code.replace('const b = 2;', 'const b =\n2;'), false), []);
  });
});
