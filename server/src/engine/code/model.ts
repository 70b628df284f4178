import { DataCategory } from '../taxonomy/categories';
import { FileSpan } from '../types';

/**
 * The code model (DESIGN.md "Code model"): where personal data enters handler code, where it
 * leaves (logs, storage, third parties), the steps between, and what the skill says. Plain data
 * with absolute files and offsets; rules turn it into findings.
 */

/** What kind of thing a source is; decides the wording and which rules count it. */
export type SourceKind =
  | 'slot'
  | 'envelope'
  | 'profile'
  | 'address'
  | 'geolocation'
  | 'user-id'
  | 'person-id'
  | 'device-id'
  | 'attribute';

export interface DataSource extends FileSpan {
  /** Stable within one analysis: `file:offset:kind`. */
  id: string;
  kind: SourceKind;
  category: DataCategory;
  /** For messages: "slot `phone` (AMAZON.PhoneNumber)", "the request envelope". */
  description: string;
  /** Short noun for redaction text: "phone", "email", "user id". */
  short: string;
  /** The slot's name, for slot sources. */
  slot?: string;
}

export type SinkKind = 'log' | 'persist' | 'http' | 'analytics' | 'messaging';

/** Storage details a persistence sink knows about (for `personal-data-persisted`). */
export interface PersistFacts {
  /** `attributes` (ask-sdk persistent attributes or alexa-sdk v1 `this.attributes`), `dynamodb`, `dynamodb-low-level` (AttributeValue maps), `s3`, `mongodb`, `firestore`, `redis`, `sql`, `other`. */
  store: 'attributes' | 'dynamodb' | 'dynamodb-low-level' | 's3' | 'mongodb' | 'firestore' | 'redis' | 'sql' | 'other';
  /** The stored item carries an expiry/TTL attribute (`ttl`, `expiresAt`, …) or the write sets one. */
  carriesExpiry: boolean;
  /** The object literal that is stored, where an expiry attribute can be added. */
  objectLiteral?: FileSpan;
  /** The variable that is stored (`setPersistentAttributes(attributes)`), when it is not a literal. */
  variable?: { name: string; statement: FileSpan };
  /** The table or collection, when the call names it with a constant (`TableName: 'users'`). */
  table?: string;
}

export interface Sink extends FileSpan {
  /** `file:offset` of the call. The span is the call (or `new`, or assignment) expression. */
  id: string;
  kind: SinkKind;
  /** "`axios.post` to api.example-crm.com", "`console.log`", "`docClient.put` (DynamoDB)". */
  description: string;
  /** Host or SDK for third parties, store name for persistence, logger library for logs. */
  destination?: string;
  persist?: PersistFacts;
}

export interface FlowStep extends FileSpan {
  /** "passed to `subscribeCustomer()` as `phone`", "stored in session attribute `phone`". */
  message: string;
}

export interface Flow {
  source: DataSource;
  sink: Sink;
  /** The smallest expression in the sink's arguments that carries the data (a template part, a property, an argument). */
  carrier: FileSpan;
  steps: FlowStep[];
}

export type SpeechKind = 'speak' | 'reprompt' | 'elicit-slot' | 'ask' | 'tell' | 'card';

/** Something the skill says or shows (for `speech-requests-personal-data`). */
export interface SpeechOutput extends FileSpan {
  kind: SpeechKind;
  /**
   * The possible texts, resolved through constants, template strings and concatenation. Parts
   * computed at run time appear as `{name}` (the variable or property name) or `{…}`. Empty when
   * nothing could be resolved.
   */
  texts: string[];
  /** The slot an elicitation (`addElicitSlotDirective`, v1 `:elicitSlot`) asks for. */
  slot?: string;
  /** The call the text is an argument of. */
  call: FileSpan;
}

export interface CodeModel {
  flows: Flow[];
  /** Every persistence sink reached by any value (also without personal data), with its facts. */
  writes: Sink[];
  speech: SpeechOutput[];
  /** Every personal-data source seen, reaching a sink or not. */
  sources: DataSource[];
  /** Every place a slot is read by name (personal or not), in file order: where slot findings link to. */
  slotReads: SlotRead[];
}

export interface SlotRead extends FileSpan {
  slot: string;
}
