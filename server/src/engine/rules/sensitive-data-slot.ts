import { removeSlot } from '../fixes/model-edits';
import { modelFacts, slotRelated } from '../model/facts';
import { firstSlotReads } from '../code/evidence';
import { KeptReports } from '../code/speech-edits';
import { Rule } from '../rule';
import { CATEGORIES } from '../taxonomy';
import { Fix } from '../types';

/** This rule's reports per skill, kept across speech-only edits (code/speech-edits.ts). */
const keptReports = new KeptReports();

/**
 * A slot that collects data Alexa policy forbids collecting by voice: card and bank account
 * numbers, government identification numbers, passwords and PINs. Voice recordings and their
 * transcripts are kept, so the number would sit in the customer's voice history.
 */
const rule: Rule = {
  meta: {
    id: 'sensitive-data-slot',
    defaultSeverity: 'error',
    description: 'A slot collects data that must never be collected by voice: card or bank account numbers, government IDs, passwords or PINs.',
    messages: {
      sensitive:
        'Slot `{{slot}}` in {{locale}} collects {{what}} by voice ({{reason}}). The Alexa Skills Policy forbids collecting sensitive personal information by voice (full card or bank account numbers, social security, passport or other government identification numbers, passwords), and voice recordings and transcripts of what the customer said are kept. Remove the slot; use account linking or Amazon Pay for payments and identity instead.',
    },
    fixable: true,
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
        const c = slot.classification;
        if (!c || !CATEGORIES[c.category].sensitive) continue;
        const fixes: Fix[] = [];
        if (slot.model.doc.errors.length === 0) {
          const removal = removeSlot(slot, facts);
          if (removal.edits.length > 0) {
            const title = removal.removesIntent
              ? `Remove slot \`${slot.name}\` and intent \`${slot.intent}\` (all its utterances use the slot)`
              : `Remove slot \`${slot.name}\` and the ${removal.samples} utterance${removal.samples === 1 ? '' : 's'} that use it`;
            fixes.push({ id: 'remove-slot', title, edits: removal.edits, isPreferred: true });
          }
        }
        context.report({
          messageId: 'sensitive',
          data: { slot: slot.name, locale: slot.locale, what: CATEGORIES[c.category].label, reason: c.reason, category: c.category, intent: slot.intent },
          file: slot.file,
          offset: slot.nameNode.offset,
          length: slot.nameNode.length,
          related: reads.has(slot.name) ? [reads.get(slot.name)!, ...slotRelated(facts, slot)] : slotRelated(facts, slot),
          fixes,
        });
      }
    });
  },
};

export default rule;
