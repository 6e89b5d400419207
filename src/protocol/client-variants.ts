import type { ByteOrder, Direction, Source } from './types.js';

/**
 * Clients that read the document's fields in other byte orders or another field order. Each is data: the
 * dissector derives its tables from the document's (src/protocol/variant-tables.ts), reads a session's
 * first packets both ways and keeps, for the whole session, the variant whose values make sense.
 * Adding a client's variant is adding an entry.
 */

export interface VariantCommand {
  /** Byte orders of header fields for this command, over the variant's own (`header`). */
  header?: Readonly<Record<string, ByteOrder>>;
  /** Byte orders of body fields by name, nested fields too (a string's order is its LENGTH's). */
  orders?: Readonly<Record<string, ByteOrder>>;
  /** The body's fields in this client's order, by the document's names. */
  fieldOrder?: { names: readonly string[]; description: string };
}

export interface ClientVariant {
  name: string;
  source: Source;
  description: string;
  /** Whose packets it reads. */
  direction: Direction;
  /** Byte orders of header fields, for every command unless the command says otherwise. */
  header: Readonly<Record<string, ByteOrder>>;
  /** Its own commands that differ, by the document's command name. */
  commands: Readonly<Record<string, VariantCommand>>;
  /** The server's packets to it that repeat its bytes (the other direction), by command name. */
  answers?: Readonly<Record<string, VariantCommand>>;
}

const REQUEST_AND_UIN = (seq: string, uin: string): VariantCommand => ({ orders: { [seq]: 'be', [uin]: 'be' } });

/** NOTES.md "Net::ICQ 0.08": the example bytes there are what these orders read. */
export const NET_ICQ: ClientVariant = {
  name: 'Net::ICQ 0.08',
  source: 'Net::ICQ 0.08',
  description: 'The Perl module Net::ICQ 0.08 (1998): SEQ_NUM, 16-bit counts, request numbers, UINs and message LENGTHs big-endian',
  direction: 'client-to-server',
  header: { SEQ_NUM: 'be' },
  commands: {
    // Its ACKs repeat the server's number as the server wrote it.
    ACK: { header: { SEQ_NUM: 'le' } },
    LOGIN: {
      orders: { PORT: 'be', LOGIN_SEQ_NUM: 'be' },
      fieldOrder: {
        names: ['PORT', 'PASSWORD', 'USER_IP', 'STATUS', 'LOGIN_SEQ_NUM', 'X1', 'X2', 'X3', 'X4', 'X5'],
        description: 'Net::ICQ 0.08 puts USER_IP, STATUS and LOGIN_SEQ_NUM before the X-fields',
      },
    },
    // Only the count: the contacts' UINs stay little-endian (`00 01 ce 56 00 00` is one contact, 22222).
    CONTACT_LIST: { orders: { NUM_CONTACTS: 'be' } },
    SEND_MESSAGE: { orders: { RECEIVER_UIN: 'be', MESSAGE: 'be' } },
    SEARCH_UIN: REQUEST_AND_UIN('SEARCH_SEQ_NUM', 'SEARCHED_UIN'),
    SEARCH_USER: { orders: { SEARCH_SEQ_NUM: 'be' } },
    INFO_REQ: REQUEST_AND_UIN('INFO_SEQ_NUM', 'QUERY_UIN'),
    EXT_INFO_REQ: REQUEST_AND_UIN('INFO_SEQ_NUM', 'QUERY_UIN'),
    CHANGE_PASSWORD: { orders: { PASSWORD_SEQ_NUM: 'be' } },
  },
  // The server's ACK repeats the bytes of the number it acknowledges: the client's, big-endian.
  answers: { ACK: { header: { SEQ_NUM: 'be' } } },
};

export const CLIENT_VARIANTS: readonly ClientVariant[] = [NET_ICQ];

export function findVariant(name: string): ClientVariant | undefined {
  return CLIENT_VARIANTS.find((v) => v.name === name);
}
