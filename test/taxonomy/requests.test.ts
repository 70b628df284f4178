import { strict as assert } from 'assert';
import { findDataRequest } from '../../server/src/engine/taxonomy';
import { TextCase, assertNoRequest, assertRequest } from './helpers';

/** Prompts that ask the user for personal data: [prompt, category, the words naming the data]. */
const REQUESTS: Record<string, TextCase[]> = {
  'en-US': [
    ['What is your phone number?', 'phone', 'phone number'],
    ["What's your name?", 'name', 'your name'],
    ['Tell me your email address.', 'email', 'email address'],
    ['Please say your PIN.', 'credentials', 'PIN'],
    ['Please provide your date of birth.', 'birthdate', 'date of birth'],
    ['When is your birthday?', 'birthdate', 'birthday'],
    ['How old are you?', 'age', 'How old are you'],
    ['Where do you live?', 'location', 'Where do you live'],
    ['Can I have your zip code?', 'location', 'zip code'],
    ['Tell me the last four digits of your card number', 'financial', 'last four digits of your card number'],
    ['What is your social security number?', 'government-id', 'social security number'],
    ['Great. Now, what is your home address?', 'address', 'home address'],
    ['And your email?', 'email', 'email'],
    ['Your phone number, please.', 'phone', 'phone number'],
    ['No, what is your name?', 'name', 'your name'],
    ['Spell your last name for me.', 'name', 'your last name'],
    ['Do you have any allergies? Tell me your allergies.', 'health', 'allergies'],
  ],
  'de-DE': [
    ['Wie lautet deine Telefonnummer?', 'phone', 'Telefonnummer'],
    ['Wie lautet Ihre E-Mail-Adresse?', 'email', 'E-Mail-Adresse'],
    ['Wie ist dein Name?', 'name', 'dein Name'],
    ['Wie heißt du?', 'name', 'Wie heißt du'],
    ['Wann ist dein Geburtstag?', 'birthdate', 'Geburtstag'],
    ['Wie alt bist du?', 'age', 'Wie alt bist du'],
    ['Nenne mir bitte deine IBAN.', 'financial', 'IBAN'],
    ['Sag mir deine PIN.', 'credentials', 'PIN'],
    ['Kannst du mir deine Postleitzahl sagen?', 'location', 'Postleitzahl'],
    ['Bitte gib deine Ausweisnummer an.', 'government-id', 'Ausweisnummer'],
  ],
  'fr-FR': [
    ['Quel est votre numéro de téléphone ?', 'phone', 'numéro de téléphone'],
    ['Quelle est votre adresse e-mail ?', 'email', 'adresse e-mail'],
    ['Quel est ton prénom ?', 'name', 'ton prénom'],
    ['Comment vous appelez-vous ?', 'name', 'Comment vous appelez-vous'],
    ['Quelle est votre date de naissance ?', 'birthdate', 'date de naissance'],
    ['Quel âge avez-vous ?', 'age', 'Quel âge avez-vous'],
    ['Dites-moi votre code postal.', 'location', 'code postal'],
    ['Veuillez indiquer votre mot de passe.', 'credentials', 'mot de passe'],
    ['Votre adresse, s’il vous plaît.', 'address', 'adresse'],
    ['Quel est votre numéro de sécurité sociale ?', 'government-id', 'numéro de sécurité sociale'],
  ],
  'es-ES': [
    ['¿Cuál es tu número de teléfono?', 'phone', 'número de teléfono'],
    ['¿Cuál es tu correo electrónico?', 'email', 'correo electrónico'],
    ['¿Cómo te llamas?', 'name', 'Cómo te llamas'],
    ['Dime tu fecha de nacimiento.', 'birthdate', 'fecha de nacimiento'],
    ['¿Cuántos años tienes?', 'age', 'Cuántos años tienes'],
    ['Dime el número de tu tarjeta de crédito.', 'financial', 'tarjeta de crédito'],
    ['Por favor, dime tu contraseña.', 'credentials', 'contraseña'],
    ['¿Cuál es tu DNI?', 'government-id', 'DNI'],
    ['¿Cuál es tu dirección?', 'address', 'dirección'],
  ],
  'it-IT': [
    ['Qual è il tuo codice fiscale?', 'government-id', 'codice fiscale'],
    ['Qual è il tuo numero di telefono?', 'phone', 'numero di telefono'],
    ['Come ti chiami?', 'name', 'Come ti chiami'],
    ['Dimmi la tua data di nascita.', 'birthdate', 'data di nascita'],
    ['Quanti anni hai?', 'age', 'Quanti anni hai'],
    ['Qual è il tuo indirizzo email?', 'email', 'indirizzo email'],
    ['Dimmi il tuo PIN, per favore.', 'credentials', 'PIN'],
    ['Mi dici il tuo indirizzo?', 'address', 'indirizzo'],
    ['Qual è il numero della carta?', 'financial', 'numero della carta'],
  ],
  'pt-BR': [
    ['Qual é o seu CPF?', 'government-id', 'CPF'],
    ['Qual é o seu número de telefone?', 'phone', 'número de telefone'],
    ['Qual o seu nome?', 'name', 'seu nome'],
    ['Como você se chama?', 'name', 'Como você se chama'],
    ['Me diga sua data de nascimento.', 'birthdate', 'data de nascimento'],
    ['Quantos anos você tem?', 'age', 'Quantos anos você tem'],
    ['Qual é o seu e-mail?', 'email', 'e-mail'],
    ['Informe sua senha, por favor.', 'credentials', 'senha'],
    ['Qual é o seu CEP?', 'location', 'CEP'],
    ['Me passe o número do cartão.', 'financial', 'número do cartão'],
  ],
  'ja-JP': [
    ['電話番号を教えてください', 'phone', '電話番号'],
    ['お名前を教えてください', 'name', 'お名前'],
    ['メールアドレスをお願いします', 'email', 'メールアドレス'],
    ['生年月日を言ってください', 'birthdate', '生年月日'],
    ['誕生日はいつですか？', 'birthdate', '誕生日'],
    ['何歳ですか？', 'age', '何歳'],
    ['ご住所はどこですか', 'address', '住所'],
    ['暗証番号を入力してください', 'credentials', '暗証番号'],
    ['マイナンバーを教えて', 'government-id', 'マイナンバー'],
    ['郵便番号は？', 'location', '郵便番号'],
  ],
  'hi-IN': [
    ['अपना फ़ोन नंबर बताइए', 'phone', 'फ़ोन नंबर'],
    ['कृपया अपना फ़ोन नंबर बताइए', 'phone', 'फ़ोन नंबर'],
    ['आपका नाम क्या है?', 'name', 'आपका नाम'],
    ['अपनी जन्मतिथि बताइए', 'birthdate', 'जन्मतिथि'],
    ['आपकी उम्र क्या है?', 'age', 'उम्र'],
    ['अपना पासवर्ड बताओ', 'credentials', 'पासवर्ड'],
    ['अपना आधार नंबर बोलिए', 'government-id', 'आधार नंबर'],
    ['अपना पूरा पता बताइए', 'address', 'पूरा पता'],
    ['apna phone number bataiye', 'phone', 'phone number'],
    ['aapka naam kya hai?', 'name', 'aapka naam'],
    ['What is your email?', 'email', 'email'],
  ],
};

/** Texts that mention personal data, or ask for something else, but ask for no personal data. */
const NOT_REQUESTS: Record<string, string[]> = {
  'en-US': [
    'I will never ask for your password.',
    'Never tell anyone your password.',
    'Please never say your PIN out loud.',
    "Don't tell me your PIN.",
    'No need to tell me your name.',
    'Your phone number has been saved.',
    'What is your favourite colour?',
    'Tell me your score.',
    'What is the capital of France?',
    'Say a number between one and ten.',
    'Thanks, I got your address.',
    'Welcome back! Say play to start.',
    'What is the name of the song?',
    'Happy birthday! What should we play?',
    'Tell me the address of the restaurant.',
    'What is the weather in your city?',
    'What is the email subject?',
    'Would you like to hear your medication reminders?',
    '',
  ],
  'de-DE': [
    'Wir fragen nie nach deinem Passwort.',
    'Sag mir niemals deine PIN.',
    'Deine Telefonnummer wurde gespeichert.',
    'Was ist deine Lieblingsfarbe?',
    'Wie ist das Wetter in Berlin?',
  ],
  'fr-FR': ['Ne dites jamais votre mot de passe.', 'Votre numéro de téléphone est enregistré.', 'Quelle est votre couleur préférée ?'],
  'es-ES': ['Nunca digas tu contraseña.', 'Tu número de teléfono ha sido guardado.', '¿Cuál es tu color favorito?'],
  'it-IT': ['Non dirmi mai la tua password.', 'Il tuo numero di telefono è stato salvato.', 'Qual è il tuo colore preferito?'],
  'pt-BR': ['Nunca diga sua senha.', 'Seu número de telefone foi salvo.', 'Qual é a sua cor favorita?'],
  'ja-JP': [
    'パスワードを絶対に教えないでください',
    'パスワードは決して教えてはいけません',
    '電話番号を登録しました。',
    '好きな色を教えてください',
    '曲の名前を教えてください',
  ],
  'hi-IN': ['हम कभी आपका पासवर्ड नहीं पूछेंगे', 'अपना पासवर्ड कभी मत बताइए', 'आपका पसंदीदा रंग क्या है?', 'आपका फ़ोन नंबर सहेज लिया गया है'],
};

describe('taxonomy: findDataRequest', () => {
  for (const [locale, cases] of Object.entries(REQUESTS)) {
    describe(locale, () => {
      for (const [text, category, words] of cases) {
        it(`${text} → ${category} "${words}"`, () => {
          assertRequest(text, locale, category, words);
        });
      }
    });
  }
  for (const [locale, texts] of Object.entries(NOT_REQUESTS)) {
    describe(`${locale}: not a request`, () => {
      for (const text of texts) {
        it(text || '(empty)', () => assertNoRequest(text, locale));
      }
    });
  }

  it('each language has at least five requests', () => {
    for (const [locale, cases] of Object.entries(REQUESTS)) {
      assert.ok(cases.length >= 5, locale);
    }
  });

  it('explains with the request words', () => {
    assert.deepEqual(findDataRequest('What is your phone number?', 'en-US'), {
      category: 'phone',
      reason: 'asks for a phone number: "What is your phone number"',
      offset: 13,
      length: 12,
    });
    assert.equal(findDataRequest('Wie lautet deine Telefonnummer?', 'de-DE')?.reason, 'asks for a phone number: "Wie lautet deine Telefonnummer"');
    assert.equal(findDataRequest('電話番号を教えてください', 'ja-JP')?.reason, 'asks for a phone number: "電話番号を教えて"');
    assert.equal(findDataRequest('And your email?', 'en-US')?.reason, 'asks for an e-mail address: "your email?"');
  });

  it('a request about a child is children data', () => {
    const m = assertRequest("What's your son's name?", 'en-US', 'children', "son's name");
    assert.equal(m.reason, 'asks for a child\'s name: "What\'s your son\'s name"');
    assertRequest('How old is your daughter?', 'en-US', 'children', 'How old is your daughter');
    assertRequest('Wie heißt dein Sohn?', 'de-DE', 'children', 'Wie heißt dein Sohn');
    assertRequest('お子さんの名前を教えてください', 'ja-JP', 'children', 'お子さんの名前');
    assertRequest('Quel est le nom de votre enfant ?', 'fr-FR', 'children', 'nom de votre enfant');
  });

  it('finds the request in a long prompt, after other sentences', () => {
    const text = 'Welcome to the pizza shop. We have many offers today. To deliver your order, what is your street address?';
    assertRequest(text, 'en-US', 'address', 'street address');
  });

  it('a request word in another sentence does not count', () => {
    assertNoRequest('Tell me. Your phone number is saved.', 'en-US');
  });

  it('a request word far from the data does not count', () => {
    assertNoRequest('Tell me which of the many wonderful songs from the nineties you like, and not your password.', 'en-US');
  });
});
