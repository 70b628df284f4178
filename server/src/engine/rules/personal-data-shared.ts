import { codeModel } from '../code/analyze';
import { describeSources, flowRelated, groupFlows, isAmazonDestination, isSharingSink, viaText } from '../code/evidence';
import { KeptReports } from '../code/speech-edits';
import { Rule } from '../rule';

/** This rule's reports per skill, kept across speech-only edits (code/speech-edits.ts). */
const keptReports = new KeptReports();

/**
 * Personal data or user ids reach a third party: an HTTP request to a host that is not Amazon's,
 * an analytics or advertising SDK, an e-mail or SMS sender. Requests to the Alexa APIs themselves
 * (`apiEndpoint`, api.amazonalexa.com) are not sharing. Whether a transfer is right is a design
 * decision, so there is no quick fix; the docs page says what to check.
 */
const rule: Rule = {
  meta: {
    id: 'personal-data-shared',
    defaultSeverity: 'warning',
    description: 'Personal data or user ids reach a third party (HTTP, analytics, ads, messaging).',
    messages: {
      http:
        '{{what}} is sent to {{destination}} by {{sink}}{{via}}. Sharing customers\' personal data with a third party must be disclosed in the privacy policy and limited to what the customer agreed to; Alexa policy forbids using it for advertising, and GDPR needs a legal basis and a processor agreement (Art. 6, 28). Send only what the service needs, or keep the data inside the skill.',
      analytics:
        '{{what}} is sent to {{destination}} by {{sink}}{{via}}. Analytics and advertising SDKs receive what customers say and who they are; Alexa policy forbids using customer data for advertising, and the transfer must be disclosed in the privacy policy (GDPR Art. 13, 28). Send event names or counts, never slot values or user ids.',
      messaging:
        '{{what}} is sent to {{destination}} by {{sink}}{{via}}. An e-mail or SMS provider receives the customer\'s personal data; this must be disclosed in the privacy policy and done only with the customer\'s consent (Alexa Skills Policy; GDPR Art. 6, 28). Make sure the customer asked for the message and send only what it needs.',
    },
    fixable: false,
    scope: ['code', 'model'],
  },
  check(context) {
    // A speech-only keystroke changes no flow (speech is no source, and the SDK's builder passes it on to nothing the skill reads): its reports of the check before, moved.
    keptReports.run(context, (context) => {
      const model = codeModel(context.analysis);
      const flows = model.flows.filter((f) => isSharingSink(f.sink) && !isAmazonDestination(f.sink));
      for (const group of groupFlows(flows)) {
        const first = group[0];
        const sink = first.sink;
        const destination = sink.kind === 'http' ? (sink.destination ? `\`${sink.destination}\`` : 'a URL the analysis could not resolve') : (sink.destination ?? 'a third party');
        context.report({
          messageId: sink.kind,
          data: {
            what: describeSources(group).replace(/^./, (c) => c.toUpperCase()),
            destination,
            sink: sinkName(sink.description),
            via: viaText(first, context.skill.project.root),
            source: first.source.kind,
            category: first.source.category,
          },
          file: first.carrier.file,
          offset: first.carrier.offset,
          length: first.carrier.length,
          related: flowRelated(group, 'sent'),
        });
      }
    });
  },
};

export default rule;

/**
 * The sink's name without its destination (`axios.post to https://…`, `fetch (…)`). Done by index,
 * not by `/ to .*$| \(.*\)$/`, which backtracks quadratically on a description holding many " (".
 */
function sinkName(description: string): string {
  const cuts = [description.indexOf(' to ')];
  if (description.endsWith(')')) cuts.push(description.indexOf(' ('));
  const at = Math.min(...cuts.filter((i) => i >= 0));
  return Number.isFinite(at) ? description.slice(0, at) : description;
}
