// Not `import * as`: that compiles to one getter per `ts.` access.
import ts from 'typescript';
import { askName } from '../fixes/code-edits';
import { Report } from '../rule';
import { sameItems } from '../same';
import { Skill } from '../skill';
import { FileSpan } from '../types';
import { Flow } from './model';
import { indexFile } from './modules';
import { isParsed } from './parse';

/**
 * A flow rule's report per group of flows, kept from one check of a skill to the next while the
 * group is the same, so a keystroke builds again only the reports the edit touched (the log
 * redaction and expiry fixes walk the tree; the messages and related locations copy every step).
 *
 * "The same" is decided on content, never on the model's objects (the data flow makes new ones
 * for everything after the edit): every field of every flow of the group, with each position
 * written as the top-level statement holding it (by node identity) and its distance from the
 * statement's `pos`. The incremental parser reuses an unchanged statement whole, with the same
 * text, and TypeScript moves a reused node's `pos` in place; so a group with the same key has the
 * same text around every position, and the report built from it then is the report now, its
 * positions moved as their statements moved. What a report reads beyond those statements is part
 * of the key as well: the file's quote style, its `ask-sdk` import name and its line ends (the
 * fixes read them), and the skill's root (the messages name files relative to it). A fix that
 * indents a line reads text before its position: the statement must start on its own line, so
 * that the line's start is the statement's own text. A position in no single statement, or a report
 * position outside the key's statements, keeps nothing.
 *
 * Only the previous check's reports are kept (per skill root), so nothing older holds an old
 * tree; a one-off run (the CLI) keeps nothing, as the first check of a skill keys nothing.
 */

interface Anchor {
  statement: ts.Statement;
  /** The statement's `pos` when the report was built. */
  pos: number;
}

interface KeptReport {
  /** Everything the report was built from (see `keyOf`), compared item by item. */
  parts: unknown[];
  report: Report;
  /** For each position of the report, in the order `positionsOf` lists them. */
  anchors: Anchor[];
}

interface SkillState {
  /** One file of the skill: when the parse cache let it go, the skill is not being edited. */
  probe: string;
  reports: Reports;
  /** Whether the check before keyed its reports (the first check of a skill does not). */
  keyed: boolean;
}

const MAX_SKILLS = 64;
const MAX_GROUP = 4;

/** Kept reports by a number from their first position (statement id and distance), then by all their parts. */
type Reports = Map<number, KeptReport[]>;

/** Reports taken from the check before and reports built and keyed, over the process (tests, the bench). */
export const keptFindingStats = { hits: 0, misses: 0 };

/** Ids of statement nodes, for keys. */
const ids = new WeakMap<ts.Node, number>();
let nextId = 1;

function idOf(n: ts.Node): number {
  let id = ids.get(n);
  if (id === undefined) ids.set(n, (id = nextId++));
  return id;
}

/** Statements that start on a line of their own (their leading trivia holds a line break, or they open the file). */
const ownLine = new WeakMap<ts.Node, boolean>();

function startsLine(st: ts.Statement, text: string): boolean {
  let hit = ownLine.get(st);
  if (hit === undefined) {
    const start = st.getStart();
    hit = st.pos === 0 || text.slice(st.pos, start).includes('\n');
    ownLine.set(st, hit);
  }
  return hit;
}

/** The top-level statement of `sf` that holds the whole of `[offset, end]`. */
function statementOf(sf: ts.SourceFile, offset: number, end: number): ts.Statement | undefined {
  const sts = sf.statements;
  let lo = 0;
  let hi = sts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sts[mid].end < offset) lo = mid + 1;
    else if (sts[mid].pos > offset) hi = mid - 1;
    else {
      // At a boundary the statement before may end where this one begins: take the one holding the end too.
      for (let i = mid; i >= 0 && sts[i].end >= offset; i--) if (sts[i].pos <= offset && sts[i].end >= end) return sts[i];
      for (let i = mid + 1; i < sts.length && sts[i].pos <= offset; i++) if (sts[i].end >= end) return sts[i];
      return undefined;
    }
  }
  return undefined;
}

/** One rule's kept reports, per skill. */
export class KeptFindings {
  private readonly skills = new Map<string, SkillState>();
  /** Off in the tests that compare with a check that keeps nothing. */
  static enabled = true;

  /** Starts a check of `skill`; the returned check keys and keeps this check's reports. */
  begin(skill: Skill): FlowReports {
    const root = skill.project.root;
    // A skill whose trees the parse cache let go is not being edited: its reports go too.
    for (const [r, s] of this.skills) if (!isParsed(s.probe)) this.skills.delete(r);
    const state = this.skills.get(root);
    const previous = state?.keyed ? state.reports : undefined;
    const probe = skill.code[0]?.file;
    const check = new FlowReports(skill, previous, KeptFindings.enabled && !!state && probe !== undefined);
    if (probe === undefined || !KeptFindings.enabled) this.skills.delete(root);
    else {
      if (!state && this.skills.size >= MAX_SKILLS) this.skills.clear();
      this.skills.set(root, { probe, reports: check.kept, keyed: check.keying });
    }
    return check;
  }
}

/** What the fixes read of a whole file, per tree (a tree is of one text). */
const contexts = new WeakMap<ts.SourceFile, string>();

/** Per file of one check: its tree, text and what the fixes read of the whole file. */
interface FileFacts {
  sf: ts.SourceFile;
  text: string;
  context: string;
}

/** The reports of one check of one rule. */
export class FlowReports {
  readonly kept: Reports = new Map();
  private readonly files = new Map<string, FileFacts | null>();

  constructor(
    private readonly skill: Skill,
    private readonly previous: Reports | undefined,
    readonly keying: boolean,
  ) {}

  private file(path: string): FileFacts | undefined {
    let f = this.files.get(path);
    if (f === undefined) {
      const code = this.skill.code.find((c) => c.file === path);
      if (code) {
        const ix = indexFile(code.file, code.text);
        const sf = ix.parsed.sourceFile;
        let context = contexts.get(sf);
        if (context === undefined) contexts.set(sf, (context = `${ix.quote}\u0001${askName(sf) ?? ''}\u0001${code.text.includes('\r\n') ? 'crlf' : 'lf'}`));
        f = { sf, text: code.text, context };
      } else f = null;
      this.files.set(path, f);
    }
    return f ?? undefined;
  }

  /**
   * The report of a group of flows: the one kept from the check before when the group is the same
   * (moved with its statements), else `build()`'s, kept for the next check.
   */
  report(group: Flow[], build: () => Report): Report {
    // A large group (one sink every handler reaches) costs more to key than to build: its fix is built once either way.
    if (!this.keying || group.length > MAX_GROUP) return build();
    const statements = new Set<ts.Statement>();
    const key = this.keyOf(group, statements);
    if (key === undefined) return build();
    const hit = this.previous?.get(key.bucket)?.find((k) => sameItems(k.parts, key.parts));
    if (hit) {
      keptFindingStats.hits++;
      const moved = move(hit);
      this.keep(key.bucket, moved);
      return moved.report;
    }
    keptFindingStats.misses++;
    const report = build();
    const anchors = this.anchorsOf(report, statements);
    if (anchors) this.keep(key.bucket, { parts: key.parts, report, anchors });
    return report;
  }

  private keep(bucket: number, k: KeptReport): void {
    const list = this.kept.get(bucket);
    if (list) list.push(k);
    else this.kept.set(bucket, [k]);
  }

  /**
   * Everything a group's report is built from, positions as statement and distance; the bucket
   * is a number from the first flow's carrier. Undefined when a position is in no single statement.
   */
  private keyOf(group: Flow[], statements: Set<ts.Statement>): { bucket: number; parts: unknown[] } | undefined {
    const parts: unknown[] = [this.skill.project.root];
    const files = new Set<string>();
    let bucket = -1;
    const span = (s: FileSpan): boolean => {
      const f = this.file(s.file);
      if (!f) return false;
      const st = statementOf(f.sf, s.offset, s.offset + s.length);
      if (!st || !startsLine(st, f.text)) return false;
      statements.add(st);
      files.add(s.file);
      parts.push(s.file, st, s.offset - st.pos, s.length);
      return true;
    };
    for (const fl of group) {
      const { source: so, sink: si, carrier } = fl;
      if (!span(carrier)) return undefined;
      if (bucket < 0) bucket = idOf(parts[parts.length - 3] as ts.Statement) * 0x100000 + (carrier.length & 0xfffff);
      parts.push(so.kind, so.category, so.description, so.short, so.slot);
      if (!span(so)) return undefined;
      parts.push(si.kind, si.description, si.destination);
      if (!span(si)) return undefined;
      const p = si.persist;
      parts.push(p?.store, p?.carriesExpiry, p?.table, p?.variable?.name, !!p?.objectLiteral, fl.steps.length);
      if (p?.objectLiteral && !span(p.objectLiteral)) return undefined;
      if (p?.variable && !span(p.variable.statement)) return undefined;
      for (const step of fl.steps) {
        parts.push(step.message);
        if (!span(step)) return undefined;
      }
    }
    for (const f of [...files].sort()) parts.push(f, this.file(f)!.context);
    return { bucket, parts };
  }

  /** Where each position of `report` is, as its statement; undefined when one is outside `statements`. */
  private anchorsOf(report: Report, statements: Set<ts.Statement>): Anchor[] | undefined {
    const out: Anchor[] = [];
    for (const s of positionsOf(report)) {
      const f = this.file(s.file);
      const st = f && statementOf(f.sf, s.offset, s.offset + s.length);
      if (!st || !statements.has(st)) return undefined;
      out.push({ statement: st, pos: st.pos });
    }
    return out;
  }
}

/** Every position of a report: itself, its related locations, its fixes' edits. */
function positionsOf(r: Report): FileSpan[] {
  const out: FileSpan[] = [r];
  for (const x of r.related ?? []) out.push(x);
  for (const fx of r.fixes ?? []) for (const e of fx.edits) out.push(e);
  return out;
}

/** A kept report where its statements are now (the same object when none moved). */
function move(k: KeptReport): KeptReport {
  if (k.anchors.every((a) => a.statement.pos === a.pos)) return k;
  let i = 0;
  const at = <T extends FileSpan>(s: T): T => {
    const a = k.anchors[i++];
    return { ...s, offset: s.offset + a.statement.pos - a.pos };
  };
  const r = k.report;
  const report: Report = { ...at(r) };
  if (r.related) report.related = r.related.map(at);
  if (r.fixes) report.fixes = r.fixes.map((fx) => ({ ...fx, edits: fx.edits.map(at) }));
  return { parts: k.parts, report, anchors: k.anchors.map((a) => ({ statement: a.statement, pos: a.statement.pos })) };
}
