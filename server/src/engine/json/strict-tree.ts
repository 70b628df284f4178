import { Node } from 'jsonc-parser';

/**
 * jsonc-parser's `parseTree` for the files almost every skill has: strict JSON. Its scanner builds
 * every run of whitespace as a string one character at a time and hands each token to the tree
 * through visitor callbacks, so the 734 JSON files of the 100-skill bench (8 MB, indented) cost
 * ~130 ms and 162 MB of allocation warm, against ~58 ms and 72 MB here (the nodes themselves).
 *
 * `strictTree(text)` is the tree `parseTree(text, errors, { allowTrailingComma: true })` builds,
 * with no error, when `text` is one JSON value (RFC 8259) with only space, tab, line feed and
 * carriage return around its tokens; for anything else (comments, trailing commas, other
 * whitespace, a control character in a string, any syntax error, empty text) it is undefined and
 * the caller parses with jsonc-parser, errors and all. On such text jsonc-parser reports nothing,
 * and its tree follows from the grammar alone: an object, array or literal node spans its tokens;
 * a property spans its key to the end of its value, with `colonOffset` at its colon; a key is a
 * string node with the decoded key as value; a number's value is `Number` of its token, a
 * string's the decoded text (`\uXXXX` as one UTF-16 unit); each node's `parent` is the node it
 * is in, the root has none. The nodes are built with the same properties in the same order, so
 * they have the hidden classes of jsonc-parser's, which every reader of trees also meets.
 *
 * Nesting is not bounded here, as it is not in jsonc-parser: the caller checks depth first
 * (`jsonTooDeepAt`). test/json/strict-tree.test.ts compares both parsers on the bench's files and
 * on random texts and their one-character mutations.
 */
export function strictTree(text: string): Node | undefined {
  const parser = new StrictParser(text);
  parser.skipSpace();
  const root: Building | undefined = parser.value(undefined);
  if (root === undefined) return undefined;
  parser.skipSpace();
  if (parser.pos !== text.length) return undefined;
  // As parseTree does: the root is the tree's top, with no `parent` property at all.
  delete root.parent;
  return root;
}

/** A node while it is built: jsonc-parser's `Node` is read-only to its readers. */
type Building = { -readonly [K in keyof Node]: Node[K] };

const enum Char {
  Tab = 9,
  LineFeed = 10,
  CarriageReturn = 13,
  Space = 32,
  Quote = 34,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Slash = 47,
  Zero = 48,
  One = 49,
  Nine = 57,
  Colon = 58,
  UpperA = 65,
  UpperE = 69,
  UpperF = 70,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  LowerA = 97,
  LowerB = 98,
  LowerE = 101,
  LowerF = 102,
  LowerN = 110,
  LowerR = 114,
  LowerT = 116,
  LowerU = 117,
  OpenBrace = 123,
  CloseBrace = 125,
}

class StrictParser {
  pos = 0;

  constructor(private readonly text: string) {}

  skipSpace(): void {
    const text = this.text;
    let pos = this.pos;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === Char.Space || c === Char.LineFeed || c === Char.CarriageReturn || c === Char.Tab) pos++;
      else break;
    }
    this.pos = pos;
  }

  /** The value at `pos` (no space before it), `pos` moved past it; undefined when it is not strict JSON. */
  value(parent: Node | undefined): Node | undefined {
    const text = this.text;
    const offset = this.pos;
    const c = text.charCodeAt(offset);
    switch (c) {
      case Char.OpenBrace:
        return this.object(parent, offset);
      case Char.OpenBracket:
        return this.array(parent, offset);
      case Char.Quote: {
        const value = this.string();
        return value === undefined ? undefined : { type: 'string', offset, length: this.pos - offset, parent, value };
      }
      case Char.LowerT:
        return this.keyword(parent, offset, 'true', true);
      case Char.LowerF:
        return this.keyword(parent, offset, 'false', false);
      case Char.LowerN:
        return this.keyword(parent, offset, 'null', null);
      default:
        return c === Char.Minus || (c >= Char.Zero && c <= Char.Nine) ? this.number(parent, offset) : undefined;
    }
  }

  private object(parent: Node | undefined, offset: number): Node | undefined {
    const text = this.text;
    const children: Node[] = [];
    const node: Building = { type: 'object', offset, length: -1, parent, children };
    this.pos++;
    this.skipSpace();
    if (text.charCodeAt(this.pos) !== Char.CloseBrace) {
      for (;;) {
        const keyOffset = this.pos;
        if (text.charCodeAt(keyOffset) !== Char.Quote) return undefined;
        const pair: Node[] = [];
        const property: Building = { type: 'property', offset: keyOffset, length: -1, parent: node, children: pair };
        const key = this.string();
        if (key === undefined) return undefined;
        pair.push({ type: 'string', value: key, offset: keyOffset, length: this.pos - keyOffset, parent: property });
        this.skipSpace();
        if (text.charCodeAt(this.pos) !== Char.Colon) return undefined;
        property.colonOffset = this.pos;
        this.pos++;
        this.skipSpace();
        const value = this.value(property);
        if (value === undefined) return undefined;
        pair.push(value);
        property.length = value.offset + value.length - keyOffset;
        children.push(property);
        this.skipSpace();
        const next = text.charCodeAt(this.pos);
        if (next === Char.CloseBrace) break;
        if (next !== Char.Comma) return undefined;
        this.pos++;
        this.skipSpace();
      }
    }
    this.pos++;
    node.length = this.pos - offset;
    return node;
  }

  private array(parent: Node | undefined, offset: number): Node | undefined {
    const text = this.text;
    const children: Node[] = [];
    const node: Building = { type: 'array', offset, length: -1, parent, children };
    this.pos++;
    this.skipSpace();
    if (text.charCodeAt(this.pos) !== Char.CloseBracket) {
      for (;;) {
        const value = this.value(node);
        if (value === undefined) return undefined;
        children.push(value);
        this.skipSpace();
        const next = text.charCodeAt(this.pos);
        if (next === Char.CloseBracket) break;
        if (next !== Char.Comma) return undefined;
        this.pos++;
        this.skipSpace();
      }
    }
    this.pos++;
    node.length = this.pos - offset;
    return node;
  }

  /** `true`, `false` or `null`, which must not run on into more letters (`nullx` is one unknown token to jsonc-parser). */
  private keyword(parent: Node | undefined, offset: number, word: string, value: boolean | null): Node | undefined {
    if (!this.text.startsWith(word, offset)) return undefined;
    this.pos = offset + word.length;
    // What may follow a value in strict JSON is checked by the caller: space, `,`, `}`, `]` or the end.
    return { type: value === null ? 'null' : 'boolean', offset, length: word.length, parent, value };
  }

  /** `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, as jsonc-parser's scanner reads it without error. */
  private number(parent: Node | undefined, offset: number): Node | undefined {
    const text = this.text;
    let pos = offset;
    if (text.charCodeAt(pos) === Char.Minus) pos++;
    let c = text.charCodeAt(pos);
    if (c === Char.Zero) pos++;
    else if (c >= Char.One && c <= Char.Nine) pos = digitsEnd(text, pos + 1);
    else return undefined;
    if (text.charCodeAt(pos) === Char.Dot) {
      c = text.charCodeAt(pos + 1);
      if (!(c >= Char.Zero && c <= Char.Nine)) return undefined;
      pos = digitsEnd(text, pos + 2);
    }
    c = text.charCodeAt(pos);
    if (c === Char.LowerE || c === Char.UpperE) {
      pos++;
      c = text.charCodeAt(pos);
      if (c === Char.Plus || c === Char.Minus) c = text.charCodeAt(++pos);
      if (!(c >= Char.Zero && c <= Char.Nine)) return undefined;
      pos = digitsEnd(text, pos + 1);
    }
    this.pos = pos;
    return { type: 'number', offset, length: pos - offset, parent, value: Number(text.substring(offset, pos)) };
  }

  /** The decoded string at `pos` (its opening quote), `pos` moved past the closing quote; undefined when not strict JSON. */
  private string(): string | undefined {
    const text = this.text;
    const length = text.length;
    let pos = this.pos + 1;
    let from = pos;
    let decoded = '';
    for (;;) {
      if (pos >= length) return undefined;
      const c = text.charCodeAt(pos);
      if (c === Char.Quote) {
        this.pos = pos + 1;
        return decoded + text.substring(from, pos);
      }
      // jsonc-parser reports a control character (and ends the string at a line break).
      if (c < 0x20) return undefined;
      if (c !== Char.Backslash) {
        pos++;
        continue;
      }
      decoded += text.substring(from, pos);
      switch (text.charCodeAt(pos + 1)) {
        case Char.Quote:
          decoded += '"';
          break;
        case Char.Backslash:
          decoded += '\\';
          break;
        case Char.Slash:
          decoded += '/';
          break;
        case Char.LowerB:
          decoded += '\b';
          break;
        case Char.LowerF:
          decoded += '\f';
          break;
        case Char.LowerN:
          decoded += '\n';
          break;
        case Char.LowerR:
          decoded += '\r';
          break;
        case Char.LowerT:
          decoded += '\t';
          break;
        case Char.LowerU: {
          let unit = 0;
          for (let i = pos + 2; i < pos + 6; i++) {
            const digit = hexValue(text.charCodeAt(i));
            if (digit < 0) return undefined;
            unit = unit * 16 + digit;
          }
          decoded += String.fromCharCode(unit);
          pos += 4;
          break;
        }
        default:
          return undefined;
      }
      pos += 2;
      from = pos;
    }
  }
}

function digitsEnd(text: string, pos: number): number {
  for (let c = text.charCodeAt(pos); c >= Char.Zero && c <= Char.Nine; c = text.charCodeAt(++pos));
  return pos;
}

function hexValue(c: number): number {
  if (c >= Char.Zero && c <= Char.Nine) return c - Char.Zero;
  if (c >= Char.UpperA && c <= Char.UpperF) return c - Char.UpperA + 10;
  if (c >= Char.LowerA && c <= Char.LowerF) return c - Char.LowerA + 10;
  return -1;
}
