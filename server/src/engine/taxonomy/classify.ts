import { CATEGORIES, Classification, DataCategory, TextMatch } from './categories';
import {
  Analysis,
  Hit,
  Phrase,
  PhraseIndex,
  TermHit,
  analyze,
  foldText,
  isWordCode,
  lowerBound,
  matchWords,
  negated,
  originalSpan,
  regionOf,
  windowsOf,
} from './scan';
import {
  CATCH_ALL_WORDS,
  GENDER_VALUES,
  HEALTH_VALUES,
  IDENTIFIER_CHILD_SUBSTRINGS,
  IDENTIFIER_CHILD_WORDS,
  IDENTIFIER_SUBSTRINGS,
  IDENTIFIER_TERMS,
  IdentifierTerm,
  REGION_TERMS,
} from './vocabulary';

export { languageOf } from './scan';

/**
 * The personal-data taxonomy's API (DESIGN.md "Personal-data taxonomy"): slots, free-form slots,
 * prompts, utterances and code identifiers, each classified with a reason a developer can read.
 * Classification is by types, names and words, never by runtime values.
 *
 * Decisions:
 * - A city (AMAZON.City, AMAZON.US_CITY, …) on its own is not personal: "what's the weather in
 *   {city}" names a place to look up, not where the user is. It is 'location' only when the words
 *   tie it to the user ("I live in {city}", slot `homeTown`). A postal code is 'location' (the
 *   coarse permission `country_and_postal_code` covers it); street, postal and street-name types
 *   are 'address'.
 * - AMAZON.SearchQuery/AMAZON.Literal are 'free-speech' for `classifyFreeForm`, whatever their
 *   words; `classifySlot` gives them a category only when the slot's name or utterances say what
 *   is captured ("my address is {query}" → address).
 * - Data about a child becomes 'children', except that sensitive data (financial, government
 *   id, credentials) keeps its sensitive category, which is what decides the rule's severity; its
 *   reason then says the data is a child's.
 * - When a slot's evidence disagrees, sensitive evidence wins (a slot named `pin` described as
 *   "my pin code is {pin}" in en-IN, where a PIN code is a postal code, is still a PIN).
 * - A custom type's values make it 'health' when at least two of them, and half of all (or five),
 *   name conditions, symptoms or medications; 'gender' when at least two and half name genders.
 *   One "cancer" among the signs of the zodiac is not enough.
 */

export interface SlotInput {
  /** Slot name, e.g. "phoneNumber", "nummer", "user_email". */
  name: string;
  /** Slot type, e.g. "AMAZON.PhoneNumber", "AMAZON.NUMBER", or a custom type name "CardNumberType". */
  type: string;
  /** Model locale, e.g. "de-DE", "ja-JP", "pt-BR", "hi-IN". */
  locale: string;
  /** Sample utterances (intent samples and slot samples) that contain `{name}`. */
  samples: string[];
  /** Values of the custom slot type, when the type is custom. */
  customValues?: string[];
  /** The slot's elicitation prompt texts, if any. */
  prompts?: string[];
}

/** Short nouns for "a child's …". */
const NOUNS: Record<DataCategory, string> = {
  name: 'name',
  email: 'e-mail address',
  phone: 'phone number',
  address: 'address',
  location: 'location',
  birthdate: 'date of birth',
  age: 'age',
  gender: 'gender',
  health: 'health information',
  financial: 'card or bank account number',
  'government-id': 'government identification number',
  credentials: 'password or PIN',
  'free-speech': 'speech',
  'device-id': 'device identifier',
  'user-id': 'user identifier',
  children: 'data',
};

function isSensitive(c: DataCategory): boolean {
  return CATEGORIES[c].sensitive;
}

/** The category data about a child ends up in: 'children', unless it is sensitive. */
function childCategory(c: DataCategory): DataCategory {
  return isSensitive(c) ? c : 'children';
}

/** "a phone number", or "a child's phone number". */
function describe(c: DataCategory, child: boolean, label?: string): string {
  if (!child) {
    return label ?? CATEGORIES[c].label;
  }
  return c === 'children' ? "a child's data" : `a child's ${NOUNS[c]}`;
}

const QUOTE_MAX = 80;

function quote(text: string): string {
  // Cut first: a prompt may be long, the quote never is.
  const t = text.slice(0, QUOTE_MAX * 4).trim().replace(/\s+/g, ' ');
  return `"${t.length > QUOTE_MAX ? `${t.slice(0, QUOTE_MAX - 1)}…` : t}"`;
}

// -------------------------------------------------------------------------------------------------
// Built-in slot types

/**
 * Slot types normalized, by type. A model names a few dozen types, and a slot's is normalized up
 * to six times (builtInSlotCategory, allowedFor, isFreeFormType, …): ~90 ms of the 100-skill
 * bench's 10,504 slots when each was worked out again. Bounded for a skill with ever more names.
 */
const typeKeys = new Map<string, string>();
const MAX_TYPE_KEYS = 4096;

function typeKey(type: string): string {
  const raw = type || '';
  let key = typeKeys.get(raw);
  if (key === undefined) {
    key = raw.trim().toLowerCase().split('_').join('');
    if (typeKeys.size >= MAX_TYPE_KEYS) typeKeys.clear();
    typeKeys.set(raw, key);
  }
  return key;
}

/** Built-in slot types that carry personal data on their own, e.g. AMAZON.US_FIRST_NAME → name. */
export function builtInSlotCategory(type: string): DataCategory | undefined {
  const t = typeKey(type);
  if (!t.startsWith('amazon.')) {
    return undefined;
  }
  const rest = t.slice('amazon.'.length);
  if (rest.endsWith('firstname') || rest.endsWith('lastname') || rest.endsWith('fullname') || rest === 'person') {
    return 'name';
  }
  if (rest === 'phonenumber' || rest.endsWith('phonenumber')) {
    return 'phone';
  }
  if (rest.includes('email')) {
    return 'email';
  }
  if (rest === 'postaladdress' || rest === 'streetaddress' || rest === 'streetname' || rest.endsWith('streetaddress')) {
    return 'address';
  }
  if (rest.includes('postalcode') || rest.includes('zipcode') || rest.includes('postcode')) {
    return 'location';
  }
  return undefined;
}

type Allowed = 'all' | ReadonlySet<DataCategory>;

const NUMERIC_CATEGORIES: ReadonlySet<DataCategory> = new Set<DataCategory>([
  'credentials', 'financial', 'government-id', 'age', 'phone', 'address', 'location', 'birthdate', 'health', 'user-id', 'device-id',
]);
const DATE_CATEGORIES: ReadonlySet<DataCategory> = new Set<DataCategory>(['birthdate']);
const PLACE_CATEGORIES: ReadonlySet<DataCategory> = new Set<DataCategory>(['location', 'address']);
const NOTHING: ReadonlySet<DataCategory> = new Set<DataCategory>();

/** Which categories words may give a slot of this type (a TIME slot never holds a PIN). */
function allowedFor(type: string): Allowed {
  const t = typeKey(type);
  if (!t.startsWith('amazon.')) {
    return 'all';
  }
  const rest = t.slice('amazon.'.length);
  if (rest === 'searchquery' || rest === 'literal') {
    return 'all';
  }
  if (rest === 'date') {
    return DATE_CATEGORIES;
  }
  if (rest === 'number' || rest === 'fourdigitnumber') {
    return NUMERIC_CATEGORIES;
  }
  if (rest.includes('city') || rest.endsWith('state') || rest === 'country' || rest === 'administrativearea' || rest.endsWith('region')) {
    return PLACE_CATEGORIES;
  }
  return NOTHING;
}

function allows(allowed: Allowed, c: DataCategory): boolean {
  return allowed === 'all' || allowed.has(c);
}

function isFreeFormType(type: string): boolean {
  const t = typeKey(type);
  return t === 'amazon.searchquery' || t === 'amazon.literal';
}

// -------------------------------------------------------------------------------------------------
// Identifiers

const IDENTIFIER_MAX = 256;

type CharKind = 0 | 1 | 2 | 3; // separator, lower (or caseless letter), upper, digit
const DIGIT = /\p{N}/u;

function charKind(ch: string, code: number): CharKind {
  if (code < 128) {
    if (code >= 97 && code <= 122) {
      return 1;
    }
    if (code >= 65 && code <= 90) {
      return 2;
    }
    if (code >= 48 && code <= 57) {
      return 3;
    }
    return 0;
  }
  if (!isWordCode(code)) {
    return 0;
  }
  if (ch !== ch.toLowerCase()) {
    return 2;
  }
  return DIGIT.test(ch) ? 3 : 1;
}

/** Splits an identifier on camelCase, snake_case, kebab-case, dots and digits; lower-cased, accents folded. */
export function splitIdentifier(identifier: string): string[] {
  const id = (identifier || '').slice(0, IDENTIFIER_MAX);
  const words: string[] = [];
  let current = '';
  let prev: CharKind = 0;
  const flush = (): void => {
    if (current) {
      words.push(foldText(current).text);
      current = '';
    }
  };
  for (let i = 0; i < id.length; i++) {
    const ch = id[i];
    const kind = charKind(ch, id.charCodeAt(i));
    if (kind === 0) {
      flush();
      prev = 0;
      continue;
    }
    if (current) {
      const digitEdge = (kind === 3) !== (prev === 3);
      const lowerToUpper = kind === 2 && prev === 1;
      // "XMLHttp": the H starts a word because a lower-case letter follows it.
      const acronymEnd = kind === 2 && prev === 2 && i + 1 < id.length && charKind(id[i + 1], id.charCodeAt(i + 1)) === 1;
      if (digitEdge || lowerToUpper || acronymEnd) {
        flush();
      }
    }
    current += ch;
    prev = kind;
  }
  flush();
  return words;
}

interface IdentifierPhrase extends Phrase {
  label?: string;
  types?: ReadonlySet<string>;
}

interface IdentifierIndex {
  index: PhraseIndex;
  childWords: ReadonlySet<string>;
}

const identifierIndexes = new Map<string, IdentifierIndex>();

function identifierIndex(region: string): IdentifierIndex {
  const key = REGION_TERMS[region] ? region : '';
  let idx = identifierIndexes.get(key);
  if (idx) {
    return idx;
  }
  const childWords = new Set(IDENTIFIER_CHILD_WORDS);
  const index: PhraseIndex = new Map();
  const seen = new Set<string>();
  const add = (term: IdentifierTerm): void => {
    const units: (string | ReadonlySet<string>)[] = term.words.split(' ').map((w) => (w === '$child' ? childWords : w));
    const phrase: IdentifierPhrase = {
      key: term.words,
      units,
      text: term.words,
      length: units.length,
      category: term.category,
      asks: false,
      label: term.label,
      types: term.types ? new Set(term.types.map(typeKey)) : undefined,
    };
    if (seen.has(phrase.key)) {
      return;
    }
    seen.add(phrase.key);
    const first = units[0];
    for (const k of typeof first === 'string' ? [first] : [...first]) {
      const list = index.get(k);
      if (list) {
        list.push(phrase);
      } else {
        index.set(k, [phrase]);
      }
    }
  };
  for (const [cat, list] of Object.entries(REGION_TERMS[key] ?? {})) {
    for (const w of list ?? []) {
      if (/^[a-z ]+$/.test(w)) {
        add({ words: w, category: cat as DataCategory, label: cat === 'location' ? 'a postal (PIN) code' : undefined });
      }
    }
  }
  for (const t of IDENTIFIER_TERMS) {
    add(t);
  }
  for (const list of index.values()) {
    list.sort((a, b) => b.length - a.length);
  }
  idx = { index, childWords };
  identifierIndexes.set(key, idx);
  return idx;
}

interface WordsMatch {
  category: DataCategory;
  label?: string;
  child: boolean;
}

/** Classifies identifier words: phrases first, then long words searched for known compounds. */
function classifyWords(words: readonly string[], region: string, type?: string): WordsMatch | undefined {
  const { index, childWords } = identifierIndex(region);
  const t = type === undefined ? undefined : typeKey(type);
  const accept = (p: Phrase): boolean => {
    const types = (p as IdentifierPhrase).types;
    return !types || (t !== undefined && types.has(t));
  };
  let found: IdentifierPhrase | undefined;
  for (const h of matchWords(words, undefined, index, accept)) {
    const p = h.phrase as IdentifierPhrase;
    if (p.category && (!found || (isSensitive(p.category) && !isSensitive(found.category as DataCategory)))) {
      found = p;
    }
  }
  let match: WordsMatch | undefined = found?.category ? { category: found.category, label: found.label, child: false } : undefined;
  if (!match) {
    for (const w of words) {
      if (w.length < 8 || w.length > 64) {
        continue;
      }
      const s = IDENTIFIER_SUBSTRINGS.find((e) => w.includes(e.words));
      if (s?.category) {
        match = { category: s.category, label: s.label, child: false };
        break;
      }
    }
  }
  if (match) {
    match.child = words.some((w) => childWords.has(w) || (w.length > 5 && w.length <= 64 && IDENTIFIER_CHILD_SUBSTRINGS.some((c) => w.includes(c))));
  }
  return match;
}

/** Code identifiers: phoneNumber, user_email, ssn, creditCardNumber, birthDate, firstName. */
export function classifyIdentifier(identifier: string): Classification | undefined {
  const m = classifyWords(splitIdentifier(identifier), '');
  if (!m) {
    return undefined;
  }
  if (m.child) {
    return { category: childCategory(m.category), reason: `identifier \`${identifier}\` about a child (${describe(m.category, true)})` };
  }
  return { category: m.category, reason: `identifier \`${identifier}\`` };
}

// -------------------------------------------------------------------------------------------------
// Text: mentions and requests

function termSpan(a: Analysis, t: TermHit): [number, number] {
  let u0 = t.u0;
  let u1 = t.u1;
  if (t.child) {
    u0 = Math.min(u0, t.child.u0);
    u1 = Math.max(u1, t.child.u1);
  }
  return originalSpan(a, u0, u1);
}

function finalCategory(t: TermHit): DataCategory {
  return t.child ? childCategory(t.category) : t.category;
}

/** Personal data named by the words of a text, e.g. a sample utterance ("my birthday is {date}"). */
export function findDataMentions(text: string, locale: string): TextMatch[] {
  if (!text) {
    return [];
  }
  const a = analyze(text, locale);
  return a.terms.map((t) => {
    const [s, e] = termSpan(a, t);
    return {
      category: finalCategory(t),
      reason: `${quote(text.slice(s, e))} names ${describe(t.category, !!t.child)}`,
      offset: s,
      length: e - s,
    };
  });
}

interface Request {
  term: TermHit;
  /** The request words, if any besides the term. */
  cue?: Hit;
  /** "And your e-mail?": the unit of "your", when the question has no other request words. */
  question?: number;
}

function findRequestIn(a: Analysis): Request | undefined {
  const w = windowsOf(a);
  const u = a.units;
  for (const t of a.terms) {
    if (t.asks) {
      // Only what comes before counts: "quand êtes-vous né" holds "ne" once folded.
      if (!negated(a, t.u0, t.u0)) {
        return { term: t };
      }
      continue;
    }
    const sentence = u.sentence[t.u0];
    // A question word or imperative before the data: "what is [your] phone number".
    const cb = a.cuesBefore;
    for (let k = lowerBound(cb, t.u0) - 1; k >= 0; k--) {
      const c = cb[k];
      if (c.u1 > t.u0) {
        continue;
      }
      if (t.u0 - c.u1 > w.before || u.sentence[c.u0] !== sentence) {
        break;
      }
      if (!negated(a, c.u0, t.u0)) {
        return { term: t, cue: c };
      }
    }
    // A verb after it: "電話番号を教えて", "अपना नाम बताइए", "deine Nummer sagen".
    const ca = a.cuesAfter;
    for (let k = lowerBound(ca, t.u1); k < ca.length; k++) {
      const c = ca[k];
      if (c.u0 - t.u1 > w.after || u.sentence[c.u0] !== sentence) {
        break;
      }
      if (!negated(a, t.u0, c.u1)) {
        return { term: t, cue: c };
      }
    }
    // A bare question about the listener's data, which ends it: "And your e-mail?"
    if (u.words && u.sentenceEnd[sentence] === '?' && u.sentenceLast[sentence] === t.u1 - 1) {
      const before = t.u0 > 0 && u.sentence[t.u0 - 1] === sentence && a.lang.you.has(u.words.at(t.u0 - 1));
      if ((before || a.lang.you.has(u.words.at(t.u0))) && !negated(a, t.u0, t.u0)) {
        return { term: t, question: before ? t.u0 - 1 : t.u0 };
      }
    }
  }
  return undefined;
}

/**
 * A prompt or spoken text that asks the user for personal data ("What is your phone number?",
 * "Wie lautet deine Telefonnummer?", "電話番号を教えてください"). Returns the span of the words naming
 * the data inside `text`. Mentions without a request ("I will never ask for your password",
 * "Your number is saved") do not count.
 */
export function findDataRequest(text: string, locale: string): TextMatch | undefined {
  if (!text) {
    return undefined;
  }
  const a = analyze(text, locale);
  const r = findRequestIn(a);
  if (!r) {
    return undefined;
  }
  const t = r.term;
  const [s, e] = termSpan(a, t);
  let from = s;
  let to = e;
  if (r.cue) {
    const [cs, ce] = originalSpan(a, r.cue.u0, r.cue.u1);
    from = Math.min(from, cs);
    to = Math.max(to, ce);
  }
  if (r.question !== undefined) {
    from = Math.min(from, originalSpan(a, r.question, r.question + 1)[0]);
    const mark = text.indexOf('?', to);
    to = mark >= 0 && mark - to <= QUOTE_MAX ? mark + 1 : to;
  }
  return {
    category: finalCategory(t),
    reason: `asks for ${describe(t.category, !!t.child)}: ${quote(text.slice(from, to))}`,
    offset: s,
    length: e - s,
  };
}

// -------------------------------------------------------------------------------------------------
// Slots

interface Candidate {
  category: DataCategory;
  reason: string;
}

/** Offsets of `{name}` in a sample. */
function placeholders(sample: string): { start: number; end: number; name: string }[] {
  const out: { start: number; end: number; name: string }[] = [];
  let i = sample.indexOf('{');
  while (i >= 0) {
    const close = sample.indexOf('}', i + 1);
    if (close < 0) {
      break;
    }
    const inner = sample.slice(i + 1, close);
    if (inner.includes('{')) {
      i = sample.indexOf('{', i + 1);
      continue;
    }
    out.push({ start: i, end: close + 1, name: inner.trim() });
    i = sample.indexOf('{', close + 1);
  }
  return out;
}

/** How far (in characters) the words naming the data may be from the slot they describe. */
const SAMPLE_GAP = 40;

function gapBetween(s: number, e: number, ps: number, pe: number): number {
  return s >= pe ? s - pe : ps >= e ? ps - e : 0;
}

/**
 * The term of a sample that describes the slot: allowed for its type, nearest to the slot's
 * `{name}`, and nearer to it than to any other slot of the sample ("my name is {name} and my
 * phone number is {phone}").
 */
function sampleTerm(a: Analysis, sample: string, slot: string, allowed: Allowed): TermHit | undefined {
  const refs = placeholders(sample);
  if (!refs.some((r) => r.name === slot)) {
    return undefined;
  }
  let best: TermHit | undefined;
  let bestGap = Infinity;
  for (const t of a.terms) {
    if (!allows(allowed, t.category)) {
      continue;
    }
    const [s, e] = termSpan(a, t);
    let nearest = refs[0];
    let nearestGap = Infinity;
    for (const r of refs) {
      const g = gapBetween(s, e, r.start, r.end);
      if (g < nearestGap) {
        nearest = r;
        nearestGap = g;
      }
    }
    if (nearest.name === slot && nearestGap <= SAMPLE_GAP && nearestGap < bestGap) {
      best = t;
      bestGap = nearestGap;
    }
  }
  return best;
}

/** A child word close to the slot's `{name}` in a sample ("{name} is my daughter"). */
function childNearSlot(a: Analysis, sample: string, slot: string): boolean {
  const refs = placeholders(sample).filter((r) => r.name === slot);
  return a.children.some((h) => {
    const [s, e] = originalSpan(a, h.u0, h.u1);
    return refs.some((r) => gapBetween(s, e, r.start, r.end) <= SAMPLE_GAP / 2);
  });
}

function slotWords(input: SlotInput): string[] {
  return splitIdentifier(input.name);
}

/** The slot's name classified: identifier words first, then the model language's words. */
function nameCandidate(input: SlotInput, base: string, allowed: Allowed): Candidate | undefined {
  const words = slotWords(input);
  if (words.length === 0) {
    return undefined;
  }
  const m = classifyWords(words, regionOf(input.locale), input.type);
  if (m && allows(allowed, m.category)) {
    const child = m.child || nameHasChild(input);
    return {
      category: child ? childCategory(m.category) : m.category,
      reason: `${base} named like ${describe(m.category, child, m.label)}`,
    };
  }
  for (const text of words.length > 1 ? [words.join(' '), words.join('')] : [words[0]]) {
    const a = analyze(text, input.locale);
    const t = a.terms.find((x) => allows(allowed, x.category));
    if (t) {
      const child = !!t.child || nameHasChild(input);
      return { category: child ? childCategory(t.category) : t.category, reason: `${base} named like ${describe(t.category, child)}` };
    }
  }
  return undefined;
}

function nameHasChild(input: SlotInput): boolean {
  const words = slotWords(input);
  const { childWords } = identifierIndex('');
  if (words.some((w) => childWords.has(w) || (w.length > 5 && w.length <= 64 && IDENTIFIER_CHILD_SUBSTRINGS.some((c) => w.includes(c))))) {
    return true;
  }
  return analyze(words.join(' '), input.locale).children.length > 0;
}

function typeNameCandidate(input: SlotInput, base: string): Candidate | undefined {
  if (typeKey(input.type).startsWith('amazon.')) {
    return undefined;
  }
  const generic = new Set(['type', 'types', 'slot', 'list', 'of', 'values', 'value', 'custom', 'enum']);
  const words = splitIdentifier(input.type).filter((w) => !generic.has(w));
  if (words.length === 0) {
    return undefined;
  }
  const m = classifyWords(words, regionOf(input.locale));
  if (!m) {
    return undefined;
  }
  return {
    category: m.child ? childCategory(m.category) : m.category,
    reason: `${base}, a type named like ${describe(m.category, m.child, m.label)}`,
  };
}

const healthValues = new Set(HEALTH_VALUES.map((v) => foldText(v).text));
const genderValues = new Set(GENDER_VALUES.map((v) => foldText(v).text));
const VALUES_MAX = 500;

function normalizeValue(v: string): string {
  return foldText(v.trim()).text.split(/\s+/).join(' ');
}

function valuesCandidate(input: SlotInput, base: string): Candidate | undefined {
  const values = (input.customValues ?? []).filter((v) => typeof v === 'string' && v.trim()).slice(0, VALUES_MAX);
  if (values.length < 2) {
    return undefined;
  }
  const health: string[] = [];
  const gender: string[] = [];
  for (const v of values) {
    const f = normalizeValue(v);
    if (genderValues.has(f)) {
      gender.push(v);
    } else if (healthValues.has(f) || analyze(v, input.locale).terms.some((t) => t.category === 'health')) {
      health.push(v);
    }
  }
  const examples = (list: string[]): string => list.slice(0, 3).join(', ');
  if (health.length >= 2 && (health.length * 2 >= values.length || health.length >= 5)) {
    return { category: 'health', reason: `${base} whose values name health information (${examples(health)})` };
  }
  if (gender.length >= 2 && gender.length * 2 >= values.length) {
    return { category: 'gender', reason: `${base} whose values name a gender (${examples(gender)})` };
  }
  return undefined;
}

/**
 * Slot classifications by what they are a function of: the name, type and locale and the strings
 * of the samples, custom values and prompts (non-strings are ignored by both classifiers, and a
 * missing list is an empty one). The same slot is classified again and again: by the model facts
 * and by the code's slot catalogue (code/sources.ts), on every edit of a model in the editor (all
 * of its slots again, the edited one aside), and in workspaces of skills made from one template
 * (within one skill 41–47% repeat an earlier one: 129 of 272 on the bench's big skill). Each call
 * gets its own copy, as before. Bounded, and cleared when full like the analyses in scan.ts.
 */
const slotResults = new Map<string, Classification | null>();
const MAX_SLOT_RESULTS = 4096;
/** Inputs whose key would be longer are classified afresh (the key costs as much as the work). */
const MAX_SLOT_KEY = 100_000;

/**
 * The memo key of an input: its strings as JSON, which tells any two inputs apart. Undefined
 * (classified afresh) when a list holds anything but strings (both classifiers ignore those, but
 * JSON could make one look like a string) or the name, type or locale is not a string.
 */
function slotKey(kind: string, input: SlotInput): string | undefined {
  const { name, type, locale } = input;
  if (typeof name !== 'string' || typeof type !== 'string' || typeof locale !== 'string') {
    return undefined;
  }
  const lists = [input.samples ?? [], input.customValues ?? [], input.prompts ?? []];
  let length = 0;
  for (const list of lists) {
    if (!Array.isArray(list)) {
      return undefined;
    }
    for (const x of list) {
      if (typeof x !== 'string') {
        return undefined;
      }
      length += x.length;
    }
  }
  return length > MAX_SLOT_KEY ? undefined : JSON.stringify([kind, name, type, locale, ...lists]);
}

function memoSlot(kind: string, input: SlotInput, classify: (input: SlotInput) => Classification | undefined): Classification | undefined {
  const key = slotKey(kind, input);
  if (key === undefined) {
    return classify(input);
  }
  let hit = slotResults.get(key);
  if (hit === undefined) {
    hit = classify(input) ?? null;
    if (slotResults.size >= MAX_SLOT_RESULTS) {
      slotResults.clear();
    }
    slotResults.set(key, hit);
  }
  return hit ? { category: hit.category, reason: hit.reason } : undefined;
}

/** Runs `run` with no kept slot classifications, keeping none of its own (tests). */
export function withoutKeptSlotResults<T>(run: () => T): T {
  const saved = [...slotResults];
  slotResults.clear();
  try {
    return run();
  } finally {
    slotResults.clear();
    for (const [k, v] of saved) {
      slotResults.set(k, v);
    }
  }
}

/**
 * Classifies a slot by its built-in type, or by its name, utterances, prompts, custom type name
 * and values. Free-form capture on its own is `classifyFreeForm`'s business, not this function's.
 */
export function classifySlot(input: SlotInput): Classification | undefined {
  return memoSlot('slot', input, classifySlotUncached);
}

function classifySlotUncached(input: SlotInput): Classification | undefined {
  const name = input.name ?? '';
  const type = input.type ?? '';
  const samples = (input.samples ?? []).filter((s) => typeof s === 'string');
  const prompts = (input.prompts ?? []).filter((p) => typeof p === 'string');
  const base = `slot \`${name}\` of type ${type}`;

  const builtIn = builtInSlotCategory(type);
  if (builtIn) {
    const child = childEvidence(input, samples, prompts);
    if (child) {
      return { category: childCategory(builtIn), reason: `${base}, about a child: ${child}` };
    }
    return { category: builtIn, reason: base };
  }

  const allowed = allowedFor(type);
  if (allowed !== 'all' && allowed.size === 0) {
    return undefined;
  }
  const candidates: Candidate[] = [];
  const fromName = nameCandidate(input, base, allowed);
  if (fromName) {
    candidates.push(fromName);
  }
  for (const sample of samples) {
    const a = analyze(sample, input.locale);
    const t = sampleTerm(a, sample, name, allowed);
    if (t) {
      const child = !!t.child;
      candidates.push({
        category: finalCategory(t),
        reason: `${base} in the utterance ${quote(sample)}${child ? `, ${describe(t.category, true)}` : ''}`,
      });
    }
  }
  for (const prompt of prompts) {
    const a = analyze(prompt, input.locale);
    const r = findRequestIn(a);
    if (r && allows(allowed, r.term.category)) {
      candidates.push({
        category: finalCategory(r.term),
        reason: `${base} whose prompt asks for ${describe(r.term.category, !!r.term.child)}: ${quote(prompt)}`,
      });
    }
  }
  if (allowed === 'all') {
    const fromType = typeNameCandidate(input, base);
    if (fromType) {
      candidates.push(fromType);
    }
    const fromValues = valuesCandidate(input, base);
    if (fromValues) {
      candidates.push(fromValues);
    }
  }
  if (candidates.length === 0) {
    return undefined;
  }
  // Sensitive evidence wins: a slot both named `code` and described as "my PIN is {code}" is a PIN.
  const pick = candidates.find((c) => isSensitive(c.category)) ?? candidates.find((c) => c.category === 'children') ?? candidates[0];
  return { category: pick.category, reason: pick.reason };
}

/** Why a slot of a personal built-in type is about a child, if it is. */
function childEvidence(input: SlotInput, samples: string[], prompts: string[]): string | undefined {
  if (nameHasChild(input)) {
    return `its name \`${input.name}\``;
  }
  for (const sample of samples) {
    const a = analyze(sample, input.locale);
    if (childNearSlot(a, sample, input.name) || a.terms.some((t) => t.child && sampleTerm(a, sample, input.name, 'all') === t)) {
      return `the utterance ${quote(sample)}`;
    }
  }
  for (const prompt of prompts) {
    const a = analyze(prompt, input.locale);
    const r = findRequestIn(a);
    if (r?.term.child) {
      return `the prompt ${quote(prompt)}`;
    }
  }
  return undefined;
}

// -------------------------------------------------------------------------------------------------
// Free-form capture

const catchAllIndex: PhraseIndex = (() => {
  const index: PhraseIndex = new Map();
  for (const w of CATCH_ALL_WORDS) {
    const units = w.split(' ');
    const p: Phrase = { key: w, units, text: w, length: units.length, category: 'free-speech', asks: false };
    const list = index.get(units[0]);
    if (list) {
      list.push(p);
    } else {
      index.set(units[0], [p]);
    }
  }
  for (const list of index.values()) {
    list.sort((a, b) => b.length - a.length);
  }
  return index;
})();

function wordCount(v: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < v.length; i++) {
    const w = isWordCode(v.charCodeAt(i));
    if (w && !inWord) {
      n++;
    }
    inWord = w;
  }
  return n;
}

/**
 * Is this slot a free-form capture (AMAZON.SearchQuery, AMAZON.Literal, a catch-all custom type)?
 * A custom type is a catch-all when its name or the slot's says so ("CatchAll", "anything",
 * "freeText"), or when it fills a whole utterance ("{text}") with values that are arbitrary
 * phrases rather than names of things.
 */
export function classifyFreeForm(input: SlotInput): Classification | undefined {
  return memoSlot('free', input, classifyFreeFormUncached);
}

function classifyFreeFormUncached(input: SlotInput): Classification | undefined {
  const name = input.name ?? '';
  const type = input.type ?? '';
  const base = `slot \`${name}\` of type ${type}`;
  if (isFreeFormType(type)) {
    return { category: 'free-speech', reason: `${base} captures free-form speech` };
  }
  if (typeKey(type).startsWith('amazon.')) {
    return undefined;
  }
  for (const id of [type, name]) {
    if (matchWords(splitIdentifier(id), undefined, catchAllIndex).length > 0) {
      return { category: 'free-speech', reason: `${base} named like a catch-all slot that captures any speech` };
    }
  }
  const values = (input.customValues ?? []).filter((v) => typeof v === 'string' && v.trim()).slice(0, VALUES_MAX);
  if (values.length >= 5) {
    const average = values.reduce((sum, v) => sum + wordCount(v), 0) / values.length;
    const whole = (input.samples ?? []).find((s) => typeof s === 'string' && s.trim() === `{${name}}`);
    if ((whole && average >= 3) || (values.length >= 20 && average >= 4)) {
      const how = whole ? `fills the whole utterance ${quote(whole)} and ` : '';
      return { category: 'free-speech', reason: `${base} ${how}has arbitrary phrases as values, a catch-all that captures any speech` };
    }
  }
  return undefined;
}
