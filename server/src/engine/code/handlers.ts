// Not `import * as`: that compiles to one getter per `ts.` access, the largest cost of these tree walks in a profile.
import ts from 'typescript';
import { SkillAnalysis } from '../analysis';
import { FileSpan } from '../types';
import { CodeSet, Reads, Resolver, Value, assignment, findDeclaration, isModuleExports, nameOf, propertyNameText, resolverOf, skipWrappers, topLevelStatement } from './bindings';
import { identifiersOf } from './outside-reads';
import { isParsed } from './parse';
import { FunctionNode, isFunctionNode } from './modules';
import { factsOf } from './statement-facts';
import { insideFunctionOf, previousStatementsOf, sharedEnds, statementIndex } from './syntax-index';

/**
 * Handler discovery (DESIGN.md "Code model"): which request handlers a skill's code defines, which
 * requests and intents each one takes, and how the skill is put together, for ask-sdk v2 and the
 * older alexa-sdk v1. Read from the source only.
 *
 * - ask-sdk v2: handler objects `{ canHandle(handlerInput) {...}, handle(handlerInput) {...} }`
 *   (methods, function or arrow properties, declared anywhere and exported from any module of the
 *   code dir) and classes with `canHandle`/`handle` methods (`implements RequestHandler`); the skill
 *   builder chain `SkillBuilders.custom()`/`.standard()` with `.addRequestHandlers(...)`,
 *   `.addRequestInterceptors(...)`, `.withPersistenceAdapter(...)`, `.lambda()`/`.create()`, also
 *   when the builder is kept in a variable and continued later.
 * - alexa-sdk v1: handler maps `{ 'LaunchRequest': function () {...}, PhoneIntent() {...} }`,
 *   `Alexa.CreateStateHandler(state, {...})`, `alexa.registerHandlers(...)` on the object
 *   `Alexa.handler(event, context)` returns, `alexa.dynamoDBTableName = ...`.
 *
 * Entry points: `codeHandlers(analysis)`, `handlerForIntent(analysis, intent)`,
 * `handlersForRequest(analysis, requestType)`. The API is used by other rules and fixes (consent
 * insertion): keep it stable.
 */

/** One way a `canHandle` accepts a request: the request type and, for intents, the intent name. */
export interface RequestMatch {
  /** `IntentRequest`, `LaunchRequest`, `AlexaSkillEvent.SkillDisabled`, …; undefined: any type. An intent name implies `IntentRequest`. */
  requestType?: string;
  /** The intent name, for intent requests; undefined: any intent. */
  intent?: string;
  /** The string literal the request type was compared with (absent when implied). */
  requestTypeLiteral?: FileSpan;
  /** The string literal the intent name was compared with. */
  intentLiteral?: FileSpan;
  /** The same `&&` holds conditions the analysis does not read (dialog state, an attribute): the handler takes only some of these requests. */
  conditional: boolean;
}

/** An ask-sdk v2 request handler: an object literal or a class. */
export interface Handler {
  sdk: 'v2';
  file: string;
  kind: 'object' | 'class';
  /** The variable, property or class that names it (`PhoneIntentHandler`); undefined for an inline literal. */
  name: string | undefined;
  node: ts.ObjectLiteralExpression | ts.ClassLikeDeclaration;
  /** The object literal or class. */
  span: FileSpan;
  /** The name's identifier, where a message about the handler reads best. */
  nameSpan: FileSpan | undefined;
  canHandle: FunctionNode | undefined;
  handle: FunctionNode | undefined;
  /** The requests `canHandle` accepts, one entry per alternative of its `||`s. */
  matches: RequestMatch[];
  /** `canHandle` has parts the analysis cannot read (a helper call, a negation): it may take requests `matches` does not list. */
  opaque: boolean;
  /** Passed to `addRequestHandlers` of some builder of the skill (read only: handler objects are shared by the checks of a skill). */
  readonly registered: boolean;
}

/** One call of a builder chain: `.addRequestHandlers(A, B)`, `.lambda()`. */
export interface BuilderCall {
  method: string;
  file: string;
  node: ts.CallExpression;
  /** The whole call expression. */
  span: FileSpan;
  /** The method name (`addRequestHandlers`). */
  nameSpan: FileSpan;
  args: readonly ts.Expression[];
  /** Between the parentheses, exclusive: where arguments are inserted. */
  argsSpan: FileSpan;
}

/** An ask-sdk v2 skill builder: `Alexa.SkillBuilders.custom()` and the calls made on it. */
export interface Builder {
  file: string;
  kind: 'custom' | 'standard';
  /** The `SkillBuilders.custom()` call. */
  create: BuilderCall;
  /** Every later call on the builder, in source order. */
  calls: BuilderCall[];
  addRequestHandlers: BuilderCall[];
  /** The handlers registered, in order (resolved through names, modules and spread arrays). */
  requestHandlers: Handler[];
  /** Each registered handler with the argument of `addRequestHandlers` that registers it (a spread argument for handlers in an array). */
  registrations: Array<{ handler: Handler; argument: ts.Expression; call: BuilderCall }>;
  /** Arguments of `addRequestHandlers` that could not be resolved to a handler. */
  unresolvedHandlers: ts.Expression[];
  addRequestInterceptors: BuilderCall[];
  addResponseInterceptors: BuilderCall[];
  addErrorHandlers: BuilderCall[];
  /** `.withPersistenceAdapter(adapter)`; also set by a standard builder's `withTableName`. */
  persistenceAdapter: BuilderCall | undefined;
  /** `.withTableName('…')` of a standard builder: DynamoDB persistence. */
  tableName: BuilderCall | undefined;
  /** `.lambda()` or `.create()`. */
  entry: BuilderCall | undefined;
  /** The top-level statement that holds `addRequestHandlers` (or the creation): new handlers are inserted before it. */
  statement: ts.Statement;
}

/** One handler of an alexa-sdk v1 handler map: `'PhoneIntent': function () {...}`. */
export interface V1Handler {
  sdk: 'v1';
  file: string;
  /** The key: an intent name, a request type (`LaunchRequest`), `Unhandled`, `NewSession`, … */
  name: string;
  keySpan: FileSpan;
  /** The property (assignment or method). */
  node: ts.ObjectLiteralElementLike;
  handle: FunctionNode | undefined;
}

export interface V1HandlerMap {
  file: string;
  node: ts.ObjectLiteralExpression;
  span: FileSpan;
  /** The state of `Alexa.CreateStateHandler(state, {...})`, when it is a string. */
  readonly state: string | undefined;
  handlers: V1Handler[];
  /** Passed to `registerHandlers` of a v1 skill (read only, as a handler's `registered`). */
  readonly registered: boolean;
}

/** An alexa-sdk v1 entry: the object `Alexa.handler(event, context)` returns and what is done with it. */
export interface V1Skill {
  file: string;
  /** `Alexa.handler(event, context)`. */
  handlerCall: ts.CallExpression;
  span: FileSpan;
  registerHandlers: BuilderCall[];
  maps: V1HandlerMap[];
  /** `alexa.dynamoDBTableName = …`: `this.attributes` are stored in DynamoDB. */
  dynamoDBTableName: { span: FileSpan; value: string | undefined } | undefined;
  /** `alexa.execute()`. */
  execute: BuilderCall | undefined;
}

export interface CodeHandlers {
  handlers: Handler[];
  builders: Builder[];
  v1: V1Skill[];
  /** Every v1 handler map found, registered or not. */
  v1Maps: V1HandlerMap[];
}

export function spanOfNode(file: string, node: ts.Node): FileSpan {
  const start = node.getStart();
  return { file, offset: start, length: node.getEnd() - start };
}

/*
 * What a scan finds keeps nodes, not offsets: its spans are read from the nodes when asked for.
 * The incremental parser (code/parse.ts) moves a reused statement's nodes in place, so a scan kept
 * for a statement is right in the new tree as it is, and nothing after an edit has to be copied.
 * The spans are fresh plain objects on each read (callers spread them).
 */

class Match implements RequestMatch {
  constructor(
    readonly file: string,
    readonly requestType: string | undefined,
    readonly intent: string | undefined,
    readonly conditional: boolean,
    private readonly typeNode: ts.Node | undefined,
    private readonly intentNode: ts.Node | undefined,
  ) {}
  get requestTypeLiteral(): FileSpan | undefined {
    return this.typeNode ? spanOfNode(this.file, this.typeNode) : undefined;
  }
  get intentLiteral(): FileSpan | undefined {
    return this.intentNode ? spanOfNode(this.file, this.intentNode) : undefined;
  }
}

/**
 * A handler as a statement's scan finds it, unregistered; `asRegistered` is the same handler
 * registered. Neither changes once made: a check lists whichever its registrations call for, so a
 * handler of an unchanged statement is the same object from one check to the next without a copy
 * per check, and a list an earlier check returned still says what it said then.
 */
class ScannedHandler implements Handler {
  readonly sdk = 'v2';
  private twin: ScannedHandler | undefined = undefined;
  constructor(
    readonly file: string,
    readonly kind: 'object' | 'class',
    readonly name: string | undefined,
    readonly node: ts.ObjectLiteralExpression | ts.ClassLikeDeclaration,
    private readonly nameNode: ts.Node | undefined,
    readonly canHandle: FunctionNode | undefined,
    readonly handle: FunctionNode | undefined,
    readonly matches: RequestMatch[],
    readonly opaque: boolean,
    readonly registered: boolean,
  ) {}
  get span(): FileSpan {
    return spanOfNode(this.file, this.node);
  }
  get nameSpan(): FileSpan | undefined {
    return this.nameNode ? spanOfNode(this.file, this.nameNode) : undefined;
  }
  /** The same handler, registered: made on first use, then the same object for every check. */
  get asRegistered(): ScannedHandler {
    if (this.registered) return this;
    return (this.twin ??= new ScannedHandler(this.file, this.kind, this.name, this.node, this.nameNode, this.canHandle, this.handle, this.matches, this.opaque, true));
  }
}

class ScannedV1Handler implements V1Handler {
  readonly sdk = 'v1';
  constructor(
    readonly file: string,
    readonly name: string,
    private readonly keyNode: ts.Node,
    readonly node: ts.ObjectLiteralElementLike,
    readonly handle: FunctionNode | undefined,
  ) {}
  get keySpan(): FileSpan {
    return spanOfNode(this.file, this.keyNode);
  }
}

/**
 * A v1 handler map as a scan finds it (or a check, for a map that only a registration or a state
 * handler names); `variant` is the same map with the state and the registration a check gives it.
 * None changes once made, for the same reasons as a handler's; the variants share the handlers.
 */
class ScannedV1Map implements V1HandlerMap {
  private variants: Map<string, ScannedV1Map> | undefined = undefined;
  constructor(
    readonly file: string,
    readonly node: ts.ObjectLiteralExpression,
    readonly state: string | undefined,
    readonly handlers: V1Handler[],
    readonly registered: boolean,
  ) {}
  get span(): FileSpan {
    return spanOfNode(this.file, this.node);
  }
  variant(state: string | undefined, registered: boolean): ScannedV1Map {
    if (state === this.state && registered === this.registered) return this;
    const key = `${registered ? 'r' : 'u'}${state === undefined ? '' : `:${state}`}`;
    const variants = (this.variants ??= new Map());
    let v = variants.get(key);
    if (!v) variants.set(key, (v = new ScannedV1Map(this.file, this.node, state, this.handlers, registered)));
    return v;
  }
}

/** Handlers, builders and v1 skills of the skill's code, computed once per analysis. */
export function codeHandlers(analysis: SkillAnalysis): CodeHandlers {
  return analysis.memo('code-handlers', () => {
    const r = resolverOf(analysis);
    return discoveryOf(r.set).check(r);
  });
}

/** The handlers (v2 and v1) that take intent `intent`; registered v2 handlers first. */
export function handlerForIntent(analysis: SkillAnalysis, intent: string): Array<Handler | V1Handler> {
  return [...answer(analysis, 'intent', intent)];
}

/** The handlers that take requests of `requestType` (`AlexaSkillEvent.SkillDisabled`), by an explicit check of the type. */
export function handlersForRequest(analysis: SkillAnalysis, requestType: string): Array<Handler | V1Handler> {
  return [...answer(analysis, 'type', requestType)];
}

/** What a question asks for: the handlers of an intent, or of a request type. */
type Asked = 'intent' | 'type';

/** Lists by intent and by request type: the match index (handlers, in discovery order) and the answers of a check. */
type ByAsked<T> = Record<Asked, Map<string, T[]>>;

/** Calls `f` with each list of the match index a handler is in: one per match for its intent and one for its request type (a list can come more than once). */
function eachKey(h: Handler, f: (asked: Asked, key: string) => void): void {
  for (const m of h.matches) {
    if (m.intent !== undefined && (m.requestType === undefined || m.requestType === 'IntentRequest')) f('intent', m.intent);
    if (m.requestType !== undefined) f('type', m.requestType);
  }
}

/** Whether two handlers' matches ask for the same, in the same order: then they are in the same lists. */
function sameMatches(a: Handler, b: Handler): boolean {
  if (a.matches.length !== b.matches.length) return false;
  for (let i = 0; i < a.matches.length; i++) if (a.matches[i].requestType !== b.matches[i].requestType || a.matches[i].intent !== b.matches[i].intent) return false;
  return true;
}

/** `h` put at the end of the lists it is in, each once (its matches come one after another, so only the last entry can be `h` already). */
function append<H extends Handler>(into: ByAsked<H>, h: H): void {
  for (const m of h.matches) {
    if (m.intent !== undefined && (m.requestType === undefined || m.requestType === 'IntentRequest')) put(into.intent, m.intent, h);
    if (m.requestType !== undefined) put(into.type, m.requestType, h);
  }
}

function put<T>(map: Map<string, T[]>, key: string, x: T): void {
  const list = map.get(key);
  if (!list) map.set(key, [x]);
  else if (list[list.length - 1] !== x) list.push(x);
}

/** The discovery a result came from and the check it is, for answers from that discovery's index. */
const liveResults = new WeakMap<CodeHandlers, { discovery: SkillDiscovery; run: number }>();

/**
 * `handlerForIntent` or `handlersForRequest`, once per check: the v2 handlers that take it in
 * discovery order, the registered ones first (a stable partition, what sorting a filter over every
 * handler gives), then the v1 handlers of that name in map order. Rules ask once per slot, and a
 * map of every intent made on each check cost a keystroke in the 10,000-line file ~0.65 ms: the
 * skill's discovery keeps a match index up to date instead (`SkillDiscovery.answer`). That index is
 * the latest check's, so an analysis that asks after a later check of its skill answers from its
 * own result (`indexOfResult`).
 */
function answer(analysis: SkillAnalysis, asked: Asked, name: string): ReadonlyArray<Handler | V1Handler> {
  const ch = codeHandlers(analysis);
  const answers = analysis.memo('handler-answers', (): ByAsked<Handler | V1Handler> => ({ intent: new Map(), type: new Map() }));
  let out = answers[asked].get(name);
  if (!out) {
    const live = liveResults.get(ch);
    out = live && live.discovery.run === live.run ? live.discovery.answer(asked, name) : (analysis.memo('handler-index', () => indexOfResult(ch))[asked].get(name) ?? []);
    answers[asked].set(name, out);
  }
  return out;
}

/** Every answer `answer` gives for a result, read from the result itself in one pass over its handlers. */
function indexOfResult(ch: CodeHandlers): ByAsked<Handler | V1Handler> {
  const v2: ByAsked<Handler> = { intent: new Map(), type: new Map() };
  for (const h of ch.handlers) append(v2, h);
  const out: ByAsked<Handler | V1Handler> = { intent: new Map(), type: new Map() };
  for (const asked of ['intent', 'type'] as const) for (const [k, list] of v2[asked]) out[asked].set(k, [...list.filter((h) => h.registered), ...list.filter((h) => !h.registered)]);
  for (const m of ch.v1Maps) {
    for (const h of m.handlers) {
      put(out.intent, h.name, h);
      put(out.type, h.name, h);
    }
  }
  return out;
}

// --- discovery kept between checks ------------------------------------------------------------------

/** What a file's scan changed in its handler list since the scan it was made from: `[oldAt, oldEnd)` of that list became `[newAt, newEnd)` of this one. */
interface HandlerRange {
  oldAt: number;
  oldEnd: number;
  newAt: number;
  newEnd: number;
}

/** A file whose scan is not the last check's: how many handlers the last check's scan had, and which of them went and came. */
interface FileChange {
  file: string;
  before: number;
  ranges: readonly HandlerRange[];
}

type Create = { file: string; call: ts.CallExpression; kind: 'custom' | 'standard' };

/** Past this many handlers registered or unregistered in one check, the handler list is made from every scan. */
const MAX_FLIPS = 32;
/** Past this many handlers gone and come in one check, the match index is made again when next asked. */
const MAX_INDEX_EDITS = 64;

const NO_NODES: ReadonlySet<ts.Node> = new Set();

/** Handler discovery's work over the process, for the differential test: scans carried over or made from every statement, builder records kept unchanged, patched, moved to a new tree of their file or made, the match index updated or made. */
export const discoveryStats = { carried: 0, composed: 0, unchanged: 0, patched: 0, moved: 0, made: 0, indexUpdates: 0, indexBuilds: 0 };

/**
 * Handler discovery of one skill, kept from its last check: each file's scan, every handler by its
 * node, each builder's registrations (`BuilderRecord`), how many registrations reach each handler,
 * the handler list and the match index. A keystroke changes one statement of one file, and the
 * file's scan says which of its handlers went and came (`FileScan.delta`): a check puts only
 * those into what it keeps, instead of copying and registering every handler of the skill again
 * (~2 ms of a keystroke in the 10,000-line file, and most of what it allocated).
 *
 * Nothing a check returned is changed by a later check: a list is made anew where it changes,
 * handlers and maps are variants made once (`asRegistered`, `variant`), and a builder is a new
 * object when its registrations change. What is kept here is the skill's latest check's only;
 * `answer` reads it only for that check's result (`liveResults`).
 */
class SkillDiscovery {
  readonly memory = new RegistrationMemory();
  /** The check this state is of (the memory's run). */
  run = 0;
  /** Each file's scan at the last check, in the skill's order of files. */
  private scans = new Map<string, FileScan>();
  /** Every handler of those scans, by its node. */
  private byNode = new Map<ts.Node, ScannedHandler>();
  /** How many registrations of the skill's builders resolve to each handler's node (absent: none). */
  private counts = new Map<ts.Node, number>();
  /** Each builder's registrations, by its creation call. */
  private builders = new Map<ts.Node, BuilderRecord>();
  /** The last check's handler list: every scan's handlers in order, each the variant its registrations call for. */
  private handlers: Handler[] = [];
  private v1Maps: V1HandlerMap[] = [];
  /** The handlers by what they take (`eachKey`), unregistered, in discovery order: made when first asked, then kept up to date. */
  private byMatch: ByAsked<ScannedHandler> | undefined;
  /** The v1 handlers by name, in map order: made when first asked after the maps changed. */
  private v1ByName: Map<string, V1Handler[]> | undefined;

  check(r: Resolver): CodeHandlers {
    const memory = this.memory;
    memory.begin(r.set, this.builders);
    if (memory.fresh) this.reset();
    this.run = memory.run;
    const creates: Create[] = [];
    const v1Calls: Array<{ file: string; call: ts.CallExpression }> = [];
    const stateHandlers: Array<{ file: string; call: ts.CallExpression }> = [];
    const scannedMaps: ScannedV1Map[] = [];
    const changes: FileChange[] = [];
    // The handlers that went and came, range by range in file order.
    const lost: ScannedHandler[] = [];
    const gained: ScannedHandler[] = [];
    for (const [file, ix] of r.set.files) {
      const scan = scanFile(file, ix.parsed.sourceFile);
      for (const c of scan.creates) creates.push({ file, call: c.call, kind: c.kind });
      for (const call of scan.v1Calls) v1Calls.push({ file, call });
      for (const call of scan.stateHandlers) stateHandlers.push({ file, call });
      for (const m of scan.v1Maps) scannedMaps.push(m);
      const prev = this.scans.get(file);
      if (prev === scan) continue;
      // A scan made from the last check's says what changed; any other replaces the file's handlers.
      const ranges = prev && scan.delta?.from === prev ? scan.delta.ranges : [{ oldAt: 0, oldEnd: prev ? prev.handlers.length : 0, newAt: 0, newEnd: scan.handlers.length }];
      for (const g of ranges) {
        for (let i = g.oldAt; i < g.oldEnd; i++) lost.push(prev!.handlers[i]);
        for (let i = g.newAt; i < g.newEnd; i++) gained.push(scan.handlers[i]);
      }
      changes.push({ file, before: prev ? prev.handlers.length : 0, ranges });
      this.scans.set(file, scan);
    }
    // A node can go and come in one check (a statement scanned again): every node gone first.
    for (const h of lost) this.byNode.delete(h.node);
    for (const h of gained) this.byNode.set(h.node, h);
    const v1 = this.v1Part(r, scannedMaps, stateHandlers, v1Calls);
    const flips = new Set<ts.Node>();
    const builders = this.register(r, creates, lost, gained, flips);
    this.handlers = this.handlerList(changes, flips);
    if (this.byMatch) this.updateIndex(changes, lost, gained);
    const result: CodeHandlers = { handlers: this.handlers, builders, v1: v1.skills, v1Maps: v1.maps };
    liveResults.set(result, { discovery: this, run: this.run });
    return result;
  }

  private reset(): void {
    this.scans.clear();
    this.byNode.clear();
    this.counts.clear();
    this.builders.clear();
    this.handlers = [];
    this.v1Maps = [];
    this.byMatch = undefined;
    this.v1ByName = undefined;
  }

  private registered(h: ScannedHandler): Handler {
    return this.counts.has(h.node) ? h.asRegistered : h;
  }

  /**
   * The builders of this check, each builder's record kept, patched or made again, and the counts
   * brought up to date; `flips` gets the handler nodes whose count went from or to none.
   */
  private register(r: Resolver, creates: Create[], lost: ScannedHandler[], gained: ScannedHandler[], flips: Set<ts.Node>): Builder[] {
    const count: Count = (node, by) => {
      const before = this.counts.get(node) ?? 0;
      const after = before + by;
      if (after === 0) this.counts.delete(node);
      else this.counts.set(node, after);
      if (before === 0 || after === 0) flips.add(node);
    };
    let changed: Set<ts.Node> | undefined;
    if (this.builders.size > 0 && lost.length + gained.length > 0) {
      changed = new Set();
      for (const h of lost) changed.add(h.node);
      for (const h of gained) changed.add(h.node);
    }
    const records = new Map<ts.Node, BuilderRecord>();
    const out: Builder[] = [];
    for (const c of creates) {
      const rec = builderRecord(r, this.memory, c, this.builders.get(c.call), this.byNode, changed ?? NO_NODES, count);
      records.set(c.call, rec);
      out.push(rec.builder);
    }
    // Builders gone since the last check register nothing any more.
    for (const [call, old] of this.builders) if (!records.has(call)) for (const it of old.items) if (it.handler) count(it.handler.node, -1);
    this.builders = records;
    return out;
  }

  /** The last check's handler list with each changed file's ranges put in and the flipped handlers' variants changed: a new list, or the same one when nothing changed. */
  private handlerList(changes: FileChange[], flips: Set<ts.Node>): Handler[] {
    if (changes.length === 0 && flips.size === 0) return this.handlers;
    let out: Handler[] = [];
    if (flips.size > MAX_FLIPS) {
      for (const scan of this.scans.values()) for (const h of scan.handlers) out.push(this.registered(h));
      return out;
    }
    const old = this.handlers;
    // As many handlers as before in each place (a keystroke in a handler): a copy of the old list, written over.
    let same = true;
    for (const c of changes) for (const g of c.ranges) if (g.oldEnd - g.oldAt !== g.newEnd - g.newAt) same = false;
    if (same) out = old.slice();
    // Each file's first index in the new list, and in the old one.
    const at = new Map<string, number>();
    let from = 0;
    let next = 0;
    for (const [file, scan] of this.scans) {
      const start = same ? from : out.length;
      at.set(file, start);
      const change = changes[next]?.file === file ? changes[next++] : undefined;
      if (!change) {
        if (!same) for (let i = 0; i < scan.handlers.length; i++) out.push(old[from + i]);
        from += scan.handlers.length;
        continue;
      }
      let done = 0;
      for (const g of change.ranges) {
        if (same) {
          for (let i = g.newAt; i < g.newEnd; i++) out[start + i] = this.registered(scan.handlers[i]);
          continue;
        }
        for (let i = done; i < g.oldAt; i++) out.push(old[from + i]);
        for (let i = g.newAt; i < g.newEnd; i++) out.push(this.registered(scan.handlers[i]));
        done = g.oldEnd;
      }
      if (!same) for (let i = done; i < change.before; i++) out.push(old[from + i]);
      from += change.before;
    }
    for (const node of flips) {
      const h = this.byNode.get(node);
      if (h) out[at.get(h.file)! + this.scans.get(h.file)!.handlers.indexOf(h)] = this.registered(h);
    }
    return out;
  }

  /**
   * The match index with the handlers that went taken out and those that came put in. A handler
   * made again in the place of one with the same matches (a keystroke in its statement) takes that
   * one's place in each list; another is put where discovery order says, found by a binary search
   * over the list's handlers' places in their files. Taking a place keeps the order only in a range
   * whose handlers are all new: a handler that went and came (a statement both trees share, inside
   * the run an edit made anew) keeps its place in the lists while the range's others move around it,
   * so such a range is taken out and put in.
   */
  private updateIndex(changes: FileChange[], lost: ScannedHandler[], gained: ScannedHandler[]): void {
    if (lost.length + gained.length > MAX_INDEX_EDITS) {
      this.byMatch = undefined;
      return;
    }
    const index = this.byMatch!;
    discoveryStats.indexUpdates++;
    const out: ScannedHandler[] = [];
    const into: ScannedHandler[] = [];
    const went = new Set(lost);
    let l = 0;
    let g = 0;
    for (const c of changes) {
      for (const range of c.ranges) {
        const n = range.oldEnd - range.oldAt;
        const k = range.newEnd - range.newAt;
        let places = n === k;
        for (let i = 0; i < k && places; i++) if (went.has(gained[g + i])) places = false;
        for (let i = 0; i < Math.max(n, k); i++) {
          const a = i < n ? lost[l + i] : undefined;
          const b = i < k ? gained[g + i] : undefined;
          if (places && a && b && sameMatches(a, b)) {
            eachKey(a, (asked, key) => {
              const list = index[asked].get(key)!;
              const at = list.indexOf(a);
              if (at >= 0) list[at] = b;
            });
            continue;
          }
          if (a) out.push(a);
          if (b) into.push(b);
        }
        l += n;
        g += k;
      }
    }
    for (const h of out) {
      eachKey(h, (asked, key) => {
        const list = index[asked].get(key);
        const at = list ? list.indexOf(h) : -1;
        if (at < 0) return;
        list!.splice(at, 1);
        if (list!.length === 0) index[asked].delete(key);
      });
    }
    if (into.length === 0) return;
    const fileAt = new Map<string, number>();
    for (const file of this.scans.keys()) fileAt.set(file, fileAt.size);
    const place = (h: ScannedHandler): number => fileAt.get(h.file)! * 0x100000000 + this.scans.get(h.file)!.handlers.indexOf(h);
    for (const h of into) {
      const p = place(h);
      eachKey(h, (asked, key) => {
        const list = index[asked].get(key);
        if (!list) {
          index[asked].set(key, [h]);
          return;
        }
        let lo = 0;
        let hi = list.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (place(list[mid]) < p) lo = mid + 1;
          else hi = mid;
        }
        if (list[lo] !== h) list.splice(lo, 0, h);
      });
    }
  }

  answer(asked: Asked, name: string): Array<Handler | V1Handler> {
    if (!this.byMatch) {
      const index: ByAsked<ScannedHandler> = { intent: new Map(), type: new Map() };
      for (const scan of this.scans.values()) for (const h of scan.handlers) append(index, h);
      this.byMatch = index;
      discoveryStats.indexBuilds++;
    }
    if (!this.v1ByName) {
      const byName = new Map<string, V1Handler[]>();
      for (const m of this.v1Maps) {
        for (const h of m.handlers) {
          const list = byName.get(h.name);
          if (list) list.push(h);
          else byName.set(h.name, [h]);
        }
      }
      this.v1ByName = byName;
    }
    const out: Array<Handler | V1Handler> = [];
    const raws = this.byMatch[asked].get(name);
    if (raws) {
      for (const h of raws) if (this.counts.has(h.node)) out.push(h.asRegistered);
      for (const h of raws) if (!this.counts.has(h.node)) out.push(h);
    }
    const v1 = this.v1ByName.get(name);
    if (v1) for (const h of v1) out.push(h);
    return out;
  }

  /**
   * The v1 skills and maps of this check. A map's state (from `CreateStateHandler`) and whether a
   * skill registers it are this check's, on variants of the scanned maps: v1 maps are few, and this
   * part is made again on every check.
   */
  private v1Part(r: Resolver, scanned: ScannedV1Map[], stateHandlers: Array<{ file: string; call: ts.CallExpression }>, v1Calls: Array<{ file: string; call: ts.CallExpression }>): { skills: V1Skill[]; maps: V1HandlerMap[] } {
    const slots: Array<{ map: ScannedV1Map; state: string | undefined; registered: boolean }> = [];
    const byNode = new Map<ts.Node, (typeof slots)[number]>();
    const add = (map: ScannedV1Map): (typeof slots)[number] => {
      const slot = { map, state: map.state, registered: map.registered };
      slots.push(slot);
      byNode.set(map.node, slot);
      return slot;
    };
    for (const m of scanned) add(m);
    // v1 state handlers: the map is the second argument; the first names the state.
    for (const { file, call } of stateHandlers) {
      const obj = skipWrappers(call.arguments[1]);
      const st = skipWrappers(call.arguments[0]);
      const stateValue = r.value(file, st);
      const state = stateValue?.kind === 'node' && (ts.isStringLiteral(stateValue.node) || ts.isNoSubstitutionTemplateLiteral(stateValue.node)) ? stateValue.node.text : undefined;
      if (!ts.isObjectLiteralExpression(obj)) continue;
      const existing = byNode.get(obj);
      if (existing) existing.state = state;
      else {
        const m = v1Map(file, obj, state, true);
        if (m) add(m);
      }
    }
    const skills: V1Skill[] = [];
    for (const { file, call } of v1Calls) {
      const callee = r.value(file, call.expression);
      // ask-sdk-v1adapter runs v1 handler maps on ask-sdk v2 with the same API.
      if (!callee || callee.kind !== 'module' || (callee.spec !== 'alexa-sdk' && callee.spec !== 'ask-sdk-v1adapter') || callee.path.join('.') !== 'handler') continue;
      skills.push(v1Skill(r, file, call, (v) => {
        if (!v || v.kind !== 'node') return undefined;
        let node = v.node;
        if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'CreateStateHandler' && node.arguments.length >= 2) node = skipWrappers(node.arguments[1]);
        if (!ts.isObjectLiteralExpression(node)) return undefined;
        let slot = byNode.get(node);
        if (!slot) {
          const m = v1Map(v.file, node, undefined, true);
          if (!m) return undefined;
          slot = add(m);
        }
        // Every state is named by now: the skill lists the map as the check's result does.
        slot.registered = true;
        return slot.map.variant(slot.state, true);
      }));
    }
    const maps = slots.map((s) => s.map.variant(s.state, s.registered));
    if (maps.length !== this.v1Maps.length || maps.some((m, i) => m.handlers !== this.v1Maps[i].handlers)) this.v1ByName = undefined;
    this.v1Maps = maps;
    return { skills, maps };
  }
}

/** The discoveries of the skills checked lately, by their files; a skill whose trees the parse cache let go (the CLI after each skill) is dropped. */
const discoveries = new Map<string, SkillDiscovery>();
const MAX_DISCOVERIES = 32;

function discoveryOf(set: CodeSet): SkillDiscovery {
  for (const key of [...discoveries.keys()]) if (!isParsed(key.split('\n')[0])) discoveries.delete(key);
  const key = [...set.files.keys()].join('\n');
  let d = discoveries.get(key);
  if (!d) {
    if (discoveries.size >= MAX_DISCOVERIES) discoveries.clear();
    discoveries.set(key, (d = new SkillDiscovery()));
  }
  return d;
}

// --- registrations kept between checks ---------------------------------------------------------------

/** Registrations resolved and kept from the skill's last check, for the differential test. */
export const registrationStats = { resolved: 0, kept: 0 };

/** What a resolution of `key` gave, the check it was made or last asked in, and what it read. */
interface KeptResolution {
  key: ts.Node;
  run: number;
  result: unknown;
  reads: Reads;
  /**
   * The check of the builder record that holds it (`BuilderRecord.asked`), which keeps it while the
   * record is kept: it counts as asked in that check as well. A record is kept only from one check
   * to the next, with every stale resolution it holds made again, so a resolution it holds is right
   * in that check. (The record's cell, not the record: a resolution outlives its record in the
   * memory, and should not keep the record's tree alive.)
   */
  holder: { run: number } | undefined;
}

/** One expression a builder registers: an argument of `addRequestHandlers`, or an element of an array an argument spreads. */
interface Registration {
  call: BuilderCall;
  argument: ts.Expression;
  /** The argument or the element; a spread whose array could not be read stands for itself. */
  e: ts.Expression;
  /** The file `e` is resolved in. */
  file: string;
  /** `e` resolved: `result` is the object literal or class it registers (through `new`), if any; undefined for such a spread. */
  kept: KeptResolution | undefined;
  /** The handler of that node (the builder's lists hold its registered twin), and the registration's entry in `Builder.registrations`. */
  handler: ScannedHandler | undefined;
  entry: Builder['registrations'][number] | undefined;
  /** Its index in the builder's lists (`requestHandlers` and `registrations` with an entry, else `unresolvedHandlers`). */
  at: number;
}

/**
 * One builder's registrations as the skill's last check resolved them. While its `addRequestHandlers`
 * calls are the same nodes (and so their arguments), the next check keeps the record and resolves
 * again only the registrations whose resolution read what the edit changed (the memory's stale
 * keys) or whose node's handler went or came: a keystroke in a handler's statement resolves that
 * handler's registration again, not all of the builder's. What a kept
 * record holds counts as asked in that check: each resolution names the record that holds it
 * (`KeptResolution.holder`), so a record kept is its resolutions kept, without a write to each.
 */
interface BuilderRecord {
  /** The check it was made or kept in, shared with the resolutions it holds. */
  asked: { run: number };
  /** The tree of the builder's file it was read from. */
  sf: ts.SourceFile;
  /** The builder with empty registration lists: its calls and their spans, read from `sf`. */
  base: Builder;
  builder: Builder;
  items: Registration[];
  /** The resolutions of the spread arguments, the arrays they spread. */
  spreads: KeptResolution[];
  /** Each resolution key's registration (-1: a spread argument) and each resolved node's; undefined when a key or a node repeats (`dirtyOf` looks through the registrations then). */
  byKey: Map<ts.Node, number> | undefined;
  byTarget: Map<ts.Node, number> | undefined;
}

/** Adds `by` to the registrations that resolve to a handler's node. */
type Count = (node: ts.Node, by: 1 | -1) => void;

/**
 * The record of builder `c` for this check: the last check's kept or patched, or made (its
 * registrations counted out and in again). After an edit elsewhere in the builder's file its calls
 * are read again from the new tree, and the record is carried over when its `addRequestHandlers`
 * calls are the same nodes (the same arguments, so the same registrations): a keystroke in a
 * handler of a one-file skill, or in the builder's file anywhere but the builder, is no more work
 * than one in another file.
 */
function builderRecord(r: Resolver, memory: RegistrationMemory, c: Create, old: BuilderRecord | undefined, byNode: ReadonlyMap<ts.Node, ScannedHandler>, changed: ReadonlySet<ts.Node>, count: Count): BuilderRecord {
  const sf = r.set.files.get(c.file)!.parsed.sourceFile;
  const base = old && old.sf === sf ? old.base : buildBuilder(c.file, c.call, c.kind);
  if (old && old.asked.run === memory.run - 1 && (base === old.base || sameCalls(base.addRequestHandlers, old.base.addRequestHandlers))) {
    const dirty = dirtyOf(old, memory.staleKeys, changed);
    if (dirty) {
      if (base !== old.base) {
        moved(old, base, sf);
        discoveryStats.moved++;
      }
      if (dirty.length > 0) {
        patch(r, memory, old, dirty, byNode, count);
        discoveryStats.patched++;
      } else discoveryStats.unchanged++;
      registrationStats.kept += Math.max(0, old.items.length + old.spreads.length - dirty.length);
      // After the patch, which made the stale resolutions again: the rest are this check's too.
      old.asked.run = memory.run;
      return old;
    }
  }
  if (old) for (const it of old.items) if (it.handler) count(it.handler.node, -1);
  discoveryStats.made++;
  return made(r, memory, base, sf, byNode, count);
}

function sameCalls(a: readonly BuilderCall[], b: readonly BuilderCall[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].node !== b[i].node) return false;
  return true;
}

/** A record carried over to a new tree of its builder's file: the builder of `base`, its registrations naming `base`'s calls (whose spans are the new tree's). */
function moved(rec: BuilderRecord, base: Builder, sf: ts.SourceFile): void {
  const calls = rec.base.addRequestHandlers;
  for (const it of rec.items) {
    it.call = base.addRequestHandlers[calls.indexOf(it.call)];
    if (it.entry) it.entry = { handler: it.entry.handler, argument: it.argument, call: it.call };
  }
  rec.base = base;
  rec.sf = sf;
  rec.builder = withRegistrations(base, rec.items);
}

/**
 * The registrations of a record whose resolution is stale or whose node's handler went or came, by
 * index; undefined when a spread argument's resolution is stale (its array may be another array,
 * and its registrations another list).
 */
function dirtyOf(rec: BuilderRecord, stale: ReadonlySet<ts.Node>, changed: ReadonlySet<ts.Node>): number[] | undefined {
  const dirty: number[] = [];
  if (stale.size === 0 && changed.size === 0) return dirty;
  if (rec.byKey && rec.byTarget) {
    for (const key of stale) {
      const i = rec.byKey.get(key);
      if (i === undefined) continue;
      if (i < 0) return undefined;
      dirty.push(i);
    }
    for (const n of changed) {
      const i = rec.byTarget.get(n);
      if (i !== undefined) dirty.push(i);
    }
    return dirty;
  }
  // A key or a node repeats (a handler registered twice, an array spread twice): the registrations are looked through.
  for (const s of rec.spreads) if (stale.has(s.key)) return undefined;
  for (let i = 0; i < rec.items.length; i++) {
    const k = rec.items[i].kept;
    if (k && (stale.has(k.key) || changed.has(k.result as ts.Node))) dirty.push(i);
  }
  return dirty;
}

/** The record's registrations at `dirty` resolved again (kept where nothing they read changed) and matched to the handlers of this check. */
function patch(r: Resolver, memory: RegistrationMemory, rec: BuilderRecord, dirty: number[], byNode: ReadonlyMap<ts.Node, ScannedHandler>, count: Count): void {
  const byTarget = rec.byTarget;
  let repeats = false;
  const changed: Registration[] = [];
  // Whether each changed registration still has an entry, or still has none: then the lists keep their places.
  let places = true;
  for (const i of dirty) {
    const it = rec.items[i];
    const was = it.kept!.result as ts.Node | undefined;
    it.kept = memory.resolution(r, it.e, () => targetOf(r, it.file, it.e));
    it.kept.holder = rec.asked;
    const target = it.kept.result as ts.Node | undefined;
    if (target !== was && byTarget) {
      if (was !== undefined && byTarget.get(was) === i) byTarget.delete(was);
      if (target !== undefined) {
        const j = byTarget.get(target);
        if (j === undefined) byTarget.set(target, i);
        else if (j !== i) repeats = true;
      }
    }
    const h = target !== undefined ? byNode.get(target) : undefined;
    if (h === it.handler) continue;
    if (it.handler) count(it.handler.node, -1);
    if (h) count(h.node, 1);
    if (!h !== !it.handler) places = false;
    it.handler = h;
    it.entry = h ? { handler: h.asRegistered, argument: it.argument, call: it.call } : undefined;
    changed.push(it);
  }
  if (repeats) {
    rec.byKey = undefined;
    rec.byTarget = undefined;
  }
  if (changed.length === 0) return;
  if (!places) {
    rec.builder = withRegistrations(rec.base, rec.items);
    return;
  }
  // Another handler in the same place (a keystroke in a handler's statement): copies of the two lists, written over.
  const b = rec.builder;
  const requestHandlers = b.requestHandlers.slice();
  const registrations = b.registrations.slice();
  for (const it of changed) {
    requestHandlers[it.at] = it.entry!.handler;
    registrations[it.at] = it.entry!;
  }
  rec.builder = { ...b, requestHandlers, registrations };
}

/** A builder's record made from its calls, each registration resolved through the memory. */
function made(r: Resolver, memory: RegistrationMemory, base: Builder, sf: ts.SourceFile, byNode: ReadonlyMap<ts.Node, ScannedHandler>, count: Count): BuilderRecord {
  const items: Registration[] = [];
  const spreads: KeptResolution[] = [];
  const byKey = new Map<ts.Node, number>();
  const byTarget = new Map<ts.Node, number>();
  let repeats = false;
  const note = (map: Map<ts.Node, number>, n: ts.Node, i: number): void => {
    if (map.has(n)) repeats = true;
    else map.set(n, i);
  };
  const add = (call: BuilderCall, argument: ts.Expression, e: ts.Expression, file: string, kept: KeptResolution | undefined): void => {
    const target = kept?.result as ts.Node | undefined;
    const handler = target !== undefined ? byNode.get(target) : undefined;
    if (kept) note(byKey, e, items.length);
    if (target !== undefined) note(byTarget, target, items.length);
    if (handler) count(handler.node, 1);
    items.push({ call, argument, e, file, kept, handler, entry: handler ? { handler: handler.asRegistered, argument, call } : undefined, at: 0 });
  };
  for (const call of base.addRequestHandlers) {
    for (const arg of call.args) {
      if (ts.isSpreadElement(arg)) {
        const kept = memory.resolution(r, arg, () => {
          const v = r.value(call.file, arg.expression);
          return v?.kind === 'node' && ts.isArrayLiteralExpression(v.node) ? { file: v.file, node: v.node } : undefined;
        });
        spreads.push(kept);
        note(byKey, arg, -1);
        const arr = kept.result as { file: string; node: ts.ArrayLiteralExpression } | undefined;
        if (arr) for (const el of arr.node.elements) add(call, arg, el, arr.file, memory.resolution(r, el, () => targetOf(r, arr.file, el)));
        else add(call, arg, arg, call.file, undefined);
      } else add(call, arg, arg, call.file, memory.resolution(r, arg, () => targetOf(r, call.file, arg)));
    }
  }
  const rec: BuilderRecord = { asked: { run: memory.run }, sf, base, builder: withRegistrations(base, items), items, spreads, byKey: repeats ? undefined : byKey, byTarget: repeats ? undefined : byTarget };
  for (const s of spreads) s.holder = rec.asked;
  for (const it of items) if (it.kept) it.kept.holder = rec.asked;
  return rec;
}

/** A new builder object with the registrations' lists, in the order of the arguments. */
function withRegistrations(base: Builder, items: readonly Registration[]): Builder {
  const requestHandlers: Handler[] = [];
  const registrations: Builder['registrations'] = [];
  const unresolvedHandlers: ts.Expression[] = [];
  for (const it of items) {
    if (it.entry) {
      it.at = requestHandlers.length;
      requestHandlers.push(it.entry.handler);
      registrations.push(it.entry);
    } else {
      it.at = unresolvedHandlers.length;
      unresolvedHandlers.push(it.e);
    }
  }
  return { ...base, requestHandlers, registrations, unresolvedHandlers };
}

/**
 * The resolutions of one skill's handler registrations, kept from its last check: a keystroke
 * resolves again only the registrations whose resolution read what the edit changed (see `Reads`
 * in code/bindings.ts), instead of every registration of the skill on every check.
 */
class RegistrationMemory {
  run = 0;
  /** Each file's tree and statements at the last check. */
  private files = new Map<string, { sf: ts.SourceFile; statements: readonly ts.Statement[] }>();
  private kept = new WeakMap<ts.Node, KeptResolution>();
  /** What changed since the last check, in the form `Reads` holds it. */
  private removed = new Set<ts.Node>();
  private changedNames = new Set<string>();
  private exportsChanged = new Set<string>();
  /** Resolutions of the last check cannot be kept (new files, a file not seen before). */
  fresh = true;
  /**
   * The inverse of the kept resolutions' reads: the keys that read a statement, a name, a file's
   * exports. A check marks stale the keys under what it changed, so keeping a registration is a
   * set lookup, not a pass over what it read, and the work of a check follows its change, not
   * the number of registrations.
   */
  private byStatement = new Map<ts.Node, Set<ts.Node>>();
  private byName = new Map<string, Set<ts.Node>>();
  private byExports = new Map<string, Set<ts.Node>>();
  /** Entries in the three maps, and how many there were after the last rebuild. */
  private entries = 0;
  private rebuiltAt = 0;
  /** Keys of the last check whose resolution read what this check changed. */
  private stale = new Set<ts.Node>();

  get staleKeys(): ReadonlySet<ts.Node> {
    return this.stale;
  }

  /**
   * Starts a check of the skill: what changed per file since the last one. The incremental parser
   * keeps a file's statements but for a run the edit made anew, so the statements gone and come are
   * those between the ones both trees share at the start and at the end (by node): no set of a
   * file's statements is made for a keystroke. (A statement the run holds in both trees counts as
   * gone and come: more is resolved again, never less.)
   */
  begin(set: CodeSet, records: ReadonlyMap<ts.Node, BuilderRecord>): void {
    this.run++;
    this.removed.clear();
    this.changedNames.clear();
    this.exportsChanged.clear();
    this.fresh = this.files.size !== set.files.size;
    for (const [file, ix] of set.files) {
      const sf = ix.parsed.sourceFile;
      const old = this.files.get(file);
      if (!old) {
        this.fresh = true;
        continue;
      }
      if (old.sf === sf) continue;
      const before = old.statements;
      const now = sf.statements;
      const n = now.length;
      const m = before.length;
      const { head, tail } = sharedEnds(now, before);
      for (let i = head; i < m - tail; i++) {
        this.removed.add(before[i]);
        this.touch(file, before[i]);
      }
      for (let i = head; i < n - tail; i++) this.touch(file, now[i]);
      this.files.set(file, { sf, statements: now });
    }
    this.stale = new Set();
    if (this.fresh) {
      this.files = new Map();
      for (const [file, ix] of set.files) this.files.set(file, { sf: ix.parsed.sourceFile, statements: ix.parsed.sourceFile.statements });
      this.kept = new WeakMap();
      this.clearIndex();
      return;
    }
    if (this.entries > 2 * this.rebuiltAt + 1000) this.rebuildIndex(records);
    for (const st of this.removed) {
      this.markStale(this.byStatement.get(st));
      // The statement is gone: nothing reads it any more.
      const keys = this.byStatement.get(st);
      if (keys) {
        this.entries -= keys.size;
        this.byStatement.delete(st);
      }
    }
    for (const n of this.changedNames) this.markStale(this.byName.get(n));
    for (const f of this.exportsChanged) this.markStale(this.byExports.get(f));
  }

  /** Notes the names a statement gone or come mentions, and whether it has an export form. */
  private touch(file: string, st: ts.Node): void {
    const m = mentionsOf(st);
    for (const n of m.names) this.changedNames.add(`${file}\0${n}`);
    if (m.exports) this.exportsChanged.add(file);
  }

  private markStale(keys: Set<ts.Node> | undefined): void {
    if (keys) for (const k of keys) this.stale.add(k);
  }

  private clearIndex(): void {
    this.byStatement.clear();
    this.byName.clear();
    this.byExports.clear();
    this.entries = 0;
    this.rebuiltAt = 0;
  }

  /** The index again from the resolutions the last check's builder records hold: only those can be kept, and the other entries hold old nodes only. */
  private rebuildIndex(records: ReadonlyMap<ts.Node, BuilderRecord>): void {
    this.clearIndex();
    for (const rec of records.values()) {
      for (const s of rec.spreads) this.index(s.key, s.reads, 1);
      for (const it of rec.items) if (it.kept) this.index(it.kept.key, it.kept.reads, 1);
    }
    this.rebuiltAt = this.entries;
  }

  /** Adds (`by` 1) or removes (-1) `key` under each thing `reads` holds. */
  private index(key: ts.Node, reads: Reads, by: 1 | -1): void {
    const put = <K>(map: Map<K, Set<ts.Node>>, at: K): void => {
      let keys = map.get(at);
      if (by > 0) {
        if (!keys) map.set(at, (keys = new Set()));
        if (!keys.has(key)) {
          keys.add(key);
          this.entries++;
        }
      } else if (keys?.delete(key)) {
        this.entries--;
        if (keys.size === 0) map.delete(at);
      }
    };
    for (const st of reads.statements) put(this.byStatement, st);
    for (const n of reads.names) put(this.byName, n);
    for (const f of reads.exportsOf) put(this.byExports, f);
  }

  /**
   * A resolution (`compute`, through `r`) of `key`, or its result of the last check when nothing it
   * read changed. Keyed by the node resolved: each element of a registered array is kept by
   * itself, so an edit of one handler resolves that handler's element again, not the array.
   */
  resolution(r: Resolver, key: ts.Node, compute: () => unknown): KeptResolution {
    const hit = this.kept.get(key);
    if (hit) {
      const asked = hit.holder && hit.holder.run > hit.run ? hit.holder.run : hit.run;
      if (asked === this.run || (asked === this.run - 1 && !this.stale.has(key))) {
        if (hit.run !== this.run) registrationStats.kept++;
        hit.run = this.run;
        return hit;
      }
    }
    if (hit) this.index(key, hit.reads, -1);
    const reads: Reads = { statements: new Set(), names: new Set(), exportsOf: new Set() };
    const outer = r.reads;
    r.reads = reads;
    let result: unknown;
    try {
      result = compute();
    } finally {
      r.reads = outer;
    }
    const kept: KeptResolution = { key, run: this.run, result, reads, holder: undefined };
    this.kept.set(key, kept);
    this.index(key, reads, 1);
    registrationStats.resolved++;
    return kept;
  }
}

/** The object literal or class an expression of `file` registers (through `new`), if any. */
function targetOf(r: Resolver, file: string, e: ts.Expression): ts.Node | undefined {
  const v = r.value(file, e);
  if (v?.kind !== 'node') return undefined;
  if (!ts.isNewExpression(v.node)) return v.node;
  const c = r.value(v.file, v.node.expression);
  return c?.kind === 'node' ? c.node : undefined;
}

/** The identifiers a statement mentions, and whether it has an export form or mentions `exports`/`module`; by statement node (it depends on the subtree only). */
const mentionsCache = new WeakMap<ts.Node, { names: ReadonlySet<string>; exports: boolean }>();

function mentionsOf(st: ts.Node): { names: ReadonlySet<string>; exports: boolean } {
  const hit = mentionsCache.get(st);
  if (hit) return hit;
  const names = identifiersOf(st);
  const exportForm = ts.isExportDeclaration(st) || ts.isExportAssignment(st) || (ts.canHaveModifiers(st) && (ts.getModifiers(st) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword));
  const out = { names, exports: exportForm || names.has('exports') || names.has('module') };
  mentionsCache.set(st, out);
  return out;
}

// --- scans ------------------------------------------------------------------------------------------

/** What one file holds by itself: handler objects and classes, v1 handler maps, builder and v1 entry calls. */
interface FileScan {
  file: string;
  /** Unregistered; a check lists the registered ones' twins. */
  handlers: readonly ScannedHandler[];
  v1Maps: readonly ScannedV1Map[];
  creates: ReadonlyArray<{ call: ts.CallExpression; kind: 'custom' | 'standard' }>;
  v1Calls: readonly ts.CallExpression[];
  stateHandlers: readonly ts.CallExpression[];
  /**
   * For a scan carried over from the scan of the tree this one's was updated from (`carriedOver`):
   * that scan, and which of its handlers went and which came. A skill whose last check saw that
   * scan takes only those in. The next scan carried over from this one drops it, so that no chain
   * of old scans is kept alive.
   */
  delta: { from: FileScan; ranges: readonly HandlerRange[] } | undefined;
}

/**
 * Per parsed tree: everything in a scan is read from its own file (names are looked up in the
 * file only), so an unchanged file is not scanned again on the next keystroke.
 */
const scans = new WeakMap<ts.SourceFile, FileScan>();

/** One top-level statement's part of a scan. */
export interface ScanPart {
  file: string;
  /** Read nothing outside its statement: kept in its StatementFacts (see below). */
  local: boolean;
  handlers: ScannedHandler[];
  v1Maps: ScannedV1Map[];
  creates: Array<{ call: ts.CallExpression; kind: 'custom' | 'standard' }>;
  v1Calls: ts.CallExpression[];
  stateHandlers: ts.CallExpression[];
}

/**
 * Statement parts that read nothing outside their statement (every name they looked up is
 * declared inside a function of it), by statement node. The incremental parser (code/parse.ts)
 * reuses an unchanged statement whole, the same nodes moved in place, and a part holds nodes only
 * (its spans are read from them), so a kept part is right as it is; a part that looked a name up
 * elsewhere (a handler function declared beside the object, a module-level const) is made again.
 * (Kept in the statement's StatementFacts, `scan`.)
 */

/** The statement being scanned, while its scan may be kept. */
let scanning: { statement: ts.Statement; local: boolean } | undefined;

/** `findDeclaration`, noting whether the scan of the current statement looked outside it. */
function declarationOf(name: string, at: ts.Node): ts.Node | undefined {
  const d = findDeclaration(name, at);
  if (scanning && scanning.local && !(d && insideFunctionOf(d, scanning.statement))) scanning.local = false;
  return d;
}

/** A file's scan with the part of each statement, from which the scan of the next tree is made. */
interface Composition {
  file: string;
  /** By statement index. */
  parts: ScanPart[];
  /** The indices of the statements whose parts read outside them, ascending: scanned again for every tree. */
  outside: number[];
  scan: FileScan;
}

/**
 * By the tree's statements array, as syntax-index.ts keeps a file's name counts: a tree the
 * incremental parser updated from this one (`previousStatementsOf`) takes its composition over,
 * once, and no later tree keeps an older one alive.
 */
const compositions = new WeakMap<ts.NodeArray<ts.Statement>, Composition>();

/**
 * A file's scan: every statement's part put together, in order. After an incremental re-parse the
 * scan of the tree it was updated from is taken over: the statements both trees share at the start
 * and at the end are the same nodes with the same parts, so only the run between them (and the
 * statements whose parts read outside them) is scanned, and the lists are the old ones with that
 * run's entries taken out and put in. A keystroke in the 10,000-line file no longer puts 686
 * statements' parts together.
 */
function scanFile(file: string, sf: ts.SourceFile): FileScan {
  const hit = scans.get(sf);
  if (hit && hit.file === file) return hit;
  const before = previousStatementsOf(sf);
  const old = before && compositions.get(before);
  let c: Composition | undefined;
  if (old && old.file === file) {
    compositions.delete(before!);
    c = carriedOver(old, before!, sf.statements);
  }
  if (c) discoveryStats.carried++;
  else {
    c = composed(file, sf.statements);
    discoveryStats.composed++;
  }
  compositions.set(sf.statements, c);
  scans.set(sf, c.scan);
  return c.scan;
}

function composed(file: string, statements: readonly ts.Statement[]): Composition {
  const parts: ScanPart[] = [];
  const outside: number[] = [];
  const handlers: ScannedHandler[] = [];
  const v1Maps: ScannedV1Map[] = [];
  const creates: FileScan['creates'][number][] = [];
  const v1Calls: ts.CallExpression[] = [];
  const stateHandlers: ts.CallExpression[] = [];
  for (let i = 0; i < statements.length; i++) {
    const part = statementScan(file, statements[i]);
    parts.push(part);
    if (!part.local) outside.push(i);
    for (const h of part.handlers) handlers.push(h);
    for (const m of part.v1Maps) v1Maps.push(m);
    for (const c of part.creates) creates.push(c);
    for (const c of part.v1Calls) v1Calls.push(c);
    for (const c of part.stateHandlers) stateHandlers.push(c);
  }
  return { file, parts, outside, scan: { file, handlers, v1Maps, creates, v1Calls, stateHandlers, delta: undefined } };
}

/** Statements of the old tree (`count` from `at`) whose parts are replaced by `parts`. */
interface PartChange {
  at: number;
  count: number;
  parts: readonly ScanPart[];
}

const isEmpty = (p: ScanPart): boolean => p.handlers.length + p.v1Maps.length + p.creates.length + p.v1Calls.length + p.stateHandlers.length === 0;

/** `old`'s composition made the composition of `statements`, or undefined when the two trees share no statement at either end. */
function carriedOver(old: Composition, before: readonly ts.Statement[], statements: readonly ts.Statement[]): Composition | undefined {
  const n = statements.length;
  const m = before.length;
  if (old.parts.length !== m) return undefined;
  const { head, tail } = sharedEnds(statements, before);
  if (head === 0 && tail === 0) return undefined;
  const file = old.file;
  const changes: PartChange[] = [];
  const outside: number[] = [];
  const again: Array<{ at: number; part: ScanPart }> = [];
  // A shared statement whose part read outside it, at `at` in the old tree and `i` in the new one.
  const rescan = (at: number, i: number): void => {
    const part = statementScan(file, statements[i]);
    if (!part.local) outside.push(i);
    again.push({ at, part });
    if (!isEmpty(part) || !isEmpty(old.parts[at])) changes.push({ at, count: 1, parts: [part] });
  };
  const outs = old.outside;
  let k = 0;
  for (; k < outs.length && outs[k] < head; k++) rescan(outs[k], outs[k]);
  const middle: ScanPart[] = [];
  for (let i = head; i < n - tail; i++) {
    const part = statementScan(file, statements[i]);
    middle.push(part);
    if (!part.local) outside.push(i);
  }
  changes.push({ at: head, count: m - head - tail, parts: middle });
  for (; k < outs.length; k++) if (outs[k] >= m - tail) rescan(outs[k], outs[k] - m + n);
  const parts = old.parts;
  const s = old.scan;
  const ranges: HandlerRange[] = [];
  const scan: FileScan = {
    file,
    handlers: spliced((p) => p.handlers, s.handlers, parts, changes, ranges),
    v1Maps: spliced((p) => p.v1Maps, s.v1Maps, parts, changes),
    creates: spliced((p) => p.creates, s.creates, parts, changes),
    v1Calls: spliced((p) => p.v1Calls, s.v1Calls, parts, changes),
    stateHandlers: spliced((p) => p.stateHandlers, s.stateHandlers, parts, changes),
    delta: { from: s, ranges },
  };
  s.delta = undefined;
  // The old parts are taken over, not copied: nothing else makes a composition from them.
  for (const { at, part } of again) parts[at] = part;
  const run = m - head - tail;
  if (middle.length <= 1024) parts.splice(head, run, ...middle);
  else return { file, parts: [...parts.slice(0, head), ...middle, ...parts.slice(m - tail)], outside, scan };
  return { file, parts, outside, scan };
}

/**
 * One list of a scan with `changes` made: the old list (the same array when no change has or had
 * any entry of it), its entries of the replaced statements taken out and the new parts' put in.
 * Each change's place in the old list is counted from the parts before it. `ranges` gets what
 * changed, in list positions.
 */
function spliced<T>(of: (p: ScanPart) => readonly T[], before: readonly T[], parts: readonly ScanPart[], changes: readonly PartChange[], ranges?: HandlerRange[]): readonly T[] {
  let touched = false;
  for (const c of changes) {
    for (let i = c.at; i < c.at + c.count && !touched; i++) if (of(parts[i]).length > 0) touched = true;
    for (let i = 0; i < c.parts.length && !touched; i++) if (of(c.parts[i]).length > 0) touched = true;
    if (touched) break;
  }
  if (!touched) return before;
  // Where each change's entries are in the old list, how many go and how many come.
  const at: number[] = [];
  const gone: number[] = [];
  const come: number[] = [];
  let same = true;
  for (let i = 0, st = 0, from = 0; i < changes.length; i++) {
    const c = changes[i];
    for (let j = st; j < c.at; j++) from += of(parts[j]).length;
    let g = 0;
    for (let j = c.at; j < c.at + c.count; j++) g += of(parts[j]).length;
    let k = 0;
    for (const p of c.parts) k += of(p).length;
    at.push(from);
    gone.push(g);
    come.push(k);
    if (g !== k) same = false;
    from += g;
    st = c.at + c.count;
  }
  // The usual keystroke makes a statement's entries again, as many as before: a copy of the old list, written over.
  const out: T[] = same ? before.slice() : [];
  let from = 0;
  for (let i = 0; i < changes.length; i++) {
    if (!same) for (let j = from; j < at[i]; j++) out.push(before[j]);
    const newAt = same ? at[i] : out.length;
    let w = newAt;
    for (const p of changes[i].parts) {
      const l = of(p);
      for (let j = 0; j < l.length; j++) {
        if (same) out[w++] = l[j];
        else out.push(l[j]);
      }
    }
    if (ranges && (gone[i] > 0 || come[i] > 0)) ranges.push({ oldAt: at[i], oldEnd: at[i] + gone[i], newAt, newEnd: newAt + come[i] });
    from = at[i] + gone[i];
  }
  if (!same) for (let j = from; j < before.length; j++) out.push(before[j]);
  return out;
}

const NONE: never[] = [];
/** Kinds read once: `ts.SyntaxKind.X` is a lookup in the module object and then in the enum object. */
const CALL = ts.SyntaxKind.CallExpression;
const PROPERTY_ACCESS = ts.SyntaxKind.PropertyAccessExpression;

function statementScan(file: string, st: ts.Statement): ScanPart {
  const facts = factsOf(st);
  const hit = facts.scan;
  if (hit && hit.file === file) return hit;
  // Most statements hold none of these: their lists are one shared empty list until something is found.
  const part: ScanPart = { file, local: true, handlers: NONE, v1Maps: NONE, creates: NONE, v1Calls: NONE, stateHandlers: NONE };
  const own = <K extends 'handlers' | 'v1Maps' | 'creates' | 'v1Calls' | 'stateHandlers'>(k: K): ScanPart[K] => (part[k] === NONE ? (part[k] = [] as ScanPart[K]) : part[k]);
  const outer = scanning;
  scanning = { statement: st, local: true };
  try {
    const index = statementIndex(st);
    for (const n of index.objects) {
      if (ts.isObjectLiteralExpression(n)) {
        const h = objectHandler(file, n);
        if (h) own('handlers').push(h);
        else {
          const m = v1Map(file, n, undefined);
          if (m) own('v1Maps').push(m);
        }
      } else {
        const h = classHandler(file, n);
        if (h) own('handlers').push(h);
      }
    }
    for (const c of index.calls) {
      // Each of the file's calls: kinds and `escapedText` (the name itself, as none of these
      // names starts with `__`) instead of `ts.isX` lookups and the `text` getter.
      if (c.kind !== CALL) continue;
      const n = c as ts.CallExpression;
      const callee = n.expression as ts.PropertyAccessExpression;
      if (callee.kind !== PROPERTY_ACCESS) continue;
      const m = callee.name.escapedText;
      if (m === 'custom' || m === 'standard') {
        const kind = builderCreation(n);
        if (kind) own('creates').push({ call: n, kind });
      } else if (m === 'handler' && n.arguments.length >= 1) own('v1Calls').push(n);
      else if (m === 'CreateStateHandler' && n.arguments.length >= 2) own('stateHandlers').push(n);
    }
    part.local = scanning.local;
    if (scanning.local) facts.scan = part;
  } finally {
    scanning = outer;
  }
  return part;
}

// --- ask-sdk v2 handlers ---------------------------------------------------------------------------

function memberFunction(el: ts.ObjectLiteralElementLike | ts.ClassElement): FunctionNode | undefined {
  if (ts.isMethodDeclaration(el)) return el;
  if ((ts.isPropertyAssignment(el) || ts.isPropertyDeclaration(el)) && el.initializer) return functionOf(el.initializer);
  // `{ canHandle, handle }` with functions declared beside it.
  if (ts.isShorthandPropertyAssignment(el)) return functionOf(el.name);
  return undefined;
}

/** A function expression, or a name of a function declared in the file (`canHandle: isLaunch`). */
function functionOf(e: ts.Expression): FunctionNode | undefined {
  const init = skipWrappers(e);
  if (ts.isFunctionExpression(init) || ts.isArrowFunction(init)) return init;
  if (ts.isIdentifier(init)) {
    const d = declarationOf(init.text, init);
    if (d && ts.isFunctionDeclaration(d)) return d;
    if (d && ts.isVariableDeclaration(d) && d.initializer) {
      const v = skipWrappers(d.initializer);
      if (ts.isFunctionExpression(v) || ts.isArrowFunction(v)) return v;
    }
  }
  return undefined;
}

function nameOfContainer(n: ts.Node): { name: string; id: ts.Node } | undefined {
  const p = n.parent;
  if (!p) return undefined;
  if ((ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) && p.initializer && skipWrappers(p.initializer) === n) {
    const name = propertyNameText(p.name);
    return name ? { name, id: p.name } : undefined;
  }
  if (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isSatisfiesExpression(p)) return nameOfContainer(p);
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.right === n) {
    const left = p.left;
    if (isModuleExports(left)) return undefined;
    if (ts.isPropertyAccessExpression(left)) return { name: left.name.text, id: left.name };
    if (ts.isIdentifier(left)) return { name: left.text, id: left };
  }
  return undefined;
}

function objectHandler(file: string, n: ts.ObjectLiteralExpression): ScannedHandler | undefined {
  let canHandle: FunctionNode | undefined;
  let handle: FunctionNode | undefined;
  for (const p of n.properties) {
    const name = propertyNameText(p.name);
    if (name === 'canHandle') canHandle = memberFunction(p);
    else if (name === 'handle') handle = memberFunction(p);
  }
  if (!canHandle || !handle) return undefined;
  const named = nameOfContainer(n);
  return finishHandler(file, 'object', n, named, canHandle, handle);
}

function classHandler(file: string, n: ts.ClassLikeDeclaration): ScannedHandler | undefined {
  let canHandle: FunctionNode | undefined;
  let handle: FunctionNode | undefined;
  for (const m of n.members) {
    const name = propertyNameText(m.name);
    if (name === 'canHandle') canHandle = memberFunction(m);
    else if (name === 'handle') handle = memberFunction(m);
  }
  const implementsHandler = (n.heritageClauses ?? []).some((h) => h.types.some((t) => /RequestHandler$/.test(t.expression.getText())));
  if (!handle || (!canHandle && !implementsHandler)) return undefined;
  const named = n.name ? { name: n.name.text, id: n.name } : nameOfContainer(n);
  return finishHandler(file, 'class', n, named, canHandle, handle);
}

function finishHandler(
  file: string,
  kind: 'object' | 'class',
  node: ts.ObjectLiteralExpression | ts.ClassLikeDeclaration,
  named: { name: string; id: ts.Node } | undefined,
  canHandle: FunctionNode | undefined,
  handle: FunctionNode,
): ScannedHandler {
  const cond = canHandle ? canHandleCondition(file, canHandle) : [unknownAlt()];
  const matches: RequestMatch[] = [];
  let opaque = false;
  for (const a of cond) {
    if (a.requestType === undefined && a.intent === undefined && a.other) {
      opaque = true;
      continue;
    }
    matches.push(new Match(file, a.requestType ?? (a.intent !== undefined ? 'IntentRequest' : undefined), a.intent, a.other, a.requestTypeLiteral, a.intentLiteral));
  }
  return new ScannedHandler(file, kind, named?.name, node, named?.id, canHandle, handle, matches, opaque, false);
}

// --- reading canHandle ------------------------------------------------------------------------------

/** One alternative of a condition in disjunctive normal form. */
interface Alt {
  requestType?: string;
  intent?: string;
  /** The string literals compared with. */
  requestTypeLiteral?: ts.Node;
  intentLiteral?: ts.Node;
  /** Holds conditions not read. */
  other: boolean;
}

const unknownAlt = (): Alt => ({ other: true });
const MAX_ALTS = 64;

function and(a: Alt[], b: Alt[]): Alt[] {
  const out: Alt[] = [];
  for (const x of a) {
    for (const y of b) {
      if (x.requestType !== undefined && y.requestType !== undefined && x.requestType !== y.requestType) continue;
      if (x.intent !== undefined && y.intent !== undefined && x.intent !== y.intent) continue;
      out.push({
        requestType: x.requestType ?? y.requestType,
        intent: x.intent ?? y.intent,
        requestTypeLiteral: x.requestTypeLiteral ?? y.requestTypeLiteral,
        intentLiteral: x.intentLiteral ?? y.intentLiteral,
        other: x.other || y.other,
      });
      if (out.length >= MAX_ALTS) return out;
    }
  }
  return out;
}

/** What a `canHandle` accepts: the OR of its `return`s, each ANDed with the `if`s around it. */
function canHandleCondition(file: string, fn: FunctionNode): Alt[] {
  const body = fn.body;
  if (!body) return [unknownAlt()];
  const ctx: CondContext = { file, fn };
  if (!ts.isBlock(body)) return condition(body as ts.Expression, ctx);
  const out: Alt[] = [];
  const visit = (n: ts.Node, guard: Alt[]): void => {
    if (isFunctionNode(n) || ts.isClassLike(n)) return;
    if (ts.isReturnStatement(n)) {
      if (n.expression) out.push(...and(guard, condition(n.expression, ctx)));
      return;
    }
    if (ts.isIfStatement(n)) {
      visit(n.thenStatement, and(guard, condition(n.expression, ctx)));
      if (n.elseStatement) visit(n.elseStatement, and(guard, [unknownAlt()]));
      return;
    }
    if (ts.isSwitchStatement(n) || ts.isWhileStatement(n) || ts.isDoStatement(n) || ts.isForStatement(n) || ts.isForOfStatement(n) || ts.isForInStatement(n) || ts.isTryStatement(n)) {
      ts.forEachChild(n, (c) => visit(c, and(guard, [unknownAlt()])));
      return;
    }
    ts.forEachChild(n, (c) => visit(c, guard));
  };
  visit(body, [{ other: false }]);
  return out.slice(0, MAX_ALTS);
}

interface CondContext {
  file: string;
  fn: FunctionNode;
}

function condition(expr: ts.Expression, ctx: CondContext): Alt[] {
  const e = skipWrappers(expr);
  if (e.kind === ts.SyntaxKind.TrueKeyword) return [{ other: false }];
  if (e.kind === ts.SyntaxKind.FalseKeyword || e.kind === ts.SyntaxKind.NullKeyword) return [];
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) return and(condition(e.left, ctx), condition(e.right, ctx));
    if (op === ts.SyntaxKind.BarBarToken) return [...condition(e.left, ctx), ...condition(e.right, ctx)].slice(0, MAX_ALTS);
    if (op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken) {
      const hit = comparison(e.left, e.right) ?? comparison(e.right, e.left);
      return hit ? [hit] : [unknownAlt()];
    }
    return [unknownAlt()];
  }
  // ['A', 'B'].includes(Alexa.getIntentName(env)), also through a const array.
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'includes' && e.arguments.length === 1) {
    const arr = localConst(skipWrappers(e.expression.expression));
    if (ts.isArrayLiteralExpression(arr)) {
      const alts: Alt[] = [];
      for (const el of arr.elements) {
        const hit = comparison(e.arguments[0], el);
        if (!hit) return [unknownAlt()];
        alts.push(hit);
      }
      return alts;
    }
  }
  return [unknownAlt()];
}

/** A `const` of the canHandle function (or the file) whose value is written out. */
function localConst(e: ts.Expression): ts.Expression {
  if (!ts.isIdentifier(e)) return e;
  const d = declarationOf(e.text, e);
  if (d && ts.isVariableDeclaration(d) && ts.isIdentifier(d.name) && d.initializer && ts.isVariableDeclarationList(d.parent) && (d.parent.flags & ts.NodeFlags.Const) !== 0) return skipWrappers(d.initializer);
  return e;
}

/** `probe === 'literal'`: which part of the request the probe reads. */
function comparison(probeExpr: ts.Expression, literalExpr: ts.Expression): Alt | undefined {
  const lit = localConst(skipWrappers(literalExpr));
  if (!(ts.isStringLiteral(lit) || ts.isNoSubstitutionTemplateLiteral(lit))) return undefined;
  const what = probeKind(skipWrappers(probeExpr), 0);
  if (!what) return undefined;
  return what === 'type' ? { requestType: lit.text, requestTypeLiteral: lit, other: false } : { intent: lit.text, intentLiteral: lit, other: false };
}

function probeKind(e: ts.Expression, depth: number): 'type' | 'intent' | undefined {
  if (depth > 6) return undefined;
  if (ts.isCallExpression(e)) {
    const callee = skipWrappers(e.expression);
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    if (name === 'getRequestType') return 'type';
    if (name === 'getIntentName') return 'intent';
    return undefined;
  }
  const path = accessPath(e, depth);
  if (!path) return undefined;
  const n = path.length;
  if (n >= 2 && path[n - 1] === 'type' && path[n - 2] === 'request') return 'type';
  if (n >= 2 && path[n - 1] === 'name' && path[n - 2] === 'intent') return 'intent';
  return undefined;
}

/** `a.b.c` as names, through local consts (`const req = handlerInput.requestEnvelope.request`) and destructuring (`const { request } = …`). */
function accessPath(e: ts.Expression, depth: number): string[] | undefined {
  if (depth > 6) return undefined;
  const x = skipWrappers(e);
  if (ts.isPropertyAccessExpression(x)) {
    const base = accessPath(x.expression, depth + 1);
    return base ? [...base, x.name.text] : undefined;
  }
  if (ts.isElementAccessExpression(x)) {
    const k = skipWrappers(x.argumentExpression);
    const base = accessPath(x.expression, depth + 1);
    return base && (ts.isStringLiteral(k) || ts.isNoSubstitutionTemplateLiteral(k)) ? [...base, k.text] : undefined;
  }
  if (ts.isIdentifier(x)) {
    const d = declarationOf(x.text, x);
    if (d && ts.isVariableDeclaration(d) && d.initializer) {
      if (ts.isIdentifier(d.name)) {
        const inner = accessPath(d.initializer, depth + 1);
        return inner ?? [x.text];
      }
      // `const { type } = request` reads `request.type`.
      const base = accessPath(d.initializer, depth + 1);
      const key = destructuredKey(d.name, x.text);
      if (base && key) return [...base, key];
    }
    return [x.text];
  }
  if (x.kind === ts.SyntaxKind.ThisKeyword) return ['this'];
  if (ts.isCallExpression(x)) {
    // Alexa.getRequest(env) is the request.
    const callee = skipWrappers(x.expression);
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    if (name === 'getRequest') return ['request'];
  }
  return undefined;
}

function destructuredKey(pattern: ts.BindingName, name: string): string | undefined {
  if (!ts.isObjectBindingPattern(pattern)) return undefined;
  for (const el of pattern.elements) {
    if (ts.isIdentifier(el.name) && el.name.text === name) return propertyNameText(el.propertyName ?? el.name);
  }
  return undefined;
}

// --- builders ---------------------------------------------------------------------------------------

function builderCreation(n: ts.CallExpression): 'custom' | 'standard' | undefined {
  const c = n.expression;
  if (!ts.isPropertyAccessExpression(c)) return undefined;
  const m = nameOf(c.name);
  if (m !== 'custom' && m !== 'standard') return undefined;
  const obj = skipWrappers(c.expression);
  const isSB = (ts.isIdentifier(obj) && obj.text === 'SkillBuilders') || (ts.isPropertyAccessExpression(obj) && obj.name.text === 'SkillBuilders');
  return isSB ? m : undefined;
}

function builderCall(file: string, call: ts.CallExpression): BuilderCall {
  const callee = call.expression;
  const nameNode = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
  const open = call.arguments.pos;
  // Up to the closing parenthesis, past a trailing comma; a half-typed call ends with its last argument.
  const end = call.getEnd();
  const close = call.getSourceFile().text.charCodeAt(end - 1) === 41 /* ) */ ? end - 1 : call.arguments.end;
  return {
    method: ts.isPropertyAccessExpression(callee) ? callee.name.text : callee.getText(),
    file,
    node: call,
    span: spanOfNode(file, call),
    nameSpan: spanOfNode(file, nameNode),
    args: call.arguments,
    argsSpan: { file, offset: open, length: close - open },
  };
}

/** Calls chained on `start` (`start.a().b()`), and where the chain's value ends up. */
function chainFrom(file: string, start: ts.Expression, into: BuilderCall[]): ts.Node {
  let cur: ts.Node = start;
  for (;;) {
    const p: ts.Node = cur.parent;
    if (p && ts.isPropertyAccessExpression(p) && p.expression === cur && p.parent && ts.isCallExpression(p.parent) && p.parent.expression === p) {
      into.push(builderCall(file, p.parent));
      cur = p.parent;
      continue;
    }
    if (p && (ts.isParenthesizedExpression(p) || ts.isAwaitExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p))) {
      cur = p;
      continue;
    }
    return cur;
  }
}

function buildBuilder(file: string, create: ts.CallExpression, kind: 'custom' | 'standard'): Builder {
  const calls: BuilderCall[] = [];
  const seen = new Set<ts.Node>();
  // Follow the builder through variables it is kept in: `const sb = SkillBuilders.custom(); sb.addRequestHandlers(...)`.
  const follow = (start: ts.Expression, depth: number): void => {
    if (depth > 4 || seen.has(start)) return;
    seen.add(start);
    const end = chainFrom(file, start, calls);
    const p = end.parent;
    let decl: ts.VariableDeclaration | undefined;
    if (p && ts.isVariableDeclaration(p) && p.initializer === end && ts.isIdentifier(p.name)) decl = p;
    else if (p && ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.right === end && ts.isIdentifier(p.left)) {
      const d = findDeclaration(p.left.text, p.left);
      if (d && ts.isVariableDeclaration(d)) decl = d;
    }
    if (!decl || !ts.isIdentifier(decl.name)) return;
    const name = decl.name.text;
    const sf = create.getSourceFile();
    const uses: ts.Identifier[] = [];
    const visit = (n: ts.Node): void => {
      if (ts.isIdentifier(n) && n.text === name && n !== decl!.name && n.parent && ts.isPropertyAccessExpression(n.parent) && n.parent.expression === n && findDeclaration(name, n) === decl) uses.push(n);
      ts.forEachChild(n, visit);
    };
    visit(sf);
    for (const u of uses) follow(u, depth + 1);
  };
  follow(create, 0);
  calls.sort((a, b) => a.node.getStart() - b.node.getStart());
  const by = (m: string): BuilderCall[] => calls.filter((c) => c.method === m);
  const add = by('addRequestHandlers');
  return {
    file,
    kind,
    create: builderCall(file, create),
    calls,
    addRequestHandlers: add,
    requestHandlers: [],
    registrations: [],
    unresolvedHandlers: [],
    addRequestInterceptors: by('addRequestInterceptors'),
    addResponseInterceptors: by('addResponseInterceptors'),
    addErrorHandlers: by('addErrorHandlers'),
    persistenceAdapter: by('withPersistenceAdapter')[0],
    tableName: by('withTableName')[0],
    entry: calls.find((c) => c.method === 'lambda' || c.method === 'create'),
    // A call of a parsed file: it is always inside one of the file's statements.
    statement: topLevelStatement(add[0]?.node ?? create)!,
  };
}

// --- alexa-sdk v1 -----------------------------------------------------------------------------------

/** Keys that name v1 handlers: request types, intents, the special `Unhandled`/`NewSession`. */
const V1_KEY = /^(LaunchRequest|SessionEndedRequest|NewSession|Unhandled|AMAZON\.\w+|\w+Intent|\w+Request|AlexaSkillEvent\.\w+|Display\.\w+|PlaybackController\.\w+|AudioPlayer\.\w+|Connections\.\w+|CanFulfillIntentRequest)$/;

/**
 * An object literal of v1 handlers. Without `sure` (it was not passed to `registerHandlers` or
 * `CreateStateHandler`) it needs a key that names a request and function values only.
 */
function v1Map(file: string, n: ts.ObjectLiteralExpression, state: string | undefined, sure = false): ScannedV1Map | undefined {
  const handlers: V1Handler[] = [];
  let named = 0;
  for (const p of n.properties) {
    const name = propertyNameText(p.name);
    if (name === undefined) continue;
    const fn = memberFunction(p);
    if (!fn) {
      if (!sure) return undefined;
      continue;
    }
    if (V1_KEY.test(name)) named++;
    handlers.push(new ScannedV1Handler(file, name, p.name!, p, fn));
  }
  if (handlers.length === 0 || (!sure && named === 0)) return undefined;
  // Plain functions only: v2 helpers and options objects use arrow functions without `this`.
  if (!sure && !handlers.some((h) => h.handle && usesThisEmit(h.handle))) return undefined;
  return new ScannedV1Map(file, n, state, handlers, false);
}

function usesThisEmit(fn: FunctionNode): boolean {
  let hit = false;
  const visit = (n: ts.Node): void => {
    if (hit) return;
    if (ts.isPropertyAccessExpression(n) && n.expression.kind === ts.SyntaxKind.ThisKeyword && (n.name.text === 'emit' || n.name.text === 'response' || n.name.text === 'emitWithState' || n.name.text === 'attributes')) hit = true;
    else ts.forEachChild(n, visit);
  };
  if (fn.body) visit(fn.body);
  return hit;
}

function v1Skill(r: Resolver, file: string, call: ts.CallExpression, mapOf: (v: Value | undefined) => V1HandlerMap | undefined): V1Skill {
  const calls: BuilderCall[] = [];
  let dynamo: V1Skill['dynamoDBTableName'];
  const end = chainFrom(file, call, calls);
  const p = end.parent;
  const decl = p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name) && p.initializer === end ? p : undefined;
  if (decl && ts.isIdentifier(decl.name)) {
    const name = decl.name.text;
    const visit = (n: ts.Node): void => {
      if (ts.isIdentifier(n) && n.text === name && n !== decl.name && n.parent && ts.isPropertyAccessExpression(n.parent) && n.parent.expression === n && findDeclaration(name, n) === decl) {
        const pa = n.parent;
        const a = pa.parent && ts.isBinaryExpression(pa.parent) ? assignment(pa.parent) : undefined;
        if (a && a.left === pa) {
          if (pa.name.text === 'dynamoDBTableName') {
            const v = r.value(file, a.right);
            dynamo = { span: spanOfNode(file, pa.parent), value: v?.kind === 'node' && (ts.isStringLiteral(v.node) || ts.isNoSubstitutionTemplateLiteral(v.node)) ? v.node.text : undefined };
          }
        } else chainFrom(file, n, calls);
      }
      ts.forEachChild(n, visit);
    };
    visit(call.getSourceFile());
  }
  calls.sort((a, b) => a.node.getStart() - b.node.getStart());
  const registerHandlers = calls.filter((c) => c.method === 'registerHandlers');
  const maps: V1HandlerMap[] = [];
  for (const c of registerHandlers) {
    for (const arg of c.args) {
      const vals: Array<Value | undefined> = [];
      if (ts.isSpreadElement(arg)) {
        const arr = r.value(file, arg.expression);
        if (arr?.kind === 'node' && ts.isArrayLiteralExpression(arr.node)) for (const el of arr.node.elements) vals.push(r.value(arr.file, el));
      } else vals.push(r.value(file, arg));
      for (const v of vals) {
        // Registered: the map is the check's registered variant.
        const m = mapOf(v);
        if (m) maps.push(m);
      }
    }
  }
  return {
    file,
    handlerCall: call,
    span: spanOfNode(file, call),
    registerHandlers,
    maps,
    dynamoDBTableName: dynamo,
    execute: calls.find((c) => c.method === 'execute'),
  };
}
