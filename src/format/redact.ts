import type { DissectedPdu, Field } from '../dissect/pdu.js';
import { plainField } from '../dissect/walked-field.js';
import type { CompletingFrame } from '../net/payload.js';

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
  const copy: DissectedPdu = { ...dissected, pdu: { ...dissected.pdu, fields }, bytes };
  if (dissected.completing) copy.completing = maskFrame(dissected.completing, masked);
  return { dissected: copy, masked };
}

/** The completing frame (-x) holds the PDU's bytes from it a second time: masked there too, as a copy. */
function maskFrame(frame: CompletingFrame, masked: readonly ByteRange[]): CompletingFrame {
  const { part } = frame;
  if (part === undefined) return frame;
  const bytes = Buffer.from(frame.bytes);
  for (const range of masked) {
    const start = Math.max(range.start, part.start);
    const end = Math.min(range.end, part.end);
    if (start < end) bytes.fill(0x2a, part.at + start - part.start, part.at + end - part.start);
  }
  return { bytes, part };
}
