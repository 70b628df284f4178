import { consentCheckEdit, consentFor, consentPrompt } from '../code/consent';
import { permissionUses } from '../code/permissioned';
import { addPermission, declaredPermissions } from '../fixes/manifest-edits';
import { Rule } from '../rule';
import { Fix, TextEdit } from '../types';

/**
 * A permissioned Alexa API is called on a path that neither checks that the customer granted the
 * permission nor asks for it. Customers who enabled the skill by voice never saw the permission
 * screen; without a check and a consent card they get an error and no way to grant it.
 */
const rule: Rule = {
  meta: {
    id: 'consent-not-checked',
    defaultSeverity: 'warning',
    description: 'A permissioned Alexa API is called on a path that neither checks consent nor asks for it.',
    messages: {
      unchecked:
        '{{api}} reads {{what}}, but no code on its path checks that the customer granted `{{scope}}` or asks for it. Customers who enabled the skill by voice have not consented; Alexa policy requires asking for permission (a consent card or voice consent) before using their personal data. Check the consent token (or the scope\'s status) and answer with `withAskForPermissionsConsentCard([\'{{scope}}\'])` when it is missing.',
    },
    fixable: true,
    scope: ['code', 'manifest'],
  },
  check(context) {
    const m = context.skill.manifest;
    const manifestOk = !!m?.manifest && m.doc.errors.length === 0;
    const declared = declaredPermissions(m);
    for (const use of permissionUses(context.analysis)) {
      const result = consentFor(context.analysis, use);
      if (result.checked) continue;
      const p = use.permission;
      const prompt = consentPrompt(p, context.skill);
      const edits: TextEdit[] = [];
      for (const path of result.paths) {
        if (path.checked) continue;
        const e = consentCheckEdit(path, prompt);
        if (e && !edits.some((x) => x.file === e.file && x.offset === e.offset)) edits.push(e);
      }
      const fixes: Fix[] = [];
      if (edits.length > 0) {
        // One fix: a permission that is not declared cannot be granted on the card.
        if (manifestOk && m && !use.satisfiedBy.some((x) => declared.includes(x))) edits.push(...addPermission(m, p.manifest));
        fixes.push({ id: 'check-consent', title: `Check consent for ${p.label} and ask for it with a consent card`, edits, isPreferred: true });
      }
      context.report({
        messageId: 'unchecked',
        data: { api: use.api, what: use.what, scope: p.card, permission: p.manifest },
        file: use.file,
        offset: use.offset,
        length: use.length,
        related: result.paths.filter((x) => !x.checked).map((x) => ({ file: x.handler.info.index.file, offset: x.entry.getStart(x.handler.info.index.parsed.sourceFile), length: x.entry.end - x.entry.getStart(x.handler.info.index.parsed.sourceFile), message: 'Reached from this handler, which does not check consent' })).filter((r) => r.offset !== use.offset || r.file !== use.file),
        fixes,
      });
    }
  },
};

export default rule;
