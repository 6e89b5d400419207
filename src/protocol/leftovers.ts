import type { FieldSpec } from './types.js';

/**
 * Fields for bytes no command table describes, so that every byte is still shown: the dissector and
 * every export (scripts/export) use these same specs.
 */
const leftover = (name: string, description: string, optional: boolean): FieldSpec => ({
  name,
  type: { kind: 'rest' },
  description,
  unknown: true,
  ...(optional ? { optional } : {}),
});

export const UNKNOWN_BODY = leftover('UNKNOWN', 'Body of a command nobody describes', true);
export const NOT_V2_BODY = leftover('PAYLOAD', 'Not decoded: not protocol version 2', true);
export const TOO_SHORT = leftover('PAYLOAD', 'Too short for an ICQ header', true);
export const TRAILING = leftover('TRAILING', 'Bytes after the last field of the layout', false);
