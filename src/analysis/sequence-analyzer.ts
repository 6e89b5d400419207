import type { DissectedPdu, Pdu } from '../dissect/pdu.js';
import { resumedNote } from './analysis-notes.js';
import { analysisFrom, FactKind, FactLog, type Keep } from './fact-log.js';
import { NOTHING_PENDING, PendingOrdinals, type Pending } from './pending-ordinals.js';
import { ResendWatch } from './resend-watch.js';
import { ACK_RULE } from '../protocol/pairing.js';
import { Session, type SessionIdentity } from './session.js';
import type { SessionSummary } from './session-summary.js';
import { secondsBetween } from '../dissect/time.js';
import { RecentlyUsed } from '../net/recently-used.js';

export interface AnalyzerLimits {
  /** Sessions tracked at once; beyond it the least recently active one is settled. */
  maxSessions: number;
  /** A session silent this long (5 KEEP_ALIVE intervals) is settled; its client's next packet starts a new one, with a note. */
  idleSeconds: number;
  /** Sessions whose summaries `flows` lists (the first ones, by id); the later ones are only counted. */
  maxListedSessions: number;
}

/** What the analysis' caps cut short: sessions settled early (`maxSessions`), PDUs shown before all their results (the read-ahead cap). */
export interface AnalysisCapped {
  sessions: number;
  shownEarly: number;
}

export const DEFAULT_LIMITS: AnalyzerLimits = { maxSessions: 1000, idleSeconds: 600, maxListedSessions: 10_000 };

export interface AnalyzerMode {
  /** Which results to keep (default `all`: every PDU's, read with `annotate` after `finish`). */
  keep: Keep;
  /** Track which PDUs may still learn something, for `settledBelow` (a pass that runs ahead of the output). */
  trackPending: boolean;
  /** Collect what only `flows` shows (each session's summary, lists of frames, every ACK's RTT). */
  figures: boolean;
  /**
   * Told each session as it is settled: a reader that keeps only what it needs, its software or its
   * summary (without `figures`, the summary's lists are empty); nothing is worked out it does not ask for.
   */
  onSettled?: (session: SettledSession) => void;
}

export type SettledSession = Pick<Session, 'id' | 'software' | 'summary'>;

const DEFAULT_MODE: AnalyzerMode = { keep: 'all', trackPending: false, figures: true };

/**
 * Flow and sequence analysis in two passes over the same PDUs:
 * pass 1 `observe` every PDU in capture order, then `finish`; pass 2 `annotate` each PDU again with
 * the ordinal `observe` returned for it. State is per active session plus a few numbers per PDU.
 */
export class SequenceAnalyzer {
  readonly results: FactLog;
  private readonly pendingOrdinals: PendingOrdinals | undefined;
  private readonly pending: Pending;
  private readonly resends: ResendWatch;
  private readonly collectFigures: boolean;
  private readonly onSettled: ((session: SettledSession) => void) | undefined;
  /** Active sessions by key, least recently active first. */
  private readonly active: RecentlyUsed<string, Session>;
  private readonly summaries: SessionSummary[] = [];
  /** Sessions settled for silence, by key, so a returning client is told apart (bounded like `active`). */
  private readonly silent: RecentlyUsed<string, number>;
  private readonly limits: AnalyzerLimits;
  private ordinals = 0;
  private nextId = 1;
  /** The session of the PDU observed last, whatever the log keeps (flows counts each PDU's frames in it). */
  lastSession = 0;
  /** Sessions settled early because `maxSessions` were active at once. */
  evictedSessions = 0;
  /** Sessions past `maxListedSessions`, whose summaries were not kept (with figures only). */
  unlistedSessions = 0;
  private finished = false;

  constructor(limits: Partial<AnalyzerLimits> = {}, mode: Partial<AnalyzerMode> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    this.active = new RecentlyUsed(this.limits.maxSessions);
    this.silent = new RecentlyUsed(this.limits.maxSessions);
    const { keep, trackPending, figures, onSettled } = { ...DEFAULT_MODE, ...mode };
    this.onSettled = onSettled;
    this.results = new FactLog(keep);
    this.pendingOrdinals = trackPending ? new PendingOrdinals() : undefined;
    this.pending = this.pendingOrdinals ?? NOTHING_PENDING;
    this.resends = new ResendWatch(this.pending, ACK_RULE.resendWithinSeconds);
    this.collectFigures = figures;
  }

  /** Every PDU below this ordinal has all its results (nothing later can add to them). */
  settledBelow(): number {
    if (this.finished) return Infinity;
    return this.pendingOrdinals?.lowest() ?? this.ordinals;
  }

  /** Whether PDU `ordinal` may still learn something (with `trackPending`). */
  open(ordinal: number): boolean {
    return this.pendingOrdinals?.held(ordinal) === true;
  }

  /** Pass 1: takes the next PDU in capture order; returns its ordinal for `annotate`. */
  observe(d: DissectedPdu): number {
    const ordinal = this.ordinals++;
    this.results.begin(ordinal);
    this.resends.advance(d.timestamp);
    this.settleIdle(d);
    const key = sessionKey(d.pdu);
    let session = this.active.use(key);
    if (session?.isRestartedBy(d.pdu)) {
      this.settle(key, session);
      session = undefined;
    }
    if (!session) {
      session = new Session({ id: this.nextId++, ...identityOf(d.pdu) }, d, this.results, this.pending, this.resends, this.collectFigures);
      const previous = this.silent.peek(key);
      if (previous !== undefined) {
        this.silent.delete(key);
        this.results.addNote(ordinal, resumedNote(session.id, previous, this.limits.idleSeconds));
      }
      this.active.set(key, session);
    }
    if (this.active.size > this.limits.maxSessions) {
      const [oldestKey, oldest] = this.active.oldest()!;
      this.settle(oldestKey, oldest, this.limits.maxSessions);
      this.evictedSessions++;
    }
    session.observe(d, ordinal);
    this.lastSession = session.id;
    return ordinal;
  }

  /** End of pass 1: settles every session (unacknowledged packets, unanswered requests, gaps). */
  finish(): SessionSummary[] {
    this.results.begin(Infinity);
    for (const [key, session] of this.active.oldestFirst()) this.settle(key, session);
    this.finished = true;
    return this.sessions();
  }

  /** Whether session `id` is one whose summary is kept (`flows` lists it). */
  listed(id: number): boolean {
    return id <= this.limits.maxListedSessions;
  }

  /** Sessions settled so far, by id. */
  sessions(): SessionSummary[] {
    return this.summaries.filter(Boolean);
  }

  /** Session id of the PDU with this ordinal (undefined before it was observed). */
  sessionOf(ordinal: number): number | undefined {
    return this.results.get(ordinal, FactKind.Session) || undefined;
  }

  /**
   * Pass 2: sets `pdu.session`, the client's `uin` where the PDU has none, `pdu.analysis` and `pdu.client`,
   * and appends the analysis notes to `pdu.notes`; `ahead` is the pass that ran ahead and kept what this
   * PDU learnt from later ones (this analyzer then keeps only `current`).
   */
  annotate(d: DissectedPdu, ordinal: number, ahead?: SequenceAnalyzer): void {
    const { analysis, notes, session, uin, client } = analysisFrom([this.results.list(ordinal), ahead?.results.list(ordinal)]);
    const { pdu } = d;
    if (uin !== undefined) pdu.uin ??= uin;
    if (session !== undefined) pdu.session = session;
    pdu.analysis = analysis;
    if (client) pdu.client = client;
    pdu.notes.push(...notes);
  }

  private settleIdle(d: DissectedPdu): void {
    // The least recently active session decides first; while it is not idle, nothing else is looked at.
    const idle = (session: Session) => secondsBetween(session.lastTime, d.timestamp) > this.limits.idleSeconds;
    const oldest = this.active.oldestValue();
    if (oldest === undefined || !idle(oldest)) return;
    for (const [key, session] of this.active.oldestFirst(idle)) {
      // Silence is no loss: nothing is noted unless the client comes back (see observe).
      this.settle(key, session);
      this.silent.set(key, session.id);
      if (this.silent.size > this.limits.maxSessions) this.silent.takeOldest();
    }
  }

  private settle(key: string, session: Session, evictedAt?: number): void {
    this.active.delete(key);
    session.close(evictedAt);
    // Summaries are what `flows` shows; without figures, keeping one per session would grow with the capture.
    if (this.collectFigures && this.listed(session.id)) this.summaries[session.id - 1] = session.summary();
    else if (this.collectFigures) this.unlistedSessions++;
    this.onSettled?.(session);
  }
}

/** UDP: one client address with one server address. TCP: one connection. Made per PDU: no object but the key. */
function sessionKey(pdu: Pdu): string {
  if (pdu.transport === 'tcp') {
    if (pdu.stream !== undefined) return `tcp ${pdu.stream}`;
    return pdu.src < pdu.dst ? `tcp ${pdu.src} ${pdu.dst}` : `tcp ${pdu.dst} ${pdu.src}`;
  }
  return pdu.direction === 'server-to-client' ? `udp ${pdu.dst} ${pdu.src}` : `udp ${pdu.src} ${pdu.dst}`;
}

/** Who the session's client and server are, from its first PDU. */
function identityOf(pdu: Pdu): Omit<SessionIdentity, 'id'> {
  if (pdu.transport === 'tcp') {
    const identity = { transport: 'tcp' as const, client: pdu.src, server: pdu.dst };
    return pdu.stream !== undefined ? { ...identity, stream: pdu.stream } : identity;
  }
  const [client, server] = pdu.direction === 'server-to-client' ? [pdu.dst, pdu.src] : [pdu.src, pdu.dst];
  return { transport: 'udp', client, server };
}
