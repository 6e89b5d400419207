import type { Pdu } from '../dissect/pdu.js';
import type { CompareOp, FilterNode, Literal } from './filter-parse.js';
import { bytesOf, RANKED_VALUES, valuesOf, type Scalar } from './filter-values.js';

/**
 * Wireshark's semantics: a comparison holds when any occurrence of the field satisfies it; "!="
 * holds when the field is present and no occurrence equals the value; an absent field satisfies nothing.
 * Numbers compare numerically, strings as strings; `command` compares by name (aliases too) or by code.
 * A byte string compares with the raw bytes (their hex) whatever the field's type, `contains` byte-aligned.
 */

function operands(pdu: Pdu, name: string, literal: Literal): Scalar[] {
  if (literal.kind === 'bytes') return bytesOf(pdu, name);
  if (name !== 'command' || pdu.command === null) return valuesOf(pdu, name);
  if (literal.kind === 'number') return [pdu.command.code];
  return [...valuesOf(pdu, name), ...(pdu.command.aliases ?? [])];
}

/** A name whose text values have an order (expert.severity) compares and orders by rank: the literal's and each value's. */
function ranked(name: string, op: CompareOp, literal: Literal): { literal: Literal; rank?: (value: Scalar) => number } {
  const ranks = RANKED_VALUES[name];
  if (ranks === undefined || op === 'contains' || literal.kind !== 'string' || !ranks.includes(literal.value)) return { literal };
  return { literal: { kind: 'number', value: ranks.indexOf(literal.value) }, rank: (value) => ranks.indexOf(String(value)) };
}

function order(left: Scalar, right: Scalar): number | undefined {
  if (typeof right === 'number') {
    const number = typeof left === 'number' ? left : left.trim() === '' ? NaN : Number(left);
    return Number.isNaN(number) ? undefined : number - right;
  }
  const text = String(left);
  return text === right ? 0 : text < right ? -1 : 1;
}

/** `needle` at a byte boundary of `hex` (both hex text): "c602" is in "4cc602", not in "4c6020". */
function containsBytes(hex: string, needle: string): boolean {
  for (let at = hex.indexOf(needle); at !== -1; at = hex.indexOf(needle, at + 1)) if (at % 2 === 0) return true;
  return false;
}

function holds(value: Scalar, op: CompareOp, literal: Literal): boolean {
  if (literal.kind === 'regex') return literal.value.test(String(value));
  if (op === 'contains') return literal.kind === 'bytes' ? containsBytes(String(value), literal.value) : String(value).includes(String(literal.value));
  const diff = order(value, literal.value);
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

export function evaluateFilter(node: FilterNode, pdu: Pdu): boolean {
  switch (node.kind) {
    case 'and':
      return evaluateFilter(node.left, pdu) && evaluateFilter(node.right, pdu);
    case 'or':
      return evaluateFilter(node.left, pdu) || evaluateFilter(node.right, pdu);
    case 'not':
      return !evaluateFilter(node.operand, pdu);
    case 'exists':
      return valuesOf(pdu, node.name).length > 0;
    case 'mask':
      // JavaScript's & works on 32 bits, as wide as ICQ's integers: a negative i32 ANDs as its two's complement.
      return valuesOf(pdu, node.name).some((value) => typeof value === 'number' && (value & node.mask) !== 0);
    case 'compare': {
      const { literal, rank } = ranked(node.name, node.op, node.literal);
      const found = operands(pdu, node.name, literal);
      const values = rank ? found.map(rank) : found;
      const any = values.some((value) => holds(value, node.op, literal));
      return node.op === '!=' ? values.length > 0 && !any : any;
    }
  }
}
