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

/** URIs by path: every diagnostic and related location converts one, hundreds per check. */
const uris = new Map<string, string>();
const MAX_URIS = 20000;

export function pathToUri(file: string): string {
  let uri = uris.get(file);
  if (uri === undefined) {
    uri = pathToFileURL(file).href;
    if (uris.size >= MAX_URIS) uris.clear();
    uris.set(file, uri);
  }
  return uri;
}
