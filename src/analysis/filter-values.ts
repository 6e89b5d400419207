import type { Analysis, Field, Pdu } from '../dissect/pdu.js';

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
  'seq',
  'uin',
  'length',
  'transport',
  'version',
  'layout',
  'variant',
  'stream',
] as const;

type TopLevelName = (typeof TOP_LEVEL_NAMES)[number];

/** The sequence analysis as names (Wireshark's tcp.analysis.*): `analysis.retransmissionOf` and so on. */
const ANALYSIS_KEYS: readonly (keyof Analysis)[] = ['acks', 'ackedBy', 'ackRtt', 'retransmissionOf', 'responseTo', 'responses', 'responseTime'];
export const ANALYSIS_NAMES: readonly string[] = ANALYSIS_KEYS.map((key) => `analysis.${key}`);

/** The session's client software (the fingerprint): `client.software == "licq 0.71"`, `client.confidence`. */
const CLIENT_KEYS = ['software', 'confidence'] as const;
export const CLIENT_NAMES: readonly string[] = CLIENT_KEYS.map((key) => `client.${key}`);

/** True when a filter or field list needs the sequence analysis (a first pass over the file). */
export const mentionsAnalysis = (text: string): boolean => text.includes('analysis.') || text.includes('client.');

export function isTopLevelName(name: string): name is TopLevelName {
  return (TOP_LEVEL_NAMES as readonly string[]).includes(name);
}

/** A name that is not a protocol field: a top-level, analysis or client key (these win over COMMAND.FIELD). */
export function isKeyName(name: string): boolean {
  return isTopLevelName(name) || ANALYSIS_NAMES.includes(name) || CLIENT_NAMES.includes(name);
}

/** A protocol field name as -Y and -e write it: FIELD or COMMAND.FIELD, either followed by `.hex`. */
export interface FieldRef {
  field: string;
  /** The command (name or alias) whose PDUs alone have the field. */
  command?: string;
  /** The raw bytes' hex instead of the typed value. */
  hex: boolean;
}

/** Splits a name that is not a key ({@link isKeyName}); document field names have no dot. */
export function fieldRef(name: string): FieldRef {
  const hex = name.endsWith('.hex');
  const base = hex ? name.slice(0, -'.hex'.length) : name;
  const dot = base.indexOf('.');
  return dot < 0 ? { field: base, hex } : { field: base.slice(dot + 1), command: base.slice(0, dot), hex };
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

function topLevel(pdu: Pdu, name: Exclude<TopLevelName, 'frames'>): Scalar | null | undefined {
  switch (name) {
    case 'command':
      return pdu.command === null ? undefined : commandLabel(pdu);
    case 'command.code':
      return pdu.command?.code;
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

/** The raw bytes (hex) of every field `name` names; keys have none. */
export function bytesOf(pdu: Pdu, name: string): string[] {
  return isKeyName(name) ? [] : namedFields(pdu, fieldRef(name)).map(hexOf);
}

/** All values `name` has in this PDU: none when absent, several when the field repeats. */
export function valuesOf(pdu: Pdu, name: string): Scalar[] {
  if (ANALYSIS_NAMES.includes(name)) {
    const value = pdu.analysis?.[name.slice('analysis.'.length) as keyof Analysis];
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
  }
  if (CLIENT_NAMES.includes(name)) {
    const value = pdu.client?.[name.slice('client.'.length) as (typeof CLIENT_KEYS)[number]];
    return value === undefined ? [] : [value];
  }
  if (isTopLevelName(name)) {
    // Every frame a reassembled PDU came from: `frames == 59` finds it by its first segment too.
    if (name === 'frames') return pdu.frames;
    const value = topLevel(pdu, name);
    return value === undefined || value === null ? [] : [value];
  }
  const ref = fieldRef(name);
  return namedFields(pdu, ref).map(ref.hex ? hexOf : scalarOf);
}
