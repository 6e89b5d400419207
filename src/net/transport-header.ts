/** UDP and TCP header parsing. */

export const IP_PROTOCOL = { TCP: 6, UDP: 17 } as const;

export interface UdpDatagram {
  srcPort: number;
  dstPort: number;
  payload: Buffer;
  /** The capture holds fewer payload bytes than the UDP length declares. */
  truncated: boolean;
}

export type Parsed<T> = { ok: true; value: T; note?: string } | { ok: false; message: string };

/** `ipTruncated`: the IP layer already knows bytes are missing, so a short datagram is not malformed. */
export function parseUdp(data: Buffer, ipTruncated: boolean): Parsed<UdpDatagram> {
  if (data.length < 8) return { ok: false, message: `UDP header cut short (${data.length} bytes)` };
  const length = data.readUInt16BE(4);
  const srcPort = data.readUInt16BE(0);
  const dstPort = data.readUInt16BE(2);
  if (length < 8) {
    return { ok: true, value: { srcPort, dstPort, payload: data.subarray(8), truncated: ipTruncated }, note: `UDP length ${length} is below 8: IP length used` };
  }
  const payload = data.subarray(8, length);
  const truncated = length > data.length;
  const note = truncated && !ipTruncated ? `UDP length ${length} runs past the IP payload (${data.length} bytes)` : undefined;
  return { ok: true, value: { srcPort, dstPort, payload, truncated }, ...(note ? { note } : {}) };
}

export const TCP_FLAG = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10 } as const;

export interface TcpSegment {
  srcPort: number;
  dstPort: number;
  seq: number;
  ack: number;
  flags: number;
  payload: Buffer;
  /** Payload bytes on the wire (more than payload.length when the snap length cut the frame). */
  wireLength: number;
}

export function parseTcp(data: Buffer, declaredLength: number): Parsed<TcpSegment> {
  if (data.length < 20) return { ok: false, message: `TCP header cut short (${data.length} bytes)` };
  const headerLength = (data[12] >> 4) * 4;
  if (headerLength < 20) return { ok: false, message: `TCP header length ${headerLength} is below 20` };
  if (headerLength > data.length) return { ok: false, message: `TCP header length ${headerLength} runs past the packet` };
  return {
    ok: true,
    value: {
      srcPort: data.readUInt16BE(0),
      dstPort: data.readUInt16BE(2),
      seq: data.readUInt32BE(4),
      ack: data.readUInt32BE(8),
      flags: data[13],
      payload: data.subarray(headerLength),
      wireLength: Math.max(declaredLength, data.length) - headerLength,
    },
  };
}
