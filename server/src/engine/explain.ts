import { Node, findNodeAtOffset } from 'jsonc-parser';
import { Skill } from './skill';
import { permissionByManifestName } from './taxonomy/permissions';

/**
 * Hover explanations for skill files, as Markdown: what a manifest key means for privacy and
 * which Amazon requirement stands behind it. Explanations of slots and code come from the
 * modules that classify them (registered below), so this module stays small.
 */
export type Explainer = (skill: Skill, file: string, offset: number) => string | undefined;

const explainers: Explainer[] = [];

export function registerExplainer(e: Explainer): void {
  if (!explainers.includes(e)) explainers.push(e);
}

export function explainAt(skill: Skill, file: string, offset: number): string | undefined {
  const parts: string[] = [];
  const own = explainManifest(skill, file, offset);
  if (own) parts.push(own);
  for (const e of explainers) {
    try {
      const text = e(skill, file, offset);
      if (text) parts.push(text);
    } catch {
      // an explanation is a nicety; never fail a hover for it
    }
  }
  return parts.length ? parts.join('\n\n---\n\n') : undefined;
}

const PRIVACY_KEYS: Record<string, string> = {
  usesPersonalInfo:
    '**usesPersonalInfo** — does the skill collect or use personal information (name, e-mail, phone, address, location, voice data linked to a person)? Amazon reviews the answer in certification; it must be `true` when any slot, permission, account linking or code collects such data, and then every locale needs a privacy policy link.',
  isChildDirected:
    '**isChildDirected** — is the skill directed to children under 13? Child-directed skills fall under COPPA: they must not collect personal information from children (Amazon paid USD 25 million in 2023 for keeping children\'s voice and location data). Kid skills cannot use permissions, account linking or purchases without the parental consent flows Amazon provides.',
  containsAds:
    '**containsAds** — does the skill play or speak advertisements? Alexa policy forbids ads in most skills except in streaming audio; sharing interaction data with ad partners must be disclosed.',
  allowsPurchases: '**allowsPurchases** — can users spend real money through the skill (in-skill purchasing, Amazon Pay)?',
  isExportCompliant: '**isExportCompliant** — the skill may be exported to any country (US export law).',
  usesHealthInfo: '**usesHealthInfo** — the skill handles protected health information (HIPAA-eligible skills only).',
  privacyPolicyUrl:
    '**privacyPolicyUrl** — the https link to the privacy policy shown to customers in the Alexa app, per locale. Required when the skill collects personal information; it must say what is collected, why, how long it is kept, who receives it and how to delete it.',
  termsOfUseUrl: '**termsOfUseUrl** — the https link to the terms of use, per locale.',
};

function keyOrValue(node: Node | undefined): { key: string; onKey: boolean; value: Node | undefined } | undefined {
  if (!node) return undefined;
  const prop = node.parent?.type === 'property' ? node.parent : undefined;
  if (!prop) return undefined;
  const keyNode = prop.children?.[0];
  return { key: String(keyNode?.value), onKey: keyNode === node, value: prop.children?.[1] };
}

function explainManifest(skill: Skill, file: string, offset: number): string | undefined {
  const m = skill.manifest;
  if (!m || m.doc.path !== file || !m.doc.root) return undefined;
  const node = findNodeAtOffset(m.doc.root, offset, true);
  const kv = keyOrValue(node);
  if (!kv) return undefined;
  if (kv.key === 'name' && kv.value?.type === 'string' && kv.value.parent?.parent?.parent?.parent && keyOrValue(kv.value.parent.parent.parent)?.key === 'permissions') {
    const name = kv.value.value as string;
    const info = permissionByManifestName(name);
    if (!info) return `**Permission \`${name}\`** — not a permission Skill Privacy Lint knows; check the spelling against Amazon's list of permissions.`;
    const card = info.card === info.manifest ? '' : ` In code, the consent card asks for the scope \`${info.card}\` (not the manifest name).`;
    return `**Permission \`${name}\`** — gives the skill ${info.label} once the customer grants it in the Alexa app.${card} Ask only for what the skill uses: unused permissions are over-privilege and a certification finding.`;
  }
  const text = PRIVACY_KEYS[kv.key];
  return text;
}
