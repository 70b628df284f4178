import { Node } from 'jsonc-parser';
import { SkillAnalysis } from '../analysis';
import { Evidence, registerEvidenceSource } from '../evidence';
import { elementsOf, propertyOf } from '../json/document';
import { ModelFile } from '../skill';
import { Classification, PermissionInfo, TextMatch, classifyFreeForm, classifySlot, findDataRequest, permissionByManifestName, permissionForCategory } from '../taxonomy';

/**
 * Facts about the interaction models of a skill, computed once per lint run and shared by the
 * model rules (personal-data-slot, sensitive-data-slot, free-form-capture,
 * speech-requests-personal-data) and, through the evidence registry, by the manifest rules.
 * Every locale's model is read on its own: its words are classified in its locale.
 */

/** A JSON string value and where it is. */
export interface StringValue {
  text: string;
  /** The string node (its span includes the quotes). */
  node: Node;
}

/** A sample utterance that fills a slot. */
export interface SampleFact extends StringValue {
  /** Index in the array it sits in (the intent's or the slot's `samples`). */
  index: number;
  /** `intent`: the intent's samples; `slot`: the slot's own samples (dialog answers). */
  source: 'intent' | 'slot';
}

/** A prompt of `interactionModel.prompts`. */
export interface PromptFact {
  model: ModelFile;
  id: string;
  /** Index in `interactionModel.prompts`. */
  index: number;
  node: Node;
  variations: StringValue[];
}

/** How a dialog entry refers to a prompt. */
export interface PromptUse {
  kind: 'elicitation' | 'confirmation' | 'validation';
  id: string;
  prompt: PromptFact | undefined;
}

/** A slot's entry in `interactionModel.dialog.intents[].slots`. */
export interface DialogSlotFact {
  /** Index of the dialog intent in `dialog.intents`. */
  intentIndex: number;
  /** Index of the slot in that dialog intent's `slots`. */
  slotIndex: number;
  node: Node;
  prompts: PromptUse[];
}

export interface SlotFact {
  model: ModelFile;
  locale: string;
  file: string;
  intent: string;
  /** Index of the intent in `languageModel.intents`. */
  intentIndex: number;
  /** Index of the slot in the intent's `slots`. */
  slotIndex: number;
  slotNode: Node;
  name: string;
  /** The slot's `"name"` value: where findings about the slot point. */
  nameNode: Node;
  type: string;
  /** Intent samples that contain `{name}` (or the AMAZON.Literal form `{example|name}`). */
  intentSamples: SampleFact[];
  /** Every sample of the intent, to tell whether removing the slot's would leave none. */
  intentSampleCount: number;
  /** The slot's own samples (used when Alexa elicits it). */
  slotSamples: SampleFact[];
  /** Values (and synonyms) of the custom slot type, when the type is defined in the model. */
  customValues: string[];
  dialog: DialogSlotFact | undefined;
  /** The personal data the slot collects, by its type, name, words, prompts and values. */
  classification: Classification | undefined;
  /** Set when the slot captures arbitrary speech (AMAZON.SearchQuery, AMAZON.Literal, catch-alls). */
  freeForm: Classification | undefined;
}

/** A prompt variation that asks the user for personal data. */
export interface PromptRequestFact {
  prompt: PromptFact;
  variation: StringValue;
  match: TextMatch;
  /** The span of the matched words in the file, inside the JSON string. */
  offset: number;
  length: number;
}

export interface ModelFacts {
  slots: SlotFact[];
  prompts: PromptFact[];
  /** Per model file: prompt id → how many dialog references it has. */
  promptReferences: Map<string, Map<string, number>>;
  requests: PromptRequestFact[];
}

const MAX_SAMPLES = 2000;

export function modelFacts(analysis: SkillAnalysis): ModelFacts {
  return analysis.memo('model-facts', () => keptFacts(analysis));
}

/**
 * The facts of the last models seen, by the first model's document: they are a function of the
 * models' documents (kept per path and text by json/document.ts) and locales only, and a keystroke
 * in the code leaves every model as it was. Nothing reading the facts changes them.
 */
let factsByModels = new WeakMap<object, { models: ModelFile[]; facts: ModelFacts }>();

/** Runs a check without the kept facts (tests: one that works everything out again). */
export function withoutKeptFacts<T>(run: () => T): T {
  const saved = factsByModels;
  factsByModels = new WeakMap();
  try {
    return run();
  } finally {
    factsByModels = saved;
  }
}

function keptFacts(analysis: SkillAnalysis): ModelFacts {
  const models = analysis.skill.models;
  if (models.length === 0) return computeFacts(analysis);
  const hit = factsByModels.get(models[0].doc);
  const same = (a: ModelFile, b: ModelFile): boolean => a.doc === b.doc && a.locale === b.locale && a.languageModel === b.languageModel && a.interactionModel === b.interactionModel;
  if (hit && hit.models.length === models.length && hit.models.every((m, i) => same(m, models[i]))) return hit.facts;
  const facts = computeFacts(analysis);
  factsByModels.set(models[0].doc, { models: [...models], facts });
  return facts;
}

function computeFacts(analysis: SkillAnalysis): ModelFacts {
  const facts: ModelFacts = { slots: [], prompts: [], promptReferences: new Map(), requests: [] };
  for (const model of analysis.skill.models) {
    if (!model.interactionModel) continue;
    const prompts = promptsOf(model);
    facts.prompts.push(...prompts);
    const dialogSlots = dialogSlotsOf(model, prompts);
    facts.promptReferences.set(model.doc.path, promptReferencesOf(model));
    const types = customTypesOf(model);
    elementsOf(propertyOf(model.languageModel, 'intents')?.children?.[1]).forEach((intentNode, intentIndex) => {
      const intent = stringProp(intentNode, 'name');
      if (intent === undefined) return;
      const samples = stringsOf(propertyOf(intentNode, 'samples')?.children?.[1]);
      // Each sample's slot references once per intent, not once per slot of the intent.
      let references: string[][] | undefined;
      elementsOf(propertyOf(intentNode, 'slots')?.children?.[1]).forEach((slotNode, slotIndex) => {
        const nameNode = propertyOf(slotNode, 'name')?.children?.[1];
        if (nameNode?.type !== 'string') return;
        const name = nameNode.value as string;
        const type = stringProp(slotNode, 'type') ?? '';
        references ??= samples.map((s) => slotReferences(s.text));
        const refs = references;
        const intentSamples: SampleFact[] = samples.filter((_s, i) => refs[i].includes(name)).map((s) => ({ ...s, source: 'intent' }));
        const slotSamples: SampleFact[] = stringsOf(propertyOf(slotNode, 'samples')?.children?.[1]).map((s) => ({ ...s, source: 'slot' }));
        const dialog = dialogSlots.get(`${intent}\0${name}`);
        const input = {
          name,
          type,
          locale: model.locale,
          samples: [...intentSamples, ...slotSamples].slice(0, MAX_SAMPLES).map((s) => literalToSlot(s.text)),
          customValues: types.get(type),
          prompts: (dialog?.prompts ?? []).filter((p) => p.kind === 'elicitation').flatMap((p) => p.prompt?.variations.map((v) => v.text) ?? []),
        };
        facts.slots.push({
          model,
          locale: model.locale,
          file: model.doc.path,
          intent,
          intentIndex,
          slotIndex,
          slotNode,
          name,
          nameNode,
          type,
          intentSamples,
          intentSampleCount: samples.length,
          slotSamples,
          customValues: types.get(type) ?? [],
          dialog,
          classification: classifySlot(input),
          freeForm: classifyFreeForm(input),
        });
      });
    });
    for (const prompt of prompts) {
      for (const variation of prompt.variations) {
        const match = findDataRequest(variation.text, model.locale);
        if (!match) continue;
        const span = stringContentSpan(model.doc.text, variation.node, match.offset, match.length);
        facts.requests.push({ prompt, variation, match, ...span });
      }
    }
  }
  return facts;
}

function stringProp(obj: Node | undefined, key: string): string | undefined {
  const v = propertyOf(obj, key)?.children?.[1];
  return v?.type === 'string' ? (v.value as string) : undefined;
}

function stringsOf(arr: Node | undefined): Array<StringValue & { index: number }> {
  const out: Array<StringValue & { index: number }> = [];
  elementsOf(arr).forEach((node, index) => {
    if (node.type === 'string') out.push({ text: node.value as string, node, index });
  });
  return out;
}

/**
 * The slot names a sample refers to: `{name}`, and `{example text|name}` of AMAZON.Literal in
 * older models.
 */
export function slotReferences(sample: string): string[] {
  const out: string[] = [];
  let i = sample.indexOf('{');
  while (i >= 0) {
    const close = sample.indexOf('}', i + 1);
    if (close < 0) break;
    const inner = sample.slice(i + 1, close);
    const bar = inner.lastIndexOf('|');
    out.push((bar >= 0 ? inner.slice(bar + 1) : inner).trim());
    i = sample.indexOf('{', close + 1);
  }
  return out;
}

/** `my name is {John|name}` → `my name is {name}`: the taxonomy reads slots in the modern form. */
function literalToSlot(sample: string): string {
  return sample.replace(/\{[^{}|]*\|([^{}|]*)\}/g, (_m, name: string) => `{${name.trim()}}`);
}

function customTypesOf(model: ModelFile): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const t of elementsOf(propertyOf(model.languageModel, 'types')?.children?.[1])) {
    const name = stringProp(t, 'name');
    if (name === undefined) continue;
    const values: string[] = [];
    for (const v of elementsOf(propertyOf(t, 'values')?.children?.[1])) {
      const nameObj = propertyOf(v, 'name')?.children?.[1];
      const value = stringProp(nameObj, 'value');
      if (value !== undefined) values.push(value);
    }
    out.set(name, values);
  }
  return out;
}

function promptsOf(model: ModelFile): PromptFact[] {
  const out: PromptFact[] = [];
  elementsOf(propertyOf(model.interactionModel, 'prompts')?.children?.[1]).forEach((node, index) => {
    const id = stringProp(node, 'id');
    if (id === undefined) return;
    const variations: StringValue[] = [];
    for (const v of elementsOf(propertyOf(node, 'variations')?.children?.[1])) {
      const value = propertyOf(v, 'value')?.children?.[1];
      if (value?.type === 'string') variations.push({ text: value.value as string, node: value });
    }
    out.push({ model, id, index, node, variations });
  });
  return out;
}

function dialogIntents(model: ModelFile): Node[] {
  const dialog = propertyOf(model.interactionModel, 'dialog')?.children?.[1];
  return elementsOf(propertyOf(dialog, 'intents')?.children?.[1]);
}

/** The prompt ids a dialog slot entry refers to. */
export function slotPromptIds(slot: Node): Array<{ kind: PromptUse['kind']; id: string }> {
  const out: Array<{ kind: PromptUse['kind']; id: string }> = [];
  const prompts = propertyOf(slot, 'prompts')?.children?.[1];
  for (const kind of ['elicitation', 'confirmation'] as const) {
    const id = stringProp(prompts, kind);
    if (id !== undefined) out.push({ kind, id });
  }
  for (const v of elementsOf(propertyOf(slot, 'validations')?.children?.[1])) {
    const id = stringProp(v, 'prompt');
    if (id !== undefined) out.push({ kind: 'validation', id });
  }
  return out;
}

/** The prompt ids a dialog intent refers to outside its slots (its confirmation prompt). */
export function intentPromptIds(intent: Node): string[] {
  const prompts = propertyOf(intent, 'prompts')?.children?.[1];
  return entriesOfStrings(prompts);
}

function entriesOfStrings(obj: Node | undefined): string[] {
  if (!obj || obj.type !== 'object') return [];
  const out: string[] = [];
  for (const p of obj.children ?? []) {
    const v = p.children?.[1];
    if (v?.type === 'string') out.push(v.value as string);
  }
  return out;
}

function dialogSlotsOf(model: ModelFile, prompts: PromptFact[]): Map<string, DialogSlotFact> {
  const byId = new Map(prompts.map((p) => [p.id, p]));
  const out = new Map<string, DialogSlotFact>();
  dialogIntents(model).forEach((intentNode, intentIndex) => {
    const intent = stringProp(intentNode, 'name');
    if (intent === undefined) return;
    elementsOf(propertyOf(intentNode, 'slots')?.children?.[1]).forEach((node, slotIndex) => {
      const name = stringProp(node, 'name');
      if (name === undefined) return;
      const key = `${intent}\0${name}`;
      if (out.has(key)) return;
      out.set(key, { intentIndex, slotIndex, node, prompts: slotPromptIds(node).map((p) => ({ ...p, prompt: byId.get(p.id) })) });
    });
  });
  return out;
}

/** How often each prompt id is referred to anywhere in the model's dialog. */
function promptReferencesOf(model: ModelFile): Map<string, number> {
  const out = new Map<string, number>();
  const count = (id: string): void => {
    out.set(id, (out.get(id) ?? 0) + 1);
  };
  for (const intent of dialogIntents(model)) {
    intentPromptIds(intent).forEach(count);
    for (const slot of elementsOf(propertyOf(intent, 'slots')?.children?.[1])) slotPromptIds(slot).forEach((p) => count(p.id));
  }
  return out;
}

/**
 * The span in the file of `[offset, offset + length)` of a JSON string's decoded value. Escapes
 * (`\"`, `\n`, `\u00e9`) take more characters in the file than in the value, so offsets are mapped
 * by walking the string token.
 */
export function stringContentSpan(fileText: string, node: Node, offset: number, length: number): { offset: number; length: number } {
  const start = node.offset + 1; // after the opening quote
  const end = node.offset + node.length - 1;
  let decoded = 0;
  let i = start;
  let from = -1;
  let to = -1;
  while (i < end) {
    if (decoded === offset && from < 0) from = i;
    if (decoded === offset + length && to < 0) to = i;
    if (fileText.charCodeAt(i) === 0x5c /* \ */) i += fileText[i + 1] === 'u' ? 6 : 2;
    else i += 1;
    decoded += 1;
  }
  if (from < 0) from = Math.min(i, end);
  if (to < 0) to = Math.min(i, end);
  return { offset: from, length: Math.max(0, to - from) };
}

/** Slot and prompt evidence for the rules that ask "does this skill collect personal data". */
export function modelEvidence(analysis: SkillAnalysis): Evidence[] {
  const facts = modelFacts(analysis);
  const out: Evidence[] = [];
  for (const s of facts.slots) {
    if (!s.classification) continue;
    out.push({
      kind: 'slot',
      category: s.classification.category,
      reason: `${s.classification.reason} in ${s.locale}`,
      file: s.file,
      offset: s.nameNode.offset,
      length: s.nameNode.length,
    });
  }
  for (const r of facts.requests) {
    out.push({ kind: 'prompt', category: r.match.category, reason: `prompt \`${r.prompt.id}\` ${r.match.reason} in ${r.prompt.model.locale}`, file: r.prompt.model.doc.path, offset: r.offset, length: r.length });
  }
  return out;
}

registerEvidenceSource(modelEvidence);

// -------------------------------------------------------------------------------------------------
// Helpers the model rules share

/** The same slot (same intent and slot name) in the other locales' models. */
export function sameSlotElsewhere(facts: ModelFacts, slot: SlotFact): SlotFact[] {
  // The intent and name compared again: a name holding `\0` could share another pair's key.
  return (slotsByIntentAndName(facts).get(`${slot.intent}\0${slot.name}`) ?? []).filter((s) => s !== slot && s.file !== slot.file && s.intent === slot.intent && s.name === slot.name);
}

/**
 * The facts' slots by intent and slot name, in their order: the rules ask for each finding's
 * slot, and a scan of every slot each time is quadratic in the model (a 300-intent model in five
 * locales has thousands). Built on first use; the facts do not change once computed.
 */
const slotIndexes = new WeakMap<ModelFacts, Map<string, SlotFact[]>>();

function slotsByIntentAndName(facts: ModelFacts): Map<string, SlotFact[]> {
  let index = slotIndexes.get(facts);
  if (!index) {
    index = new Map();
    for (const s of facts.slots) {
      const key = `${s.intent}\0${s.name}`;
      const list = index.get(key);
      if (list) list.push(s);
      else index.set(key, [s]);
    }
    slotIndexes.set(facts, index);
  }
  return index;
}

const MAX_RELATED = 10;

/** Related locations of a slot finding: the utterances that fill it, then the other locales' slot. */
export function slotRelated(facts: ModelFacts, slot: SlotFact): Array<{ file: string; offset: number; length: number; message: string }> {
  // Only the samples that are shown get a message (a slot may have hundreds of utterances).
  const shown = MAX_RELATED - 3;
  const out = [
    ...slot.intentSamples.slice(0, shown).map((s) => ({ file: slot.file, offset: s.node.offset, length: s.node.length, message: `Utterance that fills \`${slot.name}\`: "${s.text}"` })),
    ...slot.slotSamples.slice(0, Math.max(0, shown - slot.intentSamples.length)).map((s) => ({ file: slot.file, offset: s.node.offset, length: s.node.length, message: `Answer that fills \`${slot.name}\` when Alexa asks for it: "${s.text}"` })),
  ];
  for (const other of sameSlotElsewhere(facts, slot)) {
    if (out.length >= MAX_RELATED) break;
    out.push({ file: other.file, offset: other.nameNode.offset, length: other.nameNode.length, message: `The same slot in ${other.locale}` });
  }
  return out;
}

/**
 * The permission that gives a slot's data without asking by voice: a first-name slot maps to the
 * given-name permission, other name slots to the full name.
 */
export function permissionForSlot(slot: SlotFact): PermissionInfo | undefined {
  const category = slot.classification?.category;
  if (!category) return undefined;
  if (category === 'name') {
    const first = /first_?name|given_?name/i.test(slot.type) || /first|given|vorname|prenom|prénom/i.test(slot.name);
    return permissionByManifestName(first ? 'alexa::profile:given_name:read' : 'alexa::profile:name:read');
  }
  return permissionForCategory(category);
}

/**
 * Permissions that, once declared, give the skill a slot's data: either name permission covers a
 * name; the postal code, the full address or the geolocation cover a location.
 */
export function coveringPermissions(slot: SlotFact): string[] {
  const preferred = permissionForSlot(slot);
  if (!preferred) return [];
  const extra: Partial<Record<string, string[]>> = {
    name: ['alexa::profile:name:read', 'alexa::profile:given_name:read'],
    location: ['alexa:devices:all:address:country_and_postal_code:read', 'alexa::devices:all:address:full:read', 'alexa::devices:all:geolocation:read'],
  };
  const category = slot.classification?.category ?? '';
  return [preferred.manifest, ...(extra[category] ?? []).filter((p) => p !== preferred.manifest)];
}
