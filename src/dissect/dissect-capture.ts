import { flatten } from '../capture/batches.js';
import { openCaptureBatches, type CaptureSource, type ReadOptions } from '../capture/open.js';
import type { CaptureRecord } from '../capture/record.js';
import { IcqPayloadReader } from '../net/icq-payloads.js';
import type { TransportPayload } from '../net/payload.js';
import { IcqTraffic } from '../net/icq-traffic.js';
import type { CommandRegistry } from '../protocol/registry.js';
import { dissectPayload, type DissectOptions } from './dissect-pdu.js';
import type { DissectedPdu, FrameSize } from './pdu.js';
import { CaptureClock } from './time.js';
import { ClientVariantChoice } from './variant-choice.js';
import type { WalkDepth } from './walk.js';

export interface DissectCaptureOptions {
  /** TextDecoder label for strings from the wire (default windows-1252). */
  charset?: string;
  /** UDP ports of the server (default [4000]). */
  udpPorts?: number[];
  /** Pass one to read its `stats` (frames seen, payloads) while or after iterating. */
  traffic?: IcqTraffic;
  /** How much of each field to make (default `full`); see WalkDepth. */
  depth?: WalkDepth;
  /** Told how many bytes of the file were read so far (progress reports). */
  onRead?: (bytes: number) => void;
  /** Told every chunk of capture records before the PDUs made from them are yielded (the -z statistics count every frame). */
  onFrames?: (records: readonly CaptureRecord[]) => void;
  /** The command tables to read with (default: the built-in ones); see src/protocol/layout-file.ts. */
  registry?: CommandRegistry;
  /** Each PDU carries the frame that completes it (-x shows it); the other outputs keep no frame. */
  keepFrames?: boolean;
  /** Sees the records before they are decoded (-w keeps the frames it may write). */
  tap?: CaptureTap;
}

/** What watches the capture go by: its format, and each batch of records with what the network layer still holds. */
export interface CaptureTap {
  format(format: 'pcap' | 'pcapng'): void;
  /**
   * A batch before it is decoded: every PDU of the batches before it was handed on. `oldestHeldFrame`: the
   * oldest frame whose bytes the network layer still holds (in no PDU yet), undefined when it holds none.
   */
  records(records: readonly CaptureRecord[], oldestHeldFrame: number | undefined): Promise<void>;
}

export const DEFAULT_CHARSET = 'windows-1252';
export const DEFAULT_UDP_PORTS: readonly number[] = [4000];

/**
 * The pipeline from a capture file (or several, read as one) to dissected PDUs, a batch at a time (one
 * per chunk of input, never empty; constant memory). LOGIN and USER_ONLINE tell the network layer which
 * TCP ports carry peer traffic, before the next frame is decoded. A CaptureError is thrown by the
 * iterator after every PDU before the damage was yielded.
 */
export async function* dissectCaptureBatches(source: CaptureSource, opts: DissectCaptureOptions = {}): AsyncGenerator<DissectedPdu[]> {
  const udpPorts = opts.udpPorts ?? [...DEFAULT_UDP_PORTS];
  const decoder = new TextDecoder(opts.charset ?? DEFAULT_CHARSET); // RangeError on an unknown label
  const traffic = opts.traffic ?? new IcqTraffic({ udpPorts });
  const serverPorts = new Set(udpPorts);
  const onPeerAnnounced = (ip: string, port: number) => traffic.announcePeer(ip, port);
  const variants = new ClientVariantChoice();
  const clock = new CaptureClock();
  const dissectOptions: DissectOptions = { decoder, serverPorts, onPeerAnnounced, variants, clock, depth: opts.depth ?? 'full', ...(opts.registry ? { registry: opts.registry } : {}) };
  const reader = new IcqPayloadReader(traffic, opts.keepFrames === true);
  const full = dissectOptions.depth === 'full';
  // The frame that completes a PDU is in the batch being read (the last one, for what the reader held to the end).
  let frames: readonly CaptureRecord[] = [];
  const dissectAll = (payloads: Iterable<TransportPayload>): DissectedPdu[] => {
    const batch: DissectedPdu[] = [];
    for (const payload of payloads) {
      const dissected = dissectPayload(payload, dissectOptions);
      const size = full ? frameSizeIn(frames, payload.frame) : undefined;
      if (size) dissected.frameSize = size;
      batch.push(dissected);
    }
    return batch;
  };
  const { tap } = opts;
  const readOptions: ReadOptions = { ...(opts.onRead ? { onRead: opts.onRead } : {}), ...(tap ? { onFormat: (format) => tap.format(format) } : {}) };
  for await (const records of openCaptureBatches(source, readOptions)) {
    for (const record of records) clock.frame(record.time);
    opts.onFrames?.(records);
    if (tap) await tap.records(records, reader.oldestHeldFrame());
    frames = records;
    const batch = dissectAll(reader.payloads(records));
    if (batch.length > 0) yield batch;
  }
  const rest = dissectAll(reader.finish());
  if (rest.length > 0) yield rest;
}

/** The sizes of frame number `frame` among records numbered one after another. */
function frameSizeIn(records: readonly CaptureRecord[], frame: number): FrameSize | undefined {
  const first = records[0]?.index;
  const record = first === undefined ? undefined : records[frame - first];
  return record?.index === frame ? { onWire: record.originalLength, captured: record.capturedLength } : undefined;
}

/** The same PDUs one at a time. */
export function dissectCapture(source: CaptureSource, opts: DissectCaptureOptions = {}): AsyncGenerator<DissectedPdu> {
  return flatten(dissectCaptureBatches(source, opts));
}
