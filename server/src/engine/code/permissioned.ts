// Not `import * as`: that compiles to two getters per `ts.` access, a visible cost of these tree walks in a profile.
import ts from 'typescript';
import { SkillAnalysis } from '../analysis';
import { PERMISSION, PermissionInfo, permissionByCardScope, permissionByManifestName } from '../taxonomy/permissions';
import { FileSpan } from '../types';
import { nameOf, propertyNameText, skipWrappers, topLevelStatement } from './bindings';
import { FileIndex, FunctionNode, indexFile, isFunctionNode, resolveModule } from './modules';
import { addressSource, alexaApiSource, profileSource } from './sources';
import { factsOf } from './statement-facts';
import { statementIndex } from './syntax-index';

/**
 * Where handler code uses an Alexa API that needs a permission (DESIGN.md "Code model"): the
 * Customer and Person Profile clients, the Device Address client (ask-sdk v2 and alexa-sdk v1),
 * their REST URLs, reminders, timers, lists and `context.Geolocation`. Found syntactically, by
 * the distinctive method names and URL paths; the data-flow pass is not needed for this.
 */

export interface PermissionUse extends FileSpan {
  permission: PermissionInfo;
  /** Declaring any of these satisfies the use (the full address also gives the postal code). */
  satisfiedBy: string[];
  /** For messages: "`getProfileEmail()`", "the Device Address REST API (`/v1/devices/{id}/settings/address`)". */
  api: string;
  /** For messages: what the call reads, "the customer's e-mail address". */
  what: string;
  node: ts.Node;
  index: FileIndex;
}

const P = PERMISSION;

/** Customer / Person Profile client methods (and their `callGet…` raw forms) by the field they read. */
const PROFILE_FIELD: Record<string, string> = { name: P.name, givenname: P.givenName, email: P.email, mobilenumber: P.mobile };

function profileMethod(m: string): string | undefined {
  const x = /^(?:call)?[gG]et(Persons)?Profile(Name|GivenName|Email|MobileNumber)$/.exec(m);
  return x ? PROFILE_FIELD[x[2].toLowerCase()] : undefined;
}

function addressMethod(m: string): string | undefined {
  if (m === 'getFullAddress' || m === 'callGetFullAddress') return P.address;
  if (m === 'getCountryAndPostalCode' || m === 'callGetCountryAndPostalCode') return P.postal;
  return undefined;
}

type ClientKind = 'reminders' | 'timers' | 'lists';
const CLIENT_GETTERS: Record<string, ClientKind> = {
  getReminderManagementServiceClient: 'reminders',
  getTimerManagementServiceClient: 'timers',
  getListManagementServiceClient: 'lists',
  // alexa-sdk v1 `new Alexa.services.ListManagementService()`.
  ListManagementService: 'lists',
};
const LIST_WRITES = /^(?:call)?(?:[cC]reate|[uU]pdate|[dD]elete)List(Item)?$/;
const LIST_READS = /^(?:call)?[gG]et(ListsMetadata|List|ListItem)$/;
const REMINDER_METHODS = /^(?:call)?(?:[cC]reate|[gG]et|[uU]pdate|[dD]elete)Reminders?$/;
const TIMER_METHODS = /^(?:call)?(?:[cC]reate|[gG]et|[dD]elete|[pP]ause|[rR]esume)Timers?$/;

function clientMethodPermission(kind: ClientKind, m: string): string | undefined {
  if (kind === 'reminders') return REMINDER_METHODS.test(m) ? P.reminders : undefined;
  if (kind === 'timers') return TIMER_METHODS.test(m) ? P.timers : undefined;
  if (LIST_WRITES.test(m)) return P.listsWrite;
  if (LIST_READS.test(m)) return P.listsRead;
  return undefined;
}

/** REST paths of the permissioned Alexa APIs, matched on a URL's static text (`{}` for computed parts). */
const REST: Array<{ re: RegExp; permission: (m: RegExpExecArray) => string | undefined; api: string }> = [
  { re: /\/v2\/accounts\/~current\/settings\/Profile\.(name|givenName|email|mobileNumber)\b/, permission: (m) => PROFILE_FIELD[m[1].toLowerCase()], api: 'the Customer Profile REST API' },
  { re: /\/v2\/persons\/~current\/profile\/(name|givenName|mobileNumber)\b/, permission: (m) => PROFILE_FIELD[m[1].toLowerCase()], api: 'the Person Profile REST API' },
  { re: /\/v1\/devices\/[^/]*\/settings\/address\/countryAndPostalCode\b/, permission: () => P.postal, api: 'the Device Address REST API' },
  { re: /\/v1\/devices\/[^/]*\/settings\/address(?![/\w])/, permission: () => P.address, api: 'the Device Address REST API' },
  { re: /\/v1\/alerts\/reminders\b/, permission: () => P.reminders, api: 'the Reminders REST API' },
  { re: /\/v1\/alerts\/timers\b/, permission: () => P.timers, api: 'the Timers REST API' },
  { re: /\/v2\/householdlists\b/, permission: () => P.listsRead, api: 'the List REST API' },
];

const WHAT: Record<string, string> = {
  [P.listsRead]: "the customer's Alexa lists",
  [P.listsWrite]: "the customer's Alexa lists",
  [P.reminders]: "the customer's reminders",
  [P.timers]: "the customer's timers",
  [P.geo]: "the device's geolocation",
};

function satisfiedBy(permission: string, viaRest = false): string[] {
  if (permission === P.postal) return [P.postal, P.address];
  // A REST call to the lists cannot tell reading from writing.
  if (viaRest && permission === P.listsRead) return [P.listsRead, P.listsWrite];
  return [permission];
}

/** The static text of a URL expression: literals as they are, computed parts as `{}`. */
export function staticText(e: ts.Expression): string | undefined {
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
  if (ts.isTemplateExpression(e)) return e.head.text + e.templateSpans.map((s) => `{}${s.literal.text}`).join('');
  if (ts.isParenthesizedExpression(e)) return staticText(e.expression);
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return `${staticText(e.left) ?? '{}'}${staticText(e.right) ?? '{}'}`;
  }
  return undefined;
}

function calleeName(e: ts.Expression): string | undefined {
  const x = skipWrappers(e);
  if (ts.isIdentifier(x)) return x.text;
  if (ts.isPropertyAccessExpression(x)) return x.name.text;
  return undefined;
}

/** The kind of service client an expression is: a getter call, a `new`, or a variable initialised with one. */
function clientKind(receiver: ts.Expression, index: FileIndex, scan: Scan, depth = 0): ClientKind | undefined {
  const x = skipWrappers(receiver);
  if (ts.isCallExpression(x) || ts.isNewExpression(x)) {
    const n = calleeName(x.expression);
    return n ? CLIENT_GETTERS[n] : undefined;
  }
  if (ts.isIdentifier(x) && depth < 3) {
    const init = variableInitializer(x, index, scan);
    return init ? clientKind(init, index, scan, depth + 1) : undefined;
  }
  return undefined;
}

/** The initializer of the nearest declaration of `id`'s name in the file (by name; scopes are small in handlers). */
function variableInitializer(id: ts.Identifier, index: FileIndex, scan: Scan): ts.Expression | undefined {
  let found: ts.Expression | undefined;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === id.text && n.initializer) {
      found = n.initializer;
      return;
    }
    ts.forEachChild(n, visit);
  };
  const fn = enclosingFunction(id);
  if (fn) visit(fn);
  if (!found) {
    scan.local = false;
    visit(index.parsed.sourceFile);
  }
  return found;
}

export function enclosingFunction(n: ts.Node): FunctionNode | undefined {
  for (let p = n.parent; p; p = p.parent) if (isFunctionNode(p)) return p;
  return undefined;
}

/** The call a URL is passed to: directly, inside an options object, or through a variable. */
function callOfUrl(e: ts.Expression, scan: Scan): ts.Node {
  let cur: ts.Node = e;
  for (let p = e.parent; p; cur = p, p = p.parent) {
    if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.arguments?.some((a) => a === cur)) return p;
    if (ts.isPropertyAssignment(p) || ts.isObjectLiteralExpression(p) || ts.isArrayLiteralExpression(p) || ts.isParenthesizedExpression(p)) continue;
    if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.PlusToken) continue;
    if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) {
      const name = p.name.text;
      const fn = enclosingFunction(p);
      if (!fn) scan.local = false;
      const scope = fn ?? p.getSourceFile();
      let hit: ts.Node | undefined;
      const visit = (n: ts.Node): void => {
        if (hit) return;
        if ((ts.isCallExpression(n) || ts.isNewExpression(n)) && n.pos > p.end && n.arguments?.some((a) => mentions(a, name))) {
          hit = n;
          return;
        }
        ts.forEachChild(n, visit);
      };
      visit(scope);
      return hit ?? e;
    }
    break;
  }
  return e;
}

function mentions(n: ts.Node, name: string): boolean {
  if (ts.isIdentifier(n)) return n.text === name;
  if (ts.isPropertyAccessExpression(n)) return mentions(n.expression, name);
  let hit = false;
  ts.forEachChild(n, (c) => {
    if (!hit && !isFunctionNode(c)) hit = mentions(c, name);
  });
  return hit;
}

function isContext(e: ts.Expression): boolean {
  const x = skipWrappers(e);
  return (ts.isPropertyAccessExpression(x) && x.name.text === 'context') || (ts.isIdentifier(x) && x.text === 'context');
}

/**
 * `….context.Geolocation` (ask-sdk `requestEnvelope.context`, alexa-sdk v1 `this.event.context`),
 * `context['Geolocation']`, or `const { Geolocation } = ….context`.
 */
function isGeolocationAccess(n: ts.Node): boolean {
  if (ts.isPropertyAccessExpression(n)) return n.name.text === 'Geolocation' && isContext(n.expression);
  if (ts.isElementAccessExpression(n)) return ts.isStringLiteral(n.argumentExpression) && n.argumentExpression.text === 'Geolocation' && isContext(n.expression);
  if (ts.isVariableDeclaration(n) && ts.isObjectBindingPattern(n.name) && n.initializer && isContext(n.initializer)) {
    return n.name.elements.some((el) => {
      const key = el.propertyName ? (ts.isIdentifier(el.propertyName) || ts.isStringLiteral(el.propertyName) ? el.propertyName.text : undefined) : ts.isIdentifier(el.name) ? el.name.text : undefined;
      return key === 'Geolocation';
    });
  }
  return false;
}

const usesCache = new WeakMap<ts.SourceFile, PermissionUse[]>();

/**
 * A use as one statement's search found it: no FileIndex, since the statement outlives its tree,
 * and no offsets: they are read from the node, which the incremental parser (code/parse.ts) moves
 * in place when it reuses the statement, so a kept use is right after an edit as it is.
 */
export class StatementUse {
  constructor(
    readonly file: string,
    readonly node: ts.Node,
    readonly permission: PermissionInfo,
    readonly satisfiedBy: string[],
    readonly api: string,
    readonly what: string,
  ) {}
}

/** A use of one run: the statement's use with the file's index of the run. */
class Use implements PermissionUse {
  constructor(
    private readonly found: StatementUse,
    readonly index: FileIndex,
  ) {}
  get file(): string {
    return this.found.file;
  }
  get node(): ts.Node {
    return this.found.node;
  }
  get permission(): PermissionInfo {
    return this.found.permission;
  }
  get satisfiedBy(): string[] {
    return this.found.satisfiedBy;
  }
  get api(): string {
    return this.found.api;
  }
  get what(): string {
    return this.found.what;
  }
  get offset(): number {
    return this.found.node.getStart(this.index.parsed.sourceFile);
  }
  get length(): number {
    return this.found.node.end - this.offset;
  }
}

/** What a search of one statement read: `local` is false once it looked outside the statement. */
interface Scan {
  local: boolean;
}

/**
 * The uses in top-level statements whose search read only the statement itself, by statement
 * node: the incremental parser (code/parse.ts) reuses an unchanged statement whole, its nodes
 * moved in place, so its uses are the kept ones. A search that looked elsewhere in the file (a
 * module-level variable, a use outside any function) is not kept. (Kept in the statement's
 * StatementFacts, `uses`.)
 */
export interface KeptUses {
  file: string;
  uses: StatementUse[];
}

/** The uses in one file; kept per parsed tree, so an unchanged file is not walked again. */
function usesOf(index: FileIndex): PermissionUse[] {
  const sf = index.parsed.sourceFile;
  let uses = usesCache.get(sf);
  if (!uses) {
    uses = findUses(index);
    usesCache.set(sf, uses);
  }
  return uses;
}

function findUses(index: FileIndex): PermissionUse[] {
  const out: PermissionUse[] = [];
  // A call reached from two statements (a URL kept in a module-level variable) is one use.
  const seenCalls = new Set<ts.Node>();
  const geoFunctions = new Set<ts.Node>();
  for (const st of index.parsed.sourceFile.statements) {
    let found: StatementUse[];
    const facts = factsOf(st);
    const hit = facts.uses;
    if (hit && hit.file === index.file) found = hit.uses;
    else {
      const scan: Scan = { local: true };
      // What is kept must not depend on what earlier statements found: a call found twice across
      // statements is dropped below.
      found = usesIn(index, st, scan, geoFunctions);
      if (scan.local) facts.uses = { file: index.file, uses: found };
    }
    for (const u of found) {
      if (seenCalls.has(u.node)) continue;
      seenCalls.add(u.node);
      out.push(new Use(u, index));
    }
  }
  return out;
}

function usesIn(index: FileIndex, st: ts.Statement, scan: Scan, fileGeoFunctions: Set<ts.Node>): StatementUse[] {
  const out: StatementUse[] = [];
  const sf = index.parsed.sourceFile;
  // Made on the first use (most statements have none): a statement has a few uses at most.
  let geoFunctions: Set<ts.Node> | undefined;
  const add = (node: ts.Node, manifest: string, api: string, what: string | undefined, viaRest = false): void => {
    const permission = permissionByManifestName(manifest);
    // A call found twice in the statement (two URLs passed to it) is one use.
    if (!permission || out.some((u) => u.node === node)) return;
    out.push(new StatementUse(index.file, node, permission, satisfiedBy(manifest, viaRest), api, what ?? WHAT[manifest] ?? permission.label));
  };
  // The candidates are in walk order; `skip` is a node whose subtree the search does not enter.
  let skip: ts.Node | undefined;
  for (const n of statementIndex(st).permissionCandidates) {
    if (skip) {
      if (isWithin(n, skip)) continue;
      skip = undefined;
    }
    const kind = n.kind;
    if (kind === CALL && (n as ts.CallExpression).expression.kind === PROPERTY_ACCESS) {
      const callee = (n as ts.CallExpression).expression as ts.PropertyAccessExpression;
      const m = nameOf(callee.name);
      const method = methodKind(m);
      if (method === Method.Profile) add(n, profileMethod(m)!, `\`${m}()\``, profileSource(m.replace(/^callG/, 'g'))?.description.replace(/ \(`.*`\)$/, ''));
      else if (method === Method.Address) add(n, addressMethod(m)!, `\`${m}()\``, addressSource(m.replace(/^callG/, 'g'))?.description.replace(/ \(`.*`\)$/, ''));
      else if (method === Method.Client) {
        const client = clientKind(callee.expression, index, scan);
        const perm = client ? clientMethodPermission(client, m) : undefined;
        if (perm) add(n, perm, `\`${m}()\``, undefined);
      }
    }
    if ((kind === PROPERTY_ACCESS || kind === ELEMENT_ACCESS || kind === VARIABLE_DECLARATION) && isGeolocationAccess(n)) {
      // One use per function: a handler reads several fields of the same object.
      const fn = enclosingFunction(n);
      // Uses outside any function are one per file.
      if (!fn) scan.local = false;
      const seen = fn ? (geoFunctions ??= new Set()) : fileGeoFunctions;
      const key = fn ?? sf;
      if (!seen.has(key)) {
        seen.add(key);
        add(n, P.geo, '`context.Geolocation`', undefined);
      }
      if (!ts.isVariableDeclaration(n)) {
        skip = n;
        continue;
      }
    }
    if (kind === STRING || kind === NO_SUBSTITUTION_TEMPLATE || kind === TEMPLATE || (kind === BINARY && (n as ts.BinaryExpression).operatorToken.kind === PLUS)) {
      const inChain = n.parent.kind === BINARY && (n.parent as ts.BinaryExpression).operatorToken.kind === PLUS;
      const text = inChain ? undefined : staticText(n as ts.Expression);
      if (text !== undefined) {
        // Every REST path starts `/v1/` or `/v2/`: most strings of a skill need none of the patterns.
        if (text.includes('/v')) for (const r of REST) {
          const m = r.re.exec(text);
          const perm = m ? r.permission(m) : undefined;
          if (!m || !perm) continue;
          const path = m[0].replace(/\/v1\/devices\/[^/]*\//, '/v1/devices/{deviceId}/');
          const src = alexaApiSource(text);
          add(callOfUrl(n as ts.Expression, scan), perm, `${r.api} (\`${path}\`)`, src?.description.replace(/ \((Customer Profile|Device Address) API\)$/, ''), true);
          break;
        }
        // A URL template is read as a whole: the expressions in it are not searched.
        if (ts.isTemplateExpression(n)) skip = n;
      }
    }
  }
  return out;
}

/** Kinds read once: `ts.SyntaxKind.X` is a lookup in the module object and then in the enum object. */
const CALL = ts.SyntaxKind.CallExpression;
const PROPERTY_ACCESS = ts.SyntaxKind.PropertyAccessExpression;
const ELEMENT_ACCESS = ts.SyntaxKind.ElementAccessExpression;
const VARIABLE_DECLARATION = ts.SyntaxKind.VariableDeclaration;
const STRING = ts.SyntaxKind.StringLiteral;
const NO_SUBSTITUTION_TEMPLATE = ts.SyntaxKind.NoSubstitutionTemplateLiteral;
const TEMPLATE = ts.SyntaxKind.TemplateExpression;
const BINARY = ts.SyntaxKind.BinaryExpression;
const PLUS = ts.SyntaxKind.PlusToken;

/** Which of the method patterns a method name matches (profileMethod, addressMethod, then the client methods). */
const enum Method {
  None,
  Profile,
  Address,
  Client,
}

/**
 * The patterns' answer by method name: every method call of the skill is a permission candidate
 * and its name went through six regular expressions, where a skill calls the same few dozen
 * names (`speak`, `getResponse`, …) thousands of times. A name's answer depends on the name only.
 */
const methodKinds = new Map<string, Method>();
const MAX_METHOD_NAMES = 10_000;

function methodKind(m: string): Method {
  let k = methodKinds.get(m);
  if (k === undefined) {
    k = profileMethod(m) ? Method.Profile : addressMethod(m) ? Method.Address : REMINDER_METHODS.test(m) || TIMER_METHODS.test(m) || LIST_WRITES.test(m) || LIST_READS.test(m) ? Method.Client : Method.None;
    if (methodKinds.size >= MAX_METHOD_NAMES) methodKinds.clear();
    methodKinds.set(m, k);
  }
  return k;
}

/** Whether `n` is inside `ancestor`'s subtree. */
function isWithin(n: ts.Node, ancestor: ts.Node): boolean {
  for (let p = n.parent; p; p = p.parent) if (p === ancestor) return true;
  return false;
}

/** Every permissioned API use in the skill's code, in file order. */
export function permissionUses(analysis: SkillAnalysis): PermissionUse[] {
  return analysis.memo('permission-uses', () => analysis.skill.code.flatMap((c) => usesOf(indexFile(c.file, c.text))));
}

/**
 * Permissions the code refers to without a call we recognise: a scope string (`'alexa::profile:email:read'`
 * in a consent card or a `scopes[...]` check), the person id, Amazon Pay, proactive events.
 * `permission-unused` counts these as uses: the call may go through a library we do not read.
 */
export function mentionedPermissions(analysis: SkillAnalysis): Set<string> {
  return analysis.memo('permission-mentions', () => {
    const out = new Set<string>();
    for (const c of analysis.skill.code) for (const p of mentionsOf(indexFile(c.file, c.text).parsed.sourceFile)) out.add(p);
    return out;
  });
}

const mentionsCache = new WeakMap<ts.SourceFile, Set<string>>();

/**
 * The same per top-level statement: it reads the statement's own strings and identifiers only and
 * holds no offsets, so a statement the incremental parser reuses (code/parse.ts) keeps its entry
 * and a keystroke reads the edited statement again, not the file.
 * (Kept in the statement's StatementFacts, `mentions`.)
 */

function mentionsOf(sf: ts.SourceFile): Set<string> {
  const hit = mentionsCache.get(sf);
  if (hit) return hit;
  const out = new Set<string>();
  for (const st of sf.statements) for (const p of statementMentionsOf(st)) out.add(p);
  mentionsCache.set(sf, out);
  return out;
}

function statementMentionsOf(st: ts.Statement): string[] {
  const facts = factsOf(st);
  const hit = facts.mentions;
  if (hit) return hit;
  const out = new Set<string>();
  const index = statementIndex(st);
  for (const n of index.strings) {
    const text = n.text;
    // Every manifest name and card scope holds a `:` (test/code/statement-facts.test.ts checks
    // the taxonomy): the two searches of the permission list are for the few strings that do.
    if (text.includes(':')) {
      const byManifest = permissionByManifestName(text);
      if (byManifest) out.add(byManifest.manifest);
      const byCard = permissionByCardScope(text);
      if (byCard) out.add(byCard.manifest);
    }
    if (text.includes('AmazonPay')) out.add(P.pay);
    if (text.includes('/v1/proactiveEvents')) out.add(P.notifications);
  }
  // Only identifiers `isPermissionIdentifier` accepts are indexed.
  for (const { text } of index.permissionIdentifiers) {
    if (text === 'personId' || text === 'getPersonId' || text.startsWith('getPersonsProfile')) out.add(P.personId);
    if (text === 'createProactiveEvent' || text === 'getProactiveEventsServiceClient') out.add(P.notifications);
    if (text === 'Geolocation') out.add(P.geo);
  }
  const list = [...out];
  facts.mentions = list;
  return list;
}

// -------------------------------------------------------------------------------------------------
// Functions and the calls between them, across the skill's modules

export interface FunctionInfo {
  node: FunctionNode;
  index: FileIndex;
  name: string | undefined;
}

export interface CallGraph {
  functions: FunctionInfo[];
  /** The functions with two parameters or more, in the order of `functions`. */
  twoParameters: FunctionInfo[];
  byNode: { get(node: ts.Node): FunctionInfo | undefined };
  /** Functions a function may call (by name, in its own file and the files it imports). */
  callees(f: FunctionInfo): FunctionInfo[];
  /** Functions that may call `f`. */
  callers(f: FunctionInfo): FunctionInfo[];
}


/** One file's functions for the call graph, by its index (so by tree): an unchanged file keeps its part. */
interface FilePart {
  infos: FunctionInfo[];
  /** The functions with two parameters or more: the only ones that can be error handlers (`handle(handlerInput, error)`). */
  twoParameters: FunctionInfo[];
  byNode: Map<ts.Node, FunctionInfo>;
  byName: Map<string, FunctionInfo[]>;
}

const fileParts = new WeakMap<FileIndex, FilePart>();

function filePart(index: FileIndex): FilePart {
  const hit = fileParts.get(index);
  if (hit) return hit;
  const part: FilePart = { infos: [], twoParameters: [], byNode: new Map(), byName: new Map() };
  for (const node of index.functions) {
    const info: FunctionInfo = { node, index, name: functionName(node) };
    part.infos.push(info);
    if (node.parameters.length >= 2) part.twoParameters.push(info);
    part.byNode.set(node, info);
    if (info.name && !SDK_CALLED.has(info.name)) {
      const list = part.byName.get(info.name);
      if (list) list.push(info);
      else part.byName.set(info.name, [info]);
    }
  }
  fileParts.set(index, part);
  return part;
}

/**
 * The name a function is known by: its own, or the variable, property or member it is assigned to.
 * By kind, and worked out at each use: the call graph names every function of the skill, and a
 * WeakMap of the answers by function node (kept so a keystroke would not name them again) cost
 * more to fill than this costs to compute (~80 ms over the 100-skill workspace's functions).
 */
export function functionName(fn: FunctionNode): string | undefined {
  const k = fn.kind;
  if (k === FUNCTION_DECLARATION || k === FUNCTION_EXPRESSION) {
    const name = (fn as ts.FunctionDeclaration).name;
    if (name) return nameOf(name);
  } else if (k === METHOD || k === GET_ACCESSOR || k === SET_ACCESSOR) return propertyNameText((fn as ts.MethodDeclaration).name);
  const p = fn.parent;
  switch (p.kind) {
    case VARIABLE_DECLARATION: {
      const name = (p as ts.VariableDeclaration).name;
      return name.kind === IDENTIFIER ? nameOf(name) : undefined;
    }
    case PROPERTY_ASSIGNMENT:
    case PROPERTY_DECLARATION:
      return propertyNameText((p as ts.PropertyAssignment).name);
    case BINARY: {
      const b = p as ts.BinaryExpression;
      return b.operatorToken.kind === EQUALS && b.left.kind === PROPERTY_ACCESS ? nameOf((b.left as ts.PropertyAccessExpression).name) : undefined;
    }
    default:
      return undefined;
  }
}

const FUNCTION_DECLARATION = ts.SyntaxKind.FunctionDeclaration;
const FUNCTION_EXPRESSION = ts.SyntaxKind.FunctionExpression;
const METHOD = ts.SyntaxKind.MethodDeclaration;
const GET_ACCESSOR = ts.SyntaxKind.GetAccessor;
const SET_ACCESSOR = ts.SyntaxKind.SetAccessor;
const PROPERTY_ASSIGNMENT = ts.SyntaxKind.PropertyAssignment;
const PROPERTY_DECLARATION = ts.SyntaxKind.PropertyDeclaration;
const IDENTIFIER = ts.SyntaxKind.Identifier;
const EQUALS = ts.SyntaxKind.EqualsToken;

/** Called by the SDK, never by the skill's code: a call with that name elsewhere is not a call of these. */
const SDK_CALLED = new Set(['handle', 'canHandle', 'process']);

/**
 * The names each function of a top-level statement calls, its nested functions' calls included:
 * it reads the statement's own subtree only and holds no offsets, so a statement the incremental
 * parser reuses (code/parse.ts) keeps its entry. A function's names are its statement's entry (a
 * function is inside one statement), so nothing is put together per file.
 * (Kept in the statement's StatementFacts, `callNames`.)
 */

function callNamesOf(fn: FunctionNode): Set<string> | undefined {
  const st = topLevelStatement(fn);
  return st ? statementCallNamesOf(st as ts.Statement).get(fn) : undefined;
}

function statementCallNamesOf(st: ts.Statement): Map<ts.Node, Set<string>> {
  const facts = factsOf(st);
  const hit = facts.callNames;
  if (hit) return hit;
  const out = new Map<ts.Node, Set<string>>();
  const ix = statementIndex(st);
  const outer = new Map<FunctionNode, FunctionNode>();
  for (let i = 0; i < ix.outerFunction.length; i += 2) outer.set(ix.outerFunction[i], ix.outerFunction[i + 1]);
  ix.calls.forEach((n, i) => {
    const name = calleeName(n.expression);
    if (!name || SDK_CALLED.has(name)) return;
    // Every function the call is in: a function's calls include its nested functions' calls.
    for (let f = ix.callFunctions[i]; f; f = outer.get(f)) {
      let names = out.get(f);
      if (!names) out.set(f, (names = new Set()));
      names.add(name);
    }
  });
  facts.callNames = out;
  return out;
}

export function callGraph(analysis: SkillAnalysis): CallGraph {
  return analysis.memo('call-graph', () => {
    const indexes = analysis.skill.code.map((c) => indexFile(c.file, c.text));
    const files = new Set(indexes.map((i) => i.file));
    const functions: FunctionInfo[] = [];
    const twoParameters: FunctionInfo[] = [];
    const partsByTree = new Map<ts.Node, FilePart>();
    const byFileName = new Map<string, Map<string, FunctionInfo[]>>();
    for (const index of indexes) {
      const part = filePart(index);
      partsByTree.set(index.parsed.sourceFile, part);
      // Two entries for one path: the later one is the file's, as a map by path keeps it.
      byFileName.set(index.file, part.byName);
      for (const info of part.infos) functions.push(info);
      for (const info of part.twoParameters) twoParameters.push(info);
    }
    // A function of one of the skill's trees, found through its file's part.
    const byNode = {
      get(node: ts.Node): FunctionInfo | undefined {
        let sf: ts.Node | undefined = node;
        while (sf && sf.kind !== ts.SyntaxKind.SourceFile) sf = sf.parent;
        return sf ? partsByTree.get(sf)?.byNode.get(node) : undefined;
      },
    };
    const imports = new Map<string, string[]>();
    for (const index of indexes) {
      imports.set(index.file, index.specifiers.map((s) => resolveModule(index.file, s, files)).filter((f): f is string => !!f));
    }
    const calleeCache = new Map<FunctionInfo, FunctionInfo[]>();
    const callees = (f: FunctionInfo): FunctionInfo[] => {
      const hit = calleeCache.get(f);
      if (hit) return hit;
      const out = new Set<FunctionInfo>();
      const scopeFiles = [f.index.file, ...(imports.get(f.index.file) ?? [])];
      for (const name of callNamesOf(f.node) ?? []) {
        for (const file of scopeFiles) for (const g of byFileName.get(file)?.get(name) ?? []) if (g !== f) out.add(g);
      }
      const list = [...out];
      calleeCache.set(f, list);
      return list;
    };
    let reverse: Map<FunctionInfo, FunctionInfo[]> | undefined;
    const callers = (f: FunctionInfo): FunctionInfo[] => {
      if (!reverse) {
        reverse = new Map();
        for (const g of functions)
          for (const h of callees(g)) {
            const list = reverse.get(h);
            if (list) list.push(g);
            else reverse.set(h, [g]);
          }
      }
      return reverse.get(f) ?? [];
    };
    return { functions, twoParameters, byNode, callees, callers };
  });
}
