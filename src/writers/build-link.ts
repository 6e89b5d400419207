/** Deterministic link-layer encapsulations of an IP packet (for tests and sample captures). */
import { AF_INET, ETHERTYPE, LINKTYPE } from '../net/link.js';

const BSD_AF_INET6 = 24;
const MAC_A = Buffer.from('020000000001', 'hex');
const MAC_B = Buffer.from('020000000002', 'hex');

const isIpv6 = (packet: Buffer) => packet[0] >> 4 === 6;
const etherTypeOf = (packet: Buffer) => (isIpv6(packet) ? ETHERTYPE.IPV6 : ETHERTYPE.IPV4);

function u16(value: number): Buffer {
  const out = Buffer.alloc(2);
  out.writeUInt16BE(value);
  return out;
}

export interface VlanTag {
  /** 0x8100 (802.1Q, default), 0x88a8 (802.1ad) or 0x9100. */
  tpid?: number;
  id: number;
  priority?: number;
}

/** Ethernet II with an optional stack of VLAN tags, outermost first. */
export function ethernetFrame(packet: Buffer, vlans: VlanTag[] = []): Buffer {
  const tags = vlans.map((tag) => Buffer.concat([u16(tag.tpid ?? ETHERTYPE.VLAN), u16(((tag.priority ?? 0) << 13) | tag.id)]));
  return Buffer.concat([MAC_B, MAC_A, ...tags, u16(etherTypeOf(packet)), packet]);
}

/** BSD null/loopback (link type 0): the address family in the writing host's byte order. */
export function nullFrame(packet: Buffer, byteOrder: 'le' | 'be'): Buffer {
  const family = Buffer.alloc(4);
  const value = isIpv6(packet) ? BSD_AF_INET6 : AF_INET;
  if (byteOrder === 'le') family.writeUInt32LE(value);
  else family.writeUInt32BE(value);
  return Buffer.concat([family, packet]);
}

/** OpenBSD loopback (link type 108): the family always big-endian. */
export function loopFrame(packet: Buffer): Buffer {
  return nullFrame(packet, 'be');
}

/** Linux cooked capture v1 (link type 113), as an outgoing packet. */
export function sllFrame(packet: Buffer): Buffer {
  const header = Buffer.alloc(16);
  header.writeUInt16BE(4, 0); // sent by us
  header.writeUInt16BE(1, 2); // ARPHRD_ETHER
  header.writeUInt16BE(6, 4);
  MAC_A.copy(header, 6);
  header.writeUInt16BE(etherTypeOf(packet), 14);
  return Buffer.concat([header, packet]);
}

/** Linux cooked capture v2 (link type 276). */
export function sll2Frame(packet: Buffer): Buffer {
  const header = Buffer.alloc(20);
  header.writeUInt16BE(etherTypeOf(packet), 0);
  header.writeUInt32BE(1, 4); // interface index
  header.writeUInt16BE(1, 8); // ARPHRD_ETHER
  header[10] = 4; // sent by us
  header[11] = 6;
  MAC_A.copy(header, 12);
  return Buffer.concat([header, packet]);
}

/** The frame for `linkType`; raw IP link types carry the packet as it is. */
export function linkFrame(linkType: number, packet: Buffer): Buffer {
  switch (linkType) {
    case LINKTYPE.ETHERNET:
      return ethernetFrame(packet);
    case LINKTYPE.NULL:
      return nullFrame(packet, 'le');
    case LINKTYPE.LOOP:
      return loopFrame(packet);
    case LINKTYPE.LINUX_SLL:
      return sllFrame(packet);
    case LINKTYPE.LINUX_SLL2:
      return sll2Frame(packet);
    case LINKTYPE.RAW:
    case LINKTYPE.RAW_12:
    case LINKTYPE.RAW_14:
    case LINKTYPE.IPV4:
    case LINKTYPE.IPV6:
      return packet;
    default:
      throw new Error(`no builder for link type ${linkType}`);
  }
}
