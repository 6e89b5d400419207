import type { DissectedPdu } from '../dissect/pdu.js';
import type { SessionSummary } from '../analysis/session-summary.js';
import { flowArrow, GapsByFrame, gapText, problems, sessionTitle, sideNames } from './flow-label.js';

/** A Mermaid `sequenceDiagram` of one session: ACKs dotted, warnings as notes over both sides, a gap as a note over the side that skipped. */

export class MermaidDiagram {
  private readonly gaps: GapsByFrame;

  constructor(private readonly session: SessionSummary) {
    this.gaps = new GapsByFrame(session);
  }

  header(): string[] {
    const { client, server, uin } = this.session;
    const [left, right] = sideNames(this.session);
    return [
      'sequenceDiagram',
      `    title ${sessionTitle(this.session)}`,
      `    participant C as ${left} ${client}${uin === null ? '' : ` (UIN ${uin})`}`,
      `    participant S as ${right} ${server}`,
    ];
  }

  lines(d: DissectedPdu): string[] {
    const arrow = flowArrow(this.session, d.pdu);
    const [from, to] = arrow.toServer ? ['C', 'S'] : ['S', 'C'];
    const lines = this.gaps.take(d.pdu.frame).map((gap) => `    Note over ${gap.side === 'client' ? 'C' : 'S'}: gap: ${gapText(gap)}`);
    lines.push(`    ${from}${arrow.ack ? '-->>' : '->>'}${to}: ${text(arrow.label)} (frame ${d.pdu.frame})`);
    for (const problem of problems(d.pdu)) lines.push(`    Note over C,S: ${text(problem)}`);
    return lines;
  }
}

export function formatMermaid(session: SessionSummary, pdus: Iterable<DissectedPdu>): string {
  const diagram = new MermaidDiagram(session);
  const lines = diagram.header();
  for (const d of pdus) lines.push(...diagram.lines(d));
  return lines.join('\n') + '\n';
}

/** Mermaid reads `;` as a line break and `#...;` as an entity: write both as entities. */
function text(value: string): string {
  return value.replace(/[#;]/g, (c) => (c === '#' ? '#35;' : '#59;'));
}
