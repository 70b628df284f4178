import * as path from 'path';
import { mentionedPermissions, permissionUses } from '../code/permissioned';
import { removeArrayElement } from '../fixes/model-edits';
import { elementsOf, nodeAt, propertyOf, spanOf } from '../json/document';
import { KeptReports } from '../code/speech-edits';
import { Rule } from '../rule';
import { permissionByManifestName } from '../taxonomy/permissions';

/** This rule's reports per skill, kept across speech-only edits (code/speech-edits.ts). */
const keptReports = new KeptReports({ logs: true });

/**
 * skill.json declares a permission the handler code never uses: the skill asks customers for
 * access it does not need (over-privilege). Only judged when the skill has handler code to read;
 * a skill without a code folder (hosted elsewhere) cannot be judged.
 */
const rule: Rule = {
  meta: {
    id: 'permission-unused',
    defaultSeverity: 'warning',
    description: 'skill.json declares a permission the handler code never uses (over-privilege).',
    messages: {
      unused:
        'skill.json declares `{{permission}}` ({{label}}), but the handler code never uses it. Customers are asked to share data the skill does not need; Alexa policy allows requesting permissions only when required by the skill\'s features, and GDPR Art. 5(1)(c) requires data minimisation. Remove the permission, or use it.',
    },
    fixable: true,
    scope: ['manifest', 'code'],
  },
  check(context) {
    // A speech-only keystroke changes nothing this rule reads: its reports of the check before, moved.
    keptReports.run(context, (context) => {
      const m = context.skill.manifest;
      if (!m?.manifest || m.doc.errors.length > 0 || !m.key) return;
      // No code to read, or code we could not read (too big, binary): cannot tell whether a permission is used.
      if (context.skill.code.length === 0) return;
      const codeDirs = context.skill.project.codeDirs;
      if (context.skill.unreadable.some((u) => codeDirs.some((d) => u.file.startsWith(d + path.sep)))) return;
      const used = new Set<string>(mentionedPermissions(context.analysis));
      for (const u of permissionUses(context.analysis)) used.add(u.permission.manifest);
      // Skills that publish proactive events send them from outside the handler code.
      if (nodeAt(m.manifest, ['events', 'publications'])) used.add('alexa::devices:all:notifications:write');
      const elements = elementsOf(nodeAt(m.manifest, ['permissions']));
      elements.forEach((el, index) => {
        const nameNode = propertyOf(el, 'name')?.children?.[1];
        if (nameNode?.type !== 'string') return;
        const name = nameNode.value as string;
        const info = permissionByManifestName(name);
        // A permission we do not know the APIs of cannot be judged unused.
        if (!info || used.has(name)) return;
        const edits = removeArrayElement(m.doc.path, m.doc.text, [m.key as string, 'permissions'], index);
        context.report({
          messageId: 'unused',
          data: { permission: name, label: info.label },
          file: m.doc.path,
          ...spanOf(nameNode),
          fixes: edits.length > 0 ? [{ id: 'remove-permission', title: `Remove the unused permission ${name}`, edits, isPreferred: true }] : [],
        });
      });
    });
  },
};

export default rule;
