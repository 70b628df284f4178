import { SkillAnalysis } from '../analysis';
import { registerExplainer } from '../explain';
import { ruleDocsUrl } from '../rule';
import { Skill } from '../skill';
import { CATEGORIES } from '../taxonomy';
import { modelFacts, permissionForSlot } from './facts';

/**
 * Hover on a slot of an interaction model: the personal-data category the slot collects and why
 * the taxonomy says so, what Amazon's policy asks for that kind of data, and the rule that covers
 * it — also for slots no rule flags, so the developer sees that a slot was looked at.
 */
export function explainSlot(skill: Skill, file: string, offset: number): string | undefined {
  if (!skill.models.some((m) => m.doc.path === file)) return undefined;
  const slot = modelFacts(new SkillAnalysis(skill)).slots.find((s) => s.file === file && offset >= s.slotNode.offset && offset <= s.slotNode.offset + s.slotNode.length);
  if (!slot) return undefined;
  const head = `**Slot \`${slot.name}\`**${slot.type ? ` (${slot.type})` : ''} of \`${slot.intent}\` in ${slot.locale}`;
  const c = slot.classification ?? slot.freeForm;
  if (!c) return `${head} — no personal data found in its type, name, utterances or values.`;
  const info = CATEGORIES[c.category];
  if (info.sensitive) {
    return `${head} — collects ${info.label} (${c.reason}). The Alexa Skills Policy forbids collecting this by voice. [sensitive-data-slot](${ruleDocsUrl('sensitive-data-slot')})`;
  }
  if (c.category === 'free-speech') {
    return `${head} — captures free-form speech (${c.reason}): whatever the customer says, names and health details included. Disclose it, and never store or log it. [free-form-capture](${ruleDocsUrl('free-form-capture')})`;
  }
  const permission = permissionForSlot(slot);
  const policy = permission
    ? `Amazon provides it through the \`${permission.manifest}\` permission, with the customer's consent: prefer that to asking by voice.`
    : 'Personal information a skill collects must be disclosed in its privacy policy, and `usesPersonalInfo` set.';
  return `${head} — collects ${info.label} (${c.reason}). ${policy} [personal-data-slot](${ruleDocsUrl('personal-data-slot')})`;
}

registerExplainer(explainSlot);
