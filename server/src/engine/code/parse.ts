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
}

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
  const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, /*setParentNodes*/ true, scriptKind(file));
  // parseDiagnostics is internal but stable across TypeScript versions and is what tsc reports.
  const diags = (sourceFile as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  const syntaxErrors = diags.map((d) => ({
    offset: d.start,
    length: d.length,
    message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  }));
  const parsed = { file, text, sourceFile, syntaxErrors };
  if (cache.size >= MAX_CACHE) cache.delete(cache.keys().next().value as string);
  cache.set(file, parsed);
  return parsed;
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
