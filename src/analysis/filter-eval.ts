import type { Pdu } from '../dissect/pdu.js';
import { bytesReading, parseIpv4, textReading, type Literal } from './filter-literal.js';
import type { CompareOp, FilterNode, SetMember, Subject } from './filter-parse.js';
import { fieldsOf, isKeyName, RANKED_VALUES, valuesOf, type Scalar } from './filter-values.js';

/**
 * Wireshark's semantics: a comparison holds when any occurrence of the field satisfies it; "!="
 * holds when the field is present and no occurrence equals the value; an absent field satisfies nothing.
 * Each occurrence is compared as its type reads the literal: integers as numbers, text as text, raw bytes
 * as bytes (`contains` at byte boundaries), addresses as addresses (a CIDR block matches the addresses in
 * it); a byte string compares with the raw bytes whatever the field's type. `command` compares by name
 * (aliases too) or by code.
 */

/** One value of a field: typed as the JSON's `value` (null for raw bytes, which have none), with its raw bytes when it is a protocol field. */
interface Occurrence {
  value: number | string | null;
  hex?: string;
}

function occurrences(pdu: Pdu, test: Subject, literal?: Literal): Occurrence[] {
  const scalars = (values: Scalar[]) => values.map((value) => ({ value }));
  if (test.read) return scalars(test.read(pdu));
  if (test.name === 'command' && pdu.command !== null) {
    return scalars(literal?.kind === 'number' ? [pdu.command.code] : [...valuesOf(pdu, 'command'), ...(pdu.command.aliases ?? [])]);
  }
  if (isKeyName(test.name)) return scalars(valuesOf(pdu, test.name));
  // Protocol fields keep their raw bytes; a `.hex` name's value is their text.
  const hexText = test.name.endsWith('.hex');
  return fieldsOf(pdu, test.name).map((field) => ({ value: hexText ? field.hex : (field.value ?? null), hex: field.hex }));
}

const sign = (difference: number): number => Math.sign(difference);
const textOrder = (left: string, right: string): number => (left === right ? 0 : left < right ? -1 : 1);

/** An address against an address or CIDR block: 0 inside the block, else the order of the addresses. */
function addressOrder(address: number, literal: Literal & { kind: 'ip' }): number {
  const { address: other, prefix } = literal.value;
  const block = 2 ** (32 - prefix);
  return Math.floor(address / block) === Math.floor(other / block) ? 0 : sign(address - other);
}

/** The occurrence's order against the literal (negative, 0, positive), or undefined when they cannot be compared. */
function order(occurrence: Occurrence, literal: Literal): number | undefined {
  const { value, hex } = occurrence;
  if (literal.kind === 'bytes') return hex === undefined ? undefined : textOrder(hex, literal.value);
  if (value === null) {
    const bytes = bytesReading(literal);
    return bytes === undefined || hex === undefined ? undefined : textOrder(hex, bytes);
  }
  if (typeof value === 'number') {
    if (literal.kind === 'number') return sign(value - literal.value);
    return literal.kind === 'string' ? textOrder(String(value), literal.value) : undefined;
  }
  switch (literal.kind) {
    case 'ip': {
      const address = parseIpv4(value);
      return address === undefined ? undefined : addressOrder(address, literal);
    }
    case 'number': {
      const number = value.trim() === '' ? NaN : Number(value);
      return Number.isNaN(number) ? undefined : sign(number - literal.value);
    }
    case 'string':
      return textOrder(value, literal.value);
    default:
      return undefined;
  }
}

/** `needle` at a byte boundary of `hex` (both hex text): "c602" is in "4cc602", not in "4c6020". */
function containsBytes(hex: string, needle: string): boolean {
  for (let at = hex.indexOf(needle); at !== -1; at = hex.indexOf(needle, at + 1)) if (at % 2 === 0) return true;
  return false;
}

/** Integers and addresses hold no text or bytes to look into (the parser refuses a name that has only those). */
function contains({ value, hex }: Occurrence, literal: Literal): boolean {
  if (typeof value === 'number') return false;
  if (value === null || literal.kind === 'bytes') {
    const bytes = bytesReading(literal);
    return bytes !== undefined && hex !== undefined && containsBytes(hex, bytes);
  }
  const text = textReading(literal);
  return text !== undefined && value.includes(text);
}

/** A regular expression tests text, and raw bytes as the characters of their byte values (as Wireshark's). */
function matches({ value, hex }: Occurrence, regex: RegExp): boolean {
  if (typeof value === 'number') return false;
  return regex.test(value ?? Buffer.from(hex ?? '', 'hex').toString('latin1'));
}

function holds(occurrence: Occurrence, op: CompareOp, literal: Literal): boolean {
  if (literal.kind === 'regex') return matches(occurrence, literal.value);
  if (op === 'contains') return contains(occurrence, literal);
  const diff = order(occurrence, literal);
  if (diff === undefined) return false;
  switch (op) {
    case '==':
    case '!=':
      return diff === 0;
    case '<':
      return diff < 0;
    case '<=':
      return diff <= 0;
    case '>':
      return diff > 0;
    default:
      return diff >= 0;
  }
}

/** A name whose text values have an order (expert.severity) compares by rank: the literal's and each value's. */
function ranked(name: string, op: CompareOp, literal: Literal): { literal: Literal; rank?: (occurrence: Occurrence) => Occurrence } {
  const ranks = RANKED_VALUES[name];
  if (ranks === undefined || op === 'contains' || literal.kind !== 'string' || !ranks.includes(literal.value)) return { literal };
  const rank = ranks.indexOf(literal.value);
  return { literal: { kind: 'number', value: rank, text: String(rank) }, rank: ({ value }) => ({ value: ranks.indexOf(String(value)) }) };
}

/** A member of `in {...}`: one value, or a range both ends of which the same occurrence must meet. */
function isMember(pdu: Pdu, test: Subject, { low, high }: SetMember): boolean {
  return occurrences(pdu, test, low).some((occurrence) => (high === undefined ? holds(occurrence, '==', low) : holds(occurrence, '>=', low) && holds(occurrence, '<=', high)));
}

export function evaluateFilter(node: FilterNode, pdu: Pdu): boolean {
  switch (node.kind) {
    case 'and':
      return evaluateFilter(node.left, pdu) && evaluateFilter(node.right, pdu);
    case 'or':
      return evaluateFilter(node.left, pdu) || evaluateFilter(node.right, pdu);
    case 'not':
      return !evaluateFilter(node.operand, pdu);
    case 'exists':
      return occurrences(pdu, node).length > 0;
    case 'mask':
      // JavaScript's & works on 32 bits, as wide as ICQ's integers: a negative i32 ANDs as its two's complement.
      return occurrences(pdu, node).some(({ value }) => typeof value === 'number' && (value & node.mask) !== 0);
    case 'in':
      return node.members.some((member) => isMember(pdu, node, member));
    case 'compare': {
      const { literal, rank } = ranked(node.name, node.op, node.literal);
      const found = occurrences(pdu, node, literal);
      const values = rank ? found.map(rank) : found;
      const any = values.some((occurrence) => holds(occurrence, node.op, literal));
      return node.op === '!=' ? values.length > 0 && !any : any;
    }
  }
}
