import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { FindingsStatus } from './statusBar';

let client: LanguageClient | undefined;

/** The server's privacy-report request (server/src/lsp/protocol.ts). */
const REPORT_METHOD = 'skillPrivacy/report';
let output: vscode.OutputChannel | undefined;

const DOC_SELECTOR = [
  { scheme: 'file', language: 'json' },
  { scheme: 'file', language: 'jsonc' },
  { scheme: 'file', language: 'javascript' },
  { scheme: 'file', language: 'typescript' },
  { scheme: 'file', language: 'javascriptreact' },
  { scheme: 'file', language: 'typescriptreact' },
  { scheme: 'file', pattern: '**/.ask/config' },
];

/** The server module: the bundle in a packaged extension, the TypeScript output in development. */
function serverModule(context: vscode.ExtensionContext): string {
  const bundled = context.asAbsolutePath(path.join('dist', 'server.js'));
  try {
    require.resolve(bundled);
    return bundled;
  } catch {
    return context.asAbsolutePath(path.join('out', 'server', 'src', 'lsp', 'main.js'));
  }
}

function createClient(context: vscode.ExtensionContext): LanguageClient {
  const module = serverModule(context);
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  output ??= vscode.window.createOutputChannel('Skill Privacy Lint');
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOC_SELECTOR,
    outputChannel: output,
    synchronize: { configurationSection: 'skillPrivacy' },
  };
  return new LanguageClient('skillPrivacy', 'Skill Privacy Lint', serverOptions, clientOptions);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  client = createClient(context);
  context.subscriptions.push(
    new FindingsStatus(),
    vscode.commands.registerCommand('skillPrivacy.restartServer', async () => {
      if (client) await client.stop();
      client = createClient(context);
      await client.start();
      void vscode.window.setStatusBarMessage('Skill Privacy Lint: server restarted', 3000);
    }),
    vscode.commands.registerCommand('skillPrivacy.showOutput', () => output?.show(true)),
    vscode.commands.registerCommand('skillPrivacy.showReport', async (target?: vscode.Uri) => {
      const uri = target ?? vscode.window.activeTextEditor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
      if (!client || !uri) {
        void vscode.window.showInformationMessage('Skill Privacy Lint: open a file of an Alexa skill to see its privacy report.');
        return;
      }
      const report = await client.sendRequest<{ root: string; name: string; markdown: string } | null>(REPORT_METHOD, { uri: uri.toString(), links: false });
      if (!report) {
        void vscode.window.showInformationMessage(`Skill Privacy Lint: no Alexa skill found for ${vscode.workspace.asRelativePath(uri)}.`);
        return;
      }
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: report.markdown });
      await vscode.commands.executeCommand('markdown.showPreview', doc.uri);
    }),
    vscode.commands.registerCommand('skillPrivacy.openRuleDocs', async (ruleId: unknown) => {
      if (typeof ruleId !== 'string' || !/^[a-z-]+$/.test(ruleId)) return;
      const uri = vscode.Uri.file(context.asAbsolutePath(path.join('docs', 'rules', `${ruleId}.md`)));
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
}
