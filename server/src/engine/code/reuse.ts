import * as ts from 'typescript';
import { FileSpan } from '../types';
import { topLevelStatement } from './bindings';
import { CodeModel, DataSource, Flow, FlowStep, PersistFacts, Sink, SlotRead } from './model';
import type { FunctionNode } from './modules';
import { changedPart } from './parse';
import type { EnvRef, Taint, Val } from './values';

/**
 * What the data-flow pass keeps from one run of a skill for the next one, so that a keystroke
 * re-evaluates only the entry points it can change (code/analyze.ts, `Run`).
 *
 * An entry point's evaluation depends on the code it evaluates, on the module state (everything
 * reachable from the modules' scopes and exports after module evaluation) and on the objects the
 * entry points share (the session, the response, v1 attributes, a class instance). It is
 * evaluated with a memo of its own, so nothing another entry point evaluated changes what it
 * computes. While its code (every function it entered, every class it instantiated) sits in
 * top-level statements the incremental parser reused, the module state is the previous run's and
 * no entry point writes into it, and — if it read a shared object — every write into the shared
 * objects before it is the previous run's (`SharedWrite` log), it adds to the model exactly what it
 * added the previous time, at positions moved by the edit, and writes the same into the shared
 * objects. Such an entry point is not evaluated again: its record (`RootRecord`) is replayed in
 * its place, its shared writes applied as the live ones are. One that used a class instance, or
 * wrote something into a shared object that the log cannot keep as data, is always evaluated.
 * test/code/flow-reuse.test.ts checks the result against fresh runs over seeded random edits.
 *
 * The model is the sorted content of maps filled, first or last one wins, by module evaluation,
 * then every entry point of each round in order, then the functions no entry point reached. When
 * every record a run makes anew adds what the previous run's record at the same place added (its
 * positions moved), the whole sequence of additions is the previous run's, and so is the model:
 * the previous model, moved by the edit, is the answer, and no replayed record is read. A record
 * therefore keeps its positions at the version of the texts it was made or last moved at (`ver`),
 * and the memory keeps the changes since (`history`): a record is moved over them only when read
 * (the comparison, or a run whose additions differ, which puts every record into the maps again).
 * test/code/model-move.test.ts checks this over long chains of edits.
 */
export interface FlowMemory {
  /** Each file's text in the run the memory is of, in dependency order. */
  texts: Map<string, string>;
  /** The interaction models' texts (the slot catalog). */
  models: string[];
  /** Skill-wide facts the pass reads from every file. */
  flags: string;
  /** The module state before the first entry point ran (`Run.stateFingerprint`). */
  state: unknown[];
  /** Per entry point of the first round, what its evaluation added. */
  roots: Map<FunctionNode, RootRecord>;
  /** The same for the second round. */
  again: Map<FunctionNode, RootRecord>;
  /** Every write into an object the entry points share, in the order of the run. */
  log: SharedWrite[];
  /**
   * The version of the texts this memory is of, and the changes that led to it from `base` on
   * (`history[i]` takes version `base + i` to `base + i + 1`): a record's sources, flows, sinks and
   * slot reads are at its own version (`RootRecord.ver`) and are moved only when they are read.
   */
  version: number;
  base: number;
  history: Array<Map<string, TextChange>>;
  /** What module evaluation added to the model, before any entry point ran (at `version`). */
  module: RootRecord;
  /** The model the run gave (at `version`). */
  model: CodeModel;
  /** The same for the functions no entry point reached, evaluated after the rounds (always evaluated, never replayed). */
  unreached: Map<FunctionNode, RootRecord>;
  /**
   * Edits since this memory's run that no evaluation could see (code/analyze.ts `unseenEdit`: the
   * text of a `console.log` argument), which took the model over moved instead of running: each
   * one's change of the texts (versions `version + 1`, `version + 2`, …) and the texts after the
   * last. The next run starts from those texts and counts those versions, so that every record,
   * the state and the log (all at `version`) are moved over each edit on its own, as over the
   * history: one change spanning two distant edits would leave every position between them
   * without a counterpart.
   */
  unseen?: { steps: Array<Map<string, TextChange>>; texts: Map<string, string> };
}

/**
 * A write into one of the objects the entry points share: `key` set (joined with what was there,
 * or `put` in place of it), or data absorbed into the object itself. Only values without objects,
 * functions or classes inside (`isSimple`) are kept: the session and the response then hold
 * nothing another entry point could change in place, and a write can be replayed as data.
 */
export interface SharedWrite {
  target: 'session' | 'response' | 'v1';
  op: 'set' | 'put' | 'absorb';
  key?: string;
  value: Val;
}

/** What one entry point's evaluation added to the model, in the order a fresh run adds it. */
export interface RootRecord {
  /** The version of the texts its sources, flows, sinks and slot reads are at (`FlowMemory.version`); its shared writes are always at the memory's. */
  ver: number;
  /** Sources it read (created or found), one per id, in the order first read. */
  sources: DataSource[];
  /** Flows it found, one per key (`flowKey`): the first of each, as the run's own map keeps the first. */
  flows: Flow[];
  flowKeys: string[];
  /** Persistence sinks it reached, one per id: the last of each, as the run's own map keeps the last. */
  writes: Sink[];
  slotReads: SlotRead[];
  slotReadKeys: string[];
  /** Per file, where the last of its spans (sources, flows, sinks, slot reads) ends: a record ending before an edit stays as it is. */
  ends: Map<string, number>;
  /** Functions it entered (for the run's "reached by some evaluation" set). */
  analyzed: Set<FunctionNode>;
  /** Classes whose members it read without entering them (`new C()`). */
  touched: Set<ts.Node>;
  /** The top-level statements holding everything in `analyzed` and `touched`. */
  statements: ts.Node[];
  /** Its share of the run's work budget. */
  work: number;
  obtained: boolean;
  /** The length of the run's shared-write log when it started: what it read of the shared objects, if it obtained one. */
  logStart: number;
  /** Its writes into the shared objects, in order. */
  shared: SharedWrite[];
  /** Whether it set the run's "personal data in the session" / "in the response" flags. */
  sessionWritten: boolean;
  responseWritten: boolean;
  /** It cannot be replayed: it used a class instance of the entry points, or wrote an object or a function into a shared object, or into a value kept in one. */
  opaque: boolean;
}

/** A record being made: what the entry point adds so far, by key (`close` turns it into its record). */
export class Recording {
  readonly sources = new Map<string, DataSource>();
  readonly flows = new Map<string, Flow>();
  readonly writes = new Map<string, Sink>();
  readonly slotReads = new Map<string, SlotRead>();
  readonly analyzed = new Set<FunctionNode>();
  readonly touched = new Set<ts.Node>();
  readonly shared: SharedWrite[] = [];
  sessionWritten = false;
  responseWritten = false;
  opaque = false;

  constructor(readonly logStart: number) {}

  close(obtained: boolean, work: number, current: ReadonlySet<ts.Node>, ver: number): RootRecord {
    const st = new Set<ts.Node>();
    for (const n of [...this.analyzed, ...this.touched]) {
      const s = topStatement(n, current);
      if (s) st.add(s);
    }
    const ends = new Map<string, number>();
    const span = (x: FileSpan): void => {
      const e = x.offset + x.length;
      if (!(ends.get(x.file)! >= e)) ends.set(x.file, e);
    };
    for (const x of this.sources.values()) span(x);
    for (const f of this.flows.values()) {
      span(f.source);
      sinkSpans(f.sink, span);
      span(f.carrier);
      f.steps.forEach(span);
    }
    for (const x of this.writes.values()) sinkSpans(x, span);
    for (const x of this.slotReads.values()) span(x);
    return {
      ver,
      sources: [...this.sources.values()], flows: [...this.flows.values()], flowKeys: [...this.flows.keys()], writes: [...this.writes.values()],
      slotReads: [...this.slotReads.values()], slotReadKeys: [...this.slotReads.keys()], ends,
      analyzed: this.analyzed, touched: this.touched, statements: [...st], work, obtained, logStart: this.logStart, shared: this.shared,
      sessionWritten: this.sessionWritten, responseWritten: this.responseWritten, opaque: this.opaque,
    };
  }
}

function sinkSpans(s: Sink, span: (x: FileSpan) => void): void {
  span(s);
  if (s.persist?.objectLiteral) span(s.persist.objectLiteral);
  if (s.persist?.variable) span(s.persist.variable.statement);
}

/** A value that holds data only: no object with properties, function, class, literal or promise. */
export function isSimple(v: Val): boolean {
  return !v.props && !v.fns?.length && !v.cls && !v.lit && !v.resolved;
}

/**
 * A fingerprint's parts (`Run.stateFingerprint`, `writeParts`), written in place into an array of
 * the size the caller expects (the previous run's count: a keystroke rarely changes it) and cut to
 * the count written (`take`). A list grown part by part from empty allocates about three times its
 * final size on the way (V8 grows a full backing store by half and copies it): ~0.55 MB of the ~8.7 MB
 * a keystroke in the bench's 10,000-line file allocated went into the module state's 29,000
 * parts that way.
 */
export class Parts {
  private readonly items: unknown[];
  private n = 0;

  constructor(expected = 0) {
    this.items = expected > 0 ? new Array<unknown>(expected) : [];
  }

  add(...xs: unknown[]): void {
    for (let i = 0; i < xs.length; i++) this.items[this.n++] = xs[i];
  }

  /** The parts written (the list itself, cut to their count). */
  take(): unknown[] {
    if (this.items.length > this.n) this.items.length = this.n;
    return this.items;
  }
}

/**
 * A value's data — taints, envelope parts, libraries, tags, strings — as parts of a fingerprint
 * (`Run.stateFingerprint`, `writeParts`), each position after its file's mark (`inFile`) so that
 * two runs' parts can be compared through a PositionMap (`sameState`).
 */
export function pushData(out: Parts, v: Val): void {
  if (v.taints) {
    out.add('t', v.taints.size);
    for (const t of v.taints.values()) {
      const s = t.source;
      out.add(inFile(s.file), s.offset, s.length, s.kind, s.slot ?? s.short, s.category, s.description);
      pushSteps(out, t.steps);
    }
  }
  if (v.env) {
    out.add('e', v.env.length);
    for (const e of v.env) {
      const f = inFile(e.file);
      out.add(f, e.node.pos, f, e.node.end, e.path.length, ...e.path);
      pushSteps(out, e.steps);
    }
  }
  if (v.libs) {
    out.add('l', v.libs.length);
    for (const l of v.libs) out.add(l.lib, l.path.join('.'), l.base?.join('|'));
  }
  if (v.tags) out.add('g', v.tags.size, ...v.tags);
  if (v.strs) out.add('s', v.strs.length, ...v.strs);
}

function pushSteps(out: Parts, ss: FlowStep[]): void {
  out.add(ss.length);
  for (const x of ss) out.add(inFile(x.file), x.offset, x.length, x.message);
}

/** A shared write as a list of parts (positions marked as in `Run.stateFingerprint`), for comparing runs. */
export function writeParts(w: SharedWrite): unknown[] {
  const out = new Parts();
  out.add(w.target, w.op, w.key);
  pushData(out, w.value);
  return out.take();
}

export const sourceId = (s: Pick<DataSource, 'file' | 'offset' | 'kind' | 'slot' | 'short'>): string => `${s.file}:${s.offset}:${s.kind}:${s.slot ?? s.short}`;
export const sinkId = (file: string, offset: number): string => `${file}:${offset}`;
export const flowKey = (f: Pick<Flow, 'source' | 'sink' | 'carrier'>): string => `${f.source.id}>${f.sink.id}>${f.carrier.offset}`;
export const slotReadKey = (r: SlotRead): string => `${r.slot}\0${r.file}:${r.offset}`;

/** The top-level statement a node belongs to, kept per node and checked against the current trees. */
const topCache = new WeakMap<ts.Node, ts.Node>();
export function topStatement(n: ts.Node, current: ReadonlySet<ts.Node>): ts.Node | undefined {
  const hit = topCache.get(n);
  if (hit && current.has(hit)) return hit;
  const s = topLevelStatement(n);
  if (s) topCache.set(n, s);
  return s;
}

/** One file's change between two runs: `[start, oldEnd)` of the old text is now `delta` characters longer. */
export interface TextChange {
  start: number;
  oldEnd: number;
  delta: number;
}

/** The changed part of a text, as code/parse.ts updates its tree. */
export function textChange(before: string, after: string): TextChange | undefined {
  if (before === after) return undefined;
  const c = changedPart(before, after);
  return { start: c.start, oldEnd: c.start + c.oldLength, delta: c.newLength - c.oldLength };
}

/**
 * Positions of the previous run's texts in this run's. A position inside a changed part, or at
 * its edges (where typing joins tokens), has no counterpart: `undefined`, and whatever holds it is
 * evaluated again. Moved objects are copied once, so objects shared in the old record stay shared.
 */
export class PositionMap {
  /** Per changed file, its changes in order, and the first position any of them touches. */
  private readonly changes = new Map<string, { list: TextChange[]; first: number }>();
  private readonly moved = new Map<object, object | null>();

  /** The changes of each file between two runs' texts (`changesBetween`), or a run of such changes in order (a record moved over several versions). */
  constructor(...steps: Array<Map<string, TextChange>>) {
    for (const step of steps) {
      for (const [file, c] of step) {
        const e = this.changes.get(file);
        if (e) {
          e.list.push(c);
          if (c.start < e.first) e.first = c.start;
        } else this.changes.set(file, { list: [c], first: c.start });
      }
    }
  }

  /** Whether nothing moves. */
  get empty(): boolean {
    return this.changes.size === 0;
  }

  /** A position (an offset or an end) moved by the changes of its file. */
  offset(file: string, o: number): number | undefined {
    const e = this.changes.get(file);
    if (!e || o < e.first) return o;
    let x = o;
    for (const c of e.list) {
      if (x < c.start) continue;
      if (x > c.oldEnd) x += c.delta;
      else return undefined;
    }
    return x;
  }

  /** Whether a span lies before every change (or in an unchanged file): it stays where it is. */
  private stays(s: FileSpan): boolean {
    const c = this.changes.get(s.file);
    return !c || s.offset + s.length < c.first;
  }

  private staysAll(ss: FileSpan[]): boolean {
    for (const x of ss) if (!this.stays(x)) return false;
    return true;
  }

  private sinkStays(s: Sink): boolean {
    const p = s.persist;
    return this.stays(s) && (!p?.objectLiteral || this.stays(p.objectLiteral)) && (!p?.variable || this.stays(p.variable.statement));
  }

  /** A span's moved offset and length, or undefined. */
  span<T extends FileSpan>(s: T): T | undefined {
    const c = this.changes.get(s.file);
    if (!c || s.offset + s.length < c.first) return s;
    const offset = this.offset(s.file, s.offset);
    const end = this.offset(s.file, s.offset + s.length);
    if (offset === undefined || end === undefined) return undefined;
    return { ...s, offset, length: end - offset };
  }

  private once<T extends object>(x: T, move: () => T | undefined): T | undefined {
    const hit = this.moved.get(x);
    if (hit !== undefined) return (hit ?? undefined) as T | undefined;
    const y = move();
    this.moved.set(x, y ?? null);
    return y;
  }

  source(s: DataSource): DataSource | undefined {
    if (this.stays(s)) return s;
    return this.once(s, () => {
      // A moved span is a copy of its own: its id can be set in place.
      const m = this.span(s);
      if (m) m.id = sourceId(m);
      return m;
    });
  }

  sink(s: Sink): Sink | undefined {
    if (this.sinkStays(s)) return s;
    return this.once(s, () => {
      const m = this.span(s);
      const persist = s.persist && this.persist(s.persist);
      if (!m || (s.persist && !persist)) return undefined;
      if (m === s && persist === s.persist) return s;
      const out: Sink = { ...m, id: sinkId(m.file, m.offset) };
      if (persist) out.persist = persist;
      return out;
    });
  }

  private persist(p: PersistFacts): PersistFacts | undefined {
    const lit = p.objectLiteral && this.span(p.objectLiteral);
    const st = p.variable && this.span(p.variable.statement);
    if ((p.objectLiteral && !lit) || (p.variable && !st)) return undefined;
    if (lit === p.objectLiteral && st === p.variable?.statement) return p;
    const out: PersistFacts = { ...p };
    if (lit) out.objectLiteral = lit;
    if (p.variable && st) out.variable = { name: p.variable.name, statement: st };
    return out;
  }

  flow(f: Flow): Flow | undefined {
    if (this.stays(f.source) && this.sinkStays(f.sink) && this.stays(f.carrier) && this.staysAll(f.steps)) return f;
    return this.once(f, () => {
      const source = this.source(f.source);
      const sink = this.sink(f.sink);
      const carrier = this.span(f.carrier);
      if (!source || !sink || !carrier) return undefined;
      const steps = this.steps(f.steps);
      if (!steps) return undefined;
      if (source === f.source && sink === f.sink && carrier === f.carrier && steps === f.steps) return f;
      return { source, sink, carrier, steps };
    });
  }

  /**
   * A simple value (`isSimple`) of the previous run, copied with its positions moved: undefined if
   * one cannot be, or if it points at a node `live` rejects (one of a tree the edit replaced).
   */
  value(v: Val, live: (n: ts.Node) => boolean): Val | undefined {
    const out: Val = {};
    if (v.taints) {
      const taints = new Map<string, Taint>();
      for (const [k, t] of v.taints) {
        const source = this.source(t.source);
        const steps = source && this.steps(t.steps);
        if (!source || !steps) return undefined;
        taints.set(source === t.source ? k : source.id, { source, steps });
      }
      out.taints = taints;
    }
    if (v.env) {
      const env: EnvRef[] = [];
      for (const e of v.env) {
        const steps = this.steps(e.steps);
        if (!steps || !live(e.node)) return undefined;
        env.push({ path: e.path, node: e.node, file: e.file, steps });
      }
      out.env = env;
    }
    if (v.libs) out.libs = v.libs;
    if (v.tags) out.tags = new Set(v.tags);
    if (v.strs) out.strs = v.strs;
    return out;
  }

  private steps(ss: FlowStep[]): FlowStep[] | undefined {
    let out = ss;
    for (let i = 0; i < ss.length; i++) {
      const m = this.span(ss[i]);
      if (!m) return undefined;
      if (m !== ss[i]) {
        if (out === ss) out = ss.slice();
        out[i] = m;
      }
    }
    return out;
  }

  /**
   * A record's shared writes with their positions moved (the same list when it has none),
   * undefined when one cannot be moved or points at a node `live` rejects.
   */
  shared(r: RootRecord, live: (n: ts.Node) => boolean): SharedWrite[] | undefined {
    let out: SharedWrite[] | undefined;
    for (let i = 0; i < r.shared.length; i++) {
      const w = r.shared[i];
      // A kept write's value is never changed (it is copied where it is applied), so one that does not move is kept as it is.
      if (this.valueStays(w.value, live)) {
        out?.push(w);
        continue;
      }
      const value = this.value(w.value, live);
      if (!value) return undefined;
      out ??= r.shared.slice(0, i);
      out.push({ ...w, value });
    }
    return out ?? r.shared;
  }

  /** Whether a simple value's positions all stay and its envelope parts are all `live`. */
  private valueStays(v: Val, live: (n: ts.Node) => boolean): boolean {
    if (v.taints) for (const t of v.taints.values()) if (!this.stays(t.source) || !this.staysAll(t.steps)) return false;
    if (v.env) for (const e of v.env) if (!this.staysAll(e.steps) || !live(e.node)) return false;
    return true;
  }

  /**
   * The record's sources, flows, sinks and slot reads moved, as a record at version `ver` (the same
   * object when nothing moved and it is at `ver`), undefined when something cannot be moved.
   * Its shared writes are left as they are.
   */
  recordModel(r: RootRecord, ver: number): RootRecord | undefined {
    let stays = true;
    for (const [file, c] of this.changes) {
      const e = r.ends.get(file);
      if (e !== undefined && e >= c.first) stays = false;
    }
    if (stays) return r.ver === ver ? r : { ...r, ver };
    const sources = this.each(r.sources, (x) => this.source(x));
    const flows = sources && this.each(r.flows, (x) => this.flow(x));
    const writes = flows && this.each(r.writes, (x) => this.sink(x));
    const slotReads = writes && this.each(r.slotReads, (x) => this.span(x));
    if (!slotReads) return undefined;
    if (sources === r.sources && flows === r.flows && writes === r.writes && slotReads === r.slotReads) return r.ver === ver ? r : { ...r, ver };
    const ends = new Map<string, number>();
    for (const [file, e] of r.ends) ends.set(file, this.offset(file, e) ?? e);
    return {
      ...r,
      ver,
      sources: sources!,
      flows: flows!,
      flowKeys: flows === r.flows ? r.flowKeys : flows!.map((f, i) => (f === r.flows[i] ? r.flowKeys[i] : flowKey(f))),
      writes: writes!,
      slotReads,
      slotReadKeys: slotReads === r.slotReads ? r.slotReadKeys : slotReads.map((x, i) => (x === r.slotReads[i] ? r.slotReadKeys[i] : slotReadKey(x))),
      ends,
    };
  }

  /** A model with every position moved (new lists, moved objects shared as they were), undefined when something cannot be moved. */
  model(m: CodeModel): CodeModel | undefined {
    const flows = this.all(m.flows, (x) => this.flow(x));
    const writes = flows && this.all(m.writes, (x) => this.sink(x));
    const sources = writes && this.all(m.sources, (x) => this.source(x));
    const slotReads = sources && this.all(m.slotReads, (x) => this.span(x));
    if (!slotReads) return undefined;
    return { flows: flows!, writes: writes!, speech: [], sources: sources!, slotReads };
  }

  private all<T>(xs: T[], move: (x: T) => T | undefined): T[] | undefined {
    const out = new Array<T>(xs.length);
    for (let i = 0; i < xs.length; i++) {
      const m = move(xs[i]);
      if (!m) return undefined;
      out[i] = m;
    }
    return out;
  }

  /** The list with each element moved: the same list when none moved, undefined when one cannot be. */
  private each<T>(xs: T[], move: (x: T) => T | undefined): T[] | undefined {
    let out: T[] | undefined;
    for (let i = 0; i < xs.length; i++) {
      const m = move(xs[i]);
      if (!m) return undefined;
      if (m !== xs[i] && !out) out = xs.slice(0, i);
      if (out) out.push(m);
    }
    return out ?? xs;
  }

  /** Whether two fingerprints (`Run.stateFingerprint`, previous and current) describe the same state. */
  sameState(before: unknown[], now: unknown[]): boolean {
    if (before.length !== now.length) return false;
    for (let i = 0; i < before.length; i++) {
      const b = before[i];
      // The only objects among the parts: a file's mark, then a position in that file.
      if (typeof b === 'object' && b !== null) {
        if (now[i] !== b || this.offset((b as FileMark).file, before[i + 1] as number) !== now[i + 1]) return false;
        i += 1;
      } else if (b !== now[i]) return false;
    }
    return true;
  }
}

/** Each changed file's change between two runs' texts. */
export function changesBetween(before: Map<string, string>, now: Map<string, string>): Map<string, TextChange> {
  const out = new Map<string, TextChange>();
  for (const [file, text] of now) {
    const c = textChange(before.get(file)!, text);
    if (c) out.set(file, c);
  }
  return out;
}

/**
 * Whether a new record adds to the model what an old one (moved to the same version) added: the
 * same sources, flows, sinks and slot reads, field by field, in the same order.
 */
export function sameAdditions(a: RootRecord, b: RootRecord): boolean {
  return (
    sameData(a.sources, b.sources) &&
    sameData(a.flowKeys, b.flowKeys) &&
    sameData(a.flows, b.flows) &&
    sameData(a.writes, b.writes) &&
    sameData(a.slotReadKeys, b.slotReadKeys) &&
    sameData(a.slotReads, b.slotReads)
  );
}

/** Structural equality of plain data (the model's objects: strings, numbers, booleans, lists, records). */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k) || !sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/** In a fingerprint's parts, the mark of a file: the next part is a position in it. */
export interface FileMark {
  readonly file: string;
}

const marks = new Map<string, FileMark>();

/**
 * The one mark of `file`, put before each position of the file in a fingerprint: one part instead
 * of a marker and the file's name (a third of the module state's parts in the 10,000-line file,
 * written on every keystroke), and equal marks mean the same file.
 */
export function inFile(file: string): FileMark {
  let m = marks.get(file);
  if (!m) marks.set(file, (m = Object.freeze({ file })));
  return m;
}
