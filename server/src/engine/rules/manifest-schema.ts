import { validateDocument } from '../json/schema';
import { Rule } from '../rule';

const rule: Rule = {
  meta: {
    id: 'manifest-schema',
    defaultSeverity: 'error',
    description: 'skill.json breaks the Alexa skill manifest schema.',
    messages: {
      schema: 'skill.json: {{problem}}. The Alexa developer console rejects a manifest that breaks its schema, and a mistyped privacy setting (for example `usesPersonalInfo` as a string) is read wrongly. Correct the value as the manifest schema says.',
    },
    fixable: false,
    scope: ['manifest'],
  },
  check(context) {
    const m = context.skill.manifest;
    if (!m || m.doc.errors.length > 0) return; // parse-error speaks for unparseable files
    for (const p of validateDocument('skill-manifest', m.doc)) {
      context.report({ messageId: 'schema', data: { problem: p.problem, pointer: p.pointer, keyword: p.keyword }, file: m.doc.path, offset: p.offset, length: p.length });
    }
  },
};

export default rule;
