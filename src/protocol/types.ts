/**
 * The vocabulary of the protocol tables. A command is data: a list of fields in wire order, each with
 * the document's name, a wire type, a description and (for X-fields) the document's fixed value.
 * One interpreter (src/dissect) walks these tables over bytes; the encoder writes bytes from them.
 */

/** How a field's bytes are laid out on the wire. All integers are little-endian. */
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
  | 'trailer';

/** Text fields whose content has inner structure chosen by an earlier field (MESSAGE by MESSAGE_TYPE / TYPE). */
export interface TextParts {
  /** Name of the earlier field that selects the layout. */
  by: string;
  /** Layouts by the selector's value (0x8000 variant bit ignored): names of the 0xFE-separated parts. */
  cases: Record<number, readonly string[]>;
}

export interface FieldSpec {
  /** The document's name (VERSION, X1, NICK_NAME ...). */
  name: string;
  type: WireType;
  /** One line: what the field means (corrected where the document slipped; see NOTES.md). */
  description: string;
  /** An X-field or otherwise undescribed bytes. */
  unknown?: boolean;
  /** The document's fixed content, lowercase hex without spaces ("78000000"). */
  expected?: string;
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
  /** Where the layout comes from: the document or the clients that were seen to send it. */
  source: string;
  /** Known client bugs that leave a mark on this layout: a note when `field` (a body field) starts with `firstByte`. */
  quirks?: readonly { field: string; firstByte: number; note: string }[];
  /** The layout applies only when this earlier field has one of these values (peer TYPE 2 / 3). */
  when?: { field: string; values: readonly number[] };
  fields: readonly FieldSpec[];
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
  /** Other names for this code (the document's second name, licq's names). */
  aliases?: readonly string[];
  /** True when the document names the command but does not describe its body. */
  undescribed?: boolean;
  /** Sent with the 6-byte header (no UIN) although it goes client -> server (licq's register user). */
  noUin?: boolean;
  /** Info-column template: `{FIELD}` is replaced by that field's display ("to {RECEIVER_UIN}: {MESSAGE}"). */
  summary?: string;
  /** Where this command tells the listening TCP port of a peer. */
  announces?: readonly PeerAnnouncement[];
  /**
   * Body layouts after the header. The first is the document's; the dissector picks the first whose
   * fields consume the body exactly, else the first, and says which it used.
   */
  layouts: readonly LayoutVariant[];
}
