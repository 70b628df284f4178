import { JsonDocument } from '../json/document';
import { SchemaProblem, validateDocument } from '../json/schema';
import { Rule } from '../rule';

/**
 * The problems of each model document, kept by document while its text is the same: a keystroke
 * in handler code checks the same models again.
 */
const problems = new WeakMap<JsonDocument, { text: string; problems: SchemaProblem[] }>();

function problemsOf(doc: JsonDocument): SchemaProblem[] {
  const hit = problems.get(doc);
  if (hit && hit.text === doc.text) return hit.problems;
  const found = validateDocument('interaction-model', doc);
  problems.set(doc, { text: doc.text, problems: found });
  return found;
}

const rule: Rule = {
  meta: {
    id: 'model-schema',
    defaultSeverity: 'error',
    description: 'An interaction model breaks the interaction model schema.',
    messages: {
      schema: 'Interaction model {{locale}}: {{problem}}. A model that breaks the schema fails to build, and slots or prompts in it cannot be checked for personal data. Correct it as the interaction model schema says.',
    },
    fixable: false,
    scope: ['model'],
  },
  check(context) {
    for (const m of context.skill.models) {
      if (m.doc.errors.length > 0) continue;
      for (const p of problemsOf(m.doc)) {
        context.report({ messageId: 'schema', data: { locale: m.locale, problem: p.problem, pointer: p.pointer, keyword: p.keyword }, file: m.doc.path, offset: p.offset, length: p.length });
      }
    }
  },
};

export default rule;
