import * as path from 'path';
import { parseCode } from '../code/parse';
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
    const docs = [...(skill.manifest ? [skill.manifest.doc] : []), ...skill.models.map((m) => m.doc)];
    for (const doc of docs) {
      const first = doc.errors[0];
      if (first) {
        context.report({ messageId: 'json', data: { file: rel(doc.path), problem: first.message }, file: doc.path, offset: first.offset, length: first.length });
      } else if (!doc.root) {
        context.report({ messageId: 'json', data: { file: rel(doc.path), problem: 'the file is empty' }, file: doc.path, offset: 0, length: 0 });
      }
    }
    for (const c of skill.code) {
      const first = parseCode(c.file, c.text).syntaxErrors[0];
      if (first) context.report({ messageId: 'code', data: { file: rel(c.file), problem: first.message }, file: c.file, offset: first.offset, length: first.length });
    }
    for (const u of skill.unreadable) {
      const isManifest = u.file === skill.project.manifestFile;
      context.report({ messageId: isManifest ? 'noManifest' : 'unreadable', data: { file: rel(u.file), problem: u.reason }, file: u.file, offset: 0, length: 0 });
    }
  },
};

export default rule;
