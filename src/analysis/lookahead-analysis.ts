import { CaptureError } from '../capture/record.js';
import type { DissectedPdu } from '../dissect/pdu.js';
import { SequenceAnalyzer, type AnalysisCapped, type AnalyzerLimits } from './sequence-analyzer.js';

/** What a read of the reader ahead gave: a batch, the end of the capture, or its error. */
type Step = { batch: readonly DissectedPdu[] } | { done: true } | { error: unknown };

/** `promise`'s value, or undefined once the clock passed `deadline` (ms since the epoch) first. */
async function withDeadline<T>(promise: Promise<T>, deadline: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, Math.max(0, deadline - Date.now()), undefined)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * PDUs the reader ahead may run past the one shown. The shown PDUs wait for their results this long at
 * most (about 300 on the benchmark's mixes): past it, the oldest is shown with what is known, so a
 * hostile capture cannot make the read-ahead hold an unbounded part of itself.
 */
export const MAX_READ_AHEAD = 20_000;

/**
 * The sequence analysis for a pass that shows PDUs as it reads them, in bounded memory: a first reader
 * of the same capture runs only as far ahead as the shown PDU's results need (an ACK, a response, the end
 * of a gap or of the session), keeping the results of the PDUs not shown yet; each shown PDU takes its
 * results from there, so the analysis runs once. `-V -c 1` reads a little past the first PDU, not the
 * whole file, and memory holds the PDUs still waiting for an answer instead of a record per PDU.
 */
export class LookaheadAnalysis {
  private readonly ahead: SequenceAnalyzer;
  private readonly reader: AsyncIterator<readonly DissectedPdu[]>;
  /** Every PDU below this ordinal has all its results in `ahead`. */
  private settled = 0;
  /** The read of the next batch, kept when a PDU stopped waiting for it (a live capture's `settleWithinMs`). */
  private next: Promise<Step> | undefined;
  /** With `settleWithinMs`: when the reader ahead read each PDU not yet shown (Date.now()), by ordinal. */
  private readonly readAt = new Map<number, number>();
  /** PDUs the reader ahead has observed. */
  private observed = 0;
  /** PDUs shown still waiting for a result (an ACK, an answer, their session's end), the reader ahead MAX_READ_AHEAD past them. */
  private shownEarly = 0;

  /**
   * `source`: the same capture's PDUs from a reader of its own (lean depth is enough). `settleWithinMs`,
   * for a live capture, where later packets may be long in coming: a PDU waits at most this long after it
   * was read for the results they bring, and is shown then with what is known.
   */
  constructor(
    source: AsyncIterable<readonly DissectedPdu[]>,
    limits: Partial<AnalyzerLimits> = {},
    private readonly settleWithinMs?: number,
  ) {
    this.ahead = new SequenceAnalyzer(limits, { keep: 'all', trackPending: true, figures: false });
    this.reader = source[Symbol.asyncIterator]();
  }

  /** True when PDU `ordinal` can be annotated now; otherwise `readAhead` first. */
  ready(ordinal: number): boolean {
    return ordinal < this.settled;
  }

  /**
   * Reads ahead until PDU `ordinal` has all its results (or the capture ends, or is damaged: the shown pass
   * reports that), or is MAX_READ_AHEAD behind, or, with `settleWithinMs`, has waited that long.
   */
  async readAhead(ordinal: number): Promise<void> {
    // Once the reader ahead has finished, everything is settled (settledBelow is Infinity).
    while (ordinal >= this.settled) {
      if (this.observed - ordinal >= MAX_READ_AHEAD) {
        if (this.ahead.open(ordinal)) this.shownEarly++;
        return;
      }
      const step = await this.nextStep(ordinal);
      if (step === undefined) return;
      if ('error' in step && !(step.error instanceof CaptureError)) throw step.error;
      if ('batch' in step) for (const d of step.batch) this.observe(d);
      else this.ahead.finish();
      this.settled = this.ahead.settledBelow();
    }
  }

  /** The next batch, its end or its error; undefined when PDU `ordinal` has waited `settleWithinMs` for it. */
  private async nextStep(ordinal: number): Promise<Step | undefined> {
    const step = (this.next ??= this.reader.next().then(
      (result): Step => (result.done ? { done: true } : { batch: result.value }),
      (error: unknown): Step => ({ error }),
    ));
    const waited = this.settleWithinMs === undefined ? await step : await withDeadline(step, (this.readAt.get(ordinal) ?? Date.now()) + this.settleWithinMs);
    if (waited !== undefined) this.next = undefined;
    return waited;
  }

  private observe(d: DissectedPdu): void {
    const ordinal = this.ahead.observe(d);
    this.observed = ordinal + 1;
    if (this.settleWithinMs !== undefined) this.readAt.set(ordinal, Date.now());
  }

  /** Adds `analysis` and the analysis notes to PDU `ordinal` (0-based, in capture order); call when `ready`. */
  annotate(d: DissectedPdu, ordinal: number): void {
    this.ahead.annotate(d, ordinal);
    this.ahead.results.forget(ordinal + 1);
    this.readAt.delete(ordinal);
  }

  /** What the analysis' caps cut short so far. */
  capped(): AnalysisCapped {
    return { sessions: this.ahead.evictedSessions, shownEarly: this.shownEarly };
  }

  /** Results that came for a PDU already shown (the pending bookkeeping missed one); tests keep it 0. */
  get lateResults(): number {
    return this.ahead.results.late;
  }

  /** Stops the reader ahead (the output stopped early: -c, a closed pipe). */
  async close(): Promise<void> {
    await this.reader.return?.(undefined);
  }
}
