import rule from '../../server/src/engine/rules/invalid-privacy-policy-url';
import { ExpectedFinding, InvalidCase, RuleTester } from '../helpers/rule-tester';

/** A manifest with one `privacyPolicyUrl` per locale; the value of locale i is on line 5 + i, column 40. */
const manifest = (urls: Record<string, unknown>): string => `{
  "manifest": {
    "privacyAndCompliance": {
      "locales": {
${Object.entries(urls)
  .map(([l, u]) => `        "${l}": { "privacyPolicyUrl": ${JSON.stringify(u)} }`)
  .join(',\n')}
      }
    }
  }
}
`;

/** The finding on the value of the only locale, en-US: line 5, from column 40 over the JSON string. */
const onValue = (messageId: string, value: unknown, detail?: string): ExpectedFinding => ({
  messageId,
  file: 'skill.json',
  line: 5,
  column: 40,
  endLine: 5,
  endColumn: 40 + JSON.stringify(value).length,
  data: detail === undefined ? { locale: 'en-US' } : { locale: 'en-US', detail },
});

const one = (name: string, url: string, messageId: string, detail: string): InvalidCase => ({
  name,
  files: { 'skill.json': manifest({ 'en-US': url }) },
  errors: [onValue(messageId, url, detail)],
});

RuleTester.run(rule, {
  valid: [
    { name: 'a plain https URL', files: { 'skill.json': manifest({ 'en-US': 'https://corner-shop.co.uk/privacy' }) } },
    {
      name: 'https with query and fragment, an internationalised (punycode) host, a hosted document',
      files: {
        'skill.json': manifest({
          'en-US': 'https://corner-shop.co.uk/privacy?lang=en#data',
          'de-DE': 'https://xn--mnchen-3ya.de/datenschutz',
          'fr-FR': 'https://docs.google.com/document/d/1x/edit',
        }),
      },
    },
    {
      name: 'real hosts that merely contain a placeholder word: todoist.com, insertmedia.com',
      files: { 'skill.json': manifest({ 'en-US': 'https://todoist.com/privacy', 'en-GB': 'https://www.insertmedia.com/privacy' }) },
    },
    { name: 'an empty URL is missing-privacy-policy\'s concern; null is left to the schema', files: { 'skill.json': manifest({ 'en-US': '', 'de-DE': null }) } },
    { name: 'no privacyAndCompliance block at all', files: { 'skill.json': '{ "manifest": { "apis": { "custom": {} } } }\n' } },
    { name: 'a skill.json that does not parse is left to parse-error', files: { 'skill.json': manifest({ 'en-US': 'http://corner-shop.co.uk/p' }).replace('"locales"', '"locales" 1') } },
  ],
  invalid: [
    {
      name: 'http: the fix switches to https and keeps the rest of the line',
      files: { 'skill.json': manifest({ 'en-US': 'http://corner-shop.co.uk/privacy' }) },
      errors: [onValue('notHttps', 'http://corner-shop.co.uk/privacy')],
      fixes: [{ fixId: 'use-https', output: { 'skill.json': manifest({ 'en-US': 'https://corner-shop.co.uk/privacy' }) } }],
    },
    {
      name: 'http with white space around it: the fix also trims',
      files: { 'skill.json': manifest({ 'en-US': ' http://corner-shop.co.uk/privacy ' }) },
      errors: [onValue('notHttps', ' http://corner-shop.co.uk/privacy ')],
      fixes: [{ fixId: 'use-https', output: { 'skill.json': manifest({ 'en-US': 'https://corner-shop.co.uk/privacy' }) } }],
    },
    {
      name: 'http in an ask-cli v1 skillManifest indented with tabs; only the bad locale is reported',
      files: {
        'skill.json': '{\n\t"skillManifest": {\n\t\t"privacyAndCompliance": {\n\t\t\t"locales": {\n\t\t\t\t"en-US": { "privacyPolicyUrl": "https://corner-shop.co.uk/privacy" },\n\t\t\t\t"en-GB": { "privacyPolicyUrl": "http://corner-shop.co.uk/privacy" }\n\t\t\t}\n\t\t}\n\t}\n}\n',
      },
      errors: [{ messageId: 'notHttps', file: 'skill.json', line: 6, column: 36, endLine: 6, endColumn: 70, data: { locale: 'en-GB' } }],
      fixes: [
        {
          fixId: 'use-https',
          output: {
            'skill.json': '{\n\t"skillManifest": {\n\t\t"privacyAndCompliance": {\n\t\t\t"locales": {\n\t\t\t\t"en-US": { "privacyPolicyUrl": "https://corner-shop.co.uk/privacy" },\n\t\t\t\t"en-GB": { "privacyPolicyUrl": "https://corner-shop.co.uk/privacy" }\n\t\t\t}\n\t\t}\n\t}\n}\n',
          },
        },
      ],
    },
    one('example.com, the placeholder the missing-privacy-policy fix writes', 'https://example.com/privacy-policy', 'placeholder', '`example.com` is a placeholder host'),
    one('a subdomain of example.com', 'https://www.example.com/privacy', 'placeholder', '`www.example.com` is a placeholder host'),
    one('a reserved .example and .test domain', 'https://shop.test/privacy', 'placeholder', '`shop.test` is a placeholder host'),
    one('localhost over http: a placeholder, not something https would fix', 'http://localhost:8080/privacy', 'placeholder', '`localhost` is a placeholder host'),
    one('TODO in the path', 'https://corner-shop.co.uk/TODO', 'placeholder', 'it contains `TODO`'),
    one('only TBD', 'TBD', 'placeholder', 'it contains `TBD`'),
    one('change-me in the host, in its own case', 'https://Change-Me.co.uk/p', 'placeholder', 'it contains `Change-Me`'),
    one('xxx in the path', 'https://corner-shop.co.uk/xxx', 'placeholder', 'it contains `xxx`'),
    one('a template slot left in', 'https://{your-domain}/privacy', 'placeholder', 'it has a template slot to fill in'),
    one('no scheme', 'corner-shop.co.uk/privacy', 'malformed', 'it is not an absolute URL'),
    one('a space after the scheme', 'https:// corner-shop.co.uk', 'malformed', 'it is not an absolute URL'),
    one('a host without a dot', 'https://privacy', 'malformed', 'its host `privacy` is not a public domain name'),
    one('ftp', 'ftp://corner-shop.co.uk/privacy.txt', 'malformed', 'it uses ftp:, not https:'),
    one('mailto', 'mailto:privacy@corner-shop.co.uk', 'malformed', 'it uses mailto:, not https:'),
    one('a private IPv4 address', 'https://192.168.1.10/privacy', 'privateHost', '`192.168.1.10` is not reachable from the internet'),
    one('a 172.16/12 address', 'https://172.20.0.1/p', 'privateHost', '`172.20.0.1` is not reachable from the internet'),
    one('IPv6 loopback is private, not malformed', 'https://[::1]/p', 'privateHost', '`[::1]` is not reachable from the internet'),
    {
      name: 'not a string: a number and an object (each reported on its value)',
      files: { 'skill.json': manifest({ 'en-US': 42, 'de-DE': null, 'fr-FR': { url: 'x' } }) },
      errors: [
        { messageId: 'notString', file: 'skill.json', line: 5, column: 40, endLine: 5, endColumn: 42, data: { locale: 'en-US' } },
        { messageId: 'notString', file: 'skill.json', line: 7, column: 40, endLine: 7, endColumn: 51, data: { locale: 'fr-FR' } },
      ],
    },
  ],
});
