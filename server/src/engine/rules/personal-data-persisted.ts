import { codeModel } from '../code/analyze';
import { describeSources, flowRelated, isIdentifierOnly, viaText } from '../code/evidence';
import { Flow } from '../code/model';
import { EXPIRY_ATTRIBUTE, addExpiryEdit } from '../fixes/code-edits';
import { KeptFindings } from '../code/kept-findings';
import { KeptReports } from '../code/speech-edits';
import { Rule } from '../rule';
import { Fix } from '../types';

/**
 * Personal data or raw speech is stored (persistent attributes, alexa-sdk v1 attributes in
 * DynamoDB, DynamoDB, S3, other databases) with no expiry. Session attributes are not storage:
 * they end with the session. One finding per write; none when the stored item carries an expiry
 * attribute or the data is only the user id the store is keyed by.
 */
/** Reports kept from one check to the next while their flows are the same (code/kept-findings.ts). */
const kept = new KeptFindings();

/** This rule's reports per skill, kept across speech-only edits (code/speech-edits.ts). */
const keptReports = new KeptReports();

const rule: Rule = {
  meta: {
    id: 'personal-data-persisted',
    defaultSeverity: 'warning',
    description: 'Personal data or raw speech is stored with no expiry.',
    messages: {
      dynamodb:
        '{{what}} is stored by {{sink}}{{via}} with no expiry. Personal data must not be kept longer than needed (GDPR Art. 5(1)(e)); Amazon paid USD 25 million in 2023 for keeping children\'s voice data indefinitely. Add an expiry attribute (`{{attribute}}`, epoch seconds) and turn on DynamoDB Time to Live for `{{attribute}}` on {{table}}.',
      attributes:
        '{{what}} is stored by {{sink}}{{via}} with no expiry. Personal data must not be kept longer than needed (GDPR Art. 5(1)(e)); Amazon paid USD 25 million in 2023 for keeping children\'s voice data indefinitely. Store an expiry (`{{attribute}}`) with it and delete the attributes once it has passed (`deletePersistentAttributes()`): the SDK keeps attributes nested in one DynamoDB item attribute, where a Time to Live setting cannot see it.',
      other:
        '{{what}} is stored by {{sink}}{{via}} with no expiry. Personal data must not be kept longer than needed (GDPR Art. 5(1)(e)); Amazon paid USD 25 million in 2023 for keeping children\'s voice data indefinitely. {{advice}}',
    },
    fixable: true,
    scope: ['code', 'model'],
  },
  check(context) {
    // A speech-only keystroke changes no flow (speech is no source, and the SDK's builder passes it on to nothing the skill reads): its reports of the check before, moved.
    keptReports.run(context, (context) => {
      const model = codeModel(context.analysis);
      const bySink = new Map<string, Flow[]>();
      for (const f of model.flows) {
        if (f.sink.kind !== 'persist' || !f.sink.persist || f.sink.persist.carriesExpiry || isIdentifierOnly(f.source)) continue;
        const g = bySink.get(f.sink.id);
        if (g) g.push(f);
        else bySink.set(f.sink.id, [f]);
      }
      const reports = kept.begin(context.skill);
      for (const group of bySink.values()) context.report(reports.report(group, () => {
        const first = group[0];
        const sink = first.sink;
        const facts = sink.persist!;
        const messageId = facts.store === 'attributes' ? 'attributes' : facts.store === 'dynamodb' || facts.store === 'dynamodb-low-level' ? 'dynamodb' : 'other';
        const advice =
          facts.store === 'mongodb'
            ? `Add a date attribute (\`${EXPIRY_ATTRIBUTE}\`) and a TTL index on it (\`expireAfterSeconds: 0\`).`
            : facts.store === 'firestore'
              ? `Add a date attribute (\`${EXPIRY_ATTRIBUTE}\`) and a Firestore TTL policy on it.`
              : facts.store === 'redis'
                ? 'Set an expiry on the key (`EX` seconds, or `expire`).'
                : facts.store === 's3'
                  ? 'Add an S3 lifecycle rule that expires the objects, and delete them when the customer asks.'
                  : `Store an expiry (\`${EXPIRY_ATTRIBUTE}\`) and delete expired records.`;
        const fixes: Fix[] = [];
        const edit = addExpiryEdit(context.skill, sink);
        if (edit) fixes.push({ id: 'add-expiry', title: `Add \`${EXPIRY_ATTRIBUTE}\` (30 days) to the stored item`, edits: [edit], isPreferred: true });
        return {
          messageId,
          data: {
            what: describeSources(group).replace(/^./, (c) => c.toUpperCase()),
            sink: sink.description,
            via: viaText(first, context.skill.project.root),
            attribute: EXPIRY_ATTRIBUTE,
            table: facts.table ? `table \`${facts.table}\`` : 'the table',
            advice,
            store: facts.store,
            category: first.source.category,
          },
          file: first.carrier.file,
          offset: first.carrier.offset,
          length: first.carrier.length,
          related: flowRelated(group, 'stored'),
          fixes,
        };
      }));
    });
  },
};

export default rule;
