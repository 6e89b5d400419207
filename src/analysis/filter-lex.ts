/** Tokens of the display filter language (-Y). Positions are 1-based character columns. */

export class FilterError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'FilterError';
  }
}

export type Token =
  | { type: 'name'; text: string; position: number }
  | { type: 'number'; value: number; text: string; position: number }
  | { type: 'string'; value: string; text: string; position: number }
  | { type: 'bytes'; hex: string; text: string; position: number }
  | { type: 'op'; text: string; position: number }
  | { type: 'end'; text: ''; position: number };

const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '&', '<', '>', '!', '(', ')'];
const NAME = /[A-Za-z_][A-Za-z0-9_.-]*/y;
const NUMBER = /-?(?:0[xX][0-9a-fA-F]+|[0-9]+(?:\.[0-9]+)?)(?![A-Za-z0-9_.:-])/y;
/**
 * Wireshark's byte string: two or more bytes of two hex digits, one separator throughout (`72:00:04:00`,
 * `4c-c6-02`, `72.00.04.00`). Read after numbers, so `78` and `10.25` stay numbers (`10:25` is two bytes).
 */
const BYTES = /[0-9a-fA-F]{2}([:.-])[0-9a-fA-F]{2}(?:\1[0-9a-fA-F]{2})*(?![A-Za-z0-9_.:-])/y;
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
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(source);
    if (number) {
      const text = number[0];
      const negative = text.startsWith('-');
      const magnitude = Number(negative ? text.slice(1) : text);
      tokens.push({ type: 'number', value: negative ? -magnitude : magnitude, text, position });
      i += text.length;
      continue;
    }
    BYTES.lastIndex = i;
    const bytes = BYTES.exec(source);
    if (bytes) {
      const text = bytes[0];
      tokens.push({ type: 'bytes', hex: text.replace(/[:.-]/g, '').toLowerCase(), text, position });
      i += text.length;
      continue;
    }
    if (/[0-9]/.test(ch)) throw new FilterError(`invalid number or byte string '${/^[0-9A-Za-z_.:-]+/.exec(source.slice(i))![0]}'`, position);
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
