import { DataCategory } from './categories';

/**
 * Alexa permissions. The manifest name (skill.json `permissions[].name`) and the scope string a
 * consent card asks for (`withAskForPermissionsConsentCard`) differ for the device address;
 * DESIGN.md "Code model". Fixes write `manifest` into skill.json and `card` into code.
 */
export interface PermissionInfo {
  /** skill.json `permissions[].name`. */
  manifest: string;
  /** Scope for `withAskForPermissionsConsentCard` / AskFor requests. */
  card: string;
  /** What the permission gives, for messages. */
  label: string;
  /** The personal-data category a slot could collect instead of using this permission. */
  category?: DataCategory;
  /** What the permission gives, as a skill says it to the customer ("your e-mail address"). */
  spoken: string;
}

/** Manifest permission names by short key, for code that names them (API detection, consent speech). */
export const PERMISSION = {
  name: 'alexa::profile:name:read',
  givenName: 'alexa::profile:given_name:read',
  email: 'alexa::profile:email:read',
  mobile: 'alexa::profile:mobile_number:read',
  address: 'alexa::devices:all:address:full:read',
  postal: 'alexa:devices:all:address:country_and_postal_code:read',
  geo: 'alexa::devices:all:geolocation:read',
  personId: 'alexa::person_id:read',
  listsRead: 'alexa::household:lists:read',
  listsWrite: 'alexa::household:lists:write',
  reminders: 'alexa::alerts:reminders:skill:readwrite',
  timers: 'alexa::alerts:timers:skill:readwrite',
  notifications: 'alexa::devices:all:notifications:write',
  pay: 'payments:autopay_consent',
} as const;

export const PERMISSIONS: PermissionInfo[] = [
  { manifest: 'alexa::profile:name:read', card: 'alexa::profile:name:read', label: "the customer's full name", category: 'name', spoken: 'your name' },
  { manifest: 'alexa::profile:given_name:read', card: 'alexa::profile:given_name:read', label: "the customer's given name", category: 'name', spoken: 'your first name' },
  { manifest: 'alexa::profile:email:read', card: 'alexa::profile:email:read', label: "the customer's e-mail address", category: 'email', spoken: 'your e-mail address' },
  { manifest: 'alexa::profile:mobile_number:read', card: 'alexa::profile:mobile_number:read', label: "the customer's phone number", category: 'phone', spoken: 'your mobile number' },
  { manifest: 'alexa::devices:all:address:full:read', card: 'read::alexa:device:all:address', label: "the device's full address", category: 'address', spoken: 'the address of this device' },
  {
    manifest: 'alexa:devices:all:address:country_and_postal_code:read',
    card: 'read::alexa:device:all:address:country_and_postal_code',
    label: "the device's country and postal code",
    category: 'location',
    spoken: 'the postal code of this device',
  },
  { manifest: 'alexa::devices:all:geolocation:read', card: 'alexa::devices:all:geolocation:read', label: "the device's geolocation", category: 'location', spoken: 'the location of this device' },
  { manifest: 'alexa::person_id:read', card: 'alexa::person_id:read', label: 'the recognised speaker (person id)', spoken: 'your voice profile' },
  { manifest: 'alexa::household:lists:read', card: 'read::alexa:household:list', label: 'the household lists', spoken: 'your Alexa lists' },
  { manifest: 'alexa::household:lists:write', card: 'write::alexa:household:list', label: 'writing to the household lists', spoken: 'your Alexa lists' },
  { manifest: 'alexa::alerts:reminders:skill:readwrite', card: 'alexa::alerts:reminders:skill:readwrite', label: 'reminders', spoken: 'reminders' },
  { manifest: 'alexa::alerts:timers:skill:readwrite', card: 'alexa::alerts:timers:skill:readwrite', label: 'timers', spoken: 'timers' },
  { manifest: 'alexa::devices:all:notifications:write', card: 'alexa::devices:all:notifications:write', label: 'notifications', spoken: 'notifications' },
  { manifest: 'payments:autopay_consent', card: 'payments:autopay_consent', label: 'Amazon Pay', spoken: 'Amazon Pay' },
];

export function permissionByManifestName(name: string): PermissionInfo | undefined {
  return PERMISSIONS.find((p) => p.manifest === name);
}

export function permissionByCardScope(scope: string): PermissionInfo | undefined {
  return PERMISSIONS.find((p) => p.card === scope);
}

/** The permission a skill should use instead of asking for this category by voice. */
export function permissionForCategory(category: DataCategory): PermissionInfo | undefined {
  return PERMISSIONS.find((p) => p.category === category);
}
