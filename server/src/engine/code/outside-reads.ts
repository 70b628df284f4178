// Not `import * as`: that compiles to two getters per `ts.` access, a visible cost of tree walks in a profile.
import ts from 'typescript';
import { CodeSet, topDeclarations } from './bindings';
import { resolveModule } from './modules';
import { isParsed } from './parse';
import { statementIndex } from './syntax-index';

/**
 * When a top-level statement's result that read outside the statement (a module-level constant,
 * a `require`d helper) is still right after an edit elsewhere in the file.
 *
 * Name resolution (code/bindings.ts) leaves a statement only through names: it looks a name up
 * at module scope, reads the statement that declares it, and goes on from the names in there;
 * through `require`/`import` into other files; through `export` forms and `module.exports`
 * assignments of a file it reached as a module; and (speech) through the assignments of a
 * module-level `let` anywhere in the file and the i18n `translation` objects of every file. So a
 * result computed before an edit is still the result after it when
 * - every file it imports, directly or not, has the same tree (the same objects: nothing of it
 *   moved), and every file of the skill when it read i18n resources,
 * - the file is not reachable again from the files it imports (an import cycle could lead back
 *   into it through another file's `exports`, beyond the names below),
 * - and every statement the edit removed or added declares at module scope none of the names the
 *   statement could have followed (`reach`: its identifiers, and transitively the identifiers of
 *   the module-level statements declaring them), assigns none of them, and has no `export` form,
 *   no `exports`/`module.exports` and no `translation` property.
 * These names are an over-approximation of what the resolution read, so the check may refuse a
 * result that was still right, never accept one that was not.
 */

/** What a kept result was computed against. */
export interface OutsideReads {
  /** The file's version then (see FileVersions). */
  version: number;
  /** The trees of the skill's files then. */
  trees: ReadonlyMap<string, ts.SourceFile>;
  /** The result read every file (i18n resources), not only the ones the file imports. */
  allFiles: boolean;
  /** The statement the result is of. */
  statement: ts.Statement;
  /**
   * Every name the statement's resolution could have followed in its own file; worked out at the
   * first check that needs it (a one-off run such as the CLI's never does). Reading them from the
   * newer tree decides the same: the first changed statement on any path of names is entered by
   * a name it declares, which is in both trees' sets and in the change's names.
   */
  names?: ReadonlySet<string>;
}

/** Identifier texts of a statement's subtree, kept by statement node (it depends on the subtree only). Not to be changed by callers. */
const identifierCache = new WeakMap<ts.Node, Set<string>>();

export function identifiersOf(st: ts.Node): ReadonlySet<string> {
  const hit = identifierCache.get(st);
  if (hit) return hit;
  const out = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (n.kind === ts.SyntaxKind.Identifier) out.add((n as ts.Identifier).text);
    ts.forEachChild(n, visit);
  };
  visit(st);
  identifierCache.set(st, out);
  return out;
}

/** Identifiers a statement assigns (`x = …`, `x += …`, any assignment operator), kept by statement node. */
const assignedCache = new WeakMap<ts.Node, string[]>();

function assignedOf(st: ts.Statement): string[] {
  const hit = assignedCache.get(st);
  if (hit) return hit;
  const out: string[] = [];
  for (const n of statementIndex(st).callsAndAssignments) {
    if (ts.isBinaryExpression(n) && ts.isIdentifier(n.left)) out.push(n.left.text);
  }
  // `callsAndAssignments` holds `=` only: the compound assignments are found here.
  const visit = (n: ts.Node): void => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstCompoundAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastCompoundAssignment && ts.isIdentifier(n.left)) out.push(n.left.text);
    ts.forEachChild(n, visit);
  };
  visit(st);
  assignedCache.set(st, out);
  return out;
}

/** A statement whose change can alter any resolution in the skill: exports, `module.exports`, i18n resources. */
function changesEverything(st: ts.Statement): boolean {
  if (ts.isExportDeclaration(st) || ts.isExportAssignment(st)) return true;
  if (ts.canHaveModifiers(st) && (ts.getModifiers(st) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return true;
  const ids = identifiersOf(st);
  if (ids.has('exports')) return true;
  return statementIndex(st).namedProperties.some((p) => (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) ? p.name.text : '') !== 'handle');
}

/** Module-level statements by the names they declare, per tree. */
const declarersCache = new WeakMap<ts.SourceFile, Map<string, ts.Statement[]>>();

function declarers(sf: ts.SourceFile): Map<string, ts.Statement[]> {
  const hit = declarersCache.get(sf);
  if (hit) return hit;
  const out = new Map<string, ts.Statement[]>();
  for (const st of sf.statements) {
    for (const name of topDeclarations(st).names) {
      const list = out.get(name);
      if (list) list.push(st);
      else out.set(name, [st]);
    }
  }
  declarersCache.set(sf, out);
  return out;
}

/** The names `st`'s resolution could follow in its file (see the module comment). */
function reach(st: ts.Statement, sf: ts.SourceFile): Set<string> {
  const names = new Set<string>(identifiersOf(st));
  const by = declarers(sf);
  const entered = new Set<ts.Statement>([st]);
  const queue = [...names];
  while (queue.length > 0) {
    const name = queue.pop()!;
    for (const t of by.get(name) ?? []) {
      if (entered.has(t)) continue;
      entered.add(t);
      for (const n of identifiersOf(t)) if (!names.has(n)) {
        names.add(n);
        queue.push(n);
      }
    }
  }
  return names;
}

/** Per file path: the tree last seen, its statements, and a version counted up at each new tree. */
interface FileState {
  sf: ts.SourceFile;
  statements: Set<ts.Node>;
  version: number;
}

/** What changed in one file since the check before, for one check. */
interface FileChange {
  version: number;
  /** The version before this check's tree; a kept result of that version may be carried over. */
  previous: number | undefined;
  /** Module-level names declared or assigned by removed or added statements. */
  names: Set<string>;
  /** A removed or added statement had an `export` form, `exports` or a `translation` property. */
  everything: boolean;
  /** The file is reachable again from the files it imports. */
  cyclic: boolean;
  /** The local modules the file imports, directly or through others: all that resolution can enter. */
  imports: Set<string>;
}

const MAX_FILES = 5000;

/**
 * The versions of the files one kind of kept result is checked against. Each pass keeps its
 * own: a version says what the pass saw at its last check of the file.
 */
export class FileVersions {
  private readonly files = new Map<string, FileState>();
  private counter = 0;

  /** Called once per check with the skill's code: what changed per file since this pass's last check. */
  begin(set: CodeSet): Map<string, FileChange> {
    // A file whose tree the parse cache let go (the CLI after each skill, the server for a skill
    // nobody edits) is parsed afresh on its next check: its last tree is not kept alive here.
    for (const file of this.files.keys()) if (!isParsed(file)) this.files.delete(file);
    const trees = new Map<string, ts.SourceFile>();
    for (const [file, ix] of set.files) trees.set(file, ix.parsed.sourceFile);
    const out = new Map<string, FileChange>();
    for (const [file, sf] of trees) {
      const old = this.files.get(file);
      const reached = importClosure(file, set);
      const change: FileChange = { version: 0, previous: old?.version, names: new Set(), everything: false, cyclic: reached === undefined || reached.has(file), imports: reached ?? new Set() };
      if (old && old.sf === sf) change.version = old.version;
      else {
        change.version = ++this.counter;
        const now = new Set<ts.Node>(sf.statements);
        const changed: ts.Statement[] = [];
        if (old) {
          for (const st of old.statements) if (!now.has(st)) changed.push(st as ts.Statement);
          for (const st of sf.statements) if (!old.statements.has(st)) changed.push(st);
        } else change.everything = true;
        for (const st of changed) {
          if (changesEverything(st)) change.everything = true;
          for (const n of topDeclarations(st).names) change.names.add(n);
          for (const n of assignedOf(st)) change.names.add(n);
        }
        if (!old && this.files.size >= MAX_FILES) this.files.clear();
        this.files.set(file, { sf, statements: now, version: change.version });
      }
      out.set(file, change);
    }
    this.trees = trees;
    return out;
  }

  /** The trees of the check `begin` started. */
  trees: ReadonlyMap<string, ts.SourceFile> = new Map();

  /** What a result of `st` computed in this check reads outside it. */
  record(st: ts.Statement, change: FileChange, allFiles: boolean): OutsideReads {
    return { version: change.version, trees: this.trees, statement: st, allFiles };
  }

  /** Whether a result kept with `reads` holds in this check; if so it is brought up to this check's version. */
  stillHolds(file: string, reads: OutsideReads, change: FileChange): boolean {
    if (reads.version !== change.version) {
      if (reads.version !== change.previous || change.everything || change.cyclic) return false;
      if (change.names.size > 0) {
        const names = (reads.names ??= reach(reads.statement, reads.statement.parent as ts.SourceFile));
        for (const n of change.names) if (names.has(n)) return false;
      }
    }
    if (reads.trees !== this.trees) {
      if (reads.trees.size !== this.trees.size) return false;
      if (reads.allFiles) {
        for (const [f, sf] of this.trees) if (f !== file && reads.trees.get(f) !== sf) return false;
      } else for (const f of change.imports) if (f !== file && reads.trees.get(f) !== this.trees.get(f)) return false;
    }
    (reads as { version: number }).version = change.version;
    (reads as { trees: ReadonlyMap<string, ts.SourceFile> }).trees = this.trees;
    return true;
  }
}

/** A `require` with a template literal: with substitutions (`require(`./${x}`)`), a module the file index's specifiers cannot list. */
const templateRequire = new WeakMap<ts.SourceFile, boolean>();

/** Per top-level statement (a reused statement has the same text): whether its text holds one. */
const statementTemplateRequire = new WeakMap<ts.Node, boolean>();
const TEMPLATE_REQUIRE = /require\s*\(\s*`/;

function hasTemplateRequire(sf: ts.SourceFile): boolean {
  let hit = templateRequire.get(sf);
  if (hit === undefined) {
    // Statement by statement, so a keystroke reads only the edited statement's text again, not
    // the whole file; a call and its parenthesis are in one statement. The text after the last
    // statement (comments) is read too, as a scan of the whole text would.
    hit = false;
    for (const st of sf.statements) {
      let has = statementTemplateRequire.get(st);
      if (has === undefined) statementTemplateRequire.set(st, (has = TEMPLATE_REQUIRE.test(sf.text.slice(st.pos, st.end))));
      if (has) {
        hit = true;
        break;
      }
    }
    const last = sf.statements.length > 0 ? sf.statements[sf.statements.length - 1].end : 0;
    if (!hit && last < sf.text.length) hit = TEMPLATE_REQUIRE.test(sf.text.slice(last));
    templateRequire.set(sf, hit);
  }
  return hit;
}

/**
 * The local modules `file` imports, directly or through others (itself among them when it is
 * reached again); undefined when an import cannot be followed (a `require` of a template string).
 */
function importClosure(file: string, set: CodeSet): Set<string> | undefined {
  const seen = new Set<string>();
  const queue = [file];
  while (queue.length > 0) {
    const f = queue.pop()!;
    const ix = set.files.get(f);
    if (!ix) continue;
    if (hasTemplateRequire(ix.parsed.sourceFile)) return undefined;
    for (const spec of ix.specifiers) {
      const target = resolveModule(f, spec, set.paths);
      if (target && !seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return seen;
}
