import * as ts from 'typescript';
import * as path from 'path';
import { Span } from '../types';

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
 * re-parses that file only.
 */
const cache = new Map<string, ParsedCode>();
const MAX_CACHE = 5000;

export function parseCode(file: string, text: string): ParsedCode {
  const hit = cache.get(file);
  if (hit && hit.text === text) return hit;
  const parsed = parseUncached(file, text);
  if (cache.size >= MAX_CACHE) cache.delete(cache.keys().next().value as string);
  cache.set(file, parsed);
  return parsed;
}

function parseUncached(file: string, text: string): ParsedCode {
  let sourceFile: ts.SourceFile;
  try {
    sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, /*setParentNodes*/ true, scriptKind(file));
  } catch (e) {
    // The parser itself recurses per nesting level: 10,000 nested brackets overflow its stack.
    if (e instanceof RangeError) return tooDeep(file, text, 0);
    throw e;
  }
  const deep = firstTooDeep(sourceFile);
  if (deep !== undefined) return tooDeep(file, text, deep);
  // parseDiagnostics is internal but stable across TypeScript versions and is what tsc reports.
  const diags = (sourceFile as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  const syntaxErrors = diags.map((d) => ({
    offset: d.start,
    length: d.length,
    message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  }));
  return { file, text, sourceFile, syntaxErrors };
}

function tooDeep(file: string, text: string, offset: number): ParsedCode {
  const sourceFile = ts.createSourceFile(file, '', ts.ScriptTarget.Latest, true, scriptKind(file));
  return { file, text, sourceFile, syntaxErrors: [], tooDeep: { offset, length: 0 } };
}

/**
 * Offset of the first node deeper than MAX_CODE_DEPTH, or undefined. The walk recurses, but never
 * below that depth, so it cannot overflow the stack itself; it allocates nothing per node.
 */
function firstTooDeep(sourceFile: ts.SourceFile): number | undefined {
  const visit = (node: ts.Node, depth: number): ts.Node | undefined => (depth > MAX_CODE_DEPTH ? node : ts.forEachChild(node, (c) => visit(c, depth + 1)));
  const deep = visit(sourceFile, 0);
  return deep ? deep.getStart(sourceFile) : undefined;
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
