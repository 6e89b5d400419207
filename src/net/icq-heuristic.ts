/**
 * Recognises the start of an ICQ peer-to-peer message: LENGTH(2, little-endian) then either
 * CHANNEL_INIT (`FF 02|03 00 00 00`) or a body whose bytes 4-5 are version 2 or 3 and bytes 6-7
 * a message command (0x07EE message, 0x07DA acknowledgement, 0x07D0 cancel).
 */

export type StartVerdict = 'yes' | 'no' | 'more';

const PEER_VERSIONS: readonly number[] = [2, 3];
const PEER_COMMANDS: readonly number[] = [0x07ee, 0x07da, 0x07d0];
/** LENGTH plus the 8 body bytes the command test reads. */
const DECIDING_BYTES = 10;

export function icqMessageStartsAt(buf: Buffer, at: number): StartVerdict {
  const available = buf.length - at;
  if (available < 2) return 'more';
  const length = buf.readUInt16LE(at);
  const body = at + 2;
  if (
    available >= 7 &&
    length >= 5 &&
    buf[body] === 0xff &&
    PEER_VERSIONS.includes(buf[body + 1]) &&
    buf.readUInt32LE(body + 1) === buf[body + 1]
  ) {
    return 'yes';
  }
  if (available < DECIDING_BYTES) return 'more';
  const isCommand = length >= 8 && PEER_VERSIONS.includes(buf.readUInt16LE(body + 4)) && PEER_COMMANDS.includes(buf.readUInt16LE(body + 6));
  return isCommand ? 'yes' : 'no';
}

/**
 * The first position from `from` where a message starts (found), or else the first position that
 * needs more bytes to decide (everything before it can be skipped).
 */
export function findIcqMessageStart(buf: Buffer, from: number): { at: number; found: boolean } {
  for (let at = from; at < buf.length; at++) {
    const verdict = icqMessageStartsAt(buf, at);
    if (verdict !== 'no') return { at, found: verdict === 'yes' };
  }
  return { at: buf.length, found: false };
}
