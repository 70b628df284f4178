import * as path from 'path';
import { SkillAnalysis } from '../analysis';
import { Evidence, registerEvidenceSource } from '../evidence';
// Slots and prompts first: evidence is listed in registration order, and they are the main reason.
import '../model/facts';
import { RelatedLocation } from '../types';
import { codeModel } from './analyze';
import { CodeModel, DataSource, Flow, Sink } from './model';
import { isAlexaApiHost } from './sources';

/**
 * What the handler code adds to "does this skill collect personal data" (evidence.ts): data read
 * from the Customer Profile, Device Address and geolocation APIs, and personal data the code
 * stores or sends to a third party. Slot reads are not repeated here: the slot itself is already
 * evidence from the interaction model.
 */

const READ_KINDS = new Set<DataSource['kind']>(['profile', 'address', 'geolocation']);

/** Identifiers are personal data when they leave the skill; keeping one as a storage key is not collecting more. */
export function isIdentifierOnly(s: DataSource): boolean {
  return s.kind !== 'envelope' && (s.category === 'user-id' || s.category === 'device-id');
}

export function isSharingSink(sink: Sink): boolean {
  return sink.kind === 'http' || sink.kind === 'analytics' || sink.kind === 'messaging';
}

export function codeEvidence(analysis: SkillAnalysis): Evidence[] {
  let model: CodeModel;
  try {
    model = codeModel(analysis);
  } catch {
    // The manifest rules must keep their other evidence; the code rules report the failure themselves.
    return [];
  }
  const out: Evidence[] = [];
  const seen = new Set<string>();
  for (const s of model.sources) {
    if (!READ_KINDS.has(s.kind) || seen.has(s.id)) continue;
    seen.add(s.id);
    out.push({ kind: 'code', category: s.category, reason: `the code reads ${s.description}`, file: s.file, offset: s.offset, length: s.length });
  }
  // Per source id, which of "shared" (1) and "stored" (2) it has evidence for: no key string per flow.
  const done = new Map<string, number>();
  for (const f of model.flows) {
    const shared = isSharingSink(f.sink) && !isAmazonDestination(f.sink);
    const stored = f.sink.kind === 'persist' && !isIdentifierOnly(f.source);
    if (!shared && !stored) continue;
    const bit = shared ? 1 : 2;
    const had = done.get(f.source.id) ?? 0;
    if (had & bit) continue;
    done.set(f.source.id, had | bit);
    out.push({
      kind: 'code',
      category: f.source.category,
      reason: shared ? `the code sends ${f.source.description} to ${f.sink.destination ?? 'a third party'}` : `the code stores ${f.source.description} in ${f.sink.destination ?? 'a database'}`,
      file: f.carrier.file,
      offset: f.carrier.offset,
      length: f.carrier.length,
    });
  }
  return out;
}

registerEvidenceSource(codeEvidence);

/** Requests to Amazon's own Alexa APIs (the REST profile and address calls) are not sharing. */
export function isAmazonDestination(sink: Sink): boolean {
  return sink.kind === 'http' && !!sink.destination && isAlexaApiHost(sink.destination);
}

/** The first place the handler code reads a slot, by slot name: where slot findings link to. */
export function firstSlotReads(analysis: SkillAnalysis): Map<string, RelatedLocation> {
  return analysis.memo('code-slot-reads', () => {
    const out = new Map<string, RelatedLocation>();
    for (const r of codeModel(analysis).slotReads) {
      if (!out.has(r.slot)) out.set(r.slot, { file: r.file, offset: r.offset, length: r.length, message: `The handler code reads slot \`${r.slot}\` here` });
    }
    return out;
  });
}

/**
 * Related locations of a flow finding: where the data was read, each step it took, and the sink
 * call when the finding points at a part of its arguments.
 */
export function flowRelated(flows: Flow[], sinkVerb: string): RelatedLocation[] {
  const out: RelatedLocation[] = [];
  const seen = new Set<string>();
  const add = (r: RelatedLocation): void => {
    const k = `${r.file}:${r.offset}:${r.length}`;
    if (seen.has(k) || out.length >= 10) return;
    seen.add(k);
    out.push(r);
  };
  for (const f of flows) {
    // Full: nothing more is added (the messages of a group every handler feeds are not built).
    if (out.length >= 10) break;
    add({ file: f.source.file, offset: f.source.offset, length: f.source.length, message: `${capitalise(f.source.description)} is read here` });
    for (const s of f.steps) add({ file: s.file, offset: s.offset, length: s.length, message: capitalise(s.message) });
  }
  const sink = flows[0]?.sink;
  if (sink) add({ file: sink.file, offset: sink.offset, length: sink.length, message: `${capitalise(sinkVerb)} by ${sink.description}` });
  return out;
}

/** " (via `subscribeCustomer()` in crm.js)" for a message, from a flow's steps. */
export function viaText(flow: Flow, root: string): string {
  const calls = flow.steps.map((s) => /`([^`]+\(\))`/.exec(s.message)?.[1]).filter((x): x is string => !!x);
  if (calls.length === 0) return '';
  const uniq = [...new Set(calls)].slice(0, 3);
  const file = path.relative(root, flow.sink.file).split(path.sep).join('/');
  return ` (via ${uniq.map((c) => `\`${c}\``).join(', ')}, in ${file})`;
}

/**
 * Flows grouped by sink and carrier: one finding per place in the code, groups in the order of
 * their first flow. By the sink's id, then the carrier's span among that sink's few groups: the
 * flow rules group every flow of the skill again on each keystroke in code (766 flows in the
 * bench's big skill), and a key string per flow (two paths long) cost most of it.
 */
export function groupFlows(flows: Flow[]): Flow[][] {
  const groups: Flow[][] = [];
  const bySink = new Map<string, Flow[][]>();
  for (const f of flows) {
    const c = f.carrier;
    let ofSink = bySink.get(f.sink.id);
    if (!ofSink) bySink.set(f.sink.id, (ofSink = []));
    let g: Flow[] | undefined;
    for (const h of ofSink) {
      const hc = h[0].carrier;
      if (hc.offset === c.offset && hc.length === c.length && hc.file === c.file) {
        g = h;
        break;
      }
    }
    if (g) g.push(f);
    else {
      g = [f];
      ofSink.push(g);
      groups.push(g);
    }
  }
  return groups;
}

/** "slot `phone` (AMAZON.PhoneNumber)" or "slot `phone` and 2 more". */
export function describeSources(flows: Flow[]): string {
  const names = [...new Set(flows.map((f) => f.source.description))];
  return names.length === 1 ? names[0] : `${names[0]} (and ${names.length - 1} more)`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
