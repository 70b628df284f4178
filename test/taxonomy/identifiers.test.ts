import { strict as assert } from 'assert';
import { DataCategory, classifyIdentifier, splitIdentifier } from '../../server/src/engine/taxonomy';

describe('taxonomy: splitIdentifier', () => {
  const cases: [string, string[]][] = [
    ['phoneNumber', ['phone', 'number']],
    ['user_email', ['user', 'email']],
    ['USER_EMAIL', ['user', 'email']],
    ['creditCardNumber', ['credit', 'card', 'number']],
    ['CreditCardNumber', ['credit', 'card', 'number']],
    ['birth-date', ['birth', 'date']],
    ['address2', ['address', '2']],
    ['address2Line', ['address', '2', 'line']],
    ['phone1Number', ['phone', '1', 'number']],
    ['XMLHttpRequest', ['xml', 'http', 'request']],
    ['userSSN', ['user', 'ssn']],
    ['SSNValue', ['ssn', 'value']],
    ['ssn', ['ssn']],
    ['$user.firstName', ['user', 'first', 'name']],
    ['__proto__', ['proto']],
    ['nombreDelNiño', ['nombre', 'del', 'nino']],
    ['geburtsDatum', ['geburts', 'datum']],
    ['ÜberName', ['uber', 'name']],
    ['', []],
    ['___', []],
    ['a', ['a']],
  ];
  for (const [id, words] of cases) {
    it(`${JSON.stringify(id)} → ${words.join(' ')}`, () => {
      assert.deepEqual(splitIdentifier(id), words);
    });
  }
});

describe('taxonomy: classifyIdentifier', () => {
  const positives: [string, DataCategory][] = [
    ['phoneNumber', 'phone'],
    ['phone_number', 'phone'],
    ['PHONE_NUMBER', 'phone'],
    ['PHONENUMBER', 'phone'],
    ['userPhone', 'phone'],
    ['mobileNumber', 'phone'],
    ['user_email', 'email'],
    ['userEmail', 'email'],
    ['emailAddress', 'email'],
    ['EMAIL_ADDRESS', 'email'],
    ['ssn', 'government-id'],
    ['USER_SSN', 'government-id'],
    ['socialSecurityNumber', 'government-id'],
    ['passportNo', 'government-id'],
    ['driversLicense', 'government-id'],
    ['aadhaarNumber', 'government-id'],
    ['cpf', 'government-id'],
    ['codiceFiscale', 'government-id'],
    ['creditCardNumber', 'financial'],
    ['credit_card', 'financial'],
    ['cardNumber', 'financial'],
    ['iban', 'financial'],
    ['accountNumber', 'financial'],
    ['routingNumber', 'financial'],
    ['cvv', 'financial'],
    ['kontonummer', 'financial'],
    ['birthDate', 'birthdate'],
    ['birthday', 'birthdate'],
    ['dateOfBirth', 'birthdate'],
    ['dob', 'birthdate'],
    ['DOB', 'birthdate'],
    ['geburtstag', 'birthdate'],
    ['firstName', 'name'],
    ['first_name', 'name'],
    ['FIRSTNAME', 'name'],
    ['lastName', 'name'],
    ['surname', 'name'],
    ['fullName', 'name'],
    ['userAge', 'age'],
    ['age', 'age'],
    ['gender', 'gender'],
    ['password', 'credentials'],
    ['userPassword', 'credentials'],
    ['MYPASSWORD', 'credentials'],
    ['pin', 'credentials'],
    ['pinCode', 'credentials'],
    ['otp', 'credentials'],
    ['verificationCode', 'credentials'],
    ['address', 'address'],
    ['streetAddress', 'address'],
    ['homeAddress', 'address'],
    ['address1', 'address'],
    ['zipCode', 'location'],
    ['postalCode', 'location'],
    ['latitude', 'location'],
    ['geolocation', 'location'],
    ['medications', 'health'],
    ['bloodPressure', 'health'],
    ['deviceId', 'device-id'],
    ['ipAddress', 'device-id'],
    ['userId', 'user-id'],
    ['personId', 'user-id'],
  ];
  for (const [id, category] of positives) {
    it(`${id} → ${category}`, () => {
      const c = classifyIdentifier(id);
      assert.equal(c?.category, category, JSON.stringify(c));
    });
  }

  const negatives = [
    'score', 'playerCount', 'guess', 'numberOfPlayers', 'spinner', 'message', 'storage', 'page', 'hotel', 'json',
    'songName', 'skillName', 'fileName', 'intentName', 'name', 'maxAge', 'cacheMaxAge', 'webAddress', 'cardType',
    'account', 'code', 'promoCode', 'XMLHttpRequest', 'requestEnvelope', 'handlerInput', 'kindName', 'colour', 'recipe',
    'i', '', 'a'.repeat(300),
  ];
  for (const id of negatives) {
    it(`${id.length > 40 ? `${id.slice(0, 10)}… (${id.length})` : id || '(empty)'} → nothing`, () => {
      assert.equal(classifyIdentifier(id), undefined);
    });
  }

  it('explains with the identifier', () => {
    assert.deepEqual(classifyIdentifier('userEmail'), { category: 'email', reason: 'identifier `userEmail`' });
  });

  it('a child identifier is children data, and says so', () => {
    for (const id of ['childName', 'child_name', 'kidsAge', 'sonBirthday', 'CHILDNAME', 'kinderGeburtstag', 'nomEnfant', 'nombreHijo']) {
      const c = classifyIdentifier(id);
      assert.equal(c?.category, 'children', `${id}: ${JSON.stringify(c)}`);
      assert.match(c?.reason ?? '', /child/);
    }
    assert.deepEqual(classifyIdentifier('childName'), { category: 'children', reason: "identifier `childName` about a child (a child's name)" });
  });

  it('a child word with no personal data is nothing', () => {
    assert.equal(classifyIdentifier('childCount'), undefined);
    assert.equal(classifyIdentifier('kidsMode'), undefined);
  });

  it('sensitive data of a child keeps its sensitive category', () => {
    const c = classifyIdentifier('childSsn');
    assert.equal(c?.category, 'government-id');
    assert.match(c?.reason ?? '', /child/);
  });
});
