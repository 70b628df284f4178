/**
 * Neovim's built-in LSP client, a second editor that shares no code with ours: it starts the
 * bundled server over stdio, opens a fixture file, receives the diagnostics, asks for code actions
 * and applies the privacy-policy fix. The Lua script writes what it saw as JSON lines on stdout.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO, copyFixture, run } from './editors';

const SERVER = path.join(REPO, 'dist', 'server.js');

/** Neovim 0.7 (Debian 12) has `vim.lsp.start_client`, not `vim.lsp.start`; this works on both. */
const LUA = String.raw`
local root, file, server = _G.SPL_ROOT, _G.SPL_FILE, _G.SPL_SERVER
local function out(t) io.stdout:write(vim.fn.json_encode(t) .. "\n") end
local diags = {}
local id = vim.lsp.start_client({
  name = "skill-privacy",
  cmd = { "node", server, "--stdio" },
  root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = "skill" } },
  handlers = {
    ["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
      diags[result.uri] = result.diagnostics
      vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
    end,
  },
})
if not id then out({ error = "start_client failed" }) vim.cmd("qa!") end
vim.cmd("edit " .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(buf, id)
local uri = vim.uri_from_bufnr(buf)
local function has(rule)
  for _, d in ipairs(diags[uri] or {}) do if d.code == rule then return d end end
  return nil
end
local ok = vim.wait(20000, function() return has("missing-privacy-policy") ~= nil end, 50)
local list = {}
for _, d in ipairs(diags[uri] or {}) do
  table.insert(list, { code = d.code, source = d.source, line = d.range.start.line, character = d.range.start.character, href = d.codeDescription and d.codeDescription.href or vim.NIL })
end
out({ step = "diagnostics", ok = ok, diagnostics = list })
if not ok then vim.cmd("qa!") end

local d = has("missing-privacy-policy")
local client = vim.lsp.get_client_by_id(id)
local resp = client.request_sync("textDocument/codeAction", {
  textDocument = { uri = uri },
  range = d.range,
  context = { diagnostics = { d } },
}, 10000, buf)
local titles, chosen = {}, nil
for _, a in ipairs((resp and resp.result) or {}) do
  table.insert(titles, a.title)
  if chosen == nil and a.edit and a.title:lower():find("privacypolicyurl") then chosen = a end
end
out({ step = "actions", titles = titles, chosen = chosen and chosen.title or vim.NIL })
if not chosen then vim.cmd("qa!") end
vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding or "utf-16")
vim.cmd("silent wall")
local gone = vim.wait(20000, function() return has("missing-privacy-policy") == nil end, 50)
out({ step = "after-fix", gone = gone, text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n") })
client.stop()
vim.wait(3000, function() return client.is_stopped() end, 50)
vim.cmd("qa!")
`;

describe('Neovim built-in LSP client with the bundled server', function () {
  this.timeout(60_000);

  it('receives the diagnostics of skill.json and applies the privacy-policy quick fix', async () => {
    assert.ok(fs.existsSync(SERVER), `${SERVER} is missing; run npm run build`);
    const skill = copyFixture('e2e-skill');
    const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'spl-e2e-nvim-')), 'test.lua');
    const file = path.join(skill, 'skill-package', 'skill.json');
    const globals = `_G.SPL_ROOT = ${JSON.stringify(skill)}\n_G.SPL_FILE = ${JSON.stringify(file)}\n_G.SPL_SERVER = ${JSON.stringify(SERVER)}\n`;
    fs.writeFileSync(script, globals + LUA);
    try {
      const r = await run('nvim', ['--headless', '--clean', '-c', `luafile ${script}`]);
      const steps = r.output
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      const byStep = new Map(steps.map((s) => [s.step, s]));
      const diags = byStep.get('diagnostics') as { ok: boolean; diagnostics: Array<{ code: string; source: string; href: unknown }> } | undefined;
      assert.ok(diags?.ok, `no missing-privacy-policy diagnostic reached Neovim:\n${r.output}`);
      const mpp = diags.diagnostics.find((d) => d.code === 'missing-privacy-policy')!;
      assert.equal(mpp.source, 'skill-privacy');
      assert.match(String(mpp.href), /docs\/rules\/missing-privacy-policy\.md$/);
      const actions = byStep.get('actions') as { titles: string[]; chosen: unknown } | undefined;
      assert.ok(actions && typeof actions.chosen === 'string', `no privacy-policy code action: ${JSON.stringify(actions)}\n${r.output}`);
      const after = byStep.get('after-fix') as { gone: boolean; text: string } | undefined;
      assert.ok(after?.gone, `the diagnostic stayed after the fix:\n${r.output}`);
      const onDisk = fs.readFileSync(file, 'utf8');
      assert.match(onDisk, /"privacyPolicyUrl"/, 'the fix was written to disk');
      JSON.parse(onDisk);
    } finally {
      fs.rmSync(skill, { recursive: true, force: true });
    }
  });
});
