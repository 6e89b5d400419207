import type { Pdu } from '../dissect/pdu.js';
import { ACK_RULE } from '../protocol/pairing.js';
import type { SessionSummary } from '../analysis/session-summary.js';

/** What the sequence diagrams (ladder, Mermaid) write on an arrow, and which way it points. */

export interface FlowArrow {
  label: string;
  /** From the session's client (TCP: the side that spoke first) to its server / peer. */
  toServer: boolean;
  /** An ACK: drawn dotted. */
  ack: boolean;
}

export function flowArrow(session: SessionSummary, pdu: Pdu): FlowArrow {
  const name = pdu.command?.name ?? (pdu.command ? `0x${pdu.command.code.toString(16).padStart(4, '0')}` : '?');
  return {
    label: pdu.seq === null ? name : `${name} seq ${pdu.seq}`,
    toServer: pdu.src === session.client,
    ack: pdu.command?.name === ACK_RULE.ack,
  };
}

/** Warnings and errors of a PDU (its own and the analysis's): what a diagram reader should not miss. */
export function problems(pdu: Pdu): string[] {
  return pdu.notes.filter((note) => note.severity !== 'note').map((note) => note.message);
}

export function sessionTitle(session: SessionSummary): string {
  const transport = session.stream === undefined ? session.transport.toUpperCase() : `TCP stream ${session.stream}`;
  return `Session ${session.id}: ${transport}, UIN ${session.uin ?? 'unknown'}`;
}
