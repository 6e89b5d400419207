/**
 * Which PDUs may still learn something from later traffic: a packet copy not yet acknowledged, an open
 * request, the packet after an open gap, the last packet of an active session. Each is held while open and
 * released when settled; every PDU below the lowest held ordinal has all its analysis and can be shown.
 * Ordinals are held first while their PDU is observed, so the Map's insertion order is ordinal order and
 * its first key is the lowest. Its size is bounded by what the analysis tracks, not by the capture.
 */
export class PendingOrdinals {
  private readonly counts = new Map<number, number>();

  hold(ordinal: number): void {
    this.counts.set(ordinal, (this.counts.get(ordinal) ?? 0) + 1);
  }

  release(ordinal: number): void {
    const count = this.counts.get(ordinal);
    if (count === undefined) return;
    if (count <= 1) this.counts.delete(ordinal);
    else this.counts.set(ordinal, count - 1);
  }

  held(ordinal: number): boolean {
    return this.counts.has(ordinal);
  }

  /** The lowest held ordinal, or undefined when nothing is held. */
  lowest(): number | undefined {
    return this.counts.keys().next().value;
  }
}

/** For an analysis whose results are all kept to the end (nothing is shown before it finishes). */
export const NOTHING_PENDING = { hold(): void {}, release(): void {} } as const satisfies Pick<PendingOrdinals, 'hold' | 'release'>;

export type Pending = Pick<PendingOrdinals, 'hold' | 'release'>;
