import type { DissectedPdu } from '../dissect/pdu.js';
import { FrameFeed } from './frame-feed.js';
import type { Statistic, StatisticResult } from './statistic.js';

/** The -z statistics of one run, in the order given, fed the same PDUs and frames. */
export class StatisticsRun {
  /** Give `frames.take` to the capture reader (src/dissect/dissect-capture.ts `onFrames`). */
  readonly frames = new FrameFeed();
  private readonly statistics: Statistic[] = [];

  add(statistic: Statistic): void {
    this.statistics.push(statistic);
  }

  get needsAnalysis(): boolean {
    return this.statistics.some((statistic) => statistic.needsAnalysis);
  }

  /** Every PDU read, in capture order, with its analysis when a statistic needs it. */
  see(d: DissectedPdu): void {
    this.frames.reach(d.pdu.frame);
    for (const statistic of this.statistics) statistic.see(d);
  }

  /** The results, once; `readToEnd` false when the run stopped early (-c): frames after its last PDU do not count. */
  results(readToEnd: boolean): StatisticResult[] {
    if (readToEnd) this.frames.reachEnd();
    return this.statistics.map((statistic) => statistic.result());
  }
}
