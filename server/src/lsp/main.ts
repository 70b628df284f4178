import { startServer } from './server';

// Entry point for `node main.js --stdio` or `--node-ipc` (chosen by vscode-languageserver from argv).
startServer();
