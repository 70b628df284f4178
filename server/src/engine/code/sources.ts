import { Node } from 'jsonc-parser';
import { ModelFile, Skill } from '../skill';
import { sameItems } from '../same';
import { Classification, DataCategory } from '../taxonomy/categories';
import { SlotInput, classifyFreeForm, classifyIdentifier, classifySlot } from '../taxonomy';
import { DataSource, SourceKind } from './model';

/**
 * Where personal data enters handler code (DESIGN.md "Code model"): slot values classified by the
 * skill's interaction models, the request envelope and its ids, the Customer Profile and device
 * address services (SDK clients and REST), and attributes read back.
 */

/** A source before it has a place in the code. */
export type SourceTemplate = Omit<DataSource, 'id' | 'file' | 'offset' | 'length'>;

interface SlotEntry {
  type: string;
  classification: Classification | undefined;
}

/** A slot as declared, classified when the code first reads a slot of its name. */
export interface DeclaredSlot {
  type: string;
  input: SlotInput;
  classification?: Classification | null;
}

function classified(d: DeclaredSlot): SlotEntry {
  if (d.classification === undefined) d.classification = classifySlot(d.input) ?? classifyFreeForm(d.input) ?? null;
  return { type: d.type, classification: d.classification ?? undefined };
}

/**
 * The value node of `key` in an object node: the last property of that name that has a value, the
 * one `valueOf` (jsonc-parser's `getNodeValue`) keeps.
 */
function member(node: Node | undefined, key: string): Node | undefined {
  if (node?.type !== 'object' || !node.children) return undefined;
  let out: Node | undefined;
  for (const p of node.children) if (p.children?.[1] && p.children[0].value === key) out = p.children[1];
  return out;
}

const stringOf = (n: Node | undefined): string | undefined => (n?.type === 'string' ? (n.value as string) : undefined);
const itemsOf = (n: Node | undefined): Node[] | undefined => (n?.type === 'array' ? (n.children ?? []) : undefined);
const stringsOf = (ns: Node[] | undefined): string[] => (ns ? ns.filter((n) => n.type === 'string').map((n) => n.value as string) : []);

/**
 * Every slot of every intent in every locale, by name, read off the models' trees: what reading
 * the plain values (`valueOf` of each language model) gave, without converting the whole model
 * (its samples and values, most of a model) into objects first on every run.
 */
export function declaredSlots(models: readonly ModelFile[]): Map<string, DeclaredSlot[]> {
  const slots = new Map<string, DeclaredSlot[]>();
  for (const m of models) {
    const lm = m.languageModel;
    if (lm?.type !== 'object') continue;
    const typeValues = new Map<string, string[]>();
    for (const t of itemsOf(member(lm, 'types')) ?? []) {
      const name = stringOf(member(t, 'name'));
      const values = itemsOf(member(t, 'values'));
      if (name === undefined || !values) continue;
      const vals: string[] = [];
      for (const v of values) {
        const value = stringOf(member(member(v, 'name'), 'value'));
        if (value !== undefined) vals.push(value);
      }
      typeValues.set(name, vals);
    }
    const intents = itemsOf(member(lm, 'intents'));
    if (!intents) continue;
    for (const intent of intents) {
      const intentSlots = itemsOf(member(intent, 'slots'));
      if (!intentSlots) continue;
      const samples = stringsOf(itemsOf(member(intent, 'samples')));
      for (const s of intentSlots) {
        const name = stringOf(member(s, 'name'));
        if (name === undefined) continue;
        const type = stringOf(member(s, 'type')) ?? '';
        const own = stringsOf(itemsOf(member(s, 'samples')));
        const ref = `{${name}}`;
        const input = {
          name,
          type,
          locale: m.locale,
          samples: [...samples.filter((x) => x.includes(ref)), ...own],
          customValues: typeValues.get(type),
        };
        const list = slots.get(name) ?? [];
        list.push({ type, input });
        slots.set(name, list);
      }
    }
  }
  return slots;
}

const catalogs = new WeakMap<object, { parts: unknown[]; catalog: SlotCatalog }>();
/** The key of the catalogs of skills without a model tree. */
const NO_MODEL = {};

/**
 * Slots of every intent in every locale, classified once per skill, and only those the code
 * reads: most slots of a model are never read by name in a given skill's handlers.
 */
export class SlotCatalog {
  private readonly slots: Map<string, DeclaredSlot[]>;
  private readonly cache = new Map<string, SlotEntry | null>();

  private personal: boolean | undefined;

  private constructor(skill: Skill) {
    this.slots = declaredSlots(skill.models);
  }

  /**
   * The catalog of the skill's models: the one made for the same models' trees when there is one
   * (the last per first tree), as a keystroke in code re-reads no model and each data-flow run
   * asked for the catalog again (0.3 ms of a keystroke in the 10,000-line file). What a catalog
   * holds depends on the models' locales and trees alone.
   */
  static of(skill: Skill): SlotCatalog {
    const parts: unknown[] = [];
    for (const m of skill.models) parts.push(m.locale, m.languageModel);
    const key = skill.models.find((m) => m.languageModel)?.languageModel ?? NO_MODEL;
    const hit = catalogs.get(key);
    if (hit && sameItems(hit.parts, parts)) return hit.catalog;
    const catalog = new SlotCatalog(skill);
    catalogs.set(key, { parts, catalog });
    return catalog;
  }

  /** Whether any slot of the skill holds personal data: a read of "whichever slot" may be one of them. */
  anyPersonal(): boolean {
    // Asked on every read of the request, the intent or its slots; the slots never change.
    if (this.personal === undefined) this.personal = [...this.slots.values()].some((list) => list.some((d) => classified(d).classification));
    return this.personal;
  }

  /** The slot's type and category; a personal classification wins over a harmless one. */
  lookup(name: string): SlotEntry | undefined {
    const hit = this.cache.get(name);
    if (hit !== undefined) return hit ?? undefined;
    const entries = this.slots.get(name);
    let out: SlotEntry | undefined;
    if (entries) {
      // The first personal declaration wins: those after it need no classification.
      for (const d of entries) {
        const e = classified(d);
        if (e.classification) {
          out = e;
          break;
        }
      }
      out ??= classified(entries[0]);
    } else {
      const c = classifyIdentifier(name);
      out = c ? { type: '', classification: { category: c.category, reason: `slot \`${name}\`` } } : undefined;
    }
    this.cache.set(name, out ?? null);
    return out;
  }
}

const SHORT: Record<DataCategory, string> = {
  name: 'name',
  email: 'email',
  phone: 'phone number',
  address: 'address',
  location: 'location',
  birthdate: 'birth date',
  age: 'age',
  gender: 'gender',
  health: 'health data',
  financial: 'account number',
  'government-id': 'id number',
  credentials: 'credentials',
  'free-speech': 'speech',
  'device-id': 'device id',
  'user-id': 'user id',
  children: 'data',
};

export function shortNoun(category: DataCategory): string {
  return SHORT[category];
}

/** A slot value source, or undefined when the slot does not hold personal data (a pizza topping). */
export function slotSource(name: string, catalog: SlotCatalog): SourceTemplate | undefined {
  if (name === '*' || name === '') return undefined;
  const e = catalog.lookup(name);
  if (!e?.classification) return undefined;
  return {
    kind: 'slot',
    category: e.classification.category,
    description: e.type ? `slot \`${name}\` (${e.type})` : `slot \`${name}\``,
    short: name,
    slot: name,
  };
}

function src(kind: SourceKind, category: DataCategory, description: string, short?: string): SourceTemplate {
  return { kind, category, description, short: short ?? SHORT[category] };
}

const NOT_DATA_REQUEST = new Set(['type', 'requestId', 'timestamp', 'locale', 'dialogState', 'reason', 'error', 'shouldLinkResultBeReturned', 'token', 'offsetInMilliseconds']);
const NOT_DATA_SLOT = new Set(['name', 'confirmationStatus', 'source']);

/**
 * What a part of the request envelope is, by its property path from the envelope: a slot value, an
 * id, the geolocation, or the envelope (or a big part of it) itself. Undefined for harmless parts
 * (request type, intent name, locale, api endpoint).
 * Returns `{ slot }` for slot paths so the caller classifies the slot.
 */
export function envelopePathSource(p: readonly string[], catalog: SlotCatalog): SourceTemplate | undefined {
  const [a, b, c, d, e] = p;
  if (a === undefined) return src('envelope', 'free-speech', 'the request envelope (slot values, user and device ids)', 'request');
  if (a === 'request') {
    if (b === undefined) return src('envelope', 'free-speech', 'the request (`request`), with its slot values', 'request');
    if (NOT_DATA_REQUEST.has(b)) return undefined;
    if (b === 'intent') {
      if (c === undefined) return src('envelope', 'free-speech', 'the intent (`request.intent`), with its slot values', 'intent');
      if (c === 'slots') {
        if (d === undefined) return src('envelope', 'free-speech', 'the slot values (`request.intent.slots`)', 'slots');
        if (e !== undefined && NOT_DATA_SLOT.has(e)) return undefined;
        return slotSource(d, catalog);
      }
      return undefined;
    }
    if (b === 'apiRequest' || b === 'arguments' || b === 'body' || b === 'payload') return src('envelope', 'free-speech', `the request's \`${b}\``, 'request');
    return undefined;
  }
  if (a === 'context') {
    if (b === undefined) return src('envelope', 'user-id', 'the request context (user and device ids)', 'context');
    if (b === 'Geolocation') return src('geolocation', 'location', 'the device geolocation (`context.Geolocation`)');
    if (b === 'System') {
      if (c === undefined) return src('user-id', 'user-id', 'the `System` context (user and device ids)');
      return systemPath(p.slice(2));
    }
    return undefined;
  }
  if (a === 'session') {
    if (b === undefined) return src('user-id', 'user-id', 'the session (`session`, with the user id)');
    if (b === 'user') return userPath(p.slice(2), 'session.user');
    return undefined;
  }
  return undefined;
}

function systemPath(p: readonly string[]): SourceTemplate | undefined {
  const [a, b] = p;
  if (a === 'user') return userPath(p.slice(1), 'System.user');
  if (a === 'person') {
    if (b === undefined || b === 'personId') return src('person-id', 'user-id', 'the person id (`System.person.personId`)', 'person id');
    return undefined;
  }
  if (a === 'device') {
    if (b === undefined || b === 'deviceId') return src('device-id', 'device-id', 'the device id (`System.device.deviceId`)');
    return undefined;
  }
  return undefined;
}

function userPath(p: readonly string[], where: string): SourceTemplate | undefined {
  const [a] = p;
  if (a === undefined || a === 'userId') return src('user-id', 'user-id', `the user id (\`${where}.userId\`)`);
  return undefined;
}

/** ask-sdk-core helpers on the envelope: `Alexa.getUserId(env)`, `getDeviceId`. Slot helpers are handled as envelope paths. */
export function alexaHelperSource(name: string): SourceTemplate | undefined {
  switch (name) {
    case 'getUserId':
      return src('user-id', 'user-id', 'the user id (`getUserId`)');
    case 'getDeviceId':
      return src('device-id', 'device-id', 'the device id (`getDeviceId`)');
    default:
      return undefined;
  }
}

/** Customer Profile API client methods (`getUpsServiceClient()`). */
export function profileSource(method: string): SourceTemplate | undefined {
  switch (method) {
    case 'getProfileName':
    case 'getProfileGivenName':
      return src('profile', 'name', `the customer's name (\`${method}\`)`);
    case 'getProfileEmail':
      return src('profile', 'email', "the customer's e-mail address (`getProfileEmail`)");
    case 'getProfileMobileNumber':
      return src('profile', 'phone', "the customer's phone number (`getProfileMobileNumber`)");
    case 'getPersonsProfileName':
    case 'getPersonsProfileGivenName':
      return src('profile', 'name', `the recognised person's name (\`${method}\`)`);
    case 'getPersonsProfileMobileNumber':
      return src('profile', 'phone', "the recognised person's phone number (`getPersonsProfileMobileNumber`)");
    default:
      return undefined;
  }
}

/** Device Address API client methods. */
export function addressSource(method: string): SourceTemplate | undefined {
  if (method === 'getFullAddress') return src('address', 'address', 'the device address (`getFullAddress`)');
  if (method === 'getCountryAndPostalCode') return src('address', 'location', 'the device country and postal code (`getCountryAndPostalCode`)', 'postal code');
  return undefined;
}

/** The REST form of the same APIs, by URL (`{apiEndpoint}/v2/accounts/~current/settings/Profile.email`). */
export function alexaApiSource(url: string): SourceTemplate | undefined {
  const profile = /\/v2\/(accounts|persons)\/~current\/(?:settings\/|profile\/)Profile\.(\w+)/.exec(url) ?? /\/v2\/(persons)\/~current\/profile\/(\w+)/.exec(url);
  if (profile) {
    const field = profile[2].toLowerCase();
    const who = profile[1] === 'persons' ? "the recognised person's" : "the customer's";
    if (field === 'email') return src('profile', 'email', `${who} e-mail address (Customer Profile API)`);
    if (field.includes('mobile') || field.includes('phone')) return src('profile', 'phone', `${who} phone number (Customer Profile API)`);
    if (field.includes('name')) return src('profile', 'name', `${who} name (Customer Profile API)`);
    return undefined;
  }
  if (/\/v1\/devices\/[^/]*\/settings\/address\/countryAndPostalCode/.test(url)) {
    return src('address', 'location', 'the device country and postal code (Device Address API)', 'postal code');
  }
  if (/\/v1\/devices\/[^/]*\/settings\/address/.test(url)) return src('address', 'address', 'the device address (Device Address API)');
  return undefined;
}

/** Attributes read back by a personal-sounding name (`attributes.phoneNumber`). */
export function attributeSource(name: string, store: string): SourceTemplate | undefined {
  const c = classifyIdentifier(name);
  if (!c) return undefined;
  return { kind: 'attribute', category: c.category, description: `${store} attribute \`${name}\``, short: name };
}

/** True for hosts of Amazon's own Alexa APIs: requests there are not third-party sharing. */
export function isAlexaApiHost(host: string): boolean {
  return /(^|\.)amazonalexa\.com$/i.test(host) || /^api\.(eu\.|fe\.)?amazon\.com$/i.test(host);
}
