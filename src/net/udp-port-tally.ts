import type { Endpoint } from './payload.js';

/** A UDP port that carried traffic other than ICQ: its frames, and how many of them start as ICQ v2 does. */
export interface PortCount {
  port: number;
  frames: number;
  /** Datagrams whose first two bytes are 02 00: the VERSION of an ICQ v2 packet. */
  icqLike: number;
}

/** Conversations whose server side is remembered; past it a datagram counts for its destination port. */
const MAX_CONVERSATIONS = 65_536;

/**
 * The UDP datagrams that were not taken as ICQ, counted by the port of each conversation's server: the
 * side the first datagram went to (a client speaks first, to 53 or to 4001), so a client's changing
 * ports do not crowd the list. Tells a user whose capture shows nothing which --port to try.
 */
export class UdpPortTally {
  private readonly serverPorts = new Map<string, number>();
  private readonly counts = new Map<number, PortCount>();

  see(src: Endpoint, dst: Endpoint, payload: Buffer): void {
    const [from, to] = [`${src.ip}|${src.port}`, `${dst.ip}|${dst.port}`];
    const conversation = from < to ? `${from} ${to}` : `${to} ${from}`;
    let port = this.serverPorts.get(conversation);
    if (port === undefined) {
      port = dst.port;
      if (this.serverPorts.size < MAX_CONVERSATIONS) this.serverPorts.set(conversation, port);
    }
    const count = this.counts.get(port) ?? { port, frames: 0, icqLike: 0 };
    count.frames++;
    if (payload.length >= 2 && payload.readUInt16LE(0) === 2) count.icqLike++;
    this.counts.set(port, count);
  }

  /** The ports with the most frames first (lower port numbers first among equals). */
  top(limit: number): PortCount[] {
    return [...this.counts.values()].sort((x, y) => y.frames - x.frames || x.port - y.port).slice(0, limit);
  }

  /** The port with the most datagrams that start as ICQ v2 does; undefined when none does. */
  likelyIcqPort(): number | undefined {
    const [best] = [...this.counts.values()].filter((c) => c.icqLike > 0).sort((x, y) => y.icqLike - x.icqLike || x.port - y.port);
    return best?.port;
  }
}
