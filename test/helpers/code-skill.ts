/**
 * A small skill for the code rules: a plain layout (skill.json, one en-US model) and handler code
 * under lambda/. The model has a personal slot (`phone`), a free-form one (`note`) and a harmless
 * one (`topping`, a custom type of pizza toppings).
 */
import { Files } from './rule-tester';

export const MANIFEST = `{
  "manifest": {
    "privacyAndCompliance": {
      "usesPersonalInfo": true,
      "locales": { "en-US": { "privacyPolicyUrl": "https://www.example-pizza.com/privacy" } }
    },
    "apis": { "custom": {} }
  }
}
`;

export const MODEL = `{
  "interactionModel": {
    "languageModel": {
      "invocationName": "corner pizza",
      "intents": [
        { "name": "PhoneIntent", "slots": [{ "name": "phone", "type": "AMAZON.PhoneNumber" }], "samples": ["my number is {phone}"] },
        { "name": "NoteIntent", "slots": [{ "name": "note", "type": "AMAZON.SearchQuery" }], "samples": ["add a note {note}"] },
        { "name": "ToppingIntent", "slots": [{ "name": "topping", "type": "ToppingType" }], "samples": ["add {topping}"] }
      ],
      "types": [{ "name": "ToppingType", "values": [{ "name": { "value": "mushrooms" } }, { "name": { "value": "olives" } }] }]
    }
  }
}
`;

export const MODEL_FILE = 'interactionModels/custom/en-US.json';

/** The skill with these code files (paths relative to lambda/). */
export function codeSkill(code: Record<string, string>, extra: Files = {}): Files {
  const files: Files = { 'skill.json': MANIFEST, [MODEL_FILE]: MODEL, ...extra };
  for (const [rel, text] of Object.entries(code)) files[`lambda/${rel}`] = text;
  return files;
}
