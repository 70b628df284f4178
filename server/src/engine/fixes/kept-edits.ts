import { ManifestFile } from '../skill';
import { TextEdit } from '../types';

/** skill.json files whose edits are kept at once; a run over more (the CLI) starts the set again. */
const MAX_MANIFESTS = 500;

/**
 * Fix edits of a skill.json kept while its text is unchanged: such edits are a function of the
 * file's path and text and of what they add (a permission, the placeholder policy URL of some
 * locales), and a keystroke in the code leaves skill.json as it was, while every finding of a
 * check asks for them again. Copies are handed out, so a caller may change what it gets.
 */
export class KeptManifestEdits {
  private byFile = new Map<string, { text: string; edits: Map<string, TextEdit[]> }>();

  /** The edits that add `key`, made by `make` the first time for this text of the file. */
  get(m: ManifestFile, key: string, make: () => TextEdit[]): TextEdit[] {
    let entry = this.byFile.get(m.doc.path);
    if (!entry || entry.text !== m.doc.text) {
      if (!entry && this.byFile.size >= MAX_MANIFESTS) this.byFile.clear();
      this.byFile.set(m.doc.path, (entry = { text: m.doc.text, edits: new Map() }));
    }
    let edits = entry.edits.get(key);
    if (!edits) entry.edits.set(key, (edits = make()));
    return edits.map((e) => ({ ...e }));
  }

  /** Runs `run` without the kept edits (tests: a check that works everything out again). */
  without<T>(run: () => T): T {
    const saved = this.byFile;
    this.byFile = new Map();
    try {
      return run();
    } finally {
      this.byFile = saved;
    }
  }
}
