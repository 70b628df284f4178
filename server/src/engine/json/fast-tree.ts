import type { Node } from 'jsonc-parser';

/**
 * jsonc-parser's `parseTree` for the common case, strict JSON: the same nodes (same fields, in
 * the same order, the same parents, offsets, lengths, `colonOffset`s and values), built by one
 * loop over the character codes instead of jsonc-parser's scanner and visitor callbacks (about a
 * tenth of the CLI's time on 500 interaction models went to that).
 *
 * Anything else gives undefined and the caller parses with jsonc-parser: comments, trailing
 * commas, whitespace other than space, tab, `\n` and `\r`, control characters in strings, an
 * invalid escape or number, a word that is not `true`, `false` or `null`, empty content, anything
 * after the value. So wherever this parser answers, its input is one jsonc-parser reads without an
 * error, and test/engine/json-fast-tree.test.ts compares both trees over seeded random documents.
 * Recursion follows the nesting, which the caller bounds (MAX_JSON_DEPTH).
 */
export function parseStrictJsonTree(text: string): Node | undefined {
  const p = new StrictParser(text);
  try {
    // jsonc-parser hangs the value under an artificial root and deletes that parent at the end.
    const placeholder = { type: 'array', offset: -1, length: -1, children: [], parent: undefined } as unknown as Node;
    p.skipSpace();
    const root = p.value(placeholder);
    p.skipSpace();
    if (root === undefined || p.pos !== text.length) return undefined;
    delete (root as { parent?: Node }).parent;
    return root;
  } catch (e) {
    if (e === NOT_STRICT) return undefined;
    throw e;
  }
}

const NOT_STRICT = Symbol('not strict JSON');

/** jsonc-parser's Node while it is built (its lengths and colon offset are set late, as jsonc-parser does). */
type Building = { -readonly [K in keyof Node]: Node[K] };

/** Characters that may follow a number or a keyword: a separator, a bracket or the space before one. */
function isDelimiter(c: number): boolean {
  return c === 0x2c || c === 0x7d || c === 0x5d || c === 0x3a || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || Number.isNaN(c);
}

class StrictParser {
  pos = 0;
  constructor(private readonly text: string) {}

  skipSpace(): void {
    const t = this.text;
    let i = this.pos;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
    this.pos = i;
  }

  value(parent: Node): Node {
    const c = this.text.charCodeAt(this.pos);
    if (c === 0x7b /* { */) return this.object(parent);
    if (c === 0x5b /* [ */) return this.array(parent);
    if (c === 0x22 /* " */) {
      const offset = this.pos;
      const value = this.string();
      return { type: 'string', offset, length: this.pos - offset, parent, value } as Node;
    }
    if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) return this.number(parent);
    return this.keyword(parent);
  }

  /** A string token at `pos`: its value, with `pos` after the closing quote. */
  string(): string {
    const t = this.text;
    const start = this.pos;
    let i = start + 1;
    let escaped = false;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === 0x22) break;
      if (c === 0x5c /* \ */) {
        escaped = true;
        i += 2;
        continue;
      }
      // A control character (line breaks included) or the end of the text: jsonc-parser reports it.
      if (!(c >= 0x20)) throw NOT_STRICT;
      i++;
    }
    if (i >= t.length) throw NOT_STRICT;
    this.pos = i + 1;
    if (!escaped) return t.slice(start + 1, i);
    // JSON.parse decodes the escapes jsonc-parser accepts, the same way, and throws on the others.
    try {
      return JSON.parse(t.slice(start, i + 1)) as string;
    } catch {
      throw NOT_STRICT;
    }
  }

  number(parent: Node): Node {
    const t = this.text;
    const offset = this.pos;
    let i = offset;
    if (t.charCodeAt(i) === 0x2d) i++;
    const digits = (): void => {
      const from = i;
      while (t.charCodeAt(i) >= 0x30 && t.charCodeAt(i) <= 0x39) i++;
      if (i === from) throw NOT_STRICT;
    };
    if (t.charCodeAt(i) === 0x30) i++;
    else digits();
    if (t.charCodeAt(i) === 0x2e /* . */) {
      i++;
      digits();
    }
    const e = t.charCodeAt(i);
    if (e === 0x65 || e === 0x45) {
      i++;
      const sign = t.charCodeAt(i);
      if (sign === 0x2b || sign === 0x2d) i++;
      digits();
    }
    if (!isDelimiter(t.charCodeAt(i))) throw NOT_STRICT;
    this.pos = i;
    return { type: 'number', offset, length: i - offset, parent, value: Number(t.slice(offset, i)) } as Node;
  }

  keyword(parent: Node): Node {
    const t = this.text;
    const offset = this.pos;
    let value: boolean | null;
    let length: number;
    if (t.startsWith('true', offset)) [value, length] = [true, 4];
    else if (t.startsWith('false', offset)) [value, length] = [false, 5];
    else if (t.startsWith('null', offset)) [value, length] = [null, 4];
    else throw NOT_STRICT;
    if (!isDelimiter(t.charCodeAt(offset + length))) throw NOT_STRICT;
    this.pos = offset + length;
    return { type: value === null ? 'null' : 'boolean', offset, length, parent, value } as Node;
  }

  object(parent: Node): Node {
    const node = { type: 'object', offset: this.pos, length: -1, parent, children: [] as Node[] } as Building;
    const children = node.children as Node[];
    this.pos++;
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) !== 0x7d) {
      for (;;) {
        if (this.text.charCodeAt(this.pos) !== 0x22) throw NOT_STRICT;
        const offset = this.pos;
        const property = { type: 'property', offset, length: -1, parent: node, children: [] as Node[] } as Building;
        children.push(property);
        const name = this.string();
        (property.children as Node[]).push({ type: 'string', value: name, offset, length: this.pos - offset, parent: property } as Node);
        this.skipSpace();
        if (this.text.charCodeAt(this.pos) !== 0x3a /* : */) throw NOT_STRICT;
        property.colonOffset = this.pos;
        this.pos++;
        this.skipSpace();
        const v = this.value(property);
        (property.children as Node[]).push(v);
        property.length = v.offset + v.length - offset;
        this.skipSpace();
        const c = this.text.charCodeAt(this.pos);
        if (c === 0x2c /* , */) {
          this.pos++;
          this.skipSpace();
          continue;
        }
        if (c === 0x7d) break;
        throw NOT_STRICT;
      }
    }
    this.pos++;
    node.length = this.pos - node.offset;
    return node;
  }

  array(parent: Node): Node {
    const node = { type: 'array', offset: this.pos, length: -1, parent, children: [] as Node[] } as Building;
    const children = node.children as Node[];
    this.pos++;
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) !== 0x5d) {
      for (;;) {
        children.push(this.value(node));
        this.skipSpace();
        const c = this.text.charCodeAt(this.pos);
        if (c === 0x2c) {
          this.pos++;
          this.skipSpace();
          continue;
        }
        if (c === 0x5d) break;
        throw NOT_STRICT;
      }
    }
    this.pos++;
    node.length = this.pos - node.offset;
    return node;
  }
}
