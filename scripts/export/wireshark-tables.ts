import { DEFAULT_CHARSET } from '../../src/dissect/dissect-capture.js';
import { CHOSEN_VARIANTS, COST, DECISIVE_LEAD, MAX_UNDECIDED_PACKETS, RUN_BONUS, RUN_FIELD } from '../../src/dissect/variant-choice.js';
import type { ClientVariant } from '../../src/protocol/client-variants.js';
import { COUNT_NOUNS, READ_TEXTS, textReading } from '../../src/protocol/meanings.js';
import { PART_JOIN } from '../../src/protocol/leftovers.js';
import { ACK_RULE } from '../../src/protocol/pairing.js';
import { readingIn, unknownReadingIn, type Reading } from '../../src/protocol/variant-tables.js';
import { NOTE_KINDS, type NoteKind } from '../../src/net/note-kinds.js';
import { CHECK_NOTES } from '../../src/protocol/check-notes.js';
import { DIRECTIONS } from '../../src/protocol/directions.js';
import { CLIENT_HEADER, CLIENT_HEADER_NO_UIN, SERVER_HEADER } from '../../src/protocol/headers.js';
import { describedWithDocumentName } from '../../src/protocol/document-names.js';
import { COUNTRIES } from '../../src/protocol/countries.js';
import { CHANNEL_INIT_CODE, PEER_HEADER } from '../../src/protocol/peer-commands.js';
import { ALL_COMMANDS } from '../../src/protocol/registry.js';
import type { CommandCheck, CommandTable, Direction, FieldCheck, FieldSpec, LayoutVariant, WireType } from '../../src/protocol/types.js';
import { declaredFields, wiresharkFieldName, wiresharkSpecs, WIRESHARK_KEY_FIELDS, WIRESHARK_LEFTOVERS, type DeclaredField } from '../../src/protocol/wireshark-names.js';
import type { LuaData } from './lua-literal.js';

/**
 * The protocol tables reshaped as data for the Lua interpreter: field specs with the Wireshark field
 * class each is shown as, commands by direction and code, and one ProtoField per (name, class).
 */

/** Wireshark field classes: one ProtoField per field name and class (X5 is an integer in LOGIN, 6 bytes in LOGIN_REPLY). */
export type FieldClass = 'uint' | 'int' | 'ipv4' | 'bytes' | 'string' | 'none';

const CLASS: Record<WireType['kind'], FieldClass> = {
  u8: 'uint',
  u16: 'uint',
  u32: 'uint',
  i32: 'int',
  ipv4: 'ipv4',
  bytes: 'bytes',
  rest: 'bytes',
  lstring: 'string',
  repeat: 'none',
  group: 'none',
};
const BITS: Partial<Record<WireType['kind'], number>> = { u8: 8, u16: 16, u32: 32, i32: 32 };

/** A declared check as the Lua interpreter reads it: its kind, parameters, words and the id of the note it gives (who says it stays in the docs). */
function checkData({ source: _source, ...check }: FieldCheck | CommandCheck): LuaData {
  return { ...check, note_id: CHECK_NOTES[check.kind] } as LuaData;
}

/** The kinds of note the Lua dissector reports, each an expert field icq2.<id> with its severity and group. */
const experts = (): LuaData =>
  Object.entries(NOTE_KINDS).flatMap(([id, kind]: [string, NoteKind]) => (kind.wireshark ? [{ id, severity: kind.severity, group: kind.wireshark, meaning: kind.meaning }] : []));

function specData(spec: FieldSpec): LuaData {
  const type = spec.type;
  return {
    name: spec.name,
    kind: type.kind,
    class: CLASS[type.kind],
    length: type.kind === 'bytes' ? type.length : undefined,
    count: type.kind === 'repeat' ? type.count : undefined,
    description: describedWithDocumentName(spec),
    unknown: spec.unknown,
    expected: spec.expected,
    also_expected: spec.alsoExpected ? [...spec.alsoExpected] : undefined,
    document_says: spec.documentSays,
    order: spec.order,
    checks: spec.checks?.map(checkData),
    meaning: spec.meaning,
    optional: spec.optional,
    parts: spec.parts
      ? { by: spec.parts.by, cases: Object.fromEntries(Object.entries(spec.parts.cases).map(([k, names]) => [k, [...names]])), meanings: spec.parts.meanings }
      : undefined,
    fields: type.kind === 'repeat' || type.kind === 'group' ? type.fields.map(specData) : undefined,
  };
}

function layoutData(layout: LayoutVariant): LuaData {
  return {
    name: layout.name,
    source: layout.source,
    when: layout.when ? { field: layout.when.field, values: [...layout.when.values] } : undefined,
    quirks: layout.quirks?.map((q) => ({ field: q.field, first_byte: q.firstByte, note: q.note })),
    fields: layout.fields.map(specData),
  };
}

function commandData(table: CommandTable): LuaData {
  return {
    name: table.name,
    description: table.description,
    summary: table.summary,
    no_uin: table.noUin,
    named_by: table.source === 'document' ? undefined : table.source,
    checks: table.checks?.map(checkData),
    layouts: table.layouts.map(layoutData),
  };
}

interface ProtoFieldData {
  name: string;
  class: FieldClass;
  bits?: number;
  description: string;
  meanings: Set<string>;
}

/** Every (name, class) the interpreter can emit: integers as wide as their widest use. */
function protoFields(fields: Iterable<DeclaredField>): ProtoFieldData[] {
  const byKey = new Map<string, ProtoFieldData>();
  for (const { name, kind, description, meaning } of fields) {
    const cls = CLASS[kind];
    const key = `${name}:${cls}`;
    const known = byKey.get(key) ?? { name, class: cls, description, meanings: new Set<string>() };
    const bits = BITS[kind];
    if (bits !== undefined) known.bits = Math.max(known.bits ?? 0, bits);
    known.meanings.add(meaning ?? '');
    byKey.set(key, known);
  }
  return [...byKey.values()];
}

/** Value strings by meaning, where the whole name always carries that meaning. */
const VALUE_STRINGS: Record<string, string> = { command: 'commands', country: 'countries' };

/** Command names by code over all directions (ACK is the same in both; codes do not otherwise collide). */
function commandNames(): Record<string, string> {
  const names = new Map<number, string[]>();
  for (const t of ALL_COMMANDS) names.set(t.code, [...new Set([...(names.get(t.code) ?? []), t.name])]);
  return Object.fromEntries([...names].sort(([a], [b]) => a - b).map(([code, n]) => [String(code), n.join(' / ')]));
}

/**
 * Bytes 0x80-0xFF of the default charset as UTF-8 text, from the TextDecoder icq2-dissect itself uses
 * (Wireshark 4.0's TvbRange:string cuts a decoded string to its byte length, so Lua decodes by table).
 */
function highBytes(): Record<string, string> {
  const decoder = new TextDecoder(DEFAULT_CHARSET);
  return Object.fromEntries(Array.from({ length: 128 }, (_, i) => [String(0x80 + i), decoder.decode(Uint8Array.of(0x80 + i))]));
}

/** Each text meaning's readings as { text, reading } pairs (texts like '1' would otherwise become numeric Lua keys). */
function textReadings(): LuaData {
  return Object.fromEntries(
    Object.entries(READ_TEXTS).map(([meaning, texts]) => [meaning, texts.map((text) => ({ text, reading: textReading(meaning as keyof typeof READ_TEXTS, text)! }))]),
  );
}

const UDP_DIRECTIONS = ['client-to-server', 'server-to-client'] as const;

/**
 * A client variant's readings as readingIn derives them: per direction, the codes it reads otherwise than
 * the document (a header by index into `headers`, and the command when the variant changes it).
 */
function variantData(variant: ClientVariant): LuaData {
  const headers: string[] = [];
  const headerIndex = (specs: readonly FieldSpec[]) => {
    const key = JSON.stringify(specs.map(specData));
    if (!headers.includes(key)) headers.push(key);
    return headers.indexOf(key) + 1;
  };
  const dataOf = (table: CommandTable | undefined) => (table ? commandData(table) : undefined);
  const changed = (reading: Reading, table: CommandTable | undefined) => {
    if (!reading.variant) return undefined;
    const command = dataOf(reading.table);
    return { header: headerIndex(reading.header), command: JSON.stringify(command) === JSON.stringify(dataOf(table)) ? undefined : command };
  };
  const readingsIn = (direction: Direction) => ({
    unknown: changed(unknownReadingIn(variant, direction), undefined),
    codes: Object.fromEntries(ALL_COMMANDS.filter((t) => t.direction === direction).map((t) => [String(t.code), changed(readingIn(variant, direction, t.code), t)])),
  });
  const readings = Object.fromEntries(UDP_DIRECTIONS.map((d) => [d, readingsIn(d)]));
  return { name: variant.name, description: variant.description, readings, headers: headers.map((key) => JSON.parse(key) as LuaData) };
}

/** How a session's client packets choose a variant (src/dissect/variant-choice.ts), as numbers and names. */
const CHOICE: LuaData = {
  cost: COST,
  run_bonus: RUN_BONUS,
  decisive_lead: DECISIVE_LEAD,
  max_undecided_packets: MAX_UNDECIDED_PACKETS,
  run_field: RUN_FIELD,
  ack_command: ACK_RULE.ack,
};

export function wiresharkTables(): LuaData {
  const peer = [...PEER_HEADER];
  return {
    server_port: 4000,
    channel_init_code: CHANNEL_INIT_CODE,
    charset: { label: DEFAULT_CHARSET, high_bytes: highBytes() },
    headers: { client: CLIENT_HEADER.map(specData), client_no_uin: CLIENT_HEADER_NO_UIN.map(specData), server: SERVER_HEADER.map(specData), peer: peer.map(specData) },
    generic: Object.fromEntries(Object.entries(WIRESHARK_LEFTOVERS).map(([k, spec]) => [k, specData(spec)])),
    commands: Object.fromEntries(
      DIRECTIONS.map((d) => [d, Object.fromEntries(ALL_COMMANDS.filter((t) => t.direction === d).sort((a, b) => a.code - b.code).map((t) => [String(t.code), commandData(t)]))]),
    ),
    text_readings: textReadings(),
    count_nouns: { ...COUNT_NOUNS },
    part_join: PART_JOIN,
    variants: CHOSEN_VARIANTS.map(variantData),
    choice: CHOICE,
    experts: experts(),
    value_strings: {
      commands: commandNames(),
      countries: Object.fromEntries([...COUNTRIES].map(([code, name]) => [String(code), name])),
    },
    fields: protoFields(declaredFields(wiresharkSpecs(ALL_COMMANDS))).map((f) => {
      const only = f.meanings.size === 1 ? [...f.meanings][0]! : '';
      return { name: f.name, abbr: wiresharkFieldName(f.name), class: f.class, bits: f.bits, description: f.description, value_string: VALUE_STRINGS[only] };
    }),
    key_fields: WIRESHARK_KEY_FIELDS.map((k) => ({ key: k.key, abbr: wiresharkFieldName(k.key), title: k.title, description: k.description })),
  };
}
