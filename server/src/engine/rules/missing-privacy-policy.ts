import '../code/evidence';
import { KeptReports } from '../code/speech-edits';
import { personalDataEvidence } from '../evidence';
import { addPrivacyPolicyUrls } from '../fixes/manifest-edits';
import { focusSpan, spanOf } from '../json/document';
import { anchorForLocale, privacyBlock, skillLocales } from '../manifest/privacy';
import { Rule } from '../rule';
import { ManifestFile } from '../skill';
import { Fix, RelatedLocation, TextEdit } from '../types';
import { KeptManifestEdits } from '../fixes/kept-edits';

/** The edits that add the placeholder URL for each set of locales, kept per skill.json text. */
const kept = new KeptManifestEdits();

/** Runs a check without the kept edits (tests: one that works everything out again). */
export function withoutKeptPolicyEdits<T>(run: () => T): T {
  return kept.without(run);
}

function policyUrlEdits(m: ManifestFile, locales: string[]): TextEdit[] {
  return kept.get(m, locales.join('\n'), () => addPrivacyPolicyUrls(m, locales, PLACEHOLDER_POLICY_URL));
}

/** Written by the fix; `invalid-privacy-policy-url` keeps flagging it until a real URL replaces it. */
export const PLACEHOLDER_POLICY_URL = 'https://example.com/privacy-policy';
const MAX_RELATED = 5;

/** This rule's reports per skill, kept across speech-only edits (code/speech-edits.ts). */
const keptReports = new KeptReports();

const rule: Rule = {
  meta: {
    id: 'missing-privacy-policy',
    defaultSeverity: 'error',
    description: 'The skill collects personal data but a locale has no privacy policy URL.',
    messages: {
      missing:
        'Locale {{locale}} has no `privacyPolicyUrl`, but the skill collects personal data ({{evidence}}). Amazon requires a privacy policy link for every locale of a skill that collects personal information (Alexa Skills Policy; GDPR Art. 13, CCPA). Add `privacyAndCompliance.locales.{{locale}}.privacyPolicyUrl` with the https link to your policy.',
      empty:
        'Locale {{locale}} has an empty `privacyPolicyUrl`, but the skill collects personal data ({{evidence}}). Amazon requires a privacy policy link for every locale of a skill that collects personal information. Set it to the https link of your policy.',
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
      const { policyUrls } = privacyBlock(m);
      const lacking = skillLocales(context.skill).filter((l) => {
        const n = policyUrls.get(l);
        return !n || (n.type === 'string' && (n.value as string).trim() === '');
      });
      if (lacking.length === 0) return;
      // Only now: the code's part of the evidence is the data flow over the whole skill.
      const evidence = personalDataEvidence(context.analysis);
      if (evidence.length === 0) return;

      const summary = evidence
        .slice(0, 3)
        .map((e) => e.reason)
        .join('; ') + (evidence.length > 3 ? `; and ${evidence.length - 3} more` : '');
      const related: RelatedLocation[] = evidence.slice(0, MAX_RELATED).map((e) => ({ file: e.file, offset: e.offset, length: e.length, message: `Collects personal data: ${e.reason}` }));
      const file = m.doc.path;
      const fixFor = (locales: string[], id: string, title: string, isPreferred: boolean): Fix => ({
        id,
        title,
        isPreferred,
        // Lays out only the inserted entries: jsonc-parser's formatter would also re-flow the
        // neighbouring one-line objects (`"apis": { "custom": {} }`).
        edits: policyUrlEdits(m, locales),
      });
      const all = lacking.length > 1 ? fixFor(lacking, 'add-privacy-policy-url-all', `Add privacyPolicyUrl to all ${lacking.length} locales that lack it`, true) : undefined;

      for (const locale of lacking) {
        const existing = policyUrls.get(locale);
        const anchor = existing ?? anchorForLocale(m, locale);
        const span = existing ? spanOf(existing) : anchor ? focusSpan(anchor) : { offset: 0, length: 0 };
        const fixes = [fixFor([locale], 'add-privacy-policy-url', `Add privacyPolicyUrl for ${locale}`, !all)];
        if (all) fixes.push(all);
        context.report({
          messageId: existing ? 'empty' : 'missing',
          data: { locale, evidence: summary },
          file,
          ...span,
          related,
          fixes,
        });
      }
    });
  },
};

export default rule;
