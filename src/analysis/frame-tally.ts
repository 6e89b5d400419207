import type { CaptureRecord } from '../capture/record.js';
import type { DissectedPdu } from '../dissect/pdu.js';
import { endpointText } from '../dissect/endpoint-text.js';
import { parseIp } from '../net/ip-header.js';
import { RecentlyUsed } from '../net/recently-used.js';
import { decodeLink } from '../net/link.js';
import { IP_PROTOCOL, parseTcp, TCP_FLAG } from '../net/transport-header.js';
import type { PerDirection, SessionFrames, SessionSummary } from './session-summary.js';

/**
 * Frames and frame bytes (tshark's frame.len) of each session, as tshark's `-z conv,udp` / `-z conv,tcp`
 * count them. A UDP session's frames are those of its PDUs (one datagram each). A TCP session's are every
 * frame of its connection, the handshake, bare ACKs and FINs too, which no PDU carries: so every TCP
 * frame is tallied by its address pair as it is read, and a connection is tied to its session by its
 * first PDU. A SYN after both FINs or a RST starts a new connection on the same pair, as tshark's
 * tcp.stream does. Address pairs no PDU of a listed session claimed are kept apart, the least recently
 * used forgotten beyond UNCLAIMED_LIMIT; only listed sessions (the analysis' `listed`) are counted, so
 * the tally stays as bounded as the list.
 */
const UNCLAIMED_LIMIT = 10_000;

/** One TCP connection's frames; `low` is the endpoint whose text sorts first in its pair key. No Map or text per connection: 10,000 pairs no session claimed are kept. */
interface Connection {
  firstFrame: number;
  fins: number;
  reset: boolean;
  session: number | undefined;
  lowFrames: number;
  lowBytes: number;
  highFrames: number;
  highBytes: number;
}

type Direction = keyof PerDirection;
/** The directions of a session's low and high endpoint, as its client sorts first or not. */
const CLIENT_LOW: readonly [Direction, Direction] = ['client-to-server', 'server-to-client'];
const CLIENT_HIGH: readonly [Direction, Direction] = ['server-to-client', 'client-to-server'];

const zero = (): PerDirection => ({ 'client-to-server': 0, 'server-to-client': 0 });
const pairKey = (a: string, b: string): string => (a < b ? `${a} ${b}` : `${b} ${a}`);

export class FrameTally {
  /** The chunk being read: the frames that complete its PDUs (a UDP PDU's frame is always in it). */
  private chunk: readonly CaptureRecord[] = [];
  /** Each pair's connections, oldest first: the pairs a listed session's PDU claimed, and the others by last use. */
  private readonly claimed = new Map<string, Connection[]>();
  private readonly unclaimed = new RecentlyUsed<string, Connection[]>(UNCLAIMED_LIMIT);
  private readonly udp = new Map<number, { frames: PerDirection; bytes: PerDirection }>();

  /** `listed`: whether a session is one the list shows (the others are not counted). */
  constructor(private readonly listed: (id: number) => boolean) {}

  /** Every chunk of records, before the PDUs made from them (src/dissect/dissect-capture.ts `onFrames`). */
  readonly records = (records: readonly CaptureRecord[]): void => {
    this.chunk = records;
    for (const record of records) this.tcpFrame(record);
  };

  /** A PDU counted in session `id`. */
  pdu(d: DissectedPdu, id: number): void {
    const { pdu } = d;
    if (!this.listed(id)) return;
    if (pdu.transport === 'tcp') {
      const key = pairKey(pdu.src, pdu.dst);
      const connections = this.connectionsOf(key);
      const connection = connections && connectionAt(connections, pdu.frames[0] ?? pdu.frame);
      if (!connection) return;
      connection.session ??= id;
      if (this.unclaimed.delete(key)) this.claimed.set(key, connections);
      return;
    }
    let counts = this.udp.get(id);
    if (!counts) this.udp.set(id, (counts = { frames: zero(), bytes: zero() }));
    const direction = pdu.direction === 'server-to-client' ? 'server-to-client' : 'client-to-server';
    counts.frames[direction] += 1;
    counts.bytes[direction] += this.lengthOf(pdu.frame);
  }

  /** The session's frames and frame bytes, by the directions of its summary. */
  of(session: SessionSummary): SessionFrames {
    if (session.transport === 'udp') {
      const counts = this.udp.get(session.id);
      return { frames: counts?.frames ?? zero(), frameBytes: counts?.bytes ?? zero() };
    }
    const result: SessionFrames = { frames: zero(), frameBytes: zero() };
    const [low, high] = session.client < session.server ? CLIENT_LOW : CLIENT_HIGH;
    for (const connection of this.connectionsOf(pairKey(session.client, session.server)) ?? []) {
      if (connection.session !== session.id) continue;
      result.frames[low] += connection.lowFrames;
      result.frameBytes[low] += connection.lowBytes;
      result.frames[high] += connection.highFrames;
      result.frameBytes[high] += connection.highBytes;
    }
    return result;
  }

  private lengthOf(frame: number): number {
    const offset = frame - (this.chunk[0]?.index ?? 0);
    const record = this.chunk[offset]?.index === frame ? this.chunk[offset] : this.chunk.find((r) => r.index === frame);
    return record?.originalLength ?? 0;
  }

  private tcpFrame(record: CaptureRecord): void {
    const link = decodeLink(record.linkType, record.bytes);
    if (link.kind !== 'ip') return;
    const ip = parseIp(link.packet);
    // A later fragment has no TCP header; the first one counts for the datagram.
    if (!ip.ok || ip.header.protocol !== IP_PROTOCOL.TCP || (ip.header.fragment?.offset ?? 0) > 0) return;
    const tcp = parseTcp(ip.header.payload, ip.header.declaredLength);
    if (!tcp.ok) return;
    const source = endpointText({ ip: ip.header.src, port: tcp.value.srcPort });
    const destination = endpointText({ ip: ip.header.dst, port: tcp.value.dstPort });
    const key = pairKey(source, destination);
    let connections = this.claimed.get(key) ?? this.unclaimed.use(key);
    if (!connections) {
      if (this.unclaimed.size >= UNCLAIMED_LIMIT) this.unclaimed.takeOldest();
      this.unclaimed.set(key, (connections = []));
    }
    const { flags } = tcp.value;
    let connection = connections[connections.length - 1];
    const opening = (flags & (TCP_FLAG.SYN | TCP_FLAG.ACK)) === TCP_FLAG.SYN;
    if (!connection || (opening && (connection.reset || connection.fins >= 2))) {
      connection = { firstFrame: record.index, fins: 0, reset: false, session: undefined, lowFrames: 0, lowBytes: 0, highFrames: 0, highBytes: 0 };
      connections.push(connection);
    }
    if (flags & TCP_FLAG.FIN) connection.fins += 1;
    if (flags & TCP_FLAG.RST) connection.reset = true;
    if (source < destination) {
      connection.lowFrames += 1;
      connection.lowBytes += record.originalLength;
    } else {
      connection.highFrames += 1;
      connection.highBytes += record.originalLength;
    }
  }

  private connectionsOf(key: string): Connection[] | undefined {
    return this.claimed.get(key) ?? this.unclaimed.peek(key);
  }
}

/** The connection that carried a PDU whose first frame is `frame`: the pair's latest one begun by then. */
function connectionAt(connections: readonly Connection[], frame: number): Connection | undefined {
  for (let i = connections.length - 1; i >= 0; i--) if (connections[i]!.firstFrame <= frame) return connections[i];
  return undefined;
}
