import { writeFileSync } from 'node:fs';
import { wiresharkLua } from './export/wireshark-lua.js';

/** `npm run export`: writes exports/icq2.lua, the Wireshark Lua dissector, from the protocol tables. */
const file = new URL('../exports/icq2.lua', import.meta.url).pathname;
const lua = wiresharkLua();
writeFileSync(file, lua);
console.log(`exports/icq2.lua: ${lua.length} characters`);
