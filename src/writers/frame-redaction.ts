/**
 * --redact in written frames: the bytes of a secret field (the ranges the text outputs mask) become 'x', NUL
 * bytes kept so a string keeps its length and its end; the UDP or TCP checksum is adjusted to the change.
 */
import type { CaptureRecord } from '../capture/record.js';
import { IP_PROTOCOL } from '../net/transport-header.js';
import { internetChecksum } from './checksum.js';
import type { FrameLayout } from './frame-layout.js';

const MASK_BYTE = 0x78; // 'x'
const UDP_HEADER_LENGTH = 8;
const CHECKSUM_OFFSET: Readonly<Record<number, number>> = { [IP_PROTOCOL.UDP]: 6, [IP_PROTOCOL.TCP]: 16 };

/** A held frame: `bytes` start as the record's and become a copy once something in them changes. */
export interface RedactableFrame {
  record: CaptureRecord;
  layout: FrameLayout;
  bytes: Buffer;
}

/** A byte range [start, end) of a PDU, as src/format/redact.ts reports what it masked. */
export interface ByteRange {
  start: number;
  end: number;
}

/** Where the PDU's bytes are: a byte's position in a frame's transport datagram, and the frame whose checksum covers it. */
export interface Placement {
  position(frame: RedactableFrame, offset: number): number | undefined;
  checksumHolder(frame: RedactableFrame): RedactableFrame | undefined;
}

interface ByteChange {
  /** In the transport datagram (its parity says which half of a 16-bit word the byte is). */
  position: number;
  before: number;
  after: number;
}

/** A UDP PDU: after the UDP header, in one frame or in IP fragments; the first fragment carries the checksum. */
export function udpPlacement(frames: readonly RedactableFrame[]): Placement {
  const first = frames.find((frame) => frame.layout.kind !== 'none' && frame.layout.part.datagramOffset === 0 && frame.layout.part.protocol === IP_PROTOCOL.UDP);
  return { position: (frame, offset) => within(frame, UDP_HEADER_LENGTH + offset), checksumHolder: () => first };
}

/** A TCP PDU: by sequence number in each segment, which carries its own checksum. */
export function tcpPlacement(tcpSeq: number): Placement {
  return {
    position: (frame, offset) => (frame.layout.kind === 'segment' ? within(frame, frame.layout.tcp.headerLength + ((tcpSeq + offset - frame.layout.tcp.seq) >>> 0)) : undefined),
    checksumHolder: (frame) => frame,
  };
}

function within(frame: RedactableFrame, position: number): number | undefined {
  if (frame.layout.kind === 'none') return undefined;
  const { datagramOffset, length } = frame.layout.part;
  return position >= datagramOffset && position < datagramOffset + length ? position : undefined;
}

/** Overwrites the ranges in every frame that holds them; false when a byte of them is in none of the frames. */
export function redactFrames(frames: readonly RedactableFrame[], placement: Placement, ranges: readonly ByteRange[], pduLength: number): boolean {
  const changes = new Map<RedactableFrame, ByteChange[]>();
  let located = true;
  for (const { start, end } of ranges) {
    for (let offset = start; offset < Math.min(end, pduLength); offset++) {
      let found = false;
      for (const frame of frames) {
        const position = placement.position(frame, offset);
        if (position === undefined || frame.layout.kind === 'none') continue;
        found = true;
        const at = frame.layout.part.at + position - frame.layout.part.datagramOffset;
        const before = frame.bytes[at]!;
        if (before === 0 || before === MASK_BYTE) continue;
        ownBytes(frame)[at] = MASK_BYTE;
        const holder = placement.checksumHolder(frame);
        if (holder) changes.set(holder, [...(changes.get(holder) ?? []), { position, before, after: MASK_BYTE }]);
      }
      located &&= found;
    }
  }
  for (const [holder, list] of changes) fixChecksum(holder, list);
  return located;
}

function ownBytes(frame: RedactableFrame): Buffer {
  if (frame.bytes === frame.record.bytes) frame.bytes = Buffer.from(frame.record.bytes);
  return frame.bytes;
}

/** UDP's 0 means "no checksum" and stays; a computed 0 is sent as FFFF (RFC 768). */
function fixChecksum(holder: RedactableFrame, changes: readonly ByteChange[]): void {
  if (holder.layout.kind === 'none') return;
  const { part } = holder.layout;
  const at = part.at + CHECKSUM_OFFSET[part.protocol]!;
  if (at + 2 > part.at + part.length) return;
  const udp = part.protocol === IP_PROTOCOL.UDP;
  const checksum = holder.bytes.readUInt16BE(at);
  if (udp && checksum === 0) return;
  const adjusted = adjustedChecksum(checksum, changes);
  ownBytes(holder).writeUInt16BE(udp && adjusted === 0 ? 0xffff : adjusted, at);
}

/** RFC 1624: the checksum after bytes changed, from the old one and the changes alone (no other byte is needed, so a cut frame or a fragment works). */
export function adjustedChecksum(checksum: number, changes: readonly ByteChange[]): number {
  const words = Buffer.alloc(2 + 4 * changes.length);
  words.writeUInt16BE(~checksum & 0xffff, 0);
  changes.forEach(({ position, before, after }, i) => {
    const shift = position % 2 === 0 ? 8 : 0;
    words.writeUInt16BE(~(before << shift) & 0xffff, 2 + 4 * i);
    words.writeUInt16BE(after << shift, 4 + 4 * i);
  });
  return internetChecksum(words);
}
