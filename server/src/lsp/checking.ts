import { PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { relatedPositions, toDiagnostic } from './convert';
import { Publications } from './publications';
import { Settings } from './settings';
import { pathToUri } from './uri';
import { SkillWorkspace } from './workspace';

/**
 * Checks an enabled skill and returns the notifications to send: the diagnostics of every file
 * whose findings (or their positions) changed since the last publication, and empty ones for
 * files left without findings. The language server sends them; the warm-up (warmup.ts) encodes
 * them only.
 */
export function publishPlan(
  ws: SkillWorkspace,
  publications: Publications,
  root: string,
  settings: Settings,
  supportsRelated: boolean,
  onInternalError: (ruleId: string, e: unknown) => void,
): PublishDiagnosticsParams[] {
  const run = ws.lint(root, settings, onInternalError);
  const plan = publications.plan(
    root,
    run?.findingsByFile ?? new Map(),
    (file) => ws.openDocument(file)?.version,
    (file) => ws.textOf(file),
    run && supportsRelated ? (file, findings) => relatedPositions(file, findings, run.snaps) : undefined,
  );
  const out: PublishDiagnosticsParams[] = [];
  if (run) {
    for (const file of plan.send) {
      const doc = ws.openDocument(file);
      out.push({
        uri: doc?.uri ?? pathToUri(file),
        version: doc?.version,
        diagnostics: (run.findingsByFile.get(file) ?? []).map((f, i) => toDiagnostic(f, i, run.run, run.snaps, supportsRelated)),
      });
    }
  }
  for (const file of plan.clear) out.push({ uri: ws.openDocument(file)?.uri ?? pathToUri(file), diagnostics: [] });
  return out;
}
