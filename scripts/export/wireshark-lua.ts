import { readFileSync } from 'node:fs';
import { luaLiteral } from './lua-literal.js';
import { wiresharkTables } from './wireshark-tables.js';

/**
 * exports/icq2.lua: the protocol tables as Lua data followed by the hand-written interpreter
 * (icq2-interpreter.lua), so Wireshark and tshark decode ICQ v2 from the same tables as icq2-dissect.
 */

const INTERPRETER = new URL('./icq2-interpreter.lua', import.meta.url);

export function wiresharkLua(): string {
  return [
    '-- ICQ protocol version 2 (1998) for Wireshark and tshark: wireshark -X lua_script:icq2.lua',
    '-- Written by `npm run export` from the tables in src/protocol (icq2-dissect); do not edit by hand.',
    '-- Generated data first, then the interpreter from scripts/export/icq2-interpreter.lua.',
    '',
    `local TABLES = ${luaLiteral(wiresharkTables())}`,
    '',
    readFileSync(INTERPRETER, 'utf8'),
  ].join('\n');
}
