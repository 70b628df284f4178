import { modelFacts, slotRelated } from '../model/facts';
import { firstSlotReads } from '../code/evidence';
import { KeptReports } from '../code/speech-edits';
import { Rule } from '../rule';

/** This rule's reports per skill, kept across speech-only edits (code/speech-edits.ts). */
const keptReports = new KeptReports();

/**
 * A slot that captures arbitrary speech: AMAZON.SearchQuery, AMAZON.Literal in older models, or a
 * custom type used as a catch-all. Whatever the customer says lands in the skill's request, so it
 * is personal data whenever the customer says something personal.
 */
const rule: Rule = {
  meta: {
    id: 'free-form-capture',
    defaultSeverity: 'warning',
    description: 'A slot (AMAZON.SearchQuery, AMAZON.Literal or a catch-all type) captures arbitrary speech.',
    messages: {
      freeForm:
        'Slot `{{slot}}` in {{locale}} captures free-form speech ({{reason}}). Raw speech can contain anything the customer says (names, addresses, health details, other people\'s data), so it must be disclosed in the privacy policy and must not be stored or logged (Alexa Skills Policy; GDPR data minimisation). Prefer a custom slot type with the values the skill expects; if the skill needs free text, use it only for the request and never keep it.',
    },
    fixable: false,
    scope: ['model'],
  },
  check(context) {
    // A speech-only keystroke changes nothing this rule reads (the models, where slots are read):
    // its reports of the check before, moved, and no data flow for the first reads.
    keptReports.run(context, (context) => {
      const facts = modelFacts(context.analysis);
      // Each slot finding links to the handler code that reads the slot (the first read).
      const reads = firstSlotReads(context.analysis);
      for (const slot of facts.slots) {
        if (!slot.freeForm) continue;
        context.report({
          messageId: 'freeForm',
          data: { slot: slot.name, locale: slot.locale, reason: slot.freeForm.reason, type: slot.type, intent: slot.intent },
          file: slot.file,
          offset: slot.nameNode.offset,
          length: slot.nameNode.length,
          related: reads.has(slot.name) ? [reads.get(slot.name)!, ...slotRelated(facts, slot)] : slotRelated(facts, slot),
        });
      }
    });
  },
};

export default rule;
