/** Every TCP connection of the capture, numbered in order of first sight, bounded by LRU eviction. */
import type { Timestamp } from '../capture/record.js';
import type { NetLimits } from './limits.js';
import type { Endpoint, TransportPayload } from './payload.js';
import { TcpConnection, type TcpPolicy } from './tcp-connection.js';
import type { TcpBudget } from './tcp-direction.js';
import { TCP_FLAG, type TcpSegment } from './transport-header.js';

export class TcpTable {
  /** In order of last use: the first entry is the one to evict. */
  private readonly connections = new Map<string, TcpConnection>();
  private nextStream = 0;
  private readonly budget: TcpBudget;

  constructor(
    private readonly limits: NetLimits,
    private readonly policy: TcpPolicy,
  ) {
    this.budget = { used: 0, limit: limits.tcpTotalBytes };
  }

  segment(src: Endpoint, dst: Endpoint, segment: TcpSegment, frame: number, time: Timestamp): TransportPayload[] {
    const key = connectionKey(src, dst);
    let connection = this.connections.get(key);
    const out: TransportPayload[] = [];
    const opening = (segment.flags & (TCP_FLAG.SYN | TCP_FLAG.ACK)) === TCP_FLAG.SYN;
    // A new SYN on a finished connection is a new connection reusing the ports (tshark does the same).
    if (connection && opening && connection.closed) {
      out.push(...connection.end(frame));
      connection = undefined;
    }
    if (connection) this.connections.delete(key);
    else {
      connection = new TcpConnection(this.nextStream++, [src, dst], this.budget, this.limits, this.policy);
      out.push(...this.evictFor(frame));
    }
    this.connections.set(key, connection);
    out.push(...connection.segment(connection.directionFrom(src), segment, frame, time));
    return out;
  }

  /** End of capture: every connection passes on what it still holds. */
  finish(frame: number): TransportPayload[] {
    const out = [...this.connections.values()].flatMap((connection) => connection.end(frame));
    this.connections.clear();
    return out;
  }

  private evictFor(frame: number): TransportPayload[] {
    const out: TransportPayload[] = [];
    while (this.connections.size >= this.limits.tcpConnections) {
      const [key, oldest] = this.connections.entries().next().value as [string, TcpConnection];
      this.connections.delete(key);
      if (oldest.icq && !oldest.closed) this.policy.note(frame, { severity: 'note', message: `connection limit (${this.limits.tcpConnections}) reached: TCP stream ${oldest.stream} no longer tracked` });
      out.push(...oldest.end(frame));
    }
    return out;
  }
}

function connectionKey(a: Endpoint, b: Endpoint): string {
  const x = `${a.ip}|${a.port}`;
  const y = `${b.ip}|${b.port}`;
  return x < y ? `${x}|${y}` : `${y}|${x}`;
}
