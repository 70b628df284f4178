import * as path from 'path';
import { CATEGORIES, DataCategory } from '../taxonomy';
import { CollectedItem, FlowItem, Inventory, Place, destinationOf } from './inventory';

/**
 * Renders a skill's data inventory as Markdown: the privacy report of the CLI
 * (`skill-privacy-lint report`) and of the editor command, shown in the Markdown preview.
 * Deterministic for the same inventory, so it can be kept in a repository and diffed.
 */
export interface MarkdownOptions {
  /** Turns a place into a link target; places are plain `file:line` text without it. */
  link?: (place: Place) => string;
  /** Paths are shown relative to this folder (the skill's root by default). */
  relativeTo?: string;
}

const HOW: Record<CollectedItem['how'], string> = {
  voice: 'By voice (slots of the interaction model)',
  prompt: 'Asked for in prompts',
  permission: 'Through permissions (with the customer’s consent)',
  'account-linking': 'Through account linking',
  code: 'Read by the handler code (Alexa APIs)',
};

export function renderMarkdown(inv: Inventory, options: MarkdownOptions = {}): string {
  const base = options.relativeTo ?? inv.root;
  const rel = (file: string): string => path.relative(base, file).split(path.sep).join('/') || path.basename(file);
  const at = (p: Place): string => {
    const text = `${rel(p.file)}:${p.line}`;
    return options.link ? `[${text}](${options.link(p)})` : `\`${text}\``;
  };
  const label = (c: DataCategory): string => capitalise(CATEGORIES[c].label.replace(/^(a person's|an?) /, ''));
  const out: string[] = [];
  const line = (s = ''): void => void out.push(s);

  line(`# Privacy report: ${esc(inv.name)}`);
  line();
  const folder = path.relative(base, inv.root).split(path.sep).join('/') || '.';
  line(`Skill folder \`${folder}\` (${inv.layout}), locales ${inv.locales.length ? inv.locales.join(', ') : 'none found'}.`);
  line('Made by Skill Privacy Lint from the skill’s files, without running its code: it lists what the analysis can see, and is a starting point for your privacy review, not legal advice.');
  line();

  line('## Summary');
  line();
  const categories = [...new Set(inv.collected.map((c) => c.category))];
  line(`- **Personal data collected:** ${categories.length ? categories.map(label).join(', ') : 'none found'}.`);
  line(`- **\`usesPersonalInfo\`:** ${flag(inv.usesPersonalInfo)}${inv.usesPersonalInfo !== true && categories.length ? ' — but the skill collects personal data' : ''}.`);
  line(`- **\`isChildDirected\`:** ${flag(inv.isChildDirected)}${inv.isChildDirected === true && categories.length ? ' — a kid skill that collects personal data needs verifiable parental consent (COPPA)' : ''}.`);
  line(`- **Leaves the skill:** ${inv.logs.length} to logs, ${inv.storage.length} to storage, ${inv.thirdParties.length} to third parties.`);
  const errors = sum(inv.findings.filter((f) => f.severity === 'error'));
  const warnings = sum(inv.findings.filter((f) => f.severity === 'warning'));
  const infos = sum(inv.findings.filter((f) => f.severity === 'info'));
  line(`- **Findings:** ${errors} errors, ${warnings} warnings, ${infos} info.`);
  line();

  line('## Personal data the skill collects');
  line();
  if (inv.collected.length === 0) {
    line('The analysis found no personal data collected by voice, by permission, by account linking or by the handler code.');
    line();
  }
  for (const how of Object.keys(HOW) as Array<CollectedItem['how']>) {
    const items = inv.collected.filter((c) => c.how === how);
    if (items.length === 0) continue;
    line(`### ${HOW[how]}`);
    line();
    table(out, ['Data', 'What', 'Where'], items.map((c) => [label(c.category), esc(c.what), at(c.where)]));
  }

  line('## Where the data goes');
  line();
  if (!inv.hasCode) line('The skill has no handler code in its folder, so where the data goes could not be analysed.');
  else if (inv.logs.length + inv.storage.length + inv.thirdParties.length === 0) line('The analysis found no personal data reaching logs, storage or third parties.');
  line();
  flowSection(out, '### Logs', 'Logs (CloudWatch for Lambda) keep what is written to them; personal data there is kept as long as the log group keeps it.', inv.logs, ['Data', 'Logged by', 'Where'], (f) => [label(f.category) + ` — ${esc(f.data)}`, esc(f.sink), at(f.where)]);
  flowSection(out, '### Storage', 'Data kept between sessions must be disclosed, kept no longer than needed and deleted when the customer disables the skill.', inv.storage, ['Data', 'Stored by', 'Expires', 'Where'], (f) => [label(f.category) + ` — ${esc(f.data)}`, esc(f.sink), f.expires ? 'yes (TTL attribute)' : '**no**', at(f.where)]);
  flowSection(out, '### Third parties', 'Each recipient must be named in the privacy policy; Alexa policy forbids using customer data for advertising.', inv.thirdParties, ['Data', 'Sent to', 'By', 'Where'], (f) => [label(f.category) + ` — ${esc(f.data)}`, esc(destinationOf(f)), esc(f.sink), at(f.where)]);

  line('## Retention and deletion');
  line();
  line(`- Persistence writes in the code: ${inv.writes}${inv.storage.length ? `, ${inv.storage.length} of them with personal data (${inv.storage.filter((s) => !s.expires).length} without an expiry)` : ''}.`);
  line(`- skill.json subscribes to \`SKILL_DISABLED\`: ${inv.skillDisabledSubscribed ? 'yes' : 'no'}.`);
  line(`- Deletion when the customer disables the skill: ${deletesOnDisable(inv) ? 'handled.' : inv.writes === 0 ? 'nothing stored that needs it.' : `**missing**${inv.deletionProblem ? ` — ${esc(inv.deletionProblem)}` : ''}.`}`);
  line();

  line('## Permissions');
  line();
  if (inv.permissions.length === 0) line('skill.json declares no permissions, and the code uses none that need one.');
  else {
    table(
      out,
      ['Permission', 'Gives', 'Declared', 'Status', 'Where'],
      inv.permissions.map((p) => [`\`${p.name}\``, esc(p.label ?? ''), p.declared ? 'yes' : 'no', p.problem === 'unused' ? 'declared, never used by the code' : p.problem === 'undeclared' ? '**used by the code, not declared**' : inv.hasCode ? 'declared and used' : 'declared (no handler code to check)', p.where ? at(p.where) : '']),
    );
  }
  line();

  line('## Privacy policy links');
  line();
  if (inv.policies.length === 0) line('The skill has no locales.');
  else table(out, ['Locale', 'privacyPolicyUrl', 'Status'], inv.policies.map((p) => [p.locale, p.url ? `\`${esc(p.url)}\`` : '—', p.problem ? esc(p.problem) : 'ok']));
  line();

  line('## Draft: what your privacy policy needs to say');
  line();
  out.push(...policyDraft(inv, label));
  line();

  line('## Findings');
  line();
  if (inv.findings.length === 0) line('No findings.');
  else table(out, ['Rule', 'Severity', 'Count'], inv.findings.map((f) => [`[${f.ruleId}](https://github.com/skill-privacy/skill-privacy-lint/blob/main/docs/rules/${f.ruleId}.md)`, f.severity, String(f.count)]));
  line();
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}

function policyDraft(inv: Inventory, label: (c: DataCategory) => string): string[] {
  const out: string[] = [];
  const categories = [...new Set(inv.collected.map((c) => c.category))];
  if (categories.length === 0) {
    out.push('> This skill does not collect personal information. (Check that this stays true when you add slots, permissions or account linking.)');
    return out;
  }
  out.push(`> **What we collect.** When you use ${esc(inv.name)}, we collect: ${categories.map((c) => label(c).toLowerCase()).join(', ')}.`);
  const byVoice = [...new Set(inv.collected.filter((c) => c.how === 'voice' || c.how === 'prompt').map((c) => label(c.category).toLowerCase()))];
  if (byVoice.length) out.push(`> You tell us ${byVoice.join(', ')} by voice; Amazon keeps the voice recording and transcript of what you say, which you can review and delete in the Alexa app.`);
  const byPermission = inv.collected.filter((c) => c.how === 'permission' || c.how === 'code').map((c) => label(c.category).toLowerCase());
  if (byPermission.length) out.push(`> With your permission, given in the Alexa app, we receive ${[...new Set(byPermission)].join(', ')} from Amazon.`);
  out.push('>');
  out.push('> **Why.** [Say what each item is used for, and nothing more is collected than that needs.]');
  out.push('>');
  const recipients = [...new Set(inv.thirdParties.map(destinationOf))];
  out.push(recipients.length ? `> **Who receives it.** We share it with: ${recipients.map(esc).join(', ')}. [Say why each receives it.]` : '> **Who receives it.** We do not share it with anyone.');
  out.push('>');
  const kept = inv.storage.length > 0;
  const expiring = inv.storage.every((s) => s.expires);
  out.push(
    kept
      ? `> **How long we keep it.** ${expiring ? 'We delete stored data after [the expiry period you set].' : 'We keep stored data until [a period you choose — set an expiry, see personal-data-persisted].'} ${deletesOnDisable(inv) ? 'We delete your data when you disable the skill.' : '[Add deletion on SKILL_DISABLED first — see no-data-deletion.]'}`
      : '> **How long we keep it.** We do not keep it after your request is answered.',
  );
  if (inv.logs.length) out.push('> [Logs of the skill contain personal data; redact them (see voice-data-logged) or say how long logs are kept.]');
  out.push('>');
  out.push(`> **Your choices.** You can withdraw a permission in the Alexa app at any time${kept ? ', and disabling the skill deletes the data we keep' : ''}. Contact: [your contact address].`);
  if (inv.isChildDirected) out.push('>\n> **Children.** [A kid skill must not collect personal information without verifiable parental consent (COPPA).]');
  return out;
}

/** Stored data is deleted on SKILL_DISABLED: subscribed in skill.json and no-data-deletion found nothing. */
function deletesOnDisable(inv: Inventory): boolean {
  return inv.writes > 0 && inv.skillDisabledSubscribed && !inv.deletionProblem;
}

function flowSection(out: string[], heading: string, why: string, items: FlowItem[], head: string[], row: (f: FlowItem) => string[]): void {
  if (items.length === 0) return;
  out.push(heading, '', why, '');
  table(out, head, items.map(row));
}

function table(out: string[], head: string[], rows: string[][]): void {
  out.push(`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`), '');
}

/** Escapes what would break a table cell or start markup in text from the user's files. */
function esc(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/</g, '&lt;');
}

function flag(v: boolean | undefined): string {
  return v === undefined ? 'not set' : String(v);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function sum(items: Array<{ count: number }>): number {
  return items.reduce((n, i) => n + i.count, 0);
}
