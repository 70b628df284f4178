import { strict as assert } from 'assert';
import {
  CATEGORIES,
  TextMatch,
  classifyFreeForm,
  classifyIdentifier,
  classifySlot,
  findDataMentions,
  findDataRequest,
  splitIdentifier,
} from '../../server/src/engine/taxonomy';

/**
 * These functions run on every keystroke over user text: they must never throw, never return a
 * span outside the text, and stay linear on adversarial input (no timing asserts here: only
 * correctness, so the suite does not flake on a slow machine).
 */
const LOCALES = ['en-US', 'de-DE', 'fr-FR', 'es-ES', 'it-IT', 'pt-BR', 'ja-JP', 'hi-IN', 'en-IN', 'xx'];

function checkMatch(text: string, m: TextMatch | undefined): void {
  if (!m) {
    return;
  }
  assert.ok(m.category in CATEGORIES, m.category);
  assert.ok(Number.isInteger(m.offset) && Number.isInteger(m.length), JSON.stringify(m));
  assert.ok(m.offset >= 0 && m.length > 0 && m.offset + m.length <= text.length, `${m.offset}+${m.length} in ${text.length}`);
  assert.ok(typeof m.reason === 'string' && m.reason.length > 0 && m.reason.length < 300, m.reason);
}

function checkText(text: string): void {
  for (const locale of LOCALES) {
    checkMatch(text, findDataRequest(text, locale));
    for (const m of findDataMentions(text, locale)) {
      checkMatch(text, m);
    }
  }
}

const BIG = 100_000;

const ADVERSARIAL: [string, string][] = [
  ['one 100,000-letter word', 'a'.repeat(BIG)],
  ['100,000 opening braces', '{'.repeat(BIG)],
  ['unclosed slot references', '{a'.repeat(BIG / 2)],
  ['long unclosed slot references', `{${'a'.repeat(70)}`.repeat(BIG / 71)],
  ['100,000 apostrophes', "'".repeat(BIG)],
  ['100,000 question marks', '?'.repeat(BIG)],
  ['100,000 dots', '.'.repeat(BIG)],
  ['a term repeated', 'password '.repeat(BIG / 9)],
  ['a request repeated', 'what is your '.repeat(BIG / 13)],
  ['a negated request repeated', 'never tell me your pin '.repeat(BIG / 23)],
  ['German compound repeated', 'Festnetztelefonnummer'.repeat(BIG / 21)],
  ['German long words', `${'x'.repeat(39)}telefonnummer `.repeat(BIG / 53)],
  ['ß', 'ß'.repeat(BIG)],
  ['combining accents', 'e\u0301'.repeat(BIG / 2)],
  ['ligatures that fold to several letters', 'ﬁ'.repeat(BIG)],
  ['a character that folds to eighteen', '\ufdfa'.repeat(BIG / 10)],
  ['Japanese term repeated', '電話番号'.repeat(BIG / 4)],
  ['Japanese request repeated', '電話番号を教えて'.repeat(BIG / 8)],
  ['Devanagari with nukta', 'फ़ोन नंबर '.repeat(BIG / 10)],
  ['lone surrogates', '\ud800'.repeat(BIG / 2) + '\udc00'.repeat(BIG / 2)],
  ['emoji', '😀'.repeat(BIG / 2)],
  ['slot marks', '\u0001'.repeat(BIG)],
  ['byte order marks', '\ufeff'.repeat(BIG)],
  ['child words and terms alternating', "son's name ".repeat(BIG / 11)],
  ['newlines', '\n'.repeat(BIG)],
  ['mixed scripts', 'my 電話番号 is मेरा नाम {x} ß ﬁ? '.repeat(BIG / 30)],
];

describe('taxonomy: robustness', () => {
  for (const [label, text] of ADVERSARIAL) {
    it(`text: ${label}`, () => checkText(text));
  }

  it('finds data in adversarial text correctly', () => {
    const text = `${'{'.repeat(1000)} what is your phone number?`;
    const m = findDataRequest(text, 'en-US');
    assert.equal(m?.category, 'phone');
    assert.equal(text.slice(m.offset, m.offset + m.length), 'phone number');
    const many = findDataMentions('password '.repeat(1000), 'en-US');
    assert.equal(many.length, 1000);
    assert.equal(findDataMentions('電話番号'.repeat(1000), 'ja-JP').length, 1000);
  });

  it('keeps offsets right after characters that fold to several', () => {
    const text = 'ﬁﬁ ßß \ufdfa Straße: meine Telefonnummer?';
    const [m] = findDataMentions(text, 'de-DE').filter((x) => x.category === 'phone');
    assert.equal(text.slice(m.offset, m.offset + m.length), 'Telefonnummer');
    const text2 = 'Ｗｈａｔ ｉｓ ｙｏｕｒ ｐｈｏｎｅ ｎｕｍｂｅｒ？';
    const r = findDataRequest(text2, 'en-US');
    assert.equal(r?.category, 'phone');
    assert.equal(text2.slice(r.offset, r.offset + r.length), 'ｐｈｏｎｅ ｎｕｍｂｅｒ');
  });

  it('identifiers of any size', () => {
    for (const id of ['a'.repeat(BIG), 'aB'.repeat(BIG / 2), '_'.repeat(BIG), '1'.repeat(BIG), 'phoneNumber'.repeat(BIG / 11), '\ud800', '😀phone']) {
      classifyIdentifier(id);
      assert.ok(splitIdentifier(id).length <= 256);
    }
  });

  it('slots with huge or odd inputs', () => {
    const big = {
      name: 'x'.repeat(BIG),
      type: 'Y'.repeat(BIG),
      locale: 'de-DE',
      samples: ['{'.repeat(BIG), `{${'x'.repeat(BIG)}}`, 'my birthday '.repeat(BIG / 12)],
      customValues: new Array<string>(20_000).fill('word word word word'),
      prompts: ['what is your '.repeat(BIG / 13)],
    };
    classifySlot(big);
    classifyFreeForm(big);
    // Fields a hand-written model may lack or get wrong.
    const odd = { name: undefined, type: null, locale: undefined, samples: [null, 1, '{x}'], customValues: [null, 2], prompts: [undefined] } as unknown as Parameters<typeof classifySlot>[0];
    assert.equal(classifySlot(odd), undefined);
    assert.equal(classifyFreeForm(odd), undefined);
    assert.equal(classifySlot({ name: 'x', type: 'AMAZON.DATE', locale: 'en-US', samples: undefined } as unknown as Parameters<typeof classifySlot>[0]), undefined);
  });

  it('random text never breaks an invariant', () => {
    const alphabet = ['a', 'e', ' ', '{', '}', "'", '’', '?', '.', ',', 'ß', 'ﬁ', '\u0301', '\ud83d', '電', '話', '番', '号', 'を', '教', 'え', 'て', 'फ़', 'ो', 'न', '\n', 'your', 'what is', 'pin', 'never', "son's", 'name', 'Telefon', 'nummer', '¿', 'é', 'नंबर', '\u0001'];
    let seed = 42;
    const random = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let i = 0; i < 400; i++) {
      let text = '';
      const len = random(60);
      for (let k = 0; k < len; k++) {
        text += alphabet[random(alphabet.length)];
      }
      checkText(text);
      classifyIdentifier(text);
      classifySlot({ name: text, type: text, locale: LOCALES[random(LOCALES.length)], samples: [text, `${text}{${text}}`], prompts: [text], customValues: [text, text] });
    }
  });
});
