import { strict as assert } from 'assert';
import { DataCategory, builtInSlotCategory, classifySlot, languageOf } from '../../server/src/engine/taxonomy';

describe('taxonomy: built-in slot types', () => {
  const personal: [string, DataCategory][] = [
    ['AMAZON.US_FIRST_NAME', 'name'],
    ['AMAZON.FirstName', 'name'],
    ['AMAZON.GB_FIRST_NAME', 'name'],
    ['AMAZON.DE_FIRST_NAME', 'name'],
    ['AMAZON.AT_FIRST_NAME', 'name'],
    ['AMAZON.FR_FIRST_NAME', 'name'],
    ['AMAZON.IN_FIRST_NAME', 'name'],
    ['AMAZON.Person', 'name'],
    ['AMAZON.PhoneNumber', 'phone'],
    ['AMAZON.PostalAddress', 'address'],
    ['AMAZON.StreetAddress', 'address'],
    ['AMAZON.StreetName', 'address'],
    ['AMAZON.PostalCode', 'location'],
    ['AMAZON.US_ZIP_CODE', 'location'],
    ['amazon.phonenumber', 'phone'],
    [' AMAZON.US_FIRST_NAME ', 'name'],
  ];
  for (const [type, category] of personal) {
    it(`${type} → ${category}`, () => {
      assert.equal(builtInSlotCategory(type), category);
    });
  }

  const notPersonal = [
    'AMAZON.NUMBER', 'AMAZON.FOUR_DIGIT_NUMBER', 'AMAZON.DATE', 'AMAZON.TIME', 'AMAZON.DURATION', 'AMAZON.SearchQuery',
    'AMAZON.Literal', 'AMAZON.City', 'AMAZON.US_CITY', 'AMAZON.DE_CITY', 'AMAZON.US_STATE', 'AMAZON.Country',
    'AMAZON.Color', 'AMAZON.Food', 'AMAZON.MusicRecording', 'AMAZON.Musician', 'AMAZON.Actor', 'FirstNameType',
    'PhoneNumberType', '', 'AMAZON.',
  ];
  for (const type of notPersonal) {
    it(`${type || '(empty)'} carries no personal data on its own`, () => {
      assert.equal(builtInSlotCategory(type), undefined);
    });
  }

  it('classifySlot explains a built-in type in the reason', () => {
    assert.deepEqual(classifySlot({ name: 'nummer', type: 'AMAZON.PhoneNumber', locale: 'de-DE', samples: ['meine Nummer ist {nummer}'] }), {
      category: 'phone',
      reason: 'slot `nummer` of type AMAZON.PhoneNumber',
    });
    assert.deepEqual(classifySlot({ name: 'vorname', type: 'AMAZON.DE_FIRST_NAME', locale: 'de-DE', samples: ['ich heiße {vorname}'] }), {
      category: 'name',
      reason: 'slot `vorname` of type AMAZON.DE_FIRST_NAME',
    });
    assert.deepEqual(classifySlot({ name: 'where', type: 'AMAZON.PostalAddress', locale: 'en-US', samples: ['deliver to {where}'] }), {
      category: 'address',
      reason: 'slot `where` of type AMAZON.PostalAddress',
    });
  });

  it('a built-in type wins even with no samples', () => {
    assert.equal(classifySlot({ name: 'x', type: 'AMAZON.FirstName', locale: 'ja-JP', samples: [] })?.category, 'name');
  });
});

describe('taxonomy: languageOf', () => {
  const cases: [string, string][] = [
    ['de-DE', 'de'],
    ['en-US', 'en'],
    ['en-IN', 'en'],
    ['pt-BR', 'pt'],
    ['pt-PT', 'pt'],
    ['ja-JP', 'ja'],
    ['hi-IN', 'hi'],
    ['fr-CA', 'fr'],
    ['es-MX', 'es'],
    ['es-US', 'es'],
    ['it-IT', 'it'],
    ['DE-de', 'de'],
    ['de_DE', 'de'],
    ['de', 'de'],
    ['ar-SA', 'en'],
    ['nl-NL', 'en'],
    ['', 'en'],
    ['xx', 'en'],
  ];
  for (const [locale, lang] of cases) {
    it(`${JSON.stringify(locale)} → ${lang}`, () => {
      assert.equal(languageOf(locale), lang);
    });
  }
});
