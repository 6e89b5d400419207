import { CLIENT_HEADER } from './headers.js';
import { NOT_V2_BODY, TOO_SHORT, TRAILING, UNKNOWN_BODY } from './leftovers.js';
import { PEER_HEADER } from './peer-commands.js';
import type { CommandTable, FieldSpec, Meaning, WireType } from './types.js';

/**
 * The names of the Wireshark Lua export (exports/icq2.lua, written by scripts/export): one field per
 * name a table declares, `icq2.<name in lower case>`, and the PDU's keys it shows as fields. The export
 * declares its fields from here and -Y accepts the same names as aliases.
 */

export const wiresharkFieldName = (name: string): string => `icq2.${name.toLowerCase()}`;

/** The PDU's keys the export shows as generated fields (icq2.direction ...), with their Wireshark titles. */
export const WIRESHARK_KEY_FIELDS = [
  { key: 'direction', title: 'Direction', description: 'client-to-server, server-to-client or peer-to-peer' },
  { key: 'layout', title: 'Layout', description: 'The layout variant used, when the command has more than one' },
  { key: 'variant', title: 'Client variant', description: 'The client variant whose byte orders and field order read this PDU' },
] as const;

/** The specs for bytes no table describes, by the export's names for them. */
export const WIRESHARK_LEFTOVERS = { unknown_body: UNKNOWN_BODY, not_v2: NOT_V2_BODY, too_short: TOO_SHORT, trailing: TRAILING } as const;

/** One field the export declares: a table's name with its wire type, description and meaning. */
export interface DeclaredField {
  name: string;
  kind: WireType['kind'];
  description: string;
  meaning?: Meaning;
}

const STRING_LENGTH: DeclaredField = { name: 'LENGTH', kind: 'u16', description: 'Length of the string including NULL' };

/** Every field the specs declare, in order: each spec, a string's LENGTH, a group's members and a split message's parts. */
export function* declaredFields(specs: readonly FieldSpec[]): Generator<DeclaredField> {
  for (const spec of specs) {
    yield { name: spec.name, kind: spec.type.kind, description: spec.description, ...(spec.meaning ? { meaning: spec.meaning } : {}) };
    if (spec.type.kind === 'lstring') yield STRING_LENGTH;
    if (spec.type.kind === 'repeat' || spec.type.kind === 'group') yield* declaredFields(spec.type.fields);
    for (const names of Object.values(spec.parts?.cases ?? {})) for (const part of names) yield { name: part, kind: 'lstring', description: `A part of ${spec.name}` };
  }
}

/** The specs the export declares fields for: the headers, the leftovers and every layout of every command. */
export function wiresharkSpecs(commands: readonly CommandTable[]): FieldSpec[] {
  return [...CLIENT_HEADER, ...PEER_HEADER, ...Object.values(WIRESHARK_LEFTOVERS), ...commands.flatMap((t) => t.layouts.flatMap((l) => l.fields))];
}
