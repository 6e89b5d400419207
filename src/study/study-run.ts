import type { DissectedPdu } from '../dissect/pdu.js';
import { evaluateFilter } from '../analysis/filter-eval.js';
import type { FilterNode } from '../analysis/filter-parse.js';
import { SequenceAnalyzer, type SettledSession } from '../analysis/sequence-analyzer.js';
import type { FieldReport } from './field-study.js';
import { SenderIds } from './sender-ids.js';
import { BUILTIN_REGISTRY, type CommandRegistry } from '../protocol/registry.js';
import type { LayoutEntry } from '../protocol/layout-file.js';
import { proposeLayouts } from './propose.js';
import { Study, type Hypothesis, type StudyOptions } from './study.js';


/**
 * The study over captures one after the other: one pass over each (the analysis pairs each PDU with what
 * it answers as it is read), every PDU the filter keeps goes into one Study; at the end of each capture
 * the sessions' fingerprints name the software of its senders.
 */
export class StudyRun {
  private readonly study: Study;
  private readonly senders = new SenderIds();
  /** By sender number: the software its session's fingerprint named. */
  private readonly software = new Map<number, string>();

  constructor(options: StudyOptions, registry: CommandRegistry = BUILTIN_REGISTRY, private readonly filter?: FilterNode) {
    this.study = new Study(options, registry);
  }

  /** One capture's PDUs; a damaged capture's error is thrown after what was read is studied. */
  async addCapture(batches: AsyncIterable<readonly DissectedPdu[]>): Promise<void> {
    this.study.nextCapture();
    // Only each session's software is kept of its summary, as it is settled.
    const softwareOfSession = new Map<number, string>();
    const onSettled = (s: SettledSession) => softwareOfSession.set(s.id, s.software().software);
    const analyzer = new SequenceAnalyzer({}, { keep: 'current', figures: false, onSettled });
    // Each sender's first session: the one its software is named by.
    const sessionOf = new Map<number, number>();
    try {
      for await (const batch of batches) {
        for (const d of batch) {
          const ordinal = analyzer.observe(d);
          // What the PDU learnt at once (what it answers): read only by a filter and by PDUs with unknown fields.
          const annotate = () => analyzer.annotate(d, ordinal);
          const sender = this.senders.idOf(d.pdu);
          if (sender >= 0 && !sessionOf.has(sender)) {
            const session = analyzer.sessionOf(ordinal);
            if (session !== undefined) sessionOf.set(sender, session);
          }
          if (this.filter !== undefined) {
            annotate();
            if (evaluateFilter(this.filter, d.pdu)) this.study.add(d, sender);
          } else this.study.add(d, sender, annotate);
        }
      }
    } finally {
      analyzer.finish();
      for (const [sender, id] of sessionOf) {
        const name = softwareOfSession.get(id);
        if (name !== undefined && name !== 'unknown' && !this.software.has(sender)) this.software.set(sender, name);
      }
    }
  }

  reports(): FieldReport[] {
    return this.study.reports((id) => {
      const software = this.software.get(id);
      return { sender: this.senders.nameOf(id), ...(software ? { software } : {}) };
    });
  }

  /** A proposed layout for each undescribed body (unknowns --propose). */
  proposals(): LayoutEntry[] {
    return proposeLayouts(this.reports(), this.study.runExtents());
  }

  hypotheses(): Hypothesis[] {
    return this.study.hypothesisReports();
  }
}
