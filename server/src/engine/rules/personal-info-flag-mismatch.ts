import '../code/evidence';
import { KeptReports } from '../code/speech-edits';
import { personalDataEvidence } from '../evidence';
import { setUsesPersonalInfo } from '../fixes/manifest-edits';
import { keyNodeOf, nodeAt, propertyOf, spanOf } from '../json/document';
import '../model/facts';
import { Rule } from '../rule';
import { RelatedLocation } from '../types';

const MAX_RELATED = 5;

/** This rule's reports per skill, kept across speech-only edits (code/speech-edits.ts). */
const keptReports = new KeptReports();

/**
 * `privacyAndCompliance.usesPersonalInfo` says the skill collects no personal information while
 * its slots, prompts, permissions or account linking show that it does. The answer is part of the
 * certification questionnaire; a wrong one is a policy violation on its own.
 */
const rule: Rule = {
  meta: {
    id: 'personal-info-flag-mismatch',
    defaultSeverity: 'error',
    description: '`usesPersonalInfo` is false or absent while the skill collects personal data.',
    messages: {
      false:
        '`usesPersonalInfo` is false, but the skill collects personal data ({{evidence}}). Amazon asks every skill whether it collects personal information and requires a truthful answer and a privacy policy when it does (Alexa Skills Policy; GDPR Art. 13). Set `usesPersonalInfo` to true, or stop collecting the data.',
      absent:
        '`privacyAndCompliance.usesPersonalInfo` is missing, but the skill collects personal data ({{evidence}}). Amazon asks every skill whether it collects personal information and requires a truthful answer and a privacy policy when it does (Alexa Skills Policy). Add `"usesPersonalInfo": true`.',
    },
    fixable: true,
    scope: ['manifest', 'model', 'code'],
  },
  check(context) {
    // A speech-only keystroke changes nothing this rule reads (skill.json, the models, what the data
    // flow finds): its reports of the check before, moved, and no data flow.
    keptReports.run(context, (context) => {
      const m = context.skill.manifest;
      if (!m?.manifest || m.doc.errors.length > 0) return;
      const block = nodeAt(m.manifest, ['privacyAndCompliance']);
      const flag = propertyOf(block, 'usesPersonalInfo')?.children?.[1];
      // Anything but a boolean is the schema rule's business.
      if (flag && !(flag.type === 'boolean' && flag.value === false)) return;
      const evidence = personalDataEvidence(context.analysis);
      if (evidence.length === 0) return;

      const summary = evidence.slice(0, 3).map((e) => e.reason).join('; ') + (evidence.length > 3 ? `; and ${evidence.length - 3} more` : '');
      const related: RelatedLocation[] = evidence.slice(0, MAX_RELATED).map((e) => ({ file: e.file, offset: e.offset, length: e.length, message: `Collects personal data: ${e.reason}` }));
      const anchor = flag ?? keyNodeOf(m.manifest, 'privacyAndCompliance') ?? (m.key ? keyNodeOf(m.doc.root, m.key) : undefined);
      const span = anchor ? spanOf(anchor) : { offset: 0, length: 0 };
      const edits = setUsesPersonalInfo(m);
      context.report({
        messageId: flag ? 'false' : 'absent',
        data: { evidence: summary },
        file: m.doc.path,
        ...span,
        related,
        fixes: edits.length > 0 ? [{ id: 'set-uses-personal-info', title: 'Set usesPersonalInfo to true', edits, isPreferred: true }] : [],
      });
    });
  },
};

export default rule;
