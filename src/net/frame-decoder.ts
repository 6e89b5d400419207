/** One captured frame down to ICQ payloads: link, IP (with fragments), UDP or TCP. */
import type { CaptureRecord } from '../capture/record.js';
import { oldestFrame } from './held-frames.js';
import type { IcqTraffic } from './icq-traffic.js';
import type { Abandoned } from './ip-fragments.js';
import { IpLayer, type IpDatagram } from './ip-layer.js';
import { decodeLink } from './link.js';
import { ownCopy } from './own-copy.js';
import type { CompletingFrame, NetNote, TransportPayload } from './payload.js';
import type { FrameFacts } from './tcp-connection.js';
import { TcpTable } from './tcp-table.js';
import { IP_PROTOCOL, parseTcp, parseUdp, TCP_FLAG } from './transport-header.js';
import { note } from './note-kinds.js';

/** What a record says of itself: longer than its file's snap length (tshark reads it too). */
function recordNotes(record: CaptureRecord): NetNote[] {
  if (record.snapLength === 0 || record.capturedLength <= record.snapLength) return [];
  return [note('past-snap-length', `record of ${record.capturedLength} bytes, longer than the file's snap length ${record.snapLength}: read as it is`)];
}

export class FrameDecoder {
  private readonly ip: IpLayer;
  private readonly tcp: TcpTable;
  private lastFrame = 0;

  /** `keepFrames`: each payload carries the frame that completes it (-x); otherwise no frame outlives its decoding. */
  constructor(
    private readonly traffic: IcqTraffic,
    private readonly keepFrames = false,
  ) {
    this.ip = new IpLayer(traffic.limits);
    this.tcp = new TcpTable(traffic.limits, traffic);
  }

  frame(record: CaptureRecord): TransportPayload[] {
    this.traffic.stats.frames++;
    this.lastFrame = record.index;
    const link = decodeLink(record.linkType, record.bytes);
    if (link.kind === 'other') return [];
    if (link.kind === 'error') return this.undecodable(record.index, link.message);
    const ip = this.ip.decode(link.packet, record.index, record.time);
    const out = this.abandoned(this.ip.takeAbandoned());
    if (ip.kind === 'pending') return out;
    if (ip.kind === 'error') return [...out, ...this.undecodable(record.index, ip.message)];
    const datagram = ip.datagram;
    const facts = this.facts(record, datagram);
    if (datagram.protocol === IP_PROTOCOL.UDP) out.push(...this.udp(datagram, record, facts));
    if (datagram.protocol === IP_PROTOCOL.TCP) out.push(...this.tcpSegment(datagram, record, facts));
    return out;
  }

  /** The oldest frame whose bytes wait in a fragment or TCP buffer; older frames are in no payload to come. */
  oldestHeldFrame(): number | undefined {
    return oldestFrame([this.ip.oldestHeldFrame(), this.tcp.oldestHeldFrame()]);
  }

  /** End of capture. */
  finish(): TransportPayload[] {
    return [...this.abandoned(this.ip.finish()), ...this.tcp.finish(this.lastFrame)];
  }

  /** The frame's own notes and the datagram's; its payload is cut by the snap length only when the record is shorter than the frame was. */
  private facts(record: CaptureRecord, datagram: IpDatagram): FrameFacts {
    const notes = [...recordNotes(record), ...datagram.notes];
    const short = record.capturedLength < record.originalLength ? 'snap-cut' : 'ip-length';
    if (datagram.truncated && short === 'ip-length') {
      const captured = datagram.payload.length;
      notes.push(note('ip-length', `IPv${datagram.src.includes(':') ? 6 : 4} length exceeds the packet length: ${datagram.declaredLength} payload bytes declared, ${captured} in the frame`));
    }
    return { short, notes };
  }

  /**
   * Datagrams that never completed: counted, each noted, and one whose first fragment holds an ICQ UDP
   * header is listed by that fragment with the bytes it has, as tshark lists "Fragmented IP protocol".
   */
  private abandoned(datagrams: Abandoned[]): TransportPayload[] {
    const out: TransportPayload[] = [];
    for (const datagram of datagrams) {
      this.traffic.count('ipDatagrams', 1);
      const first = datagram.first;
      const why = note('fragment-dropped', `Fragmented IP protocol: ${datagram.key} never completed (${datagram.reason}): ${datagram.fragments} fragment(s), ${datagram.start.length} bytes from its start`);
      this.traffic.note(first?.frame ?? this.lastFrame, why);
      if (!first || datagram.origin.protocol !== IP_PROTOCOL.UDP) continue;
      const udp = parseUdp(datagram.start, true);
      if (!udp.ok) continue;
      const src = { ip: datagram.origin.src, port: udp.value.srcPort };
      const dst = { ip: datagram.origin.dst, port: udp.value.dstPort };
      if (!this.traffic.isIcqUdp(src, dst)) continue;
      out.push({ transport: 'udp', frame: first.frame, frames: [first.frame], time: first.time, src, dst, bytes: udp.value.payload, truncated: false, notes: [why] });
    }
    return out;
  }

  private udp(datagram: IpDatagram, record: CaptureRecord, facts: FrameFacts): TransportPayload[] {
    const udp = parseUdp(datagram.payload, datagram.truncated);
    if (!udp.ok) return this.undecodable(record.index, udp.message);
    const { value } = udp;
    const src = { ip: datagram.src, port: value.srcPort };
    const dst = { ip: datagram.dst, port: value.dstPort };
    if (!this.traffic.isIcqUdp(src, dst)) {
      this.traffic.otherUdp.see(src, dst, value.payload);
      return [];
    }
    const notes = udp.note ? [...facts.notes, note('udp-length', udp.note)] : facts.notes;
    for (const each of notes) this.traffic.note(record.index, each);
    const truncated = (value.truncated || datagram.truncated) && facts.short === 'snap-cut';
    const payload: TransportPayload = { transport: 'udp', frame: record.index, frames: datagram.frames, time: record.time, src, dst, bytes: value.payload, truncated, notes };
    if (this.keepFrames) {
      // A datagram reassembled from fragments is not a view of this frame: its place in the frame stays unknown.
      const at = offsetIn(record.bytes, value.payload);
      payload.completing = at === undefined ? { bytes: ownCopy(record.bytes) } : { bytes: ownCopy(record.bytes), part: { start: 0, end: value.payload.length, at } };
    }
    return [payload];
  }

  private tcpSegment(datagram: IpDatagram, record: CaptureRecord, facts: FrameFacts): TransportPayload[] {
    const tcp = parseTcp(datagram.payload, datagram.declaredLength);
    if (!tcp.ok) return this.undecodable(record.index, tcp.message);
    const src = { ip: datagram.src, port: tcp.value.srcPort };
    const dst = { ip: datagram.dst, port: tcp.value.dstPort };
    const payloads = this.tcp.segment(src, dst, tcp.value, record.index, record.time, facts);
    if (this.keepFrames && payloads.length > 0) {
      const frame = ownCopy(record.bytes);
      const at = offsetIn(record.bytes, tcp.value.payload);
      // A SYN takes one sequence number before any data it carries.
      const dataSeq = tcp.value.flags & TCP_FLAG.SYN ? (tcp.value.seq + 1) >>> 0 : tcp.value.seq;
      for (const payload of payloads) payload.completing = completingTcp(frame, payload, record.index, dataSeq, at, tcp.value.payload.length);
    }
    return payloads;
  }

  private undecodable(frame: number, message: string): TransportPayload[] {
    this.traffic.stats.undecodable++;
    this.traffic.stats.firstUndecodable ??= { frame, message };
    this.traffic.note(frame, note('undecodable', message));
    return [];
  }
}

/** Where `view` starts inside `frame`, when it is a view of the frame's own bytes. */
function offsetIn(frame: Buffer, view: Buffer): number | undefined {
  const at = view.byteOffset - frame.byteOffset;
  return view.buffer === frame.buffer && at >= 0 && at + view.length <= frame.length ? at : undefined;
}

/**
 * The part of a TCP message this frame's segment carried, placed by sequence numbers: the message's
 * bytes from `frame` start `seq - dataSeq` bytes into the segment's payload (at `payloadAt` in the frame).
 */
function completingTcp(bytes: Buffer, payload: TransportPayload, frame: number, dataSeq: number, payloadAt: number | undefined, payloadLength: number): CompletingFrame {
  const share = payload.parts?.find((part) => part.frame === frame);
  if (share === undefined || payloadAt === undefined || payload.tcpSeq === undefined) return { bytes };
  const skip = (payload.tcpSeq + share.start - dataSeq) >>> 0; // modulo 2^32: sequence numbers wrap
  if (skip + share.end - share.start > payloadLength) return { bytes };
  return { bytes, part: { start: share.start, end: share.end, at: payloadAt + skip } };
}
