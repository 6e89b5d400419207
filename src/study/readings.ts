/** The readings of a value that make sense for its length, as the study reports them. */
export interface Readings {
  u8?: number;
  u16le?: number;
  u16be?: number;
  u32le?: number;
  u32be?: number;
  i32le?: number;
  ip?: string;
  text?: string;
}

/** Printable ASCII (and Latin-1 letters) with an optional final NUL: worth reading as text. */
function asText(bytes: Buffer): string | undefined {
  const body = bytes.length > 0 && bytes[bytes.length - 1] === 0 ? bytes.subarray(0, -1) : bytes;
  if (body.length === 0 || body.some((b) => b < 0x20 || (b >= 0x7f && b < 0xa0))) return undefined;
  return body.toString('latin1');
}

export function readingsOf(hex: string): Readings {
  const bytes = Buffer.from(hex, 'hex');
  const text = asText(bytes);
  const readings: Readings = {};
  if (bytes.length === 1) readings.u8 = bytes[0]!;
  if (bytes.length === 2) {
    readings.u16le = bytes.readUInt16LE(0);
    readings.u16be = bytes.readUInt16BE(0);
  }
  if (bytes.length === 4) {
    readings.u32le = bytes.readUInt32LE(0);
    readings.u32be = bytes.readUInt32BE(0);
    readings.i32le = bytes.readInt32LE(0);
    readings.ip = [...bytes].join('.');
  }
  if (text !== undefined) readings.text = text;
  return readings;
}

/** The unsigned integer readings of `length` bytes at `offset` (1, 2 or 4 bytes; NaN for other lengths): into `out`, no object made. */
export function readIntegers(bytes: Uint8Array, offset: number, length: number, out: { le: number; be: number }): void {
  let le = 0;
  let be = 0;
  if (length === 1 || length === 2 || length === 4) {
    for (let i = 0, scale = 1; i < length; i++, scale *= 256) {
      const b = bytes[offset + i]!;
      le += b * scale;
      be = be * 256 + b;
    }
  } else le = be = NaN;
  out.le = le;
  out.be = be;
}
