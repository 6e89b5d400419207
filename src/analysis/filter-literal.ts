/**
 * A value as a filter writes it. Wireshark reads an unquoted value by the type of the field it meets,
 * so a number or a word has a reading as bytes too (`65` is the byte 0x65 in a byte field, `cafe` the
 * bytes ca fe) and a quoted string one as its UTF-8 bytes; the readings below give them.
 */
export type Literal =
  | { kind: 'number'; value: number; text: string }
  /** `quoted` false: a bare word (a command name, a bit name). */
  | { kind: 'string'; value: string; quoted: boolean }
  /** A byte string (72:00:04:00, 4cc602): the raw bytes as hex, lowercase. */
  | { kind: 'bytes'; value: string }
  | { kind: 'ip'; value: Ipv4 }
  | { kind: 'regex'; value: RegExp };

/** An IPv4 address as a 32-bit unsigned number, with the prefix length of a CIDR block (32 for one address). */
export interface Ipv4 {
  address: number;
  prefix: number;
}

const HEX_RUN = /^(?:[0-9a-f]{2})+$/i;

/** The literal as bytes (hex), for byte fields; undefined when it has no such reading (0x41, -1, 1.5, "not hex"). */
export function bytesReading(literal: Literal): string | undefined {
  switch (literal.kind) {
    case 'bytes':
      return literal.value;
    case 'number':
      // As Wireshark: decimal digits are hex digits of a byte string; one digit is one byte.
      if (!/^[0-9]+$/.test(literal.text)) return undefined;
      return literal.text.length === 1 ? `0${literal.text}` : HEX_RUN.test(literal.text) ? literal.text : undefined;
    case 'string':
      if (literal.quoted) return Buffer.from(literal.value, 'utf8').toString('hex');
      return HEX_RUN.test(literal.value) ? literal.value.toLowerCase() : undefined;
    default:
      return undefined;
  }
}

/** The literal as text, for text fields: a string, or a number as written. */
export function textReading(literal: Literal): string | undefined {
  if (literal.kind === 'string') return literal.value;
  return literal.kind === 'number' ? literal.text : undefined;
}

/** A dotted quad as a number; undefined for anything else (a text field, an IPv6 address). */
export function parseIpv4(text: string): number | undefined {
  const match = /^([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})$/.exec(text);
  if (!match) return undefined;
  const octets = match.slice(1).map(Number);
  return octets.some((octet) => octet > 255) ? undefined : octets.reduce((all, octet) => all * 256 + octet, 0);
}
