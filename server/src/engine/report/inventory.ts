import * as path from 'path';
import { SkillAnalysis } from '../analysis';
import { codeModel } from '../code/analyze';
import { isAmazonDestination, isIdentifierOnly, isSharingSink } from '../code/evidence';
import { Flow } from '../code/model';
import { elementsOf, entriesOf, nodeAt, spanOf, stringAt, valueOf } from '../json/document';
import { accountLinkingKey, permissionNameNodes, privacyBlock, skillLocales } from '../manifest/privacy';
import { modelFacts } from '../model/facts';
import { Skill } from '../skill';
import { CATEGORIES, DataCategory, permissionByManifestName } from '../taxonomy';
import { FileSpan, Finding, Severity } from '../types';

/**
 * The data inventory of one skill (issue "privacy report"): what personal data it collects and
 * how, where the data goes, how long it stays, which permissions it declares and uses, and what
 * the linter found. Built from the same facts the rules use (model facts, the code model, the
 * manifest) and from the run's findings, so the report and the diagnostics never disagree.
 * Plain data with absolute paths and offsets; `markdown.ts` renders it.
 */

export interface Place extends FileSpan {
  /** 1-based line, for people. */
  line: number;
}

export interface CollectedItem {
  category: DataCategory;
  how: 'voice' | 'prompt' | 'permission' | 'account-linking' | 'code';
  /** "slot `phone` (AMAZON.PhoneNumber) in en-US", "permission `alexa::profile:email:read`". */
  what: string;
  where: Place;
}

export interface FlowItem {
  category: DataCategory;
  /** "slot `phone` (AMAZON.PhoneNumber)". */
  data: string;
  /** "`console.log`", "`axios.post` to api.example-crm.com". */
  sink: string;
  destination?: string;
  where: Place;
  /** Persistence only: the stored item expires (TTL attribute). */
  expires?: boolean;
}

export interface PolicyLink {
  locale: string;
  url?: string;
  /** The finding about this locale's link (missing or invalid), when there is one. */
  problem?: string;
}

export interface PermissionRow {
  name: string;
  label?: string;
  declared: boolean;
  /** `unused`: declared, never used by the code; `undeclared`: used, not declared. */
  problem?: 'unused' | 'undeclared';
  where?: Place;
}

export interface Inventory {
  name: string;
  root: string;
  layout: string;
  locales: string[];
  usesPersonalInfo: boolean | undefined;
  isChildDirected: boolean | undefined;
  policies: PolicyLink[];
  collected: CollectedItem[];
  logs: FlowItem[];
  storage: FlowItem[];
  thirdParties: FlowItem[];
  /** Every persistence write the code makes (with or without personal data). */
  writes: number;
  /** skill.json subscribes to SKILL_DISABLED. */
  skillDisabledSubscribed: boolean;
  /** The finding of no-data-deletion, when the skill keeps data with no deletion path. */
  deletionProblem?: string;
  permissions: PermissionRow[];
  findings: Array<{ ruleId: string; severity: Severity; count: number }>;
  hasCode: boolean;
}

export function buildInventory(skill: Skill, analysis: SkillAnalysis, findings: readonly Finding[]): Inventory {
  const texts = fileTexts(skill);
  const place = (s: FileSpan): Place => ({ file: s.file, offset: s.offset, length: s.length, line: lineOf(texts.get(s.file), s.offset) });
  const m = skill.manifest?.manifest;
  const privacy = skill.manifest && m ? privacyBlock(skill.manifest) : undefined;
  const bool = (key: string): boolean | undefined => {
    const v = valueOf(nodeAt(m, ['privacyAndCompliance', key]));
    return typeof v === 'boolean' ? v : undefined;
  };
  const findingsOf = (ruleId: string): Finding[] => findings.filter((f) => f.ruleId === ruleId);

  const policies: PolicyLink[] = skillLocales(skill).map((locale) => {
    const url = privacy?.policyUrls.get(locale);
    const problem = [...findingsOf('missing-privacy-policy'), ...findingsOf('invalid-privacy-policy-url')].find((f) => f.data.locale === locale);
    return { locale, url: typeof url?.value === 'string' ? url.value : undefined, problem: problem?.message.split('. ')[0] };
  });

  const collected: CollectedItem[] = [];
  const facts = modelFacts(analysis);
  for (const slot of facts.slots) {
    const c = slot.classification ?? slot.freeForm;
    if (!c) continue;
    collected.push({ category: c.category, how: 'voice', what: `${c.reason} in ${slot.locale}`, where: place({ file: slot.file, offset: slot.nameNode.offset, length: slot.nameNode.length }) });
  }
  for (const r of facts.requests) {
    collected.push({ category: r.match.category, how: 'prompt', what: `prompt \`${r.prompt.id}\` in ${r.prompt.model.locale} asks: "${r.variation.text}"`, where: place({ file: r.prompt.model.doc.path, offset: r.offset, length: r.length }) });
  }
  const declared = new Map<string, Place>();
  if (skill.manifest && m) {
    for (const nameNode of permissionNameNodes(m)) {
      const name = nameNode.value as string;
      const info = permissionByManifestName(name);
      const where = place({ file: skill.manifest.doc.path, offset: nameNode.offset, length: nameNode.length });
      declared.set(name, where);
      if (info?.category) collected.push({ category: info.category, how: 'permission', what: `permission \`${name}\` (${info.label})`, where });
    }
    const linking = accountLinkingKey(m);
    if (linking) collected.push({ category: 'user-id', how: 'account-linking', what: 'account linking (the skill links the customer to an account of yours)', where: place({ file: skill.manifest.doc.path, ...spanOf(linking) }) });
  }

  const model = codeModel(analysis);
  const seenSources = new Set<string>();
  for (const s of model.sources) {
    if ((s.kind !== 'profile' && s.kind !== 'address' && s.kind !== 'geolocation') || seenSources.has(s.id)) continue;
    seenSources.add(s.id);
    collected.push({ category: s.category, how: 'code', what: s.description, where: place(s) });
  }

  const flowItem = (f: Flow): FlowItem => ({
    category: f.source.category,
    data: f.source.description,
    sink: f.sink.description,
    destination: f.sink.destination,
    where: place(f.carrier),
    expires: f.sink.kind === 'persist' ? !!f.sink.persist?.carriesExpiry : undefined,
  });
  const unique = (items: FlowItem[]): FlowItem[] => {
    const seen = new Set<string>();
    return items.filter((i) => {
      const k = `${i.data}\0${i.sink}\0${i.where.file}\0${i.where.offset}`;
      return seen.has(k) ? false : (seen.add(k), true);
    });
  };
  const logs = unique(model.flows.filter((f) => f.sink.kind === 'log').map(flowItem));
  const storage = unique(model.flows.filter((f) => f.sink.kind === 'persist' && !isIdentifierOnly(f.source)).map(flowItem));
  const thirdParties = unique(model.flows.filter((f) => isSharingSink(f.sink) && !isAmazonDestination(f.sink)).map(flowItem));

  const subscriptions = elementsOf(nodeAt(m, ['events', 'subscriptions'])).map((s) => stringAt(s, ['eventName']));
  const deletion = findingsOf('no-data-deletion')[0];

  const permissions: PermissionRow[] = [...declared].map(([name, where]) => ({
    name,
    label: permissionByManifestName(name)?.label,
    declared: true,
    problem: findingsOf('permission-unused').some((f) => f.data.permission === name) ? 'unused' : undefined,
    where,
  }));
  for (const f of findingsOf('permission-not-declared')) {
    const name = String(f.data.permission ?? '');
    if (!name || permissions.some((p) => p.name === name)) continue;
    permissions.push({ name, label: permissionByManifestName(name)?.label, declared: false, problem: 'undeclared', where: place(f) });
  }

  const counts = new Map<string, { ruleId: string; severity: Severity; count: number }>();
  for (const f of findings) {
    const c = counts.get(f.ruleId) ?? { ruleId: f.ruleId, severity: f.severity, count: 0 };
    c.count++;
    counts.set(f.ruleId, c);
  }

  return {
    name: skillName(skill),
    root: skill.project.root,
    layout: skill.project.layout,
    locales: skillLocales(skill),
    usesPersonalInfo: bool('usesPersonalInfo'),
    isChildDirected: bool('isChildDirected'),
    policies,
    collected: collected.sort((a, b) => order(a.category) - order(b.category) || HOW_ORDER.indexOf(a.how) - HOW_ORDER.indexOf(b.how) || a.where.file.localeCompare(b.where.file) || a.where.offset - b.where.offset),
    logs,
    storage,
    thirdParties,
    writes: model.writes.length,
    skillDisabledSubscribed: subscriptions.includes('SKILL_DISABLED'),
    deletionProblem: deletion?.message.split('. ')[0],
    permissions: permissions.sort((a, b) => a.name.localeCompare(b.name)),
    findings: [...counts.values()].sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || a.ruleId.localeCompare(b.ruleId)),
    hasCode: skill.code.length > 0,
  };
}

/** Where a sink sends data, for the policy draft: a host, an SDK or a store. */
export function destinationOf(item: FlowItem): string {
  return item.destination ?? item.sink;
}

const CATEGORY_ORDER = Object.keys(CATEGORIES) as DataCategory[];
/** Within a category: what the customer says first, then what the skill is given, then what its code reads. */
const HOW_ORDER: ReadonlyArray<CollectedItem['how']> = ['voice', 'prompt', 'permission', 'account-linking', 'code'];
function order(c: DataCategory): number {
  return CATEGORY_ORDER.indexOf(c);
}

function severityRank(s: Severity): number {
  return s === 'error' ? 0 : s === 'warning' ? 1 : 2;
}

function skillName(skill: Skill): string {
  const locales = entriesOf(nodeAt(skill.manifest?.manifest, ['publishingInformation', 'locales']));
  const preferred = locales.find(([l]) => l === 'en-US') ?? locales[0];
  const name = preferred ? stringAt(preferred[1], ['name']) : undefined;
  return name ?? path.basename(skill.project.root);
}

function fileTexts(skill: Skill): Map<string, string> {
  const out = new Map<string, string>();
  if (skill.manifest) out.set(skill.manifest.doc.path, skill.manifest.doc.text);
  for (const m of skill.models) out.set(m.doc.path, m.doc.text);
  for (const c of skill.code) out.set(c.file, c.text);
  return out;
}

function lineOf(text: string | undefined, offset: number): number {
  if (text === undefined) return 1;
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
