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
export const NOT_ICQ_BODY = leftover('PAYLOAD', 'Not ICQ: its VERSION is no ICQ version (another protocol on an ICQ port)', true);
export const TRAILING = leftover('TRAILING', 'Bytes after the last field of the layout', false);

/** Bytes no table describes in any PDU: the body of a code nobody names, a packet not decoded. */
export const ANY_PDU_LEFTOVERS: readonly FieldSpec[] = [UNKNOWN_BODY, NOT_V2_BODY, TOO_SHORT, NOT_ICQ_BODY];

/** What the walk names around the parts of a message (src/dissect/walk.ts): the FE between two parts, the NUL after the last. */
export const PART_SEPARATOR: FieldSpec = { name: 'SEPARATOR', type: { kind: 'u8' }, description: 'Part separator FE' };
export const PART_END: FieldSpec = { name: 'NUL', type: { kind: 'u8' }, description: 'String terminator' };
export const PART_MARKS: readonly FieldSpec[] = [PART_SEPARATOR, PART_END];

/** How the parts of a message read as one text, value and display alike, in every output and the Lua export. */
export const PART_JOIN = ' | ';

/** Whether a field of these specs (nested ones too) is split into parts, so its PDUs carry PART_MARKS. */
export const hasParts = (specs: readonly FieldSpec[]): boolean =>
  specs.some((spec) => spec.parts !== undefined || ((spec.type.kind === 'repeat' || spec.type.kind === 'group') && hasParts(spec.type.fields)));
