-- The interpreter: walks the TABLES above over a tvb the way src/dissect/walk.ts and choose-layout.ts
-- do, checks the declared rules as field-checks.ts does and chooses a session's client variant as
-- variant-choice.ts does. A walk only collects items and notes; the tree is drawn from the chosen
-- layout's (and way's) result, since a layout or way that is tried and dropped must leave no trace.

local proto = Proto("icq2", "ICQ protocol version 2")

local PT_TCP = 2
local MESSAGE_TYPE_VARIANT_BIT = 0x8000
-- The peer TCP version: the document's 2, licq's 3.
local PEER_VERSIONS = { [2] = true, [3] = true }

-- One ProtoField per (name, class), under the filter name the tables give it (icq2.<lowercase name>).
local pf = {}
local function protofield(f)
  local abbr = f.abbr
  local vs = f.value_string and TABLES.value_strings[f.value_string] or nil
  if f.class == "uint" then
    return ProtoField["uint" .. f.bits](abbr, f.name, vs and f.value_string == "commands" and base.HEX or base.DEC, vs, nil, f.description)
  elseif f.class == "int" then
    return ProtoField["int" .. f.bits](abbr, f.name, base.DEC, nil, nil, f.description)
  elseif f.class == "ipv4" then
    return ProtoField.ipv4(abbr, f.name, f.description)
  elseif f.class == "string" then
    return ProtoField.string(abbr, f.name, base.UNICODE, f.description)
  elseif f.class == "bytes" then
    return ProtoField.bytes(abbr, f.name, base.NONE, f.description)
  end
  return ProtoField.none(abbr, f.name, f.description)
end
local all_fields = {}
for _, f in ipairs(TABLES.fields) do
  pf[f.name] = pf[f.name] or {}
  pf[f.name][f.class] = protofield(f)
  table.insert(all_fields, pf[f.name][f.class])
end
-- The PDU's keys shown as generated fields (direction, layout, variant).
local pf_key = {}
for _, k in ipairs(TABLES.key_fields) do
  pf_key[k.key] = ProtoField.string(k.abbr, k.title, base.ASCII, k.description)
  table.insert(all_fields, pf_key[k.key])
end
proto.fields = all_fields

-- Expert infos by note id (src/net/note-kinds.ts), each icq2.<id> with its severity and group: a note's
-- severity also prices it in the variant choice.
local EXPERT_SEVERITY = { note = expert.severity.NOTE, warning = expert.severity.WARN, error = expert.severity.ERROR }
local experts, severity_of, expert_list = {}, {}, {}
for _, e in ipairs(TABLES.experts) do
  experts[e.id] = ProtoExpert.new("icq2." .. e.id, e.meaning, expert.group[e.group], EXPERT_SEVERITY[e.severity])
  severity_of[e.id] = e.severity
  table.insert(expert_list, experts[e.id])
end
proto.experts = expert_list

-- What the texts a text meaning names stand for, by meaning and text.
local TEXT_READINGS = {}
for meaning, readings in pairs(TABLES.text_readings) do
  TEXT_READINGS[meaning] = {}
  for _, r in ipairs(readings) do TEXT_READINGS[meaning][r.text] = r.reading end
end
local function text_reading(meaning, value)
  return meaning and TEXT_READINGS[meaning] and TEXT_READINGS[meaning][value]
end

-- Walking ----------------------------------------------------------------------------------------

local FIXED_SIZE = { u8 = 1, u16 = 2, u32 = 4, i32 = 4, ipv4 = 4 }

local function new_item(spec, class, offset, length, value)
  return { name = spec.name, class = class, offset = offset, length = length, value = value }
end

local function add_note(ctx, note_id, message, item)
  table.insert(ctx.notes, { id = note_id, message = message, item = item })
end

local function hex(ctx, offset, length)
  if length == 0 then return "" end
  return ctx.tvb:range(offset, length):bytes():tohex(true)
end

local function spaced(h) return (h:gsub("(..)", "%1 "):gsub(" $", "")) end

-- Text in the default charset, decoded by the table icq2-dissect's own decoder wrote.
local function text(ctx, offset, length)
  if length == 0 then return "" end
  local bytes = ctx.tvb:range(offset, length):bytes()
  local out = {}
  for i = 0, length - 1 do
    local b = bytes:get_index(i)
    out[i + 1] = b < 0x80 and string.char(b) or TABLES.charset.high_bytes[b]
  end
  return table.concat(out)
end

-- Bytes that ran out mid-field: shown as they are, with an error.
local function cut(ctx, spec, pos, needed)
  local left = ctx.limit - pos
  add_note(ctx, "malformed", string.format("packet too short: %s needs %d bytes, %d left", spec.name, needed, left))
  if left <= 0 then return {}, pos, false end
  local item = new_item(spec, "cut", pos, left, nil)
  item.display = string.format("%d of %d bytes", left, needed)
  return { item }, ctx.limit, false
end

-- Declared checks ----------------------------------------------------------------------------------
-- As src/dissect/field-checks.ts: a check returns its note's text when the value breaks it.

local function port_text(value)
  local port, high = bit32.band(value, 0xffff), bit32.rshift(value, 16)
  return high == 0 and tostring(port) or string.format("%d (high half 0x%04x)", port, high)
end

-- Characters, not bytes, as JavaScript counts them (the text is UTF-8, every character one UTF-16 unit).
local function characters(s) return select(2, s:gsub("[^\128-\191]", "")) end

local function swapped16(value) return bit32.bor(bit32.lshift(bit32.band(value, 0xff), 8), bit32.rshift(value, 8)) end

local FIELD_CHECKS = {
  range = function(check, name, value)
    if type(value) == "number" and (value < check.min or value > check.max) then return string.format("%s is %d, %s", name, value, check.note) end
  end,
  ["high-half-zero"] = function(check, name, value)
    if type(value) == "number" and bit32.rshift(value, 16) ~= 0 then return string.format("%s reads %s: %s", name, port_text(value), check.note) end
  end,
  ["max-length"] = function(check, name, value)
    if type(value) == "string" and characters(value) > check.max then
      return string.format("%s has %d characters, more than %d: %s", name, characters(value), check.max, check.note)
    end
  end,
  ["not-own-port-swapped"] = function(check, name, value, ctx)
    if type(value) ~= "number" then return nil end
    local low = bit32.band(value, 0xffff)
    local port = swapped16(low)
    if port == ctx.source_port and port ~= low then return string.format("%s's low half read big-endian is %d, %s", name, port, check.note) end
  end,
}

local function check_field(ctx, spec, value, item)
  for _, check in ipairs(spec.checks or {}) do
    local message = FIELD_CHECKS[check.kind](check, spec.name, value, ctx)
    if message then add_note(ctx, check.note_id, message, item) end
  end
end

local function contains(list, value)
  for _, v in ipairs(list) do
    if v == value then return true end
  end
  return false
end

-- A value as the notes quote it: numbers in hex, texts as JSON strings.
local function quoted(value)
  if type(value) == "number" then return string.format("0x%x", value) end
  return '"' .. value:gsub('[\\"]', "\\%0") .. '"'
end

local function is_empty_text(value) return value == nil or value == "" end

local COMMAND_CHECKS = {
  implies = function(check, values)
    local given, needed = check["if"], check["then"]
    local cause, effect = values[given.field], values[needed.field]
    if cause == nil or effect == nil or not contains(given.values, cause) or contains(needed.values, effect) then return nil end
    return string.format("%s is %s with %s %s: %s", needed.field, quoted(effect), given.field, quoted(cause), check.note)
  end,
  differ = function(check, values)
    local a, b = check.fields[1], check.fields[2]
    local first, second = values[a], values[b]
    if first ~= nil and second ~= nil and first ~= second then
      return string.format("%s %s differs from %s %s: %s", a, tostring(first), b, tostring(second), check.note)
    end
  end,
  -- Texts that were read are never nil: "" is an empty one, nil one the PDU did not reach.
  ["not-all-empty"] = function(check, values)
    for _, f in ipairs(check.fields) do
      if values[f] ~= "" then return nil end
    end
    return check.note
  end,
  exclusive = function(check, values)
    local used = 0
    for _, group in ipairs(check.groups) do
      for _, f in ipairs(group) do
        if not is_empty_text(values[f]) then used = used + 1 break end
      end
    end
    if used > 1 then return check.note end
  end,
}

local function check_command(ctx, checks)
  for _, check in ipairs(checks or {}) do
    local message = COMMAND_CHECKS[check.kind](check, ctx.values)
    if message then add_note(ctx, check.note_id, message) end
  end
end

-- Walking, continued -------------------------------------------------------------------------------

local function is_expected(spec, got)
  return got == spec.expected or contains(spec.also_expected or {}, got)
end

local function done(ctx, spec, pos, length, value)
  local item = new_item(spec, spec.class, pos, length, value)
  if spec.expected then
    local got = hex(ctx, pos, length)
    if not is_expected(spec, got) then
      add_note(ctx, "document-differs", string.format("%s is %s, the document says %s", spec.name, spaced(got), spec.document_says or spaced(spec.expected)), item)
    end
  end
  check_field(ctx, spec, value, item)
  return { item }, pos + length, true
end

local walk_fields

-- An integer in the spec's byte order (the document's: little-endian); a string's order is its LENGTH's.
local function read_integer(ctx, spec, pos, size, signed)
  local range = ctx.tvb:range(pos, size)
  if spec.order == "be" then return signed and range:int() or range:uint() end
  return signed and range:le_int() or range:le_uint()
end

local function integer(ctx, spec, pos, size)
  local value = read_integer(ctx, spec, pos, size, spec.kind == "i32")
  ctx.values[spec.name] = value
  local items, stop, ok = done(ctx, spec, pos, size, value)
  -- A count reads with its noun, as src/protocol/meanings.ts reads it ("1 contact", "2 contacts").
  local noun = spec.meaning and TABLES.count_nouns[spec.meaning]
  if noun then items[1].display = string.format("%d %s%s", value, noun, value == 1 and "" or "s") end
  return items, stop, ok
end

-- MESSAGE of a URL or "you were added" message: 0xFE-separated parts, named by the selector's value.
local function split_parts(ctx, spec, start, text_length)
  local selector = ctx.values[spec.parts.by]
  if type(selector) ~= "number" then return nil end
  local names = spec.parts.cases[bit32.band(selector, bit32.bnot(MESSAGE_TYPE_VARIANT_BIT))]
  if not names then return nil end
  local parts, part_start, index = {}, start, 0
  local stop = start + text_length
  for i = start, stop do
    if i == stop or ctx.tvb:range(i, 1):uint() == 0xfe then
      local name = names[index + 1] or string.format("PART_%d", index + 1)
      local part = new_item({ name = name }, "string", part_start, i - part_start, text(ctx, part_start, i - part_start))
      part.display = text_reading(spec.parts.meanings and spec.parts.meanings[name], part.value)
      table.insert(parts, part)
      part_start = i + 1
      index = index + 1
    end
  end
  if index ~= #names then
    add_note(ctx, "message-parts", string.format("%s has %d part%s, expected %d (%s)", spec.name, index, index == 1 and "" or "s", #names, table.concat(names, ", ")))
  end
  return parts
end

local function lstring(ctx, spec, pos)
  local length_spec = { name = "LENGTH", class = "uint" }
  if pos + 2 > ctx.limit then return cut(ctx, length_spec, pos, 2) end
  local declared = read_integer(ctx, spec, pos, 2, false)
  local length_item = new_item(length_spec, "uint", pos, 2, declared)
  local start = pos + 2
  local available = math.min(declared, ctx.limit - start)
  local ok = true
  if declared > ctx.limit - start then
    add_note(ctx, "malformed", string.format("string past the end: LENGTH of %s says %d, %d bytes left", spec.name, declared, ctx.limit - start))
    ok = false
  end
  local terminated = available == declared and declared > 0 and ctx.tvb:range(start + declared - 1, 1):uint() == 0
  -- The NUL is never part of the text, also where LENGTH runs past the end (as walk.ts).
  local ends_in_nul = available > 0 and ctx.tvb:range(start + available - 1, 1):uint() == 0
  local item = new_item(spec, "string", start, available, text(ctx, start, ends_in_nul and available - 1 or available))
  if ok and not terminated then add_note(ctx, "malformed", spec.name .. " does not end in NUL", item) end
  item.display = text_reading(spec.meaning, item.value)
  check_field(ctx, spec, item.value, item)
  if spec.parts and terminated and available > 1 then item.children = split_parts(ctx, spec, start, available - 1) end
  -- The parts joined as walk.ts joins them: the FE byte is no character of the text.
  if item.children then
    local texts = {}
    for _, part in ipairs(item.children) do table.insert(texts, part.value) end
    item.value = table.concat(texts, TABLES.part_join)
  end
  ctx.values[spec.name] = item.value
  return { length_item, item }, start + available, ok and terminated
end

local function container(spec, pos, stop, children, value, display)
  local item = new_item(spec, "none", pos, stop - pos, value)
  item.children = children
  item.display = display
  return item
end

local function labels(items, with_names)
  local out = {}
  for _, it in ipairs(items) do
    local shown = it.display or tostring(it.value)
    table.insert(out, with_names and (it.name .. "=" .. shown) or shown)
  end
  return table.concat(out, with_names and " " or ", ")
end

local function repeat_fields(ctx, spec, pos)
  local count = ctx.values[spec.count]
  local items, stop, ok = {}, pos, true
  for i = 0, (type(count) == "number" and count or 0) - 1 do
    if stop >= ctx.limit then
      add_note(ctx, "malformed", string.format("packet too short: %s says %d, only %d present", spec.count, count, i))
      ok = false
      break
    end
    local start = stop
    local step
    step, stop, ok = walk_fields(spec.fields, ctx, start)
    if #spec.fields == 1 then
      for _, it in ipairs(step) do table.insert(items, it) end
    else
      local name = string.format("%s[%d]", spec.name, i)
      table.insert(items, container({ name = name }, start, stop, step, nil, labels(step, true)))
    end
    if not ok then break end
  end
  return { container(spec, pos, stop, items, count, labels(items, false)) }, stop, ok
end

local function group(ctx, spec, pos)
  local children, stop, ok = walk_fields(spec.fields, ctx, pos)
  local display = labels(children, true)
  if spec.meaning == "date" and ok then
    -- Read as GMT, the document's first statement (it also says HOUR is "local time - 1").
    local v = ctx.values
    display = string.format("%d-%02d-%02d %02d:%02d GMT", v.YEAR, v.MONTH, v.DAY, v.HOUR, v.MINUTE)
  end
  return { container(spec, pos, stop, children, nil, display) }, stop, ok
end

local function walk_field(ctx, spec, pos)
  if spec.optional and pos >= ctx.limit then return {}, pos, true end
  local kind = spec.kind
  local size = FIXED_SIZE[kind] or (kind == "bytes" and spec.length) or nil
  if size and pos + size > ctx.limit then return cut(ctx, spec, pos, size) end
  if kind == "u8" or kind == "u16" or kind == "u32" or kind == "i32" then return integer(ctx, spec, pos, size) end
  if kind == "ipv4" then
    local ip = tostring(ctx.tvb:range(pos, 4):ipv4())
    ctx.values[spec.name] = ip
    return done(ctx, spec, pos, 4, ip)
  end
  if kind == "bytes" or kind == "rest" then
    ctx.values[spec.name] = nil
    return done(ctx, spec, pos, size or ctx.limit - pos, nil)
  end
  if kind == "lstring" then return lstring(ctx, spec, pos) end
  if kind == "repeat" then return repeat_fields(ctx, spec, pos) end
  return group(ctx, spec, pos)
end

walk_fields = function(specs, ctx, start)
  local items, pos = {}, start
  for _, spec in ipairs(specs) do
    local step, ok
    step, pos, ok = walk_field(ctx, spec, pos)
    for _, it in ipairs(step) do table.insert(items, it) end
    if not ok then return items, pos, false end
  end
  return items, pos, true
end

local function copy(t)
  local c = {}
  for k, v in pairs(t) do c[k] = v end
  return c
end

local function has_error(notes)
  for _, n in ipairs(notes) do
    if severity_of[n.id] == "error" then return true end
  end
  return false
end

local function applies(layout, values)
  if not layout.when then return true end
  for _, v in ipairs(layout.when.values) do
    if values[layout.when.field] == v then return true end
  end
  return false
end

-- The first layout that applies and reads cleanly to the end; failing that, the first that applies.
local function choose_layout(command, ctx, start)
  local first, fallback
  for _, layout in ipairs(command.layouts) do
    local trial = { tvb = ctx.tvb, limit = ctx.limit, source_port = ctx.source_port, values = copy(ctx.values), notes = {} }
    local items, stop, ok = walk_fields(layout.fields, trial, start)
    local result = { layout = layout, items = items, stop = stop, ok = ok, notes = trial.notes, values = trial.values }
    first = first or result
    if applies(layout, trial.values) then
      if ok and stop == ctx.limit and not has_error(trial.notes) then return result end
      fallback = fallback or result
    end
  end
  return fallback or first
end

-- Decoding: header, the command's best layout, then anything left over -------------------------

local function append_all(list, more)
  for _, x in ipairs(more) do table.insert(list, x) end
end

local function decode_with(tvb, pinfo, direction, header, command, code)
  local ctx = { tvb = tvb, limit = tvb:len(), source_port = pinfo.src_port, values = {}, notes = {} }
  local items, stop, ok = walk_fields(header, ctx, 0)
  local decoded = { direction = direction, command = command, code = code, items = items, notes = ctx.notes }
  if ok and command then
    local chosen = choose_layout(command, ctx, stop)
    append_all(items, chosen.items)
    append_all(ctx.notes, chosen.notes)
    ctx.values = chosen.values
    stop = chosen.stop
    if #command.layouts > 1 then
      decoded.layout = chosen.layout.name
      if chosen.layout.name ~= "document" then
        add_note(ctx, "layout-variant", string.format("layout variant used: %s (%s)", chosen.layout.name, chosen.layout.source))
      end
    end
    for _, quirk in ipairs(chosen.layout.quirks or {}) do
      for _, it in ipairs(chosen.items) do
        if it.name == quirk.field then
          if it.length > 0 and tvb:range(it.offset, 1):uint() == quirk.first_byte then add_note(ctx, "quirk", quirk.note, it) end
          break
        end
      end
    end
    check_command(ctx, command.checks)
  elseif ok then
    add_note(ctx, "unknown-command", string.format("unknown command 0x%04x in %s: body shown as unknown bytes", code, direction))
    local rest
    rest, stop = walk_fields({ TABLES.generic.unknown_body }, ctx, stop)
    append_all(items, rest)
  end
  if stop < tvb:len() then
    local n = tvb:len() - stop
    add_note(ctx, "malformed", string.format("%d trailing byte%s after the last field", n, n == 1 and "" or "s"))
    append_all(items, (walk_fields({ TABLES.generic.trailing }, ctx, stop)))
  end
  decoded.values = ctx.values
  return decoded
end

-- Too short for a header, or another protocol version: what there is, shown raw.
local function undecoded(tvb, direction, specs, note_id, message)
  local ctx = { tvb = tvb, limit = tvb:len(), values = {}, notes = {} }
  local items = walk_fields(specs, ctx, 0)
  add_note(ctx, note_id, message)
  return { direction = direction, items = items, notes = ctx.notes, values = ctx.values }
end

-- Client variants ----------------------------------------------------------------------------------
-- As src/dissect/variant-choice.ts: while a session is undecided, each client packet is read every way
-- and each way is priced by its notes, the size of its numbers and how SEQ_NUM runs on; a clear lead
-- decides the session. The server's packets to a client follow its session's leading way. The first
-- pass sees the frames in order and records each frame's way; later passes (Wireshark redissects a
-- frame on every click) repeat it instead of weighing again.

local choice = TABLES.choice
local sessions, frame_ways = {}, {}
function proto.init()
  sessions, frame_ways = {}, {}
end

-- The header and command a variant reads `code` with, and the variant's name when it changes them
-- (the readings were derived in TypeScript; nil variant: the document's).
local function reading_in(variant, direction, code)
  local command = TABLES.commands[direction][code]
  local header = direction == "server-to-client" and TABLES.headers.server
    or (command and command.no_uin) and TABLES.headers.client_no_uin or TABLES.headers.client
  local readings = variant and variant.readings[direction]
  local changed = readings and (command and readings.codes[code] or not command and readings.unknown)
  if not changed then return header, command, nil end
  return variant.headers[changed.header], changed.command or command, variant.name
end

local function new_session()
  local ways = { { cost = 0, complaints = 0, runs = 0 } }
  for _, variant in ipairs(TABLES.variants) do table.insert(ways, { variant = variant, cost = 0, complaints = 0, runs = 0 }) end
  return { ways = ways, packets = 0 }
end

-- Bits of magnitude of every integer read: small numbers (high bytes 0) are the likelier order.
local function magnitude(items)
  local bits = 0
  for _, it in ipairs(items) do
    if type(it.value) == "number" and it.length >= 2 then bits = bits + math.log(it.value % 4294967296 + 1, 2) end
    if it.children then bits = bits + magnitude(it.children) end
  end
  return bits
end

local function weigh(way, decoded)
  for _, n in ipairs(decoded.notes) do
    way.cost = way.cost + choice.cost[severity_of[n.id]]
    way.complaints = way.complaints + 1
    way.example = way.example or n.message
  end
  way.cost = way.cost + magnitude(decoded.items) / 8
  if decoded.command and decoded.command.name == choice.ack_command then return end
  local seq = decoded.values[choice.run_field]
  if type(seq) ~= "number" then return end
  if way.last_seq and seq - way.last_seq >= 1 and seq - way.last_seq <= 3 then
    way.cost = way.cost - choice.run_bonus
    way.runs = way.runs + 1
  end
  way.last_seq = seq
end

-- The cheapest way and the next (the first listed wins a tie: the document's).
local function ranked(ways)
  local best, next_best
  for _, way in ipairs(ways) do
    if not best or way.cost < best.cost then
      best, next_best = way, best
    elseif not next_best or way.cost < next_best.cost then
      next_best = way
    end
  end
  return best, next_best
end

local function plural(n, word) return string.format("%d %s%s", n, word, n == 1 and "" or "s") end

-- How one way read the packets so far: its complaints (the first quoted) and how often SEQ_NUM ran on.
local function way_reading(way)
  local said = way.complaints == 0 and "without a complaint" or string.format('with %s (first: "%s")', plural(way.complaints, "complaint"), way.example)
  return said .. (way.runs > 0 and string.format(", %s running on %s", choice.run_field, plural(way.runs, "time")) or "")
end

local function decision_text(chosen, ways)
  local others = {}
  for _, way in ipairs(ways) do
    if way ~= chosen then
      table.insert(others, string.format("in %s, %s", way.variant and way.variant.name .. "'s" or "the document's", way_reading(way)))
    end
  end
  local variant = chosen.variant
  return string.format("client variant %s chosen for this session (%s): in its byte orders the packets so far read %s; %s",
    variant.name, variant.description, way_reading(chosen), table.concat(others, "; "))
end

-- A client packet of a session: its way (and the note saying why), and its reading when weighed.
local function choose(key, read)
  local session = sessions[key] or new_session()
  sessions[key] = session
  if session.decided then return { variant = session.decided.variant } end
  session.packets = session.packets + 1
  local readings = {}
  for _, way in ipairs(session.ways) do
    readings[way] = read(way.variant)
    weigh(way, readings[way])
  end
  local best, next_best = ranked(session.ways)
  local way = { variant = best.variant }
  if not next_best or next_best.cost - best.cost >= choice.decisive_lead or session.packets >= choice.max_undecided_packets then
    session.decided = best
    way.note = best.variant and decision_text(best, session.ways)
  elseif best.variant then
    way.note = string.format("read as %s (%s): leading, not settled yet", best.variant.name, best.variant.description)
  end
  return way, readings[best]
end

-- The way a session reads so far (decided, or leading); nil: the document's.
local function leading(key)
  local session = sessions[key]
  return session and (session.decided or ranked(session.ways)).variant
end

local function endpoint(address, port) return tostring(address) .. ":" .. port end

local function read_in_session(pinfo, direction, read)
  local client, server = endpoint(pinfo.src, pinfo.src_port), endpoint(pinfo.dst, pinfo.dst_port)
  local way, decoded = frame_ways[pinfo.number], nil
  if not way then
    if direction == "client-to-server" then
      way, decoded = choose(client .. " " .. server, read)
    else
      way = { variant = leading(server .. " " .. client) }
    end
    frame_ways[pinfo.number] = way
  end
  decoded = decoded or read(way.variant)
  if way.note then add_note(decoded, "client-variant", way.note) end
  return decoded
end

local function decode_udp(tvb, pinfo)
  local direction = pinfo.src_port == TABLES.server_port and "server-to-client" or "client-to-server"
  local len = tvb:len()
  if len < 4 then
    local message = len == 0 and "empty payload" or string.format("packet too short: %d bytes, a header needs %d", len, direction == "client-to-server" and 10 or 6)
    return undecoded(tvb, direction, { TABLES.generic.too_short }, "malformed", message)
  end
  local version = tvb:range(0, 2):le_uint()
  if version ~= 2 then
    local version_spec = copy(TABLES.headers.server[1])
    version_spec.expected = nil
    return undecoded(tvb, direction, { version_spec, TABLES.generic.not_v2 }, "not-v2", string.format("version %d is not 2: not decoded as ICQ v2", version))
  end
  local code = tvb:range(2, 2):le_uint()
  local function read(variant)
    local header, command, variant_name = reading_in(variant, direction, code)
    local decoded = decode_with(tvb, pinfo, direction, header, command, code)
    decoded.variant = variant_name
    return decoded
  end
  return read_in_session(pinfo, direction, read)
end

local function decode_peer(tvb, pinfo)
  local direction = "peer-to-peer"
  local len = tvb:len()
  if len < 3 then return undecoded(tvb, direction, { TABLES.generic.too_short }, "malformed", string.format("packet too short: %d bytes", len)) end
  local decoded
  if tvb:range(2, 1):uint() == TABLES.channel_init_code then
    decoded = decode_with(tvb, pinfo, direction, {}, TABLES.commands[direction][TABLES.channel_init_code], TABLES.channel_init_code)
  else
    local code = len >= 10 and tvb:range(8, 2):le_uint() or 0
    local command = TABLES.commands[direction][code]
    decoded = decode_with(tvb, pinfo, direction, command and {} or TABLES.headers.peer, command, code)
  end
  local declared = tvb:range(0, 2):le_uint()
  if declared ~= len - 2 then
    table.insert(decoded.notes, { id = "malformed", message = string.format("LENGTH says %d bytes, %d present", declared, len - 2) })
  end
  return decoded
end

-- Drawing ------------------------------------------------------------------------------------------

local function draw_item(tree, tvb, it, drawn)
  local range = (it.offset < tvb:len() or it.length == 0) and tvb:range(it.offset, it.length) or nil
  local node
  local field = pf[it.name] and pf[it.name][it.class]
  if not field then
    -- Cut fields and the items of a repeated group: text only.
    local label = it.name .. ": " .. it.display
    node = range and tree:add(range, label) or tree:add(label)
  elseif it.class == "none" then
    node = tree:add(field, range)
    node:set_text(it.name .. ": " .. it.display)
  elseif it.class == "ipv4" or it.class == "bytes" then
    node = tree:add(field, range)
  else
    node = tree:add(field, range, it.value)
    -- A text's reading (TEXT_CODE, the AUTHORIZE digit) replaces the label; the field keeps the text.
    if it.display then node:set_text(it.name .. ": " .. it.display) end
  end
  drawn[it] = node
  for _, child in ipairs(it.children or {}) do draw_item(node, tvb, child, drawn) end
end

local function summary(decoded)
  local command = decoded.command
  if not command then
    return decoded.code and string.format("unknown 0x%04x", decoded.code) or "undecoded"
  end
  if not command.summary then return command.name end
  local shown = {}
  for _, it in ipairs(decoded.items) do
    if shown[it.name] == nil then shown[it.name] = it.display end
  end
  -- A field's reading where it has one (a text code, a count, a container), else its latest value (as walk.ts keeps them).
  local function fill(run)
    return (run:gsub("{([%w_]+)}", function(name)
      local v = shown[name]
      if v == nil then v = decoded.values[name] end
      return v == nil and "" or tostring(v)
    end))
  end
  -- A part in brackets is shown only when every field it names reads as something (src/format/info.ts).
  local filled = fill(command.summary:gsub("%[([^%]]*)%]", function(run)
    for name in run:gmatch("{([%w_]+)}") do
      local v = shown[name] or decoded.values[name]
      if v == nil or tostring(v) == "" then return "" end
    end
    return fill(run)
  end))
  return command.name .. " " .. filled
end

local function draw(decoded, tvb, pinfo, tree)
  local root = tree:add(proto, tvb())
  root:append_text(", " .. summary(decoded))
  if decoded.command and decoded.command.named_by then
    root:append_text(string.format(" (named by %s, not in the document)", decoded.command.named_by))
  end
  root:add(pf_key.direction, decoded.direction):set_generated()
  if decoded.direction == "peer-to-peer" and decoded.code then
    root:add(pf.COMMAND.uint, decoded.code):set_generated()
  end
  if decoded.layout then root:add(pf_key.layout, decoded.layout):set_generated() end
  if decoded.variant then root:add(pf_key.variant, decoded.variant):set_generated() end
  local drawn = {}
  for _, it in ipairs(decoded.items) do draw_item(root, tvb, it, drawn) end
  for _, n in ipairs(decoded.notes) do
    local at = (n.item and drawn[n.item]) or root
    at:add_proto_expert_info(experts[n.id], n.message)
  end
  return root
end

local function set_info(pinfo, text, first)
  pinfo.cols.protocol = "ICQ2"
  if first then pinfo.cols.info = text else pinfo.cols.info:append("; " .. text) end
end

-- Peer TCP: one PDU is LENGTH (u16 LE) + 2 bytes ---------------------------------------------------

local peer_codes = {}
for code in pairs(TABLES.commands["peer-to-peer"]) do
  if code ~= TABLES.channel_init_code then peer_codes[code] = true end
end

-- Does a peer PDU body (what follows LENGTH) start at `at`? CHANNEL_INIT: FF 02/03 00 00 00; else VERSION 2/3 then a peer command.
local function body_at(tvb, at)
  local len = tvb:len() - at
  if len >= 5 and tvb:range(at, 1):uint() == TABLES.channel_init_code and PEER_VERSIONS[tvb:range(at + 1, 1):uint()] and tvb:range(at + 2, 3):uint() == 0 then
    return true
  end
  return len >= 8 and PEER_VERSIONS[tvb:range(at + 4, 2):le_uint()] and peer_codes[tvb:range(at + 6, 2):le_uint()] or false
end

local first_in_frame = true

local function dissect_peer_pdu(tvb, pinfo, tree)
  local decoded = decode_peer(tvb, pinfo)
  draw(decoded, tvb, pinfo, tree)
  set_info(pinfo, summary(decoded), first_in_frame)
  first_in_frame = false
  return tvb:len()
end

-- Senders often write LENGTH and the body in two segments; when the first was not recognised, the body
-- arrives alone and its LENGTH is rebuilt from its size.
local function dissect_lone_body(tvb, pinfo, tree)
  local len = tvb:len()
  local bytes = ByteArray.new()
  bytes:set_size(2)
  bytes:set_index(0, len % 256)
  bytes:set_index(1, math.floor(len / 256) % 256)
  bytes:append(tvb:bytes())
  local whole = bytes:tvb("ICQ2 peer PDU")
  local decoded = decode_peer(whole, pinfo)
  table.insert(decoded.notes, { id = "length-reconstructed", message = "LENGTH came in the previous TCP segment: rebuilt from the body's size" })
  draw(decoded, whole, pinfo, tree)
  set_info(pinfo, summary(decoded), true)
  return len
end

local function peer_length(tvb, _, offset)
  return tvb:range(offset, 2):le_uint() + 2
end

local function dissect_peer_stream(tvb, pinfo, tree)
  if not body_at(tvb, 2) and body_at(tvb, 0) then return dissect_lone_body(tvb, pinfo, tree) end
  first_in_frame = true
  dissect_tcp_pdus(tvb, tree, 2, peer_length, dissect_peer_pdu, true)
  return tvb:len()
end

local function heuristic(tvb, pinfo, tree)
  if not (body_at(tvb, 2) or body_at(tvb, 0)) then return false end
  pinfo.conversation = proto
  dissect_peer_stream(tvb, pinfo, tree)
  return true
end

function proto.dissector(tvb, pinfo, tree)
  if pinfo.port_type == PT_TCP then return dissect_peer_stream(tvb, pinfo, tree) end
  local decoded = decode_udp(tvb, pinfo)
  draw(decoded, tvb, pinfo, tree)
  set_info(pinfo, summary(decoded), true)
  return tvb:len()
end

DissectorTable.get("udp.port"):add(TABLES.server_port, proto)
proto:register_heuristic("tcp", heuristic)
