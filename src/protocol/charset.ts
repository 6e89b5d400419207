/**
 * Text to bytes in a stated charset, for the encoder. Node's TextEncoder only writes UTF-8, so for the
 * single-byte code pages 1998 clients used (windows-1252, windows-1251, ...) the table is built from
 * TextDecoder itself: one source of truth for both directions.
 */

const cache = new Map<string, (text: string) => Buffer>();

export function textEncoder(charset: string): (text: string) => Buffer {
  const known = cache.get(charset);
  if (known) return known;
  const decoder = new TextDecoder(charset); // throws RangeError for an unknown label
  const encode = decoder.encoding === 'utf-8' ? (text: string) => Buffer.from(text, 'utf8') : singleByte(decoder);
  cache.set(charset, encode);
  return encode;
}

function singleByte(decoder: TextDecoder): (text: string) => Buffer {
  const byChar = new Map<string, number>();
  for (let b = 255; b >= 0; b--) byChar.set(decoder.decode(Uint8Array.of(b)), b);
  const question = 0x3f;
  return (text) => Buffer.from([...text].map((ch) => byChar.get(ch) ?? question));
}
