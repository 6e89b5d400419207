import type { Analysis, Field, Pdu } from '../dissect/pdu.js';

/**
 * The names a user can filter on and extract (-Y, -e): the top-level keys of the JSON object, the
 * analysis keys, and every protocol field by its document name, nested fields included, in wire order.
 */
export type Scalar = number | string;

export const TOP_LEVEL_NAMES = [
  'frame',
  'time',
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

/** "0x03e8": how a code nobody names is written wherever a command name is expected. */
export function commandLabel(pdu: Pdu): string {
  if (pdu.command === null) return '';
  return pdu.command.name ?? `0x${pdu.command.code.toString(16).padStart(4, '0')}`;
}

function topLevel(pdu: Pdu, name: TopLevelName): Scalar | null | undefined {
  switch (name) {
    case 'command':
      return pdu.command === null ? undefined : commandLabel(pdu);
    case 'command.code':
      return pdu.command?.code;
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
    const value = topLevel(pdu, name);
    return value === undefined || value === null ? [] : [value];
  }
  return findFields(pdu.fields, name).map(scalarOf);
}
