import type { Timestamp } from '../capture/record.js';
import type { Note } from '../net/note-kinds.js';
import type { CompletingFrame, FramePart } from '../net/payload.js';
import type { Direction, Source } from '../protocol/types.js';

/** The JSON contract: one object per ICQ PDU (docs/pdu.schema.json; README "JSON schema"). */

/** A note: `{ id, severity, message, field? }`, its kind declared in src/net/note-kinds.ts. */
export type { Note, NoteId, Severity } from '../net/note-kinds.js';

export interface Field {
  name: string;
  /** Offset from the PDU's first byte (for TCP: from its LENGTH), nested fields too. */
  offset: number;
  length: number;
  /** Raw bytes, lowercase hex without spaces. */
  hex: string;
  /**
   * What the bytes read as: a number for integers, a string for text (NUL left out), IPs and dates;
   * absent where the bytes have no such reading (raw bytes, a list, a group of parts), null where the
   * packet ends inside the field.
   */
  value?: number | string | null;
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
  /** The packet was sent more than once before its ACK: which copy the ACK answers is unknown (Karn's rule). */
  ackRttAmbiguous?: true;
  retransmissionOf?: number;
  /** On a first copy: the frames that sent it again. */
  retransmittedIn?: number[];
  responseTo?: number;
  responses?: number[];
  responseTime?: number;
  /** The request was sent more than once before this response: the time is from its first copy, and ambiguous. */
  responseTimeAmbiguous?: true;
}

/** When the PDU's last frame was captured, as text and as numbers (seconds) for jq and -Y. */
export interface PduTime {
  /** ISO 8601 UTC with the capture's own resolution (6 or 9 digits). */
  absolute: string;
  /** Seconds since 1970 (exact to the microsecond; a nanosecond capture's to about 0.2 µs). */
  epoch: number;
  /** Seconds since the capture's first frame (tshark's frame.time_relative). */
  relative: number;
  /** Seconds since the previous displayed PDU, 0 for the first (tshark's frame.time_delta_displayed). */
  delta: number;
}

export interface Pdu {
  frame: number;
  frames: number[];
  time: PduTime;
  transport: 'udp' | 'tcp';
  src: string;
  dst: string;
  direction: Direction;
  length: number;
  version: number | null;
  /** null when the bytes could not give it (a header cut short, another protocol version). */
  command: CommandRef | null;
  /** SEQ_NUM of a UDP packet (absent on TCP; null when the header is cut short or another version's). */
  seq?: number | null;
  /**
   * The UIN of the session's client: the sender's own in client and peer packets (null when the header is
   * cut short or another version's); in server packets the session's, added by src/analysis where it runs.
   */
  uin?: number | null;
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
  /** The capture's first frame: where time.relative and -t r count from. */
  start: Timestamp;
  /** The frame captured before the PDU's (ICQ or not; its own for the first): where -t d counts from. */
  previousFrame: Timestamp;
  /** TCP: the sequence number of the first byte, which places the bytes in their frames (-w --redact). */
  tcpSeq?: number;
  /** A PDU reassembled from several frames: each frame's share of `bytes`. */
  parts?: FramePart[];
  /** The frame that completes the PDU, when the capture was read with `keepFrames` (-x). */
  completing?: CompletingFrame;
  /** The sizes of the frame that completes the PDU, at full depth (-V's first line, as tshark's "Frame 5: 74 bytes on wire"). */
  frameSize?: FrameSize;
}

/** A captured frame's length on the wire and as captured (less when the snap length cut it). */
export interface FrameSize {
  onWire: number;
  captured: number;
}
