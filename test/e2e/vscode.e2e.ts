/**
 * VS Code itself (code-server, the open-source VS Code server) with the packaged .vsix installed,
 * driven through its page in Debian's Chromium: what a skill developer sees. Screenshots of every
 * step go to test-artifacts/e2e/.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BrowserContext, Page, chromium } from 'playwright-core';
import { ARTIFACTS, CODE_SERVER, NODE24_BIN, Proc, VSIX, copyFixture, freePort, requireSetup, run, waitUntil } from './editors';

const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe('VS Code (code-server) with the packaged extension', function () {
  this.timeout(180_000);

  let skill: string;
  let server: Proc | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let shot = 0;

  const screenshot = async (name: string): Promise<void> => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, `vscode-${String(++shot).padStart(2, '0')}-${name}.png`) });
  };

  before(async function () {
    requireSetup();
    skill = copyFixture('e2e-skill');
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'spl-e2e-cs-'));
    const env = {
      ...process.env,
      PATH: `${NODE24_BIN}:${process.env.PATH ?? ''}`,
      XDG_CONFIG_HOME: path.join(home, 'config'),
      XDG_DATA_HOME: path.join(home, 'data'),
    };
    const dirs = ['--user-data-dir', path.join(home, 'user'), '--extensions-dir', path.join(home, 'extensions')];
    const install = await run(CODE_SERVER, [...dirs, '--install-extension', VSIX], env);
    assert.equal(install.code, 0, `code-server --install-extension failed:\n${install.output}`);
    // Settings a user would have: no welcome page, problems auto-reveal off, fast hovers.
    fs.mkdirSync(path.join(home, 'user', 'User'), { recursive: true });
    fs.writeFileSync(
      path.join(home, 'user', 'User', 'settings.json'),
      JSON.stringify({ 'workbench.startupEditor': 'none', 'workbench.tips.enabled': false, 'editor.hover.delay': 100, 'files.autoSave': 'off', 'extensions.ignoreRecommendations': true, 'chat.disableAIFeatures': true, 'workbench.secondarySideBar.defaultVisibility': 'hidden' }),
    );

    const port = await freePort();
    server = new Proc(CODE_SERVER, ['--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', ...dirs, skill], { env });
    await waitUntil('code-server /healthz', async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok, 30_000, 200).catch((e: Error) => {
      throw new Error(`${e.message}\ncode-server output:\n${server?.tail()}`);
    });

    context = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(os.tmpdir(), 'spl-e2e-chromium-')), {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1600, height: 1000 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await screenshot('workbench');
  });

  after(async () => {
    await context?.close().catch(() => undefined);
    await server?.stop();
    if (skill) fs.rmSync(skill, { recursive: true, force: true });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) await screenshot(`failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 40)}`).catch(() => undefined);
  });

  async function openFile(relative: string): Promise<void> {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(relative);
    // The list first shows recently opened files; wait until the top row is the file asked for.
    const top = page.locator('.quick-input-list .monaco-list-row').first();
    await waitUntil(`Quick Open to list ${relative}`, async () => ((await top.getAttribute('aria-label')) ?? '').includes(path.basename(relative)), 10_000);
    await page.keyboard.press('Enter');
    await page.locator(`.tab.active[data-resource-name="${path.basename(relative)}"]`).waitFor({ timeout: 10_000 });
  }

  /**
   * Opens the quick-fix menu at the cursor (Ctrl+.) and returns its item matching `title`. The
   * menu is asked for again until the item is there: the server's answer can trail the keystroke.
   */
  async function quickFix(title: RegExp) {
    const item = page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
    await waitUntil(`a quick fix matching ${title}`, async () => {
      if (await item.isVisible()) return true;
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+.');
      return item.waitFor({ state: 'visible', timeout: 2_000 }).then(() => true, () => false);
    }, 20_000, 200);
    return item;
  }

  /** The 1-based line and column of the `nth` (1-based) occurrence of `needle` in a file. */
  function positionIn(file: string, needle: string, nth: number): { line: number; column: number } {
    const text = fs.readFileSync(file, 'utf8');
    let at = -1;
    for (let i = 0; i < nth; i++) {
      at = text.indexOf(needle, at + 1);
      assert.ok(at >= 0, `${path.basename(file)} has ${nth} × ${needle}`);
    }
    const before = text.slice(0, at).split('\n');
    return { line: before.length, column: before[before.length - 1].length + 1 };
  }

  /** The Problems panel's rendered rows: accessible label and text (message, source, rule id, position). */
  async function problemRows(): Promise<string[]> {
    return page.locator('.markers-panel .monaco-list-row').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('aria-label') ?? ''} ${r.textContent ?? ''}`));
  }

  async function showProblems(): Promise<void> {
    if (!(await page.locator('.markers-panel').isVisible())) await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 10_000 });
    // Expand every file's group so each finding has a row.
    const tree = page.locator('.markers-panel .monaco-list');
    await tree.waitFor({ timeout: 10_000 });
  }

  /** Moves the cursor to a 1-based line/column through "Go to Line" (Ctrl+G accepts `line:col`). */
  async function goTo(line: number, column: number): Promise<void> {
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`:${line}:${column}`); // Go to Line is Quick Open in `:` mode
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: 10_000 });
  }

  it('shows squiggles in index.js, the model and skill.json, and lists the findings in the Problems panel', async () => {
    await openFile('skill-package/interactionModels/custom/en-US.json');
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 30_000 });
    await screenshot('model-squiggles');
    await openFile('skill-package/skill.json');
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 30_000 });
    await screenshot('skill-json-squiggles');
    await openFile('lambda/index.js');
    await page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error').first().waitFor({ timeout: 30_000 });
    await screenshot('index-js-squiggles');

    await showProblems();
    const rows = await waitUntil(
      'the Problems panel to list the findings of all three files',
      async () => {
        const r = await problemRows();
        const text = r.join('\n');
        return ['personal-data-slot', 'missing-privacy-policy', 'voice-data-logged', 'consent-not-checked'].every((id) => text.includes(id)) ? r : undefined;
      },
      30_000,
    );
    await screenshot('problems-panel');
    const text = rows.join('\n');
    assert.match(text, /personal-data-slot/, 'the phone slot of en-US.json');
    assert.match(text, /missing-privacy-policy/, 'skill.json has no privacyPolicyUrl for en-US');
    assert.match(text, /voice-data-logged/, 'index.js logs the phone slot');
    assert.match(text, /consent-not-checked/, 'index.js reads the e-mail without asking for consent');
    assert.match(text, /skill-privacy/, 'rows name the source');
  });

  it('explains a finding on hover, with the rule and its docs link', async () => {
    await openFile('skill-package/interactionModels/custom/en-US.json');
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 30_000 });
    const at = positionIn(path.join(skill, 'skill-package', 'interactionModels', 'custom', 'en-US.json'), '"phone"', 1);
    await goTo(at.line, at.column);
    const hover = page.locator('.monaco-hover:not(.hidden)').first();
    const text = await waitUntil('the hover text on the phone slot', async () => {
      // "Show Hover" (Ctrl+K Ctrl+I) at the cursor; repeated until the server's hover is in.
      if (!(await hover.isVisible())) {
        await page.keyboard.press('Control+K');
        await page.keyboard.press('Control+I');
      }
      const t = (await hover.isVisible()) ? await hover.innerText() : '';
      return /personal-data-slot/.test(t) ? t : undefined;
    }, 20_000, 500);
    await screenshot('hover');
    assert.match(text, /phone number/i, 'says which personal data');
    assert.match(text, /permission|policy/i, 'says why it matters');
    await page.keyboard.press('Escape');
  });

  it('shows the privacy report in the Markdown preview from the command palette', async () => {
    await openFile('lambda/index.js');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill('>Skill Privacy: Show Privacy Report');
    const top = page.locator('.quick-input-list .monaco-list-row').first();
    await waitUntil('the report command in the palette', async () => /Show Privacy Report/.test((await top.getAttribute('aria-label')) ?? ''), 10_000);
    await page.keyboard.press('Enter');
    // The preview is a webview: its document lives in a nested frame of the page.
    const preview = await waitUntil('the report in the Markdown preview', async () => {
      for (const frame of page.frames()) {
        const h = await frame.locator('h1').first().textContent({ timeout: 200 }).catch(() => null);
        if (h && /Privacy report/.test(h)) return { frame, heading: h };
      }
      return undefined;
    }, 30_000, 250);
    await screenshot('privacy-report');
    assert.equal(preview.heading.trim(), 'Privacy report: Call Me Back');
    const body = await preview.frame.locator('body').innerText();
    assert.match(body, /lambda\/index\.js:20/, 'the log of the phone slot, at its line');
    assert.doesNotMatch(body, /\]\(file:/, 'no unrendered links');
  });

  it('applies the quick fix for a missing consent prompt: index.js and skill.json change on disk and the findings go', async () => {
    const index = path.join(skill, 'lambda', 'index.js');
    const manifest = path.join(skill, 'skill-package', 'skill.json');
    await openFile('lambda/index.js');
    await page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error').first().waitFor({ timeout: 30_000 });
    const at = positionIn(index, 'upsClient.getProfileEmail()', 1);
    await goTo(at.line, at.column + 2);
    const item = await quickFix(/Check consent/i);
    await screenshot('consent-fix-menu');
    await item.click();
    // The fix edits two files; skill.json is changed in the background, so save all (Ctrl+K S).
    await page.keyboard.press('Control+K');
    await page.keyboard.press('s');
    const code = await waitUntil('index.js to be saved with the consent check', () => {
      const t = fs.readFileSync(index, 'utf8');
      return t.includes('withAskForPermissionsConsentCard') ? t : undefined;
    }, 15_000);
    assert.match(code, /alexa::profile:email:read/, 'the card asks for the e-mail scope');
    const m = await waitUntil('skill.json to declare the permission', () => {
      const t = fs.readFileSync(manifest, 'utf8');
      return t.includes('alexa::profile:email:read') ? t : undefined;
    }, 15_000);
    JSON.parse(m);
    await showProblems();
    await waitUntil('the consent-not-checked and permission-not-declared rows to go', async () => {
      const text = (await problemRows()).join('\n');
      return !text.includes('consent-not-checked') && !text.includes('permission-not-declared');
    }, 20_000);
    await screenshot('after-consent-fix');
  });

  it('applies the quick fix for the missing privacy policy: skill.json changes on disk and the finding goes', async () => {
    const manifest = path.join(skill, 'skill-package', 'skill.json');
    const before = fs.readFileSync(manifest, 'utf8');
    await openFile('skill-package/skill.json');
    // The finding sits on the locale key under privacyAndCompliance.locales; put the cursor there.
    const at = positionIn(manifest, '"en-US"', 2);
    await goTo(at.line, at.column + 1);
    const item = await quickFix(/privacyPolicyUrl/i);
    await screenshot('quick-fix-menu');
    await item.click();
    await page.keyboard.press('Control+S');
    const after = await waitUntil('skill.json to be saved with a privacyPolicyUrl', () => {
      const t = fs.readFileSync(manifest, 'utf8');
      return t !== before && t.includes('privacyPolicyUrl') ? t : undefined;
    }, 15_000);
    JSON.parse(after); // still valid JSON
    await showProblems();
    await waitUntil('the missing-privacy-policy row to go', async () => !(await problemRows()).join('\n').includes('missing-privacy-policy'), 20_000);
    await screenshot('after-privacy-policy-fix');
  });
});
