/** Magic numbers that identify capture files by their first four bytes (read big-endian). */

export const GZIP_MAGIC = 0x1f8b; // first two bytes only

/** Classic pcap magics as they read big-endian: the writer's byte order decides which one appears. */
export const PCAP_MICRO_MAGIC = 0xa1b2c3d4;
export const PCAP_MICRO_MAGIC_SWAPPED = 0xd4c3b2a1;
export const PCAP_NANO_MAGIC = 0xa1b23c4d;
export const PCAP_NANO_MAGIC_SWAPPED = 0x4d3cb2a1;

/** pcapng Section Header Block type: a palindrome, so it reads the same in both byte orders. */
export const PCAPNG_SHB_TYPE = 0x0a0d0d0a;
/** pcapng byte-order magic inside the SHB. */
export const PCAPNG_BYTE_ORDER_MAGIC = 0x1a2b3c4d;
