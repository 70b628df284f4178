// Not `import * as`: that compiles to one getter per `ts.` access, the largest cost of these tree walks in a profile.
import ts from 'typescript';
import { codeSet, propertyNameText, skipWrappers } from '../code/bindings';
import { spanOfNode } from '../code/handlers';
import { eventSubscriptions } from '../fixes/event-edits';
import { elementsOf, nodeAt, propertyOf, spanOf } from '../json/document';
import { Rule } from '../rule';
import { FileSpan, RelatedLocation } from '../types';

const MAX_RELATED = 5;
const PROACTIVE_EVENT = 'SKILL_PROACTIVE_SUBSCRIPTION_CHANGED';
const ASYNC_EVENT_PERMISSION = 'alexa::async_event:write';

/**
 * Smart-home skills that report device state on their own: capabilities discovered with
 * `"proactivelyReported": true`, `ChangeReport` events sent to the Alexa event gateway, and the
 * manifest side (the `alexa::async_event:write` permission, the
 * `SKILL_PROACTIVE_SUBSCRIPTION_CHANGED` event). Not wrong in itself; the data flow has to be in the
 * privacy policy, so this is information, one finding per file and kind.
 */
const rule: Rule = {
  meta: {
    id: 'proactive-state-reporting',
    defaultSeverity: 'info',
    description: 'Smart-home capabilities report device state proactively (`proactivelyReported`, ChangeReport): disclose it in the privacy policy.',
    messages: {
      capability:
        'A smart-home capability is discovered with `proactivelyReported: true`{{more}}: the skill sends the device\'s state to Amazon whenever it changes, not only when the customer asks. This is a flow of usage data (when lights, locks or thermostats change) that the privacy policy must disclose (Alexa Skills Policy; GDPR Art. 13). Say what state is reported and when.',
      changeReport:
        'The skill sends `ChangeReport` events to the Alexa event gateway{{more}}: device state goes to Amazon on every change, without a customer request. Disclose in the privacy policy what device state is reported and when (Alexa Skills Policy; GDPR Art. 13).',
      manifest:
        'skill.json {{what}}, so the smart-home skill sends device state to Amazon on its own. Disclose in the privacy policy what state is reported and when (Alexa Skills Policy; GDPR Art. 13).',
    },
    fixable: false,
    scope: ['manifest', 'code'],
  },
  check(context) {
    const m = context.skill.manifest;
    if (m?.manifest && m.doc.errors.length === 0 && nodeAt(m.manifest, ['apis', 'smartHome'])) {
      const hits: Array<FileSpan & { what: string }> = [];
      for (const p of elementsOf(nodeAt(m.manifest, ['permissions']))) {
        const v = propertyOf(p, 'name')?.children?.[1];
        if (v?.type === 'string' && v.value === ASYNC_EVENT_PERMISSION) hits.push({ file: m.doc.path, ...spanOf(v), what: `declares the \`${ASYNC_EVENT_PERMISSION}\` permission (send events to the Alexa event gateway)` });
      }
      for (const s of eventSubscriptions(m)) {
        if (s.name === PROACTIVE_EVENT) hits.push({ file: m.doc.path, ...spanOf(s.node), what: `subscribes to \`${PROACTIVE_EVENT}\` (proactive state reporting)` });
      }
      if (hits.length > 0) {
        const [first, ...rest] = hits;
        context.report({
          messageId: 'manifest',
          data: { what: first.what },
          file: first.file,
          offset: first.offset,
          length: first.length,
          related: rest.map((h) => ({ file: h.file, offset: h.offset, length: h.length, message: `skill.json also ${h.what}` })),
        });
      }
    }

    for (const [file, ix] of codeSet(context.analysis).files) {
      const sts = ix.parsed.sourceFile.statements;
      if (sts.length === 0) continue;
      // A tree whose first statement is new (a first check, the CLI's only one): one scan of the
      // text settles a file without either marker, and its first statement is marked so that the
      // next tree, which reuses it, is read statement by statement.
      if (!statementMarkers.has(sts[0]) && !ix.parsed.text.includes('proactivelyReported') && !ix.parsed.text.includes('ChangeReport')) {
        statementMarkers.set(sts[0], null);
        continue;
      }
      const capabilities: ts.Node[] = [];
      const reports: ts.Node[] = [];
      for (const st of sts) {
        const found = markersOf(st, ix.parsed.text);
        if (!found) continue;
        capabilities.push(...found.capabilities);
        reports.push(...found.reports);
      }
      for (const [messageId, nodes, label] of [
        ['capability', capabilities, 'Also reported proactively'],
        ['changeReport', reports, 'Also sends a ChangeReport'],
      ] as const) {
        if (nodes.length === 0) continue;
        const [first, ...rest] = nodes;
        const related: RelatedLocation[] = rest.slice(0, MAX_RELATED).map((n) => ({ ...spanOfNode(file, n), message: label }));
        context.report({
          messageId,
          data: { more: rest.length > 0 ? ` (and ${rest.length} more in this file)` : '', count: nodes.length },
          ...spanOfNode(file, first),
          related,
        });
      }
    }
  },
};

interface Markers {
  capabilities: ts.Node[];
  reports: ts.Node[];
}

/**
 * What a top-level statement holds of both markers, by statement node: a reused statement has the
 * same subtree, so a keystroke walks only the edited statement (and none whose text names
 * neither marker, as any code that reports state spells them out).
 */
const statementMarkers = new WeakMap<ts.Node, Markers | null>();

function markersOf(st: ts.Statement, text: string): Markers | null {
  let hit = statementMarkers.get(st);
  if (hit !== undefined) return hit;
  hit = null;
  const own = text.slice(st.pos, st.end);
  if (own.includes('proactivelyReported') || own.includes('ChangeReport')) {
    const found: Markers = { capabilities: [], reports: [] };
    const visit = (n: ts.Node): void => {
      if (ts.isPropertyAssignment(n) && propertyNameText(n.name) === 'proactivelyReported' && skipWrappers(n.initializer).kind === ts.SyntaxKind.TrueKeyword) found.capabilities.push(n);
      else if ((ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) && n.text === 'ChangeReport' && isEventName(n)) found.reports.push(n);
      ts.forEachChild(n, visit);
    };
    visit(st);
    if (found.capabilities.length > 0 || found.reports.length > 0) hit = found;
  }
  statementMarkers.set(st, hit);
  return hit;
}

/** `name: 'ChangeReport'` (an event header) or `header.name = 'ChangeReport'`, not any mention of the word. */
function isEventName(lit: ts.Node): boolean {
  const p = lit.parent;
  if (ts.isPropertyAssignment(p) && p.initializer === lit) return propertyNameText(p.name) === 'name';
  if (ts.isBinaryExpression(p) && p.right === lit && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    return ts.isPropertyAccessExpression(p.left) && p.left.name.text === 'name';
  }
  return false;
}

export default rule;
