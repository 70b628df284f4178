import { strict as assert } from 'assert';
import { CATEGORIES, DataCategory, findDataMentions, findDataRequest } from '../../server/src/engine/taxonomy';
import { IDENTIFIER_TERMS, REGION_TERMS, VOCABULARIES } from '../../server/src/engine/taxonomy/vocabulary';

const LOCALES: Record<string, string> = { en: 'en-US', de: 'de-DE', fr: 'fr-FR', es: 'es-ES', it: 'it-IT', pt: 'pt-BR', ja: 'ja-JP', hi: 'hi-IN' };
/** A term of each language to build requests from. */
const PHONE: Record<string, string> = {
  en: 'phone number',
  de: 'Telefonnummer',
  fr: 'numéro de téléphone',
  es: 'número de teléfono',
  it: 'numero di telefono',
  pt: 'número de telefone',
  ja: '電話番号',
  hi: 'फ़ोन नंबर',
};

/** Categories a phrase may legitimately resolve to when another list holds it too. */
function plain(phrase: string): boolean {
  return !phrase.includes('$');
}

describe('taxonomy: vocabularies', () => {
  it('cover every language the design names', () => {
    assert.deepEqual(Object.keys(VOCABULARIES).sort(), ['de', 'en', 'es', 'fr', 'hi', 'it', 'ja', 'pt']);
  });

  for (const [lang, vocab] of Object.entries(VOCABULARIES)) {
    const locale = LOCALES[lang];
    describe(lang, () => {
      it('has words for the personal categories', () => {
        const expected: DataCategory[] = ['name', 'email', 'phone', 'address', 'location', 'birthdate', 'age', 'health', 'financial', 'government-id', 'credentials'];
        for (const c of expected) {
          assert.ok((vocab.terms[c] ?? []).length > 0, `${lang} has no ${c} words`);
        }
        assert.ok(vocab.children.length >= 5, `${lang} children`);
        assert.ok(vocab.negations.length > 0, `${lang} negations`);
        assert.ok(vocab.cuesBefore.length + vocab.cuesAfter.length >= 5, `${lang} request words`);
      });

      it('every plain term is found in itself, as its own category', () => {
        const problems: string[] = [];
        for (const [category, list] of Object.entries(vocab.terms)) {
          for (const phrase of (list ?? []).filter(plain)) {
            const regional = Object.values(REGION_TERMS[locale.split('-')[1]] ?? {}).some((l) => l?.includes(phrase));
            if (regional) {
              continue;
            }
            const found = findDataMentions(phrase, locale);
            const ok = found.some((m) => (m.category === category || (m.category === 'children' && category !== 'children')) && m.offset === 0 && m.length === phrase.length);
            if (!ok) {
              problems.push(`${category} "${phrase}" → ${JSON.stringify(found.map((m) => [m.category, phrase.slice(m.offset, m.offset + m.length)]))}`);
            }
          }
        }
        assert.deepEqual(problems, []);
      });

      it('every phrase that asks by itself is a request', () => {
        const problems: string[] = [];
        for (const [category, list] of Object.entries(vocab.asks ?? {})) {
          for (const phrase of (list ?? []).filter(plain)) {
            const m = findDataRequest(phrase, locale);
            if (m?.category !== category) {
              problems.push(`${category} "${phrase}" → ${JSON.stringify(m)}`);
            }
          }
        }
        assert.deepEqual(problems, []);
      });

      it('every request word makes a request of the data next to it, and a negation undoes it', () => {
        const problems: string[] = [];
        const term = PHONE[lang];
        const sep = vocab.mode === 'chars' ? '' : ' ';
        for (const cue of vocab.cuesBefore) {
          const text = `${cue}${sep}${term}`;
          if (findDataRequest(text, locale)?.category !== 'phone') {
            problems.push(`before: ${text}`);
          }
          for (const neg of vocab.negations) {
            const negatedText = `${cue} ${neg} ${term}`;
            if (findDataRequest(negatedText, locale)) {
              problems.push(`negated: ${negatedText}`);
            }
          }
        }
        for (const cue of vocab.cuesAfter) {
          const text = `${term}${sep}${cue}`;
          if (findDataRequest(text, locale)?.category !== 'phone') {
            problems.push(`after: ${text}`);
          }
        }
        assert.deepEqual(problems, []);
      });

      it('no plain phrase is listed under two categories', () => {
        const seen = new Map<string, string>();
        const problems: string[] = [];
        for (const [category, list] of Object.entries(vocab.terms)) {
          for (const phrase of list ?? []) {
            const key = phrase.toLowerCase();
            if (seen.has(key) && seen.get(key) !== category) {
              problems.push(`${phrase}: ${seen.get(key)} and ${category}`);
            }
            seen.set(key, category);
          }
        }
        assert.deepEqual(problems, []);
      });
    });
  }

  it('identifier terms name real categories', () => {
    for (const t of IDENTIFIER_TERMS) {
      assert.ok(t.category === null || t.category in CATEGORIES, t.words);
      assert.equal(t.words, t.words.toLowerCase(), t.words);
    }
  });
});
