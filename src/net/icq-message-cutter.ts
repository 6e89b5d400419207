/** Cuts one direction of a reassembled TCP stream into ICQ peer messages: LENGTH(2, LE) + body. */
import type { Timestamp } from '../capture/record.js';
import { oldestFrame } from './held-frames.js';
import { findIcqMessageStart } from './icq-heuristic.js';
import { joined, ownCopy } from './own-copy.js';
import type { NetNote } from './payload.js';
import { note } from './note-kinds.js';

export interface CutMessage {
  /** Starts at the LENGTH. */
  bytes: Buffer;
  /** TCP sequence number of the first byte. */
  seq: number;
  frames: number[];
  frame: number;
  time: Timestamp;
  truncated: boolean;
  notes: NetNote[];
}

export type NoteSink = (frame: number, note: NetNote) => void;

export interface FrameRef {
  frame: number;
  time: Timestamp;
}

/** Where pushed bytes came from: their frame, and the sequence number of the first of them. */
export interface PieceOrigin extends FrameRef {
  seq: number;
}

/** A stream of gaps in a row should not grow one message's notes without bound. */
const MAX_CARRIED_NOTES = 8;

/** Where the bytes of `pending` came from: each frame's share ends at `end`. */
interface Share extends FrameRef {
  end: number;
}

export class MessageCutter {
  private pending: Buffer = Buffer.alloc(0);
  /** Sequence number of pending's first byte (pending is contiguous: a gap empties it). */
  private pendingSeq = 0;
  private shares: Share[] = [];
  /** Notes for the next message (gap and resynchronisation). */
  private carried: NetNote[] = [];
  private skipped = 0;

  /** `searching`: the stream does not start at a message boundary (first seen mid-connection, or after a gap). */
  constructor(
    private searching: boolean,
    private readonly note: NoteSink,
  ) {}

  /**
   * `origin`: the frame the bytes came from. `arrival`: the frame being processed, which completes
   * any message these bytes finish (it differs from origin when a hole fills and buffered bytes follow).
   */
  push(data: Buffer, origin: PieceOrigin, arrival?: FrameRef): CutMessage[] {
    if (data.length === 0) return [];
    if (this.pending.length === 0) this.pendingSeq = origin.seq;
    this.pending = joined(this.pending, data);
    this.shares.push({ end: this.pending.length, frame: origin.frame, time: origin.time });
    const out: CutMessage[] = [];
    for (;;) {
      if (this.searching && !this.resynchronise((arrival ?? origin).frame)) return out;
      if (this.pending.length < 2) return out;
      const size = 2 + this.pending.readUInt16LE(0);
      if (this.pending.length < size) return out;
      out.push(this.cut(size, false, arrival));
    }
  }

  /** Bytes that will never be seen: the partial message is dropped and the next message start is searched. */
  gap(missing: number, frame: number): void {
    const partial = this.pending.length;
    const what = partial > 0 && !this.searching ? `: partial message of ${partial} bytes dropped` : '';
    this.report(frame, note('tcp-gap', `TCP sequence gap of ${missing} bytes never filled${what}`));
    this.discard(partial);
    this.searching = true;
    this.skipped = 0;
  }

  /** End of the stream (at `frame`, which completes the message when it arrived with FIN or RST): an incomplete message is passed on as it is. */
  finish(frame: number, arrival?: FrameRef): CutMessage[] {
    if (this.pending.length === 0) return [];
    if (this.searching) {
      this.report(frame, note('tcp-leftover', `${this.pending.length} bytes at the end of the stream hold no recognisable message start`));
      this.discard(this.pending.length);
      return [];
    }
    const declared = this.pending.length >= 2 ? `${2 + this.pending.readUInt16LE(0)}` : 'unknown';
    this.report(frame, note('tcp-unfinished', `stream ends inside a message: ${this.pending.length} of ${declared} bytes`));
    return [this.cut(this.pending.length, true, arrival)];
  }

  /** Skips to the next plausible message start; false when more bytes are needed to find one. */
  private resynchronise(frame: number): boolean {
    const { at, found } = findIcqMessageStart(this.pending, 0);
    this.skipped += at;
    this.discard(at);
    if (!found) return false;
    this.searching = false;
    if (this.skipped > 0) {
      this.report(frame, note('tcp-resync', `resynchronised at a message start after skipping ${this.skipped} bytes`));
    }
    return true;
  }

  private report(frame: number, note: NetNote): void {
    this.note(frame, note);
    this.carry(note);
  }

  /** The oldest frame whose bytes wait here for the rest of their message. */
  oldestHeldFrame(): number | undefined {
    return oldestFrame(this.shares.map((share) => share.frame));
  }

  /** A note for the next message of this direction (what the stream below it noticed). */
  carry(note: NetNote): void {
    if (this.carried.length < MAX_CARRIED_NOTES) this.carried.push(note);
  }

  /** Without an arrival (end of stream) the latest frame that gave bytes stands for the completing one. */
  private cut(size: number, truncated: boolean, arrival?: FrameRef): CutMessage {
    const bytes = Buffer.from(this.pending.subarray(0, size));
    const contributors: Share[] = [];
    let start = 0;
    for (const share of this.shares) {
      if (start >= size) break;
      contributors.push(share);
      start = share.end;
    }
    const last = arrival ?? contributors.reduce((a, b) => (b.frame > a.frame ? b : a));
    const frames = [...new Set(contributors.map((share) => share.frame))].sort((a, b) => a - b);
    const notes = this.carried;
    this.carried = [];
    const seq = this.pendingSeq;
    this.discard(size);
    return { bytes, seq, frames, frame: last.frame, time: last.time, truncated, notes };
  }

  private discard(count: number): void {
    if (count === 0) return;
    this.pending = ownCopy(this.pending.subarray(count));
    this.pendingSeq = (this.pendingSeq + count) >>> 0;
    this.shares = this.shares.map((s) => ({ ...s, end: s.end - count })).filter((s) => s.end > 0);
  }
}
