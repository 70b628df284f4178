import * as vscode from 'vscode';

const SOURCE = 'skill-privacy';

/**
 * A status bar item with the count of privacy findings in the workspace, or of the skill the
 * active editor belongs to. Counted from the diagnostics the server published, so it never
 * disagrees with the Problems panel.
 */
export class FindingsStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('skillPrivacy.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    this.item.name = 'Skill Privacy Lint';
    this.item.command = 'workbench.actions.view.problems';
    this.subscriptions.push(
      vscode.languages.onDidChangeDiagnostics(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
    );
    this.update();
  }

  update(): void {
    let errors = 0;
    let warnings = 0;
    let infos = 0;
    for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
      for (const d of diagnostics) {
        if (d.source !== SOURCE) continue;
        if (d.severity === vscode.DiagnosticSeverity.Error) errors++;
        else if (d.severity === vscode.DiagnosticSeverity.Warning) warnings++;
        else infos++;
      }
    }
    const total = errors + warnings + infos;
    this.item.text = total === 0 ? '$(shield) Privacy: no problems' : `$(shield) Privacy: ${errors} $(error) ${warnings} $(warning)${infos ? ` ${infos} $(info)` : ''}`;
    this.item.tooltip = total === 0 ? 'Skill Privacy Lint found no privacy problems.' : `Skill Privacy Lint: ${errors} errors, ${warnings} warnings, ${infos} infos in this workspace. Click to open Problems.`;
    this.item.backgroundColor = errors > 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : warnings > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
