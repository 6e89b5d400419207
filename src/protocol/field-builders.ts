import type { FieldSpec, WireType } from './types.js';

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
