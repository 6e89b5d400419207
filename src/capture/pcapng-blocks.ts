/** pcapng block and option codes shared by the reader and the writer. */

export const BLOCK = {
  sectionHeader: 0x0a0d0d0a,
  interfaceDescription: 0x00000001,
  simplePacket: 0x00000003,
  enhancedPacket: 0x00000006,
} as const;

export const OPTION = {
  endOfOptions: 0,
  ifTsresol: 9,
  ifTsoffset: 14,
} as const;

/** Type and total length words in front of every block, and the repeated total length after it. */
export const BLOCK_HEADER_LENGTH = 8;
export const BLOCK_TRAILER_LENGTH = 4;
export const MIN_BLOCK_LENGTH = BLOCK_HEADER_LENGTH + BLOCK_TRAILER_LENGTH;
/** The SHB needs its byte-order magic (after the two header words) before its length can be read. */
export const SHB_PREFIX_LENGTH = 12;
/** Larger blocks are taken as corruption rather than buffered. */
export const MAX_BLOCK_LENGTH = 16 * 1024 * 1024;

/** Lengths are padded to 32 bits throughout pcapng. */
export function padded(length: number): number {
  return (length + 3) & ~3;
}
