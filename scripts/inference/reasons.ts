import type { Leaf, Message, Rates } from './score.js';

/**
 * Why a command falls short, computed from its messages: each missed or false boundary and each wrong kind
 * traced to the document field it lies in (a field not aligned to its width, since the study tests only
 * aligned words; a value that never varies, so it runs into its neighbour; too few samples; the fields
 * after the first string, left as REST), most frequent first.
 */

export const TARGET = { precision: 0.9, recall: 0.9, fpr: 0.02 };
const MIN_MESSAGES = 20;
const SHOWN = 3;

/** Precision, recall (of the described part and of the whole body), FPR on target, and every kind right. */
export function meetsTarget(r: Rates): boolean {
  const recalls = [r.recall, r.recallWhole].every((x) => (x ?? 1) > TARGET.recall);
  return (r.precision ?? 1) > TARGET.precision && recalls && (r.fpr ?? 0) < TARGET.fpr && (r.kinds ?? 1) === 1;
}

const within = (leaves: readonly Leaf[], offset: number) => leaves.find((l) => l.offset <= offset && offset < l.offset + l.length);
const misaligned = (l: Leaf) => !l.part && l.length > 1 && l.offset % Math.min(l.length, 4) !== 0;

/** The field a wrong boundary at `offset` belongs to, and what went wrong there. */
function boundaryReason(m: Message, offset: number, missed: boolean): string {
  const field = missed ? m.truth.find((l) => l.offset === offset)! : within(m.truth, offset)!;
  if (misaligned(field)) return `${field.name} misaligned (${field.length} bytes at ${field.offset})`;
  const word = within(m.proposed, offset);
  if (missed && word?.kind === 'constant') return `${field.name} never varies (one constant with the field before)`;
  return missed ? `${field.name} inside a ${word?.kind ?? 'unread'} word` : `${field.name} split`;
}

export function reasonsOf(messages: readonly Message[], expected: Readonly<Record<string, readonly string[]>>, read: number): string[] {
  const tally = new Map<string, number>();
  const count = (reason: string) => tally.set(reason, (tally.get(reason) ?? 0) + 1);
  if (messages.length < MIN_MESSAGES) count(`too few samples (${messages.length} PDUs)`);
  if (read < messages.length) count(`the proposal reads ${read} of ${messages.length} PDUs`);
  for (const m of messages) {
    const end = Math.min(m.described, m.length - 1);
    const truth = new Set(m.truth.map((l) => l.offset));
    const proposed = new Set(m.proposed.map((l) => l.offset));
    for (const o of truth) if (o > 0 && o <= end && !proposed.has(o)) count(boundaryReason(m, o, true));
    for (const o of proposed) if (o > 0 && o <= end && !truth.has(o)) count(boundaryReason(m, o, false));
    if (m.truth.some((l) => l.offset > m.described)) count('the fields after the first string left as one REST field');
    for (const field of m.truth) {
      if (field.part || field.offset >= m.described || misaligned(field)) continue;
      const kind = m.proposed.find((l) => l.offset === field.offset && !l.part)?.kind;
      if (!(expected[field.name] ?? []).includes(kind ?? '')) count(`${field.name} found ${kind ?? 'no field'} (expected ${(expected[field.name] ?? ['?']).join(' or ')})`);
    }
  }
  return [...tally].sort((a, b) => b[1] - a[1]).slice(0, SHOWN).map(([reason]) => reason);
}
