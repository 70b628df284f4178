import { Finding } from '../engine';

/** What was last published for one file: enough to tell whether a new run would publish the same. */
interface Sent {
  version: number | undefined;
  findings: Finding[];
  /** Text of every file the diagnostics' positions are computed in (the file, then related files). */
  texts: Array<string | undefined>;
}

/** Which files to publish after a check, and which to clear. */
export interface PublishPlan {
  send: string[];
  clear: string[];
}

/**
 * The diagnostics published per file, so that a check re-sends only the files whose diagnostics
 * changed: a keystroke in one file of a skill must not convert and send every other file's
 * hundreds of diagnostics again. A file is re-sent when its document version changed (clients and
 * the tests match publications to versions), when its findings differ, or when the text of the
 * file or of a file its related information points into changed (positions would move).
 */
export class Publications {
  /** By skill root: file → what was sent. */
  private readonly byRoot = new Map<string, Map<string, Sent>>();

  /**
   * Records the findings of a check of `root` and says what to send. `versionOf` is the open
   * document's version (undefined when closed); `textOf` the text positions are computed in.
   */
  plan(root: string, findingsByFile: Map<string, Finding[]>, versionOf: (file: string) => number | undefined, textOf: (file: string) => string | undefined): PublishPlan {
    const before = this.byRoot.get(root) ?? new Map<string, Sent>();
    const now = new Map<string, Sent>();
    const send: string[] = [];
    for (const [file, findings] of findingsByFile) {
      const texts = textsOf(file, findings).map(textOf);
      const next: Sent = { version: versionOf(file), findings, texts };
      const prev = before.get(file);
      if (prev && sameSent(prev, next)) {
        now.set(file, prev);
        continue;
      }
      now.set(file, next);
      send.push(file);
    }
    const clear = [...before.keys()].filter((file) => !now.has(file));
    this.byRoot.set(root, now);
    return { send, clear };
  }

  /** Forgets a skill's publications (it was disabled or is gone) and returns the files to clear. */
  forget(root: string): string[] {
    const files = [...(this.byRoot.get(root)?.keys() ?? [])];
    this.byRoot.delete(root);
    return files;
  }
}

/** The file, then every other file its findings' related information points into, in order. */
function textsOf(file: string, findings: Finding[]): string[] {
  const files = [file];
  for (const f of findings) for (const r of f.related) if (!files.includes(r.file)) files.push(r.file);
  return files;
}

function sameSent(a: Sent, b: Sent): boolean {
  if (a.version !== b.version || a.texts.length !== b.texts.length || a.findings.length !== b.findings.length) return false;
  for (let i = 0; i < a.texts.length; i++) if (a.texts[i] !== b.texts[i]) return false;
  for (let i = 0; i < a.findings.length; i++) if (!sameFinding(a.findings[i], b.findings[i])) return false;
  return true;
}

/** Equal in everything a diagnostic is made of (the rule id gives its docs link and tags). */
export function sameFinding(a: Finding, b: Finding): boolean {
  if (a === b) return true;
  if (a.ruleId !== b.ruleId || a.severity !== b.severity || a.message !== b.message || a.file !== b.file || a.offset !== b.offset || a.length !== b.length) return false;
  if (a.related.length !== b.related.length) return false;
  for (let i = 0; i < a.related.length; i++) {
    const x = a.related[i];
    const y = b.related[i];
    if (x.file !== y.file || x.offset !== y.offset || x.length !== y.length || x.message !== y.message) return false;
  }
  return true;
}
