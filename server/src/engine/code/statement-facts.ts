import type * as ts from 'typescript';
import type { Declarations } from './bindings';
import type { ScanPart } from './handlers';
import type { ModulePart } from './modules';
import type { KeptUses } from './permissioned';
import type { SILENT, StatementSpeech } from './speech';
import type { StatementIndex } from './syntax-index';

/**
 * What the syntactic passes keep per top-level statement, one record per statement node. Each
 * slot is what the pass kept in a WeakMap of its own by the statement before, with the same
 * meaning (undefined: nothing kept) and the same lifetime (the statement node's): the incremental
 * parser (code/parse.ts) reuses an unchanged statement whole, so its record comes along, and each
 * pass says next to its slot why a kept value is still right. One map instead of seven: a cold
 * check puts each of the 100-skill workspace's 31,000 statements in every one of them, and a
 * WeakMap insert (an ephemeron table, grown and rehashed, and traced by every full GC) cost about
 * three times a property store on a record (~75 ms of CPU over the workspace, measured).
 */
export class StatementFacts {
  /** syntax-index.ts: the statement's part of its file's syntax index. */
  syntax: StatementIndex | undefined = undefined;
  /** modules.ts: the statement's part of its file's module index. */
  module: ModulePart | undefined = undefined;
  /** bindings.ts: what the statement declares in its scope. */
  declarations: Declarations | undefined = undefined;
  /** handlers.ts: handler objects and calls found in the statement, when it read nothing outside it. */
  scan: ScanPart | undefined = undefined;
  /** speech.ts: the statement's speech, or that it has none. */
  speech: StatementSpeech | typeof SILENT | undefined = undefined;
  /** permissioned.ts: the permission uses in the statement, when its search read nothing outside it. */
  uses: KeptUses | undefined = undefined;
  /** permissioned.ts: the permissions the statement's strings and identifiers mention. */
  mentions: string[] | undefined = undefined;
  /** permissioned.ts: by function of the statement, the names it calls. */
  callNames: Map<ts.Node, Set<string>> | undefined = undefined;
}

const facts = new WeakMap<ts.Node, StatementFacts>();

/** The statement's record (empty when nothing is kept for it yet). */
export function factsOf(statement: ts.Node): StatementFacts {
  let f = facts.get(statement);
  if (f === undefined) facts.set(statement, (f = new StatementFacts()));
  return f;
}

/** The statement's record if it has one: for lookups that should not make one. */
export function keptFactsOf(statement: ts.Node): StatementFacts | undefined {
  return facts.get(statement);
}
