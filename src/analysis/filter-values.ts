import { endpointOf } from '../dissect/endpoint-text.js';
import type { Analysis, Field, Pdu } from '../dissect/pdu.js';
import { SEVERITIES } from '../net/note-kinds.js';
import { DOCUMENT_NAMES } from '../protocol/document-names.js';

/**
 * The names a user can filter on and extract (-Y, -e): the top-level keys of the JSON object, the
 * analysis keys, and every protocol field by its document name, nested fields included, in wire order;
 * a field name may be qualified by a command (`LOGIN.X1`: only in LOGIN PDUs) and ask for the raw hex
 * (`X1.hex`, `LOGIN.X1.hex`).
 */
export type Scalar = number | string;

export const TOP_LEVEL_NAMES = [
  'frame',
  'frames',
  'time',
  'time.absolute',
  'time.epoch',
  'time.relative',
  'time.delta',
  'src',
  'dst',
  'direction',
  'command',
  'command.code',
  'command.name',
  'command.aliases',
  'command.source',
  'seq',
  'uin',
  'length',
  'transport',
  'version',
  'layout',
  'variant',
  'stream',
  'session',
] as const;

type TopLevelName = (typeof TOP_LEVEL_NAMES)[number];

/** The sequence analysis as names (Wireshark's tcp.analysis.*): `analysis.retransmissionOf` and so on. */
const ANALYSIS_KEYS: readonly (keyof Analysis)[] = ['acks', 'ackedBy', 'ackRtt', 'ackRttAmbiguous', 'retransmissionOf', 'retransmittedIn', 'responseTo', 'responses', 'responseTime', 'responseTimeAmbiguous'];
export const ANALYSIS_NAMES: readonly string[] = ANALYSIS_KEYS.map((key) => `analysis.${key}`);

/** The session's client software (the fingerprint): `client.software == "licq 0.71"`, `client.confidence`. */
const CLIENT_KEYS = ['software', 'confidence'] as const;
export const CLIENT_NAMES: readonly string[] = CLIENT_KEYS.map((key) => `client.${key}`);

/**
 * Wireshark's address and port names, read from the PDU's `src`/`dst` ("198.51.100.10:1026") and
 * `transport`: `ip.addr` and `udp.port` / `tcp.port` are either end. IPv6 PDUs have no `ip.*`.
 */
export const ADDRESS_NAMES = ['ip.src', 'ip.dst', 'ip.addr', 'udp.srcport', 'udp.dstport', 'udp.port', 'tcp.srcport', 'tcp.dstport', 'tcp.port'] as const;

type AddressName = (typeof ADDRESS_NAMES)[number];

const isAddressName = (name: string): name is AddressName => (ADDRESS_NAMES as readonly string[]).includes(name);

function addressValues(pdu: Pdu, name: AddressName): Scalar[] {
  const [layer, which] = name.split('.') as [string, string];
  const ends = which === 'src' || which === 'srcport' ? [pdu.src] : which === 'dst' || which === 'dstport' ? [pdu.dst] : [pdu.src, pdu.dst];
  // ip.* is IPv4's: an IPv6 address (written with colons) has none.
  if (layer === 'ip') return ends.map((end) => endpointOf(end).ip).filter((ip) => !ip.includes(':'));
  return layer === pdu.transport ? ends.map((end) => endpointOf(end).port) : [];
}

/** Names whose values the sequence analysis adds (or completes: `uin` on server packets, the analysis notes). */
/** `info` too: its expert tags come from the analysis. */
const ANALYSED = /\b(analysis|client)\.|\b(session|uin|notes?|expert|info)\b/;

/**
 * The notes (Wireshark's _ws.expert): `note == gap` (also `note.id`, `notes`: the ids), `note.message`,
 * `expert.severity >= warning`; one value per note, so `-e note` lists a PDU's ids.
 */
const NOTE_KEYS = { 'note': 'id', 'notes': 'id', 'note.id': 'id', 'note.message': 'message', 'expert.severity': 'severity' } as const;
export const NOTE_NAMES: readonly string[] = Object.keys(NOTE_KEYS);
/** The names whose values are note ids. */
export const NOTE_ID_NAMES: readonly string[] = NOTE_NAMES.filter((name) => NOTE_KEYS[name as keyof typeof NOTE_KEYS] === 'id');

/** Text values with an order of their own, by name: `expert.severity >= warning` (note < warning < error). */
export const RANKED_VALUES: Readonly<Record<string, readonly string[]>> = { 'expert.severity': SEVERITIES };

/** True when a filter or field list needs the sequence analysis (a first pass over the file). */
export const mentionsAnalysis = (text: string): boolean => ANALYSED.test(text);

export function isTopLevelName(name: string): name is TopLevelName {
  return (TOP_LEVEL_NAMES as readonly string[]).includes(name);
}

/** A name that is not a protocol field: a top-level, analysis, client or note key (these win over COMMAND.FIELD). */
export function isKeyName(name: string): boolean {
  return isTopLevelName(name) || ANALYSIS_NAMES.includes(name) || CLIENT_NAMES.includes(name) || NOTE_NAMES.includes(name) || isAddressName(name);
}

/** A protocol field name as -Y and -e write it: FIELD or COMMAND.FIELD, either followed by `.hex`. */
export interface FieldRef {
  field: string;
  /** The command (name or alias) whose PDUs alone have the field. */
  command?: string;
  /** The raw bytes' hex instead of the typed value. */
  hex: boolean;
}

/** Splits a name that is not a key ({@link isKeyName}); document field names have no dot, and read as ours (TYPE: MESSAGE_TYPE). */
export function fieldRef(name: string): FieldRef {
  const hex = name.endsWith('.hex');
  const base = hex ? name.slice(0, -'.hex'.length) : name;
  const dot = base.indexOf('.');
  const field = dot < 0 ? base : base.slice(dot + 1);
  const ours = DOCUMENT_NAMES.get(field) ?? field;
  return dot < 0 ? { field: ours, hex } : { field: ours, command: base.slice(0, dot), hex };
}

/** True when the PDU's command has this name or alias. */
function isCommand(pdu: Pdu, name: string): boolean {
  return pdu.command !== null && (pdu.command.name === name || (pdu.command.aliases?.includes(name) ?? false));
}

/** "0x03e8": how a code nobody names is written wherever a command name is expected. */
export function commandLabel(pdu: Pdu): string {
  if (pdu.command === null) return '';
  return pdu.command.name ?? `0x${pdu.command.code.toString(16).padStart(4, '0')}`;
}

function topLevel(pdu: Pdu, name: Exclude<TopLevelName, 'frames' | 'command.aliases'>): Scalar | null | undefined {
  switch (name) {
    case 'command':
      return pdu.command === null ? undefined : commandLabel(pdu);
    case 'command.code':
      return pdu.command?.code;
    case 'command.name':
      return pdu.command?.name;
    case 'command.source':
      return pdu.command?.source;
    // -Y compares `time` as the ISO text; -T fields writes it as -t says (src/format/fields-printer.ts).
    case 'time':
    case 'time.absolute':
      return pdu.time.absolute;
    case 'time.epoch':
      return pdu.time.epoch;
    case 'time.relative':
      return pdu.time.relative;
    case 'time.delta':
      return pdu.time.delta;
    default:
      return pdu[name];
  }
}

/** Every field called `name`, nested ones too, in wire order. */
export function findFields(fields: readonly Field[], name: string, into: Field[] = []): Field[] {
  for (const field of fields) {
    if (field.name === name) into.push(field);
    if (field.fields) findFields(field.fields, name, into);
  }
  return into;
}

/** A field's typed value; raw bytes (value null) read as their hex. */
export function scalarOf(field: Field): Scalar {
  return field.value ?? field.hex;
}

const hexOf = (field: Field): string => field.hex;

/** The fields a protocol field name names in this PDU: none in another command's PDU. */
function namedFields(pdu: Pdu, ref: FieldRef): Field[] {
  return ref.command === undefined || isCommand(pdu, ref.command) ? findFields(pdu.fields, ref.field) : [];
}

/** Every field a name that is not a key names in this PDU, in wire order: the filter reads each one's type from it. */
export function fieldsOf(pdu: Pdu, name: string): Field[] {
  return namedFields(pdu, fieldRef(name));
}

/** The raw bytes (hex) of every field `name` names; keys have none. */
export function bytesOf(pdu: Pdu, name: string): string[] {
  return isKeyName(name) ? [] : namedFields(pdu, fieldRef(name)).map(hexOf);
}

/** All values `name` has in this PDU: none when absent, several when the field repeats. */
export function valuesOf(pdu: Pdu, name: string): Scalar[] {
  if (ANALYSIS_NAMES.includes(name)) {
    const value = pdu.analysis?.[name.slice('analysis.'.length) as keyof Analysis];
    // A flag (ackRttAmbiguous) reads as 1, as Wireshark's booleans.
    return value === undefined ? [] : Array.isArray(value) ? value : [value === true ? 1 : value];
  }
  if (name in NOTE_KEYS) {
    const key = NOTE_KEYS[name as keyof typeof NOTE_KEYS];
    return pdu.notes.map((note) => note[key]);
  }
  if (CLIENT_NAMES.includes(name)) {
    const value = pdu.client?.[name.slice('client.'.length) as (typeof CLIENT_KEYS)[number]];
    return value === undefined ? [] : [value];
  }
  if (isAddressName(name)) return addressValues(pdu, name);
  if (isTopLevelName(name)) {
    // Every frame a reassembled PDU came from: `frames == 59` finds it by its first segment too.
    if (name === 'frames') return pdu.frames;
    if (name === 'command.aliases') return pdu.command?.aliases ?? [];
    const value = topLevel(pdu, name);
    return value === undefined || value === null ? [] : [value];
  }
  const ref = fieldRef(name);
  return namedFields(pdu, ref).map(ref.hex ? hexOf : scalarOf);
}
