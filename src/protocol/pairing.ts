import type { Direction } from './types.js';

/**
 * What answers what, declared beside the command tables (as Scapy's answers()).
 * src/analysis applies these rules; it knows no command names of its own.
 */

/** An ACK acknowledges the other side's packet whose SEQ_NUM equals the ACK's SEQ_NUM. */
export interface AckRule {
  /** The acknowledging command. */
  ack: string;
  transport: 'udp';
  /** Never acknowledged themselves. */
  unacknowledged: readonly string[];
  /**
   * How long after its ACK a packet may still be sent again because the ACK was lost on the way back (the
   * clients resend within seconds): until then its first copy learns of the copy, "retransmitted in frame N".
   */
  resendWithinSeconds: number;
}

/** A PDU plays its part in a rule only when `field` has one of `values` (with `except`: none of them). */
export interface FieldCondition {
  field: string;
  values: readonly number[];
  except?: true;
  /** What such a PDU is called in notes ("auto-reply" CHANNEL_MESSAGE). */
  label?: string;
}

/** A request answered by one or more responses that echo a key field. */
export interface ResponseRule {
  request: readonly string[];
  requestDirection: Direction;
  /** A request only when this holds (a CHANNEL_MESSAGE that is not itself an auto reply). */
  requestWhen?: FieldCondition;
  /** Commands that answer it; `final` ends the exchange (others may come several times before it). */
  responses: readonly string[];
  /** A response command answers only when its condition holds. */
  responseWhen?: Readonly<Record<string, FieldCondition>>;
  final?: string;
  /** Field carrying the key in the request and in each response. */
  key: string;
  transport: 'udp' | 'tcp';
}

/** CHANNEL_MESSAGE's CMD_TYPE 00 00: an auto reply (10 00 is a new message). */
const AUTO_REPLY = 0x0000;

export const ACK_RULE: AckRule = { ack: 'ACK', transport: 'udp', unacknowledged: ['ACK'], resendWithinSeconds: 30 };

export const RESPONSE_RULES: readonly ResponseRule[] = [
  { request: ['LOGIN'], requestDirection: 'client-to-server', responses: ['LOGIN_REPLY'], key: 'LOGIN_SEQ_NUM', transport: 'udp' },
  {
    request: ['SEARCH_UIN', 'SEARCH_USER'],
    requestDirection: 'client-to-server',
    responses: ['USER_FOUND', 'END_OF_SEARCH'],
    final: 'END_OF_SEARCH',
    key: 'SEARCH_SEQ_NUM',
    transport: 'udp',
  },
  { request: ['INFO_REQ'], requestDirection: 'client-to-server', responses: ['INFO_REPLY'], key: 'INFO_SEQ_NUM', transport: 'udp' },
  { request: ['EXT_INFO_REQ'], requestDirection: 'client-to-server', responses: ['EXT_INFO_REPLY'], key: 'INFO_SEQ_NUM', transport: 'udp' },
  /**
   * The document: CMD_TYPE 10 00 is a new ('real') message, 00 00 an auto reply, and "The auto reply is sent as
   * an acknowledgement to all 'real' messages"; licq answers with CHANNEL_ACK (0x07DA) instead. Both repeat X4.
   * Any CMD_TYPE but 00 00 is a request: licq also sends 0x0020 (to contact list) and 0x0040 (urgent).
   */
  {
    request: ['CHANNEL_MESSAGE'],
    requestDirection: 'peer-to-peer',
    requestWhen: { field: 'CMD_TYPE', values: [AUTO_REPLY], except: true },
    responses: ['CHANNEL_ACK', 'CHANNEL_MESSAGE'],
    responseWhen: { CHANNEL_MESSAGE: { field: 'CMD_TYPE', values: [AUTO_REPLY], label: 'auto-reply' } },
    key: 'X4',
    transport: 'tcp',
  },
];

/** A response command as notes name it: with its condition's label ("auto-reply CHANNEL_MESSAGE"). */
export function responseName(rule: ResponseRule, response: string): string {
  const label = rule.responseWhen?.[response]?.label;
  return label === undefined ? response : `${label} ${response}`;
}

/** A command of one direction and the field of it that matters to a rule. */
export interface CommandField {
  command: string;
  direction: Direction;
  field: string;
}

/**
 * Request numbers a client may take from the counter of its SEQ_NUMs (mICQ 0.2.5 does: LOGIN seq 1 carries
 * LOGIN_SEQ_NUM 2, its next packet is seq 3), so a SEQ_NUM spent on one is skipped, not lost: the keys of
 * the UDP requests above, and CHANGE_PASSWORD's number, which nothing answers. Peer TCP has no SEQ_NUM.
 */
export const REQUEST_NUMBERS: readonly CommandField[] = [
  ...RESPONSE_RULES.filter((rule) => rule.transport === 'udp').flatMap((rule) =>
    rule.request.map((command) => ({ command, direction: rule.requestDirection, field: rule.key })),
  ),
  { command: 'CHANGE_PASSWORD', direction: 'client-to-server', field: 'PASSWORD_SEQ_NUM' },
];

/**
 * The document, under CONTACT_LIST: "The server will send online/offline notification to client only of
 * users registered using CONTACT_LIST." `list` names the contacts (each `item` inside `field`; several
 * lists add up); each of `notifications` names one UIN in `field`, which must be a listed one.
 */
export interface MembershipRule {
  quote: string;
  list: CommandField & { item: string };
  notifications: readonly CommandField[];
}

export const CONTACT_LIST_RULE: MembershipRule = {
  quote: 'The server will send online/offline notification to client only of users registered using CONTACT_LIST.',
  list: { command: 'CONTACT_LIST', direction: 'client-to-server', field: 'CONTACTS', item: 'CONTACT_UIN' },
  notifications: ['USER_ONLINE', 'USER_OFFLINE', 'STATUS_UPDATE'].map((command) => ({
    command,
    direction: 'server-to-client' as const,
    field: 'REMOTE_UIN',
  })),
};

/** Sequence numbering: first SEQ_NUM each side uses after a LOGIN (the document: client 01 00, server 00 00). */
export const FIRST_SEQ: Readonly<Record<'client-to-server' | 'server-to-client', number>> = {
  'client-to-server': 1,
  'server-to-client': 0,
};

/** A LOGIN starts a new numbering on both sides. */
export const SESSION_START = 'LOGIN';

/** KEEP_ALIVE is sent about every 120 s; an interval outside [min, max] seconds gets a note. */
export const KEEP_ALIVE = { command: 'KEEP_ALIVE', intervalSeconds: 120, min: 60, max: 180 } as const;

/** Per-session figures of `flows`: which commands count as what (src/analysis counts them). */
export const SESSION_FIGURES = {
  /** Messages: sent when the client side (TCP: the side that spoke first) sends one, received otherwise. */
  messages: ['SEND_MESSAGE', 'RECEIVE_MESSAGE', 'CHANNEL_MESSAGE'],
  /** The client's own status: the last of these the client sent is the session's final status. */
  status: { commands: ['LOGIN', 'STATUS_CHANGE'], field: 'STATUS' },
  /** Where the client's UIN is found besides the client header's UIN. */
  uin: [
    { command: 'LOGIN_REPLY', field: 'USER_UIN' },
    { command: 'CHANNEL_INIT', field: 'MY_UIN' },
  ],
} as const;
