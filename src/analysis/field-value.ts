import type { Field, Pdu } from '../dissect/pdu.js';
import { findFields } from './filter-values.js';

/** The first field called `name`, in wire order, nested groups included (depth first). */
export function findField(pdu: Pdu, name: string): Field | undefined {
  return findFields(pdu.fields, name)[0];
}

/** The raw value of the first field called `name`, or undefined when the PDU has none. */
export function fieldValue(pdu: Pdu, name: string): Field['value'] | undefined {
  return findField(pdu, name)?.value;
}
