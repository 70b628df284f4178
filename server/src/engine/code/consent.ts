// Not `import * as`: that compiles to two getters per `ts.` access, a visible cost of these tree walks in a profile.
import ts from 'typescript';
import { SkillAnalysis } from '../analysis';
import { entriesOf, nodeAt } from '../json/document';
import { Skill } from '../skill';
import { consentSpeech } from '../taxonomy/consent-speech';
import { PermissionInfo } from '../taxonomy/permissions';
import { TextEdit } from '../types';
import { codeHandlers, handlerForIntent } from './handlers';
import { FileIndex, FunctionNode, isFunctionNode } from './modules';
import { propertyNameText, topLevelStatement } from './bindings';
import { CallGraph, FunctionInfo, PermissionUse, callGraph, enclosingFunction } from './permissioned';
import { statementIndex, syntaxIndex } from './syntax-index';

/**
 * Whether a permissioned call is on a path that checks the customer's consent or asks for it
 * (DESIGN.md "Code model", Consent). A path is the handler the call is in, or the handlers that
 * reach the helper it is in, with every function they call in the skill's code.
 */

export type HandlerStyle = 'v2' | 'v1';

/** A request handler's `handle` (ask-sdk v2) or a handler-map function (alexa-sdk v1). */
export interface HandlerFunction {
  info: FunctionInfo;
  style: HandlerStyle;
}

const V1_KEY = /(Intent|Request)$|^(Unhandled|NewSession|AMAZON\.\w+)$/;

function ownerName(fn: FunctionNode): string | undefined {
  if (ts.isMethodDeclaration(fn)) return propertyNameText(fn.name);
  const p = fn.parent;
  if (ts.isPropertyAssignment(p)) return propertyNameText(p.name);
  if (ts.isPropertyDeclaration(p)) return propertyNameText(p.name);
  return undefined;
}

function usesV1This(fn: FunctionNode): boolean {
  let hit = false;
  const visit = (n: ts.Node): void => {
    if (hit) return;
    if (ts.isPropertyAccessExpression(n) && n.expression.kind === ts.SyntaxKind.ThisKeyword && (n.name.text === 'emit' || n.name.text === 'response' || n.name.text === 'event')) {
      hit = true;
      return;
    }
    // Arrow functions share `this`; other functions have their own.
    if (isFunctionNode(n) && !ts.isArrowFunction(n)) return;
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(fn, visit);
  return hit;
}

/** Handler styles by function, per parsed tree (a style depends on the file: `handle: name` references). */
const styleOfHandler = new WeakMap<ts.SourceFile, Map<ts.Node, HandlerStyle | null>>();

/** The `handle` functions handler discovery (code/handlers.ts) found, with their SDK. */
type KnownHandlers = Map<ts.Node, HandlerStyle>;

function knownHandlers(analysis: SkillAnalysis): KnownHandlers {
  return analysis.memo('consent-known-handlers', () => {
    const out: KnownHandlers = new Map();
    const ch = codeHandlers(analysis);
    for (const h of ch.handlers) if (h.handle) out.set(h.handle, 'v2');
    for (const m of ch.v1Maps) for (const h of m.handlers) if (h.handle) out.set(h.handle, 'v1');
    return out;
  });
}

export function handlerStyle(fn: FunctionNode, known?: KnownHandlers): HandlerStyle | undefined {
  const found = known?.get(fn);
  if (found) return found;
  const sf = fn.getSourceFile();
  let styles = styleOfHandler.get(sf);
  if (!styles) styleOfHandler.set(sf, (styles = new Map()));
  const hit = styles.get(fn);
  if (hit !== undefined) return hit ?? undefined;
  const style = computeHandlerStyle(fn, sf);
  styles.set(fn, style ?? null);
  return style;
}

const handleRefs = new WeakMap<ts.SourceFile, Set<string>>();

/** Names of functions a file's handler objects refer to as `handle: name`. */
function handleReferences(sf: ts.SourceFile): Set<string> {
  const hit = handleRefs.get(sf);
  if (hit) return hit;
  const out = new Set<string>();
  for (const n of syntaxIndex(sf).namedProperties) if (propertyNameText(n.name) === 'handle' && ts.isIdentifier(n.initializer)) out.add(n.initializer.text);
  handleRefs.set(sf, out);
  return out;
}

function computeHandlerStyle(fn: FunctionNode, sf: ts.SourceFile): HandlerStyle | undefined {
  if (ts.isFunctionDeclaration(fn) && fn.name && handleReferences(sf).has(fn.name.text)) return 'v2';
  const name = ownerName(fn);
  if (!name) return undefined;
  if (name === 'handle') return 'v2';
  const obj = ts.isMethodDeclaration(fn) ? fn.parent : fn.parent.parent;
  if (ts.isArrowFunction(fn) || !obj || !ts.isObjectLiteralExpression(obj)) return undefined;
  return V1_KEY.test(name) || usesV1This(fn) ? 'v1' : undefined;
}

interface Evidence {
  /** Checks the consent token or a scope's status. */
  checks: boolean;
  /** Handles the failure of a call without consent: a 403 or a `ServiceError`. */
  catches403: boolean;
  /** Asks for consent: a consent card, a voice AskFor request or connection. */
  asks: boolean;
}

/** Nodes of one file that are consent evidence, by kind, each list in source order. */
interface EvidenceNodes {
  checks: ts.Node[];
  catches403: ts.Node[];
  asks: ts.Node[];
  /** `'GRANTED'` and `.scopes`: together they check a scope's status. */
  granted: ts.Node[];
  scopes: ts.Node[];
}

/**
 * Per top-level statement: the evidence of a function or object is a range query on the lists of
 * the statement it is in. A statement's lists hold its own nodes only, so they are kept per
 * statement node: the incremental parser (code/parse.ts) reuses an unchanged statement whole and
 * moves its nodes in place, which keeps both their order and the range queries right, and a
 * keystroke reads the edited statement again, not the file.
 */
const evidenceNodes = new WeakMap<ts.Node, EvidenceNodes>();

function evidenceNodesOf(st: ts.Statement): EvidenceNodes {
  const hit = evidenceNodes.get(st);
  if (hit) return hit;
  const ev: EvidenceNodes = { checks: [], catches403: [], asks: [], granted: [], scopes: [] };
  const index = statementIndex(st);
  for (const n of index.members) {
    const name = n.name.text;
    if (name === 'consentToken') ev.checks.push(n);
    else if (name === 'withAskForPermissionsConsentCard' || name === 'askForPermissionsConsentCard') ev.asks.push(n);
    else if (name === 'scopes') ev.scopes.push(n);
    else if (name === 'permissions' && isCondition(n)) ev.checks.push(n);
  }
  for (const n of index.strings) {
    const t = n.text;
    if (t.includes('AskForPermissionsConsent') || t === ':tellWithPermissionCard' || t === ':askWithPermissionCard') ev.asks.push(n);
    else if (t === 'ServiceError' && isComparison(n.parent)) ev.catches403.push(n);
    else if (t === 'GRANTED') ev.granted.push(n);
  }
  for (const n of index.status403) if (isComparison(n.parent) || ts.isCaseClause(n.parent)) ev.catches403.push(n);
  // Members, strings and numbers come from separate lists: one order for the range queries.
  ev.asks.sort(byPosition);
  ev.catches403.sort(byPosition);
  ev.checks.sort(byPosition);
  evidenceNodes.set(st, ev);
  return ev;
}

function byPosition(a: ts.Node, b: ts.Node): number {
  return a.pos - b.pos || b.end - a.end;
}

/**
 * Whether a node of `nodes` (sorted by position) lies within `root`. Evidence nodes are never
 * empty, so lying within is being `root` or one of its descendants: what a walk of `root` finds.
 */
function anyWithin(nodes: ts.Node[], root: ts.Node): boolean {
  let lo = 0;
  let hi = nodes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (nodes[mid].pos < root.pos) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < nodes.length && nodes[i].pos <= root.end; i++) if (nodes[i].end <= root.end) return true;
  return false;
}

/** What in `root` shows that consent is checked or asked for. */
function consentEvidence(root: ts.Node): Evidence {
  const st = topLevelStatement(root);
  if (!st) {
    // The whole file: what any of its statements shows (a scope's status checked in one statement and its `'GRANTED'` in another counts, as before).
    const out: Evidence = { checks: false, catches403: false, asks: false };
    let granted = false;
    let scopes = false;
    for (const s of (root as ts.SourceFile).statements) {
      const ev = evidenceNodesOf(s);
      out.checks ||= ev.checks.length > 0;
      out.catches403 ||= ev.catches403.length > 0;
      out.asks ||= ev.asks.length > 0;
      granted ||= ev.granted.length > 0;
      scopes ||= ev.scopes.length > 0;
    }
    out.checks ||= granted && scopes;
    return out;
  }
  const ev = evidenceNodesOf(st);
  return {
    checks: anyWithin(ev.checks, root) || (anyWithin(ev.granted, root) && anyWithin(ev.scopes, root)),
    catches403: anyWithin(ev.catches403, root),
    asks: anyWithin(ev.asks, root),
  };
}

function hasConsentEvidence(root: ts.Node): boolean {
  const ev = consentEvidence(root);
  return ev.checks || ev.catches403 || ev.asks;
}

function isComparison(n: ts.Node | undefined): boolean {
  if (!n || !ts.isBinaryExpression(n)) return false;
  const k = n.operatorToken.kind;
  return k === ts.SyntaxKind.EqualsEqualsEqualsToken || k === ts.SyntaxKind.EqualsEqualsToken || k === ts.SyntaxKind.ExclamationEqualsEqualsToken || k === ts.SyntaxKind.ExclamationEqualsToken;
}

/** `permissions` tested for presence: `if (this.event.context.System.user.permissions)`, `!…permissions`, `permissions && …`. */
function isCondition(n: ts.Node): boolean {
  let cur: ts.Node = n;
  for (let p = n.parent; p; cur = p, p = p.parent) {
    if (ts.isIfStatement(p)) return p.expression === cur;
    if (ts.isConditionalExpression(p)) return p.condition === cur;
    if (ts.isPrefixUnaryExpression(p) && p.operator === ts.SyntaxKind.ExclamationToken) continue;
    if (ts.isBinaryExpression(p) && (p.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || p.operatorToken.kind === ts.SyntaxKind.BarBarToken)) continue;
    if (ts.isParenthesizedExpression(p)) continue;
    return false;
  }
  return false;
}

/** Functions reachable from `f` through calls, `f` included. */
function reach(graph: CallGraph, f: FunctionInfo, limit = 8): FunctionInfo[] {
  const seen = new Set<FunctionInfo>([f]);
  let frontier = [f];
  for (let d = 0; d < limit && frontier.length; d++) {
    const next: FunctionInfo[] = [];
    for (const g of frontier) for (const h of graph.callees(g)) if (!seen.has(h)) {
      seen.add(h);
      next.push(h);
    }
    frontier = next;
  }
  return [...seen];
}

/**
 * An error handler (`handle(handlerInput, error)`) that answers a failed permission call (403,
 * `ServiceError`) with a consent request: every uncaught permission failure reaches it.
 */
function errorHandlerAsks(analysis: SkillAnalysis, graph: CallGraph, known: KnownHandlers): boolean {
  return analysis.memo('consent-error-handler', () =>
    // The parameter count first (the graph keeps those functions apart): it rules out almost every function.
    graph.twoParameters.some((f) => {
      if (handlerStyle(f.node, known) !== 'v2') return false;
      const owner = ts.isMethodDeclaration(f.node) ? f.node.parent : f.node.parent.parent;
      const ev = [...(owner ? [owner] : []), ...reach(graph, f).map((g) => g.node)].map(consentEvidence);
      return ev.some((e) => e.catches403) && ev.some((e) => e.asks);
    }),
  );
}

export interface ConsentPath {
  handler: HandlerFunction;
  /** The node in the handler where the path to the call starts (the call itself, or the call of the helper). */
  entry: ts.Node;
  checked: boolean;
}

export interface ConsentResult {
  /** False when any path to the call neither checks nor asks for consent. */
  checked: boolean;
  paths: ConsentPath[];
}

/** The handlers whose code leads to `use`, with the node in each where the path starts. */
function pathsTo(graph: CallGraph, use: PermissionUse, known: KnownHandlers): Array<{ handler: HandlerFunction; entry: ts.Node }> {
  // Inside a handler: that handler (nested callbacks included).
  for (let fn = enclosingFunction(use.node); fn; fn = enclosingFunction(fn)) {
    const style = handlerStyle(fn, known);
    const info = graph.byNode.get(fn);
    if (style && info) return [{ handler: { info, style }, entry: use.node }];
  }
  // In a helper: the handlers that call it, through at most a few helpers.
  const start = enclosingFunction(use.node);
  const startInfo = start ? graph.byNode.get(outermost(start, known)) ?? graph.byNode.get(start) : undefined;
  if (!startInfo) return [];
  const out: Array<{ handler: HandlerFunction; entry: ts.Node }> = [];
  const seen = new Set<FunctionInfo>([startInfo]);
  let frontier = [startInfo];
  for (let d = 0; d < 6 && frontier.length; d++) {
    const next: FunctionInfo[] = [];
    for (const g of frontier) {
      for (const caller of graph.callers(g)) {
        if (seen.has(caller)) continue;
        seen.add(caller);
        const handler = handlerAround(graph, caller, known);
        if (handler) {
          const entry = callOf(handler.info.node, g);
          if (entry && !out.some((o) => o.handler.info === handler.info)) out.push({ handler, entry });
        } else next.push(caller);
      }
    }
    frontier = next;
  }
  return out;
}

function outermost(fn: FunctionNode, known: KnownHandlers): FunctionNode {
  let top = fn;
  for (let p = enclosingFunction(fn); p; p = enclosingFunction(p)) {
    if (handlerStyle(p, known)) break;
    top = p;
  }
  return top;
}

function handlerAround(graph: CallGraph, f: FunctionInfo, known: KnownHandlers): HandlerFunction | undefined {
  for (let fn: FunctionNode | undefined = f.node; fn; fn = enclosingFunction(fn)) {
    const style = handlerStyle(fn, known);
    const info = graph.byNode.get(fn);
    if (style && info) return { info, style };
  }
  return undefined;
}

/** The first call in `within` of the function `target` (by its name). */
function callOf(within: ts.Node, target: FunctionInfo): ts.Node | undefined {
  let hit: ts.Node | undefined;
  const visit = (n: ts.Node): void => {
    if (hit) return;
    if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
      const e = n.expression;
      const name = ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : undefined;
      if (name && name === target.name) {
        hit = n;
        return;
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(within);
  return hit;
}

export function consentFor(analysis: SkillAnalysis, use: PermissionUse): ConsentResult {
  const graph = callGraph(analysis);
  const known = knownHandlers(analysis);
  if (errorHandlerAsks(analysis, graph, known)) return { checked: true, paths: [] };
  const found = pathsTo(graph, use, known);
  if (found.length === 0) {
    // No handler found: judge the function the call is in, with what it calls.
    const fn = enclosingFunction(use.node);
    const info = fn ? graph.byNode.get(outermost(fn, known)) : undefined;
    const checked = info ? reach(graph, info).some((g) => hasConsentEvidence(g.node)) : hasConsentEvidence(use.index.parsed.sourceFile);
    return { checked, paths: [] };
  }
  const paths = found.map((p) => ({ ...p, checked: reach(graph, p.handler.info).some((g) => hasConsentEvidence(g.node)) }));
  return { checked: paths.every((p) => p.checked), paths };
}

// -------------------------------------------------------------------------------------------------
// The consent check a fix inserts

export interface ConsentPrompt {
  /** The permissions to ask for, in the order the card lists them. */
  permissions: PermissionInfo[];
  speech: string;
}

const GEO = 'alexa::devices:all:geolocation:read';

/** Locales by the skill's model list, while its manifest is the same (a fix asks once per handler). */
const localesCache = new WeakMap<object, { manifest: Skill['manifest']; locales: string[] }>();

/** The locales a skill ships: its interaction models and the manifest's publishing locales. */
export function skillLocales(skill: Skill): string[] {
  const hit = localesCache.get(skill.models);
  if (hit && hit.manifest === skill.manifest) return [...hit.locales];
  const locales = computeLocales(skill);
  localesCache.set(skill.models, { manifest: skill.manifest, locales });
  return [...locales];
}

function computeLocales(skill: Skill): string[] {
  const out = new Set(skill.models.map((m) => m.locale));
  const locales = nodeAt(skill.manifest?.manifest, ['publishingInformation', 'locales']);
  for (const [key] of entriesOf(locales)) out.add(key);
  return [...out].sort();
}

/** What the inserted check asks for and says, for some permissions, in the skill's language. */
export function consentPrompt(permissions: PermissionInfo | PermissionInfo[], skill: Skill): ConsentPrompt {
  const ps = Array.isArray(permissions) ? permissions : [permissions];
  return { permissions: ps, speech: consentSpeech(ps, skillLocales(skill)) };
}

export type IntentConsent =
  | { status: 'inserted'; edit: TextEdit }
  /** The intent's handler already checks or asks for consent. */
  | { status: 'already' }
  /** No handler for the intent in the code (or none the check can be inserted into). */
  | { status: 'none' };

/**
 * The consent check for `permission` at the start of the handler of `intent` (handler discovery:
 * `canHandle` comparing the intent name, or a v1 handler-map key), unless that handler's path
 * already checks or asks for consent.
 */
export function consentPromptForIntent(analysis: SkillAnalysis, intent: string, permission: PermissionInfo): IntentConsent {
  const graph = callGraph(analysis);
  for (const h of handlerForIntent(analysis, intent)) {
    const fn = h.handle;
    const info = fn ? graph.byNode.get(fn) : undefined;
    if (!fn || !info) continue;
    if (reach(graph, info).some((g) => hasConsentEvidence(g.node))) return { status: 'already' };
    const body = fn.body;
    if (!body || !ts.isBlock(body) || body.statements.length === 0) continue;
    const edit = consentCheckEdit({ handler: { info, style: h.sdk }, entry: body.statements[0], checked: false }, consentPrompt(permission, analysis.skill));
    if (edit) return { status: 'inserted', edit };
  }
  return { status: 'none' };
}

interface CodeStyle {
  indentUnit: string;
  eol: string;
  semi: string;
  quote: "'" | '"';
}

const styleCache = new WeakMap<ts.SourceFile, CodeStyle>();

/** The file's indentation unit, line ending, semicolons and quotes; computed once per parsed file. */
function codeStyle(index: FileIndex): CodeStyle {
  const sf = index.parsed.sourceFile;
  const hit = styleCache.get(sf);
  if (hit) return hit;
  const style = computeStyle(index);
  styleCache.set(sf, style);
  return style;
}

function computeStyle(index: FileIndex): CodeStyle {
  const text = index.parsed.text;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let unit = '  ';
  let min = Infinity;
  for (const line of text.split(/\r?\n/, 400)) {
    if (line.startsWith('\t')) {
      unit = '\t';
      min = 0;
      break;
    }
    const m = /^( +)\S/.exec(line);
    if (m && m[1].length < min && !line.trimStart().startsWith('*')) min = m[1].length;
  }
  if (min !== 0 && Number.isFinite(min)) unit = ' '.repeat(Math.min(min, 8));
  // Semicolons: as most statements end.
  const counts = syntaxIndex(index.parsed.sourceFile).semicolons;
  return { indentUnit: unit, eol, semi: counts.without > counts.with ? '' : ';', quote: index.quote };
}

function quoted(s: string, q: "'" | '"'): string {
  return q + s.replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), `\\${q}`) + q;
}

/** The statement directly in `handler`'s body (not in a callback) that holds `n`. */
export function statementIn(handler: FunctionNode, n: ts.Node): ts.Statement | undefined {
  let start: ts.Node = n;
  for (let p: ts.Node | undefined = n; p && p !== handler; p = p.parent) if (isFunctionNode(p)) start = p;
  for (let p: ts.Node | undefined = start; p && p !== handler; p = p.parent) {
    const parent: ts.Node | undefined = p.parent;
    if (parent && (ts.isBlock(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent)) && ts.isStatement(p as ts.Node)) {
      // Only statements whose function is the handler itself: `return` must leave the handler.
      if (enclosingFunction(p) === handler) return p as ts.Statement;
    }
  }
  return undefined;
}

function lineIndentAt(text: string, offset: number): string {
  let s = offset;
  while (s > 0 && text[s - 1] !== '\n') s--;
  let e = s;
  while (e < offset && (text[e] === ' ' || text[e] === '\t')) e++;
  return text.slice(s, e);
}

/** How the v2 handler names the request envelope and the response builder. */
function v2Names(fn: FunctionNode): { envelope: string; builder: string } | undefined {
  const p = fn.parameters[0];
  if (!p) return undefined;
  if (ts.isIdentifier(p.name)) return { envelope: `${p.name.text}.requestEnvelope`, builder: `${p.name.text}.responseBuilder` };
  if (ts.isObjectBindingPattern(p.name)) {
    let envelope: string | undefined;
    let builder: string | undefined;
    for (const el of p.name.elements) {
      const key = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : ts.isIdentifier(el.name) ? el.name.text : undefined;
      if (!ts.isIdentifier(el.name)) continue;
      if (key === 'requestEnvelope') envelope = el.name.text;
      if (key === 'responseBuilder') builder = el.name.text;
    }
    return envelope && builder ? { envelope, builder } : undefined;
  }
  return undefined;
}

/**
 * Each consent check's text by the statement it goes before, kept while that statement's
 * top-level statement is the same node. The incremental parser (code/parse.ts) reuses a top-level
 * statement whole, with the same text, so what the check's lines read — the handler's parameter
 * names and the indentation of the statement's line, both inside that top-level statement — is
 * the same, and for the same prompt, handler style and file style so is the text; where it goes is
 * read again (`getStart`). A keystroke then builds the checks of the edited handler only, not the
 * hundred of a large handler file. A statement whose line starts before its top-level statement
 * (another statement on the same line) is not kept.
 */
const keptChecks = new WeakMap<ts.Node, { top: ts.Node; key: string; newText: string | undefined }>();

/** Consent checks whose text was kept and made (tests). */
export const consentCheckStats = { kept: 0, made: 0 };

/**
 * The edit that inserts, before the statement of `path.entry`, a check of the consent (the consent
 * token, or the scope's status for geolocation) that answers with a spoken explanation and a
 * consent card when it is missing. Laid out in the file's indentation, quotes and semicolons.
 */
export function consentCheckEdit(path: ConsentPath, prompt: ConsentPrompt): TextEdit | undefined {
  const fn = path.handler.info.node;
  const index = path.handler.info.index;
  const stmt = statementIn(fn, path.entry);
  if (!stmt) return undefined;
  const text = index.parsed.text;
  const at = stmt.getStart(index.parsed.sourceFile);
  const st = codeStyle(index);
  const top = topLevelStatement(stmt);
  const key = `${path.handler.style}\0${prompt.speech}\0${prompt.permissions.map((p) => p.manifest).join(' ')}\0${st.quote}\0${st.indentUnit}\0${st.semi}\0${st.eol}`;
  const kept = keptChecks.get(stmt);
  let newText: string | undefined;
  if (kept && kept.top === top && kept.key === key) {
    newText = kept.newText;
    consentCheckStats.kept++;
  } else {
    consentCheckStats.made++;
    newText = consentCheckText(path, prompt, fn, st, lineIndentAt(text, at));
    if (top && text.lastIndexOf('\n', at - 1) + 1 >= top.pos) keptChecks.set(stmt, { top, key, newText });
  }
  return newText === undefined ? undefined : { file: index.file, offset: at, length: 0, newText };
}

/** The lines of a consent check inserted at a line indented by `indent` (undefined where none fits the handler). */
function consentCheckText(path: ConsentPath, prompt: ConsentPrompt, fn: FunctionNode, st: CodeStyle, indent: string): string | undefined {
  const i1 = indent + st.indentUnit;
  const i2 = i1 + st.indentUnit;
  const speech = quoted(prompt.speech, st.quote);
  const scopes = prompt.permissions.map((p) => quoted(p.card, st.quote)).join(', ');
  const needsGeo = prompt.permissions.some((p) => p.manifest === GEO);
  const needsToken = prompt.permissions.some((p) => p.manifest !== GEO);
  const lines: string[] = [];
  if (path.handler.style === 'v2') {
    const names = v2Names(fn);
    if (!names) return undefined;
    const perms = `${names.envelope}.context.System.user.permissions`;
    // A consent token stands for the permissions granted at enablement; geolocation has its own status.
    const conds = [
      ...(needsToken ? [`!${perms}?.consentToken`] : []),
      ...(needsGeo ? [`${perms}?.scopes?.[${quoted(GEO, st.quote)}]?.status !== ${quoted('GRANTED', st.quote)}`] : []),
    ];
    lines.push(`if (${conds.join(' || ')}) {`, `${i1}return ${names.builder}`, `${i2}.speak(${speech})`, `${i2}.withAskForPermissionsConsentCard([${scopes}])`, `${i2}.getResponse()${st.semi}`, `${indent}}`);
  } else {
    if (needsGeo || ts.isArrowFunction(fn)) return undefined;
    const perms = 'this.event.context.System.user.permissions';
    lines.push(`if (!(${perms} && ${perms}.consentToken)) {`, `${i1}this.emit(${quoted(':tellWithPermissionCard', st.quote)}, ${speech}, [${scopes}])${st.semi}`, `${i1}return${st.semi}`, `${indent}}`);
  }
  return lines.join(st.eol) + st.eol + indent;
}
