import { consentPromptForIntent } from '../code/consent';
import { addPermission, declaredPermissions } from '../fixes/manifest-edits';
import { removeSlot } from '../fixes/model-edits';
import { coveringPermissions, modelFacts, permissionForSlot, slotRelated } from '../model/facts';
import { firstSlotReads } from '../code/evidence';
import { KeptReports } from '../code/speech-edits';
import { Rule } from '../rule';
import { CATEGORIES } from '../taxonomy';
import { ManifestFile } from '../skill';
import { Fix, TextEdit } from '../types';
import { KeptManifestEdits } from '../fixes/kept-edits';

/** The edits that add each permission, kept per skill.json text (every slot of every locale asks for one). */
const kept = new KeptManifestEdits();

/** Runs a check without the kept edits (tests: one that works everything out again). */
export function withoutKeptPermissionEdits<T>(run: () => T): T {
  return kept.without(run);
}

function addPermissionKept(m: ManifestFile, permission: string): TextEdit[] {
  return kept.get(m, permission, () => addPermission(m, permission));
}

/** This rule's reports per skill, kept across speech-only edits (code/speech-edits.ts). */
const keptReports = new KeptReports();

/**
 * A slot that collects personal data by voice: a name, phone number, e-mail or postal address,
 * birthday, age, gender, health details, data about a child. Sensitive data (card numbers,
 * government ids, passwords) is `sensitive-data-slot`'s, raw speech `free-form-capture`'s.
 * One finding per slot per locale file: each model is certified, and fixed, on its own.
 */
const rule: Rule = {
  meta: {
    id: 'personal-data-slot',
    defaultSeverity: 'warning',
    description: 'A slot collects personal data by voice (name, phone, e-mail, address, birthday, health, ...).',
    messages: {
      permission:
        'Slot `{{slot}}` in {{locale}} collects {{what}} by voice ({{reason}}). Alexa policy expects a skill to get personal information that a permission API provides through that API, with the customer\'s consent, not by voice, and any personal information it collects must be disclosed in a privacy policy. Use the `{{permission}}` permission ({{permissionLabel}}) and read the value through the API once the customer consents.',
      declared:
        'Slot `{{slot}}` in {{locale}} still collects {{what}} by voice ({{reason}}), although skill.json declares `{{permission}}`. Asking by voice bypasses the consent the permission gives the customer (Alexa policy). Read the value through the API and remove the slot.',
      disclose:
        'Slot `{{slot}}` in {{locale}} collects {{what}} by voice ({{reason}}). Personal information a skill collects must be disclosed in its privacy policy and used only as the customer agreed (Alexa Skills Policy; GDPR Art. 5 and 13). Collect it only if the skill needs it, set `usesPersonalInfo` and link a privacy policy for {{locale}}.',
      child:
        'Slot `{{slot}}` in {{locale}} collects {{what}} by voice ({{reason}}). Personal information about a child needs verifiable parental consent (COPPA) and Alexa policy does not allow kid skills to collect it. Remove the slot, or make sure the skill is not directed at children and discloses the collection in its privacy policy.',
    },
    fixable: true,
    scope: ['model', 'manifest', 'code'],
  },
  check(context) {
    // A speech-only keystroke changes nothing this rule reads: its reports of the check before, moved.
    keptReports.run(context, (context) => {
      const facts = modelFacts(context.analysis);
      // Each slot finding links to the handler code that reads the slot (the first read).
      const reads = firstSlotReads(context.analysis);
      const m = context.skill.manifest;
      const manifestOk = !!m?.manifest && m.doc.errors.length === 0;
      const declared = declaredPermissions(m);
      for (const slot of facts.slots) {
        const c = slot.classification;
        if (!c || CATEGORIES[c.category].sensitive || c.category === 'free-speech') continue;
        const data = { slot: slot.name, locale: slot.locale, what: CATEGORIES[c.category].label, reason: c.reason, category: c.category, intent: slot.intent };
        const read = reads.get(slot.name);
        const related = read ? [read, ...slotRelated(facts, slot)] : slotRelated(facts, slot);
        const where = { file: slot.file, offset: slot.nameNode.offset, length: slot.nameNode.length, related };
        if (c.category === 'children') {
          context.report({ messageId: 'child', data, ...where });
          continue;
        }
        const permission = permissionForSlot(slot);
        if (!permission) {
          context.report({ messageId: 'disclose', data, ...where });
          continue;
        }
        const pdata = { ...data, permission: permission.manifest, permissionLabel: permission.label };
        const covering = coveringPermissions(slot).find((p) => declared.includes(p));
        if (covering) {
          pdata.permission = covering;
          const removal = slot.model.doc.errors.length === 0 ? removeSlot(slot, facts) : undefined;
          const fixes: Fix[] = removal && removal.edits.length > 0
            ? [{ id: 'remove-slot', title: removal.removesIntent ? `Remove slot \`${slot.name}\` and intent \`${slot.intent}\` (all its utterances use the slot)` : `Remove slot \`${slot.name}\` and its utterances`, edits: removal.edits, isPreferred: true }]
            : [];
          context.report({ messageId: 'declared', data: pdata, ...where, fixes });
          continue;
        }
        const fixes: Fix[] = [];
        if (manifestOk && m) {
          const edits = addPermissionKept(m, permission.manifest);
          if (edits.length > 0) {
            // A declared permission still needs the customer's consent: ask for it where the intent is handled.
            const consent = consentPromptForIntent(context.analysis, slot.intent, permission);
            const title = `Use the permission for ${permission.label} (${permission.manifest}) instead`;
            if (consent.status === 'inserted') {
              fixes.push({ id: 'use-permission', title: `${title}, and ask for consent in the ${slot.intent} handler`, edits: [...edits, consent.edit], isPreferred: true });
            } else if (consent.status === 'already') {
              fixes.push({ id: 'use-permission', title, edits, isPreferred: true });
            } else {
              fixes.push({ id: 'use-permission', title: `${title}; then ask for consent in the ${slot.intent} handler (snippet "Alexa: ask for permission with a consent card", prefix alexa-consent)`, edits, isPreferred: true });
            }
          }
        }
        context.report({ messageId: 'permission', data: pdata, ...where, fixes });
      }
    });
  },
};

export default rule;
