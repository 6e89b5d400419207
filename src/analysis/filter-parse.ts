import { FilterError, tokenize, type Token } from './filter-lex.js';
import { bytesReading, textReading, type Literal } from './filter-literal.js';
import { ANY_NAME, type FilterField, type FilterSchema, type ValueKind, type ValueReader } from './filter-schema.js';

/**
 * Display filter syntax (Wireshark's, the part that fits ICQ):
 *   expr    := and (("||" | "or") and)*
 *   and     := unary (("&&" | "and") unary)*
 *   unary   := ("!" | "not") unary | "(" expr ")" | test
 *   test    := NAME "&" (NUMBER | BIT_NAME) | NAME ["not"] "in" "{" member ([","] member)* "}" | NAME [op value]
 *   member  := value [".." value]
 *   op      := "==" | "eq" | "!=" | "ne" | "<" | "lt" | "<=" | "le" | ">" | "gt" | ">=" | "ge"
 *            | "contains" | "matches" | "~"
 *   value   := NUMBER (decimal, 0x hex, may be negative) | "string" | BYTES (72:00:04:00, 72-00-04-00, 72.00.04.00, 4cc602)
 *            | IPV4 (192.0.2.1, 192.0.2.0/24) | BARE_NAME (a literal, e.g. SEND_MESSAGE)
 *   NAME    := KEY (frame, command.code, ip.src, analysis.acks ...) | [COMMAND "."] FIELD [".hex"] | an alias (icq2.seq_num)
 * A NAME alone tests that the field exists; NAME & MASK, that the field's value ANDed with the mask is
 * not zero; a BYTES value compares with the field's raw bytes.
 */
export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'contains' | 'matches';

export type { Literal };

/** One value of a set, or a range of them (`in {1..5}`: each occurrence is tested against both ends). */
export interface SetMember {
  low: Literal;
  high?: Literal;
}

/** What a test reads: the name the PDU's values go by, or a reader for values from elsewhere. */
export interface Subject {
  name: string;
  read?: ValueReader;
}

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | ({ kind: 'exists' } & Subject)
  | ({ kind: 'mask'; mask: number } & Subject)
  | ({ kind: 'compare'; op: CompareOp; literal: Literal } & Subject)
  | ({ kind: 'in'; members: readonly SetMember[] } & Subject);

/** The word operators and `~` as the symbols they stand for. */
const OPERATOR_WORDS: Readonly<Record<string, CompareOp>> = {
  '==': '==', eq: '==', '!=': '!=', ne: '!=', '<': '<', lt: '<', '<=': '<=', le: '<=', '>': '>', gt: '>', '>=': '>=', ge: '>=',
  contains: 'contains', matches: 'matches', '~': 'matches',
};
const KEYWORDS = new Set(['and', 'or', 'not', 'in', ...Object.keys(OPERATOR_WORDS)]);

const KIND_WORDS: Readonly<Record<ValueKind, string>> = { number: 'a number', text: 'text', bytes: 'bytes', ip: 'an IPv4 address' };

function describe(token: Token): string {
  return token.type === 'end' ? 'end of expression' : `'${token.text}'`;
}

const kindsText = (kinds: ReadonlySet<ValueKind>): string => [...kinds].map((kind) => KIND_WORDS[kind]).join(' or ');

/** Wireshark's regular expressions are case-insensitive unless they start with "(?-i)"; "(?i)" is accepted too. */
function compileRegex(token: Token & { type: 'string' }): RegExp {
  const sensitive = token.value.startsWith('(?-i)');
  const source = sensitive || token.value.startsWith('(?i)') ? token.value.slice(token.value.indexOf(')') + 1) : token.value;
  try {
    return new RegExp(source, sensitive ? 'u' : 'iu');
  } catch (error) {
    // "Invalid regular expression: /(/iu: Unterminated group": the reason, after the pattern.
    const reason = /: ([^:]+)$/.exec((error as Error).message)?.[1] ?? (error as Error).message;
    throw new FilterError(`invalid regular expression '${token.value}'`, token.position, reason.charAt(0).toLowerCase() + reason.slice(1));
  }
}

class Parser {
  private index = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly schema: FilterSchema,
  ) {}

  parse(): FilterNode {
    if (this.peek().type === 'end') throw new FilterError('empty expression', 1);
    const node = this.or();
    const rest = this.peek();
    if (rest.type !== 'end') throw new FilterError(`unexpected ${describe(rest)}`, rest.position);
    return node;
  }

  private peek(): Token {
    return this.tokens[this.index] as Token;
  }

  /** The token just read, which a value follows (for "expected a value after ..."). */
  private previous(): Token {
    return this.tokens[this.index - 1] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (token.type !== 'end') this.index += 1;
    return token;
  }

  private accept(...texts: string[]): boolean {
    const token = this.peek();
    if ((token.type === 'op' || token.type === 'name') && texts.includes(token.text)) {
      this.index += 1;
      return true;
    }
    return false;
  }

  private expect(text: string): void {
    const token = this.peek();
    if (!this.accept(text)) throw new FilterError(`expected '${text}' but found ${describe(token)}`, token.position);
  }

  private or(): FilterNode {
    let left = this.and();
    while (this.accept('||', 'or')) left = { kind: 'or', left, right: this.and() };
    return left;
  }

  private and(): FilterNode {
    let left = this.unary();
    while (this.accept('&&', 'and')) left = { kind: 'and', left, right: this.unary() };
    return left;
  }

  private unary(): FilterNode {
    if (this.accept('!', 'not')) return { kind: 'not', operand: this.unary() };
    if (this.accept('(')) {
      const inner = this.or();
      this.expect(')');
      return inner;
    }
    return this.comparison();
  }

  private comparison(): FilterNode {
    const token = this.next();
    if (token.type !== 'name' || KEYWORDS.has(token.text)) throw new FilterError(`expected a field name but found ${describe(token)}`, token.position);
    const field = this.schema(token.text);
    if (field === undefined) throw new FilterError(`unknown field '${token.text}'`, token.position);
    const subject: Subject = field.read ? { name: field.name, read: field.read } : { name: field.name };
    if (this.accept('&')) return { kind: 'mask', ...subject, mask: this.mask(field, token) };
    if (this.accept('in')) return { kind: 'in', ...subject, members: this.set(field, token) };
    // `NAME not in {...}`, Wireshark 4's, is `!(NAME in {...})`.
    if (this.peek().text === 'not' && this.tokens[this.index + 1]?.text === 'in') {
      this.index += 2;
      return { kind: 'not', operand: { kind: 'in', ...subject, members: this.set(field, token) } };
    }
    const opToken = this.peek();
    const op = opToken.type === 'op' || opToken.type === 'name' ? OPERATOR_WORDS[opToken.text] : undefined;
    if (op === undefined) return { kind: 'exists', ...subject };
    this.index += 1;
    if (op === 'contains' || op === 'matches') this.searchable(field, token, op);
    if (op === 'matches') {
      const pattern = this.next();
      if (pattern.type !== 'string') throw new FilterError(`'matches' needs a string but found ${describe(pattern)}`, pattern.position);
      return { kind: 'compare', ...subject, op, literal: { kind: 'regex', value: compileRegex(pattern) } };
    }
    return { kind: 'compare', ...subject, op, literal: this.value(field, token, op, opToken) };
  }

  /** contains and matches look into text and bytes, as in Wireshark: a number or an address has neither. */
  private searchable(field: FilterField, name: Token, op: CompareOp): void {
    if (!field.kinds.has('text') && !field.kinds.has('bytes')) {
      throw new FilterError(`${name.text} is ${kindsText(field.kinds)}: '${op}' looks into text and bytes only`, name.position);
    }
  }

  /** A whole number from 0 to 0xffffffff (what an integer field holds; negative fields AND as their 32 bits), or a bit the field's table names. */
  private mask(field: FilterField, name: Token): number {
    if (!field.kinds.has('number')) throw new FilterError(`${name.text} is ${kindsText(field.kinds)}: '&' tests the bits of numbers only`, name.position);
    const token = this.next();
    if (token.type === 'number' && Number.isInteger(token.value) && token.value >= 0 && token.value <= 0xffffffff) return token.value;
    const bits = field.bits;
    if (bits !== undefined && (token.type === 'name' || token.type === 'string')) {
      const wanted = token.type === 'string' ? token.value : token.text;
      const bit = [...bits].find(([bitName]) => bitName.toLowerCase() === wanted.toLowerCase());
      if (bit !== undefined) return bit[1];
      const names = [...bits.keys()].map((bitName) => (/^[A-Za-z_][A-Za-z0-9_/-]*$/.test(bitName) ? bitName : `"${bitName}"`));
      throw new FilterError(`'${wanted}' is not a bit of ${name.text}; its bits are ${names.join(', ')}`, token.position);
    }
    const what = bits === undefined ? 'a whole number from 0 to 0xffffffff' : `a whole number from 0 to 0xffffffff or a bit name (${[...bits.keys()][0]} ...)`;
    throw new FilterError(`'&' needs ${what} as mask but found ${describe(token)}`, token.position);
  }

  /** `{ 1 2 3 }`, `{ LOGIN, ACK }`, `{ 1..5 }`: each member a value the field can hold. */
  private set(field: FilterField, name: Token): SetMember[] {
    this.expect('{');
    const members: SetMember[] = [];
    while (!this.accept('}')) {
      if (members.length > 0) this.accept(',');
      const low = this.value(field, name, '==', this.previous());
      members.push(this.accept('..') ? { low, high: this.value(field, name, '<=', this.previous()) } : { low });
    }
    if (members.length === 0) throw new FilterError(`'in' needs at least one value`, this.previous().position);
    return members;
  }

  /** The next value, read as the field's type reads it, refused when the field can never hold it. */
  private value(field: FilterField, name: Token, op: CompareOp, after: Token): Literal {
    const token = this.next();
    const literal = this.literal(field, name, token, after);
    const problem = (op === 'contains' ? undefined : field.check?.(literal)) ?? this.mismatch(field, name, op, literal, token);
    if (problem !== undefined) throw new FilterError(problem, token.position);
    return literal;
  }

  private literal(field: FilterField, name: Token, token: Token, after: Token): Literal {
    switch (token.type) {
      case 'number':
        return { kind: 'number', value: token.value, text: token.text };
      case 'string':
        return { kind: 'string', value: token.value, quoted: true };
      case 'name':
        return { kind: 'string', value: token.text, quoted: false };
      case 'bytes':
        return { kind: 'bytes', value: token.hex };
      case 'ip':
        if (field.kinds.has('ip')) return { kind: 'ip', value: token.ip };
        if (token.hex !== undefined) return { kind: 'bytes', value: token.hex };
        throw new FilterError(`${name.text} is ${kindsText(field.kinds)}, not an IPv4 address (ip.src, ip.dst and ip.addr are)`, token.position);
      default:
        throw new FilterError(`expected a value after '${after.text}' but found ${describe(token)}`, token.position);
    }
  }

  /** Why no kind of value the field has can meet this literal (undefined: one can). */
  private mismatch(field: FilterField, name: Token, op: CompareOp, literal: Literal, token: Token): string | undefined {
    const kinds = field.kinds;
    if (op === 'contains') {
      const text = kinds.has('text') && textReading(literal) !== undefined;
      const bytes = (kinds.has('bytes') || kinds.has('text')) && bytesReading(literal) !== undefined;
      return text || bytes ? undefined : `'contains' needs text or bytes ("text", 00:ff or 00ff), not '${token.text}'`;
    }
    if (kinds.size === 1 && kinds.has('bytes') && bytesReading(literal) === undefined) {
      return `${name.text} is bytes: write them as 4c:c6:02, 4cc602 or "text", not '${token.text}'`;
    }
    return undefined;
  }
}

/** Parses a display filter over the names `schema` knows; throws FilterError (message, 1-based position) on a syntax error or a value no field can hold. */
export function parseFilter(source: string, schema: FilterSchema = ANY_NAME): FilterNode {
  return new Parser(tokenize(source), schema).parse();
}
