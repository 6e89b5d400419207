/**
 * The vocabulary of the protocol tables. A command is data: a list of fields in wire order, each with
 * the document's name, a wire type, a description and (for X-fields) the document's fixed value.
 * One interpreter (src/dissect) walks these tables over bytes; the encoder writes bytes from them.
 */

/**
 * How a field's bytes are laid out on the wire. Integers (and a string's LENGTH) are little-endian, as the
 * document says, unless the field declares `order` (a client variant does, field by field).
 */
export type WireType =
  | { kind: 'u8' }
  | { kind: 'u16' }
  | { kind: 'u32' }
  /** Signed 32-bit (CHANNEL_MESSAGE X4). */
  | { kind: 'i32' }
  /** 4 raw bytes shown as a dotted quad in wire order. */
  | { kind: 'ipv4' }
  /** A fixed number of raw bytes. */
  | { kind: 'bytes'; length: number }
  /** LENGTH(u16, counts the NUL) then LENGTH bytes ending in NUL. Emitted as two fields: LENGTH, then NAME. */
  | { kind: 'lstring' }
  /** Everything left in the PDU (undescribed bodies, trailing bytes). */
  | { kind: 'rest' }
  /** A group repeated `count` times, where count is the value of an earlier field. */
  | { kind: 'repeat'; count: string; fields: readonly FieldSpec[] }
  /** Consecutive fields shown together under one name (RECEIVE_MESSAGE's date). */
  | { kind: 'group'; fields: readonly FieldSpec[] };

/** How a value reads to a person; the raw value is always kept as well. */
export type Meaning =
  | 'status'
  | 'message-type'
  | 'country'
  | 'country-status'
  | 'sex'
  | 'age'
  | 'authorize'
  | 'more-found'
  | 'port'
  | 'cmd-type'
  | 'command'
  | 'date'
  | 'x4'
  | 'trailer'
  /** CONTACT_LIST's NUM_CONTACTS: read as "1 contact", "2 contacts". */
  | 'contact-count'
  /** SEND_TEXT_CODE's TEXT_CODE: the codes the document explains. */
  | 'text-code'
  /** The '1' / '0' digit that ends a "you were added" message (AUTHORIZE as ASCII). */
  | 'authorize-digit';

export type ByteOrder = 'le' | 'be';

/** Who a name, a layout or a rule comes from: the document, or a client that was seen to send it. */
export type Source = 'document' | 'licq 0.71' | 'mICQ 0.2.5' | 'Net::ICQ 0.08'
  /** A layout or a command name loaded with --layouts (the researcher's, or a proposal of the study). */
  | 'layouts file';

/**
 * A rule that belongs to one field, checked by the interpreter on every PDU that has the field: a note
 * (with the document's or the client's words) when the value breaks it. Declared on the field spec.
 */
export type FieldCheck =
  /** The value must lie in [min, max] (X4 of a peer message: -256 ... -1). */
  | { kind: 'range'; min: number; max: number; note: string; source: Source }
  /** The high 16 bits of a 32-bit value must be 0 (a port: mICQ writes port + 0x10000). */
  | { kind: 'high-half-zero'; note: string; source: Source }
  /** A string of at most `max` characters (the password: "max 8 chars"). */
  | { kind: 'max-length'; max: number; note: string; source: Source }
  /** The low 16 bits read big-endian must not be the packet's own source port (a port written in network order). */
  | { kind: 'not-own-port-swapped'; note: string; source: Source };

/**
 * A rule between fields of one command, checked after its layout is read. Values are numbers (integers)
 * or text (strings, NUL left out); `''` is an empty string.
 */
export interface CommandCheckTerm {
  field: string;
  values: readonly (number | string)[];
}

export type CommandCheck =
  /** When `if` has one of its values, `then` must have one of its values. */
  | {
      kind: 'implies';
      if: CommandCheckTerm;
      then: CommandCheckTerm;
     
      note: string;
      source: Source;
    }
  /** Says something when two fields differ (REMOTE_IP vs REMOTE_REAL_IP: behind a firewall). */
  | { kind: 'differ'; fields: readonly [string, string]; note: string; source: Source }
  /** At least one of the text fields must be non-empty. */
  | { kind: 'not-all-empty'; fields: readonly string[]; note: string; source: Source }
  /** At most one of the groups may hold a non-empty text field (search either by e-mail or by name). */
  | { kind: 'exclusive'; groups: readonly (readonly string[])[]; note: string; source: Source };

/** Text fields whose content has inner structure chosen by an earlier field (MESSAGE by MESSAGE_TYPE). */
export interface TextParts {
  /** Name of the earlier field that selects the layout. */
  by: string;
  /** Layouts by the selector's value (0x8000 variant bit ignored): names of the 0xFE-separated parts. */
  cases: Record<number, readonly string[]>;
  /** How a part reads to a person, by part name. */
  meanings?: Readonly<Record<string, Meaning>>;
}

export interface FieldSpec {
  /** The document's name (VERSION, X1, NICK_NAME ...), or ours where one name must mean one thing (`documentName`). */
  name: string;
  /**
   * The document's own name where ours differs: it gives one meaning two names (RECEIVE_MESSAGE's TYPE is
   * SEND_MESSAGE's MESSAGE_TYPE) or one name two meanings (a CONTACT_LIST entry's UIN is not the sender's).
   * -Y and -e take it too where it names no other field.
   */
  documentName?: string;
  type: WireType;
  /** One line: what the field means (corrected where the document slipped; see NOTES.md). */
  description: string;
  /** An X-field or otherwise undescribed bytes. */
  unknown?: boolean;
  /** The document's fixed content, lowercase hex without spaces ("78000000"). */
  expected?: string;
  /** Other contents the document allows (LOGIN_REPLY X2 "xx 00 16 00", xx = 19 or 18). */
  alsoExpected?: readonly string[];
  /** The document's own words for the fixed content, quoted in a deviation's note. */
  documentSays?: string;
  /** Byte order of an integer, or of a string's LENGTH (default `le`, the document's). */
  order?: ByteOrder;
  /** Rules of this field, checked on every PDU that has it. */
  checks?: readonly FieldCheck[];
  meaning?: Meaning;
  parts?: TextParts;
  /** The field may be absent when the PDU ends before it (documented optional trailing fields). */
  optional?: boolean;
}

export type Direction = 'client-to-server' | 'server-to-client' | 'peer-to-peer';

/** A named alternative layout of a command's body (real clients differ from the document). */
export interface LayoutVariant {
  /** Short name shown in notes and in the PDU's `layout` ("document", "one-byte NUM_CONTACTS"). */
  name: string;
  /** Where the layout comes from: the document or the clients that were seen to send it, in words. */
  source: string;
  /** The same as names (for the docs and the Lua export). */
  from: readonly Source[];
  /** Known client bugs that leave a mark on this layout: a note when `field` (a body field) starts with `firstByte`. */
  quirks?: readonly { field: string; firstByte: number; note: string }[];
  /** The layout applies only when this earlier field has one of these values (peer MESSAGE_TYPE 2 / 3). */
  when?: { field: string; values: readonly number[] };
  fields: readonly FieldSpec[];
  /**
   * Loaded from a layouts file (--layouts), not built in: tried before the built-in layouts, which stay the
   * fallback when it does not read the body exactly (src/protocol/layout-file.ts).
   */
  loaded?: true;
}

/** A field pair that tells where a client listens for peer TCP connections (LOGIN, USER_ONLINE). */
export interface PeerAnnouncement {
  /** Field holding the address, or 'src' for the packet's own source address. */
  ip: string;
  port: string;
}

/** One command in one direction. */
export interface CommandTable {
  name: string;
  code: number;
  direction: Direction;
  description: string;
  /** Who names the command: the document, or (codes the document lacks) the client seen to send it. */
  source: Source;
  /** Other names for this code (the document's second name, licq's names), each with who uses it. */
  aliases?: readonly { name: string; source: Source }[];
  /** True when the document names the command but does not describe its body. */
  undescribed?: boolean;
  /** Sent with the 6-byte header (no UIN) although it goes client -> server (licq's register user). */
  noUin?: boolean;
  /** Info-column template: `{FIELD}` is replaced by that field's display ("to {RECEIVER_UIN}: {MESSAGE}"). */
  summary?: string;
  /** Where this command tells the listening TCP port of a peer. */
  announces?: readonly PeerAnnouncement[];
  /** Rules between the command's fields, checked after its layout is read. */
  checks?: readonly CommandCheck[];
  /**
   * Body layouts after the header. The first is the document's (after any loaded ones); the dissector
   * picks the first whose fields consume the body exactly, else the first built-in one, and says which it used.
   */
  layouts: readonly LayoutVariant[];
}
