/**
 * Field-boundary scores as BinaryInferno (NDSS 2023) defines them, counted per message: a boundary is a
 * byte offset inside a body (1 ... length-1) where a field starts; precision = true boundaries found /
 * boundaries proposed, recall = true boundaries found / true boundaries, false-positive rate = false
 * boundaries / offsets that are no boundary. Offset 0 starts every body and is not counted.
 *
 * A proposal's fixed part ends at its first string; what follows is one REST field. What is comparable is
 * the part it describes: offsets up to REST's start (REST starting is a boundary it proposes). The whole
 * body's recall is kept too, so the undescribed tail is not hidden.
 */

/** One field (or the second part of one: a string's text after its LENGTH) in a message, offsets from the body's start. */
export interface Leaf {
  name: string;
  offset: number;
  length: number;
  /** The text of a string: a boundary, but no field of its own (the string is its LENGTH's field). */
  part?: boolean;
  /** A proposal's field: the kind its finding names. */
  kind?: string;
}

export interface Message {
  length: number;
  /** Body bytes the proposal describes: up to its REST field, else the whole body. */
  described: number;
  truth: readonly Leaf[];
  proposed: readonly Leaf[];
}

export interface Counts {
  messages: number;
  truePositives: number;
  proposed: number;
  truth: number;
  /** True boundaries anywhere in the body, the undescribed tail too. */
  truthWhole: number;
  nonBoundaries: number;
  falsePositives: number;
  kindsRight: number;
  /** Document fields in the described part (the kinds scored). */
  fieldsDescribed: number;
  fields: number;
}

export const NO_COUNTS: Counts = { messages: 0, truePositives: 0, proposed: 0, truth: 0, truthWhole: 0, nonBoundaries: 0, falsePositives: 0, kindsRight: 0, fieldsDescribed: 0, fields: 0 };

export function add(a: Counts, b: Counts): Counts {
  const sum = { ...a };
  for (const key of Object.keys(sum) as (keyof Counts)[]) sum[key] += b[key];
  return sum;
}

const boundaries = (leaves: readonly Leaf[], end: number) => new Set(leaves.map((l) => l.offset).filter((o) => o > 0 && o <= end));

/** One message's counts; `expected` names the kinds right for each document field, by name. */
export function scoreMessage(m: Message, expected: Readonly<Record<string, readonly string[]>>): Counts {
  const end = Math.min(m.described, m.length - 1);
  const truth = boundaries(m.truth, end);
  const proposed = boundaries(m.proposed, end);
  const truePositives = [...proposed].filter((o) => truth.has(o)).length;
  const fields = m.truth.filter((l) => !l.part);
  const described = fields.filter((l) => l.offset < m.described);
  const kindAt = new Map(m.proposed.filter((l) => !l.part).map((l) => [l.offset, l.kind]));
  const kindsRight = described.filter((l) => (expected[l.name] ?? []).includes(kindAt.get(l.offset) ?? '')).length;
  return {
    messages: 1,
    truePositives,
    proposed: proposed.size,
    truth: truth.size,
    truthWhole: boundaries(m.truth, m.length - 1).size,
    nonBoundaries: Math.max(end, 0) - truth.size,
    falsePositives: proposed.size - truePositives,
    kindsRight,
    fieldsDescribed: described.length,
    fields: fields.length,
  };
}

export interface Rates {
  precision: number | undefined;
  recall: number | undefined;
  fpr: number | undefined;
  recallWhole: number | undefined;
  kinds: number | undefined;
}

const ratio = (a: number, b: number) => (b === 0 ? undefined : a / b);

export function rates(c: Counts): Rates {
  return {
    precision: ratio(c.truePositives, c.proposed),
    recall: ratio(c.truePositives, c.truth),
    fpr: ratio(c.falsePositives, c.nonBoundaries),
    recallWhole: ratio(c.truePositives, c.truthWhole),
    kinds: ratio(c.kindsRight, c.fieldsDescribed),
  };
}
