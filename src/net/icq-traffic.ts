/** Which traffic is ICQ (UDP ports, announced peer ports) and what the network layer counted and noted. */
import { DEFAULT_NET_LIMITS, type NetLimits } from './limits.js';
import type { Endpoint, NetNote } from './payload.js';
import type { TcpPolicy } from './tcp-connection.js';
import { UdpPortTally } from './udp-port-tally.js';

export interface IcqTrafficOptions {
  /** UDP ports of ICQ servers (default [4000]). */
  udpPorts?: number[];
  limits?: Partial<NetLimits>;
  /** Told every note the network layer makes (each is also on the payload it concerns, when there is one). */
  onNote?: (frame: number, note: NetNote) => void;
}

/** What a limit or an input that never completes made the network layer give up (the end summary on stderr). */
export interface Dropped {
  /** Fragmented IP datagrams that never completed. */
  ipDatagrams: number;
  /** ICQ TCP connections given up, still open, at the connection limit. */
  tcpConnections: number;
  /** Bytes of ICQ TCP streams skipped for holding no message start (after a hole, or first seen mid-stream). */
  tcpBytes: number;
}

export type DroppedKind = keyof Dropped;

export interface NetStats {
  frames: number;
  /** Frames whose link, IP or transport headers could not be decoded. */
  undecodable: number;
  /** The first of them, to name in a summary. */
  firstUndecodable?: { frame: number; message: string };
  icqPayloads: number;
  dropped: Dropped;
}

export class IcqTraffic implements TcpPolicy {
  readonly limits: NetLimits;
  readonly stats: NetStats = { frames: 0, undecodable: 0, icqPayloads: 0, dropped: { ipDatagrams: 0, tcpConnections: 0, tcpBytes: 0 } };
  /** The UDP traffic that was not ICQ, by port: which --port to try when none was. */
  readonly otherUdp = new UdpPortTally();
  private readonly udpPorts: ReadonlySet<number>;
  /** Announced peer ports: "ip|port", and "*|port" for any address. */
  private readonly peers = new Set<string>();
  private readonly onNote: ((frame: number, note: NetNote) => void) | undefined;

  constructor(opts: IcqTrafficOptions = {}) {
    this.onNote = opts.onNote;
    this.udpPorts = new Set(opts.udpPorts ?? [4000]);
    this.limits = { ...DEFAULT_NET_LIMITS, ...opts.limits };
  }

  /** A peer listens on this TCP port (from LOGIN / USER_ONLINE); null ip = any address. Later connections to it are ICQ. */
  announcePeer(ip: string | null, port: number): void {
    const key = `${ip ?? '*'}|${port}`;
    this.peers.delete(key); // re-adding moves it to the newest end
    this.peers.add(key);
    if (this.peers.size > this.limits.announcedPeers) this.peers.delete(this.peers.values().next().value as string);
  }

  isIcqUdp(src: Endpoint, dst: Endpoint): boolean {
    return this.udpPorts.has(src.port) || this.udpPorts.has(dst.port);
  }

  isAnnouncedTcp(a: Endpoint, b: Endpoint): boolean {
    return [a, b].some((e) => this.peers.has(`${e.ip}|${e.port}`) || this.peers.has(`*|${e.port}`));
  }

  count(kind: DroppedKind, count: number): void {
    this.stats.dropped[kind] += count;
  }

  note(frame: number, note: NetNote): void {
    this.onNote?.(frame, note);
  }
}
