import { CaptureError } from '../capture/record.js';
import type { DissectedPdu } from '../dissect/pdu.js';
import { SequenceAnalyzer, type AnalyzerLimits } from './sequence-analyzer.js';

/**
 * The sequence analysis for a pass that shows PDUs as it reads them, in bounded memory: a first reader
 * of the same capture runs only as far ahead as the shown PDU's results need (an ACK, a response, the end
 * of a gap or of the session), keeping just what PDUs learn from later ones; what a PDU learns at once is
 * worked out again when it is shown. So `-V -c 1` reads a little past the first PDU, not the whole file,
 * and memory holds the PDUs still waiting for an answer instead of a record per PDU of the capture.
 */
export class LookaheadAnalysis {
  private readonly ahead: SequenceAnalyzer;
  private readonly shown: SequenceAnalyzer;
  private readonly reader: AsyncIterator<readonly DissectedPdu[]>;
  /** Every PDU below this ordinal has all its results in `ahead`. */
  private settled = 0;

  /** `source`: the same capture's PDUs from a reader of its own (lean depth is enough). */
  constructor(source: AsyncIterable<readonly DissectedPdu[]>, limits: Partial<AnalyzerLimits> = {}) {
    this.ahead = new SequenceAnalyzer(limits, { keep: 'forward', trackPending: true, figures: false });
    this.shown = new SequenceAnalyzer(limits, { keep: 'current', figures: false });
    this.reader = source[Symbol.asyncIterator]();
  }

  /** True when PDU `ordinal` can be annotated now; otherwise `readAhead` first. */
  ready(ordinal: number): boolean {
    return ordinal < this.settled;
  }

  /** Reads ahead until PDU `ordinal` has all its results (or the capture ends, or is damaged: the shown pass reports that). */
  async readAhead(ordinal: number): Promise<void> {
    // Once the reader ahead has finished, everything is settled (settledBelow is Infinity).
    while (ordinal >= this.settled) {
      try {
        const next = await this.reader.next();
        if (next.done) this.ahead.finish();
        else for (const d of next.value) this.ahead.observe(d);
      } catch (error) {
        if (!(error instanceof CaptureError)) throw error;
        this.ahead.finish();
      }
      this.settled = this.ahead.settledBelow();
    }
  }

  /** Adds `analysis` and the analysis notes to PDU `ordinal` (0-based, in capture order); call when `ready`. */
  annotate(d: DissectedPdu, ordinal: number): void {
    this.shown.observe(d);
    this.shown.annotate(d, ordinal, this.ahead);
    this.ahead.results.forget(ordinal + 1);
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
