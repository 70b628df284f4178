import '../code/evidence';
import { KeptReports } from '../code/speech-edits';
import { personalDataEvidence } from '../evidence';
import { nodeAt, propertyOf, spanOf } from '../json/document';
import '../model/facts';
import { Rule } from '../rule';
import { RelatedLocation } from '../types';

const MAX_RELATED = 5;

/** This rule's reports per skill, kept across speech-only edits (code/speech-edits.ts). */
const keptReports = new KeptReports();

/**
 * A skill directed at children (`isChildDirected: true`) that collects personal data or declares
 * permissions. Amazon's policy for kid skills does not allow collecting personal information from
 * children, and COPPA requires verifiable parental consent; in 2023 Amazon itself paid USD 25
 * million to settle the FTC's COPPA case over children's Alexa voice and location data. No
 * automatic fix: whether the skill is for children, or needs the data, is a product decision.
 */
const rule: Rule = {
  meta: {
    id: 'child-directed-data-collection',
    defaultSeverity: 'error',
    description: '`isChildDirected` is true and the skill collects personal data or declares permissions.',
    messages: {
      childDirected:
        'This skill is directed at children (`isChildDirected: true`) and collects personal data ({{evidence}}). Alexa policy does not allow kid skills to collect personal information, and COPPA requires verifiable parental consent before collecting it from children under 13 (the FTC fined Amazon USD 25 million in 2023 over children\'s Alexa data). Remove the collection and the permissions, or, if the skill is not for children, set `isChildDirected` to false.',
    },
    fixable: false,
    scope: ['manifest', 'model', 'code'],
  },
  check(context) {
    // A speech-only keystroke changes nothing this rule reads (skill.json, the models, what the data
    // flow finds): its reports of the check before, moved, and no data flow.
    keptReports.run(context, (context) => {
      const m = context.skill.manifest;
      if (!m?.manifest) return;
      const flag = propertyOf(nodeAt(m.manifest, ['privacyAndCompliance']), 'isChildDirected')?.children?.[1];
      if (!(flag?.type === 'boolean' && flag.value === true)) return;
      const evidence = personalDataEvidence(context.analysis);
      if (evidence.length === 0) return;
      const summary = evidence.slice(0, 3).map((e) => e.reason).join('; ') + (evidence.length > 3 ? `; and ${evidence.length - 3} more` : '');
      const related: RelatedLocation[] = evidence.slice(0, MAX_RELATED).map((e) => ({ file: e.file, offset: e.offset, length: e.length, message: `Collects personal data: ${e.reason}` }));
      context.report({ messageId: 'childDirected', data: { evidence: summary }, file: m.doc.path, ...spanOf(flag), related });
    });
  },
};

export default rule;
