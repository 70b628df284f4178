import { TextDecoder } from 'util';
import { DataCategory } from './categories';
import { LanguageVocabulary, REGION_TERMS, VOCABULARIES } from './vocabulary';

/**
 * The text machinery of the taxonomy: folding, splitting into words, and phrase matching.
 *
 * Everything here runs on each keystroke over user text, so everything is a linear scan: no
 * regular expression runs over user text (one tests single characters, once per code point ever
 * seen), phrases are found through maps keyed by the hash of their first word (or their first
 * character for Japanese), and every window ("a request word at most six words before the data")
 * is a bounded look-around. Adversarial input (100,000 braces, one 100,000-letter word) costs
 * what ordinary text of that length costs.
 */

// ---------------------------------------------------------------------------------------------
// Folding

/** Text folded for matching: lower case, no accents, no nukta, full-width forms made ASCII. */
export interface Folded {
  text: string;
  /** Original offset of each folded character plus one entry for the end; absent when 1:1. */
  map?: ArrayLike<number>;
}

/** Per UTF-16 code unit: its folding when that is one code unit (0: not computed yet). */
const foldUnit = new Uint16Array(65536);
/** Foldings that are not one code unit ("ß" → "ss", "ﬁ" → "fi", an accent → ""). */
const foldLong = new Map<number, string>();
const LONG = 0xffff;
const APOSTROPHES = new Set([0x2019, 0x2018, 0x02bc, 0x0060, 0x00b4, 0x2032]);

function computeFold(code: number): string {
  const ch = String.fromCharCode(code);
  if (APOSTROPHES.has(code)) {
    return "'";
  }
  if (code >= 0xd800 && code <= 0xdfff) {
    return ch;
  }
  let out = '';
  for (const c of ch.normalize('NFKD')) {
    const k = c.charCodeAt(0);
    // Combining accents, and the Devanagari nukta (फ़ोन and फोन are one word to a speaker).
    if ((k >= 0x300 && k <= 0x36f) || k === 0x93c) {
      continue;
    }
    out += k === 0x901 ? '\u0902' : c; // chandrabindu → anusvara: हूँ and हूं
  }
  return out.normalize('NFC').toLowerCase().replace('ß', 'ss');
}

/** The folding of a code unit ≥ 128: one code unit, or LONG (see foldLong). */
function foldCode(code: number): number {
  let f = foldUnit[code];
  if (f === 0) {
    const s = computeFold(code);
    if (s.length === 1 && s.charCodeAt(0) !== LONG && s.charCodeAt(0) !== 0) {
      f = s.charCodeAt(0);
    } else {
      foldLong.set(code, s);
      f = LONG;
    }
    foldUnit[code] = f;
  }
  return f;
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

// ignoreBOM: a leading U+FEFF is text like any other, and must keep its offset.
const utf16 = new TextDecoder('utf-16le', { ignoreBOM: true });

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
  // Every code unit folds to one unit except the few in foldLong, so the buffers only grow there.
  let codes = new Uint16Array(n + 16);
  let map = new Int32Array(n + 17);
  let len = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if (c === 123) {
        const close = placeholderEnd(text, i);
        if (close > 0) {
          codes[len] = 1; // a clause boundary that matches nothing (see breakAt)
          map[len++] = i;
          for (let j = i + 1; j <= close; j++) {
            codes[len] = 32;
            map[len++] = j;
          }
          i = close;
          continue;
        }
      }
      codes[len] = c >= 65 && c <= 90 ? c + 32 : c;
      map[len++] = i;
      continue;
    }
    const f = foldCode(c);
    if (f !== LONG) {
      codes[len] = f;
      map[len++] = i;
      continue;
    }
    const long = foldLong.get(c) ?? '';
    const need = len + long.length + (n - i) + 1;
    if (need > codes.length) {
      const size = Math.max(need, codes.length * 2);
      const biggerCodes = new Uint16Array(size);
      biggerCodes.set(codes.subarray(0, len));
      codes = biggerCodes;
      const biggerMap = new Int32Array(size + 1);
      biggerMap.set(map.subarray(0, len));
      map = biggerMap;
    }
    for (let k = 0; k < long.length; k++) {
      codes[len] = long.charCodeAt(k);
      map[len++] = i;
    }
  }
  map[len] = n;
  return { text: utf16.decode(codes.subarray(0, len)), map: map.subarray(0, len + 1) };
}

export function originalOffset(folded: Folded, offset: number): number {
  return folded.map ? folded.map[offset] : offset;
}

// ---------------------------------------------------------------------------------------------
// Characters

const wordTable = new Uint8Array(65536); // 0 unknown, 1 letter/mark/digit, 2 other
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
for (let c = 0; c < 128; c++) {
  wordTable[c] = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) ? 1 : 2;
}

function classifyCode(c: number): number {
  const v = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
  wordTable[c] = v;
  return v;
}

export function isWordCode(c: number): boolean {
  const v = wordTable[c];
  return (v === 0 ? classifyCode(c) : v) === 1;
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

/**
 * The words of a text, sliced only when asked for: most words of a long prompt match nothing and
 * are only ever looked at through their hash.
 */
export class WordList {
  private readonly cache: (string | undefined)[];
  constructor(
    private readonly text: string,
    private readonly start: ArrayLike<number>,
    private readonly end: ArrayLike<number>,
    readonly length: number,
  ) {
    this.cache = new Array<string | undefined>(length);
  }
  at(u: number): string {
    let w = this.cache[u];
    if (w === undefined) {
      w = this.text.slice(this.start[u], this.end[u]);
      if (w.includes("'")) {
        w = w.split("'").join('');
      }
      this.cache[u] = w;
    }
    return w;
  }
  toArray(): string[] {
    const out: string[] = [];
    for (let u = 0; u < this.length; u++) {
      out.push(this.at(u));
    }
    return out;
  }
}

/** The hash of a word as `splitWords` computes it while scanning (apostrophes skipped). */
export function wordHash(word: string): number {
  let h = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c !== 39) {
      h = (Math.imul(h, 31) + c) | 0;
    }
  }
  return h;
}

export interface Units {
  count: number;
  /** Words mode: the words (apostrophes dropped where the language joins them). */
  words?: WordList;
  /** Words mode: `wordHash` of each word. */
  hashes?: ArrayLike<number>;
  /** Folded offsets of each unit; absent in characters mode, where unit i is character i. */
  start?: ArrayLike<number>;
  end?: ArrayLike<number>;
  sentence: ArrayLike<number>;
  clause: ArrayLike<number>;
  /** Per sentence: the punctuation that ended it ("?" for a question), "" if none. */
  sentenceEnd: string[];
  /** Per sentence: its last unit. */
  sentenceLast: number[];
}

export function splitWords(text: string, joinApostrophes: boolean): Units {
  const n = text.length;
  // Plain arrays: typed ones cost more to create than they save, and mixing both kinds makes
  // every access site polymorphic.
  const start: number[] = [];
  const end: number[] = [];
  const sentence: number[] = [];
  const clause: number[] = [];
  const hashes: number[] = [];
  const sentenceEnd: string[] = [];
  const sentenceLast: number[] = [];
  let count = 0;
  let s = 0;
  let cl = 0;
  let pendingSentence = false;
  let pendingClause = false;
  let terminator = '';
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      i++;
      continue;
    }
    const v = wordTable[c];
    if ((v === 0 ? classifyCode(c) : v) === 1) {
      const from = i;
      let h = c;
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        const vd = wordTable[d];
        if ((vd === 0 ? classifyCode(d) : vd) === 1) {
          h = (Math.imul(h, 31) + d) | 0;
          i++;
        } else if (d === 39 && joinApostrophes && i + 1 < n && isWordCode(text.charCodeAt(i + 1))) {
          i++;
        } else {
          break;
        }
      }
      if (count > 0) {
        if (pendingSentence) {
          sentenceEnd[s] = terminator;
          sentenceLast[s] = count - 1;
          s++;
          cl++;
        } else if (pendingClause) {
          cl++;
        }
      }
      pendingSentence = false;
      pendingClause = false;
      terminator = '';
      start[count] = from;
      end[count] = i;
      sentence[count] = s;
      clause[count] = cl;
      hashes[count] = h;
      count++;
      continue;
    }
    // A trailing apostrophe of a joined word ("kids'") is part of it, not a boundary.
    if (c === 39 && joinApostrophes && count > 0 && end[count - 1] === i) {
      end[count - 1] = i + 1;
      i++;
      continue;
    }
    const b = breakAt(text, i);
    if (b === Break.Sentence) {
      pendingSentence = true;
      if (terminator !== '?' && c !== 0xbf) {
        terminator = text[i];
      }
    } else if (b === Break.Clause) {
      pendingClause = true;
    }
    i++;
  }
  sentenceEnd[s] = pendingSentence ? terminator : '';
  sentenceLast[s] = count - 1;
  return { count, words: new WordList(text, start, end, count), hashes, start, end, sentence, clause, sentenceEnd, sentenceLast };
}

function splitChars(text: string): Units {
  const n = text.length;
  const sentence: number[] = [];
  const clause: number[] = [];
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
  /** de: single-word terms that may end a compound, by their last four letters. */
  suffixes?: Map<string, Phrase[]>;
  cuesBefore: PhraseIndex;
  cuesAfter: PhraseIndex;
  negations: PhraseIndex;
  children: PhraseIndex;
  you: ReadonlySet<string>;
  /** The indexes above in scan order (TERMS, CUES_BEFORE, …), for the one-pass matcher. */
  indexes: PhraseIndex[];
  /** Words mode: which indexes have a phrase starting with a word, by `wordHash` (bit k: indexes[k]). */
  firstWords: Map<number, number>;
  /** de: hashes of the last letters of the terms that may end a compound. */
  tails: Set<number>;
  /** Characters mode: the same by first character code. */
  firstChars: Uint8Array;
}

const TERMS = 0;
const CUES_BEFORE = 1;
const CUES_AFTER = 2;
const NEGATIONS = 3;
const CHILDREN = 4;

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
    const words = splitWords(foldPlain(piece), joinApostrophes).words?.toArray() ?? [];
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
    const words = splitWords(foldPlain(w), join).words?.toArray() ?? [];
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

const byLocale = new Map<string, CompiledLanguage>();

/** The compiled vocabulary for a locale (language, plus the region's own meanings). */
export function languageFor(locale: string): CompiledLanguage {
  const known = byLocale.get(locale);
  if (known) {
    return known;
  }
  const c = compiledFor(locale);
  if (byLocale.size < 256) {
    byLocale.set(locale, c);
  }
  return c;
}

function compiledFor(locale: string): CompiledLanguage {
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
  let suffixes: Map<string, Phrase[]> | undefined;
  if (own.compounds) {
    suffixes = new Map();
    for (const list of terms.values()) {
      for (const p of list) {
        if (p.units.length === 1 && typeof p.units[0] === 'string' && p.text.length >= COMPOUND_MIN) {
          const tail = p.text.slice(-TAIL);
          const same = suffixes.get(tail);
          if (same) {
            same.push(p);
          } else {
            suffixes.set(tail, [p]);
          }
        }
      }
    }
    for (const list of suffixes.values()) {
      list.sort((a, b) => b.text.length - a.text.length);
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
  const indexes: PhraseIndex[] = [];
  indexes[TERMS] = sortIndex(terms);
  indexes[CUES_BEFORE] = simple((v) => v.cuesBefore);
  indexes[CUES_AFTER] = simple((v) => v.cuesAfter);
  indexes[NEGATIONS] = simple((v) => v.negations);
  indexes[CHILDREN] = simple((v) => v.children);
  const firstWords = new Map<number, number>();
  const firstChars = new Uint8Array(mode === 'chars' ? 65536 : 0);
  indexes.forEach((index, k) => {
    for (const first of index.keys()) {
      if (typeof first === 'number') {
        firstChars[first] |= 1 << k;
      } else {
        const h = wordHash(first);
        firstWords.set(h, (firstWords.get(h) ?? 0) | (1 << k));
      }
    }
  });
  return {
    key,
    mode,
    joinApostrophes: join,
    terms: indexes[TERMS],
    suffixes,
    cuesBefore: indexes[CUES_BEFORE],
    cuesAfter: indexes[CUES_AFTER],
    negations: indexes[NEGATIONS],
    children: indexes[CHILDREN],
    you: classes.you,
    indexes,
    firstWords,
    firstChars,
    tails: new Set([...(suffixes?.keys() ?? [])].map(wordHash)),
  };
}

/** Compound endings are looked up by this many final letters. */
const TAIL = 4;

/** German compounds: a term of at least this many letters may end a longer word. */
const COMPOUND_MIN = 6;
/** Longer words are not searched for compound endings (bounded work on adversarial input). */
const COMPOUND_MAX_WORD = 40;

// ---------------------------------------------------------------------------------------------
// Matching: greedy, longest phrase first, left to right

/** Words by position, whatever holds them. */
interface Words {
  readonly length: number;
  at(u: number): string;
}

/** The longest phrase of `list` at word `u`, if any. */
function phraseAt(list: readonly Phrase[] | undefined, words: Words, u: number, clause: ArrayLike<number> | undefined, accept?: (p: Phrase) => boolean): Phrase | undefined {
  if (!list) {
    return undefined;
  }
  const n = words.length;
  for (const p of list) {
    const len = p.length;
    if (u + len > n || (clause && clause[u] !== clause[u + len - 1]) || (accept && !accept(p))) {
      continue;
    }
    let ok = true;
    for (let j = 1; j < len && ok; j++) {
      const unit = p.units[j];
      const w = words.at(u + j);
      ok = typeof unit === 'string' ? unit === w : unit.has(w);
    }
    if (ok) {
      return p;
    }
  }
  return undefined;
}

/** A term ending the compound word `w` ("Festnetz|telefonnummer"). */
function compoundEnding(w: string, suffixes: Map<string, Phrase[]>): Phrase | undefined {
  if (w.length <= COMPOUND_MIN || w.length > COMPOUND_MAX_WORD) {
    return undefined;
  }
  const list = suffixes.get(w.slice(-TAIL));
  return list?.find((p) => p.text.length < w.length && w.endsWith(p.text));
}

/** Greedy matching of one index over words: at each word the longest phrase, left to right. */
export function matchWords(words: readonly string[], clause: ArrayLike<number> | undefined, index: PhraseIndex, accept?: (p: Phrase) => boolean): Hit[] {
  const list: Words = { length: words.length, at: (u) => words[u] };
  const hits: Hit[] = [];
  const n = words.length;
  let u = 0;
  while (u < n) {
    const best = phraseAt(index.get(words[u]), list, u, clause, accept);
    if (best) {
      hits.push({ u0: u, u1: u + best.length, phrase: best });
      u += best.length;
    } else {
      u++;
    }
  }
  return hits;
}

/** Hash of the last TAIL characters of text[from, to), as `wordHash` of that slice. */
function tailHash(text: string, from: number, to: number): number {
  let h = 0;
  let taken = 0;
  let i = to - 1;
  const codes: number[] = [];
  while (i >= from && taken < TAIL) {
    const c = text.charCodeAt(i);
    if (c !== 39) {
      codes.push(c);
      taken++;
    }
    i--;
  }
  for (let k = codes.length - 1; k >= 0; k--) {
    h = (Math.imul(h, 31) + codes[k]) | 0;
  }
  return h;
}

/**
 * All indexes of a language in one pass over the words (one integer map lookup per word), each
 * matched greedily as `matchWords` would. A word is only sliced out of the text when its hash
 * says that some phrase may start with it.
 */
function matchAllWords(text: string, units: Units, lang: CompiledLanguage): Hit[][] {
  const k = lang.indexes.length;
  const out: Hit[][] = lang.indexes.map(() => []);
  const next = new Array<number>(k).fill(0);
  const words = units.words as WordList;
  const hashes = units.hashes as ArrayLike<number>;
  const start = units.start as ArrayLike<number>;
  const end = units.end as ArrayLike<number>;
  const clause = units.clause;
  const n = units.count;
  const suffixes = lang.suffixes;
  for (let u = 0; u < n; u++) {
    let mask = lang.firstWords.get(hashes[u]) ?? 0;
    if (suffixes && u >= next[TERMS] && end[u] - start[u] > COMPOUND_MIN && lang.tails.has(tailHash(text, start[u], end[u]))) {
      mask |= 1 << TERMS;
    }
    if (mask === 0) {
      continue;
    }
    const w = words.at(u);
    for (let i = 0; i < k; i++) {
      if ((mask & (1 << i)) === 0 || u < next[i]) {
        continue;
      }
      let p = phraseAt(lang.indexes[i].get(w), words, u, clause);
      if (!p && i === TERMS && suffixes) {
        p = compoundEnding(w, suffixes);
      }
      // A phrase led by a word class gives way to a term starting inside it that reaches further:
      // "your [street address]", not "[your street] address".
      if (p && i === TERMS && typeof p.units[0] !== 'string' && overtaken(words, u, p.length, clause, lang.indexes[TERMS])) {
        continue;
      }
      if (p) {
        out[i].push({ u0: u, u1: u + p.length, phrase: p });
        next[i] = u + p.length;
      }
    }
  }
  return out;
}

function overtaken(words: WordList, u: number, length: number, clause: ArrayLike<number>, index: PhraseIndex): boolean {
  for (let v = u + 1; v < u + length; v++) {
    const q = phraseAt(index.get(words.at(v)), words, v, clause);
    if (q && v + q.length > u + length) {
      return true;
    }
  }
  return false;
}

/** The same over characters, for scripts written without spaces. */
function matchAllChars(text: string, lang: CompiledLanguage): Hit[][] {
  const k = lang.indexes.length;
  const out: Hit[][] = lang.indexes.map(() => []);
  const next = new Array<number>(k).fill(0);
  const n = text.length;
  const first = lang.firstChars;
  for (let u = 0; u < n; u++) {
    const code = text.charCodeAt(u);
    const mask = first[code];
    if (mask === 0) {
      continue;
    }
    for (let i = 0; i < k; i++) {
      if ((mask & (1 << i)) === 0 || u < next[i]) {
        continue;
      }
      const list = lang.indexes[i].get(code);
      let p: Phrase | undefined;
      if (list) {
        for (let j = 0; j < list.length; j++) {
          if (text.startsWith(list[j].text, u)) {
            p = list[j];
            break;
          }
        }
      }
      if (p) {
        out[i].push({ u0: u, u1: u + p.length, phrase: p });
        next[i] = u + p.length;
      }
    }
  }
  return out;
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

/**
 * Recent analyses per language, by text: rules ask about the same prompt or utterance several
 * times. Short texts are kept by the thousand; long ones only a few at a time, as holding many
 * large analyses costs more in garbage collection than analysing again.
 */
const caches = new Map<string, { short: Map<string, Analysis>; long: Map<string, Analysis> }>();
const SHORT_TEXT = 2_000;
const SHORT_LIMIT = 1024;
const LONG_TEXT = 50_000;
const LONG_LIMIT = 8;

/** Analyses `text` in the language of `locale`; results of recent texts are reused. */
export function analyze(text: string, locale: string): Analysis {
  const lang = languageFor(locale);
  let cache = caches.get(lang.key);
  if (!cache) {
    cache = { short: new Map(), long: new Map() };
    caches.set(lang.key, cache);
  }
  const short = text.length <= SHORT_TEXT;
  const map = short ? cache.short : cache.long;
  const hit = map.get(text);
  if (hit) {
    return hit;
  }
  const result = analyzeUncached(text, lang);
  if (short) {
    if (map.size >= SHORT_LIMIT) {
      map.clear();
    }
    map.set(text, result);
  } else if (text.length <= LONG_TEXT) {
    if (map.size >= LONG_LIMIT) {
      map.delete(map.keys().next().value as string);
    }
    map.set(text, result);
  }
  return result;
}

function analyzeUncached(text: string, lang: CompiledLanguage): Analysis {
  const folded = foldText(text);
  let units: Units;
  let hits: Hit[][];
  if (lang.mode === 'chars') {
    units = splitChars(folded.text);
    hits = matchAllChars(folded.text, lang);
  } else {
    units = splitWords(folded.text, lang.joinApostrophes);
    hits = matchAllWords(folded.text, units, lang);
  }
  const children = hits[CHILDREN];
  const a: Analysis = {
    folded,
    units,
    lang,
    terms: [],
    cuesBefore: hits[CUES_BEFORE],
    cuesAfter: hits[CUES_AFTER],
    negations: hits[NEGATIONS],
    children,
  };
  const w = windowsOf(a);
  for (const h of hits[TERMS]) {
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
