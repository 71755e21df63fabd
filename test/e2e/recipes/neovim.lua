-- Runs after a README recipe was loaded as init.lua and a record was opened
-- from the command line (`nvim --headless -c 'luafile neovim.lua' FILE`).
-- Looks only at what the recipe set up: which client attached, its root, the
-- diagnostics Neovim holds, and the hover window a user would see. Writes what
-- it saw to $ASSOC_OUT as JSON and quits, whatever happens.
local out_file = os.getenv('ASSOC_OUT')
local other_file = os.getenv('ASSOC_OTHER') -- a record that is never opened
local out = {}

local function clients()
  if vim.lsp.get_clients then return vim.lsp.get_clients() end
  return vim.lsp.get_active_clients()
end

local function codes(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    -- 0.7 keeps the LSP code only in user_data.
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    table.insert(list, code or d.message)
  end
  table.sort(list)
  return list
end

local function has(list, value)
  for _, v in ipairs(list) do if v == value then return true end end
  return false
end

local function check()
  local buf = vim.api.nvim_get_current_buf()
  out.version = tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch
  out.buffer = vim.api.nvim_buf_get_name(buf)
  out.filetype = vim.bo[buf].filetype

  local client
  vim.wait(30000, function()
    for _, c in ipairs(clients()) do
      if vim.lsp.buf_is_attached(buf, c.id) and c.initialized ~= false and c.server_capabilities then
        client = c
        return true
      end
    end
    return false
  end, 50)
  if not client then error('no language server attached to ' .. out.buffer) end
  out.client = client.name
  out.root_dir = client.config.root_dir
  out.workspace_folders = {}
  for _, f in ipairs(client.workspace_folders or client.config.workspace_folders or {}) do
    table.insert(out.workspace_folders, vim.uri_to_fname(f.uri))
  end
  out.clients = #clients()

  -- Cross-file diagnostics: in the open record, and in the one never opened.
  local other = vim.uri_to_bufnr(vim.uri_from_fname(other_file))
  vim.wait(60000, function()
    return has(codes(buf), 'dpor-one-per-subscription') and has(codes(other), 'dpor-one-per-subscription')
  end, 50)
  out.diagnostics = { open = codes(buf), other = codes(other) }

  -- Hover on DPOR, as K would show it: vim.lsp.buf.hover() opens a floating window.
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  for i, l in ipairs(lines) do
    local col = l:find('type: DPOR', 1, true)
    if col then vim.api.nvim_win_set_cursor(0, { i, col - 1 + #'type: ' }) break end
  end
  local before = {}
  for _, w in ipairs(vim.api.nvim_list_wins()) do before[w] = true end
  vim.lsp.buf.hover()
  vim.wait(20000, function()
    for _, w in ipairs(vim.api.nvim_list_wins()) do
      if not before[w] and vim.api.nvim_win_get_config(w).relative ~= '' then
        out.hover = table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(w), 0, -1, false), '\n')
        return true
      end
    end
    return false
  end, 50)
end

local ok, err = pcall(check)
if not ok then out.error = tostring(err) end
if vim.api.nvim_exec2 then
  out.messages = vim.api.nvim_exec2('messages', { output = true }).output
else
  out.messages = vim.api.nvim_exec('messages', true)
end
local log = io.open(require('vim.lsp.log').get_filename(), 'r')
if log then out.lsp_log = log:read('*a'):sub(-4000) log:close() end
local f = io.open(out_file, 'w')
f:write(vim.fn.json_encode(out))
f:close()
vim.cmd('qa!')
