-- Drives the language server from Neovim's own LSP client (a client not
-- written alongside the server) and writes what it saw to $ASSOC_OUT as JSON.
local root = os.getenv('ASSOC_ROOT')
local server = os.getenv('ASSOC_SERVER')
local out_file = os.getenv('ASSOC_OUT')
local out = { diagnostics = {} }
local published = {}

local function uri_of(name) return vim.uri_from_fname(root .. '/' .. name) end
local a, b = uri_of('fabrikam.assoc.yaml'), uri_of('fabrikam-europe.assoc.yaml')

local client_id = vim.lsp.start_client({
  name = 'assoc',
  cmd = { 'node', server, '--stdio' },
  root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = 'ws' } },
  handlers = {
    ['textDocument/publishDiagnostics'] = function(_, result)
      published[result.uri] = result.diagnostics
    end,
  },
})

vim.cmd('edit ' .. root .. '/fabrikam.assoc.yaml')
local buf = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(buf, client_id)

local function codes(uri)
  local list = {}
  for _, d in ipairs(published[uri] or {}) do table.insert(list, d.code) end
  return list
end

-- Cross-file diagnostics: the open file and the one never opened.
vim.wait(20000, function() return #codes(a) > 0 and #codes(b) > 0 end, 50)
out.diagnostics.before = { a = codes(a), b = codes(b) }

local function request(method, params)
  local res = vim.lsp.buf_request_sync(buf, method, params, 10000)
  for _, r in pairs(res or {}) do return r.result end
end

local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
local function line_of(text)
  for i, l in ipairs(lines) do if l:find(text, 1, true) then return i - 1 end end
end
local doc = { uri = a }

local hover = request('textDocument/hover', { textDocument = doc, position = { line = line_of('type: DPOR'), character = 11 } })
out.hover = hover and hover.contents and hover.contents.value or vim.NIL

local def = request('textDocument/definition', { textDocument = doc, position = { line = line_of('subscription: fabrikam-prod'), character = 20 } })
out.definition_line = def and def[1] and def[1].range.start.line or vim.NIL
out.name_line = line_of('name: fabrikam-prod')

local symbols = request('textDocument/documentSymbol', { textDocument = doc })
out.symbols = {}
for _, s in ipairs(symbols or {}) do table.insert(out.symbols, s.name) end

local completion = request('textDocument/completion', { textDocument = doc, position = { line = line_of('subscription: fabrikam-prod'), character = 18 } })
out.completion = {}
for _, item in ipairs((completion and (completion.items or completion)) or {}) do table.insert(out.completion, item.label) end

-- The quick fix, applied through Neovim's own workspace-edit code, then saved.
local actions = request('textDocument/codeAction', {
  textDocument = doc,
  range = published[a][1].range,
  context = { diagnostics = published[a] },
})
out.actions = {}
for _, action in ipairs(actions or {}) do
  table.insert(out.actions, action.title)
  if action.title:find('End this association', 1, true) then
    vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
  end
end
vim.cmd('write')
vim.wait(20000, function() return #codes(a) == 0 and #codes(b) == 0 end, 50)
out.diagnostics.after = { a = codes(a), b = codes(b) }

local f = io.open(out_file, 'w')
f:write(vim.fn.json_encode(out))
f:close()
vim.lsp.stop_client(client_id)
vim.cmd('qa!')
