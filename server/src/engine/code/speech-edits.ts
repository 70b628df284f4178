// Not `import * as`: that compiles to one getter per `ts.` access.
import ts from 'typescript';
import { SkillAnalysis } from '../analysis';
import { Report, RuleContext } from '../rule';
import { Skill } from '../skill';
import { FileSpan } from '../types';
import { isParsed, parseCode } from './parse';
import { EXPIRY_WORD } from './sinks';
import { statementIndex } from './syntax-index';

/**
 * Speech-only edits: most keystrokes in a handler file type or delete letters of what Alexa says,
 * inside a `speak('…')` or `reprompt('…')` string. Rules that never read that text (consent,
 * declared permissions) find exactly what they found before such an edit, only further along the
 * file; this module tells such an edit apart and keeps those rules' reports from the check before,
 * their positions moved, instead of checking the whole skill again.
 *
 * Why a kept report is the report a fresh check makes: between the two texts of a file only the
 * contents of one string literal differ, and neither content holds a quote, a backslash, a line
 * break, `$` or a backtick, so the scanner reads the same tokens from both texts (the literal is
 * one string token in both, ending at the same closing quote) and the parser, which never looks
 * at a string's value for its shape, builds the same tree: same nodes, same names, same file style
 * (indentation, quotes, semicolons, line ends), with every position after the literal moved by the
 * change of its length. What differs is the literal's value, and the literal is an argument of
 * `speak`/`reprompt` whose old and new value hold nothing the passes of these rules read from
 * strings (`/` of REST paths, `:` of scopes and v1 events, `GRANTED`, `ServiceError`,
 * `AskForPermissionsConsent`, `AmazonPay`, `Geolocation`) nor what the data flow looks for in raw
 * source text around it (`READ`, `EXPIRY_WORD`), the call chain it is in lies in no text a pass
 * reads or quotes (`chainInQuotedText`), and the SDK's builder takes it, so the data flow cannot carry it to anything the skill
 * reads: the rules' inputs are the same and so are their reports, moved. The other files, skill.json and the models must be unchanged
 * (compared by text), and the same code files in the same order.
 *
 * A rule that reads speech (the speech rule, what the data flow says about the response) must not
 * use this; the slot rules may, as their code inputs (where a slot is read, the consent a fix
 * inserts) come from slot reads and handler structure, and so may the manifest rules whose
 * evidence is what the data flow finds the code reads, sends and stores. With every rule that asks
 * for the data flow keeping its reports, a speech-only keystroke runs no data flow.
 */

/** Where positions of one file moved: by `delta` from `at` on; none is inside `(inside, at)`, the literal's content. */
interface Move {
  inside: number;
  at: number;
  delta: number;
}

/** How each changed file's positions moved, or undefined when some change is not speech only. */
export type Moves = Map<string, Move>;

const CALLEES = new Set(['speak', 'reprompt']);
/**
 * What a string read by these rules' passes holds, and what the data flow looks for in raw source
 * text that contains the literal (a function body's text: `handlerInput.requestEnvelope`-like uses
 * of a parameter, `setPersistentAttributes`; a store call's text: expiry words); speech holding
 * any of them is not inert.
 */
const READ = /[/:]|GRANTED|ServiceError|AskForPermissionsConsent|AmazonPay|Geolocation|requestEnvelope|responseBuilder|attributesManager|serviceClientFactory|setPersistentAttributes/;
/** Characters that would change the tokens around a literal. */
const UNSAFE = /['"`\\\n\r$\u2028\u2029]/;

/** The console methods whose plain string arguments `KeptReports({ logs: true })` also treats as inert. */
const LOG_METHODS = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace']);

/**
 * Whether `n` is a plain string argument of `console.log` (or another of `LOG_METHODS`) whose call
 * chain lies in no text a pass reads or quotes (`chainInQuotedText`). Only for rules that read no
 * data flow (the flow reads a log call's arguments: the log is a sink, and the redacting fix rewrites the call from its text):
 * the passes of consent and of declared permissions read a call's string arguments only for the
 * strings `READ` matches (REST paths, scopes, card names, `GRANTED`, `ServiceError`, `AmazonPay`),
 * the callee's name (the call graph links `console.log` to a function named `log` whatever its
 * arguments), the argument of `require`, `CreateStateHandler` and v1 `handler`, and the operands of
 * comparisons, `includes` and `case` in a `canHandle` — never an argument of a `console` method.
 * What `console` is bound to does not matter: no pass evaluates the call.
 */
function isLogArgument(n: ts.Node): n is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral {
  if (n.kind !== ts.SyntaxKind.StringLiteral && n.kind !== ts.SyntaxKind.NoSubstitutionTemplateLiteral) return false;
  const call = n.parent;
  if (!call || !ts.isCallExpression(call) || call.expression === n || !call.arguments.includes(n as ts.Expression)) return false;
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !LOG_METHODS.has(callee.name.text) || !ts.isIdentifier(callee.expression) || callee.expression.text !== 'console') return false;
  return !chainInQuotedText(call);
}

/**
 * Whether the call chain `call` is in (`….speak('…').reprompt('…').getResponse()`) lies inside an
 * expression whose source text a pass may read or quote: any call or `new` (the data flow reads a
 * store call's text for expiry words, storage and the data flow quote a callee's text in
 * descriptions, handler discovery a builder method's), an element access, a tagged template, a
 * decorator, or the target of an assignment (quoted as "`attributes.x` (persistent attributes)").
 * Every ancestor up to the file counts, across function boundaries:
 * `db.collection(f(() => handlerInput.responseBuilder.speak('…'))).put(x)` quotes the literal in the
 * store's description. Handlers passed inline to a call (`addRequestHandlers({ handle() { … } })`,
 * v1 `CreateStateHandler`) are therefore checked in full on every keystroke; top-level handler
 * objects, classes and v1 handler maps, the usual layouts, keep their reports.
 */
function chainInQuotedText(call: ts.Node): boolean {
  let top: ts.Node = call;
  while (top.parent && ((ts.isPropertyAccessExpression(top.parent) && top.parent.expression === top) || (ts.isCallExpression(top.parent) && top.parent.expression === top))) top = top.parent;
  for (let n: ts.Node = top; n.parent; n = n.parent) {
    const p = n.parent;
    switch (p.kind) {
      case ts.SyntaxKind.CallExpression:
      case ts.SyntaxKind.NewExpression:
      case ts.SyntaxKind.ElementAccessExpression:
      case ts.SyntaxKind.TaggedTemplateExpression:
      case ts.SyntaxKind.Decorator:
        return true;
      case ts.SyntaxKind.BinaryExpression: {
        const b = p as ts.BinaryExpression;
        if (b.left === n && b.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && b.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return true;
        break;
      }
      default:
        break;
    }
  }
  return false;
}

/**
 * Whether `n` is a plain string argument of `speak`/`reprompt` called on the SDK's response
 * builder (`handlerInput.responseBuilder`, `responseBuilder`, alexa-sdk v1 `this.response`, or a
 * chain of calls on one): the SDK's own methods, so the value goes into the response and nowhere
 * the skill's code could read it (a method of the skill's own named `speak` could).
 */
function isSpeechArgument(n: ts.Node): n is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral {
  if (n.kind !== ts.SyntaxKind.StringLiteral && n.kind !== ts.SyntaxKind.NoSubstitutionTemplateLiteral) return false;
  const call = n.parent;
  if (!call || !ts.isCallExpression(call) || call.expression === n || !call.arguments.includes(n as ts.Expression)) return false;
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !CALLEES.has(callee.name.text)) return false;
  // The whole chain lies in no text a pass reads or quotes.
  if (chainInQuotedText(call)) return false;
  let receiver = callee.expression;
  while (ts.isCallExpression(receiver) && ts.isPropertyAccessExpression(receiver.expression)) receiver = receiver.expression.expression;
  if (ts.isIdentifier(receiver)) return receiver.text === 'responseBuilder';
  if (!ts.isPropertyAccessExpression(receiver)) return false;
  const name = receiver.name.text;
  return name === 'responseBuilder' || (name === 'response' && receiver.expression.kind === ts.SyntaxKind.ThisKeyword);
}

/**
 * How positions moved from `oldText` (whose tree's top-level statements were `olds`) to `newText`
 * (tree `newSf`, parsed after it) when the change is speech only (see above), or with `logs` in a
 * plain string argument of a `console` method (`isLogArgument`) as well, or with `logs: 'only'` in
 * such an argument alone (the data flow's unseen edits, code/analyze.ts): `null` for no change,
 * undefined when the change is anything else. Of the old tree only the identity of its
 * statements is read (the incremental parser has moved their positions since).
 */
export function speechOnlyMove(oldText: string, olds: readonly ts.Statement[], newText: string, newSf: ts.SourceFile, logs: boolean | 'only' = false): Move | null | undefined {
  if (oldText === newText) return null;
  // Statements the incremental parser reused are unchanged text: the change lies between them.
  const news = newSf.statements;
  const most = Math.min(olds.length, news.length);
  let i = 0;
  while (i < most && olds[i] === news[i]) i++;
  let j = 0;
  while (j < most - i && olds[olds.length - 1 - j] === news[news.length - 1 - j]) j++;
  let from = i > 0 ? news[i - 1].end : 0;
  const tail = j > 0 ? newText.length - news[news.length - j].pos : 0;
  let oldEnd = oldText.length - tail;
  let newEnd = newText.length - tail;
  if (from > oldEnd || from > newEnd) return undefined;
  while (from < oldEnd && from < newEnd && oldText.charCodeAt(from) === newText.charCodeAt(from)) from++;
  while (oldEnd > from && newEnd > from && oldText.charCodeAt(oldEnd - 1) === newText.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  const removed = oldText.slice(from, oldEnd);
  const added = newText.slice(from, newEnd);
  if (UNSAFE.test(removed) || UNSAFE.test(added)) return undefined;
  // The literal of the new tree whose content holds the change.
  const st = statementAt(news, from, newEnd);
  if (!st) return undefined;
  for (const lit of statementIndex(st).strings) {
    if (lit.end <= newEnd || lit.pos > from) continue;
    const start = lit.getStart(newSf);
    if (!(start < from && newEnd < lit.end) || !((logs !== 'only' && isSpeechArgument(lit)) || (logs && isLogArgument(lit)))) return undefined;
    const delta = added.length - removed.length;
    // The old literal: the same opening quote (the texts agree before the change), its closing quote moved back by the change.
    const close = lit.end - 1 - delta;
    const content = newText.slice(start + 1, lit.end - 1);
    const before = oldText.slice(start + 1, close);
    if (READ.test(content) || READ.test(before) || EXPIRY_WORD.test(content) || EXPIRY_WORD.test(before) || UNSAFE.test(content) || UNSAFE.test(before)) return undefined;
    return { inside: start, at: close, delta };
  }
  return undefined;
}

/** The top-level statement holding `[from, end]`. */
function statementAt(sts: readonly ts.Statement[], from: number, end: number): ts.Statement | undefined {
  let lo = 0;
  let hi = sts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const st = sts[mid];
    if (st.end < end) lo = mid + 1;
    else if (st.pos > from) hi = mid - 1;
    else return st;
  }
  return undefined;
}

/** A position moved, or undefined when it is inside the changed content. */
function moved(m: Move, offset: number): number | undefined {
  if (offset <= m.inside) return offset;
  if (offset >= m.at) return offset + m.delta;
  return undefined;
}

function moveSpan<T extends FileSpan>(moves: Moves, s: T, replaces = false): T | undefined {
  const m = moves.get(s.file);
  if (!m) return s;
  // A fix edit over the literal may have written its text from the old one: made again.
  if (replaces && s.offset <= m.inside && s.offset + s.length >= m.at) return undefined;
  const start = moved(m, s.offset);
  const end = moved(m, s.offset + s.length);
  if (start === undefined || end === undefined) return undefined;
  return start === s.offset && end === s.offset + s.length ? s : { ...s, offset: start, length: end - start };
}

/** Spans moved (the same list when none moved), or undefined when one is inside the changed content. */
function moveSpans<T extends FileSpan>(moves: Moves, ss: T[], replaces = false): T[] | undefined {
  let out = ss;
  for (let i = 0; i < ss.length; i++) {
    const y = moveSpan(moves, ss[i], replaces);
    if (!y) return undefined;
    if (y !== ss[i]) {
      if (out === ss) out = ss.slice();
      out[i] = y;
    }
  }
  return out;
}

/**
 * A report with its positions moved; undefined when one is inside the changed content. The same
 * report, and the same lists in it, where nothing moved (what lies before the edit): a report is
 * never changed once reported (the linter copies what it reads into a finding), so the previous
 * check's objects can be reported again as they are, and a keystroke copies only what follows it.
 */
export function moveReport(moves: Moves, r: Report): Report | undefined {
  if (moves.size === 0) return r;
  const at = moveSpan(moves, r);
  if (!at) return undefined;
  const related = r.related && moveSpans(moves, r.related);
  if (r.related && !related) return undefined;
  let fixes = r.fixes;
  if (r.fixes) {
    for (let i = 0; i < r.fixes.length; i++) {
      const fx = r.fixes[i];
      const edits = moveSpans(moves, fx.edits, true);
      if (!edits) return undefined;
      if (edits !== fx.edits) {
        if (fixes === r.fixes) fixes = r.fixes.slice();
        fixes![i] = { ...fx, edits };
      }
    }
  }
  if (at === r && related === r.related && fixes === r.fixes) return r;
  const out: Report = { ...at };
  if (related !== r.related) out.related = related;
  if (fixes !== r.fixes) out.fixes = fixes;
  return out;
}

/** What one check of a skill read: the same for every rule of the check, and shared by their snapshots. */
interface Inputs {
  code: Array<{ file: string; text: string; statements: readonly ts.Statement[] }>;
  manifest: string | undefined;
  models: string[];
}

/** What one check of a skill read, and reported. */
interface Snapshot {
  inputs: Inputs;
  reports: Report[];
}

/**
 * Reports kept and re-used (moved), and checks made in full; the inputs read and the moves worked
 * out (once per check, and once per `logs` and earlier inputs: `KeptReports.run`); over the
 * process (tests, the bench).
 */
export const keptReportStats = { kept: 0, checked: 0, inputs: 0, moves: 0 };

const MAX_SKILLS = 64;

/**
 * The code a rule may read (with its trees' statements), the JSON files as texts (a string compare
 * is a pointer compare while the text object is the same) and the files that could not be read.
 */
function inputsOf(skill: Skill): Inputs {
  keptReportStats.inputs++;
  const code = skill.code.map((c) => ({ file: c.file, text: c.text, statements: parseCode(c.file, c.text).sourceFile.statements }));
  const models: string[] = [];
  for (const m of skill.models) models.push(m.locale, m.doc.path, m.doc.text);
  for (const u of skill.unreadable) models.push(u.file, u.reason);
  return { code, manifest: skill.manifest ? `${skill.manifest.doc.path}\n${skill.manifest.doc.text}` : undefined, models };
}

/**
 * What one check shares between its rules' `KeptReports`: the inputs, and the moves since earlier
 * inputs (by `logs`). The rules' snapshots hold the inputs of the check that made them, most often
 * all the same one, so a keystroke reads the skill and compares it with the check before once
 * rather than once per rule (13 rules). Kept in the check's analysis: the skill does not change
 * during a check, and nothing of it outlives the analysis but through the snapshots.
 */
interface CheckShare {
  skill: Skill;
  code: Skill['code'];
  inputs: Inputs;
  moves: [Map<Inputs, Moves | undefined>, Map<Inputs, Moves | undefined>];
}

function checkShare(analysis: SkillAnalysis, skill: Skill): CheckShare {
  const make = (): CheckShare => ({ skill, code: skill.code, inputs: inputsOf(skill), moves: [new Map(), new Map()] });
  const share = analysis.memo('kept-reports', make);
  // A caller that checks another skill, or other code, with the same analysis gets its own.
  return share.skill === skill && share.code === skill.code ? share : make();
}

/** `movesSince(before, now)` as the check worked it out for an earlier rule, or now. */
function sharedMoves(share: CheckShare, before: Inputs, logs: boolean): Moves | undefined {
  const known = share.moves[logs ? 1 : 0];
  if (known.has(before)) return known.get(before);
  keptReportStats.moves++;
  const moves = movesSince(before, share.inputs, logs);
  known.set(before, moves);
  return moves;
}

/**
 * One rule's reports per skill, from its last check: a check after a speech-only edit (see the
 * module's comment) reports them again, moved; any other check runs the rule and keeps what it
 * reports. Only the last check of each skill is kept; a skill whose code the parse cache let go
 * (the CLI after each skill) is not being edited, and its snapshot goes.
 */
export class KeptReports {
  private readonly skills = new Map<string, Snapshot>();
  /** Off in the tests that compare with checks that keep nothing. */
  static enabled = true;
  private static readonly all: KeptReports[] = [];

  /**
   * Drops every rule's snapshot of the skill at `root`: it is not being edited any more (the
   * language server let go of its trees, the CLI is done with it). `prune` alone would keep a
   * snapshot as long as the first rule's check parses the skill's code again.
   */
  static forget(root: string): void {
    for (const k of KeptReports.all) k.skills.delete(root);
  }

  /**
   * `logs`: a rule that reads no data flow keeps its reports across edits inside a plain string
   * argument of `console.log` too (`isLogArgument`): typing a log message costs such a rule nothing
   * (consent-not-checked ran 20 ms of each such keystroke in the bench's 10,000-line file).
   */
  constructor(private readonly options: { logs?: boolean } = {}) {
    KeptReports.all.push(this);
  }

  run(context: RuleContext, check: (context: RuleContext) => void): void {
    const skill = context.skill;
    const root = skill.project.root;
    this.prune();
    if (!KeptReports.enabled) {
      this.skills.delete(root);
      check(context);
      return;
    }
    const share = checkShare(context.analysis, skill);
    const inputs = share.inputs;
    const before = this.skills.get(root);
    const moves = before ? sharedMoves(share, before.inputs, this.options.logs ?? false) : undefined;
    if (before && moves) {
      const reports: Report[] = [];
      for (const r of before.reports) {
        const m = moveReport(moves, r);
        if (!m) break;
        reports.push(m);
      }
      if (reports.length === before.reports.length) {
        keptReportStats.kept++;
        for (const r of reports) context.report(r);
        this.skills.set(root, { inputs, reports });
        return;
      }
    }
    keptReportStats.checked++;
    const reports: Report[] = [];
    check({
      skill,
      analysis: context.analysis,
      severity: context.severity,
      report(r: Report) {
        reports.push(r);
        context.report(r);
      },
    });
    if (!before && this.skills.size >= MAX_SKILLS) this.skills.clear();
    this.skills.set(root, { inputs, reports });
  }

  /** Drops the snapshots of skills whose code is no longer parsed: they are not being edited. */
  private prune(): void {
    for (const [root, s] of this.skills) if (s.inputs.code.length === 0 || !isParsed(s.inputs.code[0].file)) this.skills.delete(root);
  }
}

/** How positions moved from `before` to `now`, when every change between them is speech only. */
function movesSince(before: Inputs, now: Inputs, logs: boolean): Moves | undefined {
  const code = now.code;
  if (before.manifest !== now.manifest || before.models.length !== now.models.length || before.code.length !== code.length) return undefined;
  for (let i = 0; i < now.models.length; i++) if (before.models[i] !== now.models[i]) return undefined;
  const moves: Moves = new Map();
  for (let i = 0; i < code.length; i++) {
    const was = before.code[i];
    const is = code[i];
    if (was.file !== is.file) return undefined;
    if (was.text === is.text) continue;
    const m = speechOnlyMove(was.text, was.statements, is.text, parseCode(is.file, is.text).sourceFile, logs);
    if (m === undefined) return undefined;
    if (m) moves.set(is.file, m);
  }
  return moves;
}
