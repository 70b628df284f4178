import { jsonEdit } from '../fixes/json-edit';
import { spanOf } from '../json/document';
import { privacyBlock } from '../manifest/privacy';
import { Rule } from '../rule';
import { Fix } from '../types';

/** Hosts that are never a real policy: documentation domains, loopback and obvious stand-ins. */
const PLACEHOLDER_HOSTS = new Set(['example.com', 'example.org', 'example.net', 'localhost', 'yourdomain.com', 'your-domain.com', 'mydomain.com', 'domain.com', 'test.com', 'website.com', 'yourwebsite.com', 'company.com', 'placeholder.com']);
/**
 * Stand-in words, matched as whole words of the URL (split at anything but letters and digits), so
 * that a real host such as `todoist.com` or `insertmedia.com` is not taken for a placeholder.
 */
const PLACEHOLDER_WORDS = ['todo', 'tbd', 'changeme', 'change-me', 'placeholder', 'your-privacy-policy', 'yourprivacypolicy', 'insert', 'fixme'];

function placeholderWord(value: string): string | undefined {
  const words = value.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  // The same text in its own case and lower case: an index into one is an index into the other.
  const written = '-' + words.join('-') + '-';
  const lower = written.toLowerCase();
  for (const w of PLACEHOLDER_WORDS) {
    const at = lower.indexOf(`-${w}-`);
    if (at >= 0) return written.slice(at + 1, at + 1 + w.length);
  }
  return words.find((w) => /^x{3,}$/i.test(w));
}

type Problem = { messageId: 'notHttps' | 'malformed' | 'placeholder' | 'notString' | 'privateHost'; detail: string };

function isPrivateHost(host: string): boolean {
  if (host === '0.0.0.0' || host.startsWith('127.') || host.startsWith('10.') || host.startsWith('192.168.') || host === '[::1]') return true;
  const m = /^172\.(\d+)\./.exec(host);
  return !!m && Number(m[1]) >= 16 && Number(m[1]) <= 31;
}

/** Classifies a privacy-policy URL with the WHATWG URL parser; undefined when it looks real. */
export function urlProblem(raw: string): Problem | undefined {
  const value = raw.trim();
  if (value === '') return undefined; // an empty URL is missing-privacy-policy's concern
  const word = placeholderWord(value);
  if (word) return { messageId: 'placeholder', detail: `it contains \`${word}\`` };
  if (value.includes('{') || value.includes('<')) return { messageId: 'placeholder', detail: 'it has a template slot to fill in' };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { messageId: 'malformed', detail: 'it is not an absolute URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { messageId: 'malformed', detail: `it uses ${url.protocol.slice(0, -1)}:, not https:` };
  const host = url.hostname.toLowerCase();
  // Private addresses first: `[::1]` has no dot but is not a typo.
  if (isPrivateHost(host)) return { messageId: 'privateHost', detail: `\`${host}\` is not reachable from the internet` };
  if (!host.includes('.') && host !== 'localhost') return { messageId: 'malformed', detail: `its host \`${host}\` is not a public domain name` };
  if (PLACEHOLDER_HOSTS.has(host) || host.endsWith('.example') || host.endsWith('.example.com') || host.endsWith('.test') || host.endsWith('.invalid') || host.endsWith('.localhost')) {
    return { messageId: 'placeholder', detail: `\`${host}\` is a placeholder host` };
  }
  if (url.protocol === 'http:') return { messageId: 'notHttps', detail: 'it uses http:' };
  return undefined;
}

const rule: Rule = {
  meta: {
    id: 'invalid-privacy-policy-url',
    defaultSeverity: 'error',
    description: 'A privacy policy URL is not https, is a placeholder or is malformed.',
    messages: {
      notHttps: 'The privacy policy URL for {{locale}} uses http:. Amazon certification requires the policy to be reachable over https, and customers are shown this link in the Alexa app. Serve the policy over https and change the link.',
      malformed: 'The privacy policy URL for {{locale}} is malformed: {{detail}}. Certification fails when the link does not open, and customers cannot read how their data is used. Use the full https URL of your policy.',
      placeholder: 'The privacy policy URL for {{locale}} is a placeholder ({{detail}}). Customers would find no policy, which breaks the Alexa privacy requirements for skills that collect personal data. Replace it with the https link to your real privacy policy.',
      privateHost: 'The privacy policy URL for {{locale}} points to a private address ({{detail}}). Customers cannot open it. Publish the policy on a public https site and link to it.',
      notString: 'The privacy policy URL for {{locale}} is not a string. Set it to the https link of your policy.',
    },
    fixable: true,
    scope: ['manifest'],
  },
  check(context) {
    const m = context.skill.manifest;
    if (!m?.manifest || m.doc.errors.length > 0) return;
    for (const [locale, node] of privacyBlock(m).policyUrls) {
      if (node.type !== 'string') {
        if (node.type !== 'null') context.report({ messageId: 'notString', data: { locale }, file: m.doc.path, ...spanOf(node) });
        continue;
      }
      const value = node.value as string;
      const problem = urlProblem(value);
      if (!problem) continue;
      const fixes: Fix[] = [];
      if (problem.messageId === 'notHttps') {
        fixes.push({
          id: 'use-https',
          title: 'Use https for the privacy policy URL',
          isPreferred: true,
          edits: jsonEdit(m.doc.path, m.doc.text, [m.key ?? 'manifest', 'privacyAndCompliance', 'locales', locale, 'privacyPolicyUrl'], 'https:' + value.trim().slice('http:'.length)),
        });
      }
      context.report({ messageId: problem.messageId, data: { locale, detail: problem.detail, url: value }, file: m.doc.path, ...spanOf(node), fixes });
    }
  },
};

export default rule;
