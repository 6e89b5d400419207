import { parseIpv4, type Ipv4 } from './filter-literal.js';

/** Tokens of the display filter language (-Y). Positions are 1-based character columns. */

export class FilterError extends Error {
  constructor(
    message: string,
    readonly position: number,
    /** What follows the position ("unterminated group" after "invalid regular expression '(' at position 17"). */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'FilterError';
  }

  /** The one line the CLI prints after "filter: ". */
  get line(): string {
    return `${this.message} at position ${this.position}${this.detail === undefined ? '' : `: ${this.detail}`}`;
  }
}

export type Token =
  | { type: 'name'; text: string; position: number }
  | { type: 'number'; value: number; text: string; position: number }
  | { type: 'string'; value: string; text: string; position: number }
  | { type: 'bytes'; hex: string; text: string; position: number }
  /** A dotted quad (CIDR too); `hex` when it also reads as a byte string (72.00.04.00). */
  | { type: 'ip'; ip: Ipv4; hex?: string; text: string; position: number }
  | { type: 'op'; text: string; position: number }
  | { type: 'end'; text: ''; position: number };

const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '..', '&', '<', '>', '!', '~', '(', ')', '{', '}', ','];
const NAME = /[A-Za-z_][A-Za-z0-9_.-]*/y;
/** What may not follow a literal: another literal character, though `..` (a range) may. */
const LITERAL_END = String.raw`(?![A-Za-z0-9_:/-]|\.(?!\.))`;
const NUMBER = new RegExp(String.raw`-?(?:0[xX][0-9a-fA-F]+|[0-9]+(?:\.[0-9]+)?)${LITERAL_END}`, 'y');
const IPV4 = new RegExp(String.raw`([0-9]{1,3}(?:\.[0-9]{1,3}){3})(?:/([0-9]{1,2}))?${LITERAL_END}`, 'y');
/**
 * Wireshark's byte string: two or more bytes of two hex digits, one separator throughout (`72:00:04:00`,
 * `4c-c6-02`, `72.00.04.00`), or an even run of hex digits that starts with a digit (`4cc602`; all digits read
 * as a number, a letter first as a word). Read after numbers, so `78` and `10.25` stay numbers (`10:25`
 * is two bytes).
 */
const BYTES = new RegExp(String.raw`(?:[0-9a-fA-F]{2}([:.-])[0-9a-fA-F]{2}(?:\1[0-9a-fA-F]{2})*|[0-9][0-9a-fA-F](?:[0-9a-fA-F]{2})*)${LITERAL_END}`, 'y');
const STRING_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', n: '\n', t: '\t', r: '\r' };

function readString(source: string, start: number): { value: string; end: number } {
  let value = '';
  let i = start + 1;
  while (i < source.length) {
    const ch = source[i];
    if (ch === '"') return { value, end: i + 1 };
    if (ch !== '\\') {
      value += ch;
      i += 1;
      continue;
    }
    const next = source[i + 1] ?? '';
    const simple = STRING_ESCAPES[next];
    if (simple !== undefined) {
      value += simple;
      i += 2;
    } else if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(source.slice(i + 2, i + 4))) {
      value += String.fromCharCode(parseInt(source.slice(i + 2, i + 4), 16));
      i += 4;
    } else {
      throw new FilterError(`unknown escape '\\${next}' in string`, i + 1);
    }
  }
  throw new FilterError('unterminated string', start + 1);
}

/** A dotted quad as a token; one whose parts are all two digits is a byte string as well. */
function ipToken([text, quad, prefixText]: RegExpExecArray, position: number): Token & { type: 'ip' } {
  const address = parseIpv4(quad!);
  const prefix = prefixText === undefined ? 32 : Number(prefixText);
  if (address === undefined || prefix > 32) throw new FilterError(`invalid IPv4 address '${text}'`, position);
  const token: Token & { type: 'ip' } = { type: 'ip', ip: { address, prefix }, text, position };
  if (prefixText === undefined && /^[0-9]{2}(\.[0-9]{2}){3}$/.test(quad!)) token.hex = quad!.replace(/\./g, '');
  return token;
}

/** The literal (number, address, byte string) that starts at `i`, if one does. */
function literalAt(source: string, i: number, position: number): Token | undefined {
  NUMBER.lastIndex = i;
  const number = NUMBER.exec(source);
  if (number) {
    const text = number[0];
    const negative = text.startsWith('-');
    const magnitude = Number(negative ? text.slice(1) : text);
    return { type: 'number', value: negative ? -magnitude : magnitude, text, position };
  }
  IPV4.lastIndex = i;
  const ip = IPV4.exec(source);
  if (ip) return ipToken(ip, position);
  BYTES.lastIndex = i;
  const bytes = BYTES.exec(source);
  if (bytes) return { type: 'bytes', hex: bytes[0].replace(/[:.-]/g, '').toLowerCase(), text: bytes[0], position };
  return undefined;
}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    const position = i + 1;
    if (ch === '"') {
      const { value, end } = readString(source, i);
      tokens.push({ type: 'string', value, text: source.slice(i, end), position });
      i = end;
      continue;
    }
    const literal = literalAt(source, i, position);
    if (literal) {
      tokens.push(literal);
      i += literal.text.length;
      continue;
    }
    if (/[0-9]/.test(ch)) throw new FilterError(`invalid number or byte string '${/^[0-9A-Za-z_.:/-]+/.exec(source.slice(i))![0]}'`, position);
    NAME.lastIndex = i;
    const name = NAME.exec(source);
    if (name) {
      tokens.push({ type: 'name', text: name[0], position });
      i += name[0].length;
      continue;
    }
    const op = OPERATORS.find((candidate) => source.startsWith(candidate, i));
    if (op !== undefined) {
      tokens.push({ type: 'op', text: op, position });
      i += op.length;
      continue;
    }
    if (ch === '=') throw new FilterError("'=' is not an operator, use '=='", position);
    throw new FilterError(`unexpected character '${ch}'`, position);
  }
  tokens.push({ type: 'end', text: '', position: source.length + 1 });
  return tokens;
}
