import { Node, ParseError, ParseErrorCode, findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, JSONPath } from 'jsonc-parser';
import { Span } from '../types';

/** A parsed JSON (or JSONC) file: the text, the jsonc-parser tree with offsets, and its errors. */
export interface JsonDocument {
  path: string;
  text: string;
  /** Undefined when the text holds no value at all. */
  root: Node | undefined;
  errors: JsonSyntaxError[];
}

export interface JsonSyntaxError extends Span {
  /** `too-deep`: nested beyond MAX_JSON_DEPTH, so not parsed at all. */
  code: ParseErrorCode | 'too-deep';
  message: string;
}

const readable: Partial<Record<ParseErrorCode, string>> = {
  [ParseErrorCode.InvalidSymbol]: 'unexpected character',
  [ParseErrorCode.InvalidNumberFormat]: 'invalid number',
  [ParseErrorCode.PropertyNameExpected]: 'a property name in double quotes was expected',
  [ParseErrorCode.ValueExpected]: 'a value was expected',
  [ParseErrorCode.ColonExpected]: "':' was expected",
  [ParseErrorCode.CommaExpected]: "',' was expected",
  [ParseErrorCode.CloseBraceExpected]: "'}' was expected",
  [ParseErrorCode.CloseBracketExpected]: "']' was expected",
  [ParseErrorCode.EndOfFileExpected]: 'the file should end after the first value',
  [ParseErrorCode.InvalidCommentToken]: 'invalid comment',
  [ParseErrorCode.UnexpectedEndOfComment]: 'a comment is not closed',
  [ParseErrorCode.UnexpectedEndOfString]: 'a string is not closed',
  [ParseErrorCode.UnexpectedEndOfNumber]: 'a number is cut short',
  [ParseErrorCode.InvalidUnicode]: 'invalid unicode escape',
  [ParseErrorCode.InvalidEscapeCharacter]: 'invalid escape character',
  [ParseErrorCode.InvalidCharacter]: 'invalid character in a string',
};

/**
 * Parses tolerantly: comments and trailing commas are accepted (ask-cli accepts neither, but a
 * linter should still see the rest); every other problem is an error with its span.
 */
export function parseJsonDocument(path: string, text: string): JsonDocument {
  const hit = parsed.get(path);
  if (hit && hit.text === text) return hit;
  const doc = parseUncached(path, text);
  if (parsed.size >= MAX_CACHED) parsed.delete(parsed.keys().next().value as string);
  parsed.set(path, doc);
  return doc;
}

/** Parsed documents by path, reused while the text is the same (a keystroke elsewhere in the skill). */
const parsed = new Map<string, JsonDocument>();
const MAX_CACHED = 2000;

/**
 * Drops the parsed documents of these files (a skill nobody edits: its trees are most of the memory
 * it would keep). A later parse of the same text parses again, with the same result.
 */
export function forgetJson(files: Iterable<string>): void {
  for (const f of files) parsed.delete(f);
}

/**
 * The tree `parseTree(text, [], { allowTrailingComma: true })` gives, when the cached document of
 * `file` is this text parsed that way: it is, unless the text starts with a BOM (parsed here as a
 * space) or is nested too deep to parse. Callers only read it.
 */
export function parsedTree(file: string, text: string): Node | undefined {
  const hit = parsed.get(file);
  if (!hit || hit.text !== text || text.charCodeAt(0) === 0xfeff) return undefined;
  return hit.root;
}

/** Whether a parse of `file` is cached (tests of what the language server keeps). */
export function isJsonCached(file: string): boolean {
  return parsed.has(file);
}

/**
 * Deepest nesting of arrays and objects parsed. Skill files nest a few dozen levels; jsonc-parser,
 * ajv and the rules recurse per level and overflow the stack at a few thousand.
 */
export const MAX_JSON_DEPTH = 500;

/** Offset of the first bracket nested deeper than `limit` (strings and comments skipped), or -1. */
export function jsonTooDeepAt(text: string, limit = MAX_JSON_DEPTH): number {
  // Nesting deeper than `limit` takes more than `limit` opening brackets: a file with fewer (every
  // manifest and most models: ~300 in a 13 KB model) cannot be too deep, and `indexOf` counts them
  // natively where the scan below reads every character (~45 ms of the 100-skill bench's cold run).
  if (!hasMoreThan(text, ['{', '['], limit)) return -1;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i++;
        else if (d === 0x22 || d === 0x0a) break;
      }
    } else if (c === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x2f) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a /* * */) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > limit) return i;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth = Math.max(0, depth - 1);
    }
  }
  return -1;
}

/** Whether `text` holds more than `limit` of these characters together (in strings too). */
function hasMoreThan(text: string, chars: string[], limit: number): boolean {
  let n = 0;
  for (const c of chars) {
    for (let i = text.indexOf(c); i >= 0; i = text.indexOf(c, i + 1)) if (++n > limit) return true;
  }
  return false;
}

function parseUncached(path: string, text: string): JsonDocument {
  const deep = jsonTooDeepAt(text);
  if (deep >= 0) return { path, text, root: undefined, errors: [{ code: 'too-deep', offset: deep, length: 1, message: `it is nested more than ${MAX_JSON_DEPTH} levels deep` }] };
  const raw: ParseError[] = [];
  // A BOM is legal at the start of a file and must not count as an unexpected character.
  const bom = text.charCodeAt(0) === 0xfeff;
  const source = bom ? ' ' + text.slice(1) : text;
  const root = parseTree(source, raw, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
  const errors = raw.map((e) => ({
    code: e.error,
    offset: e.offset,
    length: Math.max(e.length, 0),
    message: readable[e.error] ?? printParseErrorCode(e.error),
  }));
  return { path, text, root, errors };
}

export function valueOf(node: Node | undefined): unknown {
  return node ? getNodeValue(node) : undefined;
}

export function nodeAt(root: Node | undefined, path: JSONPath): Node | undefined {
  return root ? findNodeAtLocation(root, path) : undefined;
}

/** The string value of the node at `path`, if it is a string. */
export function stringAt(root: Node | undefined, path: JSONPath): string | undefined {
  const n = nodeAt(root, path);
  return n && n.type === 'string' ? (n.value as string) : undefined;
}

export function spanOf(node: Node): Span {
  return { offset: node.offset, length: node.length };
}

/** The property node (`"key": value`) of `key` in an object node. */
export function propertyOf(obj: Node | undefined, key: string): Node | undefined {
  if (!obj || obj.type !== 'object' || !obj.children) return undefined;
  return obj.children.find((p) => p.children?.[0]?.value === key);
}

/** The key node of `key` in an object node: where a diagnostic about that key belongs. */
export function keyNodeOf(obj: Node | undefined, key: string): Node | undefined {
  return propertyOf(obj, key)?.children?.[0];
}

/** Properties of an object node as [key, value node, key node] triples. */
export function entriesOf(obj: Node | undefined): Array<[string, Node, Node]> {
  if (!obj || obj.type !== 'object' || !obj.children) return [];
  const out: Array<[string, Node, Node]> = [];
  for (const p of obj.children) {
    const k = p.children?.[0];
    const v = p.children?.[1];
    if (k && v && typeof k.value === 'string') out.push([k.value, v, k]);
  }
  return out;
}

export function elementsOf(arr: Node | undefined): Node[] {
  return arr && arr.type === 'array' && arr.children ? arr.children : [];
}

/**
 * Span of the diagnostic for a node: for an object or array, its key if it has one (a squiggle
 * under a whole 200-line object helps nobody), otherwise the node itself.
 */
export function focusSpan(node: Node): Span {
  if ((node.type === 'object' || node.type === 'array') && node.parent?.type === 'property') {
    const key = node.parent.children?.[0];
    if (key) return spanOf(key);
  }
  return spanOf(node);
}
