/** Minimal ICQ peer-to-peer TCP messages (LENGTH + body), hand-built for the network-layer tests (which must not depend on the protocol tables). */

export const PEER_COMMAND = { MESSAGE: 0x07ee, ACK: 0x07da, CANCEL: 0x07d0 } as const;

/** Prefixes `body` with its u16 little-endian LENGTH. */
export function peerMessage(body: Buffer): Buffer {
  const length = Buffer.alloc(2);
  length.writeUInt16LE(body.length);
  return Buffer.concat([length, body]);
}

/** CHANNEL_INIT as licq sends it: FF 03 00 00 00, then its listening port where the document has X2, then zeros. */
export function channelInit(uin: number, port: number): Buffer {
  const body = Buffer.alloc(26);
  body[0] = 0xff;
  body[1] = 3;
  body.writeUInt32LE(port, 5);
  body.writeUInt32LE(uin, 9);
  return peerMessage(body);
}

/** A peer command: UIN(4) VERSION(2) COMMAND(2) then `rest`. */
export function peerCommand(uin: number, command: number, rest: Buffer, version = 3): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32LE(uin, 0);
  head.writeUInt16LE(version, 4);
  head.writeUInt16LE(command, 6);
  return peerMessage(Buffer.concat([head, rest]));
}
