/**
 * Personal-data categories (DESIGN.md "Personal-data taxonomy"). Every classification in the
 * engine names one of these, with a reason a developer can read.
 */
export type DataCategory =
  | 'name'
  | 'email'
  | 'phone'
  | 'address'
  | 'location'
  | 'birthdate'
  | 'age'
  | 'gender'
  | 'health'
  | 'financial'
  | 'government-id'
  | 'credentials'
  | 'free-speech'
  | 'device-id'
  | 'user-id'
  | 'children';

export interface CategoryInfo {
  id: DataCategory;
  /** Noun phrase for messages: "a phone number". */
  label: string;
  /** Must never be collected by voice (Alexa policy: financial, government ids, credentials). */
  sensitive: boolean;
}

export const CATEGORIES: Record<DataCategory, CategoryInfo> = {
  name: { id: 'name', label: "a person's name", sensitive: false },
  email: { id: 'email', label: 'an e-mail address', sensitive: false },
  phone: { id: 'phone', label: 'a phone number', sensitive: false },
  address: { id: 'address', label: 'a postal address', sensitive: false },
  location: { id: 'location', label: 'a location', sensitive: false },
  birthdate: { id: 'birthdate', label: 'a date of birth', sensitive: false },
  age: { id: 'age', label: "a person's age", sensitive: false },
  gender: { id: 'gender', label: "a person's gender", sensitive: false },
  health: { id: 'health', label: 'health information', sensitive: false },
  financial: { id: 'financial', label: 'a card or bank account number', sensitive: true },
  'government-id': { id: 'government-id', label: 'a government identification number', sensitive: true },
  credentials: { id: 'credentials', label: 'a password or PIN', sensitive: true },
  'free-speech': { id: 'free-speech', label: 'free-form speech', sensitive: false },
  'device-id': { id: 'device-id', label: 'a device identifier', sensitive: false },
  'user-id': { id: 'user-id', label: 'a user identifier', sensitive: false },
  children: { id: 'children', label: "children's data", sensitive: false },
};

export interface Classification {
  category: DataCategory;
  /** Why, for a person: "slot `nummer` of type AMAZON.PhoneNumber". */
  reason: string;
}

/** A classification of part of a text (an utterance or a prompt), with the span of the words. */
export interface TextMatch extends Classification {
  offset: number;
  length: number;
}
