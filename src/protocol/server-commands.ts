import { PORT_CHECKS, U32, U8, ipv4, lstring, u16, u32, u8, unknown } from './field-builders.js';
import { MESSAGE_PARTS, messageType } from './message-parts.js';
import { documented as doc, licqName, unknownBodies } from './table-builders.js';
import type { CommandCheck, CommandCheckTerm, CommandTable, FieldSpec } from './types.js';

/** Server -> client commands: the document's tables, then the codes it only names, then codes real clients know. */

const DIR = 'server-to-client' as const;

const { undescribed, seenInLicq } = unknownBodies(DIR);

/** USER_FOUND and INFO_REPLY share their parameters (the document says so). */
const userRecord = (seqName: string, seqDescription: string, uinName: string, uinDescription: string): FieldSpec[] => [
  u16(seqName, seqDescription),
  u32(uinName, uinDescription),
  lstring('NICK_NAME', "The user's nick name, NULL terminated"),
  lstring('FIRST_NAME', "The user's first name, NULL terminated"),
  lstring('LAST_NAME', "The user's last name, NULL terminated"),
  lstring('E_MAIL', "The user's e-mail, NULL terminated"),
  u8('AUTHORIZE', "User's authorization status", { meaning: 'authorize' }),
];

/** EXT_INFO_REPLY: a country not entered is COUNTRY_CODE FF FF with COUNTRY_STATUS 9C, checked both ways. */
const COUNTRY_NOT_ENTERED = { field: 'COUNTRY_CODE', values: [0xffff] };
const STATUS_NOT_ENTERED = { field: 'COUNTRY_STATUS', values: [0x9c] };
const noCountry = (given: CommandCheckTerm, then: CommandCheckTerm): CommandCheck => ({
  kind: 'implies',
  if: given,
  then,
  note: 'the document: "if the remote user has not entered a country ... COUNTRY_CODE will be FF FF, and COUNTRY_STATUS will be 9C"',
  source: 'document',
});

export const SERVER_COMMANDS: readonly CommandTable[] = [
  {
    name: 'ACK',
    code: 0x000a,
    direction: DIR,
    source: 'document',
    description: "Acknowledgement (SEQ_NUM is the client packet's number)",
    summary: 'ack seq {SEQ_NUM}',
    layouts: doc([]),
  },
  {
    name: 'LOGIN_REPLY',
    code: 0x005a,
    direction: DIR,
    source: 'document',
    description: 'Login reply',
    summary: 'uin {USER_UIN} ip {USER_IP} login #{LOGIN_SEQ_NUM}',
    layouts: doc([
      u32('USER_UIN', "The user's UIN"),
      ipv4('USER_IP', "The user's IP address"),
      u16('LOGIN_SEQ_NUM', 'Login sequence number (as in the LOGIN)'),
      unknown('X1', U32, '01000100'),
      { ...unknown('X2', U32, '19001600', '*Unknown (xx 00 16 00, xx = 19 or 18)'), alsoExpected: ['18001600'], documentSays: 'xx 00 16 00 (xx = 19 or 18)' },
      unknown('X3', U32, '8c000000'),
      unknown('X4', U32, '78000500'),
      unknown('X5', { kind: 'bytes', length: 6 }, '0a0005000100'),
    ]),
  },
  {
    name: 'USER_ONLINE',
    code: 0x006e,
    direction: DIR,
    source: 'document',
    description: 'User on contact list is online/has changed online status',
    summary: '{REMOTE_UIN} {STATUS} at {REMOTE_IP}:{REMOTE_PORT}',
    announces: [
      { ip: 'REMOTE_IP', port: 'REMOTE_PORT' },
      { ip: 'REMOTE_REAL_IP', port: 'REMOTE_PORT' },
    ],
    checks: [
      {
        kind: 'differ',
        fields: ['REMOTE_IP', 'REMOTE_REAL_IP'],
        note: 'the remote user is behind a firewall; the document: "These two will be identical unless the remote user is behind a firewall"',
        source: 'document',
      },
    ],
    layouts: doc([
      u32('REMOTE_UIN', 'The UIN of the user who has logged in'),
      ipv4('REMOTE_IP', 'The IP address of the user ("outer")'),
      u32('REMOTE_PORT', 'The TCP port of the user', { meaning: 'port', checks: PORT_CHECKS }),
      ipv4('REMOTE_REAL_IP', 'The actual IP address of the user ("inner")'),
      unknown('X1', U8, '04'),
      u32('STATUS', 'New status of the user', { meaning: 'status' }),
      unknown('X2', U32, '02000000'),
    ]),
  },
  {
    name: 'USER_OFFLINE',
    code: 0x0078,
    direction: DIR,
    source: 'document',
    description: 'User on contact list has gone offline',
    summary: '{REMOTE_UIN} went offline',
    layouts: doc([u32('REMOTE_UIN', 'The UIN of the user who has logged out')]),
  },
  {
    name: 'USER_FOUND',
    code: 0x008c,
    direction: DIR,
    source: 'document',
    description: 'User record found matching search criteria',
    summary: '#{SEARCH_SEQ_NUM} {FOUND_UIN}[ {NICK_NAME}]',
    layouts: doc(userRecord('SEARCH_SEQ_NUM', 'Search sequence number', 'FOUND_UIN', "Found user's UIN")),
  },
  {
    name: 'RECEIVE_MESSAGE',
    code: 0x00dc,
    direction: DIR,
    source: 'document',
    description: 'Message sent while offline/through server',
    summary: 'from {REMOTE_UIN} ({MESSAGE_TYPE}, {DATE})[: {MESSAGE}]',
    layouts: doc([
      u32('REMOTE_UIN', "The sending user's UIN"),
      {
        name: 'DATE',
        type: {
          kind: 'group',
          fields: [
            u16('YEAR', 'The year the message was sent'),
            u8('MONTH', 'The month the message was sent'),
            u8('DAY', 'The day of the month the message was sent'),
            u8('HOUR', 'The hour the message was sent (the document: "in GMT", and also "local time - 1")'),
            u8('MINUTE', 'The minute the message was sent'),
          ],
        },
        description: 'When the message was sent: YEAR ... MINUTE read as GMT, as the document first says (it also says HOUR is local time - 1)',
        meaning: 'date',
      },
      messageType('The type of message (message, URL, etc)', 'TYPE'),
      lstring('MESSAGE', 'The message sent, NULL terminated', { parts: MESSAGE_PARTS }),
    ]),
  },
  {
    name: 'END_OF_SEARCH',
    code: 0x00a0,
    direction: DIR,
    source: 'document',
    description: 'No more USER_FOUND will be sent',
    summary: '#{SEARCH_SEQ_NUM} {MORE_FOUND}',
    layouts: doc([
      u16('SEARCH_SEQ_NUM', 'Search sequence number'),
      u8('MORE_FOUND', 'More users found but not displayed (the server stops at 40)', { meaning: 'more-found' }),
    ]),
  },
  {
    name: 'INFO_REPLY',
    code: 0x0118,
    direction: DIR,
    source: 'document',
    description: 'Return basic information about a user',
    summary: '#{INFO_SEQ_NUM} {REMOTE_UIN}[ {NICK_NAME}]',
    layouts: doc(userRecord('INFO_SEQ_NUM', 'Information sequence number', 'REMOTE_UIN', "The remote user's UIN")),
  },
  {
    name: 'EXT_INFO_REPLY',
    code: 0x0122,
    direction: DIR,
    source: 'document',
    description: 'Return extended information about a user',
    summary: '#{INFO_SEQ_NUM} {REMOTE_UIN}[ {CITY},] {COUNTRY_CODE}, age {AGE}, {SEX}',
    checks: [noCountry(COUNTRY_NOT_ENTERED, STATUS_NOT_ENTERED), noCountry(STATUS_NOT_ENTERED, COUNTRY_NOT_ENTERED)],
    layouts: doc([
      u16('INFO_SEQ_NUM', 'Information sequence number'),
      u32('REMOTE_UIN', "The remote user's UIN"),
      lstring('CITY', "The remote user's city"),
      u16('COUNTRY_CODE', "The remote user's country code (international telephone prefix)", { meaning: 'country' }),
      u8('COUNTRY_STATUS', 'Indicates if COUNTRY_CODE is entered or not (FE entered, 9C not)', { meaning: 'country-status' }),
      lstring('STATE', "The remote user's state (USA only)"),
      u16('AGE', "The remote user's age (FF FF: not entered)", { meaning: 'age' }),
      u8('SEX', "The remote user's sex (0 not specified, 1 female, 2 male)", { meaning: 'sex' }),
      lstring('PHONE', "The remote user's phone number (the document's description says city: a slip)"),
      lstring('HOME_PAGE', "The remote user's home page (the document's description says city: a slip)"),
      lstring('ABOUT', 'Free-form personal presentation (the document\'s description says city: a slip)'),
    ]),
  },
  {
    name: 'STATUS_UPDATE',
    code: 0x01a4,
    direction: DIR,
    source: 'document',
    description: 'User on contact list has changed online status (Away etc)',
    summary: '{REMOTE_UIN} {STATUS}',
    layouts: doc([
      u32('REMOTE_UIN', 'UIN of the user whose status has changed'),
      u32('STATUS', 'The new online status of the user', { meaning: 'status' }),
    ]),
  },
  undescribed('REPLY_X1', 0x021c, '*Unknown (returned during login; licq: user list done)', [licqName('user list done')]),
  undescribed('REPLY_X2', 0x00e6, '*Unknown (confirm my UIN?; licq: system messages done)', [licqName('system messages done')]),
  undescribed('UPDATE_REPLY', 0x01e0, 'Confirmation of basic information update'),
  undescribed('UPDATE_EXT_REPLY', 0x00c8, 'Confirmation of extended information update'),
  undescribed('NEW_USER_UIN', 0x0046, 'Confirmation of creation of new user and newly assigned UIN'),
  undescribed('NEW_USER_REPLY', 0x00b4, 'Confirmation of new user basic information'),
  undescribed('QUERY_REPLY', 0x0082, 'Response to QUERY_SERVERS or QUERY_ADDONS'),
  undescribed('SYSTEM_MESSAGE', 0x01c2, "System message with URL'ed button"),
  seenInLicq('SET_OFFLINE', 0x0028, 'Set offline'),
  seenInLicq('WRONG_PASSWORD', 0x0064, 'Wrong password'),
  seenInLicq('BASIC_INFO_UPDATE_FAILED', 0x00be, 'Basic information update failed'),
  seenInLicq('DETAILS_UPDATE_FAILED', 0x00d2, 'Details update failed'),
  seenInLicq('GO_AWAY', 0x00f0, 'Go away (error)'),
  seenInLicq('BUSY', 0x00fa, 'Server busy'),
  seenInLicq('ONLINE_SYSTEM_MESSAGE', 0x0104, 'Online system message'),
  seenInLicq('INVALID_UIN', 0x012c, 'Invalid UIN'),
  seenInLicq('AUTHORIZATION_UPDATE_FAILED', 0x01f4, 'Authorization update failed'),
  seenInLicq('AUTHORIZATION_UPDATE_DONE', 0x01fe, 'Authorization update done'),
  seenInLicq('MULTI_PACKET', 0x0212, 'Several packets in one'),
];
