import { permissionUses } from '../code/permissioned';
import { addPermission, declaredPermissions } from '../fixes/manifest-edits';
import { keyNodeOf, nodeAt, spanOf } from '../json/document';
import { KeptReports } from '../code/speech-edits';
import { Rule } from '../rule';
import { Fix, RelatedLocation, TextEdit } from '../types';

/** This rule's reports per skill, kept across speech-only edits (code/speech-edits.ts). */
const keptReports = new KeptReports({ logs: true });

/**
 * Handler code calls an Alexa API that needs a permission skill.json does not declare. Alexa never
 * asks the customer for an undeclared permission, so the call always fails (403) and the customer
 * is never given the consent choice the permission exists for.
 */
const rule: Rule = {
  meta: {
    id: 'permission-not-declared',
    defaultSeverity: 'error',
    description: 'Handler code uses an Alexa API whose permission skill.json does not declare.',
    messages: {
      notDeclared:
        '{{api}} reads {{what}}, which needs the `{{permission}}` permission, but skill.json does not declare it. Alexa only lets customers consent to declared permissions (Alexa Skills Policy on personal information), so the call fails with 403 for every customer. Add `{{permission}}` to `manifest.permissions`, or stop using the API.',
    },
    fixable: true,
    scope: ['code', 'manifest'],
  },
  check(context) {
    // A speech-only keystroke changes nothing this rule reads: its reports of the check before, moved.
    keptReports.run(context, (context) => {
      const m = context.skill.manifest;
      // Without a readable manifest the declared permissions are unknown.
      if (!m?.manifest || m.doc.errors.length > 0) return;
      const declared = declaredPermissions(m);
      const permissionsNode = nodeAt(m.manifest, ['permissions']);
      const anchor = permissionsNode ? keyNodeOf(m.manifest, 'permissions') : m.key ? keyNodeOf(m.doc.root, m.key) : undefined;
      const related: RelatedLocation[] = anchor
        ? [{ file: m.doc.path, ...spanOf(anchor), message: permissionsNode ? 'The permissions skill.json declares' : 'skill.json declares no permissions' }]
        : [];
      // Many calls need the same permission: its edit is computed once per run.
      const editsByPermission = new Map<string, TextEdit[]>();
      for (const use of permissionUses(context.analysis)) {
        if (use.satisfiedBy.some((p) => declared.includes(p))) continue;
        const permission = use.permission.manifest;
        let shared = editsByPermission.get(permission);
        if (!shared) editsByPermission.set(permission, (shared = addPermission(m, permission)));
        const edits = shared.map((e) => ({ ...e }));
        const fixes: Fix[] = edits.length > 0 ? [{ id: 'add-permission', title: `Declare the permission ${permission} in skill.json`, edits, isPreferred: true }] : [];
        context.report({
          messageId: 'notDeclared',
          data: { api: use.api, what: use.what, permission },
          file: use.file,
          offset: use.offset,
          length: use.length,
          related,
          fixes,
        });
      }
    });
  },
};

export default rule;
