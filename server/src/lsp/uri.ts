import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';

/** Absolute path of a `file:` URI; undefined for other schemes (untitled:, git:, vscode-vfs:). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.resolve(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

export function pathToUri(file: string): string {
  return pathToFileURL(file).href;
}
