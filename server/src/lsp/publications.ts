import { Finding } from '../engine';
import { sameItems } from '../engine/same';

/** Line and character of the start and end of every related range that points into another file, flattened. */
export type RelatedPositions = number[];

/** What was last published for one file: enough to tell whether a new run would publish the same. */
interface Sent {
  version: number | undefined;
  findings: Finding[];
  /** Text of every file the diagnostics' positions are computed in (the file, then related files). */
  texts: Array<string | undefined>;
  /** Where the related ranges into other files were shown, when the client shows related information. */
  related: RelatedPositions | undefined;
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
 * the tests match publications to versions), when its findings differ, when its own text changed,
 * or when a file its related information points into changed so that a related range moved (a
 * model's slot finding pointing at the code that reads the slot stays put while the developer
 * types elsewhere in that code).
 */
export class Publications {
  /** By skill root: file → what was sent. */
  private readonly byRoot = new Map<string, Map<string, Sent>>();

  /**
   * Records the findings of a check of `root` and says what to send. `versionOf` is the open
   * document's version (undefined when closed); `textOf` the text positions are computed in;
   * `relatedOf` the positions of a file's related ranges into other files as the diagnostics show
   * them (undefined when the client shows no related information, so they cannot matter).
   */
  plan(
    root: string,
    findingsByFile: Map<string, Finding[]>,
    versionOf: (file: string) => number | undefined,
    textOf: (file: string) => string | undefined,
    relatedOf?: (file: string, findings: Finding[]) => RelatedPositions,
  ): PublishPlan {
    const before = this.byRoot.get(root) ?? new Map<string, Sent>();
    const now = new Map<string, Sent>();
    const send: string[] = [];
    for (const [file, findings] of findingsByFile) {
      const texts = textsOf(file, findings).map(textOf);
      const version = versionOf(file);
      const prev = before.get(file);
      if (prev && sameFindings(prev, version, findings, texts[0])) {
        if (sameItems(prev.texts, texts)) {
          now.set(file, prev);
          continue;
        }
        // Only texts of related files changed: the diagnostics are the same if no related range moved.
        const related = relatedOf?.(file, findings);
        if (!relatedOf || sameItems(prev.related, related)) {
          now.set(file, { version, findings, texts, related });
          continue;
        }
      }
      now.set(file, { version, findings, texts, related: relatedOf?.(file, findings) });
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

function sameFindings(a: Sent, version: number | undefined, findings: Finding[], ownText: string | undefined): boolean {
  if (a.version !== version || a.texts[0] !== ownText || a.findings.length !== findings.length) return false;
  for (let i = 0; i < findings.length; i++) if (!sameFinding(a.findings[i], findings[i])) return false;
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
