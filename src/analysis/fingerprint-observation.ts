import type { Pdu } from '../dissect/pdu.js';
import { CLIENT_SIGNATURES, type Observation } from '../protocol/client-signatures.js';
import { ALL_COMMANDS } from '../protocol/registry.js';
import { findField } from './field-value.js';

/**
 * One observation of a client signature made on a PDU, as one number (the analysis keeps numbers per PDU,
 * not strings): `observe` makes it, `fits` compares it with the signature, `observedText` shows it.
 *   hex       the bytes with a leading 1 nibble, read as a number (so "0200" and "000200" stay apart); at
 *             most 6 bytes, longer values keep their first 6, negated
 *   layout    index into every table's layout names
 *   variant   index into the variant names the signatures declare
 *   seq-plus  the field's value * 0x10000 + the PDU's SEQ_NUM
 * ABSENT: the PDU has no such field, layout or variant; OTHER: a name no table or signature knows.
 */
export const ABSENT = -1;
const OTHER = -2;
const HEX_DIGITS = 12;

const LAYOUT_NAMES = [...new Set(ALL_COMMANDS.flatMap((table) => table.layouts.map((layout) => layout.name)))];
const VARIANT_NAMES = [...new Set(CLIENT_SIGNATURES.flatMap((s) => s.observations.flatMap((o) => (o.kind === 'variant' ? [o.variant] : []))))];

const hexCode = (hex: string): number => {
  const code = parseInt(`1${hex.slice(0, HEX_DIGITS)}`, 16);
  return hex.length > HEX_DIGITS ? -code : code;
};

const nameCode = (names: readonly string[], name: string | undefined): number => {
  if (name === undefined) return ABSENT;
  const index = names.indexOf(name);
  return index < 0 ? OTHER : index;
};

export function observe(observation: Observation, pdu: Pdu): number {
  switch (observation.kind) {
    case 'hex': {
      const field = findField(pdu, observation.field);
      if (field === undefined) return ABSENT;
      const [from, to] = observation.bytes ?? [0, field.length];
      return hexCode(field.hex.slice(2 * from, 2 * to));
    }
    case 'layout':
      return nameCode(LAYOUT_NAMES, pdu.layout);
    case 'variant':
      return nameCode(VARIANT_NAMES, pdu.variant);
    case 'seq-plus': {
      const value = findField(pdu, observation.field)?.value;
      return typeof value === 'number' && typeof pdu.seq === 'number' ? value * 0x10000 + pdu.seq : ABSENT;
    }
  }
}

export function fits(observation: Observation, code: number): boolean {
  switch (observation.kind) {
    case 'hex':
      return code === hexCode(observation.hex);
    case 'layout':
      return code === nameCode(LAYOUT_NAMES, observation.layout);
    case 'variant':
      return code === nameCode(VARIANT_NAMES, observation.variant);
    case 'seq-plus':
      return code !== ABSENT && (Math.floor(code / 0x10000) - (code % 0x10000) + 0x10000) % 0x10000 === observation.offset;
  }
}

export function observedText(observation: Observation, code: number): string {
  if (code === OTHER) return `(another ${observation.kind})`;
  switch (observation.kind) {
    case 'hex':
      if (code === ABSENT) return '(absent)';
      return code < 0 ? `${(-code).toString(16).slice(1)}…` : code.toString(16).slice(1);
    case 'layout':
      return code === ABSENT ? '(the only layout)' : LAYOUT_NAMES[code]!;
    case 'variant':
      return code === ABSENT ? "(the document's)" : VARIANT_NAMES[code]!;
    case 'seq-plus': {
      if (code === ABSENT) return '(absent)';
      const value = Math.floor(code / 0x10000);
      return `${value} (SEQ_NUM ${code % 0x10000})`;
    }
  }
}

/** What the signature declares, as text. */
export function declaredText(observation: Observation): string {
  switch (observation.kind) {
    case 'hex':
      return observation.hex;
    case 'layout':
      return observation.layout;
    case 'variant':
      return observation.variant;
    case 'seq-plus':
      return `SEQ_NUM + ${observation.offset}`;
  }
}

/** The name of what is observed: the field (and which of its bytes), or `layout` / `variant`. */
export function observedField(observation: Observation): string {
  switch (observation.kind) {
    case 'hex':
      return observation.bytes ? `${observation.field} bytes ${observation.bytes[0]}-${observation.bytes[1] - 1}` : observation.field;
    case 'seq-plus':
      return observation.field;
    default:
      return observation.kind;
  }
}
