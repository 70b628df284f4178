import * as ts from 'typescript';
import { T } from '../code/tsfast';
import { DataSource, Sink } from '../code/model';
import { indexFile, isFunctionNode } from '../code/modules';
import { Skill } from '../skill';
import { FileSpan, TextEdit } from '../types';

/**
 * Edits to handler code shared by the code rules: redacting a logged value, adding an expiry
 * attribute to a stored item. Each edit is computed on the parsed tree, so what it writes parses.
 */

interface Located {
  text: string;
  sf: ts.SourceFile;
  quote: "'" | '"';
  node: ts.Node;
}

/** The outermost expression of the file that spans exactly `span`. */
function locate(skill: Skill, span: FileSpan): Located | undefined {
  const code = skill.code.find((c) => c.file === span.file);
  if (!code) return undefined;
  const index = indexFile(code.file, code.text);
  const sf = index.parsed.sourceFile;
  const end = span.offset + span.length;
  let found: ts.Node | undefined;
  const visit = (n: ts.Node): void => {
    if (found || n.pos > span.offset || n.end < end) return;
    if (n.getStart(sf) === span.offset && n.end === end && n.kind !== T.SyntaxKind.SyntaxList) {
      found = n;
      return;
    }
    T.forEachChild(n, visit);
  };
  // Only the statements around the span can hold it: a binary search, not a visit of each (a
  // check locates every finding of a 10,000-line file, each in a file of thousands of statements).
  const sts = sf.statements;
  let lo = 0;
  let hi = sts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sts[mid].end < end) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < sts.length && !found && sts[i].pos <= span.offset; i++) visit(sts[i]);
  if (!found) visit(sf.endOfFileToken);
  // `{ phone }`: the shorthand property and its name share a span; the expression is the name.
  while (found && !T.isExpression(found)) {
    const inner: ts.Node | undefined = found.getChildren(sf).find((c) => c.getStart(sf) === span.offset && c.end === end);
    if (!inner) break;
    found = inner;
  }
  return found ? { text: code.text, sf, quote: index.quote, node: found } : undefined;
}

function quoted(s: string, q: "'" | '"'): string {
  return q + s.replace(/\\/g, '\\\\').replace(q === "'" ? /'/g : /"/g, `\\${q}`) + q;
}

/** The envelope as an expression the code at `node` can use: `handlerInput.requestEnvelope`, `this.event`, `event`. */
function envelopeInScope(node: ts.Node, sf: ts.SourceFile): string | undefined {
  let hit: string | undefined;
  const look = (n: ts.Node): void => {
    if (hit) return;
    if (T.isPropertyAccessExpression(n) && /^(?:[A-Za-z_$][\w$]*|this)\.(requestEnvelope|event)$/.test(n.getText(sf).replace(/\s+/g, ''))) {
      const t = n.getText(sf).replace(/\s+/g, '');
      if (t.endsWith('.requestEnvelope') || t === 'this.event') hit = t;
      return;
    }
    T.forEachChild(n, look);
  };
  look(node);
  if (hit) return hit;
  for (let p: ts.Node | undefined = node.parent; p; p = p.parent) {
    if (!isFunctionNode(p) || !p.body) continue;
    for (const param of p.parameters) {
      if (!T.isIdentifier(param.name)) continue;
      const name = param.name.text;
      const body = p.body.getText(sf);
      if (new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\s*\\.\\s*requestEnvelope\\b`).test(body)) return `${name}.requestEnvelope`;
    }
    if (/\bthis\s*\.\s*event\s*\.\s*request\b/.test(p.body.getText(sf))) return 'this.event';
  }
  return undefined;
}

/** The local name of ask-sdk-core in the file (`Alexa`), when it is imported whole. */
export function askName(sf: ts.SourceFile): string | undefined {
  for (const st of sf.statements) {
    if (T.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        const init = d.initializer;
        if (T.isIdentifier(d.name) && init && T.isCallExpression(init) && T.isIdentifier(init.expression) && init.expression.text === 'require' && init.arguments[0] && T.isStringLiteral(init.arguments[0]) && /^ask-sdk(-core)?$/.test(init.arguments[0].text)) return d.name.text;
      }
    }
    if (T.isImportDeclaration(st) && T.isStringLiteral(st.moduleSpecifier) && /^ask-sdk(-core)?$/.test(st.moduleSpecifier.text)) {
      const nb = st.importClause?.namedBindings;
      if (nb && T.isNamespaceImport(nb)) return nb.name.text;
    }
  }
  return undefined;
}

/**
 * Replaces a logged personal value with a safe summary: the request type for the envelope or the
 * request, `'[redacted phone]'` for a value.
 */
export function redactLogEdit(skill: Skill, carrier: FileSpan, source: DataSource): { edit: TextEdit; summary: string } | undefined {
  const at = locate(skill, carrier);
  if (!at || !T.isExpression(at.node)) return undefined;
  const { node, sf, quote } = at;
  let expression: string | undefined;
  if (source.kind === 'envelope') {
    // The logged expression itself, when it is a plain reference to the envelope or the request.
    const text = node.getText(sf).replace(/\s+/g, '');
    const chain = /^(this|[A-Za-z_$][\w$]*)(\.[A-Za-z_$][\w$]*)*$/.test(text);
    const whole = source.description.startsWith('the request envelope');
    const request = source.description.startsWith('the request (');
    if (chain && request) expression = `${text}.type`;
    const env = expression ? undefined : chain && whole ? text : envelopeInScope(node, sf);
    const alexa = askName(sf);
    // The intent or its slots are summarised by the intent's name, the rest by the request type.
    const intent = /^the (intent|slot values)\b/.test(source.description);
    if (env && alexa && env.endsWith('.requestEnvelope')) expression = `${alexa}.${intent ? 'getIntentName' : 'getRequestType'}(${env})`;
    else if (env) expression = `${env}.request.${intent ? 'intent.name' : 'type'}`;
  }
  const label = `[redacted ${source.short}]`;
  const parent = node.parent;
  if (!expression && parent && T.isTemplateSpan(parent) && parent.expression === node) {
    // Inside a template the literal text replaces the whole `${...}`.
    const tpl = parent.parent;
    const i = tpl.templateSpans.indexOf(parent);
    const before = i === 0 ? tpl.head : tpl.templateSpans[i - 1].literal;
    const from = before.end - 2;
    const to = parent.literal.getStart(sf) + 1;
    const text = label.replace(/[`\\]/g, (c) => `\\${c}`).replace(/\$\{/g, '\\${');
    return { edit: { file: carrier.file, offset: from, length: to - from, newText: text }, summary: label };
  }
  const replacement = expression ?? quoted(label, quote);
  if (parent && T.isShorthandPropertyAssignment(parent) && parent.name === node) {
    return { edit: { file: carrier.file, offset: carrier.offset, length: carrier.length, newText: `${node.getText(sf)}: ${replacement}` }, summary: expression ?? label };
  }
  return { edit: { file: carrier.file, offset: carrier.offset, length: carrier.length, newText: replacement }, summary: expression ?? label };
}

export const EXPIRY_ATTRIBUTE = 'expiresAt';
const EPOCH_SECONDS = 'Math.floor(Date.now() / 1000) + 30 * 24 * 60 * 60';

function expiryValue(store: NonNullable<Sink['persist']>['store']): string {
  switch (store) {
    case 'dynamodb-low-level':
      return `{ N: String(${EPOCH_SECONDS}) }`;
    case 'mongodb':
    case 'firestore':
      // TTL indexes (MongoDB) and TTL policies (Firestore) read a date.
      return 'new Date(Date.now() + 30 * 24 * 60 * 60 * 1000)';
    default:
      return EPOCH_SECONDS;
  }
}

function lineIndent(text: string, offset: number): string {
  const ls = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(ls))![0];
}

/** Adds `expiresAt` (30 days) to the stored object literal, or sets it on the stored variable before the write. */
export function addExpiryEdit(skill: Skill, sink: Sink): TextEdit | undefined {
  const facts = sink.persist;
  if (!facts) return undefined;
  const value = expiryValue(facts.store);
  if (facts.objectLiteral) {
    const at = locate(skill, facts.objectLiteral);
    if (!at || !T.isObjectLiteralExpression(at.node)) return undefined;
    const o = at.node;
    const { text, sf } = at;
    const props = o.properties;
    const closeBrace = o.end - 1;
    if (props.length === 0) return { file: sink.file, offset: o.getStart(sf), length: o.end - o.getStart(sf), newText: `{ ${EXPIRY_ATTRIBUTE}: ${value} }` };
    const last = props[props.length - 1];
    const multiline = text.slice(o.getStart(sf), o.end).includes('\n');
    const after = text.slice(last.end, closeBrace);
    const trailingComma = /^\s*,/.test(after);
    if (multiline) {
      const indent = lineIndent(text, last.getStart(sf));
      const insertAt = trailingComma ? last.end + after.indexOf(',') + 1 : last.end;
      return { file: sink.file, offset: insertAt, length: 0, newText: `${trailingComma ? '' : ','}\n${indent}${EXPIRY_ATTRIBUTE}: ${value}${trailingComma ? ',' : ''}` };
    }
    const insertAt = trailingComma ? last.end + after.indexOf(',') + 1 : last.end;
    return { file: sink.file, offset: insertAt, length: 0, newText: `${trailingComma ? '' : ','} ${EXPIRY_ATTRIBUTE}: ${value}` };
  }
  if (facts.variable) {
    const code = skill.code.find((c) => c.file === facts.variable!.statement.file);
    if (!code) return undefined;
    const st = facts.variable.statement;
    const indent = lineIndent(code.text, st.offset);
    const eol = code.text.includes('\r\n') ? '\r\n' : '\n';
    return { file: st.file, offset: st.offset, length: 0, newText: `${facts.variable.name}.${EXPIRY_ATTRIBUTE} = ${value};${eol}${indent}` };
  }
  return undefined;
}
