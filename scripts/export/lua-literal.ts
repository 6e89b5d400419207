/**
 * JavaScript data as a Lua 5.2 table constructor (Wireshark 4 embeds Lua 5.2). Objects whose keys are
 * decimal integers become `[0x03e8] = ...` entries; flat objects and arrays stay on one line.
 */

export type LuaData = string | number | boolean | readonly LuaData[] | { readonly [key: string]: LuaData | undefined };

/** Lua string literal: ASCII as is, everything else (UTF-8 bytes, controls) as decimal escapes. */
export function luaString(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  let out = '"';
  for (const b of bytes) {
    if (b === 0x22 || b === 0x5c) out += `\\${String.fromCharCode(b)}`;
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += `\\${String(b).padStart(3, '0')}`;
  }
  return out + '"';
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LUA_KEYWORDS = new Set(['and', 'break', 'do', 'else', 'elseif', 'end', 'false', 'for', 'function', 'goto', 'if', 'in', 'local', 'nil', 'not', 'or', 'repeat', 'return', 'then', 'true', 'until', 'while']);

function luaKey(key: string): string {
  if (/^\d+$/.test(key)) return `[0x${Number(key).toString(16).padStart(4, '0')}]`;
  return IDENTIFIER.test(key) && !LUA_KEYWORDS.has(key) ? key : `[${luaString(key)}]`;
}

const isScalar = (value: LuaData) => typeof value !== 'object';
const isFlat = (value: LuaData): boolean =>
  isScalar(value) || (Array.isArray(value) ? value.every(isScalar) : Object.values(value).every((v) => v === undefined || isScalar(v) || (Array.isArray(v) && v.every(isScalar))));

export function luaLiteral(value: LuaData, indent = ''): string {
  if (typeof value === 'string') return luaString(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return String(value);
  const entries: string[] = Array.isArray(value)
    ? value.map((v) => luaLiteral(v, indent + '  '))
    : Object.entries(value)
        .filter((entry): entry is [string, LuaData] => entry[1] !== undefined)
        .map(([k, v]) => `${luaKey(k)} = ${luaLiteral(v, indent + '  ')}`);
  if (entries.length === 0) return '{}';
  if (isFlat(value)) return `{ ${entries.join(', ')} }`;
  return `{\n${entries.map((e) => `${indent}  ${e},`).join('\n')}\n${indent}}`;
}
