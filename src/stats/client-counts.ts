import type { Timestamp } from '../capture/record.js';
import type { DissectedPdu } from '../dissect/pdu.js';
import { SequenceAnalyzer } from '../analysis/sequence-analyzer.js';
import type { SessionSummary } from '../analysis/session-summary.js';
import { secondsBetween } from '../dissect/time.js';
import type { FrameFeed } from './frame-feed.js';
import type { ClientRow, ClientsResult, Statistic } from './statistic.js';
import { filterKey, filterNeedsAnalysis, passes, type StatFilter } from './stat-filter.js';

/** Endpoints listed per client; further sessions are only counted (a client opening many peer connections). */
export const MAX_LISTED_ENDPOINTS = 8;

interface Span {
  first: Timestamp;
  last: Timestamp;
}

/** A client's figures so far; its row is made at the end, keys in the order of ClientRow. */
interface Tally extends Span {
  uin: number | null;
  software: string;
  confidence: number;
  /** Listed in the order of their first PDU. */
  endpoints: { address: string; first: Timestamp }[];
  moreEndpoints: number;
  sessions: number;
  pdus: number;
  bytes: number;
}

const earlier = (a: Timestamp, b: Timestamp): boolean => secondsBetween(a, b) > 0;

/**
 * -z icq2,clients: one row per client UIN over its sessions, as `flows` finds them (a peer connection
 * counts for the client that opened it). A session analyzer of its own, which keeps no per-PDU results,
 * tells which session each PDU belongs to and, once a session is settled, its UIN, address, packets
 * and fingerprint; only the sessions still open and one tally per client are held.
 */
export class ClientCounts implements Statistic {
  readonly needsAnalysis: boolean;
  private readonly sessions = new SequenceAnalyzer({}, { keep: 'current', figures: false, onSettled: (session) => this.settled(session.summary()) });
  /** Times of the sessions still open, by session id. */
  private readonly open = new Map<number, Span>();
  private readonly clients = new Map<string, Tally>();

  constructor(
    private readonly frames: FrameFeed,
    private readonly filter?: StatFilter,
  ) {
    this.needsAnalysis = filterNeedsAnalysis(filter);
  }

  see(d: DissectedPdu): void {
    if (!passes(this.filter, d.pdu)) return;
    const id = this.sessions.sessionOf(this.sessions.observe(d))!;
    const span = this.open.get(id);
    if (span) span.last = d.timestamp;
    else this.open.set(id, { first: d.timestamp, last: d.timestamp });
  }

  result(): ClientsResult {
    this.sessions.finish();
    const start = this.frames.first;
    const since = (time: Timestamp): number => (start === undefined ? 0 : secondsBetween(start, time));
    const rows = [...this.clients.values()]
      .sort((a, b) => secondsBetween(b.first, a.first))
      .map((t): ClientRow => ({
        uin: t.uin,
        software: t.software,
        confidence: t.confidence,
        endpoints: t.endpoints.sort((a, b) => secondsBetween(b.first, a.first)).map(({ address }) => address),
        ...(t.moreEndpoints > 0 ? { moreEndpoints: t.moreEndpoints } : {}),
        sessions: t.sessions,
        pdus: t.pdus,
        bytes: t.bytes,
        first: since(t.first),
        last: since(t.last),
      }));
    return { statistic: 'icq2,clients', ...filterKey(this.filter), rows };
  }

  private settled(session: SessionSummary): void {
    const span = this.open.get(session.id)!;
    this.open.delete(session.id);
    const key = session.uin === null ? `address ${session.client}` : `uin ${session.uin}`;
    const { software, confidence } = session.fingerprint;
    const pdus = session.packets['client-to-server'] + session.packets['server-to-client'];
    const bytes = session.bytes['client-to-server'] + session.bytes['server-to-client'];
    const tally = this.clients.get(key);
    if (tally === undefined) {
      const endpoints = [{ address: session.client, first: span.first }];
      this.clients.set(key, { ...span, uin: session.uin, software, confidence, endpoints, moreEndpoints: 0, sessions: 1, pdus, bytes });
      return;
    }
    if (earlier(span.first, tally.first)) tally.first = span.first;
    if (earlier(tally.last, span.last)) tally.last = span.last;
    if (confidence > tally.confidence) Object.assign(tally, { software, confidence });
    const endpoint = tally.endpoints.find(({ address }) => address === session.client);
    if (endpoint !== undefined && earlier(span.first, endpoint.first)) endpoint.first = span.first;
    else if (endpoint === undefined && tally.endpoints.length < MAX_LISTED_ENDPOINTS) tally.endpoints.push({ address: session.client, first: span.first });
    else if (endpoint === undefined) tally.moreEndpoints += 1;
    tally.sessions += 1;
    tally.pdus += pdus;
    tally.bytes += bytes;
  }
}
