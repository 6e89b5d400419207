/** What a test on the samples found: the kinds of issue 11, each with how many samples fit and how many not. */
export type PatternKind =
  | 'constant'
  | 'enum'
  | 'counter'
  | 'length'
  | 'host-address'
  | 'port'
  | 'uin'
  | 'session-id'
  | 'echo'
  | 'timestamp'
  | 'flags'
  | 'string'
  | 'random'
  | 'insufficient';

export interface Pattern {
  kind: PatternKind;
  detail: string;
  support: number;
  against: number;
}

/** Fewer samples than this say nothing: "two samples are insufficient, never a pattern". */
export const MIN_SAMPLES = 3;
/** A relation holds when at least this share of the samples fit it. */
export const MIN_SHARE = 0.8;

export const holds = (p: Pattern): boolean => p.support >= MIN_SAMPLES && p.support >= MIN_SHARE * (p.support + p.against);

/** A bounded tally of labels or numbers (which relation, which step): the study keeps counts, never samples. */
export class Tally<K extends string | number = string> {
  private readonly counts = new Map<K, number>();
  constructor(private readonly cap = 32) {}

  add(label: K): void {
    const known = this.counts.get(label);
    if (known !== undefined) this.counts.set(label, known + 1);
    else if (this.counts.size < this.cap) this.counts.set(label, 1);
  }

  best(): [label: K, count: number] | undefined {
    let best: [K, number] | undefined;
    for (const entry of this.counts) if (!best || entry[1] > best[1]) best = entry;
    return best;
  }
}
