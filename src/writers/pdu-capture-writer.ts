/**
 * -w: the frames of the displayed PDUs, and the TCP frames around them (src/writers/tcp-frames.ts), to a pcap
 * or pcapng file, each frame once and in capture order, with its original bytes (--redact: secrets masked).
 * A frame is held from the moment it is read until it is decided, and written then; everything after an
 * undecided frame waits behind it, up to WAIT_BUFFER_BYTES.
 */
import type { CaptureRecord } from '../capture/record.js';
import { CaptureEncoder, CaptureWriteError, type CaptureFileFormat } from './capture-encoder.js';
import { frameLayout } from './frame-layout.js';
import { redactFrames, tcpPlacement, udpPlacement, type ByteRange } from './frame-redaction.js';
import { HeldFrames, verdict, type HeldFrame, type Verdict, type VerdictContext } from './held-frames.js';
import { CONTROL_FLAGS, ConnectionTable } from './tcp-frames.js';

/**
 * Frames wait for their PDUs' verdicts (a TCP message's earlier segments, an unanswered connection's SYN)
 * while the held frames and their bookkeeping stay under this; past it the oldest is decided as if the
 * capture ended there, and what a PDU decided later needed of it is counted in `leftOut`.
 */
export const WAIT_BUFFER_BYTES = 64 * 1024 * 1024;

/** What -w needs of a dissected PDU (src/dissect's DissectedPdu has it). */
export interface PduPlacementSource {
  pdu: { frame: number; frames: readonly number[] };
  bytes: { length: number };
  /** TCP: the sequence number of its first byte. */
  tcpSeq?: number;
}

/** Where the file's bytes go (src/cli/output-sink.ts: backpressure, a reader that went away). */
export interface ByteSink {
  write(bytes: Buffer): Promise<void>;
  readonly closed: boolean;
}

export class PduCaptureWriter {
  /** Why writing stopped (a frame the format cannot hold, a secret not found in the frames), once it did. */
  failure: string | undefined;
  /** Frames displayed PDUs needed that were decided before them (the wait buffer was full). */
  leftOut = 0;
  private input: CaptureFileFormat | undefined;
  private model: CaptureRecord | undefined;
  private encoder: CaptureEncoder | undefined;
  private readonly held = new HeldFrames();
  private readonly connections = new ConnectionTable();
  private ended = false;
  /** The frame the reading stopped at (-c): frames after it were read ahead and are not written. */
  private lastFrame = Infinity;

  /** `chosen`: -F; by default the input's format. */
  constructor(
    private readonly sink: ByteSink,
    private readonly chosen: CaptureFileFormat | undefined,
    private readonly limit = WAIT_BUFFER_BYTES,
  ) {}

  /** Nothing more can be written: reading on is of no use to the file. */
  get closed(): boolean {
    return this.sink.closed || this.failure !== undefined;
  }

  format(format: CaptureFileFormat): void {
    this.input ??= format;
  }

  /** A batch about to be decoded: first what the batches before it settled is written. */
  async records(records: readonly CaptureRecord[], oldestHeldFrame: number | undefined): Promise<void> {
    if (this.closed) return;
    this.model ??= records[0];
    // The new records are not decoded yet: none of them is settled.
    const context: VerdictContext = { settledBelow: Math.min(oldestHeldFrame ?? Infinity, records[0]?.index ?? Infinity), final: false };
    const out = this.decide(context);
    for (const record of records) {
      const layout = frameLayout(record);
      this.held.add(record, layout, layout.kind === 'segment' ? this.connections.of(layout.tcp, record.index) : undefined);
    }
    while (this.held.bytes > this.limit && !this.closed) {
      const oldest = this.held.first()!;
      const forced = verdict(oldest, { ...context, final: true });
      if (forced === 'drop' && oldest.layout.kind === 'segment' && oldest.layout.tcp.flags & CONTROL_FLAGS) oldest.connection!.controlDropped = true;
      this.held.shift();
      this.release(oldest, forced, out);
      out.push(...this.decide(context));
    }
    await this.emit(out);
  }

  /** Every PDU, displayed or not: a frame a displayed one shares with a hidden one gets the hidden one's secrets masked too. */
  pdu(dissected: PduPlacementSource, masked: readonly ByteRange[], displayed: boolean): void {
    if (this.closed) return;
    const frames = dissected.pdu.frames.map((index) => this.held.find(index)).filter((frame): frame is HeldFrame => frame !== undefined);
    if (displayed) {
      this.leftOut += dissected.pdu.frames.length - frames.length;
      for (const frame of frames) {
        frame.displayed = true;
        const { connection } = frame;
        if (connection && !connection.displayed && connection.controlDropped) this.leftOut += 1;
        if (connection) connection.displayed = true;
      }
    }
    if (masked.length === 0) return;
    const placement = dissected.tcpSeq === undefined ? udpPlacement(frames) : tcpPlacement(dissected.tcpSeq);
    if (!redactFrames(frames, placement, masked, dissected.bytes.length) && displayed) {
      this.failure = `--redact: the secret bytes of the PDU in frame ${dissected.pdu.frame} are not all in the frames held, so writing stopped before them`;
    }
  }

  /** The reading stops early (-c) with the PDU that completes at `frame`. */
  stoppedAt(frame: number): void {
    this.lastFrame = frame;
  }

  /** The end of the run (the whole input read, or -c reached): every frame still held is decided now. */
  async finish(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    if (this.closed) return;
    const out = this.decide({ settledBelow: Infinity, final: true }, this.lastFrame);
    out.push(...this.guard(() => this.encoderFor().start()));
    await this.emit(out);
  }

  /** Decides from the oldest frame on, up to the first that must wait (or the last one to decide). */
  private decide(context: VerdictContext, last = Infinity): Buffer[] {
    const out: Buffer[] = [];
    for (let frame = this.held.first(); frame && frame.record.index <= last && !this.closed; frame = this.held.first()) {
      const decided = verdict(frame, context);
      if (decided === 'wait') break;
      this.held.shift();
      this.release(frame, decided, out);
    }
    return out;
  }

  private release(frame: HeldFrame, decided: Verdict, out: Buffer[]): void {
    if (decided !== 'write') return;
    if (frame.layout.kind === 'segment') frame.connection!.wrote(frame.layout.tcp);
    out.push(...this.guard(() => this.encoderFor().frame(frame.record, frame.bytes)));
  }

  private encoderFor(): CaptureEncoder {
    this.encoder ??= new CaptureEncoder(this.chosen ?? this.input ?? 'pcapng', this.input, this.model);
    return this.encoder;
  }

  /** A frame the format cannot hold stops the writing (one line on stderr, from the command line). */
  private guard(encode: () => Buffer[]): Buffer[] {
    try {
      return encode();
    } catch (error) {
      if (!(error instanceof CaptureWriteError)) throw error;
      this.failure = error.message;
      return [];
    }
  }

  private async emit(out: Buffer[]): Promise<void> {
    if (out.length > 0) await this.sink.write(Buffer.concat(out));
  }
}
