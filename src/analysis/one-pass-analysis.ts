import type { DissectedPdu } from '../dissect/pdu.js';
import { SequenceAnalyzer, type AnalysisCapped, type AnalyzerLimits } from './sequence-analyzer.js';

/**
 * The sequence analysis in one pass (tshark without -2): each PDU learns what the PDUs before it tell
 * (a retransmission, its ACK's RTT, a duplicate ACK), none of what later ones would (no ACK, a gap, an
 * answer); nothing is read twice, so standard input, pipes and live captures need no copy.
 */
export class OnePassAnalysis {
  private readonly analyzer: SequenceAnalyzer;

  constructor(limits: Partial<AnalyzerLimits> = {}) {
    this.analyzer = new SequenceAnalyzer(limits, { keep: 'current', figures: false });
  }

  ready(): boolean {
    return true;
  }

  async readAhead(): Promise<void> {}

  /** Adds what the PDUs so far tell to this one, the next in capture order. */
  annotate(d: DissectedPdu): void {
    this.analyzer.annotate(d, this.analyzer.observe(d));
  }

  capped(): AnalysisCapped {
    return { sessions: this.analyzer.evictedSessions, shownEarly: 0 };
  }

  async close(): Promise<void> {}
}
