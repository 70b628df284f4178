import * as ts from 'typescript';
import * as path from 'path';
import { Span } from '../types';
import { linkAndIndex, updatedFrom } from './syntax-index';

/**
 * A parsed handler file. The TypeScript parser is error tolerant: a syntax error in one function
 * leaves the rest of the tree intact, so findings elsewhere in the file survive half-typed code.
 */
export interface ParsedCode {
  file: string;
  text: string;
  sourceFile: ts.SourceFile;
  syntaxErrors: Array<Span & { message: string }>;
  /**
   * Set when the code nests deeper than MAX_CODE_DEPTH: the file is not analysed (its tree is
   * empty) because the tree walks of the analysis would exhaust the stack; parse-error says so.
   */
  tooDeep?: Span;
}

/**
 * Deepest syntax tree analysed. Hand-written handlers stay far below (a long promise chain is a
 * few hundred levels at most); the analysis' recursive walks overflow at about twice this much
 * (test/robustness/bad-input.test.ts checks shapes just under it).
 */
export const MAX_CODE_DEPTH = 1000;

function scriptKind(file: string): ts.ScriptKind {
  switch (path.extname(file)) {
    case '.ts':
    case '.cts':
    case '.mts':
      return ts.ScriptKind.TS;
    case '.tsx':
      return ts.ScriptKind.TSX;
    case '.jsx':
      return ts.ScriptKind.JSX;
    default:
      return ts.ScriptKind.JS;
  }
}

/**
 * Parsed files by path, reused while the text is unchanged: a keystroke in one file of a skill
 * re-parses that file only, and incrementally (see `reparse`).
 */
const cache = new Map<string, ParsedCode>();
const MAX_CACHE = 5000;

/**
 * The tree of `text`, equal to a fresh parse. When the cache holds an older text of the same file
 * the tree is updated incrementally, and that update moves the old tree's reused nodes in place:
 * the ParsedCode this call replaces (and every node of its tree) must not be walked any more.
 * Caches keyed by inner nodes therefore either depend only on the node's own subtree or are kept
 * per SourceFile (code/bindings.ts, code/consent.ts say which).
 */
export function parseCode(file: string, text: string): ParsedCode {
  const hit = cache.get(file);
  if (hit && hit.text === text) return hit;
  // The old entry is dropped first: if the update fails half-way its tree is unusable either way.
  cache.delete(file);
  const parsed = (hit && reparse(hit, file, text)) ?? parseUncached(file, text);
  if (cache.size >= MAX_CACHE) cache.delete(cache.keys().next().value as string);
  cache.set(file, parsed);
  return parsed;
}

/** Larger changes are parsed afresh: the incremental parser's bookkeeping would cost more than it saves. */
const MAX_INCREMENTAL_CHANGE = 0.5;

/**
 * `text` parsed by updating `old`'s tree (TypeScript's IncrementalParser, as tsserver does on
 * every keystroke), or undefined when a fresh parse is the better or the only safe choice. The
 * changed range is the part between the common prefix and the common suffix of the two texts.
 *
 * What makes the result equal to a fresh parse (typescript.js, `IncrementalParser` and
 * `Parser.currentNode`): a node is reused only whole, with its subtree, when it does not intersect
 * the change, contains no parse error and was parsed in the same context; every other node is
 * parsed anew, so `parseDiagnostics` are exactly the new parse's. The parse runs with
 * setParentNodes, and `fixupParentReferences` re-points the parents of reused nodes into the new
 * tree. test/code/incremental-parse.test.ts compares both trees over thousands of random edits.
 */
function reparse(old: ParsedCode, file: string, text: string): ParsedCode | undefined {
  const oldSf = old.sourceFile;
  // A too-deep file's tree is an empty stand-in; its text has to be read whole again.
  // The kind follows the path today, but a tree parsed as another kind cannot be updated into this one.
  const oldKind = (oldSf as unknown as { scriptKind?: ts.ScriptKind }).scriptKind;
  if (old.tooDeep || oldKind !== scriptKind(file) || oldSf.text !== old.text || oldSf.statements.length === 0 || reparsedForAwait(oldSf)) return undefined;
  const { start, oldLength, newLength } = changedPart(old.text, text);
  if (Math.max(oldLength, newLength) > MAX_INCREMENTAL_CHANGE * text.length) return undefined;
  // Reused top-level statements were checked for depth when their tree was made (by induction,
  // every statement of a cached tree was); statements of the old tree that reappear at the top
  // level but were nested before are not marked as the old tree's, so they are walked.
  markTopLevel(oldSf);
  let sourceFile: ts.SourceFile;
  try {
    sourceFile = ts.updateSourceFile(oldSf, text, ts.createTextChangeRange(ts.createTextSpan(start, oldLength), newLength));
  } catch {
    // A RangeError (deep nesting) or a failed internal assertion: the fresh parse decides.
    return undefined;
  }
  if (reparsedForAwait(sourceFile) || sourceFile.flags & POSSIBLY_CONTAINS_IMPORT_META) return undefined;
  const diags = parseDiagnostics(sourceFile);
  // A difference from a fresh parse that the differential test found: `=` after a block is
  // reported while the block is parsed (2809, "… wrap the whole assignment in parentheses"), and a
  // reused block is not parsed again, which leaves the generic 1128 at that `=`.
  if (diags.some((d) => d.code === 1128 && text.charCodeAt(d.start) === 0x3d)) return undefined;
  for (const s of sourceFile.statements) {
    if (topLevelIn.get(s) === oldSf) continue;
    const found = checkNewStatement(s);
    if (found === DECORATED_PARAMETER) return undefined;
    if (found) return tooDeep(file, text, found.getStart(sourceFile));
  }
  markTopLevel(sourceFile);
  // The statements are the old tree's but for the run the edit made anew: the syntax index's
  // per-file aggregates start from the old tree's.
  updatedFrom(sourceFile, oldSf);
  return { file, text, sourceFile, syntaxErrors: syntaxErrorsOf(diags) };
}

/**
 * The tree each top-level statement last was a top-level statement of. A keystroke re-marks the
 * reused statements in place instead of building a set of all 1,800 statements of the
 * 10,000-line file again; `marked` says which trees are done.
 */
const topLevelIn = new WeakMap<ts.Node, ts.SourceFile>();
const marked = new WeakSet<ts.SourceFile>();

function markTopLevel(sf: ts.SourceFile): void {
  if (marked.has(sf)) return;
  for (const s of sf.statements) topLevelIn.set(s, sf);
  marked.add(sf);
}

/** The fewest characters compared at once while the texts agree (string equality runs in native code). */
const BLOCK = 256;

/**
 * The part of `after` that differs from `before`: what lies between their common prefix and their
 * common suffix (the suffix never overlapping the prefix). Each side gallops: the block compared
 * doubles while the texts agree and halves back to BLOCK where they stop agreeing, so a keystroke
 * in a 400 KB file takes a few dozen slices rather than one per 256 characters.
 */
export function changedPart(before: string, after: string): { start: number; oldLength: number; newLength: number } {
  const max = Math.min(before.length, after.length);
  let start = 0;
  for (let block = BLOCK; block >= BLOCK; ) {
    if (start + block <= max && before.slice(start, start + block) === after.slice(start, start + block)) {
      start += block;
      block *= 2;
    } else block >>= 1;
  }
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  const room = max - start;
  for (let block = BLOCK; block >= BLOCK; ) {
    if (tail + block <= room && before.slice(before.length - tail - block, before.length - tail) === after.slice(after.length - tail - block, after.length - tail)) {
      tail += block;
      block *= 2;
    } else block >>= 1;
  }
  while (tail < room && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start, oldLength: before.length - start - tail, newLength: after.length - start - tail };
}

const DECORATED_PARAMETER = Symbol('decorated parameter');

/**
 * The first node of a changed top-level statement deeper than MAX_CODE_DEPTH, or a parameter
 * with a decorator anywhere in it. TypeScript parses a parameter's decorators in the await
 * context of the enclosing function but reuses the parameter by its own context, so an edit that
 * changes the outer context (typing `async`) can leave `@d(await x)` parsed as the other kind of
 * tree; the caller parses such a file afresh. Bare modifiers (`private x`) have no inner syntax
 * and only their unused context flag can differ, so they do not count.
 */
function checkNewStatement(statement: ts.Statement): ts.Node | typeof DECORATED_PARAMETER | undefined {
  let decorated = false;
  const visit = (node: ts.Node, d: number): ts.Node | undefined => {
    if (d > MAX_CODE_DEPTH) return node;
    if (node.kind === ts.SyntaxKind.Parameter && (node as ts.ParameterDeclaration).modifiers?.some((m) => m.kind === ts.SyntaxKind.Decorator)) {
      decorated = true;
      return node;
    }
    ownStrings(node);
    const docs = (node as unknown as { jsDoc?: ts.Node[] }).jsDoc;
    if (docs) for (const doc of docs) visitDoc(doc);
    return ts.forEachChild(node, (c) => visit(c, d + 1));
  };
  // JSDoc nodes are not walked by forEachChild from the node they document, and are shallow.
  const visitDoc = (node: ts.Node): void => {
    ownStrings(node);
    ts.forEachChild(node, visitDoc);
  };
  const found = visit(statement, 1);
  return decorated ? DECORATED_PARAMETER : found;
}

/**
 * The string properties of syntax nodes: identifier names, literal values and raw texts, JSDoc
 * comments. The scanner takes them from the file text with `substring`, and V8 makes a longer
 * substring a slice that keeps the whole text alive. A node the incremental parser reuses lives
 * on into later versions of the tree, so every version whose statements were parsed anew would
 * keep its whole text: 0.2 MB more heap per keystroke in the 10,000-line file, without end (55
 * copies of its 443 KB text after 100 keystrokes). The strings of the statements a keystroke
 * parses anew are therefore copied out of the text; a fresh parse's keep the text they came from,
 * one copy of the file.
 */
const STRING_PROPERTIES = ['escapedText', 'text', 'rawText', 'comment'] as const;
/** Below this length V8 copies a substring instead of slicing it (SlicedString::kMinLength). */
const MIN_SLICE = 13;

function ownStrings(node: ts.Node): void {
  const n = node as unknown as Record<string, unknown>;
  for (const key of STRING_PROPERTIES) {
    const v = n[key];
    // Own data properties only: an identifier's `text` is a getter of its prototype.
    if (typeof v === 'string' && v.length >= MIN_SLICE && Object.prototype.hasOwnProperty.call(n, key)) n[key] = copied(v);
  }
}

/** A copy of `s` that holds no reference to a longer string: flattening `' ' + s` copies its characters. */
function copied(s: string): string {
  return (' ' + s).slice(1);
}

// TypeScript's internal flags: NodeFlags.PossiblyContainsImportMeta; TransformFlags.ContainsAwait
// (an `await` outside any function, once reparsed) and ContainsPossibleTopLevelAwait (before that).
const POSSIBLY_CONTAINS_IMPORT_META = 1 << 23;
const TOP_LEVEL_AWAIT = (1 << 21) | (1 << 26);

/**
 * A module with a top-level `await` candidate: TypeScript parses its statements a second time
 * (`reparseTopLevelAwait`, with its own syntax cursor), and in broken code that leaves nodes whose
 * parent is outside the tree; an incremental update of such a tree, or into one, can fail an
 * internal assertion or differ from a fresh parse (the differential test found both).
 * `import.meta` decides whether a file is a module, but a reused node that holds it does not
 * count in an incremental parse. Both are rare in skill code; such files are parsed afresh.
 */
function reparsedForAwait(sf: ts.SourceFile): boolean {
  return ts.isExternalModule(sf) && ((sf as unknown as { transformFlags: number }).transformFlags & TOP_LEVEL_AWAIT) !== 0;
}

function parseUncached(file: string, text: string): ParsedCode {
  let sourceFile: ts.SourceFile;
  try {
    // Parent pointers are set by linkAndIndex below: TypeScript's own pass (setParentNodes, a
    // work queue per node) cost a third of the parse, and the depth guard needs a walk anyway,
    // the same walk that builds the statements' indexes (code/syntax-index.ts).
    sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, /*setParentNodes*/ false, scriptKind(file));
  } catch (e) {
    // The parser itself recurses per nesting level: 10,000 nested brackets overflow its stack.
    if (e instanceof RangeError) return tooDeep(file, text, 0);
    throw e;
  }
  const deep = linkAndIndex(sourceFile, MAX_CODE_DEPTH);
  if (deep !== undefined) return tooDeep(file, text, deep.getStart(sourceFile));
  return { file, text, sourceFile, syntaxErrors: syntaxErrorsOf(parseDiagnostics(sourceFile)) };
}

function parseDiagnostics(sourceFile: ts.SourceFile): readonly ts.DiagnosticWithLocation[] {
  // parseDiagnostics is internal but stable across TypeScript versions and is what tsc reports.
  return (sourceFile as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
}

function syntaxErrorsOf(diags: readonly ts.DiagnosticWithLocation[]): ParsedCode['syntaxErrors'] {
  return diags.map((d) => ({
    offset: d.start,
    length: d.length,
    message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  }));
}

function tooDeep(file: string, text: string, offset: number): ParsedCode {
  const sourceFile = ts.createSourceFile(file, '', ts.ScriptTarget.Latest, true, scriptKind(file));
  return { file, text, sourceFile, syntaxErrors: [], tooDeep: { offset, length: 0 } };
}

/** Drops the trees of these files: a skill nobody edits is parsed afresh on its next check. */
export function forgetParsed(files: Iterable<string>): void {
  for (const f of files) cache.delete(f);
}

export function isParsed(file: string): boolean {
  return cache.has(file);
}

export function clearParseCache(): void {
  cache.clear();
}
