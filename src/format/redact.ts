import type { DissectedPdu, Field } from '../dissect/pdu.js';
import { plainField } from '../dissect/walked-field.js';

/** --redact: secrets that travel in clear text, masked in every output (value, display, hex, dump bytes). */
export const SECRET_FIELDS: readonly string[] = ['PASSWORD', 'NEW_PASSWORD'];

export const MASK = '********';

/** A byte range [start, end) of the PDU whose bytes the hex dump must not show. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface Redacted {
  dissected: DissectedPdu;
  masked: ByteRange[];
}

function maskFields(fields: readonly Field[], masked: ByteRange[]): Field[] {
  return fields.map((field) => {
    if (SECRET_FIELDS.includes(field.name)) {
      masked.push({ start: field.offset, end: field.offset + field.length });
      return { ...plainField(field), value: MASK, display: MASK, hex: '*'.repeat(field.hex.length) };
    }
    return field.fields ? { ...plainField(field), fields: maskFields(field.fields, masked) } : field;
  });
}

/** A copy of the PDU with the secret fields masked; the bytes are masked too, so nothing downstream can leak them. */
export function redact(dissected: DissectedPdu): Redacted {
  const masked: ByteRange[] = [];
  const fields = maskFields(dissected.pdu.fields, masked);
  if (masked.length === 0) return { dissected, masked };
  const bytes = Buffer.from(dissected.bytes);
  for (const range of masked) bytes.fill(0x2a, range.start, Math.min(range.end, bytes.length));
  return { dissected: { ...dissected, pdu: { ...dissected.pdu, fields }, bytes }, masked };
}
