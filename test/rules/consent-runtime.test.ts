/**
 * The consent-not-checked fix, proven at run time: the fixture skills' handlers, fixed by the
 * rule's own edits in a temporary copy, are run with ask-sdk-core (or a stand-in for alexa-sdk v1)
 * on request envelopes built here. Without consent they answer with a consent card for the right
 * scope and a spoken explanation; with it they answer as before. The linter never runs user code;
 * only this test does.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { DiskFileHost } from '../../server/src/engine/host';
import { lintSkill } from '../../server/src/engine/linter';
import { emptyConfig } from '../../server/src/engine/config';
import { discoverSkills } from '../../server/src/engine/project/discover';
import consentNotChecked from '../../server/src/engine/rules/consent-not-checked';
import { loadSkill } from '../../server/src/engine/skill';
import { Finding } from '../../server/src/engine/types';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const Alexa = require('ask-sdk-core') as typeof import('ask-sdk-core');

const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'consent');
// Under the repository, so that `require('ask-sdk-core')` in the copied handlers resolves.
const TMP_BASE = path.resolve(__dirname, '..', '..', 'consent-runtime');

function copyDir(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const a = path.join(from, e.name);
    const b = path.join(to, e.name);
    if (e.isDirectory()) copyDir(a, b);
    else fs.copyFileSync(a, b);
  }
}

function lint(root: string): Finding[] {
  const host = new DiskFileHost();
  return discoverSkills(root, host).flatMap((s) => lintSkill(loadSkill(s, host), { rules: [consentNotChecked], config: emptyConfig() }));
}

/** Applies the rule's `check-consent` fixes one at a time, re-linting after each, until none is left. */
function applyAllConsentFixes(root: string): string[] {
  const applied: string[] = [];
  for (let round = 0; round < 10; round++) {
    const finding = lint(root).find((f) => f.fixes.some((x) => x.id === 'check-consent'));
    if (!finding) return applied;
    const fix = finding.fixes.find((x) => x.id === 'check-consent')!;
    const byFile = new Map<string, typeof fix.edits>();
    for (const e of fix.edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
    for (const [file, edits] of byFile) {
      let text = fs.readFileSync(file, 'utf8');
      for (const e of [...edits].sort((a, b) => b.offset - a.offset)) text = text.slice(0, e.offset) + e.newText + text.slice(e.offset + e.length);
      fs.writeFileSync(file, text);
    }
    applied.push(String(finding.data.api));
  }
  throw new Error('fixes did not converge');
}

interface EnvelopeOptions {
  intent: string;
  consentToken?: string;
  scopes?: Record<string, { status: string }>;
  geolocation?: unknown;
}

function envelope(o: EnvelopeOptions): any {
  const permissions: Record<string, unknown> | undefined = o.consentToken || o.scopes ? { ...(o.consentToken ? { consentToken: o.consentToken } : {}), ...(o.scopes ? { scopes: o.scopes } : {}) } : undefined;
  return {
    version: '1.0',
    session: { new: false, sessionId: 'amzn1.echo-api.session.1', application: { applicationId: 'amzn1.ask.skill.1' }, user: { userId: 'amzn1.ask.account.1' } },
    context: {
      System: {
        application: { applicationId: 'amzn1.ask.skill.1' },
        user: { userId: 'amzn1.ask.account.1', ...(permissions ? { permissions } : {}) },
        device: { deviceId: 'amzn1.ask.device.1', supportedInterfaces: {} },
        apiEndpoint: 'https://api.amazonalexa.com',
        apiAccessToken: 'token-1',
      },
      ...(o.geolocation ? { Geolocation: o.geolocation } : {}),
    },
    request: { type: 'IntentRequest', requestId: 'r1', timestamp: '2026-12-01T10:00:00Z', locale: 'en-US', intent: { name: o.intent, confirmationStatus: 'NONE', slots: {} } },
  };
}

/** A stand-in `serviceClientFactory` that records which APIs were called. */
function services(calls: string[]): any {
  return {
    getUpsServiceClient: () => ({
      getProfileEmail: async () => (calls.push('email'), 'ana@example.com'),
      getProfileGivenName: async () => (calls.push('givenName'), 'Ana'),
      getProfileMobileNumber: async () => (calls.push('mobile'), { countryCode: '+49', phoneNumber: '1701234567' }),
    }),
    getDeviceAddressServiceClient: () => ({ getFullAddress: async () => (calls.push('address'), { addressLine1: '12 Elm Street' }) }),
    getReminderManagementServiceClient: () => ({ createReminder: async () => (calls.push('reminder'), { alertToken: 't' }) }),
  };
}

function handlerInput(env: any, calls: string[]): any {
  return { requestEnvelope: env, context: {}, attributesManager: {}, responseBuilder: Alexa.ResponseFactory.init(), serviceClientFactory: services(calls) };
}

function speech(response: any): string {
  return String(response.outputSpeech?.ssml ?? '').replace(/^<speak>|<\/speak>$/g, '');
}

function assertConsentCard(response: any, scope: string, spoken: string): void {
  assert.deepEqual(response.card, { type: 'AskForPermissionsConsent', permissions: [scope] });
  assert.equal(speech(response), `To do that, this skill needs permission to use ${spoken}. You can grant it on the card I sent to your Alexa app.`);
}

function freshRequire(file: string): any {
  for (const k of Object.keys(require.cache)) if (k.startsWith(TMP_BASE)) delete require.cache[k];
  return require(file);
}

describe('consent-not-checked fix at run time', () => {
  let dir: string;
  beforeEach(() => {
    fs.mkdirSync(TMP_BASE, { recursive: true });
    dir = fs.mkdtempSync(path.join(TMP_BASE, 'skill-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  after(() => fs.rmSync(TMP_BASE, { recursive: true, force: true }));

  it('ask-sdk v2 JavaScript: the fixed handlers ask for consent without it and answer normally with it', async () => {
    copyDir(path.join(FIXTURES, 'v2-js'), dir);
    const applied = applyAllConsentFixes(dir);
    assert.deepEqual(applied.sort(), ['`context.Geolocation`', '`getFullAddress()`', '`getProfileEmail()`']);
    // The address fix also declared the permission, so the card can be granted.
    assert.match(fs.readFileSync(path.join(dir, 'skill.json'), 'utf8'), /"alexa::devices:all:address:full:read"/);
    const { handlers } = freshRequire(path.join(dir, 'lambda', 'index.js'));

    const calls: string[] = [];
    let r = await handlers.EmailReceiptIntentHandler.handle(handlerInput(envelope({ intent: 'EmailReceiptIntent' }), calls));
    assertConsentCard(r, 'alexa::profile:email:read', 'your e-mail address');
    r = await handlers.DeliverHereIntentHandler.handle(handlerInput(envelope({ intent: 'DeliverHereIntent' }), calls));
    assertConsentCard(r, 'read::alexa:device:all:address', 'the address of this device');
    r = await handlers.NearestLockerIntentHandler.handle(handlerInput(envelope({ intent: 'NearestLockerIntent', geolocation: { coordinate: { latitudeInDegrees: 52.52 } } }), calls));
    assertConsentCard(r, 'alexa::devices:all:geolocation:read', 'the location of this device');
    assert.deepEqual(calls, [], 'no permissioned API is called without consent');

    r = await handlers.EmailReceiptIntentHandler.handle(handlerInput(envelope({ intent: 'EmailReceiptIntent', consentToken: 'c1' }), calls));
    assert.equal(speech(r), 'I sent the receipt to ana@example.com.');
    assert.equal(r.card, undefined);
    r = await handlers.DeliverHereIntentHandler.handle(handlerInput(envelope({ intent: 'DeliverHereIntent', consentToken: 'c1' }), calls));
    assert.equal(speech(r), 'Parcels will go to 12 Elm Street.');
    // A consent token alone does not grant geolocation: its scope must be GRANTED.
    r = await handlers.NearestLockerIntentHandler.handle(handlerInput(envelope({ intent: 'NearestLockerIntent', consentToken: 'c1', scopes: { 'alexa::devices:all:geolocation:read': { status: 'DENIED' } }, geolocation: { coordinate: { latitudeInDegrees: 52.52 } } }), calls));
    assertConsentCard(r, 'alexa::devices:all:geolocation:read', 'the location of this device');
    r = await handlers.NearestLockerIntentHandler.handle(handlerInput(envelope({ intent: 'NearestLockerIntent', scopes: { 'alexa::devices:all:geolocation:read': { status: 'GRANTED' } }, geolocation: { coordinate: { latitudeInDegrees: 52.52 } } }), calls));
    assert.equal(speech(r), 'The nearest locker to 52.52 is on Main Street.');
    assert.deepEqual(calls, ['email', 'address']);

    // The handler that already asked for consent is untouched and still works.
    r = await handlers.LaunchRequestHandler.handle(handlerInput({ ...envelope({ intent: 'x', consentToken: 'c1' }), request: { type: 'LaunchRequest', requestId: 'r', timestamp: 't', locale: 'en-US' } }, calls));
    assert.equal(speech(r), 'Welcome back, Ana.');
  });

  it('ask-sdk v2 JavaScript through a built skill: SkillBuilders.custom().addRequestHandlers(...).withApiClient(...)', async () => {
    copyDir(path.join(FIXTURES, 'v2-js'), dir);
    applyAllConsentFixes(dir);
    const { handlers } = freshRequire(path.join(dir, 'lambda', 'index.js'));
    const requests: string[] = [];
    const apiClient = {
      invoke: async (req: { url: string }) => {
        requests.push(req.url);
        return { statusCode: 200, headers: [], body: JSON.stringify('ana@example.com') };
      },
    };
    const skill = Alexa.SkillBuilders.custom().addRequestHandlers(handlers.EmailReceiptIntentHandler).withApiClient(apiClient).create();
    let out: any = await skill.invoke(envelope({ intent: 'EmailReceiptIntent' }));
    assertConsentCard(out.response, 'alexa::profile:email:read', 'your e-mail address');
    assert.deepEqual(requests, []);
    out = await skill.invoke(envelope({ intent: 'EmailReceiptIntent', consentToken: 'c1' }));
    assert.equal(speech(out.response), 'I sent the receipt to ana@example.com.');
    assert.deepEqual(requests, ['https://api.amazonalexa.com/v2/accounts/~current/settings/Profile.email']);
  });

  it('ask-sdk v2 TypeScript (transpiled here): a helper in another module behind the fixed handler', async () => {
    copyDir(path.join(FIXTURES, 'v2-ts'), dir);
    const applied = applyAllConsentFixes(dir);
    assert.deepEqual(applied.sort(), ['`createReminder()`', 'the Device Address REST API (`/v1/devices/{deviceId}/settings/address/countryAndPostalCode`)']);
    const src = path.join(dir, 'lambda', 'src');
    // The inserted check type-checks against ask-sdk-core's and ask-sdk-model's types, in strict mode.
    const program = ts.createProgram(
      fs.readdirSync(src).filter((x) => x.endsWith('.ts')).map((x) => path.join(src, x)),
      { strict: true, noEmit: true, skipLibCheck: true, target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, types: ['node'] },
    );
    assert.deepEqual(ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')), [], 'the fixed TypeScript type-checks');
    for (const f of fs.readdirSync(src).filter((x) => x.endsWith('.ts'))) {
      const text = fs.readFileSync(path.join(src, f), 'utf8');
      const out = ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 }, reportDiagnostics: true });
      assert.deepEqual(out.diagnostics?.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')), [], `${f} still parses after the fix`);
      fs.writeFileSync(path.join(src, f.replace(/\.ts$/, '.js')), out.outputText);
    }
    const mod = freshRequire(path.join(src, 'index.js'));
    const calls: string[] = [];
    let r = await mod.RemindMeIntentHandler.handle(handlerInput(envelope({ intent: 'RemindMeIntent' }), calls));
    assert.deepEqual(r.card, { type: 'AskForPermissionsConsent', permissions: ['alexa::alerts:reminders:skill:readwrite'] });
    // The skill ships de-DE only: the explanation is German.
    assert.equal(speech(r), 'Dafür braucht dieser Skill die Erlaubnis, Erinnerungen zu verwenden. Du kannst sie auf der Karte erteilen, die ich dir in die Alexa App geschickt habe.');
    r = await mod.ForecastIntentHandler.handle(handlerInput(envelope({ intent: 'ForecastIntent' }), calls));
    assert.deepEqual(r.card, { type: 'AskForPermissionsConsent', permissions: ['read::alexa:device:all:address:country_and_postal_code'] });
    assert.deepEqual(calls, []);

    r = await mod.RemindMeIntentHandler.handle(handlerInput(envelope({ intent: 'RemindMeIntent', consentToken: 'c1' }), calls));
    assert.equal(speech(r), 'Ich erinnere dich in einer Stunde.');
    assert.deepEqual(calls, ['reminder']);
    // The forecast helper calls the REST API with fetch: stand in for it, in this test only.
    const realFetch = globalThis.fetch;
    const urls: string[] = [];
    globalThis.fetch = (async (url: string) => {
      urls.push(url);
      return { json: async () => ({ postalCode: '10115' }) };
    }) as unknown as typeof fetch;
    try {
      r = await mod.ForecastIntentHandler.handle(handlerInput(envelope({ intent: 'ForecastIntent', consentToken: 'c1' }), calls));
    } finally {
      globalThis.fetch = realFetch;
    }
    assert.equal(speech(r), 'Morgen wird es in 10115 sonnig.');
    assert.deepEqual(urls, ['https://api.amazonalexa.com/v1/devices/amzn1.ask.device.1/settings/address/countryAndPostalCode']);
  });

  it('alexa-sdk v1: the fixed handler emits :tellWithPermissionCard without consent and reads the postal code with it', async () => {
    copyDir(path.join(FIXTURES, 'v1-js'), dir);
    const applied = applyAllConsentFixes(dir);
    assert.deepEqual(applied, ['`getCountryAndPostalCode()`']);
    // alexa-sdk v1 is not installed: a stand-in module with the one service the handler uses.
    const stub = path.join(dir, 'lambda', 'custom', 'node_modules', 'alexa-sdk');
    fs.mkdirSync(stub, { recursive: true });
    fs.writeFileSync(
      path.join(stub, 'index.js'),
      `exports.services = { DeviceAddressService: function () { this.getCountryAndPostalCode = function () { exports.calls.push('postal'); return Promise.resolve({ postalCode: 'SW1A 1AA' }); }; } };\nexports.calls = [];\n`,
    );
    const { handlers } = freshRequire(path.join(dir, 'lambda', 'custom', 'index.js'));
    const sdk = require(path.join(stub, 'index.js'));
    const run = (env: any): Promise<unknown[]> =>
      new Promise((resolve) => {
        const self = { event: env, emit: (...args: unknown[]) => resolve(args) };
        handlers.NearbyShopIntent.call(self);
      });
    const denied = await run(envelope({ intent: 'NearbyShopIntent' }));
    assert.deepEqual(denied, [
      ':tellWithPermissionCard',
      'To do that, this skill needs permission to use the postal code of this device. You can grant it on the card I sent to your Alexa app.',
      ['read::alexa:device:all:address:country_and_postal_code'],
    ]);
    assert.deepEqual(sdk.calls, []);
    const granted = await run(envelope({ intent: 'NearbyShopIntent', consentToken: 'c1' }));
    assert.deepEqual(granted, [':tell', 'The nearest shop to SW1A 1AA is open until eight.']);
    assert.deepEqual(sdk.calls, ['postal']);
  });
});
