import { JSONPath, Node, findNodeAtLocation, parseTree } from 'jsonc-parser';
import { ModelFacts, SlotFact, intentPromptIds, slotPromptIds } from '../model/facts';
import { elementsOf, parsedTree, propertyOf } from '../json/document';
import { TextEdit } from '../types';
import { sequential } from './manifest-edits';

/**
 * Edits of interaction models. Removals cut an array element with its separator and the line it
 * sat on, so the rest of the file keeps its formatting exactly.
 */

/** The edit that removes element `index` of the array at `path`, or none when it is not there. */
export function removeArrayElement(file: string, text: string, path: JSONPath, index: number): TextEdit[] {
  // The model's own tree when this is its text as parsed (json/document.ts parsedTree).
  const root = parsedTree(file, text) ?? parseTree(text, [], { allowTrailingComma: true });
  const arr = root ? findNodeAtLocation(root, path) : undefined;
  const items = arr?.type === 'array' ? arr.children ?? [] : [];
  const el = items[index];
  if (!arr || !el) return [];
  let from: number;
  let to: number;
  if (items.length === 1) {
    // The only element: leave `[]`.
    from = arr.offset + 1;
    to = arr.offset + arr.length - 1;
  } else if (index < items.length - 1) {
    // Up to the next element, which moves to this one's place (its line and indentation).
    from = el.offset;
    to = items[index + 1].offset;
  } else {
    // The last one: from the end of the previous element, taking the comma.
    from = items[index - 1].offset + items[index - 1].length;
    to = el.offset + el.length;
  }
  return [{ file, offset: from, length: to - from, newText: '' }];
}

export interface SlotRemoval {
  edits: TextEdit[];
  /** Set when every sample of the intent used the slot, so the intent goes too. */
  removesIntent: boolean;
  /** Ids of the prompts removed with it. */
  prompts: string[];
  /** How many intent samples are removed (with the intent, when it goes). */
  samples: number;
}

/**
 * Removes a slot from its model: the slot, every intent sample that uses it, its dialog entry and
 * the prompts nothing else refers to, as one edit. When every sample of the intent uses the slot
 * the intent itself (and its dialog entry) is removed: an intent without samples does not build.
 */
export function removeSlot(slot: SlotFact, facts: ModelFacts): SlotRemoval {
  const { model } = slot;
  const file = model.doc.path;
  const removesIntent = slot.intentSamples.length > 0 && slot.intentSamples.length === slot.intentSampleCount;

  const dialogIntentIndex = slot.dialog?.intentIndex ?? dialogIntentIndexByName(model.interactionModel, slot.intent);
  const dialogIntentNode = dialogIntentIndex !== undefined ? dialogIntents(model.interactionModel)[dialogIntentIndex] : undefined;

  // The prompt references that go away with the removed dialog parts.
  const removedRefs: string[] = [];
  if (removesIntent && dialogIntentNode) {
    removedRefs.push(...intentPromptIds(dialogIntentNode));
    for (const s of elementsOf(propertyOf(dialogIntentNode, 'slots')?.children?.[1])) removedRefs.push(...slotPromptIds(s).map((p) => p.id));
  } else if (slot.dialog) {
    removedRefs.push(...slot.dialog.prompts.map((p) => p.id));
  }
  const refs = facts.promptReferences.get(file) ?? new Map<string, number>();
  const dropping = new Map<string, number>();
  for (const id of removedRefs) dropping.set(id, (dropping.get(id) ?? 0) + 1);
  const promptIds = [...dropping].filter(([id, n]) => (refs.get(id) ?? 0) <= n).map(([id]) => id);
  const promptIndexes = facts.prompts
    .filter((p) => p.model === model && promptIds.includes(p.id))
    .map((p) => p.index)
    .sort((a, b) => b - a);

  const im = ['interactionModel'];
  const steps: Array<(text: string) => TextEdit[]> = [];
  // Each step re-parses the text the previous one left; within one array, the highest index goes first.
  for (const i of promptIndexes) steps.push((t) => removeArrayElement(file, t, [...im, 'prompts'], i));
  if (removesIntent) {
    if (dialogIntentIndex !== undefined) steps.push((t) => removeArrayElement(file, t, [...im, 'dialog', 'intents'], dialogIntentIndex));
    steps.push((t) => removeArrayElement(file, t, [...im, 'languageModel', 'intents'], slot.intentIndex));
  } else {
    if (slot.dialog) {
      const d = slot.dialog;
      steps.push((t) => removeArrayElement(file, t, [...im, 'dialog', 'intents', d.intentIndex, 'slots'], d.slotIndex));
    }
    const sampleIndexes = slot.intentSamples.map((s) => s.index).sort((a, b) => b - a);
    for (const i of sampleIndexes) steps.push((t) => removeArrayElement(file, t, [...im, 'languageModel', 'intents', slot.intentIndex, 'samples'], i));
    steps.push((t) => removeArrayElement(file, t, [...im, 'languageModel', 'intents', slot.intentIndex, 'slots'], slot.slotIndex));
  }
  return {
    edits: sequential(file, model.doc.text, steps),
    removesIntent,
    prompts: facts.prompts.filter((p) => p.model === model && promptIds.includes(p.id)).map((p) => p.id),
    samples: slot.intentSamples.length,
  };
}

function dialogIntents(interactionModel: Node | undefined): Node[] {
  const dialog = propertyOf(interactionModel, 'dialog')?.children?.[1];
  return elementsOf(propertyOf(dialog, 'intents')?.children?.[1]);
}

function dialogIntentIndexByName(interactionModel: Node | undefined, intent: string): number | undefined {
  const i = dialogIntents(interactionModel).findIndex((n) => {
    const v = propertyOf(n, 'name')?.children?.[1];
    return v?.type === 'string' && v.value === intent;
  });
  return i >= 0 ? i : undefined;
}
