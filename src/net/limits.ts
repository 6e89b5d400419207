/**
 * Memory and time bounds of the network layer; whatever they make us drop gets a note, and a count in the
 * end summary on stderr (Dropped, src/cli/dropped-report.ts). The analysis's own (sessions, sequence
 * numbers per side) are in src/analysis: sequence-analyzer.ts, side-tracker.ts. All are in README, Limits.
 */
export interface NetLimits {
  /** Out-of-order bytes buffered per TCP direction. */
  tcpDirectionBytes: number;
  /** Out-of-order plus classification bytes buffered over all TCP connections. */
  tcpTotalBytes: number;
  /** TCP connections tracked at once; the least recently used is evicted. */
  tcpConnections: number;
  /** Bytes buffered per TCP direction while deciding whether a connection is ICQ. */
  tcpClassifyBytes: number;
  /** Capture-time seconds an incomplete fragmented IP datagram is kept. */
  fragmentTimeoutSeconds: number;
  /** Largest reassembled IP datagram payload. */
  fragmentDatagramBytes: number;
  /** Fragment bytes buffered over all incomplete datagrams; past it the oldest datagram is given up. */
  fragmentTotalBytes: number;
  /** Incomplete fragmented datagrams kept at once; past it the oldest is given up. */
  fragmentDatagrams: number;
  /** Peer ports announced by LOGIN / USER_ONLINE that are remembered; the oldest is forgotten first. */
  announcedPeers: number;
}

export const DEFAULT_NET_LIMITS: Readonly<NetLimits> = {
  tcpDirectionBytes: 1 << 20,
  tcpTotalBytes: 64 << 20,
  tcpConnections: 2048,
  tcpClassifyBytes: 4096,
  fragmentTimeoutSeconds: 30,
  fragmentDatagramBytes: 65_535,
  fragmentTotalBytes: 8 << 20,
  fragmentDatagrams: 1024,
  announcedPeers: 65_536,
};
