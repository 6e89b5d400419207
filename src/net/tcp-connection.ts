/** One TCP connection: both directions' reassembly, the ICQ-or-not decision, and message cutting. */
import type { Timestamp } from '../capture/record.js';
import { oldestFrame } from './held-frames.js';
import { findIcqMessageStart, icqMessageStartsAt, type StartVerdict } from './icq-heuristic.js';
import { MessageCutter, type CutMessage, type GapCause, type FrameRef, type PieceOrigin } from './icq-message-cutter.js';
import type { DroppedKind } from './icq-traffic.js';
import type { Endpoint, NetNote, TransportPayload } from './payload.js';
import { TcpDirection, type DirectionOwner, type StreamSink, type TcpBudget } from './tcp-direction.js';
import { TCP_FLAG, type TcpSegment } from './transport-header.js';
import { note } from './note-kinds.js';
import { EMPTY, joined, ownCopy } from './own-copy.js';

/** What the frame below the segment told: why its payload may be short, and its notes (a record past the snap length, an IP length past the frame). */
export interface FrameFacts {
  short: Exclude<GapCause, 'hole'>;
  notes: NetNote[];
}

/** What a connection asks of the outside: announced ports, and where notes go. */
export interface TcpPolicy {
  isAnnouncedTcp(a: Endpoint, b: Endpoint): boolean;
  note(frame: number, note: NetNote): void;
  /** Counts what was given up, for the end summary. */
  count(kind: DroppedKind, count: number): void;
}

export interface TcpConnectionLimits {
  tcpDirectionBytes: number;
  tcpClassifyBytes: number;
}

type State = 'classifying' | 'icq' | 'ignored';

/** The first bytes of a direction, kept until the connection is classified (replaced, never changed: most are the shared empty ones). */
interface Held {
  readonly chunks: readonly { data: Buffer; frame: number; time: Timestamp; seq: number }[];
  readonly bytes: Buffer;
  /** The bytes do not start at a message boundary (mid-connection start or a gap). */
  readonly unaligned: boolean;
}

/** What every direction holds before its first bytes, and after a gap dropped them: shared, as each connection costs memory (thousands are kept). */
const NOTHING_HELD: Held = Object.freeze({ chunks: Object.freeze([]), bytes: EMPTY, unaligned: false });
const NOTHING_HELD_UNALIGNED: Held = Object.freeze({ ...NOTHING_HELD, unaligned: true });

interface DeferredNote {
  direction: 0 | 1;
  frame: number;
  note: NetNote;
  /** How many bytes of the direction were held when it came, so it goes on the message it concerns. */
  held: number;
}

/** Bit of `ended` for each direction. */
const ENDED = [1, 2] as const;

/** Notes of a connection not yet classified wait here, so non-ICQ traffic adds none. */
const MAX_DEFERRED_NOTES = 16;

export class TcpConnection implements DirectionOwner {
  private state: State = 'classifying';
  private readonly dirs: [TcpDirection, TcpDirection];
  private readonly held: [Held, Held] = [NOTHING_HELD, NOTHING_HELD];
  private cutters: [MessageCutter, MessageCutter] | undefined;
  /** ENDED bits of the directions whose last message was passed on. */
  private ended = 0;
  private reset = false;
  /** Made on the first note that waits (most connections have none). */
  private deferred: DeferredNote[] | undefined;
  /** What the segment being processed passes on, made on its first payload. */
  private out: TransportPayload[] | undefined;
  /** The frame being processed; undefined while ending the connection (end of capture, eviction). */
  private arrival: FrameRef | undefined;
  /** Capture seconds of the last segment, so a closed connection can be forgotten after a while. */
  lastSeen = -Infinity;

  /** endpoints[0] is the source of the first segment seen. */
  constructor(
    readonly stream: number,
    private readonly endpoints: [Endpoint, Endpoint],
    private readonly budget: TcpBudget,
    private readonly limits: TcpConnectionLimits,
    private readonly policy: TcpPolicy,
  ) {
    this.dirs = [new TcpDirection(budget, limits.tcpDirectionBytes, this, 0), new TcpDirection(budget, limits.tcpDirectionBytes, this, 1)];
  }

  /** Both directions ended (FIN) or the connection was reset. */
  get closed(): boolean {
    return this.reset || (this.dirs[0].finished && this.dirs[1].finished);
  }

  get icq(): boolean {
    return this.state === 'icq';
  }

  /** The oldest frame whose bytes this connection still holds (out of order, being classified, a partial message). */
  oldestHeldFrame(): number | undefined {
    return oldestFrame(
      ([0, 1] as const).flatMap((i) => [this.dirs[i].oldestHeldFrame(), this.cutters?.[i].oldestHeldFrame(), ...this.held[i].chunks.map((chunk) => chunk.frame)]),
    );
  }

  /** Index of the direction whose source is `src`. */
  directionFrom(src: Endpoint): 0 | 1 {
    return src.ip === this.endpoints[0].ip && src.port === this.endpoints[0].port ? 0 : 1;
  }

  segment(from: 0 | 1, segment: TcpSegment, frame: number, time: Timestamp, facts: FrameFacts): TransportPayload[] {
    this.lastSeen = time.seconds;
    if (this.state === 'ignored') return [];
    this.arrival = { frame, time };
    for (const fact of facts.notes) this.directionNote(from, frame, fact);
    const to = from === 0 ? 1 : 0;
    // The acknowledgement concerns data sent before this segment's own: it goes first.
    if (segment.flags & TCP_FLAG.ACK) this.dirs[to].acknowledged(segment.ack, frame, this.sink(to));
    const syn = (segment.flags & TCP_FLAG.SYN) !== 0;
    if (syn) this.dirs[from].syn(segment.seq);
    this.dirs[from].segment(
      {
        // A SYN takes one sequence number before any data it carries.
        seq: syn ? (segment.seq + 1) >>> 0 : segment.seq,
        payload: segment.payload,
        wireLength: segment.wireLength,
        short: facts.short,
        fin: (segment.flags & TCP_FLAG.FIN) !== 0,
        frame,
        time,
      },
      this.sink(from),
    );
    if (this.state === 'classifying') this.classify(frame);
    if (segment.flags & TCP_FLAG.RST) {
      this.reset = true;
      this.endBoth(frame);
    }
    this.endFinished(frame);
    return this.take();
  }

  /** Gives up every hole and passes on incomplete messages (end of capture, eviction). */
  end(frame: number): TransportPayload[] {
    this.arrival = undefined;
    this.endBoth(frame);
    return this.take();
  }

  /** Given up at a limit: `why` goes on what each direction still passes on. */
  giveUp(frame: number, why: NetNote): TransportPayload[] {
    for (const cutter of this.cutters ?? []) cutter.carry(why);
    return this.end(frame);
  }

  private endBoth(frame: number): void {
    for (const i of [0, 1] as const) this.dirs[i].flush(frame, this.sink(i));
    if (this.state === 'classifying') this.ignore();
    for (const i of [0, 1] as const) this.endDirection(i, frame);
  }

  private take(): TransportPayload[] {
    const out = this.out ?? [];
    this.out = undefined;
    return out;
  }

  /** What a direction's reassembly noticed: counted, and shown on that direction's next message. */
  directionNote(direction: 0 | 1, frame: number, note: NetNote): void {
    if (this.state === 'icq') {
      this.policy.note(frame, note);
      this.cutters?.[direction].carry(note);
    } else if (this.state === 'classifying' && (this.deferred?.length ?? 0) < MAX_DEFERRED_NOTES) (this.deferred ??= []).push({ direction, frame, note, held: this.held[direction].bytes.length });
  }

  private sink(i: 0 | 1): StreamSink {
    return {
      data: (bytes, frame, time, seq) => {
        if (this.cutters) this.emit(i, this.cutters[i].push(bytes, { frame, time, seq }, this.arrival));
        else if (this.state === 'classifying') this.hold(i, bytes, { frame, time, seq });
      },
      gap: (missing, frame, at, cause) => {
        // What came before the gap may already tell ICQ from not: decide before it is lost.
        if (this.state === 'classifying') this.classify(frame);
        if (this.cutters) this.emit(i, this.cutters[i].gap(missing, frame, at, cause, this.arrival));
        else if (this.state === 'classifying') this.dropHeld(i);
      },
    };
  }

  private hold(i: 0 | 1, data: Buffer, origin: PieceOrigin): void {
    const copy = ownCopy(data);
    const held = this.held[i];
    this.held[i] = { chunks: [...held.chunks, { data: copy, ...origin }], bytes: joined(held.bytes, copy), unaligned: held.unaligned };
    this.budget.used += copy.length;
  }

  private dropHeld(i: 0 | 1): void {
    this.budget.used -= this.held[i].bytes.length;
    this.held[i] = NOTHING_HELD_UNALIGNED;
  }

  private classify(frame: number): void {
    if (this.policy.isAnnouncedTcp(this.endpoints[0], this.endpoints[1])) return this.becomeIcq(frame);
    const verdicts = ([0, 1] as const).map((i) => this.verdict(i));
    if (verdicts.includes('yes')) return this.becomeIcq(frame);
    const heldBytes = this.held[0].bytes.length + this.held[1].bytes.length;
    if ((verdicts[0] === 'no' && verdicts[1] === 'no') || heldBytes > this.limits.tcpClassifyBytes) this.ignore();
    else if (this.budget.used > this.budget.limit) {
      this.policy.note(frame, note('tcp-buffer-limit', `TCP buffer limit reached: stream ${this.stream} dropped before it could be classified`));
      this.ignore();
    }
  }

  private verdict(i: 0 | 1): StartVerdict {
    const { bytes } = this.held[i];
    if (bytes.length === 0) return 'more';
    if (this.held[i].unaligned || this.dirs[i].midStream) return findIcqMessageStart(bytes, 0).found ? 'yes' : 'more';
    return icqMessageStartsAt(bytes, 0);
  }

  private becomeIcq(frame: number): void {
    this.state = 'icq';
    const cutterFor = (i: 0 | 1) => new MessageCutter(this.held[i].unaligned || this.dirs[i].midStream, this.policy);
    this.cutters = [cutterFor(0), cutterFor(1)];
    const deferred = this.deferred ?? [];
    for (const { frame: at, note } of deferred) this.policy.note(at, note);
    for (const i of [0, 1] as const) {
      const cutter = this.cutters[i];
      const notes = deferred.filter((d) => d.direction === i);
      const carryUpTo = (bytes: number) => {
        while (notes.length > 0 && notes[0]!.held <= bytes) cutter.carry(notes.shift()!.note);
      };
      const held = this.held[i];
      this.dropHeld(i);
      let pushed = 0;
      for (const chunk of held.chunks) {
        carryUpTo(pushed);
        this.emit(i, cutter.push(chunk.data, chunk, this.arrival));
        pushed += chunk.data.length;
      }
      carryUpTo(Infinity);
    }
    this.deferred = undefined;
    this.endFinished(frame);
  }

  private ignore(): void {
    this.state = 'ignored';
    this.dropHeld(0);
    this.dropHeld(1);
    this.dirs[0].release();
    this.dirs[1].release();
    this.deferred = undefined;
  }

  private endFinished(frame: number): void {
    for (const i of [0, 1] as const) if (this.dirs[i].finished) this.endDirection(i, frame);
    if (this.closed) {
      this.dirs[0].release();
      this.dirs[1].release();
    }
  }

  private endDirection(i: 0 | 1, frame: number): void {
    if (this.ended & ENDED[i] || !this.cutters) return;
    this.ended |= ENDED[i];
    this.emit(i, this.cutters[i].finish(frame, this.arrival));
  }

  private emit(i: 0 | 1, messages: CutMessage[]): void {
    const src = this.endpoints[i];
    const dst = this.endpoints[i === 0 ? 1 : 0];
    for (const m of messages) {
      (this.out ??= []).push({ transport: 'tcp', frame: m.frame, frames: m.frames, time: m.time, src, dst, bytes: m.bytes, truncated: m.truncated, stream: this.stream, tcpSeq: m.seq, parts: m.parts, notes: m.notes });
    }
  }
}

