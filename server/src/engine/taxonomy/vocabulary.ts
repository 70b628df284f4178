import { DataCategory } from './categories';

/**
 * Word lists of the personal-data taxonomy, per language (DESIGN.md "Personal-data taxonomy").
 *
 * Phrases are written as a person would write them, accents and all; they are folded (case,
 * accents, Devanagari nukta, full-width forms) and split into words exactly like the text they are
 * matched against, so "numéro de téléphone" matches "NUMERO DE TELEPHONE" and "E-Mail-Adresse"
 * matches "e mail adresse". A word starting with `$` names a word class of the language:
 * `$poss` (possessive determiners, and in English "son's"-like possessives), `$you` (second
 * person), `$child` (the language's words for children).
 *
 * Matching is by whole words for space-separated scripts and by substring for Japanese
 * (`mode: 'chars'`). German nouns compound, so a German term of six letters or more also matches
 * at the end of a longer word ("Festnetztelefonnummer" ends with "telefonnummer").
 *
 * Deliberate omissions, to keep false alarms down (see the tests for each):
 * - a bare "name"/"Name"/"nom"/"nombre"/"नाम" is no term: "the name of the song" is not personal.
 *   Terms need a possessive ("your name", "deinen Namen") or a qualifier ("first name").
 * - a city on its own is no term: "what's the weather in {city}" names a place, not a person.
 *   Only words tying a place to the user ("I live in", "my home town", "Wohnort") are 'location'.
 * - generic "code", "card", "number", "account" are no terms in text; see IDENTIFIER_TERMS for
 *   the narrower rules on slot names.
 */
export interface LanguageVocabulary {
  /** Phrases that name personal data of a category. */
  terms: Partial<Record<DataCategory, readonly string[]>>;
  /** Phrases that ask for the data by themselves ("how old are you", "wie heißt du", "何歳"). */
  asks?: Partial<Record<DataCategory, readonly string[]>>;
  /** Phrases that contain a term but name no personal data; the longer match wins. */
  notTerms?: readonly string[];
  /** Question words and imperatives that come before the data they ask for ("what is", "wie lautet"). */
  cuesBefore: readonly string[];
  /** Verbs and particles that come after the data they ask for ("を教えて", "बताइए", "please"). */
  cuesAfter: readonly string[];
  /** Words that turn a request into its opposite ("never tell me your PIN"). */
  negations: readonly string[];
  /** Words for a child; with a term nearby the data is a child's. */
  children: readonly string[];
  possessives: readonly string[];
  you: readonly string[];
  /** 'chars': substring matching for scripts without spaces (ja). Default 'words'. */
  mode?: 'words' | 'chars';
  /** Terms also match at the end of a compound word (de). */
  compounds?: boolean;
  /** An apostrophe inside a word is dropped ("son's" → "sons"); otherwise it separates words (fr "l'adresse"). */
  joinApostrophes?: boolean;
  /** Other languages whose lists are used too, after this one's (hi-IN models mix in English). */
  includes?: readonly string[];
}

const en: LanguageVocabulary = {
  joinApostrophes: true,
  possessives: [
    'my', 'your', 'ur', 'his', 'her', 'their', 'our', "son's", "daughter's", "child's", "kid's", "baby's", "children's",
    "kids'", "wife's", "husband's", "partner's", "mom's", "mum's", "dad's", "mother's", "father's", "friend's", "parent's",
    "grandson's", "granddaughter's",
  ],
  you: ['your', 'ur', 'yours'],
  children: [
    'child', 'children', 'kid', 'kids', 'kiddo', 'son', 'sons', "son's", 'daughter', 'daughters', "daughter's", "child's",
    "children's", "kid's", "kids'", 'baby', 'babies', "baby's", 'toddler', 'toddlers', 'infant', 'newborn', 'grandson',
    'granddaughter', 'grandchild', 'grandchildren', 'grandkid', 'grandkids', 'stepson', 'stepdaughter', 'teenager',
    'preschooler', 'little one',
  ],
  terms: {
    name: [
      '$poss name', '$poss names', '$poss full name', '$poss first name', '$poss last name', 'first name', 'last name',
      'full name', 'surname', 'given name', 'family name', 'middle name', 'maiden name', 'forename', 'name of $poss $child',
      'name of the $child',
    ],
    email: ['email', 'e-mail', 'email address', 'e-mail address', 'mail address', 'email id', 'gmail address'],
    phone: [
      'phone number', 'telephone number', 'mobile number', 'mobile phone number', 'cell number', 'cell phone number',
      'cellphone number', 'phone no', 'contact number', 'whatsapp number', 'landline number', 'callback number',
      'home phone number', 'number to reach you', 'number where i can reach you',
    ],
    address: [
      'address', 'home address', 'street address', 'postal address', 'mailing address', 'shipping address',
      'delivery address', 'billing address', 'house number', 'apartment number', 'flat number', '$poss street',
    ],
    location: [
      'zip code', 'zipcode', 'zip', 'postal code', 'postcode', 'post code', '$poss location', 'current location',
      'where i live', 'i live in', 'i live at', 'home town', 'hometown', 'home city', '$poss city', '$poss town',
      'gps coordinates', 'coordinates', 'latitude', 'longitude',
    ],
    birthdate: [
      'birthday', 'birthdate', 'birth date', 'date of birth', 'born on', 'born in', 'year of birth', 'birth year', 'bday',
    ],
    age: ['age', '$poss age', 'how old', 'years old', 'year old', 'yrs old'],
    gender: ['gender', 'sex', '$poss sex', 'male or female', 'man or woman', '$poss pronouns'],
    health: [
      'health condition', 'health conditions', 'medical condition', 'medical conditions', 'medical history',
      'health record', 'health records', 'health data', 'health information', 'diagnosis', 'symptom', 'symptoms',
      'illness', 'disease', 'diseases', 'medication', 'medications', 'medicine', 'medicines', 'meds', 'prescription',
      'prescriptions', 'allergy', 'allergies', 'blood pressure', 'blood sugar', 'blood glucose', 'glucose level',
      'heart rate', 'insulin', 'pregnant', 'pregnancy', 'disability', 'mental health', 'diabetes', 'asthma',
      'depression', 'hiv', 'blood type',
    ],
    financial: [
      'credit card', 'credit card number', 'debit card', 'debit card number', 'card number', 'bank account',
      'bank account number', 'account number', 'routing number', 'sort code', 'iban', 'swift code', 'bic', 'cvv', 'cvc',
      'card verification code', 'card security code', 'expiration date', 'expiry date', 'card details', 'bank details',
      'banking details', 'last four digits of $poss card', 'last four digits of $poss card number',
    ],
    'government-id': [
      'social security', 'social security number', 'ssn', 'passport', 'passport number', 'driver license',
      "driver's license", 'drivers license', 'driving licence', 'driving license', 'license number', 'licence number',
      'national insurance number', 'national id', 'national id number', 'id number', 'identity card', 'identity number',
      'id card', 'tax id', 'tax number', 'taxpayer id', 'medicare number', 'social insurance number', 'aadhaar',
      'aadhaar number', 'aadhar', 'pan card', 'pan number', 'voter id', 'green card number',
    ],
    credentials: [
      'password', 'passwords', 'passcode', 'pass code', 'pin', 'pin code', 'pin number', 'secret code', 'security code',
      'access code', 'verification code', 'one time password', 'one-time password', 'one time code', 'otp',
      'login details', 'log in details', 'credentials', 'passphrase', 'security question', 'security answer',
      "mother's maiden name", 'unlock code',
    ],
    'device-id': ['device id', 'serial number', 'ip address', 'mac address', 'imei'],
    'user-id': [
      'user id', 'customer id', 'customer number', 'account id', 'member id', 'membership number', 'loyalty number',
      'username', 'user name',
    ],
  },
  asks: {
    name: ['what should i call you', 'what do you call yourself', 'who am i speaking to', 'who am i speaking with'],
    age: ['how old are you', 'how old is $poss', 'how old are $poss'],
    location: ['where do you live', 'where are you located', 'where do you stay', 'what city do you live in', 'which city do you live in'],
    birthdate: ['when were you born', 'what year were you born'],
  },
  notTerms: [
    'web address', 'website address', 'url address', 'address book', 'happy birthday', 'birthday party', 'birthday song',
    'birthday cake', 'birthday present', 'birthday gift', 'birthday card', 'age group', 'age rating', 'ice age',
    'stone age', 'bronze age', 'iron age', 'middle ages', 'golden age', 'new age', 'age of empires', 'coming of age',
    'max age', 'gift card', 'gift card number', 'pin the', 'zip file', 'zip files', 'the sex pistols',
    // Someone else's address, or a place to look the weather up for.
    'address of the', 'address of a', 'address of this', 'address of that', 'weather in $poss city',
    'weather in $poss town', 'weather for $poss city', 'weather at $poss location', 'weather in $poss location',
    'email subject', 'email body', 'email message', 'email newsletter', 'email notifications', 'email updates',
  ],
  cuesBefore: [
    'what is', "what's", 'whats', 'what are', 'what was', 'tell me', 'tell us', 'say', 'please say', 'give me', 'give us',
    'provide', 'please provide', 'enter', 'spell', 'spell out', 'may i have', 'can i have', 'could i have', 'can i get',
    'may i get', 'could i get', 'can you tell me', 'could you tell me', 'would you tell me', 'i need', 'we need',
    'i will need', "i'll need", 'state', 'please state', 'share', 'let me know', 'confirm', 'repeat', 'read me',
    'read out', 'which is', 'when is', "when's", 'where is', 'type', 'dictate', 'recite', 'speak',
  ],
  cuesAfter: ['please'],
  negations: [
    'never', 'not', "don't", 'dont', "doesn't", "didn't", "won't", 'wont', "can't", 'cant', 'cannot', "shouldn't",
    "wouldn't", "isn't", "aren't", 'no', 'nor', 'neither', 'without', 'nobody', 'noone',
  ],
};

const de: LanguageVocabulary = {
  compounds: true,
  joinApostrophes: true,
  possessives: [
    'mein', 'meine', 'meinen', 'meinem', 'meiner', 'meines', 'dein', 'deine', 'deinen', 'deinem', 'deiner', 'deines',
    'ihr', 'ihre', 'ihren', 'ihrem', 'ihrer', 'ihres', 'sein', 'seine', 'seinen', 'seinem', 'seiner', 'seines', 'unser',
    'unsere', 'unseren', 'unserem', 'unserer', 'unseres', 'euer', 'eure', 'euren',
  ],
  you: ['dein', 'deine', 'deinen', 'deinem', 'deiner', 'deines', 'ihr', 'ihre', 'ihren', 'ihrem', 'ihrer', 'ihres', 'eure', 'euer'],
  children: [
    'kind', 'kinder', 'kindes', 'kinds', 'sohn', 'sohnes', 'sohns', 'söhne', 'tochter', 'töchter', 'baby', 'babys',
    'säugling', 'kleinkind', 'enkel', 'enkelin', 'enkelkind', 'enkelkinder', 'stiefsohn', 'stieftochter', 'nachwuchs',
    'kindername', 'kindesname',
  ],
  terms: {
    name: [
      '$poss name', '$poss namen', '$poss vollständiger name', '$poss vollständigen namen', 'vorname', 'vornamen',
      'nachname', 'nachnamen', 'familienname', 'familiennamen', 'zuname', 'rufname', 'vollständiger name',
      'vollständigen namen', 'ich heiße', 'kindername', 'kindesname', 'name $poss $child', 'name des $child',
      'namen $poss $child', 'namen des $child',
    ],
    email: ['e-mail', 'email', 'e-mail-adresse', 'emailadresse', 'mailadresse', 'mail-adresse', 'mail'],
    phone: [
      'telefonnummer', 'handynummer', 'mobilnummer', 'mobilfunknummer', 'rufnummer', 'festnetznummer',
      'telefon nummer', 'handy nummer', 'telefon', 'nummer unter der ich dich erreiche',
    ],
    address: [
      'adresse', 'anschrift', 'postanschrift', 'postadresse', 'wohnadresse', 'wohnanschrift', 'lieferadresse',
      'rechnungsadresse', 'hausnummer', '$poss straße', 'straße und hausnummer',
    ],
    location: [
      'postleitzahl', 'plz', 'wohnort', 'ich wohne in', '$poss standort', 'standort', 'heimatstadt', '$poss stadt',
      'aufenthaltsort', 'koordinaten',
    ],
    birthdate: ['geburtstag', 'geburtsdatum', 'geburtsjahr', 'geburtstermin', 'geboren', 'tag der geburt'],
    age: ['alter', '$poss alter', 'wie alt', 'jahre alt', 'lebensalter'],
    gender: ['geschlecht', 'männlich oder weiblich', 'mann oder frau', '$poss pronomen'],
    health: [
      'krankheit', 'krankheiten', 'erkrankung', 'erkrankungen', 'vorerkrankung', 'vorerkrankungen', 'medikament',
      'medikamente', 'medikation', 'arznei', 'arzneimittel', 'diagnose', 'symptom', 'symptome', 'beschwerden',
      'blutdruck', 'blutzucker', 'blutzuckerwert', 'allergie', 'allergien', 'schwanger', 'schwangerschaft',
      'gesundheitszustand', 'gesundheitsdaten', 'krankengeschichte', 'insulin', 'diabetes', 'asthma', 'depression',
      'behinderung', 'blutgruppe',
    ],
    financial: [
      'kreditkarte', 'kreditkartennummer', 'kartennummer', 'debitkarte', 'ec-karte', 'girokarte', 'bankkarte',
      'kontonummer', 'bankkonto', 'iban', 'bic', 'bankleitzahl', 'blz', 'bankverbindung', 'bankdaten',
      'kartenprüfnummer', 'prüfziffer', 'sicherheitscode der karte', 'ablaufdatum der karte',
    ],
    'government-id': [
      'ausweis', 'ausweisnummer', 'personalausweis', 'personalausweisnummer', 'reisepass', 'reisepassnummer',
      'passnummer', 'führerschein', 'führerscheinnummer', 'sozialversicherungsnummer', 'rentenversicherungsnummer',
      'versicherungsnummer', 'krankenversichertennummer', 'steuernummer', 'steuer-id', 'steueridentifikationsnummer',
      'steuer-identifikationsnummer',
    ],
    credentials: [
      'passwort', 'kennwort', 'pin', 'pin-nummer', 'pin-code', 'pincode', 'geheimzahl', 'geheimnummer', 'geheimcode',
      'zugangscode', 'sicherheitscode', 'bestätigungscode', 'verifizierungscode', 'einmalpasswort', 'tan',
      'zugangsdaten', 'anmeldedaten', 'sicherheitsfrage',
    ],
    'device-id': ['geräte-id', 'geräteid', 'seriennummer', 'ip-adresse', 'mac-adresse'],
    'user-id': ['benutzername', 'nutzername', 'benutzer-id', 'kundennummer', 'kunden-id', 'mitgliedsnummer'],
  },
  asks: {
    name: ['wie heißt du', 'wie heißen sie', 'wie heißt $poss'],
    age: ['wie alt bist du', 'wie alt sind sie', 'wie alt ist $poss'],
    location: ['wo wohnst du', 'wo wohnen sie'],
    birthdate: ['wann bist du geboren', 'wann sind sie geboren'],
  },
  notTerms: [
    'webadresse', 'internetadresse', 'geburtstagsparty', 'geburtstagsfeier', 'geburtstagslied', 'geburtstagskuchen',
    'geburtstagsgeschenk', 'alles gute zum geburtstag', 'mitgliedsausweis', 'bibliotheksausweis', 'schülerausweis',
    'studentenausweis', 'mittelalter', 'zeitalter',
  ],
  cuesBefore: [
    'wie lautet', 'wie lauten', 'wie ist', 'was ist', 'welche ist', 'welches ist', 'welcher ist', 'wann ist', 'nenne',
    'nenne mir', 'nenn mir', 'nennen sie', 'nennen sie mir', 'sag', 'sag mir', 'sage', 'sage mir', 'sagen sie',
    'sagen sie mir', 'gib', 'gib mir', 'geben sie', 'geben sie mir', 'verrate', 'verrate mir', 'verraten sie mir',
    'teile mir', 'teil mir', 'teilen sie mir', 'kannst du mir', 'können sie mir', 'könntest du mir', 'könnten sie mir',
    'buchstabiere', 'buchstabieren sie', 'ich brauche', 'wir brauchen', 'ich benötige', 'diktiere', 'bitte',
  ],
  cuesAfter: ['sagen', 'nennen', 'verraten', 'mitteilen', 'geben', 'angeben', 'buchstabieren', 'durchgeben', 'bitte'],
  negations: [
    'nie', 'niemals', 'nicht', 'kein', 'keine', 'keinen', 'keinem', 'keiner', 'keinesfalls', 'nimmer', 'ohne',
    'niemand', 'niemandem',
  ],
};

const fr: LanguageVocabulary = {
  possessives: ['mon', 'ma', 'mes', 'ton', 'ta', 'tes', 'son', 'sa', 'ses', 'votre', 'vos', 'notre', 'nos', 'leur', 'leurs'],
  you: ['votre', 'vos', 'ton', 'ta', 'tes'],
  children: [
    'enfant', 'enfants', 'fils', 'fille', 'filles', 'bébé', 'bébés', 'nourrisson', 'ado', 'ados', 'adolescent',
    'adolescente', 'gamin', 'gamine', 'gosse', 'gosses', 'môme', 'petit-fils', 'petite-fille', 'petits-enfants',
  ],
  terms: {
    name: [
      '$poss nom', '$poss nom complet', '$poss prénom', '$poss nom de famille', 'prénom', 'prénoms', 'nom de famille',
      'nom complet', "je m'appelle", 'nom de $poss $child', "nom de l'$child", 'nom du $child', 'nom de la $child',
    ],
    email: [
      'e-mail', 'email', 'mail', 'courriel', 'adresse e-mail', 'adresse email', 'adresse mail', 'adresse électronique',
      'adresse courriel', 'mél',
    ],
    phone: [
      'numéro de téléphone', 'numéro de portable', 'numéro de mobile', 'numéro de tel', 'numéro de tél', 'téléphone',
      'numéro de fixe', '$poss portable',
    ],
    address: [
      'adresse', 'adresse postale', 'adresse de livraison', 'adresse de facturation', 'domicile', '$poss rue',
      'numéro de rue', 'adresse du domicile', '$poss coordonnées',
    ],
    location: [
      'code postal', "j'habite", "j'habite à", 'ville natale', '$poss ville', 'localisation', '$poss position',
      'coordonnées gps',
    ],
    birthdate: ['date de naissance', 'anniversaire', 'jour de naissance', 'année de naissance', 'naissance'],
    age: ['âge', '$poss âge', 'quel âge'],
    gender: ['sexe', '$poss genre', 'homme ou femme', 'masculin ou féminin'],
    health: [
      'maladie', 'maladies', 'médicament', 'médicaments', 'traitement médical', 'diagnostic', 'symptôme', 'symptômes',
      'tension artérielle', 'glycémie', 'taux de sucre', 'allergie', 'allergies', 'enceinte', 'grossesse',
      'état de santé', 'dossier médical', 'antécédents médicaux', 'diabète', 'asthme', 'dépression', 'handicap',
      'groupe sanguin', 'insuline', 'ordonnance',
    ],
    financial: [
      'carte bancaire', 'carte de crédit', 'carte de débit', 'numéro de carte', 'numéro de carte bancaire',
      'carte bleue', 'compte bancaire', 'numéro de compte', 'iban', 'rib', 'bic', 'coordonnées bancaires',
      'cryptogramme', "date d'expiration", 'code de sécurité de la carte', "relevé d'identité bancaire",
    ],
    'government-id': [
      'numéro de sécurité sociale', 'sécurité sociale', 'carte vitale', 'numéro fiscal', 'passeport',
      'numéro de passeport', 'permis de conduire', "carte d'identité", "numéro d'identité", "pièce d'identité", 'nir',
      "numéro d'assurance sociale",
    ],
    credentials: [
      'mot de passe', 'code pin', 'pin', 'code secret', 'code confidentiel', "code d'accès", 'code de vérification',
      'code de sécurité', 'identifiants', 'code à usage unique',
    ],
    'device-id': ['adresse ip', 'numéro de série', "identifiant de l'appareil"],
    'user-id': ['identifiant', "nom d'utilisateur", 'numéro client', 'numéro de client', "numéro d'adhérent"],
  },
  asks: {
    name: [
      'comment vous appelez-vous', 'comment vous appelez vous', "comment t'appelles-tu", "comment tu t'appelles",
      "comment s'appelle $poss",
    ],
    age: ['quel âge avez-vous', 'quel âge as-tu', 'quel âge a $poss', 'tu as quel âge', 'vous avez quel âge'],
    location: ['où habitez-vous', 'où habites-tu', 'où est-ce que tu habites', 'où vivez-vous', 'où vis-tu'],
    birthdate: ['quand êtes-vous né', 'quand es-tu né', 'quand es-tu née'],
  },
  notTerms: [
    "fête d'anniversaire", 'joyeux anniversaire', "gâteau d'anniversaire", "cadeau d'anniversaire",
    'anniversaire de mariage', 'moyen âge', "âge d'or", 'âge de pierre', 'adresse web', 'adresse du site',
    'adresse internet', 'genre musical', 'genre de musique',
  ],
  cuesBefore: [
    'quel est', 'quelle est', 'quels sont', 'quelles sont', "c'est quoi", 'dites-moi', 'dis-moi', 'donnez-moi',
    'donne-moi', 'indiquez-moi', 'indiquez', 'indique-moi', 'indique', 'veuillez', 'pouvez-vous me', 'peux-tu me',
    'pourriez-vous me', 'pourrais-tu me', 'épelez', 'épelle', 'communiquez-moi', 'communique-moi', 'précisez',
    "j'ai besoin de", 'nous avons besoin de', 'dites', 'dis', 'donnez', 'donne', 'quand est',
  ],
  cuesAfter: ["s'il vous plaît", "s'il te plaît", 'svp'],
  negations: ['jamais', 'pas', 'ne', 'n', 'aucun', 'aucune', 'sans', 'ni', 'rien', 'personne'],
};

const es: LanguageVocabulary = {
  possessives: ['mi', 'mis', 'tu', 'tus', 'su', 'sus', 'nuestro', 'nuestra', 'nuestros', 'nuestras', 'vuestro', 'vuestra'],
  you: ['tu', 'tus', 'su', 'sus', 'vuestro', 'vuestra'],
  children: [
    'hijo', 'hija', 'hijos', 'hijas', 'niño', 'niña', 'niños', 'niñas', 'bebé', 'bebés', 'nieto', 'nieta', 'nietos',
    'nietas', 'hijastro', 'hijastra', 'adolescente', 'menor de edad', 'menores de edad',
  ],
  terms: {
    name: [
      '$poss nombre', '$poss nombre completo', 'nombre completo', 'apellido', 'apellidos', '$poss apellido', 'me llamo',
      'nombre de $poss $child', 'nombre del $child', 'nombre de la $child',
    ],
    email: [
      'correo electrónico', 'correo', 'email', 'e-mail', 'mail', 'dirección de correo', 'dirección de correo electrónico',
      'dirección de email', 'dirección de e-mail',
    ],
    phone: [
      'número de teléfono', 'teléfono', 'número de celular', 'celular', 'número de móvil', 'móvil', 'número de contacto',
      'número telefónico', 'whatsapp',
    ],
    address: [
      'dirección', 'dirección postal', 'dirección de envío', 'dirección de entrega', 'domicilio', '$poss calle',
      'número de casa',
    ],
    location: ['código postal', 'vivo en', 'ciudad natal', '$poss ciudad', '$poss ubicación', 'ubicación', 'coordenadas'],
    birthdate: ['cumpleaños', 'fecha de nacimiento', 'nacimiento', 'nací el', 'nací en', 'año de nacimiento'],
    age: ['edad', '$poss edad', 'cuántos años', 'qué edad'],
    gender: ['sexo', '$poss género', 'hombre o mujer', 'masculino o femenino'],
    health: [
      'enfermedad', 'enfermedades', 'medicamento', 'medicamentos', 'medicina', 'medicinas', 'diagnóstico', 'síntoma',
      'síntomas', 'presión arterial', 'glucosa', 'azúcar en la sangre', 'alergia', 'alergias', 'embarazada', 'embarazo',
      'historial médico', 'historia clínica', 'condición médica', 'estado de salud', 'diabetes', 'asma', 'depresión',
      'discapacidad', 'tipo de sangre', 'insulina', 'receta médica',
    ],
    financial: [
      'tarjeta de crédito', 'tarjeta de débito', 'número de tarjeta', 'número de la tarjeta', '$poss tarjeta',
      'cuenta bancaria', 'número de cuenta', 'cuenta de banco', 'iban', 'clabe', 'cvv', 'código de seguridad de la tarjeta',
      'datos bancarios', 'fecha de vencimiento', 'fecha de caducidad',
    ],
    'government-id': [
      'dni', 'número de dni', 'nie', 'pasaporte', 'número de pasaporte', 'licencia de conducir', 'licencia de manejo',
      'carnet de conducir', 'permiso de conducir', 'número de seguridad social', 'seguridad social', 'seguro social',
      'número de seguro social', 'curp', 'rfc', 'cédula', 'cédula de identidad', 'documento de identidad',
      'documento nacional de identidad', 'nif', 'ine', 'credencial de elector', 'número de identificación fiscal',
    ],
    credentials: [
      'contraseña', 'clave', 'clave secreta', 'pin', 'código pin', 'número pin', 'código secreto', 'código de acceso',
      'código de verificación', 'código de seguridad', 'nip',
    ],
    'device-id': ['dirección ip', 'número de serie'],
    'user-id': ['nombre de usuario', 'número de cliente', 'id de usuario', 'número de socio'],
  },
  asks: {
    name: ['cómo te llamas', 'cómo se llama usted', 'cómo se llama $poss $child'],
    age: ['cuántos años tienes', 'cuántos años tiene', 'qué edad tienes', 'qué edad tiene'],
    location: ['dónde vives', 'dónde vive usted'],
    birthdate: ['cuándo naciste', 'cuándo nació'],
  },
  notTerms: [
    'feliz cumpleaños', 'fiesta de cumpleaños', 'pastel de cumpleaños', 'canción de cumpleaños', 'regalo de cumpleaños',
    'género musical', 'género de música', 'palabra clave', 'clave de sol', 'clave de fa', 'dirección web',
  ],
  cuesBefore: [
    'cuál es', 'cuáles son', 'cuál sería', 'dime', 'dígame', 'dame', 'deme', 'indica', 'indícame', 'indíqueme', 'di',
    'diga', 'proporciona', 'proporcióname', 'proporcione', 'puedes decirme', 'me puedes decir', 'me puede decir',
    'me podrías decir', 'me podría decir', 'me das', 'me da', 'me dices', 'me dice', 'necesito', 'necesitamos',
    'por favor di', 'por favor dime', 'deletrea', 'repite', 'cuándo es', 'introduce', 'ingresa',
  ],
  cuesAfter: ['por favor'],
  negations: ['no', 'nunca', 'jamás', 'ni', 'tampoco', 'sin', 'nadie', 'nada'],
};

const it: LanguageVocabulary = {
  possessives: [
    'mio', 'mia', 'miei', 'mie', 'tuo', 'tua', 'tuoi', 'tue', 'suo', 'sua', 'suoi', 'sue', 'nostro', 'nostra', 'vostro',
    'vostra', 'loro',
  ],
  you: ['tuo', 'tua', 'tuoi', 'tue', 'suo', 'sua', 'vostro', 'vostra'],
  children: [
    'figlio', 'figlia', 'figli', 'figlie', 'bambino', 'bambina', 'bambini', 'bambine', 'bimbo', 'bimba', 'bimbi', 'bimbe',
    'neonato', 'neonata', 'nipotino', 'nipotina', 'figliastro', 'figliastra', 'ragazzino', 'ragazzina', 'minorenne',
    'minorenni',
  ],
  terms: {
    name: [
      '$poss nome', '$poss nome completo', 'nome completo', 'cognome', '$poss cognome', 'mi chiamo',
      'nome di $poss $child', 'nome del $poss $child', 'nome della $poss $child', 'nome del $child', 'nome della $child',
    ],
    email: [
      'email', 'e-mail', 'mail', 'indirizzo email', 'indirizzo e-mail', 'indirizzo mail', 'posta elettronica',
      'indirizzo di posta elettronica', 'pec',
    ],
    phone: ['numero di telefono', 'telefono', 'numero di cellulare', 'cellulare', 'numero telefonico', 'recapito telefonico'],
    address: [
      'indirizzo', 'indirizzo di casa', 'indirizzo di residenza', 'indirizzo di spedizione', 'indirizzo di consegna',
      'residenza', 'domicilio', 'numero civico', '$poss via',
    ],
    location: [
      'codice postale', 'cap', 'abito a', 'vivo a', 'città natale', '$poss città', '$poss posizione', 'posizione attuale',
      'coordinate gps',
    ],
    birthdate: ['compleanno', 'data di nascita', 'nascita', 'sono nato il', 'sono nata il', 'anno di nascita', 'giorno di nascita'],
    age: ['età', '$poss età', 'quanti anni', 'che età'],
    gender: ['sesso', '$poss genere', 'maschio o femmina', 'uomo o donna'],
    health: [
      'malattia', 'malattie', 'farmaco', 'farmaci', 'medicina', 'medicinale', 'medicinali', 'diagnosi', 'sintomo', 'sintomi',
      'pressione sanguigna', 'pressione arteriosa', 'glicemia', 'allergia', 'allergie', 'incinta', 'gravidanza',
      'cartella clinica', 'storia clinica', 'condizione medica', 'stato di salute', 'diabete', 'asma', 'depressione',
      'disabilità', 'gruppo sanguigno', 'insulina', 'ricetta medica',
    ],
    financial: [
      'carta di credito', 'carta di debito', 'numero della carta', 'numero di carta', 'numero carta', 'conto bancario',
      'conto corrente', 'numero di conto', 'iban', 'codice cvv', 'cvv', 'dati bancari', 'bancomat', 'data di scadenza',
      'coordinate bancarie',
    ],
    'government-id': [
      'codice fiscale', "carta d'identità", 'carta di identità', "documento d'identità", 'passaporto',
      'numero di passaporto', 'patente', 'patente di guida', 'numero della patente', 'tessera sanitaria',
      'numero di previdenza sociale', 'partita iva', 'numero di documento',
    ],
    credentials: [
      'password', "parola d'ordine", 'pin', 'codice pin', 'codice segreto', "codice d'accesso", 'codice di accesso',
      'codice di verifica', 'codice di sicurezza', 'otp', 'credenziali', 'spid',
    ],
    'device-id': ['indirizzo ip', 'numero di serie'],
    'user-id': ['nome utente', 'codice cliente', 'numero cliente', 'id utente'],
  },
  asks: {
    name: ['come ti chiami', 'come si chiama lei', 'come si chiama $poss $child'],
    age: ['quanti anni hai', 'quanti anni ha', 'che età hai'],
    location: ['dove abiti', 'dove vivi', 'dove abita'],
    birthdate: ['quando sei nato', 'quando sei nata', 'quando è nato', 'quando è nata'],
  },
  notTerms: [
    'buon compleanno', 'festa di compleanno', 'torta di compleanno', 'canzone di compleanno', 'regalo di compleanno',
    'genere musicale', 'genere di musica', 'indirizzo web',
  ],
  cuesBefore: [
    'qual è', 'quale è', "qual'è", 'quali sono', 'dimmi', 'mi dici', 'mi dica', 'dammi', 'mi dai', 'mi dia', 'indica',
    'indicami', 'mi indichi', 'fornisci', 'fornisca', 'forniscimi', 'mi puoi dire', 'puoi dirmi', 'potresti dirmi',
    'può dirmi', 'mi può dire', 'pronuncia', 'ripeti', 'ho bisogno del', 'ho bisogno della', 'ho bisogno di',
    'comunicami', 'mi comunichi', 'scandisci', 'quando è', 'inserisci', 'detta',
  ],
  cuesAfter: ['per favore', 'per piacere'],
  negations: ['non', 'mai', 'nessun', 'nessuno', 'nessuna', 'senza', 'né'],
};

const pt: LanguageVocabulary = {
  possessives: [
    'meu', 'minha', 'meus', 'minhas', 'seu', 'sua', 'seus', 'suas', 'teu', 'tua', 'teus', 'tuas', 'nosso', 'nossa',
    'dele', 'dela',
  ],
  you: ['seu', 'sua', 'seus', 'suas', 'teu', 'tua', 'teus', 'tuas'],
  children: [
    'filho', 'filha', 'filhos', 'filhas', 'criança', 'crianças', 'bebê', 'bebês', 'neto', 'neta', 'netos', 'netas',
    'menino', 'menina', 'meninos', 'meninas', 'enteado', 'enteada', 'menor de idade',
  ],
  terms: {
    name: [
      '$poss nome', '$poss nome completo', 'nome completo', 'sobrenome', '$poss sobrenome', 'me chamo',
      'nome do $poss $child', 'nome da $poss $child', 'nome de $poss $child', 'nome do $child', 'nome da $child',
    ],
    email: ['email', 'e-mail', 'endereço de email', 'endereço de e-mail', 'correio eletrônico', 'endereço eletrônico'],
    phone: [
      'número de telefone', 'telefone', 'número do telefone', 'celular', 'número de celular', 'número do celular',
      'número do whatsapp', 'whatsapp', 'telefone fixo',
    ],
    address: [
      'endereço', 'endereço de entrega', 'endereço residencial', 'endereço de cobrança', 'residência', 'domicílio',
      '$poss rua', 'número da casa',
    ],
    location: ['cep', 'código postal', 'eu moro em', 'moro em', 'cidade natal', '$poss cidade', '$poss localização', 'localização', 'coordenadas'],
    birthdate: ['aniversário', 'data de nascimento', 'nascimento', 'nasci em', 'nasci no dia', 'ano de nascimento'],
    age: ['idade', '$poss idade', 'quantos anos'],
    gender: ['sexo', '$poss gênero', 'homem ou mulher', 'masculino ou feminino'],
    health: [
      'doença', 'doenças', 'remédio', 'remédios', 'medicamento', 'medicamentos', 'diagnóstico', 'sintoma', 'sintomas',
      'pressão arterial', 'glicemia', 'glicose', 'alergia', 'alergias', 'grávida', 'gravidez', 'histórico médico',
      'condição médica', 'estado de saúde', 'diabetes', 'asma', 'depressão', 'deficiência', 'tipo sanguíneo',
      'insulina', 'receita médica',
    ],
    financial: [
      'cartão de crédito', 'cartão de débito', 'número do cartão', 'número de cartão', '$poss cartão', 'conta bancária',
      'número da conta', 'conta corrente', 'agência bancária', 'agência e conta', 'iban', 'cvv',
      'código de segurança do cartão', 'dados bancários', 'chave pix', 'pix',
    ],
    'government-id': [
      'cpf', 'número do cpf', 'rg', 'número do rg', 'passaporte', 'número do passaporte', 'carteira de motorista', 'cnh',
      'carteira de identidade', 'carteira de trabalho', 'título de eleitor', 'cartão do sus', 'pis', 'cnpj',
      'documento de identidade',
    ],
    credentials: [
      'senha', 'pin', 'código pin', 'código secreto', 'código de acesso', 'código de verificação', 'código de segurança',
      'token de acesso', 'credenciais',
    ],
    'device-id': ['endereço ip', 'número de série'],
    'user-id': ['nome de usuário', 'número de cliente', 'id de usuário'],
  },
  asks: {
    name: ['como você se chama', 'como o senhor se chama', 'como a senhora se chama', 'como se chama $poss $child'],
    age: ['quantos anos você tem', 'quantos anos tem'],
    location: ['onde você mora', 'onde mora', 'onde você vive'],
    birthdate: ['quando você nasceu'],
  },
  notTerms: [
    'feliz aniversário', 'festa de aniversário', 'bolo de aniversário', 'presente de aniversário', 'aniversário de casamento',
    'gênero musical', 'gênero de música', 'endereço da web', 'endereço do site',
  ],
  cuesBefore: [
    'qual é', 'qual o', 'qual a', 'quais são', 'qual seria', 'me diga', 'me diz', 'diga', 'diz', 'me fale', 'fale',
    'me informe', 'informe', 'me dê', 'me passa', 'me passe', 'passe', 'pode me dizer', 'poderia me dizer',
    'poderia me informar', 'por favor diga', 'por favor informe', 'soletre', 'preciso do', 'preciso da', 'preciso de',
    'digite', 'quando é', 'repita',
  ],
  cuesAfter: ['por favor'],
  negations: ['não', 'nunca', 'jamais', 'nem', 'sem', 'ninguém', 'nada'],
};

const ja: LanguageVocabulary = {
  mode: 'chars',
  possessives: [],
  you: [],
  children: [
    '子供', '子ども', 'こども', '息子', '娘', 'お子さん', 'お子様', '赤ちゃん', '孫', 'キッズ', '児童', '幼児', '長男', '長女',
    '次男', '次女', '乳児', '園児', '小学生', '中学生',
  ],
  terms: {
    name: ['お名前', '氏名', 'フルネーム', '名前', 'なまえ', '名字', '苗字', '姓名', 'ご芳名'],
    email: ['メールアドレス', 'メアド', 'メルアド', 'eメール', '電子メール', 'メール'],
    phone: ['電話番号', '携帯番号', '携帯電話番号', 'でんわばんごう', '電話の番号', '携帯の番号', '連絡先'],
    address: ['住所', 'じゅうしょ', '番地', 'お届け先', '配送先', '所在地'],
    location: ['郵便番号', '現在地', '位置情報', 'お住まい', '住んでいる', '住んで', '出身地', '居場所'],
    birthdate: ['誕生日', '生年月日', 'たんじょうび', '生まれた日', '生まれ年'],
    age: ['年齢', 'ねんれい', '歳'],
    gender: ['性別', '男性か女性', '男か女', '男の子か女の子'],
    health: [
      '病気', '持病', '病歴', '既往歴', '症状', '診断', '薬', 'くすり', '服用', '処方', '血圧', '血糖値', 'アレルギー', '妊娠',
      '健康状態', '糖尿病', '喘息', '癌', 'うつ病', '血液型', 'インスリン', '通院',
    ],
    financial: [
      'クレジットカード', 'クレカ', 'カード番号', 'デビットカード', 'キャッシュカード', '口座番号', '銀行口座', '口座',
      'セキュリティコード', '振込先',
    ],
    'government-id': [
      'マイナンバー', '個人番号', 'パスポート', '旅券番号', '運転免許', '免許証', '社会保障番号', '保険証', '住民票',
      '基礎年金番号', '在留カード',
    ],
    credentials: [
      'パスワード', '暗証番号', 'pinコード', 'ピンコード', 'ピン番号', '認証コード', '確認コード', 'ワンタイムパスワード',
      'ログイン情報', '合言葉', '秘密の質問',
    ],
    'device-id': ['デバイスid', 'シリアル番号', 'ipアドレス'],
    'user-id': ['ユーザー名', 'ユーザーid', '会員番号', 'お客様番号', 'ログインid'],
  },
  asks: {
    age: ['何歳', 'なんさい', 'おいくつ', '何才'],
    location: ['どこに住んで', 'どちらにお住まい'],
    birthdate: ['いつ生まれ'],
  },
  notTerms: [
    '曲の名前', '歌の名前', 'アーティストの名前', 'アルバムの名前', 'ゲームの名前', 'お店の名前', '店の名前', 'ペットの名前',
    '犬の名前', '猫の名前', 'レシピの名前', '料理の名前', 'チームの名前', '番組の名前', '映画の名前', '本の名前',
    'プレイリストの名前', 'スキルの名前', '駅の名前', '町の名前', '街の名前', '都市の名前', '誕生日ケーキ', '誕生日パーティー',
    '誕生日の歌', '誕生日プレゼント', '天才', '万歳', '歳末', '歳暮', '薬局', '薬屋',
  ],
  cuesBefore: [],
  cuesAfter: [
    '教えて', 'おしえて', 'お教え', '聞かせて', 'お聞かせ', '言って', 'いって', 'お願い', 'おねがい', '入力して', '入力',
    'は何', 'はなん', 'をどうぞ', 'お伺い', '伺って', '伺え', 'をください', 'を下さい', 'は?', 'を言', 'おっしゃって',
    '話して', 'はいくつ', 'はいつ', 'はどこ', 'を登録して', 'を確認させて',
  ],
  negations: ['ないで', 'てはいけ', 'ではいけ', '決して', '禁止', '必要はありません', '必要ありません', 'ことはありません'],
};

const hi: LanguageVocabulary = {
  includes: ['en'],
  possessives: [
    'मेरा', 'मेरी', 'मेरे', 'आपका', 'आपकी', 'आपके', 'अपना', 'अपनी', 'अपने', 'तुम्हारा', 'तुम्हारी', 'तुम्हारे', 'तेरा',
    'तेरी', 'उसका', 'उसकी', 'उनका', 'उनकी', 'हमारा', 'हमारी', 'mera', 'meri', 'mere', 'aapka', 'aapki', 'aapke', 'apka',
    'apki', 'apna', 'apni', 'apne', 'tumhara', 'tumhari',
  ],
  you: [
    'आपका', 'आपकी', 'आपके', 'अपना', 'अपनी', 'अपने', 'तुम्हारा', 'तुम्हारी', 'तुम्हारे', 'तेरा', 'तेरी', 'aapka', 'aapki',
    'apka', 'apki', 'apna', 'apni', 'apne', 'tumhara', 'tumhari',
  ],
  children: [
    'बच्चा', 'बच्चे', 'बच्ची', 'बच्चों', 'बच्चियां', 'बेटा', 'बेटे', 'बेटी', 'बेटियां', 'बेटियों', 'पोता', 'पोती', 'नाती',
    'नातिन', 'शिशु', 'बालक', 'बालिका', 'bachcha', 'bachche', 'bacche', 'baccha', 'bachchi', 'beta', 'bete', 'beti',
    'pota', 'poti',
  ],
  terms: {
    name: [
      '$poss नाम', 'पूरा नाम', '$poss पूरा नाम', 'उपनाम', 'सरनेम', '$child का नाम', '$child के नाम', '$child की नाम',
      '$poss naam', 'pura naam', '$child ka naam',
    ],
    email: ['ईमेल', 'ई-मेल', 'ईमेल आईडी', 'ईमेल पता', 'मेल आईडी'],
    phone: [
      'फ़ोन नंबर', 'फ़ोन नम्बर', 'मोबाइल नंबर', 'मोबाइल नम्बर', 'टेलीफोन नंबर', 'संपर्क नंबर', 'phone nambar', 'mobile nambar',
    ],
    address: ['$poss पता', 'घर का पता', 'पूरा पता', 'डाक पता', 'आवासीय पता', '$poss pata', 'ghar ka pata'],
    location: [
      'पिन कोड', 'पिनकोड', 'रहता हूँ', 'रहती हूँ', 'रहता हूं', 'रहती हूं', 'rehta hoon', 'rehti hoon', 'rahta hoon',
      'rahti hoon',
    ],
    birthdate: [
      'जन्मदिन', 'जन्म दिन', 'जन्मतिथि', 'जन्म तिथि', 'जन्म की तारीख', 'जन्म तारीख', 'जन्मदिवस', 'पैदा हुआ', 'पैदा हुई',
      'janamdin', 'janmdin', 'janam din', 'janm din', 'janam tithi', 'janm tithi',
    ],
    age: ['उम्र', 'उमर', 'आयु', 'कितने साल', 'साल का', 'साल की', 'वर्ष का', 'umar', 'umr', 'umra', 'kitne saal', 'saal ka', 'saal ki'],
    gender: ['लिंग', 'पुरुष या महिला', 'लड़का या लड़की'],
    health: [
      'बीमारी', 'बिमारी', 'रोग', 'दवा', 'दवाई', 'दवाइयां', 'दवाएं', 'मधुमेह', 'डायबिटीज', 'शुगर लेवल', 'ब्लड प्रेशर', 'रक्तचाप',
      'बीपी', 'लक्षण', 'एलर्जी', 'गर्भवती', 'कैंसर', 'दमा', 'अस्थमा', 'इंसुलिन', 'ब्लड ग्रुप', 'रक्त समूह', 'मेडिकल हिस्ट्री',
      'bimari', 'beemari', 'dawai', 'dawa',
    ],
    financial: [
      'क्रेडिट कार्ड', 'डेबिट कार्ड', 'कार्ड नंबर', 'कार्ड नम्बर', 'कार्ड का नंबर', 'बैंक खाता', 'खाता संख्या', 'खाता नंबर',
      'खाता नम्बर', 'अकाउंट नंबर', 'बैंक अकाउंट', 'आईएफएससी', 'आईएफएससी कोड', 'सीवीवी', 'यूपीआई आईडी', 'khata number',
      'khata sankhya', 'upi id', 'ifsc', 'ifsc code',
    ],
    'government-id': [
      'आधार', 'आधार नंबर', 'आधार कार्ड', 'आधार संख्या', 'पैन कार्ड', 'पैन नंबर', 'पासपोर्ट', 'पासपोर्ट नंबर',
      'ड्राइविंग लाइसेंस', 'वोटर आईडी', 'मतदाता पहचान पत्र', 'पहचान पत्र', 'adhar', 'aadhar card', 'aadhaar card',
    ],
    credentials: [
      'पासवर्ड', 'पिन', 'एटीएम पिन', 'यूपीआई पिन', 'ओटीपी', 'गुप्त कोड', 'सीक्रेट कोड', 'पासकोड', 'upi pin', 'atm pin',
    ],
    'user-id': ['यूज़रनेम', 'यूजर आईडी', 'ग्राहक संख्या', 'कस्टमर आईडी'],
  },
  asks: {
    location: ['कहाँ रहते', 'कहाँ रहती', 'kahan rehte', 'kahan rahte'],
    age: ['कितने साल के हो', 'कितने साल की हो', 'kitne saal ke ho'],
  },
  notTerms: ['के आधार पर', 'आधार पर', 'इस आधार', 'किस आधार', 'जन्मदिन मुबारक', 'हैप्पी बर्थडे', 'इस साल का', 'इस साल की', 'पिछले साल का'],
  cuesBefore: ['कृपया', 'बताइए', 'बताइये', 'बताओ', 'बताएं', 'बोलिए', 'मुझे बताइए', 'मुझे बताओ', 'हमें बताइए', 'kripya', 'kripaya', 'batao', 'bataiye', 'mujhe batao', 'mujhe bataiye'],
  cuesAfter: [
    'बताइए', 'बताइये', 'बताएं', 'बताएँ', 'बताये', 'बताओ', 'बताना', 'बता दीजिए', 'बता दें', 'बता दो', 'बोलिए', 'बोलिये', 'बोलें',
    'बोलो', 'कहिए', 'कहें', 'दीजिए', 'दीजिये', 'दें', 'दो', 'क्या है', 'क्या हैं', 'डालिए', 'दर्ज करें', 'साझा करें', 'bataiye',
    'bataye', 'batao', 'batayein', 'bata do', 'bata dijiye', 'bolo', 'boliye', 'kya hai', 'dijiye', 'daliye',
  ],
  negations: ['नहीं', 'नही', 'मत', 'कभी', 'बिना', 'nahi', 'nahin', 'mat', 'kabhi'],
};

export const VOCABULARIES: Readonly<Record<string, LanguageVocabulary>> = { en, de, fr, es, it, ja, pt, hi };

/**
 * Region-specific meanings, taking precedence over the language's own: in India a "PIN code" is
 * the postal code, not a secret.
 */
export const REGION_TERMS: Readonly<Record<string, Partial<Record<DataCategory, readonly string[]>>>> = {
  IN: { location: ['pin code', 'pincode', 'pin number', 'पिन कोड', 'पिनकोड'] },
};

/**
 * Words of code identifiers and slot names, language-neutral (identifiers are mostly English, with
 * the common words of the other Alexa languages). `label` names what was matched, for reasons
 * ("named like a PIN"); without it the category's label is used. `types` restricts an entry to
 * slots of those built-in types: "card" or "account" for an AMAZON.NUMBER is a card or account
 * number, but `cardType` in a card game is not.
 */
export interface IdentifierTerm {
  words: string;
  category: DataCategory | null;
  label?: string;
  types?: readonly string[];
}

const NUMERIC = ['AMAZON.NUMBER', 'AMAZON.FOUR_DIGIT_NUMBER'];

function group(category: DataCategory | null, label: string | undefined, words: readonly string[], types?: readonly string[]): IdentifierTerm[] {
  return words.map((w) => ({ words: w, category, label, types }));
}

export const IDENTIFIER_TERMS: readonly IdentifierTerm[] = [
  ...group('name', 'a first name', ['first name', 'firstname', 'fname', 'given name', 'givenname', 'forename', 'vorname', 'prenom', 'nome proprio']),
  ...group('name', 'a last name', ['last name', 'lastname', 'lname', 'surname', 'family name', 'familyname', 'nachname', 'apellido', 'cognome', 'sobrenome']),
  ...group('name', "a person's name", [
    'full name', 'fullname', 'middle name', 'maiden name', 'person name', 'customer name', 'contact name', 'user name',
    'username', 'my name', 'your name', 'nickname', 'nick name', '$child name', 'name of $child', 'kindername', 'nom complet',
    'nombre completo', 'nome completo', '$child nom', 'nom $child', 'nom de $child', '$child nombre', 'nombre $child',
    'nombre del $child', 'nome $child', 'nome do $child', 'nome del $child', '$child naam',
  ]),
  ...group('email', 'an e-mail address', ['email', 'e mail', 'mail address', 'emailaddress', 'email address', 'emailadresse', 'correo', 'courriel', 'mailadresse']),
  ...group('phone', 'a phone number', [
    'phone', 'phonenumber', 'phone number', 'phone no', 'telephone', 'tel', 'mobile number', 'mobile phone', 'mobile no',
    'cell phone', 'cellphone', 'cell number', 'msisdn', 'telefon', 'telefonnummer', 'handynummer', 'mobilnummer',
    'telefono', 'celular', 'cellulare', 'telefone', 'whatsapp',
  ]),
  ...group('address', 'a postal address', [
    'address', 'addr', 'street', 'street address', 'postal address', 'mailing address', 'home address', 'shipping address',
    'billing address', 'delivery address', 'address line', 'house number', 'adresse', 'anschrift', 'direccion',
    'indirizzo', 'endereco', 'domicile', 'domicilio',
  ]),
  ...group('location', 'a postal code', ['zip', 'zip code', 'zipcode', 'postal code', 'postalcode', 'postcode', 'post code', 'plz', 'postleitzahl', 'cep', 'codigo postal', 'code postal', 'codice postale']),
  ...group('location', 'a location', [
    'geolocation', 'geo location', 'latitude', 'longitude', 'coordinates', 'gps', 'current location', 'user location',
    'my location', 'home location', 'device location', 'home city', 'home town', 'hometown', 'my city', 'wohnort',
  ]),
  ...group('birthdate', 'a birthday', ['birthday', 'bday', 'geburtstag', 'anniversaire', 'cumpleanos', 'compleanno', 'aniversario', 'janamdin']),
  ...group('birthdate', 'a date of birth', [
    'birth date', 'birthdate', 'date of birth', 'dob', 'birth year', 'year of birth', 'born', 'geburtsdatum', 'geburtsjahr',
    'date de naissance', 'date naissance', 'naissance', 'fecha de nacimiento', 'fecha nacimiento', 'nacimiento',
    'data di nascita', 'data nascita', 'nascita', 'data de nascimento', 'data nascimento', 'nascimento',
  ]),
  ...group('age', 'an age', ['age', 'how old', 'years old', 'edad', 'idade', 'umar', 'umr', 'lebensalter']),
  ...group('gender', 'a gender', ['gender', 'sex', 'geschlecht', 'sexe', 'sexo', 'sesso']),
  ...group('health', 'health information', [
    'medication', 'medications', 'medicine', 'medicines', 'meds', 'diagnosis', 'symptom', 'symptoms', 'disease',
    'diseases', 'illness', 'medical', 'health condition', 'health data', 'health record', 'health info', 'allergy',
    'allergies', 'blood pressure', 'blood sugar', 'glucose', 'heart rate', 'pregnancy', 'pregnant', 'prescription',
    'insulin', 'blood type', 'krankheit', 'medikament', 'medikamente', 'maladie', 'medicament', 'enfermedad',
    'medicamento', 'malattia', 'farmaco', 'doenca', 'remedio',
  ]),
  ...group('financial', 'a card number', [
    'credit card', 'creditcard', 'debit card', 'card number', 'cardnumber', 'card num', 'card no', 'cc number', 'ccnumber',
    'cc num', 'cvv', 'cvc', 'card cvv', 'card expiry', 'kreditkarte', 'kreditkartennummer', 'kartennummer',
    'carte bancaire', 'numero carte', 'numero de carte', 'tarjeta', 'numero tarjeta', 'numero de tarjeta', 'carta credito',
    'carta di credito', 'cartao', 'numero cartao', 'numero do cartao',
  ]),
  ...group('financial', 'a bank account number', [
    'iban', 'bic', 'swift code', 'account number', 'accountnumber', 'account no', 'acct number', 'acct no', 'acct num',
    'bank account', 'bankaccount', 'routing number', 'sort code', 'bank details', 'kontonummer', 'bankkonto',
    'numero compte', 'numero de compte', 'numero cuenta', 'numero de cuenta', 'numero conto', 'numero di conto',
    'conta bancaria', 'numero da conta',
  ]),
  ...group('financial', 'a card or bank account number', ['card', 'account', 'acct', 'konto', 'karte', 'carte', 'cuenta', 'carta', 'conto', 'conta'], NUMERIC),
  ...group('government-id', 'a social security number', ['ssn', 'social security', 'social security number', 'socialsecurity', 'sozialversicherungsnummer', 'securite sociale', 'numero securite sociale', 'seguridad social', 'seguro social']),
  ...group('government-id', 'a passport number', ['passport', 'passport number', 'passport no', 'reisepass', 'passeport', 'pasaporte', 'passaporto', 'passaporte']),
  ...group('government-id', "a driver's license number", ['driver license', 'drivers license', 'driving licence', 'driving license', 'licence number', 'license number', 'fuhrerschein', 'permis de conduire', 'patente']),
  ...group('government-id', 'a government identification number', [
    'national id', 'national insurance', 'tax id', 'taxid', 'tax number', 'id number', 'identity card', 'id card',
    'aadhaar', 'aadhar', 'pan card', 'pan number', 'voter id', 'cpf', 'dni', 'nif', 'curp', 'codice fiscale',
    'codicefiscale', 'personalausweis', 'ausweis', 'ausweisnummer', 'steuernummer', 'steuer id', 'mynumber card',
  ]),
  ...group('credentials', 'a password', ['password', 'passwd', 'pwd', 'passphrase', 'passwort', 'kennwort', 'mot de passe', 'motdepasse', 'contrasena', 'senha']),
  ...group('credentials', 'a PIN', ['pin', 'pin code', 'pincode', 'pin number', 'geheimzahl', 'code pin', 'codigo pin', 'codice pin']),
  ...group('credentials', 'a secret code', [
    'passcode', 'pass code', 'otp', 'one time password', 'verification code', 'access code', 'security code', 'secret code',
    'auth code', 'credential', 'credentials', 'security answer', 'security question', 'code secret', 'codigo secreto',
    'codice segreto', 'zugangscode',
  ]),
  ...group('credentials', 'a secret code', ['code', 'codigo', 'codice'], ['AMAZON.FOUR_DIGIT_NUMBER']),
  ...group('device-id', 'a device identifier', ['device id', 'deviceid', 'device serial', 'serial number', 'serialnumber', 'imei', 'mac address', 'advertising id', 'idfa']),
  ...group('device-id', 'an IP address', ['ip address', 'ipaddress', 'ip addr']),
  ...group('user-id', 'a user identifier', ['user id', 'userid', 'person id', 'personid', 'customer id', 'customerid', 'customer number', 'account id', 'accountid', 'member id', 'membership number']),
  ...group(null, undefined, ['max age', 'cache age', 'web address', 'email template', 'song name', 'file name']),
];

/**
 * Long identifier words written without separators ("USERPHONENUMBER", "mypassword") are searched
 * for these; only words of eight letters or more, so "spinner" is no PIN.
 */
export const IDENTIFIER_SUBSTRINGS: readonly IdentifierTerm[] = [
  ...group('credentials', 'a password', ['password', 'passwort']),
  ...group('phone', 'a phone number', ['phonenumber', 'telefonnummer', 'handynummer']),
  ...group('financial', 'a card number', ['creditcard', 'cardnumber', 'kreditkarte']),
  ...group('financial', 'a bank account number', ['accountnumber', 'routingnumber', 'kontonummer', 'bankaccount']),
  ...group('birthdate', 'a birthday', ['birthday', 'geburtstag']),
  ...group('birthdate', 'a date of birth', ['birthdate', 'dateofbirth', 'geburtsdatum']),
  ...group('name', 'a first name', ['firstname', 'givenname']),
  ...group('name', 'a last name', ['lastname', 'surname', 'familyname']),
  ...group('name', "a person's name", ['fullname', 'kindername', 'childname', 'kidsname']),
  ...group('email', 'an e-mail address', ['emailaddress', 'mailadresse']),
  ...group('location', 'a postal code', ['zipcode', 'postalcode', 'postleitzahl']),
  ...group('location', 'a location', ['geolocation', 'latitude', 'longitude']),
  ...group('government-id', 'a social security number', ['socialsecurity']),
  ...group('government-id', 'a passport number', ['passport']),
];

/** Words for a child in identifiers, any language ("childName", "kindAlter" is too ambiguous: `kind` is left out). */
export const IDENTIFIER_CHILD_WORDS: readonly string[] = [
  'child', 'children', 'kid', 'kids', 'son', 'daughter', 'baby', 'toddler', 'infant', 'grandchild', 'grandson',
  'granddaughter', 'kinder', 'kindes', 'sohn', 'tochter', 'enfant', 'fils', 'fille', 'hijo', 'hija', 'nino', 'nina',
  'figlio', 'figlia', 'bambino', 'bambina', 'filho', 'filha', 'crianca', 'bachcha', 'bachche', 'beti', 'bete', 'kodomo',
];

/** Child words searched inside long compound identifier words ("CHILDNAME", "kindergeburtstag"). */
export const IDENTIFIER_CHILD_SUBSTRINGS: readonly string[] = ['child', 'kinder', 'enfant', 'daughter'];

/** Slot or type names of catch-all slots, as identifier words. */
export const CATCH_ALL_WORDS: readonly string[] = [
  'catch all', 'catchall', 'wildcard', 'wild card', 'free text', 'freetext', 'free form', 'freeform', 'free speech',
  'any text', 'anytext', 'anything', 'everything', 'whatever', 'raw text', 'raw input', 'raw utterance', 'full utterance',
  'utterance', 'dictation', 'literal', 'any phrase', 'any words', 'open text', 'open ended', 'search query',
];

/** Values of a custom slot type that name diseases, conditions, symptoms and medications, any language. */
export const HEALTH_VALUES: readonly string[] = [
  // en
  'diabetes', 'type 1 diabetes', 'type 2 diabetes', 'asthma', 'cancer', 'flu', 'influenza', 'covid', 'covid 19',
  'coronavirus', 'hypertension', 'high blood pressure', 'low blood pressure', 'depression', 'anxiety', 'arthritis',
  'migraine', 'allergy', 'allergies', 'epilepsy', 'dementia', "alzheimer's", 'alzheimers', "parkinson's", 'parkinsons',
  'copd', 'bronchitis', 'pneumonia', 'heart disease', 'heart attack', 'stroke', 'obesity', 'hiv', 'hepatitis',
  'tuberculosis', 'eczema', 'psoriasis', 'insomnia', 'adhd', 'autism', 'schizophrenia', 'bipolar disorder',
  'osteoporosis', 'hypothyroidism', 'kidney disease', 'fever', 'cough', 'headache', 'nausea', 'back pain', 'chest pain',
  'sore throat', 'aspirin', 'ibuprofen', 'paracetamol', 'acetaminophen', 'tylenol', 'advil', 'metformin', 'insulin',
  'lisinopril', 'atorvastatin', 'amoxicillin', 'penicillin', 'antibiotics', 'statins', 'levothyroxine', 'omeprazole',
  'prednisone', 'warfarin', 'albuterol', 'inhaler', 'antidepressants', 'sertraline', 'fluoxetine', 'losartan',
  'amlodipine', 'simvastatin', 'gabapentin', 'morphine', 'codeine',
  // de
  'krebs', 'grippe', 'bluthochdruck', 'migräne', 'allergie', 'demenz', 'epilepsie', 'herzinfarkt', 'schlaganfall',
  'fieber', 'husten', 'kopfschmerzen', 'erkältung', 'antibiotika', 'rückenschmerzen',
  // fr
  'diabète', 'asthme', 'hypertension artérielle', 'dépression', 'arthrite', 'démence', 'épilepsie', 'fièvre', 'toux',
  'mal de tête', 'rhume', 'antibiotiques', 'doliprane',
  // es
  'asma', 'cáncer', 'gripe', 'hipertensión', 'depresión', 'artritis', 'migraña', 'alergia', 'demencia', 'epilepsia',
  'fiebre', 'tos', 'dolor de cabeza', 'resfriado', 'antibióticos',
  // it
  'diabete', 'cancro', 'tumore', 'ipertensione', 'depressione', 'artrite', 'emicrania', 'demenza', 'epilessia', 'febbre',
  'tosse', 'mal di testa', 'raffreddore', 'antibiotici', 'tachipirina',
  // pt
  'câncer', 'hipertensão', 'pressão alta', 'depressão', 'enxaqueca', 'demência', 'febre', 'dor de cabeça', 'dipirona',
  // ja
  '糖尿病', '喘息', '癌', 'がん', 'インフルエンザ', '高血圧', 'うつ病', '関節炎', '片頭痛', '偏頭痛', 'アレルギー', '認知症', 'てんかん',
  '発熱', '咳', '頭痛', '風邪', '花粉症',
  // hi
  'मधुमेह', 'डायबिटीज', 'दमा', 'अस्थमा', 'कैंसर', 'फ्लू', 'बुखार', 'खांसी', 'सिरदर्द', 'उच्च रक्तचाप', 'ब्लड प्रेशर', 'डिप्रेशन',
  'गठिया', 'माइग्रेन', 'एलर्जी', 'जुकाम',
];

/** Values of a custom slot type that name a gender, any language. */
export const GENDER_VALUES: readonly string[] = [
  'male', 'female', 'man', 'woman', 'men', 'women', 'boy', 'girl', 'nonbinary', 'non binary', 'non-binary', 'transgender',
  'genderqueer', 'genderfluid', 'agender', 'männlich', 'weiblich', 'divers', 'mann', 'frau', 'junge', 'mädchen',
  'masculin', 'féminin', 'homme', 'femme', 'garçon', 'fille', 'non binaire', 'masculino', 'femenino', 'hombre', 'mujer',
  'chico', 'chica', 'maschio', 'femmina', 'uomo', 'donna', 'maschile', 'femminile', 'feminino', 'homem', 'mulher',
  'menino', 'menina', '男性', '女性', '男', '女', '男の子', '女の子', 'पुरुष', 'महिला', 'स्त्री', 'लड़का', 'लड़की',
];
