import { strict as assert } from 'assert';
import { DataCategory, SlotInput, classifySlot } from '../../server/src/engine/taxonomy';

function slot(name: string, type: string, locale: string, samples: string[], extra: Partial<SlotInput> = {}): SlotInput {
  return { name, type, locale, samples, ...extra };
}

function category(input: SlotInput): DataCategory | undefined {
  return classifySlot(input)?.category;
}

describe('taxonomy: classifySlot', () => {
  describe('generic types take their category from the words around them', () => {
    const cases: [SlotInput, DataCategory][] = [
      [slot('date', 'AMAZON.DATE', 'en-US', ['my birthday is {date}']), 'birthdate'],
      [slot('date', 'AMAZON.DATE', 'en-US', ['I was born on {date}']), 'birthdate'],
      [slot('date', 'AMAZON.DATE', 'de-DE', ['mein Geburtstag ist {date}']), 'birthdate'],
      [slot('date', 'AMAZON.DATE', 'fr-FR', ['mon anniversaire est le {date}']), 'birthdate'],
      [slot('fecha', 'AMAZON.DATE', 'es-ES', ['mi cumpleaños es el {fecha}']), 'birthdate'],
      [slot('data', 'AMAZON.DATE', 'it-IT', ['il mio compleanno è il {data}']), 'birthdate'],
      [slot('date', 'AMAZON.DATE', 'ja-JP', ['誕生日は{date}です']), 'birthdate'],
      [slot('data', 'AMAZON.DATE', 'pt-BR', ['meu aniversário é {data}']), 'birthdate'],
      [slot('date', 'AMAZON.DATE', 'hi-IN', ['मेरा जन्मदिन {date} को है']), 'birthdate'],
      [slot('birthday', 'AMAZON.DATE', 'en-US', ['{birthday}']), 'birthdate'],
      [slot('geburtstag', 'AMAZON.DATE', 'de-DE', ['am {geburtstag}']), 'birthdate'],
      [slot('pin', 'AMAZON.FOUR_DIGIT_NUMBER', 'en-US', ['{pin}']), 'credentials'],
      [slot('code', 'AMAZON.FOUR_DIGIT_NUMBER', 'en-US', ['{code}']), 'credentials'],
      [slot('number', 'AMAZON.FOUR_DIGIT_NUMBER', 'en-US', ['my pin is {number}']), 'credentials'],
      [slot('nummer', 'AMAZON.FOUR_DIGIT_NUMBER', 'de-DE', ['meine Geheimzahl ist {nummer}']), 'credentials'],
      [slot('code', 'AMAZON.FOUR_DIGIT_NUMBER', 'fr-FR', ['mon code secret est {code}']), 'credentials'],
      [slot('number', 'AMAZON.NUMBER', 'en-US', ['my account number is {number}']), 'financial'],
      [slot('card', 'AMAZON.NUMBER', 'en-US', ['{card}']), 'financial'],
      [slot('accountNumber', 'AMAZON.NUMBER', 'en-US', ['{accountNumber}']), 'financial'],
      [slot('iban', 'AMAZON.NUMBER', 'de-DE', ['{iban}']), 'financial'],
      [slot('kontonummer', 'AMAZON.NUMBER', 'de-DE', ['{kontonummer}']), 'financial'],
      [slot('nummer', 'AMAZON.NUMBER', 'de-DE', ['meine Kontonummer ist {nummer}']), 'financial'],
      [slot('numero', 'AMAZON.NUMBER', 'fr-FR', ['mon numéro de carte bancaire est {numero}']), 'financial'],
      [slot('num', 'AMAZON.NUMBER', 'es-ES', ['mi número de tarjeta es {num}']), 'financial'],
      [slot('routing', 'AMAZON.NUMBER', 'en-US', ['my routing number is {routing}']), 'financial'],
      [slot('ssn', 'AMAZON.NUMBER', 'en-US', ['{ssn}']), 'government-id'],
      [slot('number', 'AMAZON.NUMBER', 'en-US', ['my social security number is {number}']), 'government-id'],
      [slot('passport', 'AMAZON.NUMBER', 'en-US', ['{passport}']), 'government-id'],
      [slot('nummer', 'AMAZON.NUMBER', 'de-DE', ['meine Ausweisnummer ist {nummer}']), 'government-id'],
      [slot('numero', 'AMAZON.NUMBER', 'fr-FR', ['mon numéro de sécurité sociale est {numero}']), 'government-id'],
      [slot('dni', 'AMAZON.NUMBER', 'es-ES', ['mi DNI es {dni}']), 'government-id'],
      [slot('cf', 'AMAZON.SearchQuery', 'it-IT', ['il mio codice fiscale è {cf}']), 'government-id'],
      [slot('number', 'AMAZON.NUMBER', 'ja-JP', ['マイナンバーは{number}です']), 'government-id'],
      [slot('cpf', 'AMAZON.NUMBER', 'pt-BR', ['meu CPF é {cpf}']), 'government-id'],
      [slot('number', 'AMAZON.NUMBER', 'hi-IN', ['मेरा आधार नंबर {number} है']), 'government-id'],
      [slot('pan', 'AMAZON.SearchQuery', 'hi-IN', ['my pan number is {pan}']), 'government-id'],
      [slot('age', 'AMAZON.NUMBER', 'en-US', ['{age}']), 'age'],
      [slot('number', 'AMAZON.NUMBER', 'en-US', ['I am {number} years old']), 'age'],
      [slot('number', 'AMAZON.NUMBER', 'en-US', ['how old: {number}']), 'age'],
      [slot('alter', 'AMAZON.NUMBER', 'de-DE', ['ich bin {alter} Jahre alt']), 'age'],
      [slot('age', 'AMAZON.NUMBER', 'fr-FR', ['mon âge est {age}']), 'age'],
      [slot('edad', 'AMAZON.NUMBER', 'es-ES', ['mi edad es {edad}']), 'age'],
      [slot('eta', 'AMAZON.NUMBER', 'it-IT', ['la mia età è {eta}']), 'age'],
      [slot('age', 'AMAZON.NUMBER', 'ja-JP', ['年齢は{age}です']), 'age'],
      [slot('idade', 'AMAZON.NUMBER', 'pt-BR', ['minha idade é {idade}']), 'age'],
      [slot('age', 'AMAZON.NUMBER', 'hi-IN', ['मेरी उम्र {age} साल है']), 'age'],
      [slot('number', 'AMAZON.NUMBER', 'en-US', ['my phone number is {number}']), 'phone'],
      [slot('number', 'AMAZON.NUMBER', 'ja-JP', ['私の電話番号は{number}です']), 'phone'],
      [slot('number', 'AMAZON.NUMBER', 'hi-IN', ['मेरा फ़ोन नंबर {number} है']), 'phone'],
      [slot('zip', 'AMAZON.NUMBER', 'en-US', ['{zip}']), 'location'],
      [slot('number', 'AMAZON.NUMBER', 'en-US', ['my zip code is {number}']), 'location'],
      [slot('pincode', 'AMAZON.NUMBER', 'hi-IN', ['{pincode}']), 'location'],
      [slot('number', 'AMAZON.NUMBER', 'en-IN', ['my pin code is {number}']), 'location'],
      [slot('pin', 'AMAZON.NUMBER', 'en-IN', ['my pin code is {pin}']), 'credentials'], // a bare `pin`: sensitive evidence wins
      [slot('query', 'AMAZON.SearchQuery', 'en-US', ['my address is {query}']), 'address'],
      [slot('query', 'AMAZON.SearchQuery', 'en-US', ['my email is {query}']), 'email'],
      [slot('email', 'AMAZON.SearchQuery', 'en-US', ['{email}']), 'email'],
      [slot('email', 'EmailType', 'fr-FR', ['mon adresse e-mail est {email}']), 'email'],
      [slot('nummer', 'AMAZON.SearchQuery', 'de-DE', ['meine Telefonnummer ist {nummer}']), 'phone'],
      [slot('wert', 'AMAZON.SearchQuery', 'de-DE', ['mein Blutzucker ist {wert}']), 'health'],
      [slot('city', 'AMAZON.US_CITY', 'en-US', ['I live in {city}']), 'location'],
      [slot('homeTown', 'AMAZON.US_CITY', 'en-US', ['{homeTown}']), 'location'],
      [slot('stadt', 'AMAZON.DE_CITY', 'de-DE', ['ich wohne in {stadt}']), 'location'],
    ];
    for (const [input, expected] of cases) {
      it(`${input.locale} ${input.type} ${input.name} ${JSON.stringify(input.samples)} → ${expected}`, () => {
        assert.equal(category(input), expected, JSON.stringify(classifySlot(input)));
      });
    }
  });

  describe('no false alarms', () => {
    const cases: SlotInput[] = [
      slot('color', 'COLOR_TYPE', 'en-US', ['my favourite colour is {color}']),
      slot('color', 'AMAZON.Color', 'en-US', ['my favorite color is {color}']),
      slot('score', 'AMAZON.NUMBER', 'en-US', ['set the score to {score}']),
      slot('number', 'AMAZON.NUMBER', 'en-US', ['{number} players']),
      slot('number', 'AMAZON.NUMBER', 'en-US', ['guess {number}', 'is it {number}']),
      slot('players', 'AMAZON.NUMBER', 'en-US', ['we are {players} players']),
      slot('song', 'AMAZON.MusicRecording', 'en-US', ['play {song} by {artist}']),
      slot('artist', 'AMAZON.Musician', 'en-US', ['play {song} by {artist}']),
      slot('city', 'AMAZON.US_CITY', 'en-US', ["what's the weather in {city}", 'weather for {city}']),
      slot('city', 'AMAZON.City', 'en-US', ['what is the weather in my city {city}'.replace('my city ', '')]),
      slot('stadt', 'AMAZON.DE_CITY', 'de-DE', ['wie ist das Wetter in {stadt}']),
      slot('ville', 'AMAZON.FR_CITY', 'fr-FR', ['quel temps fait-il à {ville}']),
      slot('recipe', 'RecipeType', 'en-US', ['how do I make {recipe}'], { customValues: ['chicken curry', 'spaghetti carbonara', 'apple pie'] }),
      slot('time', 'AMAZON.TIME', 'en-US', ['remind me at {time}']),
      slot('date', 'AMAZON.DATE', 'en-US', ['remind me on {date}', 'what happened on {date}']),
      slot('date', 'AMAZON.DATE', 'en-US', ['plan a birthday party on {date}']),
      slot('year', 'AMAZON.FOUR_DIGIT_NUMBER', 'en-US', ['songs from {year}']),
      slot('query', 'AMAZON.SearchQuery', 'en-US', ['search for {query}']),
      slot('animal', 'AnimalType', 'en-US', ['my favourite animal is {animal}'], { customValues: ['dog', 'cat', 'horse'] }),
      slot('sign', 'ZodiacType', 'en-US', ['my sign is {sign}'], { customValues: ['aries', 'taurus', 'gemini', 'cancer', 'leo', 'virgo'] }),
      slot('card', 'CardType', 'en-US', ['play {card}'], { customValues: ['ace', 'king', 'queen'] }),
      slot('code', 'AMAZON.NUMBER', 'en-US', ['level {code}']),
      slot('number', 'AMAZON.NUMBER', 'de-DE', ['{number} Spieler']),
      slot('number', 'AMAZON.NUMBER', 'ja-JP', ['{number}人で遊ぶ']),
      slot('name', 'PetNameType', 'ja-JP', ['ペットの名前は{name}']),
      slot('name', 'SongNameType', 'en-US', ['play the song called {name}']),
      slot('x', 'AMAZON.TIME', 'en-US', ['my birthday alarm at {x}']),
      slot('', '', 'en-US', []),
    ];
    for (const input of cases) {
      it(`${input.locale} ${input.type} ${input.name} ${JSON.stringify(input.samples)}`, () => {
        assert.equal(classifySlot(input), undefined);
      });
    }
  });

  describe('reasons', () => {
    it('names a built-in type', () => {
      assert.equal(classifySlot(slot('nummer', 'AMAZON.PhoneNumber', 'de-DE', ['{nummer}']))?.reason, 'slot `nummer` of type AMAZON.PhoneNumber');
    });
    it('names what the slot name looks like', () => {
      assert.equal(classifySlot(slot('pin', 'AMAZON.FOUR_DIGIT_NUMBER', 'en-US', ['{pin}']))?.reason, 'slot `pin` of type AMAZON.FOUR_DIGIT_NUMBER named like a PIN');
      assert.equal(classifySlot(slot('iban', 'AMAZON.NUMBER', 'de-DE', ['{iban}']))?.reason, 'slot `iban` of type AMAZON.NUMBER named like a bank account number');
    });
    it('quotes the utterance', () => {
      assert.equal(
        classifySlot(slot('date', 'AMAZON.DATE', 'de-DE', ['{date}', 'mein Geburtstag ist {date}']))?.reason,
        'slot `date` of type AMAZON.DATE in the utterance "mein Geburtstag ist {date}"',
      );
    });
    it('quotes the prompt', () => {
      assert.deepEqual(classifySlot(slot('x', 'AMAZON.NUMBER', 'de-DE', ['{x}'], { prompts: ['Wie lautet deine Kontonummer?'] })), {
        category: 'financial',
        reason: 'slot `x` of type AMAZON.NUMBER whose prompt asks for a card or bank account number: "Wie lautet deine Kontonummer?"',
      });
    });
    it('names the custom type', () => {
      assert.deepEqual(classifySlot(slot('num', 'CardNumberType', 'en-US', ['{num}'])), {
        category: 'financial',
        reason: 'slot `num` of type CardNumberType, a type named like a card number',
      });
    });
    it('shortens long utterances', () => {
      const long = `my birthday is {date} ${'and so on '.repeat(30)}`;
      const reason = classifySlot(slot('date', 'AMAZON.DATE', 'en-US', [long]))?.reason ?? '';
      assert.ok(reason.length < 150, reason);
      assert.match(reason, /…"$/);
    });
  });

  describe('the words must describe this slot', () => {
    it('picks the words nearest to the slot, not to another slot', () => {
      const samples = ['my name is {name} and my phone number is {phone}'];
      assert.equal(category(slot('phone', 'AMAZON.SearchQuery', 'en-US', samples)), 'phone');
      assert.equal(category(slot('name', 'AMAZON.SearchQuery', 'en-US', samples)), 'name');
    });
    it('ignores words that belong to another slot', () => {
      assert.equal(category(slot('when', 'AMAZON.DATE', 'en-US', ['my birthday is {day} and remind me on {when}'])), undefined);
    });
    it('ignores a sample without the slot', () => {
      assert.equal(category(slot('date', 'AMAZON.DATE', 'en-US', ['my birthday is {other}'])), undefined);
    });
    it('words far from the slot do not count', () => {
      assert.equal(category(slot('date', 'AMAZON.DATE', 'en-US', ['my birthday was great and we danced all night long and then on {date}'])), undefined);
    });
    it('only categories the type can hold count (a date is no PIN)', () => {
      assert.equal(category(slot('date', 'AMAZON.DATE', 'en-US', ['my pin expires on {date}'])), undefined);
      assert.equal(category(slot('time', 'AMAZON.TIME', 'en-US', ['my password reset at {time}'])), undefined);
    });
  });

  describe('sensitive evidence wins', () => {
    it('a slot named like a PIN and described as a date of birth is a PIN', () => {
      assert.equal(category(slot('pin', 'AMAZON.FOUR_DIGIT_NUMBER', 'en-US', ['I was born in {pin}'])), 'credentials');
    });
    it('a prompt asking for a card number makes a plain slot financial', () => {
      assert.equal(category(slot('value', 'AMAZON.NUMBER', 'en-US', ['{value}'], { prompts: ['Thanks. What is your card number?'] })), 'financial');
    });
  });

  describe('custom types', () => {
    it('values that are diseases or medications → health', () => {
      const c = classifySlot(slot('condition', 'ConditionType', 'en-US', ['I have {condition}'], { customValues: ['diabetes', 'asthma', 'high blood pressure', 'migraine'] }));
      assert.deepEqual(c, { category: 'health', reason: 'slot `condition` of type ConditionType whose values name health information (diabetes, asthma, high blood pressure)' });
    });
    it('values in other languages → health', () => {
      assert.equal(category(slot('k', 'KrankheitTyp', 'de-DE', ['ich habe {k}'], { customValues: ['Diabetes', 'Asthma', 'Grippe', 'Migräne'] })), 'health');
      assert.equal(category(slot('b', 'BimariType', 'hi-IN', ['मुझे {b} है'], { customValues: ['मधुमेह', 'दमा', 'बुखार'] })), 'health');
      assert.equal(category(slot('s', 'ShojoType', 'ja-JP', ['{s}があります'], { customValues: ['糖尿病', '喘息', '高血圧'] })), 'health');
    });
    it('male/female values → gender', () => {
      assert.deepEqual(classifySlot(slot('g', 'SexType', 'en-US', ['I am {g}'], { customValues: ['male', 'female', 'non-binary'] })), {
        category: 'gender',
        reason: 'slot `g` of type SexType, a type named like a gender',
      });
      assert.deepEqual(classifySlot(slot('g', 'WhoType', 'de-DE', ['ich bin {g}'], { customValues: ['männlich', 'weiblich', 'divers'] })), {
        category: 'gender',
        reason: 'slot `g` of type WhoType whose values name a gender (männlich, weiblich, divers)',
      });
    });
    it('a few health words among many others are not enough', () => {
      const values = ['pizza', 'pasta', 'salad', 'soup', 'bread', 'cake', 'flu'];
      assert.equal(category(slot('food', 'FoodType', 'en-US', ['I want {food}'], { customValues: values })), undefined);
    });
    it('a custom type named like the data', () => {
      assert.equal(category(slot('x', 'LIST_OF_MEDICATIONS', 'en-US', ['I take {x}'])), 'health');
      assert.equal(category(slot('x', 'PasswordType', 'en-US', ['{x}'])), 'credentials');
    });
  });

  describe('children', () => {
    const cases: [SlotInput, RegExp][] = [
      [slot('name', 'AMAZON.US_FIRST_NAME', 'en-US', ["my son's name is {name}"]), /about a child: the utterance "my son's name is \{name\}"/],
      [slot('name', 'AMAZON.US_FIRST_NAME', 'en-US', ['{name} is my daughter']), /about a child: the utterance/],
      [slot('childName', 'AMAZON.US_FIRST_NAME', 'en-US', ['{childName}']), /about a child: its name `childName`/],
      [slot('kindername', 'AMAZON.DE_FIRST_NAME', 'de-DE', ['{kindername}']), /about a child/],
      [slot('nom', 'AMAZON.FR_FIRST_NAME', 'fr-FR', ['le nom de mon enfant est {nom}']), /about a child/],
      [slot('name', 'AMAZON.FirstName', 'en-US', ['{name}'], { prompts: ["What's your child's name?"] }), /about a child: the prompt/],
      [slot('childName', 'AMAZON.SearchQuery', 'en-US', ['{childName}']), /named like a child's name/],
      [slot('age', 'AMAZON.NUMBER', 'en-US', ['my son is {age} years old']), /in the utterance "my son is \{age\} years old", a child's age/],
      [slot('date', 'AMAZON.DATE', 'en-US', ["my daughter's birthday is {date}"]), /a child's date of birth/],
      [slot('nombre', 'AMAZON.SearchQuery', 'es-ES', ['el nombre de mi hijo es {nombre}']), /a child's name/],
      [slot('name', 'AMAZON.FirstName', 'ja-JP', ['息子の名前は{name}です']), /about a child/],
      [slot('name', 'AMAZON.FirstName', 'hi-IN', ['मेरे बेटे का नाम {name} है']), /about a child/],
    ];
    for (const [input, reason] of cases) {
      it(`${input.locale} ${input.type} ${input.name} ${JSON.stringify(input.samples)}`, () => {
        const c = classifySlot(input);
        assert.equal(c?.category, 'children', JSON.stringify(c));
        assert.match(c?.reason ?? '', reason);
      });
    }
    it('a child word alone does not make a slot personal', () => {
      assert.equal(classifySlot(slot('song', 'SongType', 'en-US', ['play {song} for my son'])), undefined);
      assert.equal(classifySlot(slot('count', 'AMAZON.NUMBER', 'en-US', ['I have {count} kids'])), undefined);
    });
    it('a child slot of a sensitive kind stays sensitive', () => {
      assert.equal(category(slot('ssn', 'AMAZON.NUMBER', 'en-US', ["my son's social security number is {ssn}"])), 'government-id');
    });
  });
});
