import * as path from 'path';
// Not `import * as`: that compiles to one getter per `ts.` access, the largest cost of these tree walks in a profile.
import ts from 'typescript';
import { Builder } from '../code/handlers';
import { FileIndex } from '../code/modules';
import { TextEdit } from '../types';
import { detectFormatting } from './json-edit';
import { lineIndent } from './manifest-edits';

/**
 * Edits of handler code that add an ask-sdk v2 request handler: the handler object, written in the
 * file's indentation, quotes, semicolons and language (a `RequestHandler` type in TypeScript), and
 * its registration in the builder's `addRequestHandlers(...)`.
 */

export interface NewHandler {
  /** Preferred name; made unique in the file. */
  name: string;
  /** The request type `canHandle` takes. */
  requestType: string;
  /** Lines of the `handle` body, without indentation; `{q}` is the file's quote. */
  body: string[];
  /** The body for TypeScript files, when it differs (optional members of ask-sdk's interfaces). */
  tsBody?: string[];
  async: boolean;
}

const ASK_MODULES = new Set(['ask-sdk-core', 'ask-sdk']);

function isTypeScript(file: string): boolean {
  return /\.(c|m)?tsx?$/.test(path.extname(file));
}

function uniqueName(text: string, name: string): string {
  let n = name;
  for (let i = 2; new RegExp(`\\b${n}\\b`).test(text); i++) n = `${name}${i}`;
  return n;
}

/** How TypeScript code names ask-sdk's `RequestHandler` type, and the import edit it needs. */
function requestHandlerType(file: string, sf: ts.SourceFile, quote: string, semi: string, eol: string): { type: string; edits: TextEdit[] } {
  let lastImportEnd = -1;
  for (const s of sf.statements) {
    if (ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier)) {
      lastImportEnd = s.getEnd();
      if (!ASK_MODULES.has(s.moduleSpecifier.text) || !s.importClause || s.importClause.isTypeOnly) continue;
      const nb = s.importClause.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) return { type: `${nb.name.text}.RequestHandler`, edits: [] };
      if (nb && ts.isNamedImports(nb)) {
        const el = nb.elements.find((e) => (e.propertyName ?? e.name).text === 'RequestHandler');
        if (el) return { type: el.name.text, edits: [] };
        const last = nb.elements[nb.elements.length - 1];
        if (last) return { type: 'RequestHandler', edits: [{ file, offset: last.getEnd(), length: 0, newText: ', RequestHandler' }] };
        return { type: 'RequestHandler', edits: [{ file, offset: nb.getStart() + 1, length: 0, newText: ' RequestHandler ' }] };
      }
    } else if (ts.isImportEqualsDeclaration(s) && ts.isExternalModuleReference(s.moduleReference) && ts.isStringLiteral(s.moduleReference.expression) && ASK_MODULES.has(s.moduleReference.expression.text)) {
      return { type: `${s.name.text}.RequestHandler`, edits: [] };
    }
  }
  const line = `import { RequestHandler } from ${quote}ask-sdk-core${quote}${semi}`;
  if (lastImportEnd >= 0) return { type: 'RequestHandler', edits: [{ file, offset: lastImportEnd, length: 0, newText: `${eol}${line}` }] };
  return { type: 'RequestHandler', edits: [{ file, offset: 0, length: 0, newText: `${line}${eol}${eol}` }] };
}

/** Where a new top-level declaration goes: the start of the line of `statement`, above its leading comments. */
function insertionOffset(text: string, statement: ts.Statement): number {
  const comments = ts.getLeadingCommentRanges(text, statement.getFullStart()) ?? [];
  let at = comments.length > 0 ? comments[0].pos : statement.getStart();
  while (at > 0 && text[at - 1] !== '\n') at--;
  return at;
}

/**
 * The edits that add `h` to the file of `builder` and register it in its first
 * `addRequestHandlers(...)`: last, or before the first handler that takes any request (ask-sdk asks
 * handlers in order, so one after a catch-all would never run). Undefined when the builder has no
 * `addRequestHandlers` call.
 */
export function addRequestHandler(ix: FileIndex, builder: Builder, h: NewHandler): { edits: TextEdit[]; name: string } | undefined {
  const add = builder.addRequestHandlers[0];
  if (!add) return undefined;
  const catchAll = builder.registrations.find(
    (r) => r.call === add && (r.handler.opaque || r.handler.matches.some((m) => m.requestType === undefined && m.intent === undefined)),
  );
  const file = ix.file;
  const text = ix.parsed.text;
  const sf = ix.parsed.sourceFile;
  const fmt = detectFormatting(text);
  const unit = fmt.insertSpaces ? ' '.repeat(fmt.tabSize ?? 2) : '\t';
  const eol = fmt.eol ?? '\n';
  const q = ix.quote;
  // Semicolons as most top-level statements of the file have them.
  const stmts = sf.statements.filter((s) => ts.isVariableStatement(s) || ts.isExpressionStatement(s));
  const semi = stmts.length === 0 || stmts.filter((s) => s.getText().endsWith(';')).length * 2 >= stmts.length ? ';' : '';
  const name = uniqueName(text, h.name);
  const edits: TextEdit[] = [];

  let decl = `const ${name} = {`;
  const typescript = isTypeScript(file);
  const body = typescript && h.tsBody ? h.tsBody : h.body;
  if (typescript) {
    const t = requestHandlerType(file, sf, q, semi, eol);
    edits.push(...t.edits);
    decl = `const ${name}: ${t.type} = {`;
  }
  const lines = [
    decl,
    `${unit}canHandle(handlerInput) {`,
    `${unit}${unit}return handlerInput.requestEnvelope.request.type === ${q}${h.requestType}${q};`,
    `${unit}},`,
    `${unit}${h.async ? 'async ' : ''}handle(handlerInput) {`,
    ...body.map((l) => `${unit}${unit}${l.split('{q}').join(q)}`),
    `${unit}},`,
    `}${semi}`,
  ].map((l) => (semi ? l : l.replace(/;$/, '')));
  const at = insertionOffset(text, builder.statement);
  edits.push({ file, offset: at, length: 0, newText: lines.join(eol) + eol + eol });

  // Registration: laid out like the arguments around it.
  const args = add.args;
  const close = add.argsSpan.offset + add.argsSpan.length;
  if (catchAll) {
    const target = catchAll.argument;
    const i = args.indexOf(target);
    const before = i > 0 ? args[i - 1].getEnd() : add.argsSpan.offset;
    const multiline = text.slice(before, target.getStart()).includes('\n');
    const newText = multiline ? `${name},${eol}${lineIndent(text, target.getStart())}` : `${name}, `;
    edits.push({ file, offset: target.getStart(), length: 0, newText });
  } else if (args.length === 0) {
    edits.push({ file, offset: add.argsSpan.offset, length: add.argsSpan.length, newText: name });
  } else {
    const last = args[args.length - 1];
    const before = args.length > 1 ? args[args.length - 2].getEnd() : add.argsSpan.offset;
    const multiline = text.slice(before, last.getStart()).includes('\n');
    const after = text.slice(last.getEnd(), close);
    const comma = after.indexOf(',');
    if (multiline) {
      const indent = lineIndent(text, last.getStart());
      if (comma >= 0) edits.push({ file, offset: last.getEnd() + comma + 1, length: 0, newText: `${eol}${indent}${name},` });
      else edits.push({ file, offset: last.getEnd(), length: 0, newText: `,${eol}${indent}${name}` });
    } else {
      edits.push({ file, offset: last.getEnd(), length: 0, newText: `, ${name}` });
    }
  }
  return { edits, name };
}
