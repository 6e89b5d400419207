import type { Timestamp } from '../capture/record.js';
import type { ClientSoftware, DissectedPdu, Pdu } from '../dissect/pdu.js';
import { ACK_RULE, FIRST_SEQ, KEEP_ALIVE, SESSION_FIGURES, SESSION_START } from '../protocol/pairing.js';
import {
  ackBeforeCaptureNote,
  duplicateAckNote,
  evictedNote,
  evictionReason,
  gapNote,
  keepAliveNote,
  retransmissionNote,
  skippedNote,
  strayAckNote,
  unacknowledgedNote,
} from './analysis-notes.js';
import { ContactListCheck } from './contact-list.js';
import { fieldValue, findField } from './field-value.js';
import { SessionFingerprint } from './fingerprint.js';
import { GrowableColumn } from './growable-column.js';
import { FactKind, type FactLog } from './fact-log.js';
import type { Pending } from './pending-ordinals.js';
import type { ResendWatch } from './resend-watch.js';
import { requestNumbersOf } from './request-numbers.js';
import { RequestTracker } from './request-tracker.js';
import type { SessionSummary, Side } from './session-summary.js';
import { SideTracker, type SideEvents, type SideStart } from './side-tracker.js';
import { secondsBetween } from '../dissect/time.js';
import { flatText } from '../net/flat-text.js';
import { spread } from './timing.js';

export interface SessionIdentity {
  id: number;
  transport: 'udp' | 'tcp';
  stream?: number;
  client: string;
  server: string;
}

type Figures = Omit<SessionSummary, 'start' | 'duration' | 'ackRtt' | 'fingerprint'>;

/** The numbering of a side after a LOGIN: the client's from its LOGIN, the server's from 0. */
const LOGIN_START: Record<Side, SideStart> = {
  client: { startsInCapture: true },
  server: { expectedFirst: FIRST_SEQ['server-to-client'], startsInCapture: true },
};
const MID_SESSION_START: SideStart = { startsInCapture: false };

const NO_RTTS = new Float64Array(0);

/** A session's PDUs without a UIN of their own that wait for the client's (a capture that starts with server packets): at most this many. */
const UIN_WAIT = 16;

/** One session's state during pass 1: numbering of both sides, open requests, running figures. */
export class Session {
  readonly figures: Figures;
  lastTime: Timestamp;
  private lastOrdinal = -1;
  private readonly firstTime: Timestamp;
  private readonly startIso: string;
  private readonly requests: RequestTracker;
  private readonly contacts: ContactListCheck;
  private readonly fingerprint: SessionFingerprint;
  /** Every unambiguous ACK's RTT (with figures only), made on the first. */
  private ackRtts: GrowableColumn<Float64Array> | undefined;
  /** Made on a side's first numbered packet or ACK: a TCP session, or a side that never sends, needs none. */
  private sides: Partial<Record<Side, SideTracker>> = {};
  /** Where each side's numbering starts: mid-session until a LOGIN is seen. */
  private sideStarts: Readonly<Record<Side, SideStart>> = { client: MID_SESSION_START, server: MID_SESSION_START };
  private loginSeen = false;
  /** Packets since the last LOGIN other than the LOGIN itself and the server's ACKs of it. */
  private trafficSinceLogin = 0;
  private lastKeepAlive: Timestamp | undefined;
  /** PDUs without a UIN of their own seen before the client's UIN was known. */
  private readonly uinWaiting: number[] = [];

  /**
   * `pending` holds PDUs that may still learn something (see PendingOrdinals); `figures` false leaves out
   * what only `flows` shows (lists of frames, every ACK's RTT), which would grow with the capture.
   */
  constructor(
    identity: SessionIdentity,
    first: DissectedPdu,
    private readonly results: FactLog,
    private readonly pending: Pending,
    private readonly resends: ResendWatch,
    private readonly collectFigures = true,
  ) {
    // One literal of fixed keys: spreading the identity in gave every session a hidden class of its own (about 500 bytes each).
    this.figures = {
      id: identity.id,
      transport: identity.transport,
      stream: identity.stream,
      client: identity.client,
      server: identity.server,
      uin: null,
      packets: { 'client-to-server': 0, 'server-to-client': 0 },
      bytes: { 'client-to-server': 0, 'server-to-client': 0 },
      retransmissions: 0,
      gaps: 0,
      unacknowledged: 0,
      strayAcks: 0,
      logins: 0,
      messages: { sent: 0, received: 0 },
      finalStatus: null,
      gapRanges: [],
      unackedFrames: [],
      strayAckFrames: [],
      retransmissionFrames: [],
    };
    this.firstTime = this.lastTime = first.timestamp;
    this.startIso = flatText(first.pdu.time.absolute);
    this.requests = new RequestTracker(results, pending);
    this.contacts = new ContactListCheck(results);
    this.fingerprint = new SessionFingerprint(results, pending);
  }

  get id(): number {
    return this.figures.id;
  }

  /** A LOGIN back at the client's first number after other traffic: the client restarted. */
  isRestartedBy(pdu: Pdu): boolean {
    return (
      this.isLogin(pdu) && pdu.seq === FIRST_SEQ['client-to-server'] && this.trafficSinceLogin > 0
    );
  }

  observe(d: DissectedPdu, ordinal: number): void {
    const { pdu } = d;
    const fromClient = pdu.src === this.figures.client;
    this.results.add(ordinal, FactKind.Session, this.id);
    this.lastTime = d.timestamp;
    // The session's last PDU gets a note if the session is evicted: held until another one follows.
    if (this.lastOrdinal >= 0) this.pending.release(this.lastOrdinal);
    this.pending.hold(ordinal);
    this.lastOrdinal = ordinal;
    const direction = fromClient ? 'client-to-server' : 'server-to-client';
    this.figures.packets[direction] += 1;
    this.figures.bytes[direction] += pdu.length;

    const name = pdu.command?.name ?? null;
    const login = this.isLogin(pdu);
    if (login && (!this.loginSeen || this.trafficSinceLogin > 0)) this.startLogin();
    if (!login && !(!fromClient && name === ACK_RULE.ack)) this.trafficSinceLogin += 1;

    let firstCopy: number | undefined;
    if (pdu.transport === ACK_RULE.transport && typeof pdu.seq === 'number') {
      if (name === ACK_RULE.ack) this.pairAck(d, ordinal, fromClient ? 'server' : 'client');
      else firstCopy = this.recordNumbered(d, ordinal, fromClient ? 'client' : 'server');
    }
    if (name !== null && firstCopy === undefined) this.count(d, ordinal, name, fromClient);
    this.requests.observe(d, ordinal, firstCopy);
    if (firstCopy === undefined) this.contacts.observe(pdu, ordinal);
    this.fingerprint.observe(pdu, ordinal, fromClient);
    this.lendUin(pdu, ordinal, fromClient);
  }

  /**
   * A PDU that carries no UIN (a server packet; in TCP, one the client sent) learns the client's, as soon
   * as the session knows it: the first ones wait for it, held as pending.
   */
  private lendUin(pdu: Pdu, ordinal: number, fromClient: boolean): void {
    const lacks = typeof pdu.uin !== 'number' && (pdu.transport === 'udp' || fromClient);
    const { uin } = this.figures;
    if (uin === null) {
      if (lacks && this.uinWaiting.length < UIN_WAIT) {
        this.pending.hold(ordinal);
        this.uinWaiting.push(ordinal);
      }
      return;
    }
    if (lacks) this.results.add(ordinal, FactKind.Uin, uin);
    for (const waiting of this.uinWaiting.splice(0)) {
      this.results.add(waiting, FactKind.Uin, uin);
      this.pending.release(waiting);
    }
  }

  /** Settles everything still open; `evictedAt` (the session limit) says tracking stops before the end of the capture. */
  close(evictedAt?: number): void {
    this.closeSides();
    this.requests.close();
    this.fingerprint.close();
    for (const waiting of this.uinWaiting.splice(0)) this.pending.release(waiting);
    if (evictedAt !== undefined) {
      this.figures.evicted = evictionReason(evictedAt);
      this.results.addNote(this.lastOrdinal, evictedNote(this.id, evictedAt));
    }
    this.pending.release(this.lastOrdinal);
  }

  /** The software its fingerprint names (call after `close`): what a reader needs that keeps no summary. */
  software(): ClientSoftware {
    return this.fingerprint.software();
  }

  /** The session's figures, keys in the order of the flows table. */
  summary(): SessionSummary {
    const { id, transport, stream, uin, client, server, evicted, ...counts } = this.figures;
    const { packets, bytes, retransmissions, gaps, unacknowledged, strayAcks, logins, messages, finalStatus } = counts;
    return {
      id,
      transport,
      ...(stream === undefined ? {} : { stream }),
      uin,
      client,
      server,
      start: this.startIso,
      duration: secondsBetween(this.firstTime, this.lastTime),
      packets,
      bytes,
      retransmissions,
      gaps,
      unacknowledged,
      strayAcks,
      ackRtt: spread(this.ackRtts?.values() ?? NO_RTTS),
      logins,
      messages,
      finalStatus,
      fingerprint: this.fingerprint.report(),
      gapRanges: [...counts.gapRanges].sort((a, b) => a.frame - b.frame),
      unackedFrames: [...counts.unackedFrames].sort((a, b) => a - b),
      strayAckFrames: counts.strayAckFrames,
      retransmissionFrames: counts.retransmissionFrames,
      ...(evicted === undefined ? {} : { evicted }),
    };
  }

  private isLogin(pdu: Pdu): boolean {
    return pdu.transport === 'udp' && pdu.src === this.figures.client && pdu.command?.name === SESSION_START;
  }

  /** A LOGIN starts a new numbering on both sides; what the old one left open is settled now. */
  private startLogin(): void {
    this.closeSides();
    this.sides = {};
    this.sideStarts = LOGIN_START;
    this.loginSeen = true;
    this.trafficSinceLogin = 0;
  }

  private closeSides(): void {
    this.sides.client?.close();
    this.sides.server?.close();
  }

  private tracker(side: Side): SideTracker {
    return (this.sides[side] ??= this.side(side, this.sideStarts[side]));
  }

  private side(side: Side, start: SideStart): SideTracker {
    const events: SideEvents = {
      gap: (gap) => {
        this.results.addNote(gap.ordinal, gapNote(gap.from, gap.to));
        this.figures.gaps += 1;
        if (this.collectFigures) this.figures.gapRanges.push({ side, from: gap.from, to: gap.to, frame: gap.frame });
      },
      skipped: (number) => this.results.addNote(number.ordinal, skippedNote(number.seq, number.declared, number.frame)),
      unacknowledged: (packet) => {
        const first = packet.copies[0]!;
        this.results.addNote(first.ordinal, unacknowledgedNote(packet.seq));
        this.figures.unacknowledged += 1;
        if (this.collectFigures) this.figures.unackedFrames.push(first.frame);
      },
    };
    return new SideTracker(start, events, this.pending, this.resends);
  }

  /** Returns the ordinal of the first copy when this packet is a retransmission. */
  private recordNumbered(d: DissectedPdu, ordinal: number, side: Side): number | undefined {
    const { pdu } = d;
    const name = pdu.command?.name ?? '';
    const copy = { ordinal, frame: pdu.frame, time: d.timestamp, open: false, watched: false, ackedBy: 0 };
    for (const { declared, value } of requestNumbersOf(pdu)) this.tracker(side).spend(value, { declared, frame: pdu.frame });
    const { packet, retransmission } = this.tracker(side).record(pdu.seq!, copy, !ACK_RULE.unacknowledged.includes(name));
    if (!retransmission) return undefined;
    const first = packet.copies[0]!;
    this.results.add(ordinal, FactKind.RetransmissionOf, first.frame);
    // Only while the first copy is held (not shown yet): once shown, it can learn nothing more.
    if (first.open || first.watched) this.results.add(first.ordinal, FactKind.RetransmittedIn, pdu.frame);
    this.results.addNote(ordinal, retransmissionNote(packet.seq, first.frame));
    this.figures.retransmissions += 1;
    if (this.collectFigures) this.figures.retransmissionFrames.push(pdu.frame);
    return first.ordinal;
  }

  /**
   * An ACK pairs with the latest copy sent before it, and its RTT is ambiguous when there were several
   * (Karn's rule: the ACK may answer an earlier one), so the session's figures leave it out. An ACK of a
   * copy already acknowledged is a duplicate.
   */
  private pairAck(d: DissectedPdu, ordinal: number, ackedSide: Side): void {
    const { pdu } = d;
    const seq = pdu.seq!;
    const target = this.tracker(ackedSide).ackTarget(seq);
    if (target === 'before-capture') {
      this.results.addNote(ordinal, ackBeforeCaptureNote(seq));
      return;
    }
    if (target === undefined) {
      this.results.addNote(ordinal, strayAckNote(seq));
      this.figures.strayAcks += 1;
      if (this.collectFigures) this.figures.strayAckFrames.push(pdu.frame);
      return;
    }
    const copy = target.copies[target.copies.length - 1]!;
    this.results.add(ordinal, FactKind.Acks, copy.frame);
    if (copy.ackedBy !== 0) {
      this.results.addNote(ordinal, duplicateAckNote(seq, copy.ackedBy));
      return;
    }
    const rtt = secondsBetween(copy.time, d.timestamp);
    const ambiguous = target.copies.length > 1;
    this.results.add(copy.ordinal, FactKind.AckedBy, pdu.frame);
    this.results.add(ordinal, FactKind.AckRtt, rtt, ambiguous ? 1 : 0);
    copy.ackedBy = pdu.frame;
    this.tracker(ackedSide).paired(target, d.timestamp);
    if (this.collectFigures && !ambiguous) (this.ackRtts ??= new GrowableColumn((n) => new Float64Array(n), NaN)).push(rtt);
  }

  /** Session figures a first copy contributes to (retransmissions are not counted twice). */
  private count(d: DissectedPdu, ordinal: number, name: string, fromClient: boolean): void {
    const { pdu } = d;
    const { figures } = this;
    if (figures.uin === null) {
      if (fromClient && typeof pdu.uin === 'number') figures.uin = pdu.uin;
      for (const source of SESSION_FIGURES.uin) {
        const uin = source.command === name ? fieldValue(pdu, source.field) : undefined;
        if (typeof uin === 'number' && figures.uin === null) figures.uin = uin;
      }
    }
    if ((SESSION_FIGURES.messages as readonly string[]).includes(name)) {
      if (fromClient) figures.messages.sent += 1;
      else figures.messages.received += 1;
    }
    if (!fromClient) return;
    if ((SESSION_FIGURES.status.commands as readonly string[]).includes(name)) {
      const status = findField(pdu, SESSION_FIGURES.status.field);
      if (typeof status?.value === 'number') figures.finalStatus = { value: status.value, display: status.display };
    }
    if (name === SESSION_START && pdu.transport === 'udp') figures.logins += 1;
    if (name === KEEP_ALIVE.command) {
      if (this.lastKeepAlive) {
        const interval = secondsBetween(this.lastKeepAlive, d.timestamp);
        if (interval < KEEP_ALIVE.min || interval > KEEP_ALIVE.max) {
          this.results.addNote(ordinal, keepAliveNote(interval, KEEP_ALIVE.intervalSeconds));
        }
      }
      this.lastKeepAlive = d.timestamp;
    }
  }
}
