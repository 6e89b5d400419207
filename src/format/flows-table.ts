import type { FlowSummary, PerDirection } from '../analysis/session-summary.js';
import { DIRECTION_LABELS } from '../protocol/directions.js';
import type { Spread } from '../analysis/timing.js';
import type { ClientSoftware } from '../dissect/pdu.js';
import type { Style } from './style.js';
import { alignedTableSlices, COLUMN_GAP, contentWidths, type Row } from './whole-table.js';

/**
 * `icq2-dissect flows`: one row per session, in tshark's plain table look (no box). By default the
 * columns a person reads first; `wide` all of them. On a terminal the table is fitted to its width
 * (FIT_STEPS: endpoints cut from the left, the port kept; columns left out are named under the table).
 * Piped, nothing is cut or left out and no rule is drawn. Headings are bold when colour is on.
 */

/** The packet list's labels: for a TCP session, from the side that sent first (C) and back. */
const BOTH_WAYS = `${DIRECTION_LABELS['client-to-server']}/${DIRECTION_LABELS['server-to-client']}`;

const perDirection = (counts: PerDirection): string => `${counts['client-to-server']}/${counts['server-to-client']}`;

interface Column {
  /** One line, or two (a per-direction count says which way comes first on its second line). */
  heading: readonly [string, string?];
  cell: (s: FlowSummary) => string | number;
  /** Only with --wide. */
  wide?: true;
  /** Narrowest it may be cut to when the terminal is narrow; absent: never cut. */
  min?: number;
  /** Cut from the left (an endpoint keeps its port). */
  keepEnd?: true;
}

const COLUMNS: readonly Column[] = [
  { heading: ['#'], cell: (s) => s.id },
  { heading: ['Proto'], cell: (s) => (s.stream === undefined ? s.transport.toUpperCase() : `TCP ${s.stream}`) },
  { heading: ['Client'], cell: (s) => s.client, min: 12, keepEnd: true },
  { heading: ['Server'], cell: (s) => s.server, min: 12, keepEnd: true },
  { heading: ['UIN'], cell: (s) => s.uin ?? '' },
  { heading: ['Software'], cell: (s) => softwareText(s.fingerprint), min: 8 },
  { heading: ['Start'], cell: (s) => s.start, wide: true },
  { heading: ['Duration', 's'], cell: (s) => s.duration.toFixed(3) },
  { heading: ['PDUs', BOTH_WAYS], cell: (s) => perDirection(s.packets) },
  { heading: ['ICQ bytes', BOTH_WAYS], cell: (s) => perDirection(s.bytes), wide: true },
  { heading: ['Frames', BOTH_WAYS], cell: (s) => perDirection(s.frames) },
  { heading: ['Bytes', BOTH_WAYS], cell: (s) => perDirection(s.frameBytes) },
  { heading: ['Retrans'], cell: (s) => s.retransmissions, wide: true },
  { heading: ['Gaps'], cell: (s) => s.gaps, wide: true },
  { heading: ['Unacked'], cell: (s) => s.unacknowledged, wide: true },
  { heading: ['Stray', 'ACKs'], cell: (s) => s.strayAcks, wide: true },
  { heading: ['ACK RTT ms', 'min/med/max'], cell: (s) => rttText(s.ackRtt), wide: true },
  { heading: ['Logins'], cell: (s) => s.logins, wide: true },
  { heading: ['Msgs', 'sent/recv'], cell: (s) => `${s.messages.sent}/${s.messages.received}`, wide: true },
  { heading: ['Final status'], cell: (s) => s.finalStatus?.display ?? '', wide: true },
  { heading: ['Problems'], cell: problemsText, min: 8 },
];

/** Which columns, and how the table fits its output. */
export interface FlowsLayout {
  wide: boolean;
  /** The terminal's width: fit to it and draw the head's rule; undefined (piped): neither. */
  columns?: number;
}

export function formatFlowsTable(sessions: readonly FlowSummary[], style: Style, layout: FlowsLayout = { wide: false }): string {
  return [...flowsTableSlices(sessions, style, layout)].join('');
}

/** The same table in pieces, for writing as it is drawn. */
export function* flowsTableSlices(sessions: readonly FlowSummary[], style: Style, layout: FlowsLayout): Generator<string> {
  // --wide has every column but Problems, which sums up the ones it adds.
  const chosen = COLUMNS.filter((column) => (layout.wide ? column.heading[0] !== 'Problems' : column.wide !== true));
  const rows = (columns: readonly Column[]) => (i: number): Row => columns.map((column) => column.cell(sessions[i]!));
  const natural = contentWidths(headLines(chosen), sessions.length, rows(chosen));
  const { columns, widths } = layout.columns === undefined || layout.wide ? { columns: chosen, widths: natural } : fit(chosen, natural, layout.columns);
  const cellsAt = rows(columns);
  const cut = (i: number): Row => cellsAt(i).map((cell, c) => (columns[c]!.keepEnd ? cutFromLeft(String(cell), widths[c]!) : cell));
  const head = headLines(columns).map((line) => line.map((text) => style.bold(String(text))));
  yield* alignedTableSlices(head, sessions.length, cut, widths, layout.columns !== undefined);
  const left = chosen.filter((column) => !columns.includes(column));
  if (left.length > 0) yield `(not shown at ${layout.columns} columns: ${left.map((column) => column.heading[0]).join(', ')}; --wide shows every column)\n`;
}

/** The head's lines: a second only when a heading has one. */
function headLines(columns: readonly Column[]): Row[] {
  const first = columns.map((column) => column.heading[0]);
  return columns.some((column) => column.heading[1] !== undefined) ? [first, columns.map((column) => column.heading[1] ?? '')] : [first];
}

/**
 * How a table too wide for the terminal is made narrower, step by step until it fits: the endpoints are
 * cut first, Problems (what a reader looks for) only once the software and duration are left out.
 */
const FIT_STEPS: readonly { heading: string; step: 'cut' | 'leave out' }[] = [
  { heading: 'Client', step: 'cut' },
  { heading: 'Server', step: 'cut' },
  { heading: 'Software', step: 'cut' },
  { heading: 'Software', step: 'leave out' },
  { heading: 'Duration', step: 'leave out' },
  { heading: 'Problems', step: 'cut' },
  { heading: 'Frames', step: 'leave out' },
  { heading: 'Bytes', step: 'leave out' },
];

/** Widths that fit `available` columns (FIT_STEPS); what a column left out frees goes back to the cut ones. */
function fit(columns: readonly Column[], natural: readonly number[], available: number): { columns: Column[]; widths: number[] } {
  const kept = columns.map((column, i) => ({ column, width: natural[i]! }));
  const total = (): number => kept.reduce((sum, { width }) => sum + width, 0) + COLUMN_GAP.length * (kept.length - 1);
  for (const { heading, step } of FIT_STEPS) {
    const at = kept.findIndex(({ column }) => column.heading[0] === heading);
    const entry = kept[at];
    if (total() <= available) break;
    if (entry === undefined) continue;
    if (step === 'leave out') kept.splice(at, 1);
    else entry.width = Math.max(Math.min(entry.column.min ?? entry.width, entry.width), entry.width - (total() - available));
  }
  // The last cut first: the endpoints were cut first, so they get back what is left.
  for (const entry of [...kept].reverse()) entry.width += Math.max(0, Math.min(natural[columns.indexOf(entry.column)]! - entry.width, available - total()));
  return { columns: kept.map(({ column }) => column), widths: kept.map(({ width }) => width) };
}

/** `…100.10:1026`: the end of an endpoint, which says the most (the port, the last digits of the address). */
function cutFromLeft(text: string, width: number): string {
  return text.length <= width ? text : `…${text.slice(text.length - width + 1)}`;
}

/** What went wrong in the session, in a few words ("1 retrans, 1 gap"); empty when nothing did. */
function problemsText(s: FlowSummary): string {
  const counted: [number, string, string][] = [
    [s.retransmissions, 'retrans', 'retrans'],
    [s.gaps, 'gap', 'gaps'],
    [s.unacknowledged, 'unacked', 'unacked'],
    [s.strayAcks, 'stray ACK', 'stray ACKs'],
  ];
  return counted
    .filter(([n]) => n > 0)
    .map(([n, one, many]) => `${n} ${n === 1 ? one : many}`)
    .join(', ');
}

/** The client software and, when one is named, the confidence: "licq 0.71 (0.86)". */
export function softwareText({ software, confidence }: ClientSoftware): string {
  return confidence > 0 ? `${software} (${confidence.toFixed(2)})` : software;
}

function rttText(rtt: Spread | null): string {
  if (rtt === null) return '';
  return [rtt.min, rtt.median, rtt.max].map((seconds) => (seconds * 1000).toFixed(3)).join('/');
}
