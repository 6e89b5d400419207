import type { Pdu } from '../dissect/pdu.js';
import { REQUEST_NUMBERS } from '../protocol/pairing.js';
import { fieldValue } from './field-value.js';

/** Where a side spent a number on a request number: the declaration (index of REQUEST_NUMBERS) and the frame. */
export interface Spending {
  declared: number;
  frame: number;
}

/** Indexes of REQUEST_NUMBERS by command name: most PDUs carry none, and are told so by one look-up. */
const BY_COMMAND = new Map<string, number[]>();
REQUEST_NUMBERS.forEach(({ command }, index) => BY_COMMAND.set(command, [...(BY_COMMAND.get(command) ?? []), index]));

/** The request numbers (REQUEST_NUMBERS) a PDU carries: the declaration's index and the value. */
export function requestNumbersOf(pdu: Pdu): { declared: number; value: number }[] {
  const indexes = BY_COMMAND.get(pdu.command?.name ?? '');
  if (indexes === undefined) return [];
  const found: { declared: number; value: number }[] = [];
  for (const index of indexes) {
    const declared = REQUEST_NUMBERS[index]!;
    const value = declared.direction === pdu.direction ? fieldValue(pdu, declared.field) : undefined;
    if (typeof value === 'number') found.push({ declared: index, value });
  }
  return found;
}

/**
 * The numbers one side spent on its request numbers (unwrapped like its SEQ_NUMs), the most recent `cap`
 * only, so a SEQ_NUM it skipped can be told from one it lost.
 */
export class SpentNumbers {
  private readonly numbers = new Map<number, Spending>();

  constructor(private readonly cap: number) {}

  /** The first spending of a number is kept (a retransmitted request spends it again). */
  spend(number: number, spending: Spending): void {
    if (this.numbers.has(number)) return;
    this.numbers.set(number, spending);
    if (this.numbers.size > this.cap) this.numbers.delete(this.numbers.keys().next().value!);
  }

  /** The spent numbers from..to, in ascending order. */
  within(from: number, to: number): [number, Spending][] {
    return [...this.numbers].filter(([number]) => from <= number && number <= to).sort((a, b) => a[0] - b[0]);
  }

  clear(): void {
    this.numbers.clear();
  }
}
