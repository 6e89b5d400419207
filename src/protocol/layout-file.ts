import { CLIENT_HEADER, SERVER_HEADER } from './headers.js';
import { INTEGER_READINGS } from './meanings.js';
import { BUILTIN_REGISTRY, createRegistry, type CommandRegistry } from './registry.js';
import type { ByteOrder, CommandTable, Direction, FieldSpec, LayoutVariant, Meaning, WireType } from './types.js';
import { DIRECTIONS } from './directions.js';

/**
 * Layouts loaded on top of the protocol tables (--layouts FILE.json): a researcher's hypothesis or a
 * proposal the study writes, in the tables' own vocabulary. Pure: a parsed JSON value in, a registry (the
 * base tables with the loaded layouts tried first) or a LayoutError naming the place in the file out.
 *
 *   { "layouts": [ { "direction": "server-to-client", "command": "REPLY_X1" | 540 | "0x021c",
 *                    "commandName"?: "MY_NEW", "name"?: "...", "source"?: "...",
 *                    "fields": [ { "name": "COUNT", "type": "u16", "description"?: "...", "unknown"?: true,
 *                                  "expected"?: "0100", "order"?: "be", "meaning"?: "status", "optional"?: true },
 *                                { "name": "ITEMS", "type": { "kind": "repeat", "count": "COUNT", "fields": [...] } } ] } ] }
 *
 * A top-level array stands for `layouts`. docs/usage.md "Proposed layouts" is the user's description.
 */

export class LayoutError extends Error {
  constructor(
    /** Where in the file: `layouts[0].fields[2].type`. */
    readonly place: string,
    readonly problem: string,
  ) {
    super(`${place}: ${problem}`);
  }
}

export interface LoadLayoutsOptions {
  /** The tables the layouts go on top of (default: the built-in ones). */
  base?: CommandRegistry;
  /** The default `source` of a layout that names none (the file's name). */
  origin?: string;
}

const SIMPLE_KINDS = ['u8', 'u16', 'u32', 'i32', 'ipv4', 'lstring', 'rest'] as const;
const INTEGER_KINDS: readonly string[] = ['u8', 'u16', 'u32', 'i32'];
const FIXED_SIZE: Readonly<Record<string, number>> = { u8: 1, u16: 2, u32: 4, i32: 4, ipv4: 4 };
const TYPE_HELP = 'u8, u16, u32, i32, ipv4, lstring, rest, or {kind: bytes|repeat|group}';
const INTEGER_MEANINGS: readonly string[] = ['command', ...Object.keys(INTEGER_READINGS)];
/** A name -Y and -e can say bare. */
const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

const ENTRY_KEYS = ['direction', 'command', 'commandName', 'name', 'source', 'fields'];
const FIELD_KEYS = ['name', 'type', 'description', 'unknown', 'expected', 'order', 'meaning', 'optional'];

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const quoted = (v: Json) => JSON.stringify(v) ?? String(v);
const hex4 = (code: number) => `0x${code.toString(16).padStart(4, '0')}`;

function checkKeys(value: Record<string, Json>, allowed: readonly string[], place: string): void {
  const extra = Object.keys(value).find((key) => !allowed.includes(key));
  if (extra !== undefined) throw new LayoutError(`${place}.${extra}`, `unknown key (expected ${allowed.join(', ')})`);
}

function optionalString(value: Record<string, Json>, key: string, place: string): string | undefined {
  const v = value[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v === '') throw new LayoutError(`${place}.${key}`, 'must be a non-empty string');
  return v;
}

function optionalBoolean(value: Record<string, Json>, key: string, place: string): boolean | undefined {
  const v = value[key];
  if (v !== undefined && typeof v !== 'boolean') throw new LayoutError(`${place}.${key}`, 'must be true or false');
  return v as boolean | undefined;
}

/** Names a layout's fields can see while it is read: the header's, then its own earlier ones. */
interface Scope {
  /** Field names taken in this scope (a group's fields share their parent's), with where. */
  taken: Map<string, string>;
  /** Integer fields walked before this point (a repeat's count names one of them). */
  integers: Set<string>;
  /** Every field walked before this point, for the error message. */
  earlier: string[];
}

function wireType(type: Json, place: string, scope: Scope): WireType {
  if (typeof type === 'string') {
    if ((SIMPLE_KINDS as readonly string[]).includes(type)) return { kind: type as (typeof SIMPLE_KINDS)[number] };
    throw new LayoutError(place, `unknown wire type ${quoted(type)} (${TYPE_HELP})`);
  }
  if (!isObject(type)) throw new LayoutError(place, `must be a wire type (${TYPE_HELP})`);
  const kind = type.kind;
  if (typeof kind === 'string' && (SIMPLE_KINDS as readonly string[]).includes(kind)) {
    checkKeys(type, ['kind'], place);
    return { kind: kind as (typeof SIMPLE_KINDS)[number] };
  }
  switch (kind) {
    case 'bytes': {
      checkKeys(type, ['kind', 'length'], place);
      const length = type.length;
      if (typeof length !== 'number' || !Number.isInteger(length) || length < 1) throw new LayoutError(`${place}.length`, 'must be a whole number of bytes, at least 1');
      return { kind, length };
    }
    case 'repeat': {
      checkKeys(type, ['kind', 'count', 'fields'], place);
      const count = type.count;
      if (typeof count !== 'string') throw new LayoutError(`${place}.count`, 'must name an earlier integer field');
      if (!scope.integers.has(count)) {
        const problem = scope.earlier.includes(count) ? `${quoted(count)} is not an integer field` : `${quoted(count)} names no earlier field`;
        throw new LayoutError(`${place}.count`, `${problem} (earlier: ${scope.earlier.join(', ') || 'none'})`);
      }
      // Each item is a scope of its own: its names repeat per item; it sees the fields before it.
      const inner: Scope = { taken: new Map(), integers: new Set(scope.integers), earlier: [...scope.earlier] };
      return { kind, count, fields: fieldList(type.fields, `${place}.fields`, inner, false) };
    }
    case 'group':
      checkKeys(type, ['kind', 'fields'], place);
      return { kind, fields: fieldList(type.fields, `${place}.fields`, scope, false) };
    default:
      throw new LayoutError(place, `unknown wire type ${quoted(kind === undefined ? type : kind)} (${TYPE_HELP})`);
  }
}

function expectedHex(value: Json, type: WireType, place: string): string {
  const hex = typeof value === 'string' ? value.replace(/\s+/g, '').toLowerCase() : '';
  if (!/^([0-9a-f]{2})+$/.test(hex)) throw new LayoutError(place, 'must be bytes as hex ("0100")');
  const size = type.kind === 'bytes' ? type.length : FIXED_SIZE[type.kind];
  if (size === undefined) throw new LayoutError(place, `a ${type.kind} field has no fixed content`);
  if (hex.length !== 2 * size) throw new LayoutError(place, `${hex.length / 2} bytes, the field has ${size}`);
  return hex;
}

function field(value: Json, place: string, scope: Scope, last: boolean, source: string): FieldSpec {
  if (!isObject(value)) throw new LayoutError(place, 'must be an object with name and type');
  checkKeys(value, FIELD_KEYS, place);
  const name = value.name;
  if (typeof name !== 'string' || !NAME_PATTERN.test(name)) throw new LayoutError(`${place}.name`, 'must be a name of letters, digits and _ (COUNT, X6)');
  const taken = scope.taken.get(name);
  if (taken !== undefined) throw new LayoutError(`${place}.name`, `duplicate field name ${quoted(name)} (also ${taken})`);
  scope.taken.set(name, place);
  if (value.type === undefined) throw new LayoutError(`${place}.type`, `missing (${TYPE_HELP})`);
  const type = wireType(value.type, `${place}.type`, scope);
  if (type.kind === 'rest' && !last) throw new LayoutError(`${place}.type`, 'rest takes every byte left: it must be the last field of the layout');
  const spec: FieldSpec = { name, type, description: optionalString(value, 'description', place) ?? `From ${source}` };
  if (optionalBoolean(value, 'unknown', place)) spec.unknown = true;
  if (optionalBoolean(value, 'optional', place)) spec.optional = true;
  if (value.expected !== undefined) spec.expected = expectedHex(value.expected, type, `${place}.expected`);
  if (value.order !== undefined) {
    if (value.order !== 'le' && value.order !== 'be') throw new LayoutError(`${place}.order`, 'must be le or be');
    if (!INTEGER_KINDS.includes(type.kind) && type.kind !== 'lstring') throw new LayoutError(`${place}.order`, `a ${type.kind} field has no byte order`);
    spec.order = value.order as ByteOrder;
  }
  if (value.meaning !== undefined) {
    if (!INTEGER_KINDS.includes(type.kind)) throw new LayoutError(`${place}.meaning`, 'only an integer field has a meaning');
    if (typeof value.meaning !== 'string' || !INTEGER_MEANINGS.includes(value.meaning)) throw new LayoutError(`${place}.meaning`, `must be one of ${INTEGER_MEANINGS.join(', ')}`);
    spec.meaning = value.meaning as Meaning;
  }
  if (INTEGER_KINDS.includes(type.kind)) scope.integers.add(name);
  scope.earlier.push(name);
  return spec;
}

/** `top`: the layout's own list, where a rest field may stand last. */
function fieldList(value: Json, place: string, scope: Scope, top: boolean, source = ''): FieldSpec[] {
  if (!Array.isArray(value)) throw new LayoutError(place, 'must be an array of fields');
  return value.map((f, i) => field(f, `${place}[${i}]`, scope, top && i === value.length - 1, source));
}

function direction(value: Json, place: string): Direction {
  if (typeof value === 'string' && (DIRECTIONS as readonly string[]).includes(value)) return value as Direction;
  throw new LayoutError(place, 'must be client-to-server, server-to-client or peer-to-peer');
}

/** A command given by name (or alias) in its direction, or by code: a number, "0x021c" or "540". */
function commandCode(value: Json, dir: Direction, base: CommandRegistry, place: string): number {
  let code: number | undefined;
  if (typeof value === 'number') code = value;
  else if (typeof value === 'string' && /^0x[0-9a-f]+$/i.test(value)) code = parseInt(value.slice(2), 16);
  else if (typeof value === 'string' && /^\d+$/.test(value)) code = Number(value);
  else if (typeof value === 'string') {
    const table = base.findTableByName(dir, value) ?? base.all.find((t) => t.direction === dir && t.aliases?.some((a) => a.name === value));
    if (!table) throw new LayoutError(place, `unknown command ${quoted(value)} in ${dir} (give a code)`);
    return table.code;
  } else throw new LayoutError(place, 'must be a command name or code (540, "0x021c")');
  if (!Number.isInteger(code) || code < 0 || code > 0xffff) throw new LayoutError(place, `${quoted(value)} is not a code 0-65535 (0x0000-0xffff)`);
  return code;
}

/** The header's names are the scope's first: a body field of the same name would stand in for them. */
function headerScope(dir: Direction): Scope {
  const header = dir === 'client-to-server' ? CLIENT_HEADER : dir === 'server-to-client' ? SERVER_HEADER : [];
  const scope: Scope = { taken: new Map(), integers: new Set(), earlier: [] };
  for (const spec of header) scope.taken.set(spec.name, 'a header field');
  return scope;
}

/** Reads a parsed layouts document; throws LayoutError at the first problem. */
export function loadLayouts(document: Json, opts: LoadLayoutsOptions = {}): CommandRegistry {
  const base = opts.base ?? BUILTIN_REGISTRY;
  const origin = opts.origin ?? 'a layouts file';
  let entries: Json = document;
  let place = 'layouts';
  if (isObject(document)) {
    checkKeys(document, ['layouts'], '(top level)');
    entries = document.layouts;
  } else if (!Array.isArray(document)) throw new LayoutError('(top level)', 'must be {"layouts": [...]} or an array of layouts');
  if (!Array.isArray(entries)) throw new LayoutError(place, 'must be an array of layouts');
  // By direction and code: the base's table with the loaded layouts in front, or a new one.
  const tables = new Map<string, CommandTable>();
  entries.forEach((entry, i) => {
    place = `layouts[${i}]`;
    if (!isObject(entry)) throw new LayoutError(place, 'must be an object with direction, command and fields');
    checkKeys(entry, ENTRY_KEYS, place);
    const dir = direction(entry.direction, `${place}.direction`);
    if (entry.command === undefined) throw new LayoutError(`${place}.command`, 'missing (a command name or code)');
    const code = commandCode(entry.command, dir, base, `${place}.command`);
    const key = `${dir} ${code}`;
    const commandName = optionalString(entry, 'commandName', place);
    const known = tables.get(key) ?? base.findTable(dir, code);
    if (commandName !== undefined) {
      if (known && known.name !== commandName) throw new LayoutError(`${place}.commandName`, `${hex4(code)} in ${dir} is ${known.name} already`);
      if (!NAME_PATTERN.test(commandName)) throw new LayoutError(`${place}.commandName`, 'must be a name of letters, digits and _ (MY_COMMAND)');
      const clash = base.findTableByName(dir, commandName) ?? [...tables.values()].find((t) => t.direction === dir && t.name === commandName);
      if (clash && clash.code !== code) throw new LayoutError(`${place}.commandName`, `${commandName} is ${hex4(clash.code)} in ${dir}`);
    }
    const name = optionalString(entry, 'name', place) ?? `layouts[${i}]`;
    const source = optionalString(entry, 'source', place) ?? origin;
    if (entry.fields === undefined) throw new LayoutError(`${place}.fields`, 'missing (an array of fields)');
    const fields = fieldList(entry.fields, `${place}.fields`, headerScope(dir), true, source);
    const layout: LayoutVariant = { name, source, from: ['layouts file'], fields, loaded: true };
    const table: CommandTable = known ?? {
      name: commandName ?? `USER_${hex4(code)}`,
      code,
      direction: dir,
      source: 'layouts file',
      description: `A code no built-in table knows, described in ${source}`,
      layouts: [],
    };
    if (table.layouts.some((l) => l.name === name)) throw new LayoutError(`${place}.name`, `${table.name} has a layout called ${quoted(name)} already`);
    // Loaded layouts go before the built-in ones, in the file's order.
    const loadedCount = table.layouts.filter((l) => l.loaded).length;
    const layouts = [...table.layouts.slice(0, loadedCount), layout, ...table.layouts.slice(loadedCount)];
    tables.set(key, { ...table, layouts });
  });
  if (tables.size === 0) return base;
  return createRegistry([...base.all, ...tables.values()]);
}

/** One layout as the file holds it (what the study writes as a proposal; loadLayouts reads it back). */
export interface LayoutEntry {
  direction: Direction;
  /** A command name in its direction, or a code as "0x021c". */
  command: string;
  commandName?: string;
  name: string;
  source: string;
  fields: readonly FieldSpec[];
}

/** A field as the file writes it: the simple wire types as strings; what the file cannot say (checks, parts, the document's name) left out. */
function fieldToJson(spec: FieldSpec): Record<string, Json> {
  const type = spec.type;
  const json: Record<string, Json> = {
    name: spec.name,
    type:
      type.kind === 'bytes' ? { kind: 'bytes', length: type.length }
      : type.kind === 'repeat' ? { kind: 'repeat', count: type.count, fields: type.fields.map(fieldToJson) }
      : type.kind === 'group' ? { kind: 'group', fields: type.fields.map(fieldToJson) }
      : type.kind,
    description: spec.description,
  };
  if (spec.unknown) json.unknown = true;
  if (spec.expected !== undefined) json.expected = spec.expected;
  if (spec.order !== undefined) json.order = spec.order;
  if (spec.meaning !== undefined && INTEGER_MEANINGS.includes(spec.meaning)) json.meaning = spec.meaning;
  if (spec.optional) json.optional = true;
  return json;
}

/** A layouts document of these layouts, ready for JSON.stringify (the format loadLayouts reads). */
export function layoutsDocument(entries: readonly LayoutEntry[]): { layouts: Record<string, Json>[] } {
  return {
    layouts: entries.map((entry) => ({
      direction: entry.direction,
      command: entry.command,
      ...(entry.commandName === undefined ? {} : { commandName: entry.commandName }),
      name: entry.name,
      source: entry.source,
      fields: entry.fields.map(fieldToJson),
    })),
  };
}
