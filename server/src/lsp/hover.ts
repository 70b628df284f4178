import { Hover, MarkupKind, Position } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ruleById, ruleDocsUrl } from '../engine';
import { explainAt } from '../engine/explain';
import { SkillRun } from './workspace';

/**
 * Hover: the findings under the cursor (what, why, link to the rule's page) and what the thing
 * under the cursor means for privacy (a permission, a privacyAndCompliance key, a slot).
 */
export function hover(run: SkillRun | undefined, file: string, doc: TextDocument, position: Position): Hover | null {
  if (!run) return null;
  const offset = doc.offsetAt(position);
  const sections: string[] = [];
  const current = run.versions.get(file) === doc.version || !run.versions.has(file);
  if (current) {
    for (const f of run.findingsByFile.get(file) ?? []) {
      if (offset < f.offset || offset > f.offset + f.length) continue;
      const rule = ruleById(f.ruleId);
      sections.push(`**${f.ruleId}** (${f.severity}) — ${f.message}\n\n${rule ? `_${rule.meta.description}_ ` : ''}[Rule documentation](${ruleDocsUrl(f.ruleId)})`);
    }
  }
  const explained = current ? explainAt(run.skill(), file, offset) : undefined;
  if (explained) sections.push(explained);
  if (sections.length === 0) return null;
  return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') } };
}
