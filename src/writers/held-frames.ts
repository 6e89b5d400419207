/** The frames read but not yet decided, oldest first, and the rule that decides each. */
import type { CaptureRecord } from '../capture/record.js';
import { TCP_FLAG } from '../net/transport-header.js';
import type { FrameLayout } from './frame-layout.js';
import type { RedactableFrame } from './frame-redaction.js';
import { CONTROL_FLAGS, type WrittenConnection } from './tcp-frames.js';

export interface HeldFrame extends RedactableFrame {
  /** The connection of a TCP segment. */
  connection: WrittenConnection | undefined;
  /** A displayed PDU has bytes in it. */
  displayed: boolean;
}

export type Verdict = 'write' | 'drop' | 'wait';

/** What to do with the oldest frame. */
export interface VerdictContext {
  /** Frames before it are in no PDU still to come (the network layer holds none of their bytes). */
  settledBelow: number;
  /** Nothing more is read, or the buffer is full: no more waiting. */
  final: boolean;
}

/**
 * A frame is written when a displayed PDU has bytes in it, once no later PDU can have (a later one may still
 * need bytes of it masked); a SYN, FIN or RST when its connection carried a displayed PDU, so it waits until
 * the connection has one or is over; a pure ACK when it is the first to acknowledge a written segment.
 */
export function verdict(frame: HeldFrame, { settledBelow, final }: VerdictContext): Verdict {
  const { layout } = frame;
  if (layout.kind === 'none') return 'drop';
  const settled = final || frame.record.index < settledBelow;
  if (layout.kind === 'datagram') return !settled ? 'wait' : frame.displayed ? 'write' : 'drop';
  const { tcp } = layout;
  const connection = frame.connection!;
  const carriesData = tcp.payloadLength > 0;
  if (carriesData && !settled) return 'wait';
  if (frame.displayed) return 'write';
  if (tcp.flags & CONTROL_FLAGS) {
    if (connection.displayed) return 'write';
    return final || connection.settled(settledBelow) ? 'drop' : 'wait';
  }
  if (carriesData || !(tcp.flags & TCP_FLAG.ACK)) return 'drop';
  return connection.acknowledgesWritten(tcp) ? 'write' : 'drop';
}

/** Bookkeeping per held frame, counted with its bytes against the buffer's limit. */
const FRAME_OVERHEAD_BYTES = 128;

/** A queue by frame number: frames arrive numbered one after the other, so the n-th is found by subtraction. */
export class HeldFrames {
  /** Bytes held, with each frame's bookkeeping. */
  bytes = 0;
  /** Decided ones are cleared (and the array cut down from time to time) so they can be collected. */
  private frames: (HeldFrame | undefined)[] = [];
  private head = 0;

  add(record: CaptureRecord, layout: FrameLayout, connection: WrittenConnection | undefined): void {
    this.frames.push({ record, layout, bytes: record.bytes, connection, displayed: false });
    this.bytes += record.bytes.length + FRAME_OVERHEAD_BYTES;
  }

  first(): HeldFrame | undefined {
    return this.frames[this.head];
  }

  shift(): HeldFrame | undefined {
    const frame = this.frames[this.head];
    if (!frame) return undefined;
    this.frames[this.head++] = undefined;
    this.bytes -= frame.record.bytes.length + FRAME_OVERHEAD_BYTES;
    if (this.head > 1024 && this.head * 2 > this.frames.length) {
      this.frames = this.frames.slice(this.head);
      this.head = 0;
    }
    return frame;
  }

  /** The held frame numbered `index`, if it was not decided yet. */
  find(index: number): HeldFrame | undefined {
    const first = this.frames[this.head];
    const frame = first && this.frames[this.head + index - first.record.index];
    return frame?.record.index === index ? frame : undefined;
  }
}
