import * as ts from 'typescript';
import { tsSubset } from './tsfast';
import { SkillAnalysis } from '../analysis';
import { sameItems } from '../same';
import { Skill } from '../skill';
import { CodeModel, DataSource, Flow, FlowStep, PersistFacts, Sink, SinkKind, SlotRead } from './model';
import { FileIndex, FunctionNode, dependencyOrder, indexFile, isFunctionNode, resolveModule, scopeOf } from './modules';
import { CALL, CallRule, EXPIRY_KEY, EXPIRY_WORD, NEW, classifyLibCall, libOfGlobal, libOfModule } from './sinks';
import {
  SlotCatalog,
  SourceTemplate,
  addressSource,
  alexaApiSource,
  alexaHelperSource,
  attributeSource,
  envelopePathSource,
  profileSource,
} from './sources';
import { FlowMemory, PositionMap, Recording, RootRecord, SharedWrite, TextChange, changesBetween, flowKey, isSimple, Parts, pushData, inFile, sameAdditions, slotReadKey, textChange, topStatement, writeParts } from './reuse';
import { speechOnlyMove } from './speech-edits';
import { EMPTY, Env, EnvRef, FnRef, LibVal, Taint, Val, absorbInto, copyVal, envRef, isEmpty, join, joinAll, obj, signature, strList, strVal, tagVal, withStep, withTaints } from './values';

/** The part of the TypeScript API the interpreter calls, as a fast object (tsfast.ts). */
const T = tsSubset('SyntaxKind', 'canHaveModifiers', 'forEachChild', 'getModifiers', 'isArrayLiteralExpression', 'isAsExpression', 'isAwaitExpression', 'isBinaryExpression', 'isBindingElement', 'isBlock', 'isCallExpression', 'isCaseClause', 'isClassDeclaration', 'isClassExpression', 'isComputedPropertyName', 'isConditionalExpression', 'isConstructorDeclaration', 'isDefaultClause', 'isElementAccessExpression', 'isExpression', 'isExpressionStatement', 'isExternalModuleReference', 'isForOfStatement', 'isFunctionDeclaration', 'isFunctionExpression', 'isFunctionLike', 'isGetAccessorDeclaration', 'isIdentifier', 'isMethodDeclaration', 'isNamedExports', 'isNamespaceExport', 'isNamespaceImport', 'isNewExpression', 'isNoSubstitutionTemplateLiteral', 'isNonNullExpression', 'isNumericLiteral', 'isObjectBindingPattern', 'isObjectLiteralExpression', 'isOmittedExpression', 'isParenthesizedExpression', 'isPrivateIdentifier', 'isPropertyAccessExpression', 'isPropertyAssignment', 'isPropertyDeclaration', 'isReturnStatement', 'isSatisfiesExpression', 'isSetAccessorDeclaration', 'isShorthandPropertyAssignment', 'isSourceFile', 'isSpreadAssignment', 'isSpreadElement', 'isStringLiteral', 'isTemplateExpression', 'isTypeAssertionExpression', 'isVariableDeclaration', 'isVariableDeclarationList', 'isVariableStatement');

/**
 * The source→sink data-flow pass over a skill's handler code (DESIGN.md "Code model").
 *
 * An abstract interpreter: every file is evaluated once at module level (in dependency order, so
 * `require('./crm')` sees the exports of crm.js), then every function is evaluated with the
 * values its callers pass (memoised per function and argument signature), or with unknown
 * arguments when it is an entry point (a handler's `handle`, an interceptor's `process`). Values
 * are may-sets (values.ts): a source read in any branch counts. Assignments join, loops run once,
 * recursion and depth are cut off, and a global work budget bounds pathological code. Nothing is
 * executed, nothing outside the skill's code folders is read.
 */

/**
 * The evaluation's shortcuts, each the answer of the work it skips: body facts only for bodies
 * that can have them (`callFn`, `bodyFacts`), a value's taints handed back as they are when it has
 * nothing else (`deepTaints`). Off: the work is done (test/code/flow-shortcuts.test.ts compares).
 */
export const flowShortcuts = { enabled: true };

const MAX_WORK = 4_000_000;
const MAX_DEPTH = 12;
const MAX_PROPS_DEEP = 64;
const MAX_EXPR_DEPTH = 400;

export function codeModel(analysis: SkillAnalysis): CodeModel {
  return analysis.memo('code-model', () => analyzeSkillCode(analysis.skill));
}

/**
 * The result of the last analysis per skill root, reused while no input changed (editor re-checks),
 * and from the second analysis of a root on (a skill being edited) what its entry points added,
 * for the next run to replay where the edit cannot have changed it (code/reuse.ts).
 */
const lastByRoot = new Map<string, LastRun>();

interface LastRun {
  /** The code files' trees and the models' texts the model is of. */
  key: unknown[];
  model: CodeModel;
  memory: FlowMemory | undefined;
}

/**
 * Skills with a file open in an editor (`expectEdits`): their analysis leaves a memory for the next
 * one even when it is their first, so that the first keystroke after opening a file replays entry
 * points instead of evaluating all of them. Others (the CLI, a workspace scan) leave none.
 */
const editing = new Set<string>();

/** The skill at `root` is being edited: from its next analysis on, each leaves a memory for the one after. */
export function expectEdits(root: string): void {
  editing.add(root);
}

/** Counters of the entry-point reuse, for tests and the benchmark. */
export const flowReuseStats = { runsWithReuse: 0, rootsReplayed: 0, rootsEvaluated: 0, restarts: 0, modelsMoved: 0, unseenEdits: 0 };

/**
 * How many runs a record's positions may lag behind (`RootRecord.ver`): past that, a run moves
 * every record to the current texts, so that the changes kept for moving stay few.
 */
const MAX_HISTORY = 200;

export function analyzeSkillCode(skill: Skill): CodeModel {
  const indexes = skill.code.map((c) => indexFile(c.file, c.text));
  const key: unknown[] = [...indexes.map((i) => i.parsed.sourceFile), ...skill.models.map((m) => m.doc.text)];
  const last = lastByRoot.get(skill.project.root);
  if (last && sameItems(last.key, key)) return last.model;
  const unseen = last && unseenEdit(last, indexes, key);
  if (unseen) {
    flowReuseStats.unseenEdits++;
    lastByRoot.set(skill.project.root, unseen);
    return unseen.model;
  }
  let run = new Run(skill, indexes, 'readers', last?.memory, !!last || editing.has(skill.project.root));
  let model: CodeModel;
  try {
    model = run.run();
  } catch (e) {
    // A run that replayed entry points starts again without (also on an unexpected failure: a
    // fresh run then decides what the failure was).
    if (!(e instanceof Restart) && !last?.memory) throw e;
    flowReuseStats.restarts++;
    run = new Run(skill, indexes, 'readers', undefined, true);
    model = run.run();
  }
  if (lastByRoot.size > 200) lastByRoot.clear();
  lastByRoot.set(skill.project.root, { key, model, memory: run.memory });
  return model;
}

/**
 * How many unseen edits in a row a memory takes (`FlowMemory.unseen`): the next run moves every
 * position it reads over each of them, so after this many one run is made and the list starts again.
 */
const MAX_UNSEEN = 32;

/**
 * The analysis after an edit the data flow cannot see, from the last one: typing in the message of
 * a `console.log('…')` (the edit lies inside a plain string argument of a `console` method, as
 * `speechOnlyMove` with `logs: 'only'` tells it apart: same tokens, same tree, nothing in the
 * literal that a pass reads from raw text, the call in no text a pass quotes). Such a literal is
 * read by the pass only as the argument of the `console.log` sink, which records flows of the
 * data its arguments carry (a literal carries none), and the console call's value is the library's,
 * not its arguments' — provided `console` is the global: no file of the skill binds or assigns the
 * name (`consoleIsGlobal`). The facts read from whole texts (`textFlags`) must be the same too.
 * Then every evaluation reads what it read before, and the model is the last one, its positions
 * moved by the edit; the memory for the next run is the last one's, with the edit added to its
 * unseen edits (`FlowMemory.unseen`). Undefined for any other change, or with the models changed.
 * test/code/flow-reuse.test.ts checks the result against fresh runs.
 */
function unseenEdit(last: LastRun, indexes: FileIndex[], key: unknown[]): LastRun | undefined {
  const n = indexes.length;
  if (last.key.length !== key.length) return undefined;
  for (let i = n; i < key.length; i++) if (last.key[i] !== key[i]) return undefined;
  const memory = last.memory;
  if (memory?.unseen && memory.unseen.steps.length >= MAX_UNSEEN) return undefined;
  const change = new Map<string, TextChange>();
  for (let i = 0; i < n; i++) {
    const before = last.key[i] as ts.SourceFile;
    const now = indexes[i].parsed.sourceFile;
    if (before.fileName !== now.fileName || !consoleIsGlobal(before)) return undefined;
    if (before === now) continue;
    const move = speechOnlyMove(before.text, before.statements, now.text, now, 'only');
    if (move === undefined || textFlags(before) !== textFlags(now)) return undefined;
    // The literal's content is all that changed, and it neither binds nor assigns a name.
    globalConsole.set(now, true);
    const c = textChange(before.text, now.text);
    if (c) change.set(indexes[i].file, c);
  }
  const model = new PositionMap(change).model(last.model);
  if (!model) return undefined;
  if (!memory) return { key, model, memory };
  const texts = new Map(memory.unseen?.texts ?? memory.texts);
  for (const ix of indexes) if (change.has(ix.file)) texts.set(ix.file, ix.parsed.text);
  return { key, model, memory: { ...memory, unseen: { steps: [...(memory.unseen?.steps ?? []), change], texts } } };
}

const globalConsole = new WeakMap<ts.SourceFile, boolean>();

/**
 * Whether every `console` in the file's text is followed by a `.`: no declaration, parameter,
 * import, assignment or destructuring binds the name (a mention in a comment or a string that is
 * not followed by one counts against, which only costs the shortcut). Kept per tree.
 */
function consoleIsGlobal(sf: ts.SourceFile): boolean {
  let hit = globalConsole.get(sf);
  if (hit === undefined) globalConsole.set(sf, (hit = !/\bconsole\b(?!\s*\.)/.test(sf.text)));
  return hit;
}

/** The analysis without reusing anything of an earlier run (for test/code/flow-reuse.test.ts). */
export function analyzeSkillCodeFresh(skill: Skill): CodeModel {
  return freshRun(skill, 'readers');
}

function freshRun(skill: Skill, secondRoundOf: 'readers' | 'all' | 'none'): CodeModel {
  return new Run(skill, skill.code.map((c) => indexFile(c.file, c.text)), secondRoundOf, undefined, false).run();
}

/**
 * The analysis with the second round over every entry point (`'all'`, as before it was limited to
 * the entry points that can see what it adds, see `Run.guardedRoot`) or with no second round
 * (`'none'`). Not cached; for test/code/second-round.test.ts, which checks that `'all'` gives the
 * model analyzeSkillCode gives, and that `'none'` would not.
 */
export function analyzeSkillCodeWithSecondRound(skill: Skill, of: 'all' | 'none'): CodeModel {
  return freshRun(skill, of);
}

/** Forgets a skill's last analysis and the trees its cache key holds (no file of it is being edited). */
export function forgetCodeModel(root: string): void {
  lastByRoot.delete(root);
  editing.delete(root);
}

class BudgetExceeded extends Error {}
/** An entry point that ran with reused records changed the module state: the run starts again without reuse. */
class Restart extends Error {}
class TooDeep extends Error {}

/** Copies simple values (`PositionMap.value` with nothing moved). */
const SAME = new PositionMap();

/** Nesting of values the state fingerprint follows (hand-written code stays far below). */
const MAX_STATE_DEPTH = 500;

interface FileCtx {
  index: FileIndex;
  file: string;
  sf: ts.SourceFile;
  env: Env;
  exports: Val;
  evaluated: boolean;
}

interface Act {
  ctx: FileCtx;
  env: Env;
  thisVal: Val;
  ret: Val;
  fn: FunctionNode | undefined;
  depth: number;
  /** The function calls `setPersistentAttributes`: writes into the attributes object are not yet storage. */
  setsPersistent: boolean;
}

const PREDICATES = new Set([
  'includes', 'has', 'startsWith', 'endsWith', 'test', 'indexOf', 'lastIndexOf', 'some', 'every', 'findIndex', 'hasOwnProperty', 'isArray', 'isNaN', 'isInteger', 'localeCompare',
  'keys', 'getTime', 'Boolean', 'isFinite', 'getRequestType', 'getIntentName', 'getLocale', 'getDialogState', 'isNewSession', 'getSupportedInterfaces',
  'getViewportProfile', 'getApiAccessToken', 'getAccountLinkingAccessToken', 'speak', 'reprompt', 'getResponse', 'withSimpleCard', 'withStandardCard', 'addDirective',
]);
const THEN = new Set(['then', 'catch', 'finally']);
const ARRAY_CB = new Set(['forEach', 'map', 'filter', 'find', 'flatMap', 'reduce', 'reduceRight', 'sort', 'some', 'every', 'findIndex', 'findLast']);
const MUTATORS = new Set(['push', 'unshift', 'add', 'set', 'append', 'splice', 'fill']);

let envSeq = 0;
function newEnv(parent: Env | undefined): Env {
  return { id: ++envSeq, vars: new Map(), parent };
}

function lookup(env: Env | undefined, name: string): { env: Env; val: Val } | undefined {
  for (let e = env; e; e = e.parent) {
    const v = e.vars.get(name);
    if (v !== undefined) return { env: e, val: v };
  }
  return undefined;
}

/** `lookup(env, name)?.val` without the pair (the read of every identifier). */
function lookupVal(env: Env | undefined, name: string): Val | undefined {
  for (let e = env; e; e = e.parent) {
    const v = e.vars.get(name);
    if (v !== undefined) return v;
  }
  return undefined;
}

function declare(env: Env, name: string, val: Val): void {
  const old = env.vars.get(name);
  env.vars.set(name, old ? join(old, val) : val);
}

function unwrap(n: ts.Expression): ts.Expression {
  for (;;) {
    if (T.isParenthesizedExpression(n) || T.isAsExpression(n) || T.isNonNullExpression(n) || T.isTypeAssertionExpression(n) || T.isSatisfiesExpression(n)) n = n.expression;
    else return n;
  }
}

function propName(name: ts.PropertyName | ts.BindingName | undefined): string | undefined {
  if (!name) return undefined;
  if (T.isIdentifier(name) || T.isStringLiteral(name) || T.isNumericLiteral(name) || T.isPrivateIdentifier(name) || T.isNoSubstitutionTemplateLiteral(name)) return name.text;
  return undefined;
}

function fnName(fn: FunctionNode): string {
  if ((T.isFunctionDeclaration(fn) || T.isFunctionExpression(fn) || T.isMethodDeclaration(fn)) && fn.name) {
    const n = propName(fn.name);
    if (n) return n;
  }
  if (T.isConstructorDeclaration(fn)) return 'constructor';
  const p = fn.parent;
  if (p && T.isVariableDeclaration(p) && T.isIdentifier(p.name)) return p.name.text;
  if (p && T.isPropertyAssignment(p)) return propName(p.name) ?? 'function';
  if (p && T.isBinaryExpression(p) && T.isPropertyAccessExpression(p.left)) return p.left.name.text;
  return 'callback';
}

function hostOf(url: string): string | undefined {
  const m = /^(?:[a-z][a-z0-9+.-]*:)?\/\/([^/:?#{}\s]+)/i.exec(url);
  if (m) return m[1].toLowerCase();
  const bare = /^([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?:[/:?#]|$)/i.exec(url);
  return bare ? bare[1].toLowerCase() : undefined;
}

function isExported(n: ts.Node): boolean {
  return !!(T.canHaveModifiers(n) && T.getModifiers(n)?.some((m) => m.kind === T.SyntaxKind.ExportKeyword));
}
function isDefaultExport(n: ts.Node): boolean {
  return !!(T.canHaveModifiers(n) && T.getModifiers(n)?.some((m) => m.kind === T.SyntaxKind.DefaultKeyword));
}


/** Whether `node` is the value `fn` returns: `return x.getResponse()`, `=> x.getResponse()`, awaited or not. */
function returnedBy(node: ts.Node, fn: FunctionNode): boolean {
  let n = node;
  let p = n.parent;
  while (p && (T.isParenthesizedExpression(p) || T.isAwaitExpression(p) || T.isAsExpression(p) || T.isNonNullExpression(p) || T.isSatisfiesExpression(p))) {
    n = p;
    p = n.parent;
  }
  if (!p) return false;
  if (p === fn) return fn.body === n;
  if (!T.isReturnStatement(p) || p.expression !== n) return false;
  for (let q: ts.Node | undefined = p.parent; q; q = q.parent) if (isFunctionNode(q)) return q === fn;
  return false;
}

class Run {
  private readonly catalog: SlotCatalog;
  private readonly files = new Map<string, FileCtx>();
  private readonly fileSet: Set<string>;
  private sources = new Map<string, DataSource>();
  private flows = new Map<string, Flow>();
  private writes = new Map<string, Sink>();
  private slotReads = new Map<string, SlotRead>();
  private readonly memo = new Map<string, Val>();
  /**
   * Memo keys of the calls under way, innermost last: calls nest, so a stack is the set. (A set
   * emptied on every return shrank its table, a new allocation per call.)
   */
  private readonly inProgress: string[] = [];
  private readonly analyzed = new Set<ts.Node>();
  private readonly nodeVals = new Map<ts.Node, Val>();
  private work = 0;
  private readonly v1Table: boolean;
  private readonly v1Expiry: boolean;
  private readonly v1Attributes: Val = tagVal('v1-attributes', new Map());
  /**
   * ask-sdk session attributes, one object for the whole skill: what one handler puts there, an
   * interceptor may persist (`setPersistentAttributes(sessionAttributes)`) in a later request.
   */
  private readonly sessionAttributes: Val = tagVal('session-attributes', new Map());
  private sessionWritten = false;
  /**
   * What the skill says and shows, one object for the whole skill: a response interceptor that logs
   * `response` (or `responseBuilder.getResponse()`) logs whatever any handler spoke.
   */
  private readonly response: Val = obj();
  private responseWritten = false;
  /**
   * Whether the evaluation under way obtained one of the objects whose content the entry points
   * share (session attributes, the response, alexa-sdk v1 attributes, the `this` of a class
   * method analysed on its own). Saved and restored around every call; see `guardedRoot`.
   */
  private obtained = false;
  /** Memo keys whose evaluation obtained a shared object: a hit obtains it too. */
  private readonly memoObtained = new Set<string>();
  /** The root function under evaluation (depth 0), for `getResponse()` returned by it. */
  private rootFn: FunctionNode | undefined;
  private rootReturnedResponse = false;
  /** What the entry point under evaluation adds, when this run leaves a memory for the next. */
  private cur: Recording | undefined;
  /** What this run leaves for the next run of the same skill (undefined: nothing reusable). */
  memory: FlowMemory | undefined;
  private readonly skill: Skill;
  /** Every write into a shared object, when this run leaves a memory (`SharedWrite`). */
  private readonly log: SharedWrite[] = [];
  /**
   * Whether this run's log so far is the previous run's (positions moved): the shared objects then
   * hold what they held. Set once the module state is known to be the previous run's (`replayable`).
   */
  private logSame = false;
  /** Something was written into a shared object that the log does not keep (an object, a function, a write into a kept value). */
  private logBroken = false;
  /** Values kept in a shared object: writing into one of them changes the shared object. */
  private readonly sharedVals = new WeakSet<Val>();
  private map: PositionMap | undefined;
  /**
   * The changes of the texts since the previous run's, in order (when replaying): the edits the
   * data flow could not see (`FlowMemory.unseen`), then the one since the last of them; and the
   * version the texts are now.
   */
  private steps: Array<Map<string, TextChange>> = [];
  private version = 0;
  /** Position maps from an older version of the texts to this run's, by that version. */
  private readonly mapsFrom = new Map<number, PositionMap>();
  /** Everything the module-state fingerprint before the first round walked (scopes, values, property maps). */
  private moduleObjects: Map<object, number> | undefined;
  /** Something wrote into one of them since: the module state may have changed (`stateFingerprint` then tells). */
  private moduleWritten = false;

  constructor(
    skill: Skill,
    private readonly indexes: FileIndex[],
    /** Which entry points the second round runs again: those that can see its effect, all, or none (tests). */
    private readonly secondRoundOf: 'readers' | 'all' | 'none',
    /** The previous run's memory, to replay entry points from. */
    private readonly prev: FlowMemory | undefined,
    /** Whether to leave a memory for the next run. */
    private readonly record: boolean,
  ) {
    this.skill = skill;
    this.catalog = SlotCatalog.of(skill);
    this.fileSet = new Set(indexes.map((i) => i.file));
    this.v1Table = indexes.some((i) => i.setsDynamoTable);
    this.v1Expiry = indexes.some((i) => treeFacts(i).v1Expiry);
  }

  run(): CodeModel {
    const ordered = dependencyOrder(this.indexes, this.fileSet);
    let replay: ReturnType<Run['replayable']>;
    /** The previous run's model moved by the edit, when this run's additions are the same (`sameAdditionsAsBefore`). */
    let moved: CodeModel | undefined;
    for (const index of ordered) {
      const env = newEnv(undefined);
      const exports = obj();
      const ctx: FileCtx = { index, file: index.file, sf: index.parsed.sourceFile, env, exports, evaluated: false };
      env.vars.set('module', tagVal('module'));
      env.vars.set('exports', exports);
      this.files.set(index.file, ctx);
    }
    try {
      for (const index of ordered) this.evalModule(this.files.get(index.file)!);
      // Entry points: every function at module level (handler methods, interceptors, helpers), with
      // unknown arguments; then any function no evaluation reached, in its module's scope.
      const roots: Array<{ ctx: FileCtx; fn: FunctionNode; obtained: boolean }> = [];
      for (const index of ordered) {
        const ctx = this.files.get(index.file)!;
        for (const fn of index.moduleLevel) roots.push({ ctx, fn, obtained: false });
      }
      const moduleState = this.secondRoundOf === 'readers' ? this.stateFingerprint(true) : [];
      const statements = this.record ? new Set<ts.Node>(ordered.flatMap((i) => i.parsed.sourceFile.statements)) : undefined;
      // What module evaluation added (the maps held nothing before it).
      const moduleRec = statements && this.additionsSoFar(statements);
      replay = statements && this.replayable(ordered, moduleState, statements);
      if (moduleRec) moduleRec.ver = this.version;
      const first = new Map<FunctionNode, RootRecord>();
      const second = new Map<FunctionNode, RootRecord>();
      /** Records this run made (the others are the previous run's, replayed). */
      const evaluated = new Set<RootRecord>();
      const each = (r: { ctx: FileCtx; fn: FunctionNode; obtained: boolean }, round: Map<FunctionNode, RootRecord>, old: Map<FunctionNode, RootRecord> | undefined): void => {
        const rec = replay && old && replay.record(old.get(r.fn), this.work);
        if (rec) {
          // Its additions to the model are applied later, by `rebuild`, or not at all when the model is moved whole.
          this.replayEffects(rec);
          r.obtained = rec.obtained;
          round.set(r.fn, rec);
          return;
        }
        if (statements) this.cur = new Recording(this.log.length);
        const work = this.work;
        r.obtained = this.guardedRoot(r.ctx, r.fn);
        // What it read of the shared objects is not all in the log: it cannot be replayed.
        if (this.cur && r.obtained && this.logBroken) this.cur.opaque = true;
        if (this.cur) {
          const made = this.cur.close(r.obtained, this.work - work, statements!, this.version);
          round.set(r.fn, made);
          evaluated.add(made);
        }
        this.cur = undefined;
        flowReuseStats.rootsEvaluated++;
      };
      for (const r of roots) each(r, first, this.prev?.roots);
      // Without a write into what the first fingerprint walked, the state is the one it describes.
      const after = this.record || this.sessionWritten || this.responseWritten ? (this.moduleObjects && !this.moduleWritten ? moduleState : this.stateFingerprint()) : undefined;
      const unchanged = sameItems(after, moduleState);
      // Replayed entry points were recorded where no entry point changed the module state; if one
      // run now did, those after it would read another state than they did.
      if (replay && !unchanged) throw new Restart();
      if ((this.sessionWritten || this.responseWritten) && this.secondRoundOf !== 'none') {
        // Personal data put in the session by one handler: run the entry points once more so the
        // handlers analysed before that write see it too.
        const again = this.secondRoundOf === 'all' || !unchanged ? roots : roots.filter((r) => r.obtained);
        for (const r of again) each({ ...r }, second, this.prev?.again);
      }
      const unreached = new Map<FunctionNode, RootRecord>();
      for (const index of ordered) {
        const ctx = this.files.get(index.file)!;
        for (const fn of index.functions) {
          if (this.analyzed.has(fn)) continue;
          this.freshMemo();
          if (statements) this.cur = new Recording(this.log.length);
          const work = this.work;
          this.guarded(() => this.analyzeRoot(ctx, fn));
          if (this.cur) {
            const made = this.cur.close(false, this.work - work, statements!, this.version);
            unreached.set(fn, made);
            evaluated.add(made);
          }
          this.cur = undefined;
        }
      }
      if (replay) {
        // The same additions in the same order as the previous run's: its model, moved by the edit,
        // is the one the maps would give. Otherwise every record goes into the maps, in order.
        const prev = this.prev!;
        const rounds: Array<[Map<FunctionNode, RootRecord>, Map<FunctionNode, RootRecord>]> = [[first, prev.roots], [second, prev.again], [unreached, prev.unreached]];
        if (this.version - prev.base <= MAX_HISTORY && this.sameAdditionsAsBefore(moduleRec!, rounds, evaluated)) moved = this.map!.model(prev.model);
        if (moved) flowReuseStats.modelsMoved++;
        else this.rebuild(moduleRec!, [first, second, unreached]);
      }
      if (this.record && unchanged && moduleState) {
        const prev = this.prev!;
        this.memory = {
          texts: new Map(ordered.map((i) => [i.file, i.parsed.text])),
          models: this.skill.models.map((m) => m.doc.text),
          flags: this.flags(),
          state: moduleState,
          roots: first,
          again: second,
          log: this.log,
          version: this.version,
          // A rebuild moved every record to this version.
          base: moved ? prev.base : this.version,
          history: moved ? [...prev.history, ...this.steps] : [],
          module: moduleRec!,
          model: moved!, // set below when not moved
          unreached,
        };
      }
      if (replay) flowReuseStats.runsWithReuse++;
    } catch (e) {
      if (!(e instanceof BudgetExceeded)) throw e;
      // Replayed records' additions are not in the maps yet: a fresh run decides what the budget allows.
      if (replay) throw new Restart();
      this.memory = undefined;
    }
    this.nodeVals.clear();
    if (moved) return moved;
    // Files in localeCompare order, compared by rank (a few files, thousands of comparisons).
    const rank = new Map([...this.files.keys()].sort((a, b) => a.localeCompare(b)).map((f, i) => [f, i]));
    const rankOf = (f: string): number => rank.get(f) ?? rank.size;
    const byPlace = (a: { file: string; offset: number }, b: { file: string; offset: number }): number => rankOf(a.file) - rankOf(b.file) || (a.file === b.file ? 0 : a.file.localeCompare(b.file)) || a.offset - b.offset;
    const model: CodeModel = {
      flows: [...this.flows.values()].sort((a, b) => byPlace(a.sink, b.sink) || byPlace(a.carrier, b.carrier) || byPlace(a.source, b.source)),
      writes: [...this.writes.values()].sort(byPlace),
      speech: [],
      sources: [...this.sources.values()].sort(byPlace),
      slotReads: [...this.slotReads.values()].sort(byPlace),
    };
    if (this.memory) this.memory.model = model;
    return model;
  }

  /** One entry point's failure (an unexpected tree shape) must not hide the others' findings. */
  private guarded(f: () => void): void {
    try {
      f();
    } catch (e) {
      if (e instanceof BudgetExceeded) throw e;
    }
  }

  /** `guarded(() => this.stmt(act, s))` for each statement, without a closure per statement (the hottest caller). */
  private guardedStatements(act: Act, list: readonly ts.Statement[]): void {
    for (const st of list) {
      try {
        this.stmt(act, st);
      } catch (e) {
        if (e instanceof BudgetExceeded) throw e;
      }
    }
  }

  /**
   * One entry point, guarded; whether its evaluation obtained an object the entry points share.
   *
   * The second round exists for what one entry point leaves in such an object (the session, the
   * response) and another one read before it was there. An entry point that obtained none of
   * them, while no entry point changed anything reachable from the modules' scopes (checked by
   * `stateFingerprint` before and after the first round), reads in the second round exactly what
   * it read in the first: running it again adds nothing, so it is not run again. A `getResponse()`
   * the entry point itself returns does not count: an entry point's return value goes nowhere.
   */
  private guardedRoot(ctx: FileCtx, fn: FunctionNode): boolean {
    this.freshMemo();
    const outer = this.obtained;
    this.obtained = false;
    try {
      this.guarded(() => this.analyzeRoot(ctx, fn));
      return this.obtained;
    } finally {
      this.obtained = outer;
    }
  }

  /**
   * Every entry point starts with an empty memo: what it computes depends on its own evaluation
   * only, never on what another entry point left in the memo (code/reuse.ts relies on that).
   */
  private freshMemo(): void {
    // Only when not empty: clearing gives a map a new table even when it holds nothing.
    if (this.memo.size) this.memo.clear();
    if (this.memoObtained.size) this.memoObtained.clear();
    if (this.nodeVals.size) this.nodeVals.clear();
  }

  /** Skill-wide facts an entry point's evaluation reads besides the module state, its code and the file list. */
  private flags(): string {
    return `${this.v1Table}/${this.v1Expiry}`;
  }

  /**
   * The previous run's records this run may replay, given the module state it starts from: same
   * files in the same order, same models and skill-wide facts, same state (positions moved by the
   * edit). Per entry point, `record` says whether its record still holds.
   */
  private replayable(ordered: FileIndex[], state: unknown[] | undefined, current: ReadonlySet<ts.Node>): { record(r: RootRecord | undefined, work: number): RootRecord | undefined } | undefined {
    const prev = this.prev;
    this.logSame = false;
    this.version = 0;
    if (!prev || !state || prev.texts.size !== ordered.length || this.flags() !== prev.flags) return undefined;
    let i = 0;
    for (const file of prev.texts.keys()) if (ordered[i++].file !== file) return undefined;
    const models = this.skill.models;
    if (models.length !== prev.models.length || models.some((m, k) => m.doc.text !== prev.models[k])) return undefined;
    const unseen = prev.unseen;
    const steps = [...(unseen?.steps ?? []), changesBetween(unseen?.texts ?? prev.texts, new Map(ordered.map((x) => [x.file, x.parsed.text])))];
    const map = new PositionMap(...steps);
    if (!map.sameState(prev.state, state)) return undefined;
    this.steps = steps;
    this.version = prev.version + steps.length;
    const live = (n: ts.Node): boolean => {
      const s = topStatement(n, current);
      return !!s && current.has(s);
    };
    this.map = map;
    // Module evaluation wrote what it wrote before it (the state is the same): compare from there.
    this.logSame = this.log.every((w, i) => i < prev.log.length && map.sameState(writeParts(prev.log[i]), writeParts(w)));
    return {
      record: (r, work) => {
        if (!r || r.opaque || work + r.work > MAX_WORK) return undefined;
        // What it read of the shared objects is what they hold now only while the log is the same.
        if (r.obtained && (!this.logSame || this.logBroken || this.log.length !== r.logStart)) return undefined;
        for (const s of r.statements) if (!current.has(s)) return undefined;
        // Its code and what it read are the previous run's: what it adds to the model is too, at
        // positions moved by the edit (moved when read: `movedRecord`). Its shared writes are
        // applied now, and must be at this run's positions.
        const shared = map.shared(r, live);
        if (!shared) return undefined;
        // In place: the previous run's memory is not read again once this run is under way (a
        // restart runs without it), and a copy of the whole record per run is what it would cost.
        r.shared = shared;
        return r;
      },
    };
  }

  /** What the maps hold so far, as a record (module evaluation's additions). */
  private additionsSoFar(current: ReadonlySet<ts.Node>): RootRecord {
    const rec = new Recording(0);
    for (const [k, v] of this.sources) rec.sources.set(k, v);
    for (const [k, v] of this.flows) rec.flows.set(k, v);
    for (const [k, v] of this.writes) rec.writes.set(k, v);
    for (const [k, v] of this.slotReads) rec.slotReads.set(k, v);
    return rec.close(false, 0, current, 0);
  }

  /** A position map from version `ver` of the texts to this run's. */
  private mapFrom(ver: number): PositionMap {
    if (ver === this.version) return SAME;
    let m = this.mapsFrom.get(ver);
    if (!m) {
      const prev = this.prev!;
      // Records are never older than the memory's base (a rebuild moves them all).
      if (ver < prev.base || ver > prev.version) throw new Restart();
      m = ver === prev.version ? this.map! : new PositionMap(...prev.history.slice(ver - prev.base), ...this.steps);
      this.mapsFrom.set(ver, m);
    }
    return m;
  }

  /** A record moved to this run's version, undefined when one of its positions has no counterpart. */
  private movedRecord(r: RootRecord): RootRecord | undefined {
    return this.mapFrom(r.ver).recordModel(r, this.version);
  }

  /**
   * Whether this run added to the model what the previous run added, in the same order: module
   * evaluation the same additions, each round the same entry points in the same order, each
   * evaluated one the same additions as its previous record (moved to this version); replayed
   * ones add their previous additions by definition.
   */
  private sameAdditionsAsBefore(moduleRec: RootRecord, rounds: Array<[Map<FunctionNode, RootRecord>, Map<FunctionNode, RootRecord>]>, evaluated: ReadonlySet<RootRecord>): boolean {
    const mod = this.movedRecord(this.prev!.module);
    if (!mod || !sameAdditions(moduleRec, mod)) return false;
    for (const [now, before] of rounds) {
      if (now.size !== before.size) return false;
      // Both rounds' entries by position, as lists: stepping iterators of their entries made an
      // entry (and a result object) for each of ~1,800 entry points.
      const fns = [...now.keys()];
      const recs = [...now.values()];
      const oldFns = [...before.keys()];
      const oldRecs = [...before.values()];
      for (let at = 0; at < fns.length; at++) {
        const fn = fns[at];
        const rec = recs[at];
        if (!evaluated.has(rec)) {
          if (fn !== oldFns[at]) return false;
          continue;
        }
        const m = this.movedRecord(oldRecs[at]);
        if (!m || !sameAdditions(rec, m)) return false;
      }
    }
    return true;
  }

  /** The maps as a fresh run fills them: module evaluation's additions, then every record in order, each moved to this version. */
  private rebuild(moduleRec: RootRecord, rounds: Array<Map<FunctionNode, RootRecord>>): void {
    this.sources = new Map();
    this.flows = new Map();
    this.writes = new Map();
    this.slotReads = new Map();
    this.replay(moduleRec);
    for (const round of rounds) {
      for (const [fn, r] of round) {
        const m = this.movedRecord(r);
        // A position of a replayed record the edit touched: a fresh run decides.
        if (!m) throw new Restart();
        round.set(fn, m);
        this.replay(m);
      }
    }
  }

  /** Adds a record's additions to the maps, as evaluating its entry point would. */
  private replay(r: RootRecord): void {
    for (const s of r.sources) if (!this.sources.has(s.id)) this.sources.set(s.id, s);
    r.flows.forEach((f, i) => {
      if (!this.flows.has(r.flowKeys[i])) this.flows.set(r.flowKeys[i], f);
    });
    for (const s of r.writes) this.writes.set(s.id, s);
    r.slotReads.forEach((s, i) => {
      if (!this.slotReads.has(r.slotReadKeys[i])) this.slotReads.set(r.slotReadKeys[i], s);
    });
  }

  /** Everything else evaluating a replayed record's entry point does: functions reached, shared writes, flags, work. */
  private replayEffects(r: RootRecord): void {
    for (const fn of r.analyzed) this.analyzed.add(fn);
    for (const w of r.shared) this.applyShared(w);
    if (r.sessionWritten) this.sessionWritten = true;
    if (r.responseWritten) this.responseWritten = true;
    this.work += r.work;
    flowReuseStats.rootsReplayed++;
  }

  private sharedObject(t: SharedWrite['target']): Val {
    return t === 'session' ? this.sessionAttributes : t === 'response' ? this.response : this.v1Attributes;
  }

  /** Which shared object a write into `target` changes: one of them, a value kept in one (`nested`), or none. */
  private sharedOf(target: Val): SharedWrite['target'] | 'nested' | undefined {
    if (target === this.sessionAttributes || target.props === this.sessionAttributes.props) return 'session';
    if (target === this.response || target.props === this.response.props) return 'response';
    if (target === this.v1Attributes || target.props === this.v1Attributes.props) return 'v1';
    return this.sharedVals.has(target) ? 'nested' : undefined;
  }

  /**
   * Called before every write into an existing value: notes a write into the module state (`wrote`)
   * and puts a write into a shared object in the log (only when this run leaves a memory).
   * Returns whether `target` is a shared object's, so that the caller marks the value it stores
   * there as kept in it.
   */
  private beforeWrite(target: Val, op: SharedWrite['op'], key: string | undefined, v: Val): boolean {
    // Absorbing changes the value's own data; setting a key changes its properties too.
    if (op === 'absorb') this.wrote(target);
    else this.wroteValue(target);
    if (!this.record) return false;
    const t = this.sharedOf(target);
    if (!t) return false;
    // Absorbing into a value that only shares the properties changes that value, not the shared object.
    if (op === 'absorb' && t !== 'nested' && target !== this.sharedObject(t)) return false;
    const value: Val = op === 'absorb' ? { taints: v.taints, env: v.env } : v;
    if (t === 'nested' || !isSimple(value)) {
      this.logBroken = true;
      if (this.cur) this.cur.opaque = true;
      return t !== 'nested';
    }
    this.logged({ target: t, op, key, value: SAME.value(value, () => true)! });
    return true;
  }

  private logged(w: SharedWrite): void {
    const i = this.log.push(w) - 1;
    this.cur?.shared.push(w);
    if (this.logSame) {
      const old = this.prev!.log[i];
      // The very write (a replayed one that did not move) is the same without comparing its parts.
      if (old !== w && (!old || !this.map!.sameState(writeParts(old), writeParts(w)))) this.logSame = false;
    }
  }

  /** A replayed write: the same change of the shared object as when it was made. */
  private applyShared(w: SharedWrite): void {
    const t = this.sharedObject(w.target);
    this.wroteValue(t);
    const v = SAME.value(w.value, () => true)!;
    if (w.op === 'absorb') absorbInto(t, v);
    else {
      const old = w.op === 'set' ? t.props!.get(w.key!) : undefined;
      const nv = old ? join(old, v) : v;
      t.props!.set(w.key!, nv);
      this.sharedVals.add(nv);
    }
    // The write itself: its value is never changed (what is applied above is a copy), and a run
    // that replays the same record again finds it in this log as it is.
    this.logged(w);
  }

  /**
   * Everything reachable from the modules' scopes and exports (values, the scopes functions close
   * over, object properties, data carried with its steps), written out in full as a list of parts:
   * equal lists, equal state (`sameItems`). Objects met again are written as back-references.
   * Undefined for state nested deeper than the walk goes (generated chains of objects): unknown,
   * so every entry point runs again.
   */
  private stateFingerprint(keep = false): unknown[] | undefined {
    // The previous run's count of parts: the expected size of this one's.
    const out = new Parts(this.prev?.state.length);
    let depth = 0;
    const seen = new Map<object, number>();
    if (keep) {
      this.moduleObjects = seen;
      // Module evaluation's own writes (`module.exports = …`) are in the state walked here.
      this.moduleWritten = false;
    }
    const again = (o: object): boolean => {
      const k = seen.get(o);
      if (k !== undefined) {
        out.add('@', k);
        return true;
      }
      seen.set(o, seen.size);
      return false;
    };
    const env = (e: Env | undefined): void => {
      if (!e) {
        out.add('-');
        return;
      }
      if (again(e)) return;
      out.add('E', e.vars.size);
      for (const [k, v] of e.vars) {
        out.add(k);
        val(v);
      }
      env(e.parent);
    };
    const val = (v: Val): void => {
      if (again(v)) return;
      if (++depth > MAX_STATE_DEPTH) throw new TooDeep();
      out.add('{');
      pushData(out, v);
      if (v.lit) {
        const f = inFile(v.lit.file);
        out.add('o', f, v.lit.node.pos, f, v.lit.node.end);
      }
      if (v.fns) {
        out.add('f', v.fns.length);
        for (const f of v.fns) {
          const m = inFile(f.file);
          out.add(m, f.node.pos, m, f.node.end, f.name);
          env(f.env);
        }
      }
      if (v.cls) {
        const f = inFile(v.cls.file);
        out.add('c', f, v.cls.node.pos, f, v.cls.node.end);
        env(v.cls.env);
      }
      if (v.props && !again(v.props)) {
        out.add('p', v.props.size);
        for (const [k, x] of v.props) {
          out.add(k);
          val(x);
        }
      }
      if (v.resolved) {
        out.add('r');
        val(v.resolved);
      }
      out.add('}');
      depth--;
    };
    try {
      for (const ctx of this.files.values()) {
        out.add(ctx.file);
        env(ctx.env);
        val(ctx.exports);
      }
    } catch (e) {
      if (e instanceof TooDeep) {
        this.moduleObjects = undefined;
        return undefined;
      }
      throw e;
    }
    return out.take();
  }

  /** Notes a write into a scope or value: one of the module state's? */
  private wrote(target: object): void {
    if (this.moduleObjects?.has(target)) this.moduleWritten = true;
  }

  private wroteValue(target: Val): void {
    this.wrote(target);
    if (target.props) this.wrote(target.props);
  }

  private tick(): void {
    if (++this.work > MAX_WORK) throw new BudgetExceeded();
  }

  // ---------------------------------------------------------------------------------------------
  // Modules

  private evalModule(ctx: FileCtx): void {
    if (ctx.evaluated) return;
    ctx.evaluated = true;
    const act: Act = { ctx, env: ctx.env, thisVal: EMPTY, ret: EMPTY, fn: undefined, depth: 0, setsPersistent: treeFacts(ctx.index).setsPersistent };
    this.hoist(act, ctx.sf);
    this.guardedStatements(act, ctx.sf.statements);
  }

  private moduleValue(ctx: FileCtx, spec: string): Val {
    const target = resolveModule(ctx.file, spec, this.fileSet);
    if (target) {
      const t = this.files.get(target);
      return t ? t.exports : EMPTY;
    }
    if (spec.startsWith('.') || spec.startsWith('/')) return EMPTY;
    const lib = libOfModule(spec);
    return lib ? { libs: [lib] } : EMPTY;
  }

  private importDecl(act: Act, n: ts.ImportDeclaration): void {
    if (!T.isStringLiteral(n.moduleSpecifier)) return;
    const spec = n.moduleSpecifier.text;
    const mod = this.moduleValue(act.ctx, spec);
    const clause = n.importClause;
    if (!clause) return;
    const local = !!resolveModule(act.ctx.file, spec, this.fileSet);
    if (clause.name) declare(act.env, clause.name.text, local ? (mod.props?.get('default') ?? mod) : mod);
    const nb = clause.namedBindings;
    if (nb && T.isNamespaceImport(nb)) declare(act.env, nb.name.text, mod);
    else if (nb) for (const s of nb.elements) declare(act.env, s.name.text, this.getProp(act, mod, (s.propertyName ?? s.name).text, s));
  }

  // ---------------------------------------------------------------------------------------------
  // Functions

  private hoist(act: Act, scope: ts.SourceFile | FunctionNode): void {
    const info = scopeOf(act.ctx.index, scope);
    if (!info) return;
    for (const h of info.hoisted) {
      if (!h.name) continue;
      const v = T.isFunctionDeclaration(h) ? this.fnVal(act, h) : this.classVal(act, h);
      declare(act.env, h.name.text, v);
      if (scope === act.ctx.sf && isExported(h)) act.ctx.exports.props!.set(isDefaultExport(h) ? 'default' : h.name.text, v);
    }
  }

  private fnVal(act: Act, fn: FunctionNode): Val {
    return { fns: [{ node: fn, env: act.env, file: act.ctx.file, name: fnName(fn) }] };
  }

  private classVal(act: Act, c: ts.ClassLikeDeclaration): Val {
    const statics = new Map<string, Val>();
    for (const m of c.members) {
      if (!T.isMethodDeclaration(m) || !m.modifiers?.some((x) => x.kind === T.SyntaxKind.StaticKeyword)) continue;
      const n = propName(m.name);
      if (n) statics.set(n, this.fnVal(act, m));
    }
    return { cls: { node: c, env: act.env, file: act.ctx.file }, props: statics };
  }

  private analyzeRoot(ctx: FileCtx, fn: FunctionNode): void {
    const facts = rootFacts(ctx.index, fn);
    const params: Val[] = [];
    if (facts.lambda && fn.parameters[0]) params.push({ env: [{ path: [], node: fn.parameters[0].name, file: ctx.file, steps: [] }] });
    else {
      // ask-sdk's handlerInput, known by its API: logging it whole logs the request envelope.
      facts.handlerInputs.forEach((isInput, i) => {
        if (isInput) params[i] = { env: [{ path: [], node: fn.parameters[i].name, file: ctx.file, steps: [] }] };
      });
      for (let i = 0; i < params.length; i++) params[i] ??= EMPTY;
      // A response interceptor's `process(handlerInput, response)`.
      if (facts.name === 'process' && fn.parameters.length >= 2) {
        params[1] = this.response;
        this.obtained = true;
      }
    }
    // Analysed on its own, a function closes over its module's scope (an inner one's outer locals are unknown).
    const ref: FnRef = { node: fn, env: ctx.env, file: ctx.file, name: facts.name };
    this.callFn(ref, params, this.rootThis(ctx, fn), undefined, 0);
  }

  private callFn(fn: FnRef, args: Val[], thisVal: Val, site: ts.Node | undefined, depth: number, siteCtx?: FileCtx): Val {
    this.tick();
    const ctx = this.files.get(fn.file);
    if (!ctx) return EMPTY;
    // `args.map(signature).join('/')` without the list; a hole (a response interceptor's
    // `[, response]`) is an empty part, as `map` skips it and `join` leaves it empty.
    let key = `${this.fnId(fn)}:${fn.env.id}#`;
    for (let i = 0; i < args.length; i++) key += (i > 0 ? '/' : '') + (i in args ? signature(args[i]) : '');
    key += '#' + signature(thisVal);
    const hit = this.memo.get(key);
    if (hit) {
      if (this.memoObtained.has(key)) this.obtained = true;
      return hit;
    }
    if (this.inProgress.includes(key) || depth > MAX_DEPTH) return this.materialized(joinAll(args));
    this.inProgress.push(key);
    this.analyzed.add(fn.node);
    this.cur?.analyzed.add(fn.node);
    const env = newEnv(fn.env);
    const act: Act = {
      ctx,
      env,
      thisVal,
      ret: EMPTY,
      fn: fn.node,
      depth,
      // A file that never names it has no function body that does: no body facts to work out.
      setsPersistent: (treeFacts(ctx.index).setsPersistent || !flowShortcuts.enabled) && rootFacts(ctx.index, fn.node).setsPersistent,
    };
    const outerObtained = this.obtained;
    const outerRoot = this.rootFn;
    this.obtained = false;
    if (depth === 0) this.rootFn = fn.node;
    try {
      const params = fn.node.parameters;
      for (let i = 0; i < params.length; i++) {
        const p = params[i];
        let v = p.dotDotDotToken ? joinAll(args.slice(i)) : (args[i] ?? EMPTY);
        if (p.initializer) v = join(v, this.expr(act, p.initializer));
        if (site && !isEmpty(v)) {
          v = withStep(v, this.step(siteCtx ?? act.ctx, site, `passed to \`${fn.name}()\` as \`${T.isIdentifier(p.name) ? p.name.text : p.name.getText(ctx.sf)}\``));
        }
        this.bind(act, p.name, v);
      }
      this.hoist(act, fn.node);
      const body = fn.node.body;
      if (body && T.isBlock(body)) this.guardedStatements(act, body.statements);
      else if (body) act.ret = join(act.ret, this.expr(act, body as ts.Expression));
    } finally {
      this.inProgress.pop();
      // A getResponse() returned by a root is nothing the root reads, but whoever else gets this
      // memoised result does get the response.
      if (this.obtained || (depth === 0 && this.rootReturnedResponse)) this.memoObtained.add(key);
      if (depth === 0) this.rootReturnedResponse = false;
      this.obtained ||= outerObtained;
      this.rootFn = outerRoot;
    }
    let ret = act.ret;
    if (ret.resolved) ret = join(ret, ret.resolved);
    this.memo.set(key, ret);
    return ret;
  }

  /**
   * A short number for `file:pos` of a function, for memo keys: the same function gets the same
   * number (as it had the same `file:pos` prefix before), and keys stay short to hash.
   */
  private readonly fnIds = new Map<FunctionNode, number>();
  /** By file, then position (a number key: no `file:pos` string to build and hash per new function). */
  private readonly fnIdsByPlace = new Map<string, Map<number, number>>();
  private placeCount = 0;
  private fnId(fn: FnRef): number {
    let id = this.fnIds.get(fn.node);
    if (id === undefined) {
      let inFile = this.fnIdsByPlace.get(fn.file);
      if (!inFile) this.fnIdsByPlace.set(fn.file, (inFile = new Map()));
      id = inFile.get(fn.node.pos);
      if (id === undefined) inFile.set(fn.node.pos, (id = this.placeCount++));
      this.fnIds.set(fn.node, id);
    }
    return id;
  }

  private step(ctx: FileCtx | string, node: ts.Node, message: string): FlowStep {
    const c = typeof ctx === 'string' ? this.files.get(ctx)! : ctx;
    const start = node.getStart(c.sf);
    return { file: c.file, offset: start, length: node.end - start, message };
  }

  // ---------------------------------------------------------------------------------------------
  // Statements

  private bind(act: Act, name: ts.BindingName, v: Val): void {
    if (T.isIdentifier(name)) {
      declare(act.env, name.text, v);
      return;
    }
    if (T.isObjectBindingPattern(name)) {
      const used: string[] = [];
      for (const el of name.elements) {
        if (el.dotDotDotToken) {
          const rest = v.props ? obj(new Map([...v.props].filter(([k]) => !used.includes(k)))) : v;
          this.bind(act, el.name, join(rest, EMPTY));
          continue;
        }
        const key = propName(el.propertyName ?? (T.isIdentifier(el.name) ? el.name : undefined));
        let pv = key !== undefined ? this.getProp(act, v, key, el) : this.materialized(v);
        if (key !== undefined) used.push(key);
        if (el.initializer) pv = join(pv, this.expr(act, el.initializer));
        this.bind(act, el.name, pv);
      }
      return;
    }
    for (const el of name.elements) {
      if (T.isOmittedExpression(el)) continue;
      let ev = this.elementOf(act, v, el);
      if (el.initializer) ev = join(ev, this.expr(act, el.initializer));
      this.bind(act, el.name, ev);
    }
  }

  private stmt(act: Act, s: ts.Node): void {
    this.tick();
    switch (s.kind) {
      case T.SyntaxKind.VariableStatement: {
        const vs = s as ts.VariableStatement;
        for (const d of vs.declarationList.declarations) {
          const v = d.initializer ? this.expr(act, d.initializer) : EMPTY;
          this.bind(act, d.name, v);
          if (act.env === act.ctx.env && isExported(vs)) for (const n of bindingNames(d.name)) act.ctx.exports.props!.set(n, act.env.vars.get(n) ?? EMPTY);
        }
        return;
      }
      case T.SyntaxKind.ExpressionStatement:
        this.expr(act, (s as ts.ExpressionStatement).expression);
        return;
      case T.SyntaxKind.VariableDeclarationList:
        for (const d of (s as ts.VariableDeclarationList).declarations) this.bind(act, d.name, d.initializer ? this.expr(act, d.initializer) : EMPTY);
        return;
      case T.SyntaxKind.ReturnStatement: {
        const e = (s as ts.ReturnStatement).expression;
        if (e) act.ret = join(act.ret, this.expr(act, e));
        return;
      }
      case T.SyntaxKind.FunctionDeclaration:
      case T.SyntaxKind.ClassDeclaration:
      case T.SyntaxKind.InterfaceDeclaration:
      case T.SyntaxKind.TypeAliasDeclaration:
      case T.SyntaxKind.EnumDeclaration:
      case T.SyntaxKind.ModuleDeclaration:
        return;
      case T.SyntaxKind.ImportDeclaration:
        this.importDecl(act, s as ts.ImportDeclaration);
        return;
      case T.SyntaxKind.ImportEqualsDeclaration: {
        const ie = s as ts.ImportEqualsDeclaration;
        const ref = ie.moduleReference;
        if (T.isExternalModuleReference(ref) && T.isStringLiteral(ref.expression)) declare(act.env, ie.name.text, this.moduleValue(act.ctx, ref.expression.text));
        return;
      }
      case T.SyntaxKind.ExportAssignment: {
        const ea = s as ts.ExportAssignment;
        const v = this.expr(act, ea.expression);
        if (ea.isExportEquals) act.ctx.exports = v.props ? v : join(obj(), v);
        else act.ctx.exports.props!.set('default', v);
        return;
      }
      case T.SyntaxKind.ExportDeclaration: {
        const ed = s as ts.ExportDeclaration;
        const from = ed.moduleSpecifier && T.isStringLiteral(ed.moduleSpecifier) ? this.moduleValue(act.ctx, ed.moduleSpecifier.text) : undefined;
        const clause = ed.exportClause;
        if (!clause && from?.props) for (const [k, v] of from.props) act.ctx.exports.props!.set(k, v);
        else if (clause && T.isNamedExports(clause)) {
          for (const el of clause.elements) {
            const local = (el.propertyName ?? el.name).text;
            const v = from ? this.getProp(act, from, local, el) : (lookupVal(act.env, local) ?? EMPTY);
            act.ctx.exports.props!.set(el.name.text, v);
          }
        } else if (clause && T.isNamespaceExport(clause) && from) act.ctx.exports.props!.set(clause.name.text, from);
        return;
      }
      case T.SyntaxKind.ForOfStatement:
      case T.SyntaxKind.ForInStatement: {
        const f = s as ts.ForOfStatement | ts.ForInStatement;
        const coll = this.expr(act, f.expression);
        const item = T.isForOfStatement(f) ? this.elementOf(act, coll, f.expression) : EMPTY;
        if (T.isVariableDeclarationList(f.initializer)) for (const d of f.initializer.declarations) this.bind(act, d.name, item);
        else this.assign(act, f.initializer, item, f);
        this.stmt(act, f.statement);
        return;
      }
      case T.SyntaxKind.CatchClause: {
        const c = s as ts.CatchClause;
        if (c.variableDeclaration) this.bind(act, c.variableDeclaration.name, EMPTY);
        this.stmt(act, c.block);
        return;
      }
      default:
        T.forEachChild(s, (c) => {
          if (isFunctionNode(c)) return;
          if (isExpressionNode(c)) this.expr(act, c as ts.Expression);
          else this.stmt(act, c);
        });
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Expressions

  private exprDepth = 0;

  private expr(act: Act, n: ts.Expression): Val {
    this.tick();
    // Deeper than any hand-written code: generated expressions must not overflow the stack.
    if (this.exprDepth > MAX_EXPR_DEPTH) return EMPTY;
    this.exprDepth++;
    let v: Val;
    try {
      v = this.exprInner(act, n);
    } finally {
      this.exprDepth--;
    }
    // Kept for finding the carrier inside a sink's arguments (`carrier()`): only values that may
    // carry data, and only for the nodes it looks at, so most expressions skip the map.
    if (inCarrierPosition(n)) {
      if (mayCarry(v)) this.nodeVals.set(n, v);
      else if (this.nodeVals.size) this.nodeVals.delete(n);
    }
    return v;
  }

  private exprInner(act: Act, n: ts.Expression): Val {
    switch (n.kind) {
      case T.SyntaxKind.Identifier: {
        const name = (n as ts.Identifier).text;
        const hit = lookupVal(act.env, name);
        if (hit) return hit;
        if (name === 'undefined') return EMPTY;
        const g = libOfGlobal(name);
        return g ? { libs: [g] } : EMPTY;
      }
      case T.SyntaxKind.StringLiteral:
      case T.SyntaxKind.NoSubstitutionTemplateLiteral:
        return strVal((n as ts.StringLiteral).text);
      case T.SyntaxKind.ThisKeyword:
        return act.thisVal;
      case T.SyntaxKind.TemplateExpression:
        return this.template(act, n as ts.TemplateExpression);
      case T.SyntaxKind.ParenthesizedExpression:
      case T.SyntaxKind.AsExpression:
      case T.SyntaxKind.NonNullExpression:
      case T.SyntaxKind.TypeAssertionExpression:
      case T.SyntaxKind.SatisfiesExpression:
        return this.expr(act, (n as ts.ParenthesizedExpression).expression);
      case T.SyntaxKind.AwaitExpression: {
        const v = this.expr(act, (n as ts.AwaitExpression).expression);
        return v.resolved ? join(v, v.resolved) : v;
      }
      case T.SyntaxKind.YieldExpression: {
        const e = (n as ts.YieldExpression).expression;
        return e ? this.expr(act, e) : EMPTY;
      }
      case T.SyntaxKind.SpreadElement:
        return this.expr(act, (n as ts.SpreadElement).expression);
      case T.SyntaxKind.ConditionalExpression: {
        const c = n as ts.ConditionalExpression;
        this.expr(act, c.condition);
        return join(this.expr(act, c.whenTrue), this.expr(act, c.whenFalse));
      }
      case T.SyntaxKind.BinaryExpression:
        return this.binary(act, n as ts.BinaryExpression);
      case T.SyntaxKind.PrefixUnaryExpression:
      case T.SyntaxKind.PostfixUnaryExpression:
        this.expr(act, (n as ts.PrefixUnaryExpression).operand);
        return EMPTY;
      case T.SyntaxKind.TypeOfExpression:
      case T.SyntaxKind.VoidExpression:
      case T.SyntaxKind.DeleteExpression:
        this.expr(act, (n as ts.TypeOfExpression).expression);
        return EMPTY;
      case T.SyntaxKind.PropertyAccessExpression:
      case T.SyntaxKind.ElementAccessExpression:
        return this.access(act, n as ts.PropertyAccessExpression | ts.ElementAccessExpression);
      case T.SyntaxKind.CallExpression:
        return this.call(act, n as ts.CallExpression);
      case T.SyntaxKind.NewExpression:
        return this.newExpr(act, n as ts.NewExpression);
      case T.SyntaxKind.ObjectLiteralExpression:
        return this.objectLiteral(act, n as ts.ObjectLiteralExpression);
      case T.SyntaxKind.ArrayLiteralExpression: {
        const v = joinAll((n as ts.ArrayLiteralExpression).elements.map((el) => this.expr(act, el)));
        // A new array: its own value, so that pushing into it does not write into an element.
        return copyVal(v);
      }
      case T.SyntaxKind.ArrowFunction:
      case T.SyntaxKind.FunctionExpression:
        return this.fnVal(act, n as FunctionNode);
      case T.SyntaxKind.ClassExpression:
        return this.classVal(act, n as ts.ClassExpression);
      // Leaves: nothing below them to evaluate (the default case would make a visitor to find so).
      case T.SyntaxKind.NumericLiteral:
      case T.SyntaxKind.BigIntLiteral:
      case T.SyntaxKind.RegularExpressionLiteral:
      case T.SyntaxKind.TrueKeyword:
      case T.SyntaxKind.FalseKeyword:
      case T.SyntaxKind.NullKeyword:
      case T.SyntaxKind.SuperKeyword:
        return EMPTY;
      case T.SyntaxKind.TaggedTemplateExpression: {
        const t = n as ts.TaggedTemplateExpression;
        this.expr(act, t.tag);
        return this.materialized(this.expr(act, t.template));
      }
      default:
        T.forEachChild(n, (c) => {
          if (isExpressionNode(c)) this.expr(act, c as ts.Expression);
        });
        return EMPTY;
    }
  }

  private template(act: Act, t: ts.TemplateExpression): Val {
    let strs = [t.head.text];
    let taints: Val = EMPTY;
    for (const span of t.templateSpans) {
      const v = this.expr(act, span.expression);
      taints = join(taints, this.materialized(v));
      const parts = v.strs?.length ? v.strs : [`{${T.isIdentifier(span.expression) ? span.expression.text : '…'}}`];
      strs = products(strs, parts, span.literal.text);
    }
    return join(taints, strList(strs));
  }

  private binary(act: Act, b: ts.BinaryExpression): Val {
    const op = b.operatorToken.kind;
    if (op === T.SyntaxKind.EqualsToken) {
      const v = this.expr(act, b.right);
      this.assign(act, b.left, v, b);
      return v;
    }
    if (op === T.SyntaxKind.PlusEqualsToken || op === T.SyntaxKind.BarBarEqualsToken || op === T.SyntaxKind.QuestionQuestionEqualsToken || op === T.SyntaxKind.AmpersandAmpersandEqualsToken) {
      const old = this.expr(act, b.left);
      const r = this.expr(act, b.right);
      const v = op === T.SyntaxKind.PlusEqualsToken ? join(this.materialized(join(old, r)), concatStrs(old, r)) : join(old, r);
      this.assign(act, b.left, v, b);
      return v;
    }
    if (op === T.SyntaxKind.PlusToken && T.isBinaryExpression(b.left) && b.left.operatorToken.kind === T.SyntaxKind.PlusToken) {
      // `a + b + c + ...` nests to the left: walk the chain in a loop, not by recursion.
      const operands: ts.Expression[] = [b.right];
      let left: ts.Expression = b.left;
      while (T.isBinaryExpression(left) && left.operatorToken.kind === T.SyntaxKind.PlusToken) {
        operands.push(left.right);
        left = left.left;
      }
      operands.push(left);
      operands.reverse();
      let acc = this.expr(act, operands[0]);
      let data: Val = this.materialized(acc);
      for (let i = 1; i < operands.length; i++) {
        const r = this.expr(act, operands[i]);
        data = join(data, this.materialized(r));
        acc = concatStrs(acc, r);
      }
      return join(data, acc);
    }
    const l = this.expr(act, b.left);
    const r = this.expr(act, b.right);
    switch (op) {
      case T.SyntaxKind.PlusToken:
        return join(this.materialized(join(l, r)), concatStrs(l, r));
      case T.SyntaxKind.BarBarToken:
      case T.SyntaxKind.QuestionQuestionToken:
      case T.SyntaxKind.AmpersandAmpersandToken:
        return join(l, r);
      case T.SyntaxKind.CommaToken:
        return r;
      default:
        return EMPTY;
    }
  }

  private assign(act: Act, target: ts.Node, v: Val, at: ts.Node): void {
    const t = T.isExpression(target) ? unwrap(target) : target;
    if (T.isIdentifier(t)) {
      const hit = lookup(act.env, t.text);
      if (hit) {
        this.wrote(hit.env);
        hit.env.vars.set(t.text, join(hit.val, v));
      } else {
        this.wrote(act.ctx.env);
        declare(act.ctx.env, t.text, v);
      }
      return;
    }
    if (T.isPropertyAccessExpression(t) || T.isElementAccessExpression(t)) {
      const base = this.expr(act, t.expression);
      const key = T.isPropertyAccessExpression(t) ? t.name.text : this.constKey(act, t.argumentExpression);
      if (base.tags?.has('module') && key === 'exports') {
        this.moduleWritten = true;
        act.ctx.exports = v.props ? v : join(obj(), v);
        return;
      }
      if (base.tags?.has('this') && key === 'attributes') this.v1AttributeWrite(act, at, v, t);
      if (base.tags?.has('v1-attributes')) this.v1AttributeWrite(act, at, v, t);
      if (base.tags?.has('persistent-attributes') && !act.setsPersistent) this.attributeWrite(act, at, v, t);
      if (base === this.sessionAttributes && this.deepTaints(v).size > 0) {
        this.sessionWritten = true;
        if (this.cur) this.cur.sessionWritten = true;
      }
      if (Object.isFrozen(base)) return;
      if (key === undefined) {
        this.beforeWrite(base, 'absorb', undefined, v);
        absorbInto(base, v);
        return;
      }
      const shared = this.beforeWrite(base, 'set', key, v);
      if (!base.props) base.props = new Map();
      const old = base.props.get(key);
      const nv = old ? join(old, v) : v;
      base.props.set(key, nv);
      if (shared) this.sharedVals.add(nv);
      return;
    }
    if (T.isObjectLiteralExpression(t) || T.isArrayLiteralExpression(t)) {
      for (const p of T.isObjectLiteralExpression(t) ? t.properties : t.elements) {
        if (T.isShorthandPropertyAssignment(p)) this.assign(act, p.name, this.getProp(act, v, p.name.text, p), at);
        else if (T.isPropertyAssignment(p)) {
          const k = propName(p.name);
          this.assign(act, p.initializer, k !== undefined ? this.getProp(act, v, k, p) : this.materialized(v), at);
        } else if (T.isExpression(p)) this.assign(act, p, this.elementOf(act, v, p), at);
      }
    }
  }

  private constKey(act: Act, e: ts.Expression): string | undefined {
    const u = unwrap(e);
    if (T.isStringLiteral(u) || T.isNumericLiteral(u) || T.isNoSubstitutionTemplateLiteral(u)) return u.text;
    const v = this.expr(act, u);
    return v.strs?.length === 1 && !v.strs[0].includes('{') ? v.strs[0] : undefined;
  }

  private objectLiteral(act: Act, o: ts.ObjectLiteralExpression): Val {
    const props = new Map<string, Val>();
    let extra: Val = EMPTY;
    for (const p of o.properties) {
      if (T.isPropertyAssignment(p)) {
        const v = this.expr(act, p.initializer);
        const k = T.isComputedPropertyName(p.name) ? this.constKey(act, p.name.expression) : propName(p.name);
        if (k !== undefined) props.set(k, v);
        else extra = join(extra, this.materialized(v));
      } else if (T.isShorthandPropertyAssignment(p)) {
        const v = this.expr(act, p.name);
        props.set(p.name.text, v);
      } else if (T.isSpreadAssignment(p)) {
        const v = this.expr(act, p.expression);
        if (v.props) for (const [k, x] of v.props) props.set(k, x);
        extra = join(extra, { taints: v.taints, env: v.env });
      } else if (T.isMethodDeclaration(p) || T.isGetAccessorDeclaration(p) || T.isSetAccessorDeclaration(p)) {
        const k = propName(p.name);
        if (k !== undefined) props.set(k, this.fnVal(act, p));
      }
    }
    const v = obj(props, { node: o, file: act.ctx.file });
    if (extra.taints) v.taints = extra.taints;
    if (extra.env) v.env = extra.env;
    return v;
  }

  private elementOf(_act: Act, v: Val, _at: ts.Node): Val {
    if (v.env?.length) return copyVal(this.materialized({ taints: v.taints }), v.env.map((e) => envRef(e, [...e.path, '*'])));
    if (v.props && !v.libs) return join(this.materialized({ taints: v.taints }), joinAll([...v.props.values()]));
    return v;
  }

  private access(act: Act, n: ts.PropertyAccessExpression | ts.ElementAccessExpression): Val {
    const base = this.expr(act, n.expression);
    const key = T.isPropertyAccessExpression(n) ? n.name.text : this.constKey(act, n.argumentExpression);
    const v = key === undefined ? this.elementOf(act, base, n) : this.getProp(act, base, key, n);
    if (v.env?.length && this.isMaximal(n)) for (const e of v.env) if (e.path.length > 0) this.envTaint(e);
    return v;
  }

  /** The outermost access of a chain that is not called: where a read of the envelope counts as seen. */
  private isMaximal(n: ts.Node): boolean {
    const p = n.parent;
    if ((T.isPropertyAccessExpression(p) || T.isElementAccessExpression(p)) && p.expression === n) return false;
    if (T.isCallExpression(p) && p.expression === n) return false;
    if (T.isNonNullExpression(p) || T.isParenthesizedExpression(p)) return this.isMaximal(p);
    // `const { apiEndpoint } = ...context.System`: the parts bound are what is read.
    if (T.isVariableDeclaration(p) && p.initializer === n && !T.isIdentifier(p.name)) return false;
    return true;
  }

  /** What reading property `key` of `base` gives. */
  private getProp(act: Act, base: Val, key: string, node: ts.Node): Val {
    if (key === 'requestEnvelope') return { env: [{ path: [], node, file: act.ctx.file, steps: [] }] };
    if (key === 'attributesManager') return tagVal('attributes-manager');
    if (key === 'serviceClientFactory') return tagVal('service-client-factory');
    if (key === 'responseBuilder') return tagVal('response-builder');
    if (base.tags?.has('this')) {
      if (key === 'event') return { env: [{ path: [], node, file: act.ctx.file, steps: [] }] };
      if (key === 'attributes') {
        this.obtained = true;
        return this.v1Attributes;
      }
    }
    if (base.tags?.has('module') && key === 'exports') return act.ctx.exports;
    let out: Val = EMPTY;
    const known = base.props?.get(key);
    if (known) out = known;
    if (base.env?.length) {
      // One part (nearly always) in a list of one: pushed into an empty list, it made room for 16.
      const one = base.env.length === 1 ? base.env[0] : undefined;
      const env: EnvRef[] = one ? (one.path.length < 12 ? [{ path: [...one.path, key], node, file: act.ctx.file, steps: one.steps }] : []) : [];
      if (!one) for (const e of base.env) if (e.path.length < 12) env.push({ path: [...e.path, key], node, file: act.ctx.file, steps: e.steps });
      out = join(out, { env });
      if (key === 'apiEndpoint' && base.env.some((e) => e.path[e.path.length - 1] === 'System')) out = join(out, strVal('https://api.amazonalexa.com'));
    }
    if (base.libs?.length) {
      const one = base.libs.length === 1 ? base.libs[0] : undefined;
      out = join(out, { libs: one ? [libAt(one, [...one.path, key])] : base.libs.map((l) => libAt(l, [...l.path, key])) });
    }
    if (!known && (base.tags?.has('persistent-attributes') || base.tags?.has('session-attributes') || base.tags?.has('v1-attributes'))) {
      const store = base.tags.has('session-attributes') ? 'session' : 'persistent';
      const tpl = attributeSource(key, store);
      if (tpl) out = join(out, this.taintAt(act.ctx, tpl, node));
    }
    if (base.taints?.size && key !== 'length' && !known) out = join(out, { taints: base.taints });
    if (!known && !base.lit && base.props && !base.tags && !base.libs) {
      // An object of unknown origin (a parameter someone filled): its other parts may be anything it holds.
      out = join(out, { taints: this.deepTaints(base) });
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Calls

  private call(act: Act, c: ts.CallExpression): Val {
    const callee = unwrap(c.expression);
    if (T.isIdentifier(callee) && callee.text === 'require' && c.arguments[0] && T.isStringLiteral(c.arguments[0])) return this.moduleValue(act.ctx, c.arguments[0].text);
    if (callee.kind === T.SyntaxKind.ImportKeyword && c.arguments[0] && T.isStringLiteral(c.arguments[0])) {
      const m = this.moduleValue(act.ctx, c.arguments[0].text);
      return withResolved(m);
    }
    let recv: Val = EMPTY;
    let method: string | undefined;
    let fnv: Val;
    if (T.isPropertyAccessExpression(callee) || T.isElementAccessExpression(callee)) {
      recv = this.expr(act, callee.expression);
      method = T.isPropertyAccessExpression(callee) ? callee.name.text : this.constKey(act, callee.argumentExpression);
      fnv = method !== undefined ? this.getProp(act, recv, method, callee) : EMPTY;
      // Not kept in `nodeVals`: `carrier()` looks up only parts of an await, template, binary,
      // conditional, array, spread or object literal (and their unwrapped forms), and a callee's
      // parent, through any wrappers, is its call. Kept, it grew the map by one entry per method call.
    } else {
      fnv = this.expr(act, callee);
      method = T.isIdentifier(callee) ? callee.text : undefined;
    }
    // The tree's own list: the callees only read it. The values' list at its length: pushed into an
    // empty one, its first item made room for 16 (nearly all of a call's own allocation).
    const argNodes = c.arguments;
    const args = new Array<Val>(argNodes.length);
    for (let i = 0; i < argNodes.length; i++) args[i] = this.expr(act, argNodes[i]);
    return this.invoke(act, c, callee, recv, method, fnv, argNodes, args, false);
  }

  private newExpr(act: Act, n: ts.NewExpression): Val {
    const callee = unwrap(n.expression);
    const fnv = this.expr(act, callee);
    const argNodes = [...(n.arguments ?? [])];
    const args = argNodes.map((a) => this.expr(act, a));
    const method = T.isIdentifier(callee) ? callee.text : T.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    if (method === 'Promise' && !fnv.libs?.length) {
      // new Promise((resolve, reject) => ...): what the executor passes to `resolve` is the promise's value.
      const resolved: Val = {};
      const resolver: Val = { tags: new Set(['resolver']), resolved };
      for (const a of args) for (const f of a.fns ?? []) this.callFn(f, [resolver, EMPTY], EMPTY, undefined, act.depth + 1);
      return { resolved: isEmpty(resolved) ? undefined : resolved };
    }
    if (fnv.cls) return this.instantiate(act, fnv, args, n);
    return this.invoke(act, n, callee, EMPTY, method, fnv, argNodes, args, true);
  }

  private instantiate(act: Act, cv: Val, args: Val[], site: ts.Node): Val {
    const cls = cv.cls!;
    this.cur?.touched.add(cls.node);
    const props = new Map<string, Val>();
    let ctor: ts.ConstructorDeclaration | undefined;
    for (const m of cls.node.members) {
      if (T.isConstructorDeclaration(m)) ctor = m;
      else if ((T.isMethodDeclaration(m) || T.isGetAccessorDeclaration(m)) && !m.modifiers?.some((x) => x.kind === T.SyntaxKind.StaticKeyword)) {
        const k = propName(m.name);
        if (k) props.set(k, { fns: [{ node: m, env: cls.env, file: cls.file, name: k }] });
      }
    }
    const inst = obj(props);
    // Fields (`private logger = pino()`) are set before the constructor body runs.
    const ctx = this.files.get(cls.file);
    if (ctx) {
      const fieldAct: Act = { ctx, env: newEnv(cls.env), thisVal: inst, ret: EMPTY, fn: undefined, depth: act.depth + 1, setsPersistent: false };
      for (const m of cls.node.members) {
        if (!T.isPropertyDeclaration(m) || !m.initializer || m.modifiers?.some((x) => x.kind === T.SyntaxKind.StaticKeyword)) continue;
        const k = propName(m.name);
        if (k) props.set(k, this.expr(fieldAct, m.initializer));
      }
    }
    if (ctor) this.callFn({ node: ctor, env: cls.env, file: cls.file, name: 'constructor' }, args, inst, site, act.depth + 1, act.ctx);
    return inst;
  }

  /** `this` of a class method analysed on its own: an instance made with unknown arguments. */
  private readonly rootInstances = new Map<ts.Node, Val>();
  private rootThis(ctx: FileCtx, fn: FunctionNode): Val {
    const cls = fn.parent;
    if (!cls || !(T.isClassDeclaration(cls) || T.isClassExpression(cls)) || fn.modifiers?.some((x) => x.kind === T.SyntaxKind.StaticKeyword)) return tagVal('this');
    // One instance per class for all its methods: what one method stores in it, another reads.
    this.obtained = true;
    if (this.cur) this.cur.opaque = true;
    let inst = this.rootInstances.get(cls);
    if (!inst) {
      inst = tagVal('this', new Map());
      this.rootInstances.set(cls, inst);
      const act: Act = { ctx, env: ctx.env, thisVal: EMPTY, ret: EMPTY, fn: undefined, depth: 0, setsPersistent: false };
      const made = this.instantiate(act, { cls: { node: cls, env: ctx.env, file: ctx.file } }, [], cls);
      for (const [k, v] of made.props ?? []) inst.props!.set(k, v);
    }
    return inst;
  }

  private invoke(act: Act, node: ts.CallExpression | ts.NewExpression, callee: ts.Expression, recv: Val, method: string | undefined, fnv: Val, argNodes: readonly ts.Expression[], args: Val[], isNew: boolean): Val {
    let result: Val = EMPTY;
    let handled = false;
    if (method && THEN.has(method) && !fnv.fns?.length) return this.unknownCall(act, recv, method, args, node);

    // Local functions, `.call` and `.apply`.
    if ((method === 'call' || method === 'apply') && recv.fns?.length) {
      const thisArg = args[0] ?? EMPTY;
      const rest = method === 'apply' ? [this.elementOf(act, args[1] ?? EMPTY, node)] : args.slice(1);
      for (const f of recv.fns) result = join(result, this.callFn(f, rest, thisArg, node, act.depth + 1, act.ctx));
      return result;
    }
    if (fnv.fns?.length) {
      handled = true;
      const named = fnv.fns.length === 1 ? fnv.fns[0].name : 'function';
      for (const f of fnv.fns) result = join(result, this.callFn(f, args, recv, node, act.depth + 1, act.ctx));
      if (result.taints?.size || result.env?.length) result = withStep(result, this.step(act.ctx, node, `returned by \`${named}()\``));
    }

    if (fnv.tags?.has('resolver')) {
      for (const a of args) {
        this.beforeWrite(fnv.resolved!, 'absorb', undefined, a);
        absorbInto(fnv.resolved!, a);
      }
      return EMPTY;
    }

    // Libraries.
    for (const lib of fnv.libs ?? []) {
      handled = true;
      if (lib.lib === 'ask') {
        result = join(result, this.askCall(act, node, lib, args));
        continue;
      }
      const rule = classifyLibCall(lib, isNew);
      if (!rule) {
        result = join(join(result, { libs: [libAt(lib, [...lib.path, isNew ? NEW : CALL])] }), this.materialized(recv));
        this.callbacks(act, args, this.materialized(recv));
        continue;
      }
      if (rule.t === 'lib') {
        const base = rule.baseUrl ? this.urlsOf(args, rule.baseUrl) : undefined;
        result = join(result, { libs: [{ lib: rule.result.lib, path: rule.result.path, base: base?.length ? base : lib.base }] });
        continue;
      }
      result = join(result, this.sinkCall(act, node, callee, lib, rule, argNodes, args));
    }

    // Objects of the Alexa SDK, known by their API.
    if (recv.tags?.size && method) {
      const r = this.sdkMethod(act, node, recv, method, argNodes, args);
      if (r) {
        handled = true;
        result = join(result, r);
      }
    }
    if (handled) return result;
    return this.unknownCall(act, recv, method, args, node);
  }

  /** A call the pass knows nothing about: what goes in may come out; callbacks run. */
  private unknownCall(act: Act, recv: Val, method: string | undefined, args: Val[], node: ts.Node): Val {
    if (method && THEN.has(method)) {
      const awaited = recv.resolved ? join(recv, recv.resolved) : recv;
      let out: Val = EMPTY;
      for (const a of args) for (const f of a.fns ?? []) out = join(out, this.callFn(f, [method === 'catch' ? EMPTY : awaited], EMPTY, undefined, act.depth + 1));
      return method === 'finally' ? recv : out;
    }
    if (method && ARRAY_CB.has(method) && !recv.fns) {
      const item = this.elementOf(act, recv, node);
      let out: Val = EMPTY;
      for (const a of args) for (const f of a.fns ?? []) out = join(out, this.callFn(f, method.startsWith('reduce') ? [EMPTY, item] : [item, EMPTY], EMPTY, undefined, act.depth + 1));
      if (method === 'map' || method === 'flatMap') return out;
      if (method.startsWith('reduce')) return join(out, args[1] ?? EMPTY);
      if (method === 'forEach' || PREDICATES.has(method)) return EMPTY;
      return recv;
    }
    if (method && MUTATORS.has(method) && !Object.isFrozen(recv)) {
      for (const a of args) {
        const m = this.materialized(a);
        this.beforeWrite(recv, 'absorb', undefined, m);
        absorbInto(recv, m);
      }
      return recv;
    }
    if (method === 'assign' && args[0] && !Object.isFrozen(args[0])) {
      const target = args[0];
      for (const a of args.slice(1)) {
        if (a.props) {
          if (!target.props) {
            this.beforeWrite(target, 'put', undefined, a);
            target.props = new Map();
          }
          for (const [k, v] of a.props) {
            if (this.beforeWrite(target, 'put', k, v)) this.sharedVals.add(v);
            target.props.set(k, v);
          }
        }
        this.beforeWrite(target, 'absorb', undefined, a);
        absorbInto(target, { taints: a.taints, env: a.env });
      }
      return target;
    }
    if (method === 'resolve' || method === 'all' || method === 'allSettled' || method === 'race' || method === 'any') return joinAll(args);
    // A method of the envelope or of handlerInput itself (`handlerInput.t('WELCOME')`) does not
    // return the envelope; a method of a value read from it (`phone.trim()`) returns that value.
    const own: Val = recv.env?.some((e) => e.path.length === 0) ? copyVal(recv, recv.env.filter((e) => e.path.length > 0)) : recv;
    const data = this.materialized(joinAll([own, ...args]));
    this.callbacks(act, args, own.taints?.size || own.env?.length ? this.materialized(own) : EMPTY);
    if (method && PREDICATES.has(method)) return EMPTY;
    return data;
  }

  /** Functions passed to code the pass cannot see are called by it, with what it may hold. */
  private callbacks(act: Act, args: Val[], param: Val): void {
    for (const a of args) for (const f of a.fns ?? []) this.callFn(f, [param, param], EMPTY, undefined, act.depth + 1);
  }

  private askCall(act: Act, node: ts.Node, lib: LibVal, args: Val[]): Val {
    const m = lib.path[lib.path.length - 1];
    switch (m) {
      case 'getSlotValue':
      case 'getSlotValueV2':
      case 'getSlot': {
        const s = args[1]?.strs;
        const p = ['request', 'intent', 'slots', s?.length === 1 && !s[0].includes('{') ? s[0] : '*'];
        if (m !== 'getSlot') p.push('value');
        const ref: EnvRef = { path: p, node, file: act.ctx.file, steps: [] };
        if (m === 'getSlot') {
          this.noteSlotRead(ref);
          return { env: [ref] };
        }
        const t = this.envTaint(ref);
        return t ? withTaints([t]) : EMPTY;
      }
      case 'getRequest':
        return { env: (args[0]?.env ?? []).map((e) => envRef(e, [...e.path, 'request'], node)) };
      case 'getUserId':
      case 'getDeviceId': {
        const tpl = alexaHelperSource(m);
        return tpl ? this.taintAt(act.ctx, tpl, node) : EMPTY;
      }
      case 'handler':
        return tagVal('this');
      default:
        if (m && PREDICATES.has(m)) return EMPTY;
        if (lib.path.length === 0 || m === 'SkillBuilders' || lib.path.includes('SkillBuilders') || lib.path.includes(CALL)) {
          this.callbacks(act, args, EMPTY);
          return { libs: [libAt(lib, [...lib.path, CALL])] };
        }
        return this.materialized(joinAll(args));
    }
  }

  private sdkMethod(act: Act, node: ts.CallExpression | ts.NewExpression, recv: Val, m: string, argNodes: readonly ts.Expression[], args: Val[]): Val | undefined {
    const t = recv.tags!;
    if (t.has('response-builder')) {
      if (m === 'getResponse') {
        if (act.depth === 0 && act.fn !== undefined && act.fn === this.rootFn && returnedBy(node, act.fn)) this.rootReturnedResponse = true;
        else this.obtained = true;
        return this.response;
      }
      // speak, reprompt, cards, directives: what goes in is in the response; the builder chains.
      const said = this.materialized(joinAll(args));
      if (mayCarry(said)) {
        const put = withStep(said, this.step(act.ctx, node, `put in the response by \`${m}()\``));
        this.beforeWrite(this.response, 'absorb', undefined, put);
        absorbInto(this.response, put);
        this.responseWritten = true;
        if (this.cur) this.cur.responseWritten = true;
      }
      return recv;
    }
    if (t.has('attributes-manager')) {
      switch (m) {
        case 'getPersistentAttributes': {
          const v = tagVal('persistent-attributes', new Map());
          return withResolved(v);
        }
        case 'getSessionAttributes':
          this.obtained = true;
          return this.sessionAttributes;
        case 'getRequestAttributes':
          return tagVal('session-attributes', new Map());
        case 'setPersistentAttributes':
          this.sinkCall(act, node, (node as ts.CallExpression).expression, undefined, { t: 'sink', kind: 'persist', destination: 'persistent attributes', store: 'attributes', item: { arg: 0 } }, argNodes, args);
          return EMPTY;
        default:
          return EMPTY;
      }
    }
    if (t.has('service-client-factory')) {
      if (m === 'getUpsServiceClient') return tagVal('ups-client');
      if (m === 'getDeviceAddressServiceClient') return tagVal('address-client');
      // Reminders, lists, directives...: their answers are Amazon's, not the data sent to them.
      return tagVal('alexa-client');
    }
    if (t.has('ups-client') || t.has('address-client')) {
      const tpl = t.has('ups-client') ? profileSource(m) : addressSource(m);
      if (!tpl) return EMPTY;
      const v = this.taintAt(act.ctx, tpl, node);
      return withResolved(v);
    }
    if (t.has('alexa-client')) return EMPTY;
    if (t.has('this') && (m === 'emit' || m === 't')) return EMPTY;
    return undefined;
  }

  // ---------------------------------------------------------------------------------------------
  // Sinks

  private urlsOf(args: Val[], shape: { arg: number; keys?: string[]; either?: boolean }): string[] {
    const a = args[shape.arg];
    if (!a) return [];
    const out: string[] = [];
    if ((!shape.keys || shape.either) && a.strs) out.push(...a.strs);
    if (shape.keys && a.props) {
      for (const k of shape.keys) {
        const v = a.props.get(k);
        if (v?.strs) out.push(...v.strs);
      }
      const p = a.props.get('path')?.strs;
      if (p && out.length) return out.flatMap((o) => p.map((x) => o + x));
    }
    return out;
  }

  private sinkCall(act: Act, node: ts.Node, callee: ts.Expression, lib: LibVal | undefined, rule: Extract<CallRule, { t: 'sink' }>, argNodes: readonly ts.Expression[], args: Val[]): Val {
    const sf = act.ctx.sf;
    if (rule.requireKey && !args[0]?.props?.has(rule.requireKey)) return lib ? { libs: [libAt(lib, [...lib.path, CALL])] } : EMPTY;
    const start = node.getStart(sf);
    const calleeText = callee.getText(sf).replace(/\s+/g, '');
    const shortCallee = calleeText.length > 40 ? calleeText.split('.').slice(-2).join('.') : calleeText;
    let urls: string[] = [];
    let host: string | undefined;
    let result: Val = rule.result ? { libs: [{ lib: rule.result.lib, path: rule.result.path, base: lib?.base }] } : lib ? { libs: [libAt(lib, [...lib.path, CALL])] } : EMPTY;
    if (rule.kind === 'http') {
      urls = rule.url ? this.urlsOf(args, rule.url) : [];
      if (lib?.base?.length) urls = urls.length ? lib.base.flatMap((b) => urls.map((u) => (hostOf(u) ? u : b + u))) : lib.base;
      host = urls.map(hostOf).find((h) => h !== undefined);
      // A request object made here (`https.request(opts)`, superagent's chain) writes to the same URL later.
      if (rule.result && urls.length) result = { libs: [{ lib: rule.result.lib, path: rule.result.path, base: urls }] };
      const rest = urls.map(alexaApiSource).find((s) => s !== undefined);
      if (rest) {
        const v = this.taintAt(act.ctx, rest, node);
        result = join(result, withResolved(v));
        this.callbacks(act, args, v);
      } else this.callbacks(act, args, EMPTY);
    } else this.callbacks(act, args, EMPTY);
    const isNewNode = T.isNewExpression(node);
    const description = rule.kind === 'http'
      ? `\`${shortCallee}\` to ${host ?? 'a URL the analysis could not resolve'}`
      : rule.kind === 'persist' || rule.kind === 'messaging' || rule.kind === 'analytics'
        ? `\`${isNewNode ? `new ${shortCallee}` : shortCallee}\` (${rule.destination})`
        : `\`${shortCallee}\``;
    const sink: Sink = {
      id: `${act.ctx.file}:${start}`,
      file: act.ctx.file,
      offset: start,
      length: node.end - start,
      kind: rule.kind as SinkKind,
      description,
      destination: rule.kind === 'http' ? host : rule.destination,
    };
    if (rule.kind === 'persist') sink.persist = this.persistFacts(act, node, rule, argNodes, args);
    if (sink.persist) {
      this.writes.set(sink.id, sink);
      this.cur?.writes.set(sink.id, sink);
    }
    const data = rule.dataArgs ?? argNodes.map((_, i) => i);
    for (const i of data) if (argNodes[i]) this.recordFlows(act, sink, argNodes[i], args[i]);
    return result;
  }

  private persistFacts(act: Act, node: ts.Node, rule: Extract<CallRule, { t: 'sink' }>, argNodes: readonly ts.Expression[], args: Val[]): PersistFacts {
    const sf = act.ctx.sf;
    const store = rule.store ?? 'other';
    let itemNode: ts.Expression | undefined;
    let itemVal: Val | undefined;
    if (rule.item) {
      itemNode = argNodes[rule.item.arg];
      itemVal = args[rule.item.arg];
      if (rule.item.key) {
        itemVal = itemVal?.props?.get(rule.item.key);
        const lit = itemNode && unwrap(itemNode);
        itemNode = undefined;
        if (lit && T.isObjectLiteralExpression(lit)) {
          for (const p of lit.properties) {
            if (propName(p.name) !== rule.item.key) continue;
            if (T.isPropertyAssignment(p)) itemNode = p.initializer;
            else if (T.isShorthandPropertyAssignment(p)) itemNode = p.name;
          }
        }
      }
    }
    let carriesExpiry = false;
    if (itemVal) carriesExpiry = hasExpiryProp(itemVal);
    if (!rule.item || (rule.item.key === undefined && !itemVal?.props)) {
      // Updates name the expiry in their expression (`SET expiresAt = :e`); redis in its options.
      const text = node.getText(sf);
      carriesExpiry ||= EXPIRY_WORD.test(text) || args.some((a) => mentionsExpiry(a));
      if (store === 'redis') carriesExpiry ||= /['"`](EX|PX|EXAT|PXAT)['"`]|\b(EX|PX)\s*:/.test(text) || /\.(p?setex|pSetEx|setEx)\s*\(/i.test(text);
    }
    const facts: PersistFacts = { store, carriesExpiry };
    const table = args[0]?.props?.get('TableName')?.strs ?? args[0]?.props?.get('Bucket')?.strs;
    if (table?.length === 1 && !table[0].includes('{')) facts.table = table[0];
    const u = itemNode && unwrap(itemNode);
    if (u && T.isObjectLiteralExpression(u)) facts.objectLiteral = { file: act.ctx.file, offset: u.getStart(sf), length: u.end - u.getStart(sf) };
    else if (itemVal?.lit && itemVal.lit.file === act.ctx.file) facts.objectLiteral = { file: itemVal.lit.file, offset: itemVal.lit.node.getStart(sf), length: itemVal.lit.node.end - itemVal.lit.node.getStart(sf) };
    else if (u && (T.isIdentifier(u) || T.isPropertyAccessExpression(u))) {
      const st = enclosingStatement(node);
      if (st) facts.variable = { name: u.getText(sf), statement: { file: act.ctx.file, offset: st.getStart(sf), length: st.end - st.getStart(sf) } };
    }
    return facts;
  }

  /** ask-sdk persistent attributes changed in place and saved (`attributes.x = v; savePersistentAttributes()`). */
  private attributeWrite(act: Act, at: ts.Node, v: Val, target: ts.Expression): void {
    this.assignmentSink(act, at, v, target, 'persistent attributes', '`%` (persistent attributes)', undefined, hasExpiryName(target));
  }

  /** alexa-sdk v1 `this.attributes.x = v`: saved to DynamoDB when the skill sets `dynamoDBTableName`. */
  private v1AttributeWrite(act: Act, at: ts.Node, v: Val, target: ts.Expression): void {
    if (!this.v1Table) return;
    this.assignmentSink(act, at, v, target, 'DynamoDB', '`%` (alexa-sdk attributes saved to DynamoDB)', 'this.attributes', this.v1Expiry || hasExpiryName(target));
  }

  private assignmentSink(act: Act, at: ts.Node, v: Val, target: ts.Expression, destination: string, template: string, variable: string | undefined, carriesExpiry: boolean): void {
    const sf = act.ctx.sf;
    const start = at.getStart(sf);
    const st = enclosingStatement(at);
    const base = T.isPropertyAccessExpression(target) || T.isElementAccessExpression(target) ? target.expression : target;
    const sink: Sink = {
      id: `${act.ctx.file}:${start}`,
      file: act.ctx.file,
      offset: start,
      length: at.end - start,
      kind: 'persist',
      description: template.replace('%', target.getText(sf)),
      destination,
      persist: {
        store: 'attributes',
        carriesExpiry,
        variable: st ? { name: variable ?? base.getText(sf), statement: { file: act.ctx.file, offset: st.getStart(sf), length: st.end - st.getStart(sf) } } : undefined,
      },
    };
    this.writes.set(sink.id, sink);
    this.cur?.writes.set(sink.id, sink);
    const rhs = T.isBinaryExpression(at) ? at.right : undefined;
    if (rhs) this.recordFlows(act, sink, rhs, v);
  }

  private recordFlows(act: Act, sink: Sink, argNode: ts.Expression, val: Val): void {
    const taints = this.deepTaints(val);
    for (const t of taints.values()) {
      const carrierNode = this.carrier(argNode, t.source.id);
      const start = carrierNode.getStart(act.ctx.sf);
      const carrier = { file: act.ctx.file, offset: start, length: carrierNode.end - start };
      const flow: Flow = { source: t.source, sink, carrier, steps: t.steps };
      const key = flowKey(flow);
      if (!this.flows.has(key)) this.flows.set(key, flow);
      if (this.cur && !this.cur.flows.has(key)) this.cur.flows.set(key, flow);
    }
  }

  /** The smallest part of a sink's argument that carries the source (a template part, a property). */
  private carrier(n: ts.Expression, id: string): ts.Expression {
    for (let guard = 0; guard < 64; guard++) {
      const kids: ts.Expression[] = [];
      const u = unwrap(n);
      if (T.isAwaitExpression(u)) kids.push(u.expression);
      else if (T.isTemplateExpression(u)) for (const s of u.templateSpans) kids.push(s.expression);
      else if (T.isBinaryExpression(u)) kids.push(u.left, u.right);
      else if (T.isConditionalExpression(u)) kids.push(u.whenTrue, u.whenFalse);
      else if (T.isArrayLiteralExpression(u)) kids.push(...u.elements);
      else if (T.isSpreadElement(u)) kids.push(u.expression);
      else if (T.isObjectLiteralExpression(u)) {
        for (const p of u.properties) {
          if (T.isPropertyAssignment(p)) kids.push(p.initializer);
          else if (T.isShorthandPropertyAssignment(p)) kids.push(p.name);
          else if (T.isSpreadAssignment(p)) kids.push(p.expression);
        }
      }
      const next = kids.find((k) => {
        const v = this.nodeVals.get(k) ?? this.nodeVals.get(unwrap(k));
        return !!v && this.deepTaints(v).has(id);
      });
      if (!next) return n;
      n = next;
    }
    return n;
  }

  // ---------------------------------------------------------------------------------------------
  // Sources

  private source(ctx: FileCtx | string, tpl: SourceTemplate, node: ts.Node): DataSource {
    const c = typeof ctx === 'string' ? this.files.get(ctx)! : ctx;
    const start = node.getStart(c.sf);
    const id = `${c.file}:${start}:${tpl.kind}:${tpl.slot ?? tpl.short}`;
    let s = this.sources.get(id);
    if (!s) {
      // `{ ...tpl, id, ... }` field by field, in the same order (the model's JSON shows it): the
      // spread of templates of two shapes took ~10 µs per new source in V8's generic copy.
      s = tpl.slot === undefined && !('slot' in tpl)
        ? { kind: tpl.kind, category: tpl.category, description: tpl.description, short: tpl.short, id, file: c.file, offset: start, length: node.end - start }
        : { kind: tpl.kind, category: tpl.category, description: tpl.description, short: tpl.short, slot: tpl.slot, id, file: c.file, offset: start, length: node.end - start };
      this.sources.set(id, s);
    }
    if (this.cur && !this.cur.sources.has(id)) this.cur.sources.set(id, s);
    return s;
  }

  private taintAt(ctx: FileCtx, tpl: SourceTemplate, node: ts.Node): Val {
    return withTaints([{ source: this.source(ctx, tpl, node), steps: [] }]);
  }

  private noteSlotRead(e: EnvRef): void {
    const slot = e.path[0] === 'request' && e.path[1] === 'intent' && e.path[2] === 'slots' ? e.path[3] : undefined;
    if (!slot || slot === '*') return;
    const c = this.files.get(e.file)!;
    const start = e.node.getStart(c.sf);
    const read: SlotRead = { slot, file: e.file, offset: start, length: e.node.end - start };
    const key = slotReadKey(read);
    if (!this.slotReads.has(key)) this.slotReads.set(key, read);
    if (this.cur && !this.cur.slotReads.has(key)) this.cur.slotReads.set(key, read);
  }

  private envTaint(e: EnvRef): Taint | undefined {
    this.noteSlotRead(e);
    const tpl = this.envSource(e.path);
    if (!tpl) return undefined;
    return { source: this.source(e.file, tpl, e.node), steps: e.steps };
  }

  private envSource(p: readonly string[]): SourceTemplate | undefined {
    // The request, the intent or all its slots are personal only when one of the skill's slots is.
    const whole = p[0] === 'request' && (p.length === 1 || (p[1] === 'intent' && (p.length === 2 || (p[2] === 'slots' && p.length === 3))));
    if (whole && !this.catalog.anyPersonal()) return undefined;
    if (p[0] === 'request' && p[1] === 'intent' && p[2] === 'slots' && p[3] === '*') {
      if (p[4] !== undefined && (p[4] === 'name' || p[4] === 'confirmationStatus' || p[4] === 'source')) return undefined;
      return this.catalog.anyPersonal() ? envelopePathSource(['request', 'intent', 'slots'], this.catalog) : undefined;
    }
    const star = p.indexOf('*');
    if (star >= 0 && star < 3) return envelopePathSource(p.slice(0, star), this.catalog);
    return envelopePathSource(p.filter((x) => x !== '*'), this.catalog);
  }

  /** Everything personal a value may hold, through its properties. */
  private deepTaints(v: Val, depth = 0, seen?: Set<Val>, out?: Map<string, Taint>): Map<string, Taint> {
    if (!mayCarry(v)) return out ?? NO_TAINTS;
    // Data alone (a tainted string, most values that carry any): the walk below would copy the map
    // as it is. Callers only read what this returns, and no value's taint map changes in place.
    if (!out && !v.env?.length && !v.props && !v.resolved && flowShortcuts.enabled) return v.taints!;
    seen ??= new Set<Val>();
    out ??= new Map<string, Taint>();
    if (seen.has(v) || depth > 4) return out;
    seen.add(v);
    for (const [k, t] of v.taints ?? []) if (!out.has(k)) out.set(k, t);
    for (const e of v.env ?? []) {
      const t = this.envTaint(e);
      if (t && !out.has(t.source.id)) out.set(t.source.id, t);
    }
    if (v.props) {
      let n = 0;
      for (const p of v.props.values()) {
        if (++n > MAX_PROPS_DEEP) break;
        this.deepTaints(p, depth + 1, seen, out);
      }
    }
    if (v.resolved) this.deepTaints(v.resolved, depth + 1, seen, out);
    return out;
  }

  private materialized(v: Val): Val {
    if (!mayCarry(v)) return EMPTY;
    const t = this.deepTaints(v);
    return t.size ? { taints: t } : EMPTY;
  }
}

/**
 * `{ ...l, path }`, built field by field: a spread of the differently shaped library values
 * (`{ lib, path }`, `{ lib, path, base }`) went through V8's generic copy on every property read
 * off a library (`Alexa.getSlotValue`, `axios.post`). No code asks whether `base` is present.
 */
/** `{ ...v, resolved: v }`: a promise of the value (a `then` callback, an `await`, gets it). */
function withResolved(v: Val): Val {
  const out = copyVal(v);
  out.resolved = v;
  return out;
}

function libAt(l: LibVal, path: readonly string[]): LibVal {
  return l.base === undefined ? { lib: l.lib, path } : { lib: l.lib, path, base: l.base };
}

// Shared and never written: callers only read what deepTaints returns.
const NO_TAINTS = new Map<string, Taint>();

/** Whether a value can hold personal data at all (strings, libraries and functions alone cannot). */
function mayCarry(v: Val): boolean {
  return !!(v.taints?.size || v.env?.length || v.props?.size || v.resolved);
}

function concatStrs(l: Val, r: Val): Val {
  if (!l.strs?.length && !r.strs?.length) return EMPTY;
  const ls = l.strs?.length ? l.strs : ['{…}'];
  const rs = r.strs?.length ? r.strs : ['{…}'];
  return strList(products(ls, rs, ''));
}

/**
 * `a + b + tail` for every `a` of `ls` and `b` of `rs`, in that order, at most 8. One of each
 * (nearly always) gives a list made at its length: pushed into an empty one, it made room for 16.
 */
function products(ls: readonly string[], rs: readonly string[], tail: string): string[] {
  if (ls.length === 1 && rs.length === 1) return [ls[0] + rs[0] + tail];
  const out: string[] = [];
  for (const a of ls) for (const b of rs) if (out.length < 8) out.push(a + b + tail);
  return out;
}

function hasExpiryProp(v: Val): boolean {
  if (v.props) for (const k of v.props.keys()) if (EXPIRY_KEY.test(k)) return true;
  return false;
}

function mentionsExpiry(v: Val, depth = 0): boolean {
  if (v.strs?.some((x) => EXPIRY_WORD.test(x))) return true;
  if (!v.props || depth > 3) return false;
  for (const [k, x] of v.props) if (EXPIRY_KEY.test(k.replace(/^[:#]/, '')) || mentionsExpiry(x, depth + 1)) return true;
  return false;
}

function hasExpiryName(target: ts.Expression): boolean {
  if (T.isPropertyAccessExpression(target)) return EXPIRY_KEY.test(target.name.text);
  if (T.isElementAccessExpression(target) && T.isStringLiteral(target.argumentExpression)) return EXPIRY_KEY.test(target.argumentExpression.text);
  return false;
}

function hasV1ExpiryWrite(text: string): boolean {
  const re = /this\.attributes(?:\.(\w+)|\[\s*['"](\w+)['"]\s*\])\s*=[^=]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) if (EXPIRY_KEY.test(m[1] ?? m[2] ?? '')) return true;
  return false;
}

function bindingNames(name: ts.BindingName): string[] {
  if (T.isIdentifier(name)) return [name.text];
  const out: string[] = [];
  for (const el of name.elements) if (T.isBindingElement(el)) out.push(...bindingNames(el.name));
  return out;
}

function enclosingStatement(n: ts.Node): ts.Statement | undefined {
  for (let p: ts.Node | undefined = n; p; p = p.parent) {
    if (T.isExpressionStatement(p) || T.isVariableStatement(p) || T.isReturnStatement(p)) {
      // Code inserted before the statement must run when it runs: not after `if (x)` without braces.
      const q = p.parent;
      return q && (T.isBlock(q) || T.isSourceFile(q) || T.isCaseClause(q) || T.isDefaultClause(q)) ? p : undefined;
    }
    if (isFunctionNode(p) || T.isSourceFile(p)) return undefined;
  }
  return undefined;
}

/** `exports.handler = (event, context) => ...`, `export const handler = ...`: a raw Lambda entry whose first parameter is the request envelope. */
function isLambdaEntry(fn: FunctionNode): boolean {
  const p = fn.parent;
  if (T.isFunctionDeclaration(fn)) return fn.name?.text === 'handler' && isExported(fn);
  if (!p) return false;
  if (T.isBinaryExpression(p) && p.right === fn) {
    const t = p.left.getText().replace(/\s+/g, '');
    return /^(module\.)?exports\.handler$/.test(t);
  }
  if (T.isVariableDeclaration(p) && T.isIdentifier(p.name) && p.name.text === 'handler') {
    const st = p.parent?.parent;
    return !!st && T.isVariableStatement(st) && isExported(st);
  }
  if (T.isPropertyAssignment(p) && propName(p.name) === 'handler') {
    const o = p.parent;
    return !!o && T.isObjectLiteralExpression(o) && T.isBinaryExpression(o.parent) && /^module\.exports$/.test(o.parent.left.getText().replace(/\s+/g, ''));
  }
  return false;
}

/**
 * What the pass asks of a tree's text on every run, computed once per parsed tree (a FileIndex is
 * cached per tree): a re-check of an unchanged file, and the second round over the entry points,
 * do not slice and search function bodies again.
 */
interface TreeFacts {
  setsPersistent: boolean;
  v1Expiry: boolean;
  fns: Map<FunctionNode, RootFacts>;
}

interface RootFacts {
  name: string;
  /** A raw Lambda entry (`exports.handler = (event, context) => ...`). */
  lambda: boolean;
  /** Per parameter: an identifier used like ask-sdk's handlerInput in the body. */
  handlerInputs: boolean[];
  /** The body calls `setPersistentAttributes`. */
  setsPersistent: boolean;
}

const treeFactsCache = new WeakMap<FileIndex, TreeFacts>();

function treeFacts(index: FileIndex): TreeFacts {
  let f = treeFactsCache.get(index);
  if (!f) {
    const flags = textFlags(index.parsed.sourceFile);
    f = { setsPersistent: (flags & 1) !== 0, v1Expiry: (flags & 2) !== 0, fns: new Map() };
    treeFactsCache.set(index, f);
  }
  return f;
}

const textFlagsCache = new WeakMap<ts.SourceFile, number>();

/** What the pass reads from a file's whole text, as bits: 1 `setPersistentAttributes` is named, 2 a v1 expiry write (`TreeFacts`). Kept per tree. */
function textFlags(sf: ts.SourceFile): number {
  let f = textFlagsCache.get(sf);
  if (f === undefined) {
    const text = sf.text;
    f = (/setPersistentAttributes/.test(text) ? 1 : 0) | (/this\.attributes(?:\.(\w+)|\[\s*['"](\w+)['"]\s*\])\s*=[^=]/.test(text) && hasV1ExpiryWrite(text) ? 2 : 0);
    textFlagsCache.set(sf, f);
  }
  return f;
}

function rootFacts(index: FileIndex, fn: FunctionNode): RootFacts {
  const tf = treeFacts(index);
  let f = tf.fns.get(fn);
  if (!f) {
    const body = bodyFacts(index, fn);
    f = { name: fnName(fn), lambda: isLambdaEntry(fn), handlerInputs: body.handlerInputs, setsPersistent: body.setsPersistent };
    tf.fns.set(fn, f);
  }
  return f;
}

/**
 * What a function's parameters and body say, kept by the function node: it depends on the node's
 * subtree only, so a function an incremental re-parse reused is not sliced and searched again
 * (its name and whether it is a Lambda entry depend on its parent, and are computed per tree).
 */
const bodyFactsCache = new WeakMap<FunctionNode, Pick<RootFacts, 'handlerInputs' | 'setsPersistent'>>();
function bodyFacts(index: FileIndex, fn: FunctionNode): Pick<RootFacts, 'handlerInputs' | 'setsPersistent'> {
  let f = bodyFactsCache.get(fn);
  if (!f) {
    const body = fn.body ? index.parsed.text.slice(fn.body.pos, fn.body.end) : '';
    // Every use `handlerInputUse` matches names one of these properties: a body naming none (most
    // callbacks) is not searched once per parameter, with a pattern no fast substring search can run.
    const sdk = !flowShortcuts.enabled || HANDLER_INPUT_PROPS.some((p) => body.includes(p));
    f = {
      handlerInputs: fn.parameters.map((p) => sdk && T.isIdentifier(p.name) && handlerInputUse(p.name.text).test(body)),
      setsPersistent: body.includes('setPersistentAttributes'),
    };
    bodyFactsCache.set(fn, f);
  }
  return f;
}

const HANDLER_INPUT_PROPS = ['requestEnvelope', 'responseBuilder', 'attributesManager', 'serviceClientFactory'];
const handlerInputUses = new Map<string, RegExp>();
/** A use of `name` like ask-sdk's handlerInput (`name.requestEnvelope`). */
function handlerInputUse(name: string): RegExp {
  let re = handlerInputUses.get(name);
  if (!re) {
    re = new RegExp(`(^|[^\\w$.])${name.replace(/\$/g, '\\$')}\\s*\\??\\.\\s*(${HANDLER_INPUT_PROPS.join('|')})\\b`);
    handlerInputUses.set(name, re);
  }
  return re;
}

/**
 * Whether `carrier()` can look a node up: a part of an await, template, binary, conditional, array,
 * spread or object literal (possibly inside parentheses or a type assertion). Exactly its kids and
 * their unwrapped forms, plus a few more (a condition, a computed name), which do no harm.
 */
function inCarrierPosition(n: ts.Node): boolean {
  const p = n.parent;
  switch (p?.kind) {
    case T.SyntaxKind.AwaitExpression:
    case T.SyntaxKind.TemplateSpan:
    case T.SyntaxKind.BinaryExpression:
    case T.SyntaxKind.ConditionalExpression:
    case T.SyntaxKind.ArrayLiteralExpression:
    case T.SyntaxKind.SpreadElement:
    case T.SyntaxKind.PropertyAssignment:
    case T.SyntaxKind.ShorthandPropertyAssignment:
    case T.SyntaxKind.SpreadAssignment:
      return true;
    // The wrappers `unwrap()` looks through.
    case T.SyntaxKind.ParenthesizedExpression:
    case T.SyntaxKind.AsExpression:
    case T.SyntaxKind.NonNullExpression:
    case T.SyntaxKind.TypeAssertionExpression:
    case T.SyntaxKind.SatisfiesExpression:
      return inCarrierPosition(p);
    default:
      return false;
  }
}

function isExpressionNode(n: ts.Node): boolean {
  return T.isExpression(n) && !T.isFunctionLike(n);
}

export { hostOf };
