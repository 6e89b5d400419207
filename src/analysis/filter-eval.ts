import type { Pdu } from '../dissect/pdu.js';
import type { CompareOp, FilterNode, Literal } from './filter-parse.js';
import { valuesOf, type Scalar } from './filter-values.js';

/**
 * Wireshark's semantics: a comparison holds when any occurrence of the field satisfies it; "!="
 * holds when the field is present and no occurrence equals the value; an absent field satisfies nothing.
 * Numbers compare numerically, strings as strings; `command` compares by name (aliases too) or by code.
 */

function operands(pdu: Pdu, name: string, literal: Literal): Scalar[] {
  if (name !== 'command' || pdu.command === null) return valuesOf(pdu, name);
  if (literal.kind === 'number') return [pdu.command.code];
  return [...valuesOf(pdu, name), ...(pdu.command.aliases ?? [])];
}

function order(left: Scalar, right: Scalar): number | undefined {
  if (typeof right === 'number') {
    const number = typeof left === 'number' ? left : left.trim() === '' ? NaN : Number(left);
    return Number.isNaN(number) ? undefined : number - right;
  }
  const text = String(left);
  return text === right ? 0 : text < right ? -1 : 1;
}

function holds(value: Scalar, op: CompareOp, literal: Literal): boolean {
  if (literal.kind === 'regex') return literal.value.test(String(value));
  if (op === 'contains') return String(value).includes(String(literal.value));
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
    case 'compare': {
      const values = operands(pdu, node.name, node.literal);
      const any = values.some((value) => holds(value, node.op, node.literal));
      return node.op === '!=' ? values.length > 0 && !any : any;
    }
  }
}
