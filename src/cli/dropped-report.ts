import { MAX_READ_AHEAD } from '../analysis/lookahead-analysis.js';
import { DEFAULT_LIMITS, type AnalysisCapped } from '../analysis/sequence-analyzer.js';
import type { Dropped, IcqTraffic } from '../net/icq-traffic.js';
import type { NetLimits } from '../net/limits.js';
import { plural } from '../protocol/plural.js';
import { reportLine } from './report-line.js';

const count = (n: number) => n.toLocaleString('en-US');

/** Each count of Dropped as the summary names it, with the limit that bounds it, where one does. */
const PARTS: readonly { kind: keyof Dropped; what: string; cap?: (limits: NetLimits) => string }[] = [
  { kind: 'ipDatagrams', what: 'incomplete IP datagrams', cap: (l) => `cap ${count(l.fragmentDatagrams)} at once, ${count(l.fragmentTotalBytes)} bytes` },
  { kind: 'tcpConnections', what: 'open TCP connections', cap: (l) => `cap ${count(l.tcpConnections)}` },
  { kind: 'tcpBytes', what: 'TCP bytes that start no message' },
];

/**
 * What the network layer gave up, in one line on stderr after the output, only when it gave up anything:
 * `dropped: 12,345 incomplete IP datagrams (cap 1,024 at once, 8,388,608 bytes), ...`. Each was noted where it happened.
 */
export function reportDropped(stderr: NodeJS.WritableStream, traffic: IcqTraffic, what?: string): void {
  const { dropped } = traffic.stats;
  const parts = PARTS.filter((p) => dropped[p.kind] > 0).map((p) => `${count(dropped[p.kind])} ${p.what}${p.cap ? ` (${p.cap(traffic.limits)})` : ''}`);
  if (parts.length > 0) reportLine(stderr, `dropped: ${parts.join(', ')}`, what);
}

/**
 * What the analysis' caps cut short, in one line after the network layer's: `analysis: 3 sessions settled
 * early (cap 1,000 at once), ...`. A session settled early loses the results later PDUs would have given it.
 */
export function reportAnalysisCapped(stderr: NodeJS.WritableStream, capped: AnalysisCapped): void {
  const parts = [
    ...(capped.sessions > 0 ? [`${plural(capped.sessions, 'session', count)} settled early (cap ${count(DEFAULT_LIMITS.maxSessions)} at once)`] : []),
    ...(capped.shownEarly > 0 ? [`${plural(capped.shownEarly, 'PDU', count)} shown before all their results came (read-ahead cap ${count(MAX_READ_AHEAD)} PDUs)`] : []),
  ];
  if (parts.length > 0) reportLine(stderr, `analysis: ${parts.join(', ')}`);
}

/** The sessions `flows` does not list (past its cap), in one line: `flows: 990,000 sessions not listed (the first 10,000 are)`. */
export function reportUnlisted(stderr: NodeJS.WritableStream, unlisted: number): void {
  if (unlisted > 0) reportLine(stderr, `flows: ${plural(unlisted, 'session', count)} not listed (the first ${count(DEFAULT_LIMITS.maxListedSessions)} are)`);
}
