import { Node } from 'jsonc-parser';
import { ManifestFile } from '../skill';
import { elementsOf, entriesOf, keyNodeOf, nodeAt, propertyOf } from '../json/document';
import { Skill } from '../skill';

/** `manifest.privacyAndCompliance` and its per-locale entries, as nodes. */
export interface PrivacyBlock {
  block: Node | undefined;
  locales: Node | undefined;
  /** Locale → its `privacyPolicyUrl` value node, when present. */
  policyUrls: Map<string, Node>;
}

export function privacyBlock(m: ManifestFile): PrivacyBlock {
  const block = nodeAt(m.manifest, ['privacyAndCompliance']);
  const locales = propertyOf(block, 'locales')?.children?.[1];
  const policyUrls = new Map<string, Node>();
  for (const [locale, entry] of entriesOf(locales)) {
    const url = propertyOf(entry, 'privacyPolicyUrl')?.children?.[1];
    if (url) policyUrls.set(locale, url);
  }
  return { block, locales, policyUrls };
}

/**
 * Every locale the skill ships: those of `publishingInformation.locales`, of the interaction
 * models and of `privacyAndCompliance.locales`, sorted. Certification checks each of them.
 */
export function skillLocales(skill: Skill): string[] {
  const set = new Set<string>();
  const m = skill.manifest;
  if (m?.manifest) {
    for (const [locale] of entriesOf(nodeAt(m.manifest, ['publishingInformation', 'locales']))) set.add(locale);
  }
  for (const model of skill.models) set.add(model.locale);
  return [...set].sort();
}

/** The most specific existing node under which a missing locale entry would go, for a diagnostic. */
export function anchorForLocale(m: ManifestFile, locale: string): Node | undefined {
  const { block, locales } = privacyBlock(m);
  return (
    keyNodeOf(locales, locale) ??
    keyNodeOf(block, 'locales') ??
    keyNodeOf(m.manifest, 'privacyAndCompliance') ??
    (m.key ? keyNodeOf(m.doc.root, m.key) : undefined)
  );
}

/** The string `name` values of `manifest.permissions[]`, in order. */
export function permissionNameNodes(manifest: Node | undefined): Node[] {
  return elementsOf(nodeAt(manifest, ['permissions']))
    .map((p) => propertyOf(p, 'name')?.children?.[1])
    .filter((n): n is Node => n?.type === 'string');
}

/** The `accountLinking` key: at the top of the manifest (ask-cli v1) or under one of its `apis`. */
export function accountLinkingKey(manifest: Node | undefined): Node | undefined {
  return keyNodeOf(manifest, 'accountLinking') ?? entriesOf(nodeAt(manifest, ['apis'])).map(([, api]) => keyNodeOf(api, 'accountLinking')).find((k) => k);
}
