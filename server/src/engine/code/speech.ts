// Not `import * as`: that compiles to one getter per `ts.` access, the largest cost of these tree walks in a profile.
import ts from 'typescript';
import { SkillAnalysis } from '../analysis';
import { entriesOf, nodeAt } from '../json/document';
import { FileSpan } from '../types';
import { Resolver, Value, findDeclaration, nameOf, propertyNameText, resolverOf, skipWrappers } from './bindings';
import { spanOfNode } from './handlers';
import { SpeechKind } from './model';
import { FileVersions, OutsideReads } from './outside-reads';
import { factsOf } from './statement-facts';
import { insideFunctionOf, statementIndex, syntaxIndex } from './syntax-index';

/**
 * What handler code says (for `speech-requests-personal-data`): the arguments of ask-sdk
 * `responseBuilder.speak()`/`.reprompt()` (with the slot of an `addElicitSlotDirective` in the same
 * response), alexa-sdk v1 `this.emit(':ask' | ':tell' | ':elicitSlot' | ..., ...)` and
 * `this.response.speak()`/`.listen()`. Each text is resolved from the source: string literals,
 * template strings, `+`, conditionals, `const`s (also from other modules), `let`s with their
 * assignments, picks from arrays, and i18n resources (`{ en: { translation: { KEY: '…' } } }`)
 * read through `t('KEY')`. Parts computed at run time become `{name}`. Every resolved text keeps,
 * for each character, the string literal it was written in, so findings point at that literal.
 */

/** A run of a resolved text and where it was written. */
export interface TextPiece {
  text: string;
  /** The string or template literal (part) the run comes from; absent for run-time parts. */
  literal?: FileSpan;
}

export interface SpokenText {
  pieces: TextPiece[];
  /** The locale or language the text is for, when known (an i18n resource key). */
  locale?: string;
}

export interface CodeSpeech {
  kind: SpeechKind;
  file: string;
  /** The call that says it. */
  call: FileSpan;
  /** For messages: "`speak()` text", "`:ask` speech". */
  label: string;
  /** The slot an elicitation in the same response asks for. */
  slot?: string;
  texts: SpokenText[];
}

const MAX_ALTERNATIVES = 32;
const MAX_DEPTH = 16;

export const textOf = (t: SpokenText): string => t.pieces.map((p) => p.text).join('');

// --- i18n resources --------------------------------------------------------------------------------

interface I18nEntry {
  locale: string;
  file: string;
  value: ts.Expression;
}

/** `{ en: { translation: { KEY: '…' } } }` objects anywhere in the code, by key. */
function i18nIndex(r: Resolver): Map<string, I18nEntry[]> {
  const out = new Map<string, I18nEntry[]>();
  for (const [file, ix] of r.set.files) {
    for (const n of syntaxIndex(ix.parsed.sourceFile).namedProperties) {
      if (propertyNameText(n.name) === 'translation' && ts.isObjectLiteralExpression(skipWrappers(n.initializer))) {
        const holder = n.parent.parent;
        const locale = holder && ts.isPropertyAssignment(holder) ? propertyNameText(holder.name) : undefined;
        if (locale && /^[a-z]{2}([-_][A-Za-z]{2,4})?$/.test(locale)) {
          for (const p of (skipWrappers(n.initializer) as ts.ObjectLiteralExpression).properties) {
            const key = propertyNameText(p.name);
            if (!key || !ts.isPropertyAssignment(p)) continue;
            const list = out.get(key) ?? [];
            list.push({ locale, file, value: p.initializer });
            out.set(key, list);
          }
        }
      }
    }
  }
  return out;
}

// --- resolving texts -------------------------------------------------------------------------------

class TextResolver {
  private i18n: Map<string, I18nEntry[]> | undefined;
  /** The top-level statement whose calls are being read, and whether they read only inside it. */
  watch: { statement: ts.Statement; local: boolean; i18n?: boolean } | undefined;
  constructor(private readonly r: Resolver) {}

  private get resources(): Map<string, I18nEntry[]> {
    if (this.watch) {
      this.watch.local = false;
      this.watch.i18n = true;
    }
    if (!this.i18n) this.i18n = i18nIndex(this.r);
    return this.i18n;
  }

  /** `Resolver.value`, noting whether the value was found outside the watched statement's functions. */
  value(file: string, e: ts.Expression): Value | undefined {
    const v = this.r.value(file, e);
    if (this.watch && this.watch.local && !(v?.kind === 'node' && v.file === file && insideFunctionOf(v.node, this.watch.statement))) this.watch.local = false;
    return v;
  }

  /** `findDeclaration`, noting the same. */
  declaration(name: string, at: ts.Node): ts.Node | undefined {
    const d = findDeclaration(name, at);
    if (this.watch && this.watch.local && !(d && insideFunctionOf(d, this.watch.statement))) this.watch.local = false;
    return d;
  }

  texts(file: string, expr: ts.Expression, depth = 0): SpokenText[] {
    if (depth > MAX_DEPTH) return [dynamic(expr)];
    const e = skipWrappers(expr);
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [{ pieces: [{ text: e.text, literal: literalSpan(file, e) }] }];
    if (ts.isTemplateExpression(e)) {
      // Every literal part of a template points at the whole template string.
      const whole = literalSpan(file, e);
      let alts: SpokenText[] = [{ pieces: [{ text: e.head.text, literal: whole }] }];
      for (const span of e.templateSpans) {
        const inner = this.texts(file, span.expression, depth + 1);
        alts = concat(alts, inner.length > 0 ? inner : [dynamic(span.expression)]);
        alts = concat(alts, [{ pieces: [{ text: span.literal.text, literal: whole }] }]);
      }
      return alts;
    }
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return concat(this.texts(file, e.left, depth + 1), this.texts(file, e.right, depth + 1));
    if (ts.isConditionalExpression(e)) return [...this.texts(file, e.whenTrue, depth + 1), ...this.texts(file, e.whenFalse, depth + 1)].slice(0, MAX_ALTERNATIVES);
    if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.BarBarToken || e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) {
      return [...this.texts(file, e.left, depth + 1), ...this.texts(file, e.right, depth + 1)].slice(0, MAX_ALTERNATIVES);
    }
    if (ts.isCallExpression(e)) return this.call(file, e, depth);
    if (ts.isElementAccessExpression(e)) {
      // A random pick from a list: `greetings[Math.floor(...)]`.
      const arr = this.value(file, e.expression);
      if (arr?.kind === 'node' && ts.isArrayLiteralExpression(arr.node)) return arr.node.elements.flatMap((el) => this.texts(arr.file, el as ts.Expression, depth + 1)).slice(0, MAX_ALTERNATIVES);
    }
    if (ts.isIdentifier(e) || ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
      const out: SpokenText[] = [];
      const v = this.value(file, e);
      if (v?.kind === 'node' && v.node !== e && ts.isExpression(v.node)) out.push(...this.texts(v.file, v.node as ts.Expression, depth + 1));
      if (ts.isIdentifier(e)) for (const rhs of reassignments(e, this)) out.push(...this.texts(file, rhs, depth + 1));
      return out.length > 0 ? out.slice(0, MAX_ALTERNATIVES) : [dynamic(e)];
    }
    return [dynamic(e)];
  }

  private call(file: string, e: ts.CallExpression, depth: number): SpokenText[] {
    const callee = skipWrappers(e.expression);
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    const a0 = e.arguments[0];
    if (name === 't' && a0) {
      const keys = this.texts(file, a0, depth + 1).map(textOf);
      const out: SpokenText[] = [];
      for (const key of keys) {
        for (const entry of this.resources.get(key) ?? []) {
          for (const t of this.texts(entry.file, entry.value, depth + 1)) out.push({ ...t, locale: entry.locale });
        }
      }
      return out.length > 0 ? out.slice(0, MAX_ALTERNATIVES) : [dynamic(e)];
    }
    // `util.format('What is your %s?', x)`, `'…'.concat(x)`, `[...].join(' ')`: the template text counts.
    if ((name === 'format' || name === 'concat' || name === 'trim') && ts.isPropertyAccessExpression(callee)) {
      if (name === 'format' && a0) return concat(this.texts(file, a0, depth + 1), [dynamic(e)]);
      const base = this.texts(file, callee.expression, depth + 1);
      return name === 'concat' && a0 ? concat(base, this.texts(file, a0, depth + 1)) : base;
    }
    if (name === 'join' && ts.isPropertyAccessExpression(callee)) {
      const arr = this.value(file, callee.expression);
      if (arr?.kind === 'node' && ts.isArrayLiteralExpression(arr.node)) {
        let alts: SpokenText[] = [{ pieces: [] }];
        arr.node.elements.forEach((el, i) => {
          if (i > 0) alts = concat(alts, [{ pieces: [{ text: ' ' }] }]);
          alts = concat(alts, this.texts(arr.file, el as ts.Expression, depth + 1));
        });
        return alts;
      }
    }
    return [dynamic(e)];
  }
}

function literalSpan(file: string, n: ts.Node): FileSpan {
  return spanOfNode(file, n);
}

function dynamic(e: ts.Node): SpokenText {
  const x = ts.isExpression(e as ts.Expression) ? skipWrappers(e as ts.Expression) : e;
  const name = ts.isIdentifier(x) ? x.text : ts.isPropertyAccessExpression(x) ? x.name.text : '…';
  return { pieces: [{ text: `{${name}}` }] };
}

function concat(a: SpokenText[], b: SpokenText[]): SpokenText[] {
  const out: SpokenText[] = [];
  for (const x of a) {
    for (const y of b) {
      if (x.locale && y.locale && x.locale !== y.locale) continue;
      out.push({ pieces: [...x.pieces, ...y.pieces], locale: x.locale ?? y.locale });
      if (out.length >= MAX_ALTERNATIVES) return out;
    }
  }
  return out;
}

/** For a `let`/`var`: the values assigned to it later (`speech = '…'`) in the scope that declares it. */
function reassignments(id: ts.Identifier, tr: TextResolver): ts.Expression[] {
  const decl = tr.declaration(id.text, id);
  if (!decl || !ts.isVariableDeclaration(decl) || !ts.isVariableDeclarationList(decl.parent) || (decl.parent.flags & (ts.NodeFlags.Const | ts.NodeFlags.Using)) !== 0) return [];
  let scope: ts.Node = decl.parent;
  while (scope.parent && !ts.isBlock(scope) && !ts.isSourceFile(scope) && !ts.isFunctionLike(scope)) scope = scope.parent;
  const out: ts.Expression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isBinaryExpression(n) && ts.isIdentifier(n.left) && n.left.text === id.text && findDeclaration(id.text, n.left) === decl) {
      if (n.operatorToken.kind === ts.SyntaxKind.EqualsToken) out.push(n.right);
      else if (n.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken) out.push(n.right);
    }
    ts.forEachChild(n, visit);
  };
  visit(scope);
  return out.slice(0, MAX_ALTERNATIVES);
}

// --- speech calls ----------------------------------------------------------------------------------

/** alexa-sdk v1 `this.emit` response types and which arguments are speech (and the slot). */
const V1_EMITS: Record<string, { speech: number[]; slot?: number; kind: SpeechKind }> = {
  ':ask': { speech: [1, 2], kind: 'ask' },
  ':askWithCard': { speech: [1, 2], kind: 'ask' },
  ':askWithLinkAccountCard': { speech: [1], kind: 'ask' },
  ':askWithPermissionCard': { speech: [1, 2], kind: 'ask' },
  ':tell': { speech: [1], kind: 'tell' },
  ':tellWithCard': { speech: [1], kind: 'tell' },
  ':tellWithLinkAccountCard': { speech: [1], kind: 'tell' },
  ':tellWithPermissionCard': { speech: [1], kind: 'tell' },
  ':elicitSlot': { speech: [2, 3], slot: 1, kind: 'elicit-slot' },
  ':elicitSlotWithCard': { speech: [2, 3], slot: 1, kind: 'elicit-slot' },
  ':confirmSlot': { speech: [2, 3], kind: 'ask' },
  ':confirmSlotWithCard': { speech: [2, 3], kind: 'ask' },
  ':confirmIntent': { speech: [1, 2], kind: 'ask' },
  ':confirmIntentWithCard': { speech: [1, 2], kind: 'ask' },
};

function isThisResponse(e: ts.Expression): boolean {
  let x = skipWrappers(e);
  while (ts.isCallExpression(x) && ts.isPropertyAccessExpression(x.expression)) x = skipWrappers(x.expression.expression);
  return ts.isPropertyAccessExpression(x) && x.name.text === 'response' && x.expression.kind === ts.SyntaxKind.ThisKeyword;
}

/** The slot of an `addElicitSlotDirective('slot')` chained with `call` (before or after it). */
function elicitedSlot(r: TextResolver, file: string, call: ts.CallExpression): string | undefined {
  // Down to the start of the chain, then up through every call of it.
  let root: ts.Expression = call;
  while (ts.isCallExpression(root) && ts.isPropertyAccessExpression(root.expression)) root = skipWrappers(root.expression.expression);
  let cur: ts.Node = root;
  for (let i = 0; i < 24; i++) {
    const p: ts.Node | undefined = cur.parent;
    if (!p || !ts.isPropertyAccessExpression(p) || p.expression !== cur || !p.parent || !ts.isCallExpression(p.parent)) break;
    const c = p.parent;
    if (p.name.text === 'addElicitSlotDirective' && c.arguments[0]) {
      const v = r.value(file, c.arguments[0]);
      if (v?.kind === 'node' && (ts.isStringLiteral(v.node) || ts.isNoSubstitutionTemplateLiteral(v.node))) return v.node.text;
    }
    cur = c;
  }
  return undefined;
}

/** From the method name to the end of the call: `speak(...)` in a long chain. */
function callSpan(file: string, call: ts.CallExpression): FileSpan {
  const callee = skipWrappers(call.expression);
  const start = ts.isPropertyAccessExpression(callee) ? callee.name.getStart() : call.getStart();
  return { file, offset: start, length: call.getEnd() - start };
}

/**
 * The speech of one top-level statement, by statement node, as it was computed: its offsets are
 * those of the check that computed it and are never moved. The incremental parser (code/parse.ts)
 * reuses an unchanged statement whole and TypeScript moves a reused node's `pos` in place, so an
 * offset now is the offset then plus how far its statement moved since (`callAt`, `literalAt`);
 * nothing is copied on a keystroke. A kept entry holds always when its texts resolved only to
 * nodes inside its own functions, and when they read outside it (a module-level constant, a
 * `require`d helper, an i18n resource) as long as nothing they could have read changed (`reads`,
 * code/outside-reads.ts).
 */
export class StatementSpeech {
  /** What rules work out from this statement's speech alone, by the rule's key (see `derived`). */
  private kept: { key: string; value: unknown } | undefined;

  constructor(
    readonly file: string,
    readonly statement: ts.Statement,
    /** The statement's `pos` when `speech` was computed. */
    private readonly pos: number,
    /** Sorted by call offset; offsets as of `pos`. */
    readonly speech: readonly CodeSpeech[],
    readonly reads?: OutsideReads,
    /**
     * For a result that read outside the statement: per piece with a literal (in the order of
     * `literalsOf`), the top-level statement of the file the literal is in and its `pos` then, or
     * none for a literal in another file (kept only while that file's tree is the same, so it has
     * not moved). A literal in another statement moves with that statement, not this one.
     */
    private readonly anchors?: ReadonlyArray<{ statement: ts.Statement | undefined; pos: number }>,
  ) {}

  /** How far the statement moved since its speech was computed. */
  private get delta(): number {
    return this.statement.pos - this.pos;
  }

  /** The call of `speech[i]`, where it is now. */
  callAt(i: number): FileSpan {
    const c = this.speech[i].call;
    return { file: c.file, offset: c.offset + this.delta, length: c.length };
  }

  /** The `k`-th literal of the statement's speech (in the order of `literalsOf`), where it is now. */
  literalAt(k: number, literal: FileSpan): FileSpan {
    const a = this.anchors?.[k];
    const d = !this.anchors ? this.delta : a?.statement ? a.statement.pos - a.pos : 0;
    return d === 0 ? literal : { file: literal.file, offset: literal.offset + d, length: literal.length };
  }

  /**
   * A rule's result that depends on this speech and on `key` only (the skill's locales, say), kept
   * with the entry: it lives as long as the statement's speech does.
   */
  derived<T>(key: string, compute: () => T): T {
    if (this.kept?.key === key) return this.kept.value as T;
    const value = compute();
    this.kept = { key, value };
    return value;
  }
}

// The speech of each statement is kept in its StatementFacts (`speech`).

/** A statement that says nothing and read only inside itself (most of them): one marker, not an entry each. */
export const SILENT = Symbol('silent');

/** What the speech pass saw of each file at its last check. */
const versions = new FileVersions();

/** Every piece with a literal, in the order `StatementSpeech.literalAt` counts them. */
function* literalsOf(speech: readonly CodeSpeech[]): Generator<TextPiece> {
  for (const x of speech) for (const t of x.texts) for (const p of t.pieces) if (p.literal) yield p;
}

/** The top-level statement of `sf` that holds `offset`. */
function statementAt(sf: ts.SourceFile, offset: number): ts.Statement | undefined {
  const sts = sf.statements;
  let lo = 0;
  let hi = sts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sts[mid].end <= offset) lo = mid + 1;
    else if (sts[mid].pos > offset) hi = mid - 1;
    else return sts[mid];
  }
  return undefined;
}

function anchorsOf(file: string, sf: ts.SourceFile, speech: CodeSpeech[]): Array<{ statement: ts.Statement | undefined; pos: number }> | null {
  const out: Array<{ statement: ts.Statement | undefined; pos: number }> = [];
  for (const p of literalsOf(speech)) {
    if (p.literal!.file !== file) {
      out.push({ statement: undefined, pos: 0 });
      continue;
    }
    const st = statementAt(sf, p.literal!.offset);
    if (!st) return null;
    out.push({ statement: st, pos: st.pos });
  }
  return out;
}

/**
 * The speech of the skill's code per top-level statement that says something, in reading order
 * (files in the code set's order, statements in the file's, calls by offset within each).
 */
export function speechStatements(analysis: SkillAnalysis): StatementSpeech[] {
  return analysis.memo('code-speech-statements', () => collect(resolverOf(analysis)));
}

function collect(r: Resolver): StatementSpeech[] {
  const tr = new TextResolver(r);
  const out: StatementSpeech[] = [];
  const changes = versions.begin(r.set);
  for (const [file, ix] of r.set.files) {
    const change = changes.get(file)!;
    for (const st of ix.parsed.sourceFile.statements) {
      const facts = factsOf(st);
      const hit = facts.speech;
      if (hit === SILENT) continue;
      if (hit && hit.file === file && (!hit.reads || versions.stillHolds(file, hit.reads, change))) {
        if (hit.speech.length > 0) out.push(hit);
        continue;
      }
      tr.watch = { statement: st, local: true };
      // A chain is visited outside in (`.reprompt()` before `.speak()`); kept in reading order.
      const speech = statementCalls(tr, file, st).sort((a, b) => a.call.offset - b.call.offset);
      let entry: StatementSpeech | typeof SILENT | undefined;
      if (tr.watch.local) entry = speech.length === 0 ? SILENT : new StatementSpeech(file, st, st.pos, speech);
      else {
        const anchors = anchorsOf(file, ix.parsed.sourceFile, speech);
        if (anchors) entry = new StatementSpeech(file, st, st.pos, speech, versions.record(st, change, !!tr.watch.i18n), anchors);
      }
      facts.speech = entry;
      tr.watch = undefined;
      if (speech.length > 0) out.push(entry && entry !== SILENT ? entry : new StatementSpeech(file, st, st.pos, speech));
    }
  }
  return out;
}

/** Kinds read once: `ts.SyntaxKind.X` is a lookup in the module object and then in the enum object. */
const CALL = ts.SyntaxKind.CallExpression;
const PROPERTY_ACCESS = ts.SyntaxKind.PropertyAccessExpression;

function statementCalls(tr: TextResolver, file: string, st: ts.Statement): CodeSpeech[] {
  const out: CodeSpeech[] = [];
  for (const c of statementIndex(st).calls) {
    // Each of the file's calls: kinds and the name without `ts.isX` lookups and the `text` getter.
    if (c.kind !== CALL) continue;
    const n = c as ts.CallExpression;
    const callee = skipWrappers(n.expression) as ts.PropertyAccessExpression;
    if (callee.kind !== PROPERTY_ACCESS) continue;
    const m = nameOf(callee.name);
    const a0 = n.arguments[0];
    if ((m === 'speak' || m === 'reprompt' || (m === 'listen' && isThisResponse(callee.expression))) && a0) {
      const kind: SpeechKind = m === 'speak' ? 'speak' : 'reprompt';
      const slot = elicitedSlot(tr, file, n);
      out.push({ kind: slot ? 'elicit-slot' : kind, file, call: callSpan(file, n), label: `\`${m}()\` text${slot ? ` eliciting slot \`${slot}\`` : ''}`, slot, texts: tr.texts(file, a0) });
    } else if (m === 'emit' && callee.expression.kind === ts.SyntaxKind.ThisKeyword && a0) {
      const type = skipWrappers(a0);
      const shape = ts.isStringLiteral(type) || ts.isNoSubstitutionTemplateLiteral(type) ? V1_EMITS[type.text] : undefined;
      if (!shape) continue;
      const slotArg = shape.slot !== undefined ? n.arguments[shape.slot] : undefined;
      const slotV = slotArg ? tr.value(file, slotArg) : undefined;
      const slot = slotV?.kind === 'node' && ts.isStringLiteral(slotV.node) ? slotV.node.text : undefined;
      for (const i of shape.speech) {
        const arg = n.arguments[i];
        if (!arg) continue;
        out.push({ kind: shape.kind, file, call: callSpan(file, n), label: `\`${(type as ts.StringLiteral).text}\` ${i === shape.speech[0] ? 'speech' : 'reprompt'}${slot ? ` eliciting slot \`${slot}\`` : ''}`, slot, texts: tr.texts(file, arg) });
      }
    }
  }
  return out;
}

// --- languages -------------------------------------------------------------------------------------

/** The locales a skill ships: its interaction models and the manifest's publishing locales. */
export function skillLocales(analysis: SkillAnalysis): string[] {
  return analysis.memo('skill-locales', () => {
    const set = new Set<string>();
    for (const m of analysis.skill.models) set.add(m.locale);
    const mf = analysis.skill.manifest;
    for (const [k] of entriesOf(nodeAt(mf?.manifest, ['publishingInformation', 'locales']))) set.add(k);
    return [...set].sort();
  });
}

/** Frequent short words of each Latin-script language the taxonomy knows, for a guess. */
const FUNCTION_WORDS: Record<string, Set<string>> = {
  en: new Set(['the', 'is', 'your', 'what', 'please', 'you', 'and', 'to', 'tell', 'me', 'my', 'of', 'for', 'are']),
  de: new Set(['ist', 'deine', 'dein', 'ihre', 'bitte', 'wie', 'und', 'der', 'die', 'das', 'mir', 'sie', 'du', 'lautet', 'nicht']),
  fr: new Set(['est', 'votre', 'vos', 'quel', 'quelle', 'le', 'la', 'les', 'et', 'vous', 'moi', 'pour', 'une', 'plaît']),
  es: new Set(['es', 'tu', 'su', 'cuál', 'qué', 'por', 'favor', 'el', 'los', 'las', 'y', 'dime', 'usted', 'una']),
  it: new Set(['è', 'il', 'tuo', 'tua', 'qual', 'quale', 'per', 'favore', 'e', 'dimmi', 'gli', 'della', 'una', 'sono']),
  pt: new Set(['é', 'seu', 'sua', 'qual', 'por', 'favor', 'o', 'os', 'e', 'diga', 'você', 'uma', 'não', 'meu']),
};

/** Guesses by text: a check reads every text of the code again, and they rarely change. Bounded. */
const guesses = new Map<string, string | null>();
const MAX_GUESSES = 20_000;

/** The language a text is most likely in: by its script, else by its function words (undefined when unsure). */
export function guessLanguage(text: string): string | undefined {
  const hit = guesses.get(text);
  if (hit !== undefined) return hit ?? undefined;
  const guess = guessUncached(text);
  if (guesses.size >= MAX_GUESSES) guesses.clear();
  guesses.set(text, guess ?? null);
  return guess;
}

function guessUncached(text: string): string | undefined {
  if (/[\u3040-\u30ff\u4e00-\u9fff]/.test(text)) return 'ja';
  if (/[\u0900-\u097f]/.test(text)) return 'hi';
  const words = text.toLowerCase().split(/[^\p{L}']+/u).filter(Boolean);
  let best: string | undefined;
  let bestScore = 0;
  let second = 0;
  for (const [lang, set] of Object.entries(FUNCTION_WORDS)) {
    const score = words.filter((w) => set.has(w)).length;
    if (score > bestScore) {
      second = bestScore;
      bestScore = score;
      best = lang;
    } else if (score > second) second = score;
  }
  return bestScore >= 2 && bestScore > second ? best : undefined;
}

/**
 * Languages to try for a text with no locale of its own, in order: the skill's languages (one
 * locale each), then the text's own language when it is none of them; without skill locales the
 * guess, or every Latin-script language.
 */
export function candidateLocales(text: string, locales: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const guess = guessLanguage(text);
  const script = guess === 'ja' || guess === 'hi';
  for (const l of locales) {
    const lang = l.toLowerCase().split(/[-_]/)[0];
    if (seen.has(lang) || (script && lang !== guess)) continue;
    seen.add(lang);
    out.push(l);
  }
  if (guess && !seen.has(guess)) out.push(guess);
  if (out.length === 0) out.push('en', 'de', 'fr', 'es', 'it', 'pt');
  return out;
}
