import { strict as assert } from 'assert';
import { DataCategory, TextMatch, findDataMentions, findDataRequest } from '../../server/src/engine/taxonomy';

/** [text, category, the words of `text` the match must span]. */
export type TextCase = [string, DataCategory, string];

/** The text a match spans. */
export function spanned(text: string, m: TextMatch): string {
  return text.slice(m.offset, m.offset + m.length);
}

export function assertMention(text: string, locale: string, category: DataCategory, words: string): void {
  const found = findDataMentions(text, locale);
  const m = found.find((x) => x.category === category);
  assert.ok(m, `${locale} ${JSON.stringify(text)}: expected a ${category} mention, got ${JSON.stringify(found)}`);
  assert.equal(spanned(text, m), words, `${locale} ${JSON.stringify(text)}: span`);
}

export function assertNoMention(text: string, locale: string): void {
  assert.deepEqual(findDataMentions(text, locale), [], `${locale} ${JSON.stringify(text)}`);
}

export function assertRequest(text: string, locale: string, category: DataCategory, words: string): TextMatch {
  const m = findDataRequest(text, locale);
  assert.ok(m, `${locale} ${JSON.stringify(text)}: expected a request for ${category}`);
  assert.equal(m.category, category, `${locale} ${JSON.stringify(text)}: ${JSON.stringify(m)}`);
  assert.equal(spanned(text, m), words, `${locale} ${JSON.stringify(text)}: span`);
  return m;
}

export function assertNoRequest(text: string, locale: string): void {
  const m = findDataRequest(text, locale);
  assert.equal(m, undefined, `${locale} ${JSON.stringify(text)}: ${JSON.stringify(m)}`);
}
