import type { Pdu } from '../dissect/pdu.js';
import { ACK_RULE, RESPONSE_RULES } from '../protocol/pairing.js';
import type { GapRange, SessionSummary } from '../analysis/session-summary.js';
import { fieldValue } from '../analysis/field-value.js';
import { commandLabel } from '../analysis/filter-values.js';

/** What the sequence diagrams (ladder, Mermaid) write on an arrow, and which way it points. */

export interface FlowArrow {
  label: string;
  /** From the session's client (TCP: the side that spoke first) to its server / peer. */
  toServer: boolean;
  /** An ACK: drawn dotted. */
  ack: boolean;
}

export function flowArrow(session: SessionSummary, pdu: Pdu): FlowArrow {
  const name = pdu.command ? commandLabel(pdu) : '?';
  return {
    label: `${name}${numberText(pdu)}`,
    toServer: pdu.src === session.client,
    ack: pdu.command?.name === ACK_RULE.ack,
  };
}

/** The PDU's SEQ_NUM; without one (TCP), the key that pairs it with its answer (CHANNEL_MESSAGE's X4). */
function numberText(pdu: Pdu): string {
  if (typeof pdu.seq === 'number') return ` seq ${pdu.seq}`;
  const name = pdu.command?.name ?? '';
  const rule = RESPONSE_RULES.find((r) => r.transport === pdu.transport && [...r.request, ...r.responses].includes(name));
  const key = rule && fieldValue(pdu, rule.key);
  return rule && key !== undefined && key !== null ? ` ${rule.key} ${key}` : '';
}

/** What the two columns are called: a UDP session's client and server, a TCP connection's two peers. */
export function sideNames(session: SessionSummary): [string, string] {
  return session.transport === 'tcp' ? ['peer', 'peer'] : ['client', 'server'];
}

/** Warnings and errors of a PDU (its own and the analysis's): what a diagram reader should not miss. */
export function problems(pdu: Pdu): string[] {
  return pdu.notes.filter((note) => note.severity !== 'note').map((note) => note.message);
}

export function sessionTitle(session: SessionSummary): string {
  const transport = session.stream === undefined ? session.transport.toUpperCase() : `TCP stream ${session.stream}`;
  return `Session ${session.id}: ${transport}, UIN ${session.uin ?? 'unknown'}`;
}

/** "seq 13 not seen", "seq 13-15 not seen": the numbers a gap skipped. */
export function gapText(gap: GapRange): string {
  return `seq ${gap.from === gap.to ? gap.from : `${gap.from}-${gap.to}`} not seen`;
}

/** The session's gaps by the frame that showed each: each drawn once, just before that frame's PDU. */
export class GapsByFrame {
  private readonly byFrame = new Map<number, GapRange[]>();

  constructor(session: SessionSummary) {
    for (const gap of session.gapRanges) this.byFrame.set(gap.frame, [...(this.byFrame.get(gap.frame) ?? []), gap]);
  }

  /** The gaps frame `frame` showed, the first time it is asked. */
  take(frame: number): GapRange[] {
    const gaps = this.byFrame.get(frame) ?? [];
    this.byFrame.delete(frame);
    return gaps;
  }
}
