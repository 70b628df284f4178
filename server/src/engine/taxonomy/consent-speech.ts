import { PERMISSION, PermissionInfo } from './permissions';

/**
 * What a skill says when it asks for a permission with a consent card: why it needs it and that the
 * customer can grant it in the Alexa app, in the language the skill speaks. Only the languages
 * with a full sentence and every data word here are used; anything else is English.
 */
interface Phrasing {
  sentence: (what: string) => string;
  and: string;
  what: Partial<Record<string, string>>;
}

const P = PERMISSION;

function words(name: string, given: string, email: string, mobile: string, address: string, postal: string, geo: string, lists: string, reminders: string, timers: string): Record<string, string> {
  return {
    [P.name]: name,
    [P.givenName]: given,
    [P.email]: email,
    [P.mobile]: mobile,
    [P.address]: address,
    [P.postal]: postal,
    [P.geo]: geo,
    [P.listsRead]: lists,
    [P.listsWrite]: lists,
    [P.reminders]: reminders,
    [P.timers]: timers,
  };
}

const PHRASINGS: Record<string, Phrasing> = {
  de: {
    and: 'und',
    sentence: (w) => `Dafür braucht dieser Skill die Erlaubnis, ${w} zu verwenden. Du kannst sie auf der Karte erteilen, die ich dir in die Alexa App geschickt habe.`,
    what: words('deinen Namen', 'deinen Vornamen', 'deine E-Mail-Adresse', 'deine Handynummer', 'die Adresse dieses Geräts', 'die Postleitzahl dieses Geräts', 'den Standort dieses Geräts', 'deine Alexa Listen', 'Erinnerungen', 'Timer'),
  },
  fr: {
    and: 'et',
    sentence: (w) => `Pour cela, cette skill a besoin de l’autorisation d’utiliser ${w}. Vous pouvez l’accorder sur la carte que j’ai envoyée dans votre application Alexa.`,
    what: words('votre nom', 'votre prénom', 'votre adresse e-mail', 'votre numéro de portable', 'l’adresse de cet appareil', 'le code postal de cet appareil', 'la position de cet appareil', 'vos listes Alexa', 'les rappels', 'les minuteurs'),
  },
  es: {
    and: 'y',
    sentence: (w) => `Para hacerlo, esta skill necesita permiso para usar ${w}. Puedes concederlo en la tarjeta que te he enviado a la app Alexa.`,
    what: words('tu nombre', 'tu nombre de pila', 'tu dirección de correo electrónico', 'tu número de móvil', 'la dirección de este dispositivo', 'el código postal de este dispositivo', 'la ubicación de este dispositivo', 'tus listas de Alexa', 'los recordatorios', 'los temporizadores'),
  },
  it: {
    and: 'e',
    sentence: (w) => `Per farlo, questa skill ha bisogno dell’autorizzazione a usare ${w}. Puoi concederla nella scheda che ti ho inviato nell’app Alexa.`,
    what: words('il tuo nome', 'il tuo nome di battesimo', 'il tuo indirizzo e-mail', 'il tuo numero di cellulare', 'l’indirizzo di questo dispositivo', 'il codice postale di questo dispositivo', 'la posizione di questo dispositivo', 'le tue liste Alexa', 'i promemoria', 'i timer'),
  },
  pt: {
    and: 'e',
    sentence: (w) => `Para isso, esta skill precisa de permissão para usar ${w}. Você pode concedê-la no cartão que enviei para o app Alexa.`,
    what: words('seu nome', 'seu primeiro nome', 'seu e-mail', 'seu número de celular', 'o endereço deste dispositivo', 'o CEP deste dispositivo', 'a localização deste dispositivo', 'suas listas da Alexa', 'os lembretes', 'os timers'),
  },
  ja: {
    and: 'と',
    sentence: (w) => `そのためには、このスキルに${w}を使用する許可が必要です。Alexaアプリに送ったカードから許可できます。`,
    what: words('お名前', '名', 'メールアドレス', '携帯電話番号', 'このデバイスの住所', 'このデバイスの郵便番号', 'このデバイスの位置情報', 'Alexaのリスト', 'リマインダー', 'タイマー'),
  },
};

function list(items: string[], and: string, spaced = true): string {
  if (items.length <= 1) return items.join('');
  const sep = spaced ? ` ${and} ` : and;
  return items.length === 2 ? items.join(sep) : `${items.slice(0, -1).join(', ')}${sep}${items[items.length - 1]}`;
}

function english(ps: readonly PermissionInfo[]): string {
  return `To do that, this skill needs permission to use ${list(unique(ps.map((p) => p.spoken)), 'and')}. You can grant it on the card I sent to your Alexa app.`;
}

function unique(xs: string[]): string[] {
  return xs.filter((x, i) => xs.indexOf(x) === i);
}

/**
 * The consent explanation for `permissions` in the one language all of `locales` share (`de-DE`,
 * `de-AT` → German); English when they mix languages, when there are none, or for a language or a
 * permission without phrasing here. One handler serves every locale, so a mixed skill gets one
 * neutral language.
 */
export function consentSpeech(permissions: PermissionInfo | readonly PermissionInfo[], locales: readonly string[]): string {
  const ps: readonly PermissionInfo[] = Array.isArray(permissions) ? permissions : [permissions as PermissionInfo];
  const langs = new Set(locales.map((l) => l.slice(0, 2).toLowerCase()));
  if (langs.size !== 1) return english(ps);
  const lang = [...langs][0];
  const phrasing = PHRASINGS[lang];
  const whats = ps.map((p) => phrasing?.what[p.manifest]);
  if (!phrasing || whats.some((w) => w === undefined)) return english(ps);
  return phrasing.sentence(list(unique(whats as string[]), phrasing.and, lang !== 'ja'));
}
