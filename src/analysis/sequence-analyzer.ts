import type { DissectedPdu, Pdu } from '../dissect/pdu.js';
import { resumedNote } from './analysis-notes.js';
import { PduResults } from './pdu-results.js';
import { Session, type SessionIdentity } from './session.js';
import type { SessionSummary } from './session-summary.js';
import { secondsBetween } from './timing.js';

export interface AnalyzerLimits {
  /** Sessions tracked at once; beyond it the least recently active one is settled. */
  maxSessions: number;
  /** A session silent this long (5 KEEP_ALIVE intervals) is settled; its client's next packet starts a new one, with a note. */
  idleSeconds: number;
}

const DEFAULT_LIMITS: AnalyzerLimits = { maxSessions: 1000, idleSeconds: 600 };

/**
 * Flow and sequence analysis in two passes over the same PDUs:
 * pass 1 `observe` every PDU in capture order, then `finish`; pass 2 `annotate` each PDU again with
 * the ordinal `observe` returned for it. State is per active session plus a few numbers per PDU.
 */
export class SequenceAnalyzer {
  private readonly results = new PduResults();
  /** Active sessions by key, least recently active first. */
  private readonly active = new Map<string, Session>();
  private readonly summaries: SessionSummary[] = [];
  /** Sessions settled for silence, by key, so a returning client is told apart (bounded like `active`). */
  private readonly silent = new Map<string, number>();
  private readonly limits: AnalyzerLimits;
  private ordinals = 0;
  private nextId = 1;

  constructor(limits: Partial<AnalyzerLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  /** Pass 1: takes the next PDU in capture order; returns its ordinal for `annotate`. */
  observe(d: DissectedPdu): number {
    const ordinal = this.ordinals++;
    this.settleIdle(d);
    const { key, identity } = sessionKey(d.pdu);
    let session = this.active.get(key);
    if (session?.isRestartedBy(d.pdu)) {
      this.settle(key, session);
      session = undefined;
    }
    if (!session) {
      session = new Session({ id: this.nextId++, ...identity }, d, this.results);
      const previous = this.silent.get(key);
      if (previous !== undefined) {
        this.silent.delete(key);
        this.results.addNote(ordinal, resumedNote(session.id, previous, this.limits.idleSeconds));
      }
    }
    this.active.delete(key);
    this.active.set(key, session);
    if (this.active.size > this.limits.maxSessions) {
      const [oldestKey, oldest] = this.active.entries().next().value!;
      this.settle(oldestKey, oldest, `more than ${this.limits.maxSessions} sessions at once`);
    }
    session.observe(d, ordinal);
    return ordinal;
  }

  /** End of pass 1: settles every session (unacknowledged packets, unanswered requests, gaps). */
  finish(): SessionSummary[] {
    for (const [key, session] of [...this.active]) this.settle(key, session);
    return this.sessions();
  }

  /** Sessions settled so far, by id. */
  sessions(): SessionSummary[] {
    return this.summaries.filter(Boolean);
  }

  /** Session id of the PDU with this ordinal (undefined before it was observed). */
  sessionOf(ordinal: number): number | undefined {
    return this.results.session.get(ordinal) || undefined;
  }

  /** Pass 2: sets `pdu.analysis` and appends the analysis notes to `pdu.notes`. */
  annotate(d: DissectedPdu, ordinal: number): void {
    d.pdu.analysis = this.results.analysisOf(ordinal);
    d.pdu.notes.push(...this.results.notesOf(ordinal));
  }

  private settleIdle(d: DissectedPdu): void {
    for (const [key, session] of this.active) {
      if (secondsBetween(session.lastTime, d.timestamp) <= this.limits.idleSeconds) return;
      // Silence is no loss: nothing is noted unless the client comes back (see observe).
      this.settle(key, session);
      this.silent.set(key, session.id);
      if (this.silent.size > this.limits.maxSessions) this.silent.delete(this.silent.keys().next().value!);
    }
  }

  private settle(key: string, session: Session, evicted?: string): void {
    this.active.delete(key);
    session.close(evicted);
    this.summaries[session.id - 1] = session.summary();
  }
}

/** UDP: one client address with one server address. TCP: one connection. */
function sessionKey(pdu: Pdu): { key: string; identity: Omit<SessionIdentity, 'id'> } {
  if (pdu.transport === 'tcp') {
    const key = pdu.stream !== undefined ? `tcp ${pdu.stream}` : `tcp ${[pdu.src, pdu.dst].sort().join(' ')}`;
    const identity = { transport: 'tcp' as const, client: pdu.src, server: pdu.dst };
    return { key, identity: pdu.stream !== undefined ? { ...identity, stream: pdu.stream } : identity };
  }
  const [client, server] = pdu.direction === 'server-to-client' ? [pdu.dst, pdu.src] : [pdu.src, pdu.dst];
  return { key: `udp ${client} ${server}`, identity: { transport: 'udp', client, server } };
}
