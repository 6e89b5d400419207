import type { Field } from '../../src/dissect/pdu.js';

/**
 * The fuzz harness's coverage rule for a PDU as the full tree shows it (-T json): every byte of the PDU
 * lies in exactly one leaf field, each leaf's hex is as long as the field, and a field with parts is
 * exactly its parts (their hex joined is its hex, their bytes are its bytes). Returns the first breach.
 */
export function coverageBreach(fields: readonly Field[], length: number): string | undefined {
  const owners = new Uint8Array(length);
  const visit = (field: Field): string | undefined => {
    if (field.offset < 0 || field.length < 0 || field.offset + field.length > length) return `${field.name} [${field.offset}, +${field.length}) lies outside the PDU's ${length} bytes`;
    if (field.hex.length !== 2 * field.length) return `${field.name} has ${field.hex.length / 2} hex bytes for length ${field.length}`;
    const parts = field.fields ?? [];
    if (parts.length === 0) {
      for (let i = field.offset; i < field.offset + field.length; i++) owners[i]! += 1;
      return undefined;
    }
    if (parts.map((p) => p.hex).join('') !== field.hex) return `${field.name}'s parts are not its bytes`;
    for (const part of parts) {
      if (part.offset < field.offset || part.offset + part.length > field.offset + field.length) return `${part.name} lies outside its parent ${field.name}`;
      const breach = visit(part);
      if (breach) return breach;
    }
    return undefined;
  };
  for (const field of fields) {
    const breach = visit(field);
    if (breach) return breach;
  }
  const wrong = owners.findIndex((n) => n !== 1);
  return wrong === -1 ? undefined : `byte ${wrong} is in ${owners[wrong]} leaf fields`;
}
