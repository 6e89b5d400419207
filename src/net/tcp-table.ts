/** Every TCP connection of the capture, numbered in order of first sight, bounded by LRU eviction. */
import type { Timestamp } from '../capture/record.js';
import { oldestFrame } from './held-frames.js';
import type { NetLimits } from './limits.js';
import type { Endpoint, TransportPayload } from './payload.js';
import { TcpConnection, type FrameFacts, type TcpPolicy } from './tcp-connection.js';
import type { TcpBudget } from './tcp-direction.js';
import { TCP_FLAG, type TcpSegment } from './transport-header.js';
import { note } from './note-kinds.js';
import { RecentlyUsed } from './recently-used.js';

/**
 * A closed connection (FIN both ways, or RST) is forgotten once it has been silent this long (TCP's
 * TIME_WAIT, twice the two-minute segment lifetime): until then a late segment still finds it, and
 * memory no longer holds every closed connection up to the connection limit (it held 10,000 of them,
 * about 3 KB each, for each reader of a long capture).
 */
const CLOSED_LINGER_SECONDS = 240;

export class TcpTable {
  /** In order of last use: the oldest is the one to evict. */
  private readonly connections: RecentlyUsed<string, TcpConnection>;
  private lastSweep = -Infinity;
  private nextStream = 0;
  private readonly budget: TcpBudget;

  constructor(
    private readonly limits: NetLimits,
    private readonly policy: TcpPolicy,
  ) {
    this.budget = { used: 0, limit: limits.tcpTotalBytes };
    this.connections = new RecentlyUsed(limits.tcpConnections);
  }

  segment(src: Endpoint, dst: Endpoint, segment: TcpSegment, frame: number, time: Timestamp, facts: FrameFacts): TransportPayload[] {
    const key = connectionKey(src, dst);
    let connection = this.connections.use(key);
    const out: TransportPayload[] = [];
    const opening = (segment.flags & (TCP_FLAG.SYN | TCP_FLAG.ACK)) === TCP_FLAG.SYN;
    // A new SYN on a finished connection is a new connection reusing the ports (tshark does the same).
    if (connection && opening && connection.closed) {
      out.push(...connection.end(frame));
      this.connections.delete(key);
      connection = undefined;
    }
    if (!connection) {
      connection = new TcpConnection(this.nextStream++, [src, dst], this.budget, this.limits, this.policy);
      out.push(...this.evictFor(frame));
      this.connections.set(key, connection);
    }
    out.push(...connection.segment(connection.directionFrom(src), segment, frame, time, facts));
    if (time.seconds - this.lastSweep >= 1) this.forgetClosed(time.seconds, frame, out);
    return out;
  }

  /** Forgets closed connections silent for CLOSED_LINGER_SECONDS (looked at once per second of capture time). */
  private forgetClosed(now: number, frame: number, out: TransportPayload[]): void {
    this.lastSweep = now;
    // Least recently used first: from the first one used since the limit on, all are younger.
    for (const [key, connection] of this.connections.oldestFirst((c) => now - c.lastSeen >= CLOSED_LINGER_SECONDS)) {
      if (!connection.closed) continue;
      this.connections.delete(key);
      out.push(...connection.end(frame));
    }
  }

  oldestHeldFrame(): number | undefined {
    return oldestFrame(this.connections.values().map((connection) => connection.oldestHeldFrame()));
  }

  /** End of capture: every connection passes on what it still holds. */
  finish(frame: number): TransportPayload[] {
    const out = this.connections.values().flatMap((connection) => connection.end(frame));
    this.connections.clear();
    return out;
  }

  private evictFor(frame: number): TransportPayload[] {
    const out: TransportPayload[] = [];
    while (this.connections.size >= this.limits.tcpConnections) {
      const [, oldest] = this.connections.takeOldest()!;
      if (oldest.icq && !oldest.closed) {
        const why = note('tcp-connection-limit', `connection limit (${this.limits.tcpConnections}) reached: TCP stream ${oldest.stream} no longer tracked`);
        this.policy.note(frame, why);
        this.policy.count('tcpConnections', 1);
        out.push(...oldest.giveUp(frame, why));
      } else out.push(...oldest.end(frame));
    }
    return out;
  }
}

function connectionKey(a: Endpoint, b: Endpoint): string {
  const x = `${a.ip}|${a.port}`;
  const y = `${b.ip}|${b.port}`;
  return x < y ? `${x}|${y}` : `${y}|${x}`;
}
