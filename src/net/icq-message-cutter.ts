/** Cuts one direction of a reassembled TCP stream into ICQ peer messages: LENGTH(2, LE) + body. */
import type { Timestamp } from '../capture/record.js';
import { oldestFrame } from './held-frames.js';
import { findIcqMessageStart } from './icq-heuristic.js';
import { EMPTY, joined, ownCopy } from './own-copy.js';
import type { FramePart, NetNote } from './payload.js';
import { note } from './note-kinds.js';

export interface CutMessage {
  /** Starts at the LENGTH. */
  bytes: Buffer;
  /** TCP sequence number of the first byte. */
  seq: number;
  frames: number[];
  /** Each frame's share of the bytes, in stream order. */
  parts: FramePart[];
  frame: number;
  time: Timestamp;
  truncated: boolean;
  notes: NetNote[];
}

/** Where a cutter tells what it noticed (its notes) and the bytes it skipped for holding no message start. */
export interface CutterReports {
  note(frame: number, note: NetNote): void;
  count(kind: 'tcpBytes', bytes: number): void;
}

export interface FrameRef {
  frame: number;
  time: Timestamp;
}

/** Where pushed bytes came from: their frame, and the sequence number of the first of them. */
export interface PieceOrigin extends FrameRef {
  seq: number;
}

/** Nothing waiting: shared (thousands of connections are kept); replaced, never changed. */
const NO_SHARES: readonly Share[] = Object.freeze([]);
const NO_NOTES: readonly NetNote[] = Object.freeze([]);

/** A stream of gaps in a row should not grow one message's notes without bound. */
const MAX_CARRIED_NOTES = 8;

/** Where the bytes of `pending` came from: each frame's share ends at `end`. */
interface Share extends FrameRef {
  end: number;
}

/** Why bytes of the stream never came: a hole the capture never filled, or a frame that ended early. */
export type GapCause = 'hole' | 'snap-cut' | 'ip-length';

/** A message cut by a gap, held until it is known how many bytes after the gap start no message. */
interface Orphan {
  message: CutMessage;
  /** The tcp-gap note's text, to which what followed the gap is added. */
  said: string;
}

export class MessageCutter {
  private pending: Buffer = EMPTY;
  /** Sequence number of pending's first byte (pending is contiguous: a gap empties it). */
  private pendingSeq = 0;
  private shares = NO_SHARES;
  /** Notes for the next message (gap and resynchronisation). */
  private carried = NO_NOTES;
  private skipped = 0;
  private orphan: Orphan | undefined;

  /** `searching`: the stream does not start at a message boundary (first seen mid-connection, or after a gap). */
  constructor(
    private searching: boolean,
    private readonly reports: CutterReports,
  ) {}

  /**
   * `origin`: the frame the bytes came from. `arrival`: the frame being processed, which completes
   * any message these bytes finish (it differs from origin when a hole fills and buffered bytes follow).
   */
  push(data: Buffer, origin: PieceOrigin, arrival?: FrameRef): CutMessage[] {
    if (data.length === 0) return [];
    if (this.pending.length === 0) this.pendingSeq = origin.seq;
    this.pending = joined(this.pending, data);
    const share = { end: this.pending.length, frame: origin.frame, time: origin.time };
    // An array literal is exactly as long as it holds; push() would give the first share 16 spare slots.
    this.shares = this.shares.length === 0 ? [share] : [...this.shares, share];
    const out: CutMessage[] = [];
    for (;;) {
      if (this.searching && !this.resynchronise((arrival ?? origin).frame, out)) return out;
      if (this.pending.length < 2) return out;
      const size = 2 + this.pending.readUInt16LE(0);
      if (this.pending.length < size) return out;
      out.push(this.cut(size, false, arrival));
    }
  }

  /**
   * `missing` bytes that will never be seen, at stream byte `at`: a partial message is passed on as it
   * is (once it is known what followed the gap), and the next message start is searched.
   */
  gap(missing: number, frame: number, at: number, cause: GapCause, arrival?: FrameRef): CutMessage[] {
    const out = this.releaseOrphan('skipped to the next gap');
    const partial = this.pending.length;
    const what = cause === 'hole' ? `TCP hole of ${missing} bytes at stream byte ${at} never filled` : `${missing} bytes the frame lacks at stream byte ${at}`;
    if (partial > 0 && !this.searching) {
      const declared = partial >= 2 ? `${2 + this.pending.readUInt16LE(0)}` : 'unknown';
      const said = `${what}: the message ends there (${partial} of ${declared} bytes)`;
      this.orphan = { message: this.cut(partial, cause === 'snap-cut', arrival), said };
    } else {
      this.report(frame, note('tcp-gap', what));
      this.discard(partial);
    }
    this.searching = true;
    this.skipped = 0;
    return out;
  }

  /** End of the stream (at `frame`, which completes the message when it arrived with FIN or RST): an incomplete message is passed on as it is. */
  finish(frame: number, arrival?: FrameRef): CutMessage[] {
    if (this.searching) {
      const leftover = this.pending.length;
      this.reports.count('tcpBytes', leftover);
      this.skipped += leftover;
      this.discard(leftover);
      const out = this.releaseOrphan('hold no message start (the stream ends)');
      if (out.length === 0 && leftover > 0) this.report(frame, note('tcp-leftover', `${leftover} bytes at the end of the stream hold no recognisable message start`));
      return out;
    }
    if (this.pending.length === 0) return [];
    const declared = this.pending.length >= 2 ? `${2 + this.pending.readUInt16LE(0)}` : 'unknown';
    this.report(frame, note('tcp-unfinished', `stream ends inside a message: ${this.pending.length} of ${declared} bytes`));
    return [this.cut(this.pending.length, false, arrival)];
  }

  /** The message a gap cut, with its note saying how many bytes after the gap `after`. */
  private releaseOrphan(after: string): CutMessage[] {
    const orphan = this.orphan;
    if (!orphan) return [];
    this.orphan = undefined;
    const gapNote = note('tcp-gap', this.skipped > 0 ? `${orphan.said}; ${this.skipped} bytes after it ${after}` : orphan.said);
    this.reports.note(orphan.message.frame, gapNote);
    orphan.message.notes.push(gapNote);
    return [orphan.message];
  }

  /** Skips to the next plausible message start; false when more bytes are needed to find one. */
  private resynchronise(frame: number, out: CutMessage[]): boolean {
    const { at, found } = findIcqMessageStart(this.pending, 0);
    this.skipped += at;
    this.reports.count('tcpBytes', at);
    this.discard(at);
    if (!found) return false;
    this.searching = false;
    out.push(...this.releaseOrphan('skipped to the next message start'));
    if (this.skipped > 0) {
      this.report(frame, note('tcp-resync', `resynchronised at a message start after skipping ${this.skipped} bytes`));
    }
    return true;
  }

  private report(frame: number, note: NetNote): void {
    this.reports.note(frame, note);
    this.carry(note);
  }

  /** The oldest frame whose bytes wait here for the rest of their message. */
  oldestHeldFrame(): number | undefined {
    return oldestFrame([...this.shares.map((share) => share.frame), ...(this.orphan?.message.frames ?? [])]);
  }

  /** A note for the next message of this direction (what the stream below it noticed). */
  carry(note: NetNote): void {
    if (this.carried.length < MAX_CARRIED_NOTES) this.carried = [...this.carried, note];
  }

  /** Without an arrival (end of stream) the latest frame that gave bytes stands for the completing one. */
  private cut(size: number, truncated: boolean, arrival?: FrameRef): CutMessage {
    const bytes = Buffer.from(this.pending.subarray(0, size));
    const contributors: Share[] = [];
    const parts: FramePart[] = [];
    let start = 0;
    for (const share of this.shares) {
      if (start >= size) break;
      contributors.push(share);
      const end = Math.min(share.end, size);
      const last = parts[parts.length - 1];
      if (last?.frame === share.frame) last.end = end;
      else parts.push({ frame: share.frame, start, end });
      start = share.end;
    }
    const last = arrival ?? contributors.reduce((a, b) => (b.frame > a.frame ? b : a));
    const frames = [...new Set(contributors.map((share) => share.frame))].sort((a, b) => a - b);
    const notes = [...this.carried];
    this.carried = NO_NOTES;
    const seq = this.pendingSeq;
    this.discard(size);
    return { bytes, seq, frames, parts, frame: last.frame, time: last.time, truncated, notes };
  }

  private discard(count: number): void {
    if (count === 0) return;
    this.pending = ownCopy(this.pending.subarray(count));
    this.pendingSeq = (this.pendingSeq + count) >>> 0;
    this.shares = this.shares.map((s) => ({ ...s, end: s.end - count })).filter((s) => s.end > 0);
  }
}
