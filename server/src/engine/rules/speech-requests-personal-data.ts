import { StatementSpeech, candidateLocales, skillLocales, speechStatements, textOf } from '../code/speech';
import { modelFacts } from '../model/facts';
import { Rule, RuleContext } from '../rule';
import { CATEGORIES, TextMatch, findDataRequest, permissionForCategory } from '../taxonomy';
import { FileSpan, RelatedLocation } from '../types';

/**
 * Speech that asks the customer for personal data: the model's dialog prompts, and what handler
 * code says (`speak`, `reprompt`, elicitation, alexa-sdk v1 `this.emit(':ask', ...)`), its texts
 * resolved through constants, templates and i18n resources by `code/speech.ts`. In code the
 * finding is on the string literal the words are written in, which may be a constant in another
 * module; the call that says it is then a related location. `reportSpeechRequests` reports texts
 * another analysis found.
 */

/** A text the skill says, and where it is written. */
export interface SpeechText {
  text: string;
  /** Locale whose words apply, e.g. the model's locale or the one the handler code branches on. */
  locale: string;
  file: string;
  /** Offset in `file` of the text's first character. */
  offset: number;
  /**
   * The source text the value was written as (between the quotes of a string literal), when it
   * differs from `text` by escapes; offsets inside `text` are mapped through it.
   */
  raw?: string;
  /** What the text is, for the message: "`speak()` text", "reprompt". */
  label?: string;
}

const rule: Rule = {
  meta: {
    id: 'speech-requests-personal-data',
    defaultSeverity: 'warning',
    description: 'A prompt or spoken text asks the user for personal data.',
    messages: {
      permission:
        '{{source}} {{reason}}. Alexa policy expects personal information that a permission API provides to be obtained through that API with the customer\'s consent, not asked for by voice, and any collection to be disclosed in a privacy policy. Use the `{{permission}}` permission instead of asking.',
      disclose:
        '{{source}} {{reason}}. Personal information a skill collects must be disclosed in its privacy policy and used only as the customer agreed (Alexa Skills Policy; GDPR Art. 13). Ask only if the skill needs it, and make sure `usesPersonalInfo` and the privacy policy say so.',
      sensitive:
        '{{source}} {{reason}}. The Alexa Skills Policy forbids collecting card or bank account numbers, government identification numbers and passwords by voice. Remove the question; use account linking or Amazon Pay instead.',
      child:
        '{{source}} {{reason}}. Personal information about a child needs verifiable parental consent (COPPA), and Alexa policy does not allow kid skills to collect it. Remove the question.',
    },
    fixable: false,
    scope: ['model', 'code'],
  },
  check(context) {
    const facts = modelFacts(context.analysis);
    for (const r of facts.requests) {
      const users = facts.slots.filter((s) => s.file === r.prompt.model.doc.path && s.dialog?.prompts.some((p) => p.id === r.prompt.id));
      const related: RelatedLocation[] = users.map((s) => ({ file: s.file, offset: s.nameNode.offset, length: s.nameNode.length, message: `Prompt \`${r.prompt.id}\` is used for slot \`${s.name}\`` }));
      report(context, r.match, `Prompt \`${r.prompt.id}\` in ${r.prompt.model.locale}`, { file: r.prompt.model.doc.path, offset: r.offset, length: r.length }, related, { prompt: r.prompt.id, locale: r.prompt.model.locale });
    }
    reportCodeSpeech(context);
  },
};

/**
 * What a spoken text asks for, in the order its locales are tried: every locale whose words find a
 * request, with the match. A function of the text, the text's own locale and the skill's locales
 * only, and a keystroke reads nearly the same texts again: kept by those, bounded. Tests run a
 * check without them (`withoutKeptDecisions`) to compare with one that works everything out again.
 */
let decisions = new Map<string, Array<{ locale: string; match: TextMatch }>>();
const MAX_DECISIONS = 20_000;
/** Off while a test runs a check without kept results: each statement's candidates are then worked out again too. */
let keepCandidates = true;

export function withoutKeptDecisions<T>(run: () => T): T {
  const saved = [decisions, keepCandidates] as const;
  decisions = new Map();
  keepCandidates = false;
  try {
    return run();
  } finally {
    [decisions, keepCandidates] = saved;
  }
}

function decide(raw: string, textLocale: string | undefined, locales: readonly string[], localesKey: string): Array<{ locale: string; match: TextMatch }> {
  const key = `${localesKey}\u0000${textLocale ?? ''}\u0000${raw}`;
  const hit = decisions.get(key);
  if (hit) return hit;
  const out: Array<{ locale: string; match: TextMatch }> = [];
  // SSML tags become spaces: offsets stay, attribute values (`<audio src=…>`) are not words.
  const text = raw.replace(/<[^<>]*>/g, (tag) => ' '.repeat(tag.length));
  // `[^{}]`, not `[^}]`: on a text of many unclosed `{` the latter rescans to the end from each.
  if (/\p{L}/u.test(text.replace(/\{[^{}]*\}/g, ''))) {
    for (const locale of textLocale ? [textLocale] : candidateLocales(text, locales)) {
      const found = findDataRequest(text, locale);
      if (found) out.push({ locale, match: { ...found, reason: found.reason.replace(/\s{2,}/g, ' ') } });
    }
  }
  if (decisions.size >= MAX_DECISIONS) decisions.clear();
  decisions.set(key, out);
  return out;
}

/**
 * A text of a statement's speech that asks for personal data, and the literal the matched words
 * are written in: `speech` indexes the statement's speech, `literal` counts its literals (see
 * `StatementSpeech.literalAt`), `span` is that literal as it was when the speech was computed.
 */
interface Candidate {
  speech: number;
  literal: number;
  span: FileSpan;
  locale: string;
  match: TextMatch;
  /** The literal is inside the call that says it (then the call is no related location). */
  inCall: boolean;
}

/**
 * A statement's candidates: for each text, the first locale whose match lies in a literal. A
 * function of the statement's speech and the skill's locales only, so it is kept with the
 * statement's speech (code/speech.ts) and a keystroke works out only the edited statement's.
 */
function candidatesOf(entry: StatementSpeech, locales: readonly string[], localesKey: string): Candidate[] {
  const out: Candidate[] = [];
  let k = 0;
  entry.speech.forEach((s, i) => {
    for (const t of s.texts) {
      const first = k;
      k += t.pieces.reduce((n, p) => (p.literal ? n + 1 : n), 0);
      for (const { locale, match } of decide(textOf(t), t.locale, locales, localesKey)) {
        let at = 0;
        let index = first;
        let literal: FileSpan | undefined;
        for (const p of t.pieces) {
          const end = at + p.text.length;
          if (p.literal && end > match.offset && at < match.offset + Math.max(match.length, 1)) {
            literal = p.literal;
            break;
          }
          if (p.literal) index++;
          at = end;
        }
        if (!literal) continue;
        // Inside the call means inside this statement, where the literal moves with the call.
        const inCall = literal.file === s.file && literal.offset >= s.call.offset && literal.offset + literal.length <= s.call.offset + s.call.length;
        out.push({ speech: i, literal: index, span: literal, locale, match, inCall });
        break;
      }
    }
  });
  return out;
}

/** Speech in handler code; one finding per string literal however many calls say it. */
function reportCodeSpeech(context: RuleContext): void {
  const statements = speechStatements(context.analysis);
  if (statements.length === 0) return;
  const locales = skillLocales(context.analysis);
  const localesKey = locales.join('\n');
  const done = new Set<string>();
  for (const entry of statements) {
    const candidates = keepCandidates ? entry.derived(localesKey, () => candidatesOf(entry, locales, localesKey)) : candidatesOf(entry, locales, localesKey);
    for (const c of candidates) {
      const literal = entry.literalAt(c.literal, c.span);
      const key = `${literal.file}:${literal.offset}`;
      if (done.has(key)) continue;
      done.add(key);
      const s = entry.speech[c.speech];
      const related: RelatedLocation[] = c.inCall ? [] : [{ ...entry.callAt(c.speech), message: `Said here (${s.label})` }];
      report(context, c.match, `The ${s.label}`, literal, related, { locale: c.locale, kind: s.kind, ...(s.slot ? { slot: s.slot } : {}) });
    }
  }
}

/** Reports the texts among `items` that ask for personal data (the code side of this rule). */
export function reportSpeechRequests(context: RuleContext, items: SpeechText[]): void {
  for (const item of items) {
    const match = findDataRequest(item.text, item.locale);
    if (!match) continue;
    const span = item.raw !== undefined && item.raw !== item.text ? rawSpan(item.raw, match.offset, match.length) : { offset: match.offset, length: match.length };
    report(context, match, item.label ? `The ${item.label}` : 'Speech text', { file: item.file, offset: item.offset + span.offset, length: span.length }, [], { locale: item.locale });
  }
}

function report(
  context: RuleContext,
  match: TextMatch,
  source: string,
  where: { file: string; offset: number; length: number },
  related: RelatedLocation[],
  extra: Record<string, string>,
): void {
  const info = CATEGORIES[match.category];
  const permission = permissionForCategory(match.category);
  const messageId = info.sensitive ? 'sensitive' : match.category === 'children' ? 'child' : permission ? 'permission' : 'disclose';
  context.report({
    messageId,
    data: { ...extra, source, what: info.label, reason: match.reason, category: match.category, ...(permission ? { permission: permission.manifest } : {}) },
    ...where,
    related,
  });
}

/**
 * Maps a span of a string literal's value to its source text, escapes included (`\n`, `\"`,
 * `\x41`, `\u00e9`, `\u{1F600}`, a backslash before a line break).
 */
export function rawSpan(raw: string, offset: number, length: number): { offset: number; length: number } {
  let decoded = 0;
  let from = -1;
  let to = -1;
  let i = 0;
  while (i < raw.length) {
    if (decoded === offset && from < 0) from = i;
    if (decoded === offset + length && to < 0) to = i;
    let width = 1;
    let units = 1;
    if (raw[i] === '\\') {
      const next = raw[i + 1];
      if (next === 'x') width = 4;
      else if (next === 'u' && raw[i + 2] === '{') {
        const close = raw.indexOf('}', i + 3);
        width = close > 0 ? close - i + 1 : 2;
        units = close > 0 && parseInt(raw.slice(i + 3, close), 16) > 0xffff ? 2 : 1;
      } else if (next === 'u') width = 6;
      else if (next === '\r' && raw[i + 2] === '\n') {
        width = 3;
        units = 0;
      } else if (next === '\n' || next === '\r' || next === '\u2028' || next === '\u2029') {
        width = 2;
        units = 0;
      } else width = 2;
    }
    i += width;
    decoded += units;
  }
  if (from < 0) from = raw.length;
  if (to < 0) to = raw.length;
  return { offset: from, length: Math.max(0, to - from) };
}

export default rule;
