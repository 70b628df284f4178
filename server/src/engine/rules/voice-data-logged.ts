import * as path from 'path';
import { codeModel } from '../code/analyze';
import { describeSources, flowRelated, groupFlows, isIdentifierOnly, viaText } from '../code/evidence';
import { KeptFindings } from '../code/kept-findings';
import { redactLogEdit } from '../fixes/code-edits';
import { KeptReports } from '../code/speech-edits';
import { Report, Rule } from '../rule';
import { Flow } from '../code/model';
import { Skill } from '../skill';
import { Fix } from '../types';

/**
 * Slot values, raw speech, the request envelope or other personal data reach a log. Lambda logs
 * go to CloudWatch in plain text, are kept until someone deletes them, and are read by everyone
 * with access to the account: a copy of the customer's data outside every retention promise.
 * User and device ids alone are not flagged here (they are pseudonymous and commonly logged to
 * correlate requests); they are flagged when they reach a third party.
 */
/** Reports kept from one check to the next while their flows are the same (code/kept-findings.ts). */
const kept = new KeptFindings();

/** This rule's reports per skill, kept across speech-only edits (code/speech-edits.ts). */
const keptReports = new KeptReports();

const rule: Rule = {
  meta: {
    id: 'voice-data-logged',
    defaultSeverity: 'warning',
    description: 'Slot values, utterances, the request envelope or other personal data reach a log.',
    messages: {
      logged:
        '{{what}} reaches a log through {{sink}}{{via}}. Logs keep what the customer said in plain text, outside the retention and deletion the skill promises; the Alexa Skills Policy allows personal information to be used only as disclosed, and GDPR requires data minimisation (Art. 5(1)(c)). Log the request type or intent name instead, or redact the value.',
    },
    fixable: true,
    scope: ['code', 'model'],
  },
  check(context) {
    // A speech-only keystroke changes no flow (speech is no source, and the SDK's builder passes it on to nothing the skill reads): its reports of the check before, moved.
    keptReports.run(context, (context) => {
      const model = codeModel(context.analysis);
      const flows = model.flows.filter((f) => f.sink.kind === 'log' && !isIdentifierOnly(f.source));
      const reports = kept.begin(context.skill);
      for (const group of groupFlows(flows)) context.report(reports.report(group, () => build(group, context.skill)));
    });
  },
};

function build(group: Flow[], skill: Skill): Report {
  const first = group[0];
  const fixes: Fix[] = [];
  const redact = redactLogEdit(skill, first.carrier, first.source);
  if (redact) fixes.push({ id: 'redact-log', title: `Log ${redact.summary.startsWith('[') ? `'${redact.summary}'` : `\`${redact.summary}\``} instead of ${first.source.short === 'request' ? 'the request' : `the ${first.source.short}`}`, edits: [redact.edit], isPreferred: true });
  return {
    messageId: 'logged',
    data: {
      what: describeSources(group).replace(/^./, (c) => c.toUpperCase()),
      sink: first.sink.description,
      via: viaText(first, skill.project.root),
      source: first.source.kind,
      category: first.source.category,
      file: path.basename(first.sink.file),
    },
    file: first.carrier.file,
    offset: first.carrier.offset,
    length: first.carrier.length,
    related: flowRelated(group, 'logged'),
    fixes,
  };
}

export default rule;
