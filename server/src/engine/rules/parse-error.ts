import * as path from 'path';
import { MAX_CODE_DEPTH, parseCode } from '../code/parse';
import { Rule } from '../rule';

/**
 * A skill file that cannot be parsed. Only the first error of a file is reported: later ones are
 * usually consequences of it. The other rules still run on everything that did parse.
 */
const rule: Rule = {
  meta: {
    id: 'parse-error',
    defaultSeverity: 'error',
    description: 'A skill file cannot be parsed, so its privacy settings cannot be checked.',
    messages: {
      json: '{{file}} is not valid JSON: {{problem}}. Until it parses, the privacy checks that need this file cannot run and the Alexa developer console will reject it. Fix the syntax here.',
      code: '{{file}} has a syntax error: {{problem}}. Privacy checks still run on the rest of the file, but code after the error may be misread. Fix the syntax here.',
      unreadable: '{{file}} was not checked: {{problem}}. Privacy problems in it cannot be found. Keep skill files as UTF-8 text under the size limit, or add generated files to `ignore` in .skillprivacyrc.json.',
      noManifest: 'This skill has no readable manifest at {{file}}: {{problem}}. Without skill.json its permissions and privacy-policy links cannot be checked.',
    },
    fixable: false,
    scope: ['manifest', 'model', 'code', 'project'],
  },
  check(context) {
    const { skill } = context;
    const rel = (f: string) => path.relative(skill.project.root, f) || path.basename(f);
    const docs = [...(skill.projectConfig ? [skill.projectConfig] : []), ...(skill.manifest ? [skill.manifest.doc] : []), ...skill.models.map((m) => m.doc)];
    for (const doc of docs) {
      const first = doc.errors[0];
      // jsonc-parser calls an empty file "a value was expected"; say what the developer sees.
      const empty = doc.text.trim() === '';
      if (first?.code === 'too-deep') {
        context.report({ messageId: 'unreadable', data: { file: rel(doc.path), problem: first.message }, file: doc.path, offset: first.offset, length: first.length });
      } else if (first || !doc.root) {
        const problem = empty ? 'the file is empty' : (first?.message ?? 'it holds no JSON value');
        context.report({ messageId: 'json', data: { file: rel(doc.path), problem }, file: doc.path, offset: first?.offset ?? 0, length: first?.length ?? 0 });
      }
    }
    for (const c of skill.code) {
      const parsed = parseCode(c.file, c.text);
      if (parsed.tooDeep) {
        const problem = `it is nested more than ${MAX_CODE_DEPTH} levels deep, too deep to analyse`;
        context.report({ messageId: 'unreadable', data: { file: rel(c.file), problem }, file: c.file, offset: parsed.tooDeep.offset, length: parsed.tooDeep.length });
        continue;
      }
      const first = parsed.syntaxErrors[0];
      // TypeScript's messages end with a period; the template adds its own.
      if (first) context.report({ messageId: 'code', data: { file: rel(c.file), problem: first.message.replace(/\.$/, '') }, file: c.file, offset: first.offset, length: first.length });
    }
    const manifestUnreadable = skill.unreadable.some((u) => u.file === skill.project.manifestFile);
    if (!skill.manifest && !manifestUnreadable && skill.project.configFile) {
      // ask-resources.json or .ask/config names a skill package whose skill.json is not there: without
      // this finding the skill would pass with nothing checked.
      context.report({ messageId: 'noManifest', data: { file: rel(skill.project.manifestFile), problem: 'the file does not exist' }, file: skill.project.configFile, offset: 0, length: 0 });
    }
    for (const u of skill.unreadable) {
      const isManifest = u.file === skill.project.manifestFile;
      context.report({ messageId: isManifest ? 'noManifest' : 'unreadable', data: { file: rel(u.file), problem: u.reason }, file: u.file, offset: 0, length: 0 });
    }
  },
};

export default rule;
