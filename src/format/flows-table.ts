import type { PerDirection, SessionSummary } from '../analysis/session-summary.js';
import { DIRECTION_LABELS } from '../protocol/directions.js';
import type { Spread } from '../analysis/timing.js';
import type { ClientSoftware } from '../dissect/pdu.js';
import type { Style } from './style.js';
import { wholeTableSlices, type Row } from './whole-table.js';

/** `icq2-dissect flows`: one row per session. Borders never carry colour codes; headings are bold when colour is on. */

/** The packet list's labels: for a TCP session, from the side that sent first (C) and back. */
const TO_SERVER = DIRECTION_LABELS['client-to-server'];
const TO_CLIENT = DIRECTION_LABELS['server-to-client'];

const perDirection = (counts: PerDirection): string => `${counts['client-to-server']}/${counts['server-to-client']}`;

const HEADINGS = [
  '#',
  'Kind',
  'UIN',
  'Client',
  'Server',
  'Software',
  'Start',
  'Duration s',
  `Packets ${TO_SERVER}/${TO_CLIENT}`,
  `Bytes ${TO_SERVER}/${TO_CLIENT}`,
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
    softwareText(s.fingerprint),
    s.start,
    s.duration.toFixed(3),
    perDirection(s.packets),
    perDirection(s.bytes),
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

/** The client software and, when one is named, the confidence: "licq 0.71 (0.86)". */
export function softwareText({ software, confidence }: ClientSoftware): string {
  return confidence > 0 ? `${software} (${confidence.toFixed(2)})` : software;
}

function rttText(rtt: Spread | null): string {
  if (rtt === null) return '';
  return [rtt.min, rtt.median, rtt.max].map((seconds) => (seconds * 1000).toFixed(3)).join('/');
}
