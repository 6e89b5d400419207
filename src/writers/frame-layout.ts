/** Where a frame's transport bytes lie, read with the network layer's own header parsers: what -w decides on. */
import type { CaptureRecord } from '../capture/record.js';
import { parseIp } from '../net/ip-header.js';
import { decodeLink } from '../net/link.js';
import { IP_PROTOCOL, parseTcp } from '../net/transport-header.js';

/** The transport-layer bytes in a frame: a whole UDP datagram or TCP segment, or an IP fragment's share of one. */
export interface TransportPart {
  protocol: number;
  /** Offset in the frame of the first of them. */
  at: number;
  /** Their offset in the transport datagram: 0, or the fragment's offset. */
  datagramOffset: number;
  /** How many the frame holds (the snap length may have cut some). */
  length: number;
}

/** What a TCP segment says about its connection. */
export interface SegmentHeader {
  /** `ip|port` of each end. */
  src: string;
  dst: string;
  seq: number;
  ack: number;
  flags: number;
  headerLength: number;
  /** Payload bytes on the wire. */
  payloadLength: number;
}

export type FrameLayout =
  /** Nothing of UDP or TCP: no PDU has bytes in it. */
  | { kind: 'none' }
  /** A UDP datagram, or an IP fragment of anything. */
  | { kind: 'datagram'; part: TransportPart }
  /** A whole TCP segment. */
  | { kind: 'segment'; part: TransportPart; tcp: SegmentHeader };

const NONE: FrameLayout = { kind: 'none' };

export function frameLayout(record: CaptureRecord): FrameLayout {
  const link = decodeLink(record.linkType, record.bytes);
  if (link.kind !== 'ip') return NONE;
  const ip = parseIp(link.packet);
  if (!ip.ok) return NONE;
  const { header } = ip;
  const { protocol, payload } = header;
  const part = { protocol, at: payload.byteOffset - record.bytes.byteOffset, datagramOffset: header.fragment?.offset ?? 0, length: payload.length };
  if (header.fragment) return { kind: 'datagram', part };
  if (protocol === IP_PROTOCOL.UDP) return { kind: 'datagram', part };
  if (protocol !== IP_PROTOCOL.TCP) return NONE;
  const tcp = parseTcp(payload, header.declaredLength);
  if (!tcp.ok) return NONE;
  const { srcPort, dstPort, seq, ack, flags, wireLength } = tcp.value;
  const headerLength = payload.length - tcp.value.payload.length;
  return {
    kind: 'segment',
    part,
    tcp: { src: `${header.src}|${srcPort}`, dst: `${header.dst}|${dstPort}`, seq, ack, flags, headerLength, payloadLength: wireLength },
  };
}
