import {
  GZIP_MAGIC,
  PCAP_MICRO_MAGIC,
  PCAP_MICRO_MAGIC_SWAPPED,
  PCAP_NANO_MAGIC,
  PCAP_NANO_MAGIC_SWAPPED,
  PCAPNG_SHB_TYPE,
} from './magic.js';

export interface PcapFormat {
  kind: 'pcap';
  bigEndian: boolean;
  nanosecond: boolean;
}

export type CaptureFormat = { kind: 'gzip' } | PcapFormat | { kind: 'pcapng' };

/** Bytes sniffFormat needs to decide (fewer only at the end of the data). */
export const SNIFF_LENGTH = 4;

const PCAP_MAGICS = new Map<number, PcapFormat>([
  [PCAP_MICRO_MAGIC, { kind: 'pcap', bigEndian: true, nanosecond: false }],
  [PCAP_MICRO_MAGIC_SWAPPED, { kind: 'pcap', bigEndian: false, nanosecond: false }],
  [PCAP_NANO_MAGIC, { kind: 'pcap', bigEndian: true, nanosecond: true }],
  [PCAP_NANO_MAGIC_SWAPPED, { kind: 'pcap', bigEndian: false, nanosecond: true }],
]);

/** Identifies the format from the first bytes; undefined when it is none we read. */
export function sniffFormat(head: Buffer): CaptureFormat | undefined {
  if (head.length >= 2 && head.readUInt16BE(0) === GZIP_MAGIC) return { kind: 'gzip' };
  if (head.length < SNIFF_LENGTH) return undefined;
  const magic = head.readUInt32BE(0);
  if (magic === PCAPNG_SHB_TYPE) return { kind: 'pcapng' };
  return PCAP_MAGICS.get(magic);
}
