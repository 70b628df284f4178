import { DataCategory } from './categories';
import { LanguageVocabulary, REGION_TERMS, VOCABULARIES } from './vocabulary';

/**
 * The text machinery of the taxonomy: folding, splitting into words, and phrase matching.
 *
 * Everything here runs on each keystroke over user text, so everything is a linear scan:
 * no regular expression ever sees user text except one single-character class test, phrases are
 * looked up in maps keyed by their first word (or first character for Japanese), and every window
 * ("a request word at most six words before the data") is a bounded look-around.
 */

// ---------------------------------------------------------------------------------------------
// Folding

/** Text folded for matching: lower case, no accents, no nukta, full-width forms made ASCII. */
export interface Folded {
  text: string;
  /** Original offset of each folded character plus one entry for the end; absent when 1:1. */
  map?: number[];
}

const foldCache = new Map<number, string>();
const APOSTROPHES = new Set([0x2019, 0x2018, 0x02bc, 0x0060, 0x00b4, 0x2032]);

function foldCode(code: number): string {
  let folded = foldCache.get(code);
  if (folded !== undefined) {
    return folded;
  }
  const ch = String.fromCharCode(code);
  if (APOSTROPHES.has(code)) {
    folded = "'";
  } else if (code >= 0xd800 && code <= 0xdfff) {
    folded = ch;
  } else {
    let out = '';
    for (const c of ch.normalize('NFKD')) {
      const k = c.charCodeAt(0);
      // Combining accents, and the Devanagari nukta (फ़ोन and फोन are one word to a speaker).
      if ((k >= 0x300 && k <= 0x36f) || k === 0x93c) {
        continue;
      }
      out += k === 0x901 ? '\u0902' : c; // chandrabindu → anusvara: हूँ and हूं
    }
    folded = out.normalize('NFC').toLowerCase().replace('ß', 'ss');
  }
  foldCache.set(code, folded);
  return folded;
}

/** A slot reference `{name}` in an utterance or prompt: its closing brace, or -1. */
function placeholderEnd(text: string, open: number): number {
  const limit = Math.min(text.length, open + 80);
  for (let j = open + 1; j < limit; j++) {
    const c = text.charCodeAt(j);
    if (c === 125 /* } */) {
      return j;
    }
    if (c === 123 /* { */ || c === 10) {
      return -1;
    }
  }
  return -1;
}

/** Marks where a slot reference was; a clause boundary that matches nothing. */
export const SLOT_MARK = '\u0001';

/**
 * Folds `text`. Slot references (`{date}`) become a mark and spaces, so the slot's name is never
 * read as a word of the sentence ("{phoneNumber}" names nothing; the words around it do).
 */
export function foldText(text: string): Folded {
  const n = text.length;
  let plain = true;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c > 127 || c === 123) {
      plain = false;
      break;
    }
  }
  if (plain) {
    return { text: text.toLowerCase() };
  }
  let out = '';
  const map: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 123) {
      const close = placeholderEnd(text, i);
      if (close > 0) {
        out += SLOT_MARK + ' '.repeat(close - i);
        for (let j = i; j <= close; j++) {
          map.push(j);
        }
        i = close;
        continue;
      }
    }
    if (c < 128) {
      out += c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : text[i];
      map.push(i);
      continue;
    }
    const f = foldCode(c);
    out += f;
    for (let k = 0; k < f.length; k++) {
      map.push(i);
    }
  }
  map.push(n);
  return { text: out, map };
}

export function originalOffset(folded: Folded, offset: number): number {
  return folded.map ? folded.map[offset] : offset;
}

// ---------------------------------------------------------------------------------------------
// Characters

const wordTable = new Uint8Array(65536); // 0 unknown, 1 letter/mark/digit, 2 other
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

export function isWordCode(c: number): boolean {
  if (c < 128) {
    return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
  }
  let v = wordTable[c];
  if (v === 0) {
    v = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
    wordTable[c] = v;
  }
  return v === 1;
}

const enum Break {
  None = 0,
  Clause = 1,
  Sentence = 2,
}

function breakAt(text: string, i: number): Break {
  const c = text.charCodeAt(i);
  switch (c) {
    case 33: // !
    case 63: // ?
    case 59: // ;
    case 10: // \n
    case 0x3002: // 。
    case 0x964: // ।
    case 0x965: // ॥
    case 0xbf: // ¿
    case 0xa1: // ¡
    case 0x2026: // …
      return Break.Sentence;
    case 46: // . ends a sentence unless inside a word or number ("3.5", "e.g")
      return i + 1 < text.length && isWordCode(text.charCodeAt(i + 1)) ? Break.None : Break.Sentence;
    case 44: // ,
    case 58: // :
    case 40: // (
    case 41: // )
    case 34: // "
    case 91: // [
    case 93: // ]
    case 0x201c: // “
    case 0x201d: // ”
    case 0x201e: // „
    case 0xab: // «
    case 0xbb: // »
    case 0x3001: // 、
    case 0x300c: // 「
    case 0x300d: // 」
    case 0x2013: // –
    case 0x2014: // —
    case 1: // slot mark
      return Break.Clause;
    default:
      return Break.None;
  }
}

// ---------------------------------------------------------------------------------------------
// Units: words, or characters for Japanese

export interface Units {
  count: number;
  /** Words mode: the words (apostrophes dropped where the language joins them). */
  words?: string[];
  /** Folded offsets of each unit; absent in characters mode, where unit i is character i. */
  start?: number[];
  end?: number[];
  sentence: ArrayLike<number>;
  clause: ArrayLike<number>;
  /** Per sentence: the punctuation that ended it ("?" for a question), "" if none. */
  sentenceEnd: string[];
  /** Per sentence: its last unit. */
  sentenceLast: number[];
}

export function splitWords(text: string, joinApostrophes: boolean): Units {
  const n = text.length;
  const words: string[] = [];
  const start: number[] = [];
  const end: number[] = [];
  const sentence: number[] = [];
  const clause: number[] = [];
  const sentenceEnd: string[] = [];
  const sentenceLast: number[] = [];
  let s = 0;
  let cl = 0;
  let pendingSentence = false;
  let pendingClause = false;
  let terminator = '';
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isWordCode(c)) {
      const from = i;
      let apostrophe = false;
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (isWordCode(d)) {
          i++;
        } else if (d === 39 && joinApostrophes && i + 1 < n && isWordCode(text.charCodeAt(i + 1))) {
          apostrophe = true;
          i++;
        } else {
          break;
        }
      }
      if (words.length > 0) {
        if (pendingSentence) {
          sentenceEnd[s] = terminator;
          s++;
          cl++;
        } else if (pendingClause) {
          cl++;
        }
      }
      pendingSentence = false;
      pendingClause = false;
      terminator = '';
      let word = text.slice(from, i);
      if (apostrophe) {
        word = word.split("'").join('');
      }
      words.push(word);
      start.push(from);
      end.push(i);
      sentence.push(s);
      clause.push(cl);
      sentenceLast[s] = words.length - 1;
      continue;
    }
    // A trailing apostrophe of a joined word ("kids'") is part of it, not a boundary.
    if (c === 39 && joinApostrophes && i > 0 && isWordCode(text.charCodeAt(i - 1)) && words.length > 0 && end[end.length - 1] === i) {
      end[end.length - 1] = i + 1;
      i++;
      continue;
    }
    const b = breakAt(text, i);
    if (b === Break.Sentence) {
      pendingSentence = true;
      if (terminator !== '?') {
        terminator = text[i] === '¿' ? terminator : text[i];
      }
    } else if (b === Break.Clause) {
      pendingClause = true;
    }
    i++;
  }
  sentenceEnd[s] = pendingSentence ? terminator : '';
  if (sentenceLast[s] === undefined) {
    sentenceLast[s] = words.length - 1;
  }
  return { count: words.length, words, start, end, sentence, clause, sentenceEnd, sentenceLast };
}

function splitChars(text: string): Units {
  const n = text.length;
  const sentence = new Int32Array(n);
  const clause = new Int32Array(n);
  const sentenceEnd: string[] = [];
  const sentenceLast: number[] = [];
  let s = 0;
  let cl = 0;
  for (let i = 0; i < n; i++) {
    sentence[i] = s;
    clause[i] = cl;
    sentenceLast[s] = i;
    const b = breakAt(text, i);
    if (b === Break.Sentence) {
      sentenceEnd[s] = text[i];
      s++;
      cl++;
    } else if (b === Break.Clause) {
      cl++;
    }
  }
  if (sentenceEnd[s] === undefined) {
    sentenceEnd[s] = '';
  }
  if (sentenceLast[s] === undefined) {
    sentenceLast[s] = n - 1;
  }
  return { count: n, sentence, clause, sentenceEnd, sentenceLast };
}

// ---------------------------------------------------------------------------------------------
// Phrases

/** A compiled phrase. `category` null: a phrase that names nothing but hides shorter terms. */
export interface Phrase {
  key: string;
  /** Words mode: each a word or a word class. */
  units: (string | ReadonlySet<string>)[];
  /** Characters mode: the folded text. */
  text: string;
  /** Units long (words, or characters). */
  length: number;
  category: DataCategory | null;
  asks: boolean;
}

export type PhraseIndex = Map<string | number, Phrase[]>;

export interface Hit {
  /** Unit range [u0, u1). */
  u0: number;
  u1: number;
  phrase: Phrase;
}

export interface CompiledLanguage {
  key: string;
  mode: 'words' | 'chars';
  joinApostrophes: boolean;
  terms: PhraseIndex;
  /** de: single-word terms that may end a compound, by folded text. */
  suffixes?: Map<string, Phrase>;
  cuesBefore: PhraseIndex;
  cuesAfter: PhraseIndex;
  negations: PhraseIndex;
  children: PhraseIndex;
  you: ReadonlySet<string>;
}

interface Classes {
  poss: Set<string>;
  you: Set<string>;
  child: Set<string>;
}

function foldPlain(text: string): string {
  return foldText(text).text;
}

/** Folds and splits a phrase the way text is split; `$x` words are word classes. */
function compilePhrase(source: string, mode: 'words' | 'chars', joinApostrophes: boolean, classes: Classes | undefined, category: DataCategory | null, asks: boolean): Phrase | undefined {
  if (mode === 'chars') {
    const text = foldPlain(source);
    return text ? { key: text, units: [], text, length: text.length, category, asks } : undefined;
  }
  const units: (string | ReadonlySet<string>)[] = [];
  const keyParts: string[] = [];
  for (const piece of source.split(' ')) {
    if (!piece) {
      continue;
    }
    if (piece.startsWith('$')) {
      const cls = classes?.[piece.slice(1) as keyof Classes];
      if (!cls) {
        throw new Error(`unknown word class ${piece} in "${source}"`);
      }
      units.push(cls);
      keyParts.push(piece);
      continue;
    }
    const words = splitWords(foldPlain(piece), joinApostrophes).words ?? [];
    for (const w of words) {
      units.push(w);
      keyParts.push(w);
    }
  }
  if (units.length === 0) {
    return undefined;
  }
  const key = keyParts.join(' ');
  return { key, units, text: key, length: units.length, category, asks };
}

function addToIndex(index: PhraseIndex, phrase: Phrase, seen: Set<string>): void {
  if (seen.has(phrase.key)) {
    return;
  }
  seen.add(phrase.key);
  const first = phrase.units[0];
  const keys: (string | number)[] = phrase.units.length === 0 ? [phrase.text.charCodeAt(0)] : typeof first === 'string' ? [first] : [...first];
  for (const k of keys) {
    const list = index.get(k);
    if (list) {
      list.push(phrase);
    } else {
      index.set(k, [phrase]);
    }
  }
}

function sortIndex(index: PhraseIndex): PhraseIndex {
  for (const list of index.values()) {
    list.sort((a, b) => b.length - a.length);
  }
  return index;
}

function wordSet(list: readonly string[], mode: 'words' | 'chars', join: boolean): Set<string> {
  const out = new Set<string>();
  if (mode === 'chars') {
    return out;
  }
  for (const w of list) {
    const words = splitWords(foldPlain(w), join).words ?? [];
    if (words.length === 1) {
      out.add(words[0]);
    }
  }
  return out;
}

const compiled = new Map<string, CompiledLanguage>();

/** "de-DE" → "de"; "pt-BR" → "pt"; a language without a vocabulary → "en". */
export function languageOf(locale: string): string {
  const lang = (locale || '').trim().toLowerCase().split(/[-_]/)[0];
  return Object.prototype.hasOwnProperty.call(VOCABULARIES, lang) ? lang : 'en';
}

export function regionOf(locale: string): string {
  const parts = (locale || '').trim().split(/[-_]/);
  return parts.length > 1 ? parts[parts.length - 1].toUpperCase() : '';
}

/** The compiled vocabulary for a locale (language, plus the region's own meanings). */
export function languageFor(locale: string): CompiledLanguage {
  const lang = languageOf(locale);
  const region = regionOf(locale);
  const key = REGION_TERMS[region] ? `${lang}-${region}` : lang;
  let c = compiled.get(key);
  if (!c) {
    c = compileLanguage(key, lang, region);
    compiled.set(key, c);
  }
  return c;
}

function compileLanguage(key: string, lang: string, region: string): CompiledLanguage {
  const own = VOCABULARIES[lang];
  const all: LanguageVocabulary[] = [own, ...(own.includes ?? []).map((l) => VOCABULARIES[l])];
  const mode = own.mode ?? 'words';
  const join = own.joinApostrophes ?? false;
  const classes: Classes = {
    poss: new Set(all.flatMap((v) => [...wordSet(v.possessives, mode, join)])),
    you: new Set(all.flatMap((v) => [...wordSet(v.you, mode, join)])),
    child: new Set(all.flatMap((v) => [...wordSet(v.children, mode, join)])),
  };
  const terms: PhraseIndex = new Map();
  const seen = new Set<string>();
  const add = (index: PhraseIndex, done: Set<string>, text: string, category: DataCategory | null, asks: boolean): void => {
    const p = compilePhrase(text, mode, join, classes, category, asks);
    if (p) {
      addToIndex(index, p, done);
    }
  };
  const regional = REGION_TERMS[region];
  if (regional) {
    for (const [cat, list] of Object.entries(regional)) {
      for (const t of list ?? []) {
        add(terms, seen, t, cat as DataCategory, false);
      }
    }
  }
  for (const v of all) {
    for (const t of v.notTerms ?? []) {
      add(terms, seen, t, null, false);
    }
    for (const [cat, list] of Object.entries(v.asks ?? {})) {
      for (const t of list ?? []) {
        add(terms, seen, t, cat as DataCategory, true);
      }
    }
    for (const [cat, list] of Object.entries(v.terms)) {
      for (const t of list ?? []) {
        add(terms, seen, t, cat as DataCategory, false);
      }
    }
  }
  let suffixes: Map<string, Phrase> | undefined;
  if (own.compounds) {
    suffixes = new Map();
    for (const list of terms.values()) {
      for (const p of list) {
        if (p.units.length === 1 && typeof p.units[0] === 'string' && p.text.length >= COMPOUND_MIN) {
          suffixes.set(p.text, p);
        }
      }
    }
  }
  const simple = (pick: (v: LanguageVocabulary) => readonly string[]): PhraseIndex => {
    const index: PhraseIndex = new Map();
    const done = new Set<string>();
    for (const v of all) {
      for (const t of pick(v)) {
        add(index, done, t, null, false);
      }
    }
    return sortIndex(index);
  };
  return {
    key,
    mode,
    joinApostrophes: join,
    terms: sortIndex(terms),
    suffixes,
    cuesBefore: simple((v) => v.cuesBefore),
    cuesAfter: simple((v) => v.cuesAfter),
    negations: simple((v) => v.negations),
    children: simple((v) => v.children),
    you: classes.you,
  };
}

/** German compounds: a term of at least this many letters may end a longer word. */
const COMPOUND_MIN = 6;
/** Longer words are not searched for compound endings (bounded work on adversarial input). */
const COMPOUND_MAX_WORD = 40;

// ---------------------------------------------------------------------------------------------
// Matching: greedy, longest phrase first, left to right

export function matchWords(words: readonly string[], clause: ArrayLike<number> | undefined, index: PhraseIndex, suffixes?: Map<string, Phrase>, accept?: (p: Phrase) => boolean): Hit[] {
  const hits: Hit[] = [];
  const n = words.length;
  let u = 0;
  while (u < n) {
    const w = words[u];
    let best: Phrase | undefined;
    const list = index.get(w);
    if (list) {
      for (const p of list) {
        const len = p.length;
        if (u + len > n || (clause && clause[u] !== clause[u + len - 1]) || (accept && !accept(p))) {
          continue;
        }
        let ok = true;
        for (let j = 1; j < len && ok; j++) {
          const unit = p.units[j];
          ok = typeof unit === 'string' ? unit === words[u + j] : unit.has(words[u + j]);
        }
        if (ok) {
          best = p;
          break;
        }
      }
    }
    if (!best && suffixes && w.length > COMPOUND_MIN && w.length <= COMPOUND_MAX_WORD) {
      for (let k = 1; k <= w.length - COMPOUND_MIN; k++) {
        const p = suffixes.get(w.slice(k));
        if (p && (!accept || accept(p))) {
          best = p;
          break;
        }
      }
    }
    if (best) {
      hits.push({ u0: u, u1: u + best.length, phrase: best });
      u += best.length;
    } else {
      u++;
    }
  }
  return hits;
}

function matchChars(text: string, index: PhraseIndex): Hit[] {
  const hits: Hit[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const list = index.get(text.charCodeAt(i));
    let best: Phrase | undefined;
    if (list) {
      for (const p of list) {
        if (text.startsWith(p.text, i)) {
          best = p;
          break;
        }
      }
    }
    if (best) {
      hits.push({ u0: i, u1: i + best.length, phrase: best });
      i += best.length;
    } else {
      i++;
    }
  }
  return hits;
}

// ---------------------------------------------------------------------------------------------
// Analysis of one text

export interface TermHit {
  u0: number;
  u1: number;
  category: DataCategory;
  asks: boolean;
  /** A child word near the term: the data is a child's. */
  child?: Hit;
}

export interface Analysis {
  folded: Folded;
  units: Units;
  lang: CompiledLanguage;
  terms: TermHit[];
  cuesBefore: Hit[];
  cuesAfter: Hit[];
  negations: Hit[];
  children: Hit[];
}

/** Windows, in words (or characters for Japanese). */
export interface Windows {
  /** Words allowed between a question word and the data ("what is [the last four digits of your] card number"). */
  before: number;
  /** Words allowed between the data and a verb after it ("電話番号[を]教えて"). */
  after: number;
  /** Distance of a child word from the data ("[my] son's name", "name of my son"). */
  child: number;
  /** A negation this far before the request word still negates it ("never [ever] tell me"). */
  negationBefore: number;
  /** …or this far after the verb (ja "教えて[は]いけません"). */
  negationAfter: number;
}

export const WORD_WINDOWS: Windows = { before: 6, after: 2, child: 4, negationBefore: 3, negationAfter: 0 };
export const CHAR_WINDOWS: Windows = { before: 0, after: 3, child: 8, negationBefore: 4, negationAfter: 6 };

export function windowsOf(a: Analysis): Windows {
  return a.lang.mode === 'chars' ? CHAR_WINDOWS : WORD_WINDOWS;
}

const cache = new Map<string, Analysis>();
const CACHE_LIMIT = 512;
const CACHE_MAX_TEXT = 50_000;

/** Analyses `text` in the language of `locale`; results of recent texts are reused. */
export function analyze(text: string, locale: string): Analysis {
  const lang = languageFor(locale);
  const cacheable = text.length <= CACHE_MAX_TEXT;
  const key = cacheable ? `${lang.key}\u0000${text}` : '';
  if (cacheable) {
    const hit = cache.get(key);
    if (hit) {
      return hit;
    }
  }
  const result = analyzeUncached(text, lang);
  if (cacheable) {
    if (cache.size >= CACHE_LIMIT) {
      cache.clear();
    }
    cache.set(key, result);
  }
  return result;
}

function analyzeUncached(text: string, lang: CompiledLanguage): Analysis {
  const folded = foldText(text);
  let units: Units;
  let match: (index: PhraseIndex, suffixes?: Map<string, Phrase>) => Hit[];
  if (lang.mode === 'chars') {
    units = splitChars(folded.text);
    match = (index) => matchChars(folded.text, index);
  } else {
    units = splitWords(folded.text, lang.joinApostrophes);
    const words = units.words ?? [];
    match = (index, suffixes) => matchWords(words, units.clause, index, suffixes);
  }
  const children = match(lang.children);
  const a: Analysis = {
    folded,
    units,
    lang,
    terms: [],
    cuesBefore: match(lang.cuesBefore),
    cuesAfter: match(lang.cuesAfter),
    negations: match(lang.negations),
    children,
  };
  const w = windowsOf(a);
  for (const h of match(lang.terms, lang.suffixes)) {
    const category = h.phrase.category;
    if (!category) {
      continue;
    }
    const t: TermHit = { u0: h.u0, u1: h.u1, category, asks: h.phrase.asks };
    if (category !== 'free-speech') {
      t.child = nearestInSentence(a, children, t.u0, t.u1, w.child);
    }
    a.terms.push(t);
  }
  return a;
}

/** First index in `hits` (sorted, non-overlapping) whose u0 >= u. */
export function lowerBound(hits: readonly Hit[], u: number): number {
  let lo = 0;
  let hi = hits.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (hits[mid].u0 < u) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/** The hit nearest to [u0, u1) within `window` units, in the same sentence. */
function nearestInSentence(a: Analysis, hits: readonly Hit[], u0: number, u1: number, window: number): Hit | undefined {
  if (hits.length === 0) {
    return undefined;
  }
  const sentence = a.units.sentence[u0];
  let best: Hit | undefined;
  let bestGap = Infinity;
  const i = lowerBound(hits, u1);
  // Hits starting before the end of the term: inside it or before it.
  for (let k = i - 1; k >= 0; k--) {
    const h = hits[k];
    const gap = h.u1 <= u0 ? u0 - h.u1 : 0;
    if (gap > window) {
      break;
    }
    if (a.units.sentence[h.u0] === sentence && gap < bestGap) {
      best = h;
      bestGap = gap;
    }
  }
  for (let k = i; k < hits.length; k++) {
    const h = hits[k];
    const gap = h.u0 - u1;
    if (gap > window || gap >= bestGap) {
      break;
    }
    if (a.units.sentence[h.u0] === sentence) {
      best = h;
      bestGap = gap;
    }
  }
  return best;
}

/** Folded offsets of a unit range. */
export function foldedSpan(a: Analysis, u0: number, u1: number): [number, number] {
  if (a.units.start && a.units.end) {
    return [a.units.start[u0], a.units.end[u1 - 1]];
  }
  return [u0, u1];
}

/** Original offsets of a unit range. */
export function originalSpan(a: Analysis, u0: number, u1: number): [number, number] {
  const [s, e] = foldedSpan(a, u0, u1);
  return [originalOffset(a.folded, s), originalOffset(a.folded, e)];
}

/** Is a request between units [from, to) negated ("never tell me your PIN")? */
export function negated(a: Analysis, from: number, to: number): boolean {
  const w = windowsOf(a);
  const negs = a.negations;
  const sentence = a.units.sentence[from];
  const clause = a.units.clause[from];
  for (let k = lowerBound(negs, Math.max(0, from - w.negationBefore)); k < negs.length; k++) {
    const n = negs[k];
    if (n.u0 >= to + w.negationAfter) {
      break;
    }
    if (n.u0 < from) {
      if (n.u1 <= from && a.units.clause[n.u0] === clause) {
        return true;
      }
    } else if (a.units.sentence[n.u0] === sentence) {
      return true;
    }
  }
  return false;
}

/** The unit of folded offset `offset` in words mode (the first word starting at or after it). */
export function unitAt(a: Analysis, offset: number): number {
  const start = a.units.start;
  if (!start) {
    return offset;
  }
  let lo = 0;
  let hi = start.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (start[mid] < offset) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}
