import { SkillAnalysis } from '../analysis';
import { codeSet } from '../code/bindings';
import { Builder, Handler, V1Handler, codeHandlers, handlersForRequest } from '../code/handlers';
import { KeptReports } from '../code/speech-edits';
import { StoreOp, deletesReachedFrom, storageFacts } from '../code/storage';
import { addEventSubscription, eventSubscriptions } from '../fixes/event-edits';
import { addRequestHandler } from '../fixes/handler-edits';
import { keyNodeOf, spanOf } from '../json/document';
import { Rule, RuleContext } from '../rule';
import { Fix, RelatedLocation, TextEdit } from '../types';

const SKILL_DISABLED = 'SKILL_DISABLED';
const DISABLED_REQUEST = 'AlexaSkillEvent.SkillDisabled';
const MAX_RELATED_WRITES = 3;

/** This rule's report per skill, kept across speech-only edits (code/speech-edits.ts). */
const keptReports = new KeptReports();

/**
 * The skill stores user data but does nothing when a customer disables it. Alexa sends
 * `AlexaSkillEvent.SkillDisabled` only to skills whose skill.json subscribes to `SKILL_DISABLED`,
 * and only a handler that deletes the stored data makes the event worth anything: both are needed.
 *
 * The finding is on the first place that stores data (the reader sees what is kept), except when
 * only the subscription is missing: then it is on skill.json, where the fix goes.
 */
const rule: Rule = {
  meta: {
    id: 'no-data-deletion',
    defaultSeverity: 'warning',
    description: 'The skill stores user data but does not delete it when the skill is disabled (SKILL_DISABLED subscription and a handler that deletes).',
    messages: {
      missing:
        'The skill stores user data ({{store}}) but never deletes it: skill.json does not subscribe to `SKILL_DISABLED` and no handler for `AlexaSkillEvent.SkillDisabled` deletes anything. Personal data must be erased when it is no longer needed or the customer asks (GDPR Art. 5(1)(e) and 17, CCPA), and Alexa sends this event when a customer disables the skill. Subscribe to the event and delete the user\'s data in its handler.{{hint}}',
      noHandler:
        'The skill stores user data ({{store}}) and skill.json subscribes to `SKILL_DISABLED`, but no registered handler takes `AlexaSkillEvent.SkillDisabled`, so the data stays after the customer disables the skill (GDPR Art. 17, CCPA). Add a handler that deletes the user\'s data.{{hint}}',
      noDelete:
        'The skill stores user data ({{store}}), but its `AlexaSkillEvent.SkillDisabled` handler deletes nothing{{subscription}}, so the data stays after the customer disables the skill (GDPR Art. 17, CCPA). Delete the user\'s data there (`deletePersistentAttributes()` or a database delete keyed by the user id).',
      notSubscribed:
        'The skill deletes user data in an `AlexaSkillEvent.SkillDisabled` handler, but skill.json does not subscribe to `SKILL_DISABLED`, so Alexa never sends the event and the stored data ({{store}}) is never deleted (GDPR Art. 17, CCPA). Add `{ "eventName": "SKILL_DISABLED" }` to `events.subscriptions`.',
    },
    fixable: true,
    scope: ['manifest', 'code'],
  },
  check(context) {
    // A speech-only keystroke changes nothing this rule reads (code/speech-edits.ts: such speech is
    // in no store call's text and no call's argument, and handler discovery and the call graph are
    // the same): its report of the check before, moved.
    keptReports.run(context, checkSkill);
  },
};

function checkSkill(context: RuleContext): void {
  const { analysis, skill } = context;
  const { writes } = storageFacts(analysis);
  if (writes.length === 0) return;
  const m = skill.manifest;
  // A manifest that does not parse is parse-error's finding; a fix could not edit it safely.
  if (m && m.doc.errors.length > 0) return;
  const hasManifest = !!m?.manifest;
  const subscribed = hasManifest ? eventSubscriptions(m).some((s) => s.name === SKILL_DISABLED) : true;

  const ch = codeHandlers(analysis);
  const active = handlersForRequest(analysis, DISABLED_REQUEST).filter((h) => h.sdk === 'v1' || h.registered || ch.builders.length === 0);
  const deleting = active.find((h) => h.handle && deletesReachedFrom(analysis, h.file, h.handle).length > 0);
  if (subscribed && deleting) return;

  const first = writes[0];
  const store = first.description + (writes.length > 1 ? ` and ${writes.length - 1} more` : '');
  const related: RelatedLocation[] = [];
  const manifestAnchor = m && hasManifest ? keyNodeOf(m.manifest, 'events') ?? (m.key ? keyNodeOf(m.doc.root, m.key) : undefined) : undefined;
  if (!subscribed && m && manifestAnchor) related.push({ file: m.doc.path, ...spanOf(manifestAnchor), message: 'skill.json does not subscribe to SKILL_DISABLED' });
  for (const h of active) related.push({ ...handlerSpan(h), message: deleting === h ? 'This handler deletes the data' : 'This SkillDisabled handler deletes nothing' });
  for (const w of writes.slice(1, 1 + MAX_RELATED_WRITES)) related.push({ file: w.file, offset: w.offset, length: w.length, message: `Also stores user data: ${w.description}` });

  // The code side of the fix, where correct code can be written: ask-sdk persistence and a builder to register with.
  const needsHandler = !deleting;
  let codeEdits: TextEdit[] | undefined;
  let hint = '';
  if (needsHandler) {
    const r = handlerFix(context.analysis, ch.builders, writes, active);
    codeEdits = r.edits;
    hint = r.hint;
  }
  const fixes: Fix[] = [];
  const manifestEdits = !subscribed && m ? addEventSubscription(m, SKILL_DISABLED) : { edits: [], placeholder: false };
  if ((!needsHandler || codeEdits) && (subscribed || manifestEdits.edits.length > 0)) {
    const edits = [...manifestEdits.edits, ...(codeEdits ?? [])];
    const parts = [!subscribed ? 'subscribe to SKILL_DISABLED in skill.json' : '', needsHandler ? 'add a SkillDisabled handler that deletes persistent attributes' : ''].filter(Boolean);
    const title = parts.join(' and ');
    fixes.push({
      id: 'add-data-deletion',
      title: title.charAt(0).toUpperCase() + title.slice(1) + (manifestEdits.placeholder ? ' (then set events.endpoint.uri to your Lambda ARN)' : ''),
      edits,
      isPreferred: true,
    });
  }

  if (!subscribed && deleting && m && manifestAnchor) {
    context.report({ messageId: 'notSubscribed', data: { store }, file: m.doc.path, ...spanOf(manifestAnchor), related: [...related.slice(1), { file: first.file, offset: first.offset, length: first.length, message: `Stores user data: ${first.description}` }], fixes });
    return;
  }
  const messageId = active.length > 0 ? 'noDelete' : subscribed ? 'noHandler' : 'missing';
  context.report({
    messageId,
    data: { store, hint, subscription: subscribed ? '' : ' (and skill.json does not subscribe to `SKILL_DISABLED`)' },
    file: first.file,
    offset: first.offset,
    length: first.length,
    related,
    fixes,
  });
}

function handlerSpan(h: Handler | V1Handler): { file: string; offset: number; length: number } {
  if (h.sdk === 'v1') return h.keySpan;
  return h.nameSpan ?? h.span;
}

const HANDLE_BODY = [
  '// The customer disabled the skill: delete what it stored about them.',
  'await handlerInput.attributesManager.deletePersistentAttributes();',
  'return handlerInput.responseBuilder.getResponse();',
];
// ask-sdk types `deletePersistentAttributes` as optional; the AttributesManager it creates always has it.
const HANDLE_BODY_TS = HANDLE_BODY.map((l) => l.replace('deletePersistentAttributes()', 'deletePersistentAttributes!()'));

/** The code edits that add a deleting SkillDisabled handler, or why none can be written. */
function handlerFix(analysis: SkillAnalysis, builders: Builder[], writes: StoreOp[], active: Array<Handler | V1Handler>): { edits: TextEdit[] | undefined; hint: string } {
  const askPersistence = writes.some((w) => w.kind === 'attributes' || w.kind === 'adapter');
  if (active.length > 0) return { edits: undefined, hint: '' };
  if (writes.every((w) => w.kind === 'v1-attributes')) {
    return { edits: undefined, hint: " alexa-sdk v1 has no call that deletes its DynamoDB item: in an `'AlexaSkillEvent.SkillDisabled'` handler delete the item keyed by the user id with the AWS SDK, or move to ask-sdk v2 and `deletePersistentAttributes()`." };
  }
  if (!askPersistence) {
    return { edits: undefined, hint: ' The data is in a database the linter cannot write deletion code for: in that handler delete the records keyed by the user id (`handlerInput.requestEnvelope.context.System.user.userId`).' };
  }
  const b = builders.find((x) => x.addRequestHandlers.length > 0);
  const ix = b ? codeSet(analysis).files.get(b.file) : undefined;
  const added = b && ix ? addRequestHandler(ix, b, { name: 'SkillDisabledEventHandler', requestType: DISABLED_REQUEST, body: HANDLE_BODY, tsBody: HANDLE_BODY_TS, async: true }) : undefined;
  if (!added) return { edits: undefined, hint: ' Register a handler for it with `addRequestHandlers(...)` that calls `await handlerInput.attributesManager.deletePersistentAttributes()`.' };
  return { edits: added.edits, hint: '' };
}

export default rule;
