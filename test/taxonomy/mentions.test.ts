import { strict as assert } from 'assert';
import { findDataMentions } from '../../server/src/engine/taxonomy';
import { TextCase, assertMention, assertNoMention, spanned } from './helpers';

/** Sample utterances per locale: personal data named by the words around a slot. */
const POSITIVES: Record<string, TextCase[]> = {
  'en-US': [
    ['my phone number is {number}', 'phone', 'phone number'],
    ['my birthday is {date}', 'birthdate', 'birthday'],
    ['I was born on {date}', 'birthdate', 'born on'],
    ['my name is {name}', 'name', 'my name'],
    ['my email address is {email}', 'email', 'email address'],
    ['my e-mail is {email}', 'email', 'e-mail'],
    ['my address is {address}', 'address', 'address'],
    ['my zip code is {zip}', 'location', 'zip code'],
    ['I live in {city}', 'location', 'I live in'],
    ['I am {age} years old', 'age', 'years old'],
    ['my pin is {pin}', 'credentials', 'pin'],
    ['my password is {password}', 'credentials', 'password'],
    ['my credit card number is {card}', 'financial', 'credit card number'],
    ['my account number is {acct}', 'financial', 'account number'],
    ['my social security number is {ssn}', 'government-id', 'social security number'],
    ["my driver's license is {id}", 'government-id', "driver's license"],
    ['I take {medication} for my blood pressure', 'health', 'blood pressure'],
    ['my gender is {gender}', 'gender', 'gender'],
    ['MY PHONE NUMBER IS {NUMBER}', 'phone', 'PHONE NUMBER'],
  ],
  'de-DE': [
    ['meine Telefonnummer ist {nummer}', 'phone', 'Telefonnummer'],
    ['meine Handynummer lautet {nummer}', 'phone', 'Handynummer'],
    ['meine Festnetztelefonnummer ist {nummer}', 'phone', 'Festnetztelefonnummer'],
    ['mein Geburtstag ist {datum}', 'birthdate', 'Geburtstag'],
    ['mein Geburtsdatum ist der {datum}', 'birthdate', 'Geburtsdatum'],
    ['meine E-Mail-Adresse ist {email}', 'email', 'E-Mail-Adresse'],
    ['meine Adresse ist {adresse}', 'address', 'Adresse'],
    ['meine Postleitzahl ist {plz}', 'location', 'Postleitzahl'],
    ['meine Kontonummer ist {nummer}', 'financial', 'Kontonummer'],
    ['meine IBAN lautet {iban}', 'financial', 'IBAN'],
    ['meine Kreditkartennummer ist {nummer}', 'financial', 'Kreditkartennummer'],
    ['meine PIN ist {pin}', 'credentials', 'PIN'],
    ['mein Passwort ist {passwort}', 'credentials', 'Passwort'],
    ['meine Steuer-ID ist {id}', 'government-id', 'Steuer-ID'],
    ['meine Ausweisnummer ist {nummer}', 'government-id', 'Ausweisnummer'],
    ['ich bin {alter} Jahre alt', 'age', 'Jahre alt'],
    ['mein Name ist {name}', 'name', 'mein Name'],
    ['ich heiße {name}', 'name', 'ich heiße'],
    ['ich nehme {medikament} gegen meinen Blutdruck', 'health', 'Blutdruck'],
  ],
  'fr-FR': [
    ['mon adresse e-mail est {email}', 'email', 'adresse e-mail'],
    ['mon adresse électronique est {email}', 'email', 'adresse électronique'],
    ['mon numéro de téléphone est {numero}', 'phone', 'numéro de téléphone'],
    ['mon anniversaire est le {date}', 'birthdate', 'anniversaire'],
    ['ma date de naissance est le {date}', 'birthdate', 'date de naissance'],
    ['mon adresse est {adresse}', 'address', 'adresse'],
    ['mon code postal est {cp}', 'location', 'code postal'],
    ["j'habite à {ville}", 'location', "j'habite à"],
    ['mon numéro de sécurité sociale est {nir}', 'government-id', 'numéro de sécurité sociale'],
    ['mon mot de passe est {mdp}', 'credentials', 'mot de passe'],
    ['mon code secret est {code}', 'credentials', 'code secret'],
    ['mon numéro de carte bancaire est {carte}', 'financial', 'numéro de carte bancaire'],
    ["j'ai {age} ans et mon âge compte", 'age', 'mon âge'],
    ['mon prénom est {prenom}', 'name', 'mon prénom'],
    ['je prends {medicament} pour mon diabète', 'health', 'diabète'],
  ],
  'es-ES': [
    ['mi número de tarjeta es {num}', 'financial', 'número de tarjeta'],
    ['mi número de teléfono es {numero}', 'phone', 'número de teléfono'],
    ['mi correo electrónico es {correo}', 'email', 'correo electrónico'],
    ['mi cumpleaños es el {fecha}', 'birthdate', 'cumpleaños'],
    ['mi fecha de nacimiento es {fecha}', 'birthdate', 'fecha de nacimiento'],
    ['mi dirección es {direccion}', 'address', 'dirección'],
    ['mi código postal es {cp}', 'location', 'código postal'],
    ['mi DNI es {dni}', 'government-id', 'DNI'],
    ['mi contraseña es {clave}', 'credentials', 'contraseña'],
    ['mi nombre es {nombre}', 'name', 'mi nombre'],
    ['me llamo {nombre}', 'name', 'me llamo'],
    ['tengo {edad} años de edad', 'age', 'edad'],
    ['tomo {medicina} para la presión arterial', 'health', 'presión arterial'],
  ],
  'it-IT': [
    ['il mio codice fiscale è {cf}', 'government-id', 'codice fiscale'],
    ['il mio numero di telefono è {numero}', 'phone', 'numero di telefono'],
    ['il mio indirizzo email è {email}', 'email', 'indirizzo email'],
    ['il mio compleanno è il {data}', 'birthdate', 'compleanno'],
    ['la mia data di nascita è {data}', 'birthdate', 'data di nascita'],
    ['il mio indirizzo è {indirizzo}', 'address', 'indirizzo'],
    ['il mio CAP è {cap}', 'location', 'CAP'],
    ['la mia password è {password}', 'credentials', 'password'],
    ['il numero della carta è {numero}', 'financial', 'numero della carta'],
    ['il mio IBAN è {iban}', 'financial', 'IBAN'],
    ['mi chiamo {nome}', 'name', 'mi chiamo'],
    ['la mia età è {eta}', 'age', 'mia età'],
    ['che età hai? {eta}', 'age', 'che età hai'],
    ['prendo {farmaco} per il diabete', 'health', 'diabete'],
  ],
  'pt-BR': [
    ['meu CPF é {cpf}', 'government-id', 'CPF'],
    ['meu RG é {rg}', 'government-id', 'RG'],
    ['meu número de telefone é {numero}', 'phone', 'número de telefone'],
    ['meu celular é {numero}', 'phone', 'celular'],
    ['meu e-mail é {email}', 'email', 'e-mail'],
    ['meu aniversário é {data}', 'birthdate', 'aniversário'],
    ['minha data de nascimento é {data}', 'birthdate', 'data de nascimento'],
    ['meu endereço é {endereco}', 'address', 'endereço'],
    ['meu CEP é {cep}', 'location', 'CEP'],
    ['minha senha é {senha}', 'credentials', 'senha'],
    ['o número do cartão é {numero}', 'financial', 'número do cartão'],
    ['meu nome é {nome}', 'name', 'meu nome'],
    ['minha idade é {idade}', 'age', 'minha idade'],
    ['tomo {remedio} para diabetes', 'health', 'diabetes'],
  ],
  'ja-JP': [
    ['私の電話番号は{number}です', 'phone', '電話番号'],
    ['携帯番号は{number}', 'phone', '携帯番号'],
    ['メールアドレスは{email}です', 'email', 'メールアドレス'],
    ['誕生日は{date}です', 'birthdate', '誕生日'],
    ['生年月日は{date}', 'birthdate', '生年月日'],
    ['住所は{address}です', 'address', '住所'],
    ['郵便番号は{zip}', 'location', '郵便番号'],
    ['暗証番号は{pin}', 'credentials', '暗証番号'],
    ['パスワードは{password}です', 'credentials', 'パスワード'],
    ['クレジットカードの番号は{number}', 'financial', 'クレジットカード'],
    ['口座番号は{number}', 'financial', '口座番号'],
    ['マイナンバーは{number}です', 'government-id', 'マイナンバー'],
    ['私の名前は{name}です', 'name', '名前'],
    ['{age}歳です', 'age', '歳'],
    ['年齢は{age}', 'age', '年齢'],
    ['持病は{condition}です', 'health', '持病'],
    ['ＰＩＮコードは{pin}', 'credentials', 'ＰＩＮコード'],
  ],
  'hi-IN': [
    ['मेरा फ़ोन नंबर {number} है', 'phone', 'फ़ोन नंबर'],
    ['मेरा फोन नंबर {number} है', 'phone', 'फोन नंबर'],
    ['मेरा मोबाइल नंबर {number} है', 'phone', 'मोबाइल नंबर'],
    ['मेरा नाम {name} है', 'name', 'मेरा नाम'],
    ['मेरा जन्मदिन {date} को है', 'birthdate', 'जन्मदिन'],
    ['मेरी उम्र {age} साल है', 'age', 'उम्र'],
    ['मेरा ईमेल {email} है', 'email', 'ईमेल'],
    ['मेरा पता {address} है', 'address', 'मेरा पता'],
    ['मेरा आधार नंबर {number} है', 'government-id', 'आधार नंबर'],
    ['मेरा पैन कार्ड नंबर {number} है', 'government-id', 'पैन कार्ड'],
    ['मेरा पासवर्ड {password} है', 'credentials', 'पासवर्ड'],
    ['मेरा ओटीपी {otp} है', 'credentials', 'ओटीपी'],
    ['मेरा खाता संख्या {number} है', 'financial', 'खाता संख्या'],
    ['मेरा पिन कोड {pin} है', 'location', 'पिन कोड'],
    ['मुझे मधुमेह है और मैं {dawa} लेता हूँ', 'health', 'मधुमेह'],
    ['mera naam {name} hai', 'name', 'mera naam'],
    ['mera phone number {number} hai', 'phone', 'phone number'],
    ['mera janamdin {date} ko hai', 'birthdate', 'janamdin'],
    ['mera aadhaar number {number} hai', 'government-id', 'aadhaar number'],
  ],
};

/** No personal data, in utterances that look a little like it. */
const NEGATIVES: Record<string, string[]> = {
  'en-US': [
    'my favourite colour is {color}',
    'my favorite color is {color}',
    'set the score to {score}',
    '{number} players',
    'guess {number}',
    'play {song} by {artist}',
    "what's the weather in {city}",
    'how do I make {recipe}',
    'remind me at {time}',
    'what is the name of the song',
    'play happy birthday',
    'tell me about the ice age',
    'open the address book',
    'the {phoneNumber} slot is empty',
    'add {item} to my shopping list',
    'how many points do I have',
  ],
  'de-DE': [
    'meine Lieblingsfarbe ist {farbe}',
    'setze den Punktestand auf {punkte}',
    '{anzahl} Spieler',
    'wie ist das Wetter in {stadt}',
    'spiele {lied} von {kuenstler}',
    'erinnere mich um {zeit}',
    'plane eine Geburtstagsfeier am {datum}',
    'im Mittelalter gab es {ding}',
  ],
  'fr-FR': ['ma couleur préférée est {couleur}', 'quel temps fait-il à {ville}', 'joue {chanson}', 'rappelle-moi à {heure}', 'joyeux anniversaire', 'le genre musical {genre}'],
  'es-ES': ['mi color favorito es {color}', 'qué tiempo hace en {ciudad}', 'pon {cancion}', 'recuérdame a las {hora}', 'feliz cumpleaños', 'la palabra clave es {x}'],
  'it-IT': ['il mio colore preferito è {colore}', 'che tempo fa a {citta}', 'metti {canzone}', 'ricordami alle {ora}', 'buon compleanno'],
  'pt-BR': ['minha cor favorita é {cor}', 'como está o tempo em {cidade}', 'toque {musica}', 'me lembre às {hora}', 'feliz aniversário'],
  'ja-JP': ['好きな色は{color}です', '{city}の天気は', '曲の名前は{song}', '{song}を再生して', 'がんばって', '彼は天才だ', '薬局はどこ'],
  'hi-IN': ['मेरा पसंदीदा रंग {color} है', '{city} में मौसम कैसा है', '{song} गाना चलाओ', 'इस आधार पर {x}', 'मुझे पता नहीं'],
};

describe('taxonomy: findDataMentions', () => {
  for (const [locale, cases] of Object.entries(POSITIVES)) {
    describe(locale, () => {
      for (const [text, category, words] of cases) {
        it(`${text} → ${category} "${words}"`, () => assertMention(text, locale, category, words));
      }
    });
  }
  for (const [locale, texts] of Object.entries(NEGATIVES)) {
    describe(`${locale}: no false alarm`, () => {
      for (const text of texts) {
        it(text, () => assertNoMention(text, locale));
      }
    });
  }

  it('each language has at least five positive cases across at least four categories', () => {
    for (const [locale, cases] of Object.entries(POSITIVES)) {
      assert.ok(cases.length >= 5, locale);
      assert.ok(new Set(cases.map((c) => c[1])).size >= 4, locale);
    }
  });

  it('matches the language of the locale only', () => {
    assertNoMention('meine Telefonnummer ist {nummer}', 'en-US');
    assertNoMention('il mio codice fiscale è {cf}', 'en-GB');
    assertNoMention('私の電話番号は{number}です', 'en-US');
    assertMention('meine Telefonnummer ist {nummer}', 'de-AT', 'phone', 'Telefonnummer');
  });

  it('falls back to English for a language without a vocabulary', () => {
    assertMention('my phone number is {number}', 'nl-NL', 'phone', 'phone number');
    assertMention('my phone number is {number}', '', 'phone', 'phone number');
  });

  it('folds case and accents', () => {
    assertMention('MEIN GEBURTSTAG IST {DATUM}', 'de-DE', 'birthdate', 'GEBURTSTAG');
    assertMention('mon numero de telephone est {n}', 'fr-FR', 'phone', 'numero de telephone');
    assertMention('mi numero de telefono es {n}', 'es-MX', 'phone', 'numero de telefono');
    assertMention('meine strasse ist {s}', 'de-DE', 'address', 'meine strasse');
    assertMention('meine Straße ist {s}', 'de-DE', 'address', 'meine Straße');
    // Curly apostrophe, as word processors write it.
    assertMention('my son’s name is {name}', 'en-US', 'children', 'son’s name');
  });

  it('matches whole words in space-separated scripts', () => {
    assertNoMention('open the spinner', 'en-US');
    assertNoMention('that is the passwordless flow', 'en-US');
    assertNoMention('play the agenda', 'en-US');
  });

  it('matches substrings in Japanese, including full-width forms', () => {
    assertMention('あなたの電話番号を登録します', 'ja-JP', 'phone', '電話番号');
    assertMention('ＰＩＮコードは{pin}', 'ja-JP', 'credentials', 'ＰＩＮコード');
  });

  it('treats Hindi with and without nukta, and chandrabindu and anusvara, alike', () => {
    assertMention('मेरा फ़ोन नंबर {n} है', 'hi-IN', 'phone', 'फ़ोन नंबर');
    assertMention('मेरा फोन नंबर {n} है', 'hi-IN', 'phone', 'फोन नंबर');
    assertMention('मैं {city} में रहता हूँ', 'hi-IN', 'location', 'रहता हूँ');
    assertMention('मैं {city} में रहता हूं', 'hi-IN', 'location', 'रहता हूं');
  });

  it('a "PIN code" is a postal code in India, a secret elsewhere', () => {
    assertMention('my pin code is {pin}', 'en-IN', 'location', 'pin code');
    assertMention('my pin code is {pin}', 'hi-IN', 'location', 'pin code');
    assertMention('my pin code is {pin}', 'en-US', 'credentials', 'pin code');
  });

  it('never reads the slot name in braces as words', () => {
    assertNoMention('{phoneNumber}', 'en-US');
    assertNoMention('say {password}', 'en-US');
    assertNoMention('{Telefonnummer} bitte', 'de-DE');
    assertNoMention('{電話番号}', 'ja-JP');
  });

  it('finds every mention, in order, with exact offsets', () => {
    const text = 'my name is {name} and my phone number is {phone}';
    const found = findDataMentions(text, 'en-US');
    assert.deepEqual(found.map((m) => [m.category, spanned(text, m)]), [['name', 'my name'], ['phone', 'phone number']]);
    assert.deepEqual(found[1], { category: 'phone', reason: '"phone number" names a phone number', offset: 25, length: 12 });
  });

  it('explains in the reason', () => {
    assert.equal(findDataMentions('meine Telefonnummer ist {nummer}', 'de-DE')[0].reason, '"Telefonnummer" names a phone number');
  });

  it('returns nothing for empty text', () => {
    assert.deepEqual(findDataMentions('', 'en-US'), []);
  });
});

describe('taxonomy: children', () => {
  const cases: [string, string, string][] = [
    ["my son's name is {name}", 'en-US', "son's name"],
    ["my daughter's birthday is {date}", 'en-US', "daughter's birthday"],
    ['the name of my child is {name}', 'en-US', 'name of my child'],
    ['my son is {age} years old', 'en-US', 'son is {age} years old'],
    ['der Name meines Sohnes ist {name}', 'de-DE', 'Name meines Sohnes'],
    ['der Kindername ist {name}', 'de-DE', 'Kindername'],
    ['mein Kind ist {alter} Jahre alt', 'de-DE', 'Kind ist {alter} Jahre alt'],
    ['le nom de mon enfant est {nom}', 'fr-FR', 'nom de mon enfant'],
    ["l'anniversaire de ma fille est le {date}", 'fr-FR', 'anniversaire de ma fille'],
    ['el nombre de mi hijo es {nombre}', 'es-ES', 'nombre de mi hijo'],
    ['il nome di mio figlio è {nome}', 'it-IT', 'nome di mio figlio'],
    ['o nome do meu filho é {nome}', 'pt-BR', 'nome do meu filho'],
    ['息子の名前は{name}です', 'ja-JP', '息子の名前'],
    ['娘の誕生日は{date}', 'ja-JP', '娘の誕生日'],
    ['मेरे बेटे का नाम {name} है', 'hi-IN', 'बेटे का नाम'],
  ];
  for (const [text, locale, words] of cases) {
    it(`${locale} ${text}`, () => {
      const found = findDataMentions(text, locale);
      const m = found.find((x) => x.category === 'children');
      assert.ok(m, JSON.stringify(found));
      assert.equal(spanned(text, m), words);
      assert.match(m.reason, /a child's/);
    });
  }

  it('a child word without personal data is nothing', () => {
    assertNoMention('play a song for my son', 'en-US');
    assertNoMention('{number} kids are playing', 'en-US');
    assertNoMention('spiele ein Lied für mein Kind', 'de-DE');
  });

  it('sensitive data of a child stays sensitive, and says whose it is', () => {
    const [m] = findDataMentions("my son's social security number is {ssn}", 'en-US');
    assert.equal(m.category, 'government-id');
    assert.equal(m.reason, `"son's social security number" names a child's government identification number`);
  });
});
