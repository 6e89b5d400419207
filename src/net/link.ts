/** Link-layer decapsulation: finds the IP packet inside a captured frame. */

export type LinkResult =
  | { kind: 'ip'; packet: Buffer }
  /** Not IP (ARP, LLDP ...): nothing for us, not an error. */
  | { kind: 'other'; what: string }
  | { kind: 'error'; message: string };

export const LINKTYPE = {
  NULL: 0,
  ETHERNET: 1,
  RAW_12: 12,
  RAW_14: 14,
  RAW: 101,
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

export const ETHERTYPE = { IPV4: 0x0800, IPV6: 0x86dd, VLAN: 0x8100, QINQ: 0x88a8, QINQ_OLD: 0x9100 } as const;
const VLAN_TAGS: readonly number[] = [ETHERTYPE.VLAN, ETHERTYPE.QINQ, ETHERTYPE.QINQ_OLD];

/** BSD address families for IPv6 differ by OS (24 NetBSD/OpenBSD, 28 FreeBSD, 30 macOS). */
export const AF_INET = 2;
const AF_INET6 = [24, 28, 30];

export function decodeLink(linkType: number, frame: Buffer): LinkResult {
  switch (linkType) {
    case LINKTYPE.ETHERNET:
      return frame.length < 14 ? short('Ethernet', 14) : afterEtherType(frame, 12);
    case LINKTYPE.NULL:
    case LINKTYPE.LOOP:
      return bsdLoopback(frame, linkType === LINKTYPE.LOOP);
    case LINKTYPE.RAW:
    case LINKTYPE.RAW_12:
    case LINKTYPE.RAW_14:
    case LINKTYPE.IPV4:
    case LINKTYPE.IPV6:
      return byVersionNibble(frame, 0);
    case LINKTYPE.LINUX_SLL:
      return frame.length < 16 ? short('Linux cooked (SLL)', 16) : afterEtherType(frame, 14);
    case LINKTYPE.LINUX_SLL2:
      return frame.length < 20 ? short('Linux cooked (SLL2)', 20) : etherTypeAt(frame, frame.readUInt16BE(0), 20);
    default:
      return { kind: 'error', message: `unsupported link type ${linkType}` };
  }
}

function short(what: string, need: number): LinkResult {
  return { kind: 'error', message: `${what} header needs ${need} bytes, frame is shorter` };
}

/** The EtherType field at `offset`, then the payload, walking any stack of 802.1Q / 802.1ad tags. */
function afterEtherType(frame: Buffer, offset: number): LinkResult {
  return etherTypeAt(frame, frame.readUInt16BE(offset), offset + 2);
}

function etherTypeAt(frame: Buffer, etherType: number, payload: number): LinkResult {
  let type = etherType;
  let at = payload;
  while (VLAN_TAGS.includes(type)) {
    if (frame.length < at + 4) return { kind: 'error', message: 'VLAN tag cut short' };
    type = frame.readUInt16BE(at + 2);
    at += 4;
  }
  if (type === ETHERTYPE.IPV4 || type === ETHERTYPE.IPV6) return byVersionNibble(frame, at);
  return { kind: 'other', what: `EtherType 0x${type.toString(16).padStart(4, '0')}` };
}

function bsdLoopback(frame: Buffer, bigEndian: boolean): LinkResult {
  if (frame.length < 4) return short('loopback', 4);
  // DLT_NULL holds the family in the writer's byte order; a family is small, so a value with
  // high bits set was written big-endian by the other kind of host.
  const little = frame.readUInt32LE(0);
  const family = bigEndian || little > 0xffff ? frame.readUInt32BE(0) : little;
  if (family === AF_INET || AF_INET6.includes(family)) return byVersionNibble(frame, 4);
  return { kind: 'other', what: `address family ${family}` };
}

function byVersionNibble(frame: Buffer, offset: number): LinkResult {
  if (frame.length <= offset) return { kind: 'error', message: 'no IP header after the link header' };
  const version = frame[offset] >> 4;
  if (version !== 4 && version !== 6) return { kind: 'error', message: `IP version ${version} is neither 4 nor 6` };
  return { kind: 'ip', packet: frame.subarray(offset) };
}
