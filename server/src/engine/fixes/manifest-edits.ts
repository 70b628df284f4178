import { JSONPath, Node, findNodeAtLocation, parseTree } from 'jsonc-parser';
import { nodeAt, parsedTree } from '../json/document';
import { permissionNameNodes } from '../manifest/privacy';
import { ManifestFile } from '../skill';
import { TextEdit } from '../types';
import { detectFormatting, safeModify, spanningEdit } from './json-edit';

/**
 * Edits of skill.json that privacy fixes make. Each goes through jsonc-parser `modify` and lays out
 * only the text it inserts, like its neighbours: the user's formatting of everything else is kept
 * (jsonc-parser's own formatting would re-format the neighbouring line, e.g. expand a one-line
 * `{ "name": "…" }`).
 */

/** `modify` as our TextEdits, with inserted JSON laid out like the surrounding text. */
export function layoutModify(file: string, text: string, path: JSONPath, value: unknown, opts: { isArrayInsertion?: boolean } = {}): TextEdit[] {
  // Without formatting options `modify` returns the bare edit: what to insert, where.
  const raw = safeModify(text, path, value, { isArrayInsertion: opts.isArrayInsertion });
  if (raw.length === 0) return [];
  // The file's own tree when this is its text as parsed (the same parse, unless a BOM made it
  // differ): most of the 604 layouts of skill.json on the 100-skill bench parsed it a second time.
  const root = parsedTree(file, text) ?? parseTree(text, [], { allowTrailingComma: true });
  return raw.map((e) => {
    const laid = layoutEdit(text, root, e.offset, e.length, e.content);
    return { file, offset: laid.offset, length: laid.length, newText: laid.newText };
  });
}

interface Laid {
  offset: number;
  length: number;
  newText: string;
}

function layoutEdit(text: string, root: Node | undefined, offset: number, length: number, content: string): Laid {
  const fmt = detectFormatting(text);
  const unit = fmt.insertSpaces ? ' '.repeat(fmt.tabSize ?? 2) : '\t';
  const eol = fmt.eol ?? '\n';
  const render = (json: string, indent: string, asProperty: boolean): string => renderItem(json, indent, unit, eol, asProperty);
  if (content === '') return { offset, length, newText: content };
  if (length > 0) {
    // Replacing a value: primitives stay as they are; objects take the indentation of their line.
    const v = JSON.parse(content) as unknown;
    if (typeof v !== 'object' || v === null) return { offset, length, newText: content };
    return { offset, length, newText: pretty(v, lineIndent(text, offset), unit, eol) };
  }
  if (content.startsWith(',')) {
    // After a sibling.
    const found = containerWithChildEndingAt(root, offset);
    const item = content.slice(1);
    if (!found) return { offset, length, newText: content };
    const { container, index } = found;
    const asProperty = container.type === 'object';
    const prev = container.children![index];
    const before = index > 0 ? container.children![index - 1] : undefined;
    const gap = text.slice(before ? before.offset + before.length : container.offset + 1, prev.offset);
    if (gap.includes('\n')) {
      const indent = lineIndent(text, prev.offset);
      return { offset, length, newText: `,${eol}${indent}${render(item, indent, asProperty)}` };
    }
    return { offset, length, newText: `, ${compact(item, asProperty)}` };
  }
  const container = containerOpeningAt(root, offset - 1);
  if (!container) return { offset, length, newText: content };
  const asProperty = container.type === 'object';
  if (content.endsWith(',') && container.children && container.children.length > 0) {
    // Before the first child.
    const item = content.slice(0, -1);
    const first = container.children[0];
    const gap = text.slice(container.offset + 1, first.offset);
    if (gap.includes('\n')) {
      const indent = lineIndent(text, first.offset);
      return { offset, length, newText: `${eol}${indent}${render(item, indent, asProperty)},` };
    }
    return { offset, length, newText: ` ${compact(item, asProperty)},` };
  }
  // Into an empty container: one entry on its own line, like `modify` with formatting would.
  const outer = lineIndent(text, container.offset);
  const indent = outer + unit;
  const inside = text.slice(container.offset + 1, container.offset + container.length - 1);
  const replaceInside = inside.trim() === '';
  return {
    offset: container.offset + 1,
    length: replaceInside ? inside.length : 0,
    newText: `${eol}${indent}${render(content, indent, asProperty)}${replaceInside ? eol + outer : ''}`,
  };
}

function renderItem(json: string, indent: string, unit: string, eol: string, asProperty: boolean): string {
  if (!asProperty) return pretty(JSON.parse(json), indent, unit, eol);
  const obj = JSON.parse(`{${json}}`) as Record<string, unknown>;
  const [key] = Object.keys(obj);
  return `${JSON.stringify(key)}: ${pretty(obj[key], indent, unit, eol)}`;
}

function pretty(value: unknown, indent: string, unit: string, eol: string): string {
  return JSON.stringify(value, null, unit).split('\n').join(eol + indent);
}

/** One-line JSON with a space after `:` and `,` and inside braces, as people type it. */
function compact(json: string, asProperty: boolean): string {
  const one = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(one).join(', ')}]`;
    if (typeof v === 'object' && v !== null) {
      const entries = Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${one(x)}`);
      return entries.length ? `{ ${entries.join(', ')} }` : '{}';
    }
    return JSON.stringify(v);
  };
  if (!asProperty) return one(JSON.parse(json));
  const obj = JSON.parse(`{${json}}`) as Record<string, unknown>;
  const [key] = Object.keys(obj);
  return `${JSON.stringify(key)}: ${one(obj[key])}`;
}

/** The whitespace at the start of the line that holds `offset`. */
export function lineIndent(text: string, offset: number): string {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  let end = start;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(start, end);
}

function containerWithChildEndingAt(root: Node | undefined, offset: number): { container: Node; index: number } | undefined {
  let hit: { container: Node; index: number } | undefined;
  const visit = (n: Node): void => {
    if (hit || offset < n.offset || offset > n.offset + n.length) return;
    if ((n.type === 'object' || n.type === 'array') && n.children) {
      const i = n.children.findIndex((c) => c.offset + c.length === offset);
      if (i >= 0) {
        hit = { container: n, index: i };
        return;
      }
    }
    for (const c of n.children ?? []) visit(c);
  };
  if (root) visit(root);
  return hit;
}

function containerOpeningAt(root: Node | undefined, offset: number): Node | undefined {
  let hit: Node | undefined;
  const visit = (n: Node): void => {
    if (hit || offset < n.offset || offset > n.offset + n.length) return;
    if ((n.type === 'object' || n.type === 'array') && n.offset === offset) {
      hit = n;
      return;
    }
    for (const c of n.children ?? []) visit(c);
  };
  if (root) visit(root);
  return hit;
}

// -------------------------------------------------------------------------------------------------
// The manifest edits privacy fixes make

function manifestKey(m: ManifestFile): string {
  return m.key ?? 'manifest';
}

/** Sets `privacyAndCompliance.usesPersonalInfo` to true, creating the block when it is missing. */
export function setUsesPersonalInfo(m: ManifestFile): TextEdit[] {
  return layoutModify(m.doc.path, m.doc.text, [manifestKey(m), 'privacyAndCompliance', 'usesPersonalInfo'], true);
}

/**
 * Adds `privacyAndCompliance.locales.<locale>.privacyPolicyUrl` for each locale, as one edit
 * (each step computed on the result of the previous one).
 */
export function addPrivacyPolicyUrls(m: ManifestFile, locales: string[], url: string): TextEdit[] {
  return sequential(
    m.doc.path,
    m.doc.text,
    locales.map((l) => (text: string) => layoutModify(m.doc.path, text, [manifestKey(m), 'privacyAndCompliance', 'locales', l, 'privacyPolicyUrl'], url)),
  );
}

/** The manifest permission names skill.json declares. */
export function declaredPermissions(m: ManifestFile | undefined): string[] {
  return permissionNameNodes(m?.manifest).map((n) => n.value as string);
}

/** Adds `{ "name": permission }` to `manifest.permissions`, creating the array when missing. */
export function addPermission(m: ManifestFile, permission: string): TextEdit[] {
  if (declaredPermissions(m).includes(permission)) return [];
  const key = manifestKey(m);
  const arr = nodeAt(m.manifest, ['permissions']);
  if (arr?.type === 'array') {
    return layoutModify(m.doc.path, m.doc.text, [key, 'permissions', arr.children?.length ?? 0], { name: permission }, { isArrayInsertion: true });
  }
  return layoutModify(m.doc.path, m.doc.text, [key, 'permissions'], [{ name: permission }]);
}

/** Adds several permissions in one edit, in order, skipping those already declared. */
export function addPermissions(m: ManifestFile, permissions: string[]): TextEdit[] {
  const declared = declaredPermissions(m);
  const todo = permissions.filter((p, i) => permissions.indexOf(p) === i && !declared.includes(p));
  if (todo.length <= 1) return todo.length === 1 ? addPermission(m, todo[0]) : [];
  const key = manifestKey(m);
  return sequential(
    m.doc.path,
    m.doc.text,
    todo.map((p) => (text: string) => {
      const root = parsedTree(m.doc.path, text) ?? parseTree(text, [], { allowTrailingComma: true });
      const arr = root ? findNodeAtLocation(root, [key, 'permissions']) : undefined;
      if (arr?.type === 'array') return layoutModify(m.doc.path, text, [key, 'permissions', arr.children?.length ?? 0], { name: p }, { isArrayInsertion: true });
      return layoutModify(m.doc.path, text, [key, 'permissions'], [{ name: p }]);
    }),
  );
}

/** Runs text edits one after the other and returns the result as a single edit of `file`. */
export function sequential(file: string, text: string, steps: Array<(text: string) => TextEdit[]>): TextEdit[] {
  let current = text;
  for (const step of steps) {
    const edits = [...step(current)].sort((a, b) => b.offset - a.offset);
    for (const e of edits) current = current.slice(0, e.offset) + e.newText + current.slice(e.offset + e.length);
  }
  return spanningEdit(file, text, current);
}
