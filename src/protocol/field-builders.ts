import type { FieldCheck, FieldSpec, WireType } from './types.js';

/** Short constructors so the command tables read like the document's tables. */

type Extra = Omit<Partial<FieldSpec>, 'name' | 'type' | 'description'>;

const field =
  (type: WireType) =>
  (name: string, description: string, extra: Extra = {}): FieldSpec => ({ name, type, description, ...extra });

export const u8 = field({ kind: 'u8' });
export const u16 = field({ kind: 'u16' });
export const u32 = field({ kind: 'u32' });
export const i32 = field({ kind: 'i32' });
export const ipv4 = field({ kind: 'ipv4' });
export const lstring = field({ kind: 'lstring' });

/** An X-field: unknown purpose, the document's fixed content as hex (or undefined where it gives none). */
export function unknown(name: string, type: WireType, expected: string | undefined, description = '*Unknown'): FieldSpec {
  return expected === undefined
    ? { name, type, description, unknown: true }
    : { name, type, description, unknown: true, expected };
}

export const U8: WireType = { kind: 'u8' };
export const U16: WireType = { kind: 'u16' };
export const U32: WireType = { kind: 'u32' };
export const I32: WireType = { kind: 'i32' };

/** The undescribed remainder of a body: shown byte by byte, never hidden. */
export const UNDESCRIBED: FieldSpec = {
  name: 'UNDESCRIBED',
  type: { kind: 'rest' },
  description: 'Body the document names but does not describe',
  unknown: true,
  optional: true,
};

/** The body of a code only licq sends: nobody describes it. */
export const UNDESCRIBED_LICQ: FieldSpec = { ...UNDESCRIBED, description: 'Body of a code licq 0.71 sends (not in the document); nobody describes it' };

/** A port field's rules: the high half is 0, and the port is not written in network byte order. */
export const PORT_CHECKS: readonly FieldCheck[] = [
  { kind: 'high-half-zero', note: 'mICQ writes the port + 0x10000', source: 'mICQ 0.2.5' },
  {
    kind: 'not-own-port-swapped',
    note: "this packet's own source port: the client seems to write its port in network byte order",
    source: 'document',
  },
];

/** A password's rule: the document says "max 8 chars". */
export const PASSWORD_CHECKS: readonly FieldCheck[] = [
  { kind: 'max-length', max: 8, note: 'the document: "max 8 chars"', source: 'document' },
];
