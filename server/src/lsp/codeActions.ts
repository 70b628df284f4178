import * as path from 'path';
import { getLocation } from 'jsonc-parser';
import { CodeAction, CodeActionKind, CodeActionParams, CreateFile, Diagnostic, Range, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAME, FileHost, Finding, TextEdit, loadConfig } from '../engine';
import { jsonEdit } from '../engine/fixes/json-edit';
import { elementsOf, nodeAt, parseJsonDocument } from '../engine/json/document';
import { DIRECTIVE_FILE, DIRECTIVE_NEXT_LINE } from '../engine/suppressions';
import { DiagnosticData, SOURCE, isDiagnosticData } from './convert';
import { pathToUri } from './uri';
import { SkillRun } from './workspace';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.skillPrivacy`;
export const SHOW_DOCS_COMMAND = 'skillPrivacy.openRuleDocs';

/** Handler code by its extension (what takes `//` suppression comments and starts the warm-up). */
export const CODE_FILE = /\.[cm]?[jt]sx?$/;

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** Our diagnostics in the request whose lint run is still the current one for this document. */
function currentFindings(params: CodeActionParams, run: SkillRun | undefined, file: string, doc: TextDocument | undefined): Array<{ diagnostic: Diagnostic; finding: Finding }> {
  if (!run) return [];
  // Refuse to act on a document version other than the one the findings were computed for.
  if (doc && run.versions.get(file) !== doc.version) return [];
  const list = run.findingsByFile.get(file) ?? [];
  const out: Array<{ diagnostic: Diagnostic; finding: Finding }> = [];
  for (const d of params.context.diagnostics) {
    if (d.source !== SOURCE || !isDiagnosticData(d.data)) continue;
    const data: DiagnosticData = d.data;
    // The diagnostic may come from an earlier run over the same document version (a workspace
    // scan and an open racing, or a file whose diagnostics did not change and so were not sent
    // again): then find the same finding, by rule, range and message, in the current run.
    const same = (f: Finding | undefined) => !!f && f.ruleId === data.ruleId && f.message === d.message && sameRange(run.snaps.range(file, f.offset, f.length), d.range);
    const finding = data.run === run.run ? list[data.index] : same(list[data.index]) ? list[data.index] : list.find(same);
    if (finding && finding.ruleId === data.ruleId) out.push({ diagnostic: d, finding });
  }
  return out;
}

/** TextEdits (offsets in run snapshots) to a versioned WorkspaceEdit; overlapping edits are dropped. */
export function toWorkspaceEdit(edits: TextEdit[], run: SkillRun): WorkspaceEdit {
  const byFile = new Map<string, TextEdit[]>();
  for (const e of edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  const documentChanges: TextDocumentEdit[] = [];
  for (const [file, es] of byFile) {
    const sorted = [...es].sort((a, b) => a.offset - b.offset);
    const kept: TextEdit[] = [];
    for (const e of sorted) {
      const last = kept[kept.length - 1];
      if (last && e.offset < last.offset + last.length) continue;
      if (last && e.offset === last.offset && last.length === 0 && e.length === 0) continue;
      kept.push(e);
    }
    documentChanges.push({
      textDocument: { uri: pathToUri(file), version: run.versions.get(file) ?? null },
      edits: kept.map((e) => ({ range: run.snaps.range(file, e.offset, e.length), newText: e.newText })),
    });
  }
  return { documentChanges };
}

function preferredFix(f: Finding) {
  return f.fixes.find((x) => x.isPreferred) ?? f.fixes[0];
}

/** Comment directive edits for handler code, extending a directive already on the line above. */
function disableEdits(doc: TextDocument, file: string, finding: Finding, scope: 'line' | 'file'): TextEdit[] {
  const text = doc.getText();
  if (scope === 'file') {
    const first = text.split('\n', 1)[0];
    const at = first.indexOf(DIRECTIVE_FILE + ' ');
    if (first.trimStart().startsWith('/*') && at >= 0 && !first.includes(DIRECTIVE_NEXT_LINE)) {
      const close = first.indexOf('*/');
      const insertAt = close >= 0 ? close : first.length;
      const before = first.slice(0, insertAt).trimEnd();
      return [{ file, offset: before.length, length: insertAt - before.length, newText: `, ${finding.ruleId} ` }];
    }
    const shebang = text.startsWith('#!') ? text.indexOf('\n') + 1 : 0;
    return [{ file, offset: shebang, length: 0, newText: `/* ${DIRECTIVE_FILE} ${finding.ruleId} */\n` }];
  }
  const pos = doc.positionAt(finding.offset);
  const lineStart = doc.offsetAt({ line: pos.line, character: 0 });
  const lineText = text.slice(lineStart, doc.offsetAt({ line: pos.line + 1, character: 0 })).replace(/\r?\n$/, '');
  const indent = /^[ \t]*/.exec(lineText)?.[0] ?? '';
  if (pos.line > 0) {
    const prevStart = doc.offsetAt({ line: pos.line - 1, character: 0 });
    const prev = text.slice(prevStart, lineStart).replace(/\r?\n$/, '');
    const at = prev.indexOf('// ' + DIRECTIVE_NEXT_LINE);
    if (at >= 0 && prev.slice(0, at).trim() === '') {
      const dash = prev.indexOf(' --', at);
      const end = dash >= 0 ? dash : prev.trimEnd().length;
      return [{ file, offset: prevStart + end, length: 0, newText: `, ${finding.ruleId}` }];
    }
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return [{ file, offset: lineStart, length: 0, newText: `${indent}// ${DIRECTIVE_NEXT_LINE} ${finding.ruleId}${eol}` }];
}

/** JSON Pointer (RFC 6901) of the value at `offset` in a JSON text. */
export function pointerAt(text: string, offset: number): string | undefined {
  let location;
  try {
    location = getLocation(text, offset);
  } catch {
    return undefined; // nested too deep for jsonc-parser's recursive scan: suppress the whole file
  }
  return location.path.map((seg) => '/' + String(seg).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/**
 * JSON has no comments, so a suppression for skill.json or a model goes into the project's
 * .skillprivacyrc.json: appended to `suppress`, or a new file at the skill root.
 */
function suppressInConfig(run: SkillRun, host: FileHost, file: string, finding: Finding, pointer: string | undefined): WorkspaceEdit {
  const config = loadConfig(run.root, host);
  const configFile = config.file ?? path.join(run.root, CONFIG_FILE_NAME);
  const entry: Record<string, string> = { rule: finding.ruleId, file: relativeTo(path.dirname(configFile), file) };
  if (pointer !== undefined) entry.pointer = pointer;
  entry.reason = 'TODO: say why this is not a privacy problem';
  if (!config.file) {
    const text = JSON.stringify({ $schema: 'https://raw.githubusercontent.com/skill-privacy/skill-privacy-lint/main/schemas/skillprivacyrc.schema.json', suppress: [entry] }, null, 2) + '\n';
    const create: CreateFile = { kind: 'create', uri: pathToUri(configFile), options: { ignoreIfExists: true } };
    return {
      documentChanges: [create, { textDocument: { uri: pathToUri(configFile), version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }] }],
    };
  }
  const text = run.snaps.get(configFile).getText();
  const count = elementsOf(nodeAt(parseJsonDocument(configFile, text).root, ['suppress'])).length;
  return toWorkspaceEdit(jsonEdit(configFile, text, ['suppress', count], entry, { isArrayInsertion: true }), run);
}

export function codeActions(params: CodeActionParams, run: SkillRun | undefined, file: string, doc: TextDocument | undefined, host: FileHost): CodeAction[] {
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(k + '.'));
  const actions: CodeAction[] = [];
  if (!run) return actions;

  // source.fixAll.skillPrivacy: every preferred fix whose edits stay inside this document.
  if (only && wants(FIX_ALL_KIND) && (!doc || run.versions.get(file) === doc.version)) {
    const edits = (run.findingsByFile.get(file) ?? [])
      .map(preferredFix)
      .filter((fx): fx is NonNullable<typeof fx> => !!fx && fx.edits.every((e) => e.file === file))
      .flatMap((fx) => fx.edits);
    if (edits.length) actions.push({ title: 'Fix all auto-fixable privacy problems', kind: FIX_ALL_KIND, edit: toWorkspaceEdit(edits, run) });
    return actions;
  }
  if (!wants(CodeActionKind.QuickFix)) return actions;

  const seenRules = new Set<string>();
  for (const { diagnostic, finding } of currentFindings(params, run, file, doc)) {
    for (const fix of finding.fixes) {
      actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.isPreferred, edit: toWorkspaceEdit(fix.edits, run) });
    }
    if (seenRules.has(finding.ruleId)) continue;
    seenRules.add(finding.ruleId);
    const sameRule = (run.findingsByFile.get(file) ?? []).filter((f) => f.ruleId === finding.ruleId && f.fixes.length > 0);
    if (sameRule.length > 1) {
      actions.push({
        title: `Fix all ${finding.ruleId} problems in this file`,
        kind: CodeActionKind.QuickFix,
        edit: toWorkspaceEdit(sameRule.flatMap((f) => preferredFix(f)?.edits ?? []), run),
      });
    }
    if (doc && CODE_FILE.test(file)) {
      actions.push({ title: `Disable ${finding.ruleId} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: toWorkspaceEdit(disableEdits(doc, file, finding, 'line'), run) });
      actions.push({ title: `Disable ${finding.ruleId} for the entire file`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: toWorkspaceEdit(disableEdits(doc, file, finding, 'file'), run) });
    } else if (file.endsWith('.json')) {
      const text = run.snaps.get(file).getText();
      actions.push({ title: `Suppress ${finding.ruleId} here in ${CONFIG_FILE_NAME}`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: suppressInConfig(run, host, file, finding, pointerAt(text, finding.offset)) });
      actions.push({ title: `Suppress ${finding.ruleId} for this file in ${CONFIG_FILE_NAME}`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: suppressInConfig(run, host, file, finding, undefined) });
    }
    actions.push({
      title: `Show documentation for ${finding.ruleId}`,
      kind: CodeActionKind.QuickFix,
      command: { title: `Show documentation for ${finding.ruleId}`, command: SHOW_DOCS_COMMAND, arguments: [finding.ruleId] },
    });
  }
  return actions;
}

export function relativeTo(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}
