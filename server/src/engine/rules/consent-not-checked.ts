import ts from 'typescript';
import { ConsentPath, consentCheckEdit, consentFor, consentPrompt, statementIn } from '../code/consent';
import { PermissionUse, permissionUses } from '../code/permissioned';
import { KeptManifestEdits } from '../fixes/kept-edits';
import { addPermissions, declaredPermissions } from '../fixes/manifest-edits';
import { KeptReports } from '../code/speech-edits';
import { Rule } from '../rule';
import { PermissionInfo } from '../taxonomy/permissions';
import { Fix, TextEdit } from '../types';

/** Whether skill.json declares `q` (for the use's own permission, any permission that gives its data). */
function satisfied(q: PermissionInfo, use: PermissionUse, declared: string[]): boolean {
  const accepted = q === use.permission ? use.satisfiedBy : q.manifest === 'alexa:devices:all:address:country_and_postal_code:read' ? [q.manifest, 'alexa::devices:all:address:full:read'] : [q.manifest];
  return accepted.some((x) => declared.includes(x));
}

/** The manifest edits that add each set of permissions, kept per skill.json text. */
const kept = new KeptManifestEdits();

/** This rule's reports per skill, kept across speech-only edits (code/speech-edits.ts). */
const keptReports = new KeptReports({ logs: true });

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
    // A speech-only keystroke changes nothing this rule reads: its reports of the check before, moved.
    keptReports.run(context, (context) => {
      const m = context.skill.manifest;
      const manifestOk = !!m?.manifest && m.doc.errors.length === 0;
      const declared = declaredPermissions(m);
      const unchecked = permissionUses(context.analysis)
        .map((use) => ({ use, result: consentFor(context.analysis, use) }))
        .filter((x) => !x.result.checked);

      // One consent check per handler, before the first statement that leads to an unchecked call,
      // asking for every permission those calls need: each finding's fix inserts the same check,
      // so fixing several (or all) of them inserts it once.
      const groups = new Map<ts.Node, { path: ConsentPath; at: number; permissions: PermissionInfo[] }>();
      for (const { use, result } of unchecked) {
        for (const path of result.paths) {
          if (path.checked) continue;
          const fn = path.handler.info.node;
          const stmt = statementIn(fn, path.entry);
          if (!stmt) continue;
          const at = stmt.getStart(path.handler.info.index.parsed.sourceFile);
          const g = groups.get(fn);
          if (!g) groups.set(fn, { path: { ...path, entry: stmt }, at, permissions: [use.permission] });
          else {
            if (at < g.at) Object.assign(g, { path: { ...path, entry: stmt }, at });
            if (!g.permissions.includes(use.permission)) g.permissions.push(use.permission);
          }
        }
      }
      // The same permissions are often missing for many calls: each distinct set is edited once
      // while skill.json's text stays the same (a keystroke in the code leaves it as it was).
      const permissionEdits = (missing: string[]): TextEdit[] => (m ? kept.get(m, missing.join('\n'), () => addPermissions(m, missing)) : []);
      const groupEdits = new Map<ts.Node, TextEdit | undefined>();
      for (const [fn, g] of groups) groupEdits.set(fn, consentCheckEdit(g.path, consentPrompt(g.permissions, context.skill)));

      for (const { use, result } of unchecked) {
        const p = use.permission;
        const edits: TextEdit[] = [];
        const asked: PermissionInfo[] = [];
        for (const path of result.paths) {
          if (path.checked) continue;
          const fn = path.handler.info.node;
          const e = groupEdits.get(fn);
          if (!e || edits.some((x) => x.file === e.file && x.offset === e.offset)) continue;
          edits.push(e);
          for (const q of groups.get(fn)?.permissions ?? []) if (!asked.includes(q)) asked.push(q);
        }
        const fixes: Fix[] = [];
        if (edits.length > 0) {
          // One fix: a permission that is not declared cannot be granted on the card.
          if (manifestOk && m) {
            const missing = asked.filter((q) => !satisfied(q, use, declared)).map((q) => q.manifest);
            edits.push(...permissionEdits(missing));
          }
          fixes.push({ id: 'check-consent', title: `Check consent for ${p.label} and ask for it with a consent card`, edits, isPreferred: true });
        }
        context.report({
          messageId: 'unchecked',
          data: { api: use.api, what: use.what, scope: p.card, permission: p.manifest },
          file: use.file,
          offset: use.offset,
          length: use.length,
          related: result.paths
            .filter((x) => !x.checked)
            .map((x) => {
              const sf = x.handler.info.index.parsed.sourceFile;
              const start = x.entry.getStart(sf);
              return { file: x.handler.info.index.file, offset: start, length: x.entry.end - start, message: 'Reached from this handler, which does not check consent' };
            })
            .filter((r) => r.offset !== use.offset || r.file !== use.file),
          fixes,
        });
      }
    });
  },
};

export default rule;
