import type { Timestamp } from '../capture/record.js';
import type { Note } from '../net/note-kinds.js';
import type { Direction, Source } from '../protocol/types.js';

/** The JSON contract: one object per ICQ PDU (see README "JSON schema"). */

/** A note: `{ id, severity, message, field? }`, its kind declared in src/net/note-kinds.ts. */
export type { Note, NoteId, Severity } from '../net/note-kinds.js';

export interface Field {
  name: string;
  /** Offset from the PDU's first byte (for TCP: from its LENGTH), nested fields too. */
  offset: number;
  length: number;
  /** Raw bytes, lowercase hex without spaces. */
  hex: string;
  /** Typed raw value: number for integers, string for text (NUL left out) and IPs, null for raw bytes. */
  value: number | string | null;
  /** The human reading ("away, DND", "female", "Sweden"). */
  display: string;
  /** X-fields and undescribed bytes. */
  unknown?: true;
  /** The document's fixed value (hex), when it gives one. */
  expected?: string;
  description: string;
  /** Parts of a group (each contact of CONTACT_LIST, each part of a URL message). */
  fields?: Field[];
}

export interface CommandRef {
  code: number;
  /** null for a code nobody names. */
  name: string | null;
  aliases?: string[];
  /** Who names the command, when not the document (licq 0.71 for codes the document lacks). */
  source?: Source;
}

/** One observation of a client fingerprint: what the session's client sent, and what the signature declares. */
export interface ClientObservation {
  /** Frame of the PDU observed. */
  frame: number;
  command: string;
  /** The field observed (`layout`, `variant` for what the PDU as a whole was read with). */
  field: string;
  observed: string;
  /** What the signature declares. */
  signature: string;
}

/**
 * Which client software sent a session (issue 10), as p0f names an operating system from its handshake.
 * Every PDU of the session carries it; the session's first PDU also says what it was made from.
 */
export interface ClientSoftware {
  /** A signature's name ("mICQ 0.2.5"), or "unknown". */
  software: string;
  /** Matched / (matched + contradicted) observations of that signature; 0 for unknown. */
  confidence: number;
  /** The observations that matched the signature. */
  evidence?: ClientObservation[];
  /** The observations that did not fit: the signature's, or every signature's when the software is unknown. */
  mismatches?: (ClientObservation & { software: string })[];
}

/** The fingerprint with what it was made from (the session's first PDU, `flows -T json`). */
export type ClientFingerprint = Required<ClientSoftware>;

/** Added by src/analysis (issue 5); frame numbers refer to the capture. */
export interface Analysis {
  acks?: number;
  ackedBy?: number;
  ackRtt?: number;
  retransmissionOf?: number;
  responseTo?: number;
  responses?: number[];
  responseTime?: number;
}

export interface Pdu {
  frame: number;
  frames: number[];
  /** ISO 8601 UTC with the capture's own resolution. */
  time: string;
  transport: 'udp' | 'tcp';
  src: string;
  dst: string;
  direction: Direction;
  length: number;
  version: number | null;
  command: CommandRef | null;
  seq: number | null;
  /**
   * The UIN of the session's client: the sender's own in client and peer packets; in server packets (and a
   * packet that carries none) the session's, added by src/analysis where it runs.
   */
  uin?: number;
  /** Name of the layout variant used, when the command has more than one. */
  layout?: string;
  /** Name of the client variant whose byte orders and field order read this PDU (absent: the document's). */
  variant?: string;
  /** TCP connection index (tshark's tcp.stream). */
  stream?: number;
  fields: Field[];
  notes: Note[];
  /** The `id` of the PDU's session in `flows -T json` (added by src/analysis). */
  session?: number;
  analysis?: Analysis;
  /** The client software of the PDU's session, with the evidence on its first PDU (added by src/analysis). */
  client?: ClientSoftware;
}

/** What the dissector hands on: the JSON object plus what formatters need that JSON does not carry. */
export interface DissectedPdu {
  pdu: Pdu;
  bytes: Buffer;
  timestamp: Timestamp;
}
