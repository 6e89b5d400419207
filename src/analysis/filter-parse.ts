import { FilterError, tokenize, type Token } from './filter-lex.js';

/**
 * Display filter syntax (Wireshark's, the part that fits ICQ):
 *   expr    := and (("||" | "or") and)*
 *   and     := unary (("&&" | "and") unary)*
 *   unary   := ("!" | "not") unary | "(" expr ")" | test
 *   test    := NAME "&" NUMBER | NAME [op value]
 *   op      := "==" | "!=" | "<" | "<=" | ">" | ">=" | "contains" | "matches"
 *   value   := NUMBER (decimal, 0x hex, may be negative) | "string" | BYTES (72:00:04:00, 72-00-04-00, 72.00.04.00)
 *            | BARE_NAME (a literal, e.g. SEND_MESSAGE)
 *   NAME    := KEY (frame, command.code, analysis.acks ...) | [COMMAND "."] FIELD [".hex"]
 * A NAME alone tests that the field exists; NAME & NUMBER, that the field's value ANDed with the mask is
 * not zero; a BYTES value compares with the field's raw bytes.
 */
export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'contains' | 'matches';

/** A byte string's value is its hex (lowercase, no separators), as a field's `hex`. */
export type Literal =
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'bytes'; value: string }
  | { kind: 'regex'; value: RegExp };

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'exists'; name: string }
  | { kind: 'mask'; name: string; mask: number }
  | { kind: 'compare'; name: string; op: CompareOp; literal: Literal };

const COMPARE_OPS: readonly string[] = ['==', '!=', '<', '<=', '>', '>=', 'contains', 'matches'];

function describe(token: Token): string {
  return token.type === 'end' ? 'end of expression' : `'${token.text}'`;
}

/** "(?i)" at the start asks for a case-insensitive match, as in Wireshark's PCRE. */
function compileRegex(token: Token & { type: 'string' }): RegExp {
  const insensitive = token.value.startsWith('(?i)');
  try {
    return new RegExp(insensitive ? token.value.slice(4) : token.value, insensitive ? 'iu' : 'u');
  } catch (error) {
    throw new FilterError(`invalid regular expression: ${(error as Error).message}`, token.position);
  }
}

class Parser {
  private index = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly isKnownName: (name: string) => boolean,
    private readonly checkValue: ValueCheck,
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
      const close = this.peek();
      if (!this.accept(')')) throw new FilterError(`expected ')' but found ${describe(close)}`, close.position);
      return inner;
    }
    return this.comparison();
  }

  private comparison(): FilterNode {
    const token = this.next();
    if (token.type !== 'name' || ['and', 'or', 'not', 'contains', 'matches'].includes(token.text)) {
      throw new FilterError(`expected a field name but found ${describe(token)}`, token.position);
    }
    if (!this.isKnownName(token.text)) throw new FilterError(`unknown field '${token.text}'`, token.position);
    if (this.accept('&')) return { kind: 'mask', name: token.text, mask: this.mask() };
    const opToken = this.peek();
    if ((opToken.type !== 'op' && opToken.type !== 'name') || !COMPARE_OPS.includes(opToken.text)) return { kind: 'exists', name: token.text };
    this.index += 1;
    const op = opToken.text as CompareOp;
    const at = this.peek().position;
    const literal = this.literal(op, opToken);
    // A value the field can never hold matches nothing: refused, as Wireshark refuses it.
    const problem = op === 'contains' || op === 'matches' ? undefined : this.checkValue(token.text, literal);
    if (problem !== undefined) throw new FilterError(problem, at);
    return { kind: 'compare', name: token.text, op, literal };
  }

  /** Masks are what an integer field holds: 0 to 0xffffffff (negative fields AND as their 32 bits). */
  private mask(): number {
    const token = this.next();
    if (token.type !== 'number' || !Number.isInteger(token.value) || token.value < 0 || token.value > 0xffffffff) {
      throw new FilterError(`'&' needs a whole number from 0 to 0xffffffff as mask but found ${describe(token)}`, token.position);
    }
    return token.value;
  }

  private literal(op: CompareOp, opToken: Token): Literal {
    const token = this.next();
    if (op === 'matches') {
      if (token.type !== 'string') throw new FilterError(`'matches' needs a string but found ${describe(token)}`, token.position);
      return { kind: 'regex', value: compileRegex(token) };
    }
    switch (token.type) {
      case 'number':
        return { kind: 'number', value: token.value };
      case 'string':
        return { kind: 'string', value: token.value };
      case 'bytes':
        return { kind: 'bytes', value: token.hex };
      case 'name':
        return { kind: 'string', value: token.text };
      default:
        throw new FilterError(`expected a value after '${opToken.text}' but found ${describe(token)}`, token.position);
    }
  }
}

/** Parses a display filter; throws FilterError (message, 1-based position) on a syntax error. */
/** Why a field can never equal or order with this value (undefined: it can). */
export type ValueCheck = (name: string, literal: Literal) => string | undefined;

export function parseFilter(source: string, isKnownName: (name: string) => boolean = () => true, checkValue: ValueCheck = () => undefined): FilterNode {
  return new Parser(tokenize(source), isKnownName, checkValue).parse();
}
