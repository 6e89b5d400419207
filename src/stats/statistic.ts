import type { DissectedPdu } from '../dissect/pdu.js';
import type { Direction } from '../protocol/types.js';

/**
 * One `-z` statistic: it sees every PDU the run reads (before -Y, as tshark's taps do; its own filter
 * chooses), keeps counts rather than PDUs, and gives its result once at the end. The results are the
 * JSON of `-T json` / `-T ndjson` and what the tables in src/format/stats-table.ts draw.
 */
export interface Statistic {
  /** Reads `pdu.analysis`: the sequence analysis must annotate the PDUs first. */
  readonly needsAnalysis: boolean;
  see(d: DissectedPdu): void;
  /** Called once, after the last PDU. */
  result(): StatisticResult;
}

/** A statistic's display filter, as given (absent: every PDU). */
interface Filtered {
  filter?: string;
}

export interface CommandRow {
  /** The command's name, its code in hex when nobody names it, null for a PDU with no command. */
  command: string | null;
  code: number | null;
  direction: Direction;
  pdus: number;
  /** ICQ bytes (the PDUs' lengths). */
  bytes: number;
  /** Of all PDUs the statistic counted, rounded to 0.01. */
  percent: number;
}

/** -z icq2,commands */
export interface CommandsResult extends Filtered {
  statistic: 'icq2,commands';
  pdus: number;
  bytes: number;
  /** Most PDUs first. */
  rows: CommandRow[];
}

export interface ResponseTimeRow {
  command: string;
  /** First copies (a retransmitted request is not counted again). */
  requests: number;
  answered: number;
  unanswered: number;
  /** Answered, but sent more than once before the answer: not timed (Karn's rule). */
  ambiguous: number;
  /** Seconds from a request to its first response, over the answered requests whose response was read and is not ambiguous; null when none. */
  min: number | null;
  max: number | null;
  mean: number | null;
  sum: number;
}

/** -z icq2,srt */
export interface ResponseTimesResult extends Filtered {
  statistic: 'icq2,srt';
  /** In the order of the pairing rules (src/protocol/pairing.ts). */
  rows: ResponseTimeRow[];
}

export interface ClientRow {
  /** null: no PDU of its sessions named the UIN (the row is then one client address). */
  uin: number | null;
  /** The fingerprint of its most confidently named session (src/protocol/client-signatures.ts). */
  software: string;
  confidence: number;
  /** The client addresses of its sessions (UDP with the server, TCP connections it opened), the first MAX_LISTED_ENDPOINTS. */
  endpoints: string[];
  /** Sessions from endpoints beyond those listed. */
  moreEndpoints?: number;
  sessions: number;
  /** PDUs of its sessions, both directions. */
  pdus: number;
  bytes: number;
  /** Seconds from the capture's first frame to its first and last PDU. */
  first: number;
  last: number;
}

/** -z icq2,clients */
export interface ClientsResult extends Filtered {
  statistic: 'icq2,clients';
  /** In the order of their first PDU. */
  rows: ClientRow[];
}

export interface IoRow {
  /** Seconds from the capture's first frame. */
  from: number;
  /** The interval's end, or the capture's duration for the last one. */
  to: number;
  /** One per column. */
  frames: number[];
  bytes: number[];
}

/** -z io,stat,INTERVAL[,FILTER...] */
export interface IoResult {
  statistic: 'io,stat';
  /** Seconds; 0: the whole capture is one interval. */
  interval: number;
  /** Seconds from the first frame to the last. */
  duration: number;
  /** Each column's filter; null: every frame of the capture. */
  columns: (string | null)[];
  rows: IoRow[];
}

export type StatisticResult = CommandsResult | ResponseTimesResult | ClientsResult | IoResult;
