import type { SessionSummary } from '../analysis/session-summary.js';
import type { Spread } from '../analysis/timing.js';
import type { Style } from './style.js';
import { wholeTableSlices, type Row } from './whole-table.js';

/** `icq2-dissect flows`: one row per session. Borders never carry colour codes; headings are bold when colour is on. */

const HEADINGS = [
  '#',
  'Kind',
  'UIN',
  'Client',
  'Server',
  'Start',
  'Duration s',
  'Packets c>s/s>c',
  'Bytes c>s/s>c',
  'Retrans',
  'Gaps',
  'Unacked',
  'Stray ACKs',
  'ACK RTT ms min/med/max',
  'Logins',
  'Msgs sent/recv',
  'Final status',
];

export function formatFlowsTable(sessions: readonly SessionSummary[], style: Style): string {
  return [...flowsTableSlices(sessions, style)].join('');
}

/** The same table in pieces, for writing as it is drawn. */
export function flowsTableSlices(sessions: readonly SessionSummary[], style: Style): Generator<string> {
  return wholeTableSlices(HEADINGS.map((heading) => style.bold(heading)), sessions.length, (i) => flowsRow(sessions[i]!));
}

function flowsRow(s: SessionSummary): Row {
  return [
    s.id,
    s.stream === undefined ? s.transport : `${s.transport} ${s.stream}`,
    s.uin ?? '',
    s.client,
    s.server,
    s.start,
    s.duration.toFixed(3),
    `${s.packets.clientToServer}/${s.packets.serverToClient}`,
    `${s.bytes.clientToServer}/${s.bytes.serverToClient}`,
    s.retransmissions,
    s.gaps,
    s.unacknowledged,
    s.strayAcks,
    rttText(s.ackRtt),
    s.logins,
    `${s.messages.sent}/${s.messages.received}`,
    s.finalStatus?.display ?? '',
  ];
}

function rttText(rtt: Spread | null): string {
  if (rtt === null) return '';
  return [rtt.min, rtt.median, rtt.max].map((seconds) => (seconds * 1000).toFixed(3)).join('/');
}
