import type { Pdu } from '../dissect/pdu.js';
import type { Literal } from './filter-literal.js';
import type { Scalar } from './filter-values.js';

/**
 * What the filter parser knows of the names it meets, so a filter that cannot match is refused, as
 * Wireshark refuses it: the tables' names and types come from src/cli, which knows the registry the
 * capture is read with (and the Info column, which the format stage writes).
 */

/** What a name's values are; a name several tables give different types (X1) has several. */
export type ValueKind = 'number' | 'text' | 'bytes' | 'ip';

export const ALL_KINDS: ReadonlySet<ValueKind> = new Set(['number', 'text', 'bytes', 'ip']);

/** Values read from somewhere other than the PDU's own keys and fields (the Info column). */
export type ValueReader = (pdu: Pdu) => Scalar[];

export interface FilterField {
  /** The name the PDU's values are read by: an alias resolved (`icq2.seq_num` is SEQ_NUM). */
  name: string;
  kinds: ReadonlySet<ValueKind>;
  /** The bits its table names, for `&` (STATUS & DND). */
  bits?: ReadonlyMap<string, number>;
  read?: ValueReader;
  /** Why the field can never equal or order with this value (undefined: it can). */
  check?: (literal: Literal) => string | undefined;
}

/** The field a name (as written in the filter) stands for; undefined when no table has it. */
export type FilterSchema = (name: string) => FilterField | undefined;

/** Every name, any value: for filters over PDUs made in tests, where no table is asked. */
export const ANY_NAME: FilterSchema = (name) => ({ name, kinds: ALL_KINDS });
