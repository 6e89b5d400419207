/** Reading and writing integers whose byte order is only known at run time (pcap / pcapng headers). */

export function readU16(buf: Buffer, offset: number, bigEndian: boolean): number {
  return bigEndian ? buf.readUInt16BE(offset) : buf.readUInt16LE(offset);
}

export function readU32(buf: Buffer, offset: number, bigEndian: boolean): number {
  return bigEndian ? buf.readUInt32BE(offset) : buf.readUInt32LE(offset);
}

export function readI64(buf: Buffer, offset: number, bigEndian: boolean): bigint {
  return bigEndian ? buf.readBigInt64BE(offset) : buf.readBigInt64LE(offset);
}

export function writeU16(buf: Buffer, value: number, offset: number, bigEndian: boolean): void {
  if (bigEndian) buf.writeUInt16BE(value, offset);
  else buf.writeUInt16LE(value, offset);
}

export function writeU32(buf: Buffer, value: number, offset: number, bigEndian: boolean): void {
  if (bigEndian) buf.writeUInt32BE(value, offset);
  else buf.writeUInt32LE(value, offset);
}

export function writeI64(buf: Buffer, value: bigint, offset: number, bigEndian: boolean): void {
  if (bigEndian) buf.writeBigInt64BE(value, offset);
  else buf.writeBigInt64LE(value, offset);
}
