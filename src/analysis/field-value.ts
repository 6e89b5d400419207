import type { Field, Pdu } from '../dissect/pdu.js';

/** The first field called `name`, in wire order, nested groups included (depth first). */
export function findField(pdu: Pdu, name: string): Field | undefined {
  return search(pdu.fields, name);
}

/** The raw value of the first field called `name`, or undefined when the PDU has none. */
export function fieldValue(pdu: Pdu, name: string): Field['value'] | undefined {
  return findField(pdu, name)?.value;
}

function search(fields: readonly Field[], name: string): Field | undefined {
  for (const field of fields) {
    if (field.name === name) return field;
    const inner = field.fields ? search(field.fields, name) : undefined;
    if (inner) return inner;
  }
  return undefined;
}
