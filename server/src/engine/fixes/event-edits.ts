import { Node } from 'jsonc-parser';
import { elementsOf, nodeAt, propertyOf, valueOf } from '../json/document';
import { ManifestFile } from '../skill';
import { TextEdit } from '../types';
import { layoutModify } from './manifest-edits';

/**
 * skill.json `events` (Amazon's skill manifest: `events.endpoint` and `events.subscriptions`,
 * each `{ "eventName": "SKILL_DISABLED" }`). Skill events reach the skill only when it subscribes
 * and names the endpoint they go to.
 */

/** Shown where the endpoint cannot be taken from `apis.custom.endpoint`: deploys fail loudly until it is set. */
export const EVENTS_ENDPOINT_PLACEHOLDER = 'arn:aws:lambda:REGION:ACCOUNT_ID:function:FUNCTION_NAME';

/** The event names skill.json subscribes to, with their string nodes. */
export function eventSubscriptions(m: ManifestFile | undefined): Array<{ name: string; node: Node }> {
  const out: Array<{ name: string; node: Node }> = [];
  for (const s of elementsOf(nodeAt(m?.manifest, ['events', 'subscriptions']))) {
    const v = propertyOf(s, 'eventName')?.children?.[1];
    if (v?.type === 'string') out.push({ name: v.value as string, node: v });
  }
  return out;
}

/** The endpoint events should go to: the custom skill's own (`uri`, `sslCertificateType`, or ask-cli v1 `sourceDir`). */
export function eventsEndpointFor(m: ManifestFile): { endpoint: Record<string, string>; placeholder: boolean } {
  const ep = valueOf(nodeAt(m.manifest, ['apis', 'custom', 'endpoint'])) as Record<string, unknown> | undefined;
  if (ep && typeof ep === 'object') {
    if (typeof ep.uri === 'string' && ep.uri) {
      const out: Record<string, string> = { uri: ep.uri };
      if (typeof ep.sslCertificateType === 'string') out.sslCertificateType = ep.sslCertificateType;
      return { endpoint: out, placeholder: false };
    }
    if (typeof ep.sourceDir === 'string' && ep.sourceDir) return { endpoint: { sourceDir: ep.sourceDir }, placeholder: false };
  }
  return { endpoint: { uri: EVENTS_ENDPOINT_PLACEHOLDER }, placeholder: true };
}

/**
 * Subscribes to `eventName`: appends to `events.subscriptions`, or creates it, or creates `events`
 * with an endpoint and the subscription. Empty when already subscribed or there is no manifest object.
 */
export function addEventSubscription(m: ManifestFile, eventName: string): { edits: TextEdit[]; placeholder: boolean } {
  if (!m.manifest || eventSubscriptions(m).some((s) => s.name === eventName)) return { edits: [], placeholder: false };
  const key = m.key ?? 'manifest';
  const events = nodeAt(m.manifest, ['events']);
  if (events?.type === 'object') {
    const subs = propertyOf(events, 'subscriptions')?.children?.[1];
    if (subs?.type === 'array') {
      return { edits: layoutModify(m.doc.path, m.doc.text, [key, 'events', 'subscriptions', subs.children?.length ?? 0], { eventName }, { isArrayInsertion: true }), placeholder: false };
    }
    return { edits: layoutModify(m.doc.path, m.doc.text, [key, 'events', 'subscriptions'], [{ eventName }]), placeholder: false };
  }
  const { endpoint, placeholder } = eventsEndpointFor(m);
  return { edits: layoutModify(m.doc.path, m.doc.text, [key, 'events'], { endpoint, subscriptions: [{ eventName }] }), placeholder };
}
