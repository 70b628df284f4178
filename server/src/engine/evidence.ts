import { SkillAnalysis } from './analysis';
import { focusSpan, spanOf } from './json/document';
import { accountLinkingKey, permissionNameNodes } from './manifest/privacy';
import { DataCategory } from './taxonomy/categories';
import { permissionByManifestName } from './taxonomy/permissions';

/**
 * Why a skill counts as collecting personal data: each piece of evidence names what, why and where.
 * Rules that depend on "does this skill collect personal data" (missing-privacy-policy,
 * personal-info-flag-mismatch, child-directed-data-collection) all read this one list, so they
 * always agree.
 */
export interface Evidence {
  kind: 'slot' | 'prompt' | 'permission' | 'account-linking' | 'code';
  category: DataCategory | undefined;
  /** For messages: "slot `phone` (AMAZON.PhoneNumber) in en-US". */
  reason: string;
  file: string;
  offset: number;
  length: number;
}

/** Contributors add evidence from one kind of source; model and code modules register here. */
export type EvidenceSource = (analysis: SkillAnalysis) => Evidence[];

const sources: EvidenceSource[] = [];

export function registerEvidenceSource(source: EvidenceSource): void {
  if (!sources.includes(source)) sources.push(source);
}

export function personalDataEvidence(analysis: SkillAnalysis): Evidence[] {
  return analysis.memo('personal-data-evidence', () => {
    const out = [...manifestEvidence(analysis)];
    for (const s of sources) out.push(...s(analysis));
    return out;
  });
}

/** Permissions and account linking declared in skill.json. */
function manifestEvidence(analysis: SkillAnalysis): Evidence[] {
  const m = analysis.skill.manifest;
  if (!m?.manifest) return [];
  const file = m.doc.path;
  const out: Evidence[] = [];
  for (const nameNode of permissionNameNodes(m.manifest)) {
    const name = nameNode.value as string;
    const info = permissionByManifestName(name);
    out.push({
      kind: 'permission',
      category: info?.category,
      reason: `permission \`${name}\`${info ? ` (${info.label})` : ''}`,
      file,
      ...spanOf(nameNode),
    });
  }
  const linking = accountLinkingKey(m.manifest);
  if (linking) out.push({ kind: 'account-linking', category: 'user-id', reason: 'account linking', file, ...focusSpan(linking) });
  return out;
}
