/**
 * The personal-data taxonomy (DESIGN.md "Personal-data taxonomy"): categories, permissions, and
 * the classifiers rules call on slots, utterances, prompts and code identifiers.
 */
export * from './categories';
export * from './permissions';
export {
  SlotInput,
  builtInSlotCategory,
  classifyFreeForm,
  classifyIdentifier,
  classifySlot,
  findDataMentions,
  findDataRequest,
  languageOf,
  splitIdentifier,
} from './classify';
