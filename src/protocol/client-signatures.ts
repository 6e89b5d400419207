/**
 * Client fingerprints (issue 10), declared beside the command tables: as p0f names an operating system and
 * JA4 a TLS client from their handshakes, each entry says what one client software sends differently
 * (NOTES.md, "What genuine 1998 clients were seen to send"). src/analysis matches every session against
 * them and knows no client by name: adding a client is adding an entry.
 *
 * Each observation is made once per session, on the first PDU of its command that the session's client
 * sends (TCP: the peer that spoke first); an observation of a command the session never carries counts
 * neither for nor against.
 */

interface Observed {
  /** The command whose PDU is observed. */
  command: string;
  /** Where the value comes from (NOTES.md) and what it tells apart. */
  why: string;
  /** Contradicting it rules the signature out, however much else matches. */
  decisive?: boolean;
}

export type Observation = Observed &
  (
    | /** The field's raw bytes (lowercase hex), or bytes [from, to) of them; an absent field is a contradiction. */
    { kind: 'hex'; field: string; hex: string; bytes?: readonly [from: number, to: number] }
    /** The PDU's layout variant (its `layout`). */
    | { kind: 'layout'; layout: string }
    /** The client variant the dissector read the PDU with (its `variant`; absent: the document's). */
    | { kind: 'variant'; variant: string }
    /** The field's value is the PDU's own SEQ_NUM plus `offset` (a request number taken from the same counter). */
    | { kind: 'seq-plus'; field: string; offset: number }
  );

export interface ClientSignature {
  /** Name and version, as `client.software` shows it. */
  software: string;
  /** The captures the observations come from. */
  source: string;
  observations: readonly Observation[];
}

/** A LOGIN field's bytes (or bytes [from, to) of them). */
const login = (field: string, hex: string, why: string, extra: { decisive?: true; bytes?: readonly [number, number] } = {}): Observation => ({
  command: 'LOGIN',
  kind: 'hex',
  field,
  hex,
  why,
  ...extra,
});

/** PORT is a u32 on the wire: its high half is bytes 2-3. */
const portHighHalf = (hex: string, why: string): Observation => login('PORT', hex, why, { decisive: true, bytes: [2, 4] });

const SHARED_X = 'mICQ and licq send the same X1, X3 and X5';
const SAME_COUNTER = 'mICQ takes its request numbers from its SEQ_NUM counter';
const DOCUMENT_X = "Net::ICQ sends the document's X-values (so would any client that follows the document)";

export const CLIENT_SIGNATURES: readonly ClientSignature[] = [
  {
    software: 'mICQ 0.2.5',
    source: 'a capture of mICQ 0.2.5 (test/data/micq-0.2.5-session.pcap)',
    observations: [
      login('X1', '72000400', SHARED_X),
      login('X2', '06', 'licq sends 04: X2 tells mICQ from licq', { decisive: true }),
      login('X3', '03000000', SHARED_X),
      login('X5', '04007200', SHARED_X),
      portHighHalf('0100', 'mICQ writes PORT as port + 0x10000; licq leaves the high half 0'),
      {
        command: 'LOGIN',
        kind: 'seq-plus',
        field: 'LOGIN_SEQ_NUM',
        offset: 1,
        why: `${SAME_COUNTER} (licq's LOGIN_SEQ_NUM is 2 too: X2 and PORT's high half tell them apart)`,
      },
      { command: 'CONTACT_LIST', kind: 'layout', layout: 'one-byte NUM_CONTACTS', why: 'mICQ and licq send a one-byte count' },
      { command: 'INFO_REQ', kind: 'seq-plus', field: 'INFO_SEQ_NUM', offset: 1, why: SAME_COUNTER },
      { command: 'SEARCH_USER', kind: 'seq-plus', field: 'SEARCH_SEQ_NUM', offset: 1, why: SAME_COUNTER },
    ],
  },
  {
    software: 'licq 0.71',
    source: 'captures of licq 0.71 built for v2 (NOTES.md)',
    observations: [
      login('X1', '72000400', SHARED_X),
      login('X2', '04', 'mICQ sends 06: X2 tells licq from mICQ', { decisive: true }),
      login('X3', '03000000', SHARED_X),
      login('X5', '04007200', SHARED_X),
      portHighHalf('0000', 'licq writes the plain port; mICQ adds 0x10000'),
      login('LOGIN_SEQ_NUM', '0200', 'licq sends LOGIN_SEQ_NUM 2 (so does mICQ, from its SEQ_NUM counter)'),
      { command: 'CONTACT_LIST', kind: 'layout', layout: 'one-byte NUM_CONTACTS', why: 'mICQ and licq send a one-byte count' },
      { command: 'CHANNEL_MESSAGE', kind: 'hex', field: 'VERSION', hex: '0300', why: 'licq speaks peer TCP version 3 (the document: 2)' },
      {
        command: 'CHANNEL_MESSAGE',
        kind: 'hex',
        field: 'TRAILER',
        hex: '4cc602',
        why: 'licq appends "L" and its version to every peer message',
        decisive: true,
      },
    ],
  },
  {
    software: 'Net::ICQ 0.08',
    source: 'a capture of the Perl module Net::ICQ 0.08 (NOTES.md)',
    observations: [
      login('X1', '78000000', DOCUMENT_X),
      login('X2', '04', DOCUMENT_X),
      login('X3', '02000000', DOCUMENT_X),
      login('X5', '08007800', DOCUMENT_X),
      login('LOGIN_SEQ_NUM', '0001', 'Net::ICQ writes its request numbers big-endian: 00 01 is 1'),
      {
        command: 'LOGIN',
        kind: 'variant',
        variant: 'Net::ICQ 0.08',
        why: "its byte orders and field order are Net::ICQ's own: the only observation that tells it from the document",
        decisive: true,
      },
      { command: 'CONTACT_LIST', kind: 'layout', layout: 'document', why: "Net::ICQ sends the document's two-byte count (big-endian)" },
    ],
  },
];

/** How a verdict is reached and when it is settled (the PDUs before that wait for it: the streamed output holds them). */
export const FINGERPRINT_RULES = {
  /**
   * A client's opening commands, by the command it opens with: once every one of them has been seen, a
   * signature matched with nothing contradicting it settles the fingerprint. A session whose client opens
   * with none of these first commands began before the capture and is settled at its client's first PDU.
   */
  handshakes: [
    ['LOGIN', 'CONTACT_LIST'],
    ['CHANNEL_INIT', 'CHANNEL_MESSAGE'],
  ],
  /** At the latest after the session's first this many PDUs (both directions): at most this many wait. */
  maxPdus: 16,
  /** A signature names a session only with at least this many matching observations ... */
  minMatches: 2,
  /** ... and at least this confidence (matched / (matched + contradicted)), none of its decisive ones contradicted. */
  minConfidence: 0.75,
} as const;
