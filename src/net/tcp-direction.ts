/**
 * Reassembly of one direction of a TCP connection by sequence number. Positions are absolute
 * stream offsets (plain numbers); 32-bit sequence numbers are turned into positions by their signed
 * difference from the next expected one, which makes wrap-around transparent.
 */
import type { Timestamp } from '../capture/record.js';
import { oldestFrame } from './held-frames.js';
import { EMPTY, ownCopy } from './own-copy.js';
import type { NetNote } from './payload.js';
import type { GapCause } from './icq-message-cutter.js';
import { note } from './note-kinds.js';

export interface StreamSink {
  /** `seq`: the sequence number of the first of the bytes. */
  data(bytes: Buffer, frame: number, time: Timestamp, seq: number): void;
  /** `missing` bytes that will never be seen come next in the stream, at stream byte `at`. */
  gap(missing: number, frame: number, at: number, cause: GapCause): void;
}

/** Out-of-order bytes over all connections; shared by every direction. */
export interface TcpBudget {
  used: number;
  readonly limit: number;
}

/** Who is told what a direction's reassembly noticed, with the direction it concerns. */
export interface DirectionOwner {
  directionNote(direction: 0 | 1, frame: number, note: NetNote): void;
}

interface Piece {
  pos: number;
  data: Buffer;
  frame: number;
  time: Timestamp;
}

export interface SegmentIn {
  seq: number;
  payload: Buffer;
  /** Payload length on the wire (the snap length may have cut payload). */
  wireLength: number;
  /** Why payload may be shorter than wireLength: the snap length cut the frame, or the IP length runs past it. */
  short: Exclude<GapCause, 'hole'>;
  fin: boolean;
  frame: number;
  time: Timestamp;
}

/** What a direction with nothing out of order stores: shared (thousands of connections are kept), replaced before the first piece. */
const NO_PIECES: Piece[] = Object.freeze([]) as unknown as Piece[];

/** Delivered bytes kept to compare retransmissions with (ICQ peer messages are small). */
const HISTORY_BYTES = 4096;

export class TcpDirection {
  /** The next expected sequence number is known (from a SYN or the first segment seen). */
  started = false;
  /** No SYN was seen: the stream starts at the first segment captured. */
  midStream = false;
  /** Every byte up to the FIN was delivered. */
  finished = false;
  private nextSeq = 0;
  private delivered = 0;
  private finPos: number | undefined;
  private stored = NO_PIECES;
  private storedBytes = 0;
  private history: Buffer = EMPTY;

  constructor(
    private readonly budget: TcpBudget,
    private readonly directionLimit: number,
    private readonly owner: DirectionOwner,
    private readonly direction: 0 | 1,
  ) {}

  private note(frame: number, note: NetNote): void {
    this.owner.directionNote(this.direction, frame, note);
  }

  syn(seq: number): void {
    if (this.started) return;
    this.started = true;
    this.nextSeq = (seq + 1) >>> 0;
  }

  segment(segment: SegmentIn, sink: StreamSink): void {
    if (!this.started) {
      if (segment.wireLength === 0 && !segment.fin) return;
      this.started = true;
      this.midStream = true;
      this.nextSeq = segment.seq;
      this.note(segment.frame, note('tcp-mid-stream', 'TCP stream first seen mid-connection (no SYN): it starts at this segment'));
    }
    const pos = this.position(segment.seq);
    if (segment.fin) this.finPos = pos + segment.wireLength;
    this.accept({ pos, data: segment.payload, frame: segment.frame, time: segment.time }, sink);
    const lost = segment.wireLength - segment.payload.length;
    if (lost > 0 && this.delivered === pos + segment.payload.length) {
      if (segment.short === 'snap-cut') this.note(segment.frame, note('snap-cut', `snap length cut ${lost} bytes of TCP payload`));
      this.skip(lost, segment.frame, sink, segment.short);
    }
    this.checkFinished();
  }

  /** The other side acknowledged `ack`: bytes it received that the capture lacks are a permanent gap. */
  acknowledged(ack: number, frame: number, sink: StreamSink): void {
    if (!this.started) return;
    const ackPos = this.position(ack);
    while (this.stored.length > 0 && this.stored[0].pos < ackPos) this.skip(this.stored[0].pos - this.delivered, frame, sink);
    this.checkFinished();
  }

  /** End of stream (FIN, RST, eviction, end of capture): holes are given up, buffered bytes delivered. */
  flush(frame: number, sink: StreamSink): void {
    while (this.stored.length > 0) this.skip(this.stored[0].pos - this.delivered, frame, sink);
  }

  /** The oldest frame whose bytes wait here for a hole to fill. */
  oldestHeldFrame(): number | undefined {
    return oldestFrame(this.stored.map((piece) => piece.frame));
  }

  /** Frees what the shared budget counts for this direction, and the retransmission history. */
  release(): void {
    this.budget.used -= this.storedBytes;
    this.storedBytes = 0;
    this.stored = NO_PIECES;
    this.history = EMPTY;
  }

  private position(seq: number): number {
    return this.delivered + ((seq - this.nextSeq) | 0);
  }

  private checkFinished(): void {
    if (this.finPos !== undefined && this.delivered >= this.finPos) this.finished = true;
  }

  private accept(incoming: Piece, sink: StreamSink): void {
    let piece = incoming;
    if (piece.pos < this.delivered) {
      const overlap = Math.min(this.delivered, piece.pos + piece.data.length) - piece.pos;
      this.compareWithHistory(piece, overlap);
      piece = { ...piece, pos: piece.pos + overlap, data: piece.data.subarray(overlap) };
    }
    if (piece.data.length === 0) return;
    for (const part of this.uncovered(piece)) this.store(part, sink);
    this.drain(sink);
  }

  /** Parts of `piece` no stored piece holds yet: the first copy wins, differing overlaps get a note. */
  private uncovered(piece: Piece): Piece[] {
    const parts: Piece[] = [];
    let at = piece.pos;
    const end = piece.pos + piece.data.length;
    let differs = false;
    for (const held of this.stored) {
      const heldEnd = held.pos + held.data.length;
      if (heldEnd <= at || held.pos >= end) continue;
      if (held.pos > at) parts.push(slice(piece, at, held.pos));
      const from = Math.max(at, held.pos);
      const to = Math.min(end, heldEnd);
      if (!held.data.subarray(from - held.pos, to - held.pos).equals(piece.data.subarray(from - piece.pos, to - piece.pos))) differs = true;
      at = to;
    }
    if (at < end) parts.push(slice(piece, at, end));
    if (differs) this.noteDiffering(piece.frame);
    return parts;
  }

  private compareWithHistory(piece: Piece, overlap: number): void {
    const historyStart = this.delivered - this.history.length;
    const from = Math.max(piece.pos, historyStart);
    const to = piece.pos + overlap;
    if (from >= to) return;
    const old = this.history.subarray(from - historyStart, to - historyStart);
    if (!old.equals(piece.data.subarray(from - piece.pos, to - piece.pos))) this.noteDiffering(piece.frame);
  }

  private noteDiffering(frame: number): void {
    this.note(frame, note('tcp-overlap', 'TCP retransmission overlaps earlier data with different bytes: the first copy is kept'));
  }

  private store(part: Piece, sink: StreamSink): void {
    // Waiting for a hole past the memory limits is given up: the hole becomes a gap.
    while (part.pos > this.delivered && !this.fits(part.data.length)) {
      const next = Math.min(part.pos, this.stored[0]?.pos ?? part.pos);
      this.note(part.frame, note('tcp-buffer-limit', `TCP out-of-order buffer limit reached: ${next - this.delivered} missing bytes given up`));
      this.skip(next - this.delivered, part.frame, sink);
    }
    const copy = { ...part, data: ownCopy(part.data) };
    if (this.stored === NO_PIECES) this.stored = [];
    const index = this.stored.findIndex((held) => held.pos > copy.pos);
    this.stored.splice(index < 0 ? this.stored.length : index, 0, copy);
    this.storedBytes += copy.data.length;
    this.budget.used += copy.data.length;
  }

  private fits(length: number): boolean {
    return this.storedBytes + length <= this.directionLimit && this.budget.used + length <= this.budget.limit;
  }

  /** Declares `missing` bytes lost, then delivers what became contiguous. */
  private skip(missing: number, frame: number, sink: StreamSink, cause: GapCause = 'hole'): void {
    if (missing > 0) {
      sink.gap(missing, frame, this.delivered, cause);
      this.advance(missing);
      this.history = EMPTY;
    }
    this.drain(sink);
  }

  /** Delivers stored pieces that reach the next expected byte; what a skip already passed is trimmed off. */
  private drain(sink: StreamSink): void {
    while (this.stored.length > 0 && this.stored[0].pos <= this.delivered) {
      const piece = this.stored.shift()!;
      this.storedBytes -= piece.data.length;
      this.budget.used -= piece.data.length;
      const data = piece.data.subarray(this.delivered - piece.pos);
      if (data.length === 0) continue;
      const seq = this.nextSeq;
      this.advance(data.length);
      this.history = ownCopy(Buffer.concat([this.history, data]).subarray(-HISTORY_BYTES));
      sink.data(data, piece.frame, piece.time, seq);
    }
    // In-order data passes through the store: an emptied one goes back to the shared empty array.
    if (this.stored.length === 0) this.stored = NO_PIECES;
  }

  private advance(count: number): void {
    this.delivered += count;
    this.nextSeq = (this.nextSeq + count) >>> 0;
  }
}

function slice(piece: Piece, from: number, to: number): Piece {
  return { ...piece, pos: from, data: piece.data.subarray(from - piece.pos, to - piece.pos) };
}
