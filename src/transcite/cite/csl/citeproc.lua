-- transcite's pandoc writer: renders many CSL citation jobs with pandoc's citeproc in one
-- process (pandoc -t citeproc.lua -M transcite-request=REQUEST.json < /dev/null).
--
-- REQUEST.json: {"formats": [pandoc writer...], "bibliography": CSL-JSON file,
--   "probe_item": id of an item in it, "jobs": [{"style": .csl file, "probe": .csl file,
--   "lang": locale to force or null, "locale": the locale the style asks for or null,
--   "cites": [{"id", "locator", "label"}], "references": [id...]}]}
-- Each job is its own document (its own citation positions, numbering and disambiguation).
-- Output (JSON): {"jobs": [{"citations": [{"texts", "plain"}...],
--   "bibliography": [{"id", "texts", "plain"}...]} or {"error": message}]}
-- "texts" has one text per format asked for, "plain" the same words without any formatting.
--
-- A citation's locator goes to citeproc in pandoc's delimited syntax, ", {TERM 5}", where
-- TERM is the style's own word for the label in its locale (pandoc reads locator labels in the
-- style's language only); the word is found by rendering the job's probe style, which has the
-- style's locale and prints the terms.

if not (pandoc.json and pandoc.utils.citeproc and PANDOC_VERSION >= {3, 1, 1}) then
  error('transcite needs pandoc 3.1.1 or later, found ' .. tostring(PANDOC_VERSION))
end

local function meta_for(req, job)
  local meta = {bibliography = req.bibliography, csl = job.style}
  if job.lang ~= nil and job.lang ~= pandoc.json.null then meta.lang = job.lang end
  return meta
end

local function strip(text)
  return (text:gsub('^%s+', ''):gsub('%s+$', ''))
end

local probe_cache = {}

local function probe_words(req, job, lang)
  local key = job.probe .. '\0' .. tostring(lang)
  if probe_cache[key] then return probe_cache[key] end
  local meta = {bibliography = req.bibliography, csl = job.probe}
  meta['suppress-bibliography'] = true
  if lang then meta.lang = lang end
  local cite = pandoc.Cite({pandoc.Str('probe')},
                           {pandoc.Citation(req.probe_item, 'NormalCitation')})
  local doc = pandoc.utils.citeproc(pandoc.Pandoc({pandoc.Para({cite})}, meta))
  local found = {}
  for name, word in pandoc.utils.stringify(doc.blocks):gmatch('<([%w-]+)=([^>]*)>') do
    found[name] = word
  end
  probe_cache[key] = found
  return found
end

-- the style's words for the locator labels ({paragraph = "para.", figure = "fig.", ...});
-- fails when the style asks for a locale pandoc does not have (pandoc would quietly use
-- English: every probed word, months included, comes out as in en-US)
local function terms(req, job)
  local lang = (job.lang ~= pandoc.json.null) and job.lang or nil
  local words = probe_words(req, job, lang)
  local locale = (job.locale ~= pandoc.json.null) and job.locale or nil
  if locale and not locale:match('^en') and not locale:match('^EN') then
    local english = probe_words(req, job, 'en-US')
    local same = true
    for name, word in pairs(english) do
      if words[name] ~= word then same = false end
    end
    if same then
      error('pandoc has no locale "' .. locale .. '" (the style\'s language); '
            .. 'it would print the citation in English', 0)
    end
  end
  return words
end

-- a citation or entry as one run of inlines: pandoc's layout blocks for entries
-- (csl-left-margin, csl-right-inline, csl-block, csl-indent) would need its templates' macros
-- (\CSLLeftMargin) or CSS; their words are kept in order, a space between blocks
local function flatten(blocks)
  local inlines = pandoc.Inlines({})
  local function add(block)
    if block.t == 'Div' then
      for _, inner in ipairs(block.content) do add(inner) end
    elseif block.t == 'Plain' or block.t == 'Para' then
      if #inlines > 0 then
        local last = inlines[#inlines]
        if not (last.t == 'Space' or (last.t == 'Str' and last.text:match('%s$'))) then
          inlines:insert(pandoc.Space())
        end
      end
      inlines:extend(block.content)
    end
  end
  for _, block in ipairs(blocks) do add(block) end
  return {pandoc.Plain(inlines)}
end

local function write_as(doc, fmt, opts)
  if fmt == 'plain' then
    -- plain text drops all type formatting, as citeproc-js's text output (the reference)
    -- does: pandoc's plain writer would upper-case small capitals and turn superscript
    -- digits into Unicode superscripts ("¹")
    local keep = function(el) return el.content end
    doc = doc:walk({SmallCaps = keep, Superscript = keep, Subscript = keep})
  end
  return strip(pandoc.write(doc, fmt, opts))
end

local function writer_for(req, opts)
  return function(blocks)
    -- a rendered citation is kept as text: no Cite element left for a writer to turn back
    -- into citation syntax (Markdown) or to wrap in a span (HTML)
    local doc = pandoc.Pandoc(flatten(blocks)):walk({Cite = function(c) return c.content end})
    local texts = {}
    for _, fmt in ipairs(req.formats) do table.insert(texts, write_as(doc, fmt, opts)) end
    return {texts = texts, plain = strip(pandoc.utils.stringify(doc))}
  end
end

local function run_job(req, job, write)
  local blocks = {}
  local words = nil
  for i, c in ipairs(job.cites) do
    local citation = pandoc.Citation(c.id, 'NormalCitation')
    if c.locator and c.locator ~= pandoc.json.null then
      words = words or terms(req, job)
      local word = words[c.label]
      if not word or word == '' then
        error('the style has no word for the locator label "' .. c.label .. '"', 0)
      end
      -- as pandoc's Markdown reader gives ", {para. 5}": words and spaces apart
      local suffix = {pandoc.Str(','), pandoc.Space()}
      local text = '{' .. word .. ' ' .. c.locator .. '}'
      for piece in text:gmatch('%S+') do
        if #suffix > 2 then table.insert(suffix, pandoc.Space()) end
        table.insert(suffix, pandoc.Str(piece))
      end
      citation.suffix = suffix
    end
    local cite = pandoc.Cite({pandoc.Str('@' .. c.id)}, {citation})
    table.insert(blocks, pandoc.Div({pandoc.Para({cite})}, {id = 'transcite-c' .. i}))
  end
  table.insert(blocks, pandoc.Div({}, {id = 'refs'}))
  local meta = meta_for(req, job)
  if #job.references > 0 then
    local nocite = {}
    for _, id in ipairs(job.references) do
      table.insert(nocite, pandoc.Citation(id, 'NormalCitation'))
    end
    meta.nocite = pandoc.MetaInlines({pandoc.Cite({}, nocite)})
  else
    meta['suppress-bibliography'] = true
  end
  local doc = pandoc.utils.citeproc(pandoc.Pandoc(blocks, meta))
  local result = {citations = {}, bibliography = {}}
  for _, block in ipairs(doc.blocks) do
    if block.t == 'Div' and block.identifier:match('^transcite%-c%d+$') then
      local notes = {}
      block:walk({Note = function(n) table.insert(notes, n) end})
      if #notes > 0 then
        table.insert(result.citations, write(notes[1].content))
      else
        table.insert(result.citations, write(block.content))
      end
    elseif block.t == 'Div' and block.identifier == 'refs' then
      for _, entry in ipairs(block.content) do
        if entry.t == 'Div' and entry.identifier:match('^ref%-') then
          local written = write(entry.content)
          written.id = entry.identifier:sub(5)
          table.insert(result.bibliography, written)
        end
      end
    end
  end
  return result
end

function Writer(doc, opts)
  local path = pandoc.utils.stringify(doc.meta['transcite-request'])
  local handle = assert(io.open(path, 'r'))
  local req = pandoc.json.decode(handle:read('a'), false)
  handle:close()
  local write = writer_for(req, opts)
  local out = {}
  for _, job in ipairs(req.jobs) do
    local ok, result = pcall(run_job, req, job, write)
    if ok then
      table.insert(out, result)
    else
      table.insert(out, {error = tostring(result)})
    end
  end
  return pandoc.json.encode({jobs = out}) .. '\n'
end
