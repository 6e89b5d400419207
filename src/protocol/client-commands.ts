import { PASSWORD_CHECKS, PORT_CHECKS, U16, U32, U8, ipv4, lstring, u16, u32, u8, unknown } from './field-builders.js';
import { MESSAGE_PARTS, messageType } from './message-parts.js';
import { documentName, documented as doc, licqName, unknownBodies } from './table-builders.js';
import type { CommandTable, FieldSpec } from './types.js';

/** Client -> server commands: the document's tables, then the codes it only names, then codes real clients sent. */

const DIR = 'client-to-server' as const;

const SEQ_QUERY = (seqName: string, seqDescription: string, uinName: string, uinDescription: string) =>
  doc([u16(seqName, seqDescription), u32(uinName, uinDescription)]);

const { undescribed, seenInLicq } = unknownBodies(DIR);

/** The document names each entry UIN, as the sender's: CONTACT_UIN keeps `UIN == 1003` to PDUs 1003 sent. */
const CONTACTS: FieldSpec = {
  name: 'CONTACTS',
  type: { kind: 'repeat', count: 'NUM_CONTACTS', fields: [u32('CONTACT_UIN', 'UIN of user on contact list', { documentName: 'UIN' })] },
  description: 'The contact list',
};

export const CLIENT_COMMANDS: readonly CommandTable[] = [
  {
    name: 'ACK',
    code: 0x000a,
    direction: DIR,
    source: 'document',
    description: "Acknowledgement (SEQ_NUM is the server packet's number)",
    summary: 'ack seq {SEQ_NUM}',
    layouts: doc([]),
  },
  {
    name: 'SEND_MESSAGE',
    code: 0x010e,
    direction: DIR,
    source: 'document',
    description: 'Send message through server (to offline user)',
    summary: 'to {RECEIVER_UIN} ({MESSAGE_TYPE})[: {MESSAGE}]',
    layouts: doc([
      u32('RECEIVER_UIN', 'UIN of the user the message is sent to'),
      messageType('Type of message being sent'),
      lstring('MESSAGE', 'The message, ended by a NULL (00)', { parts: MESSAGE_PARTS }),
    ]),
  },
  {
    name: 'LOGIN',
    code: 0x03e8,
    direction: DIR,
    source: 'document',
    description: 'Login on server',
    summary: 'uin {UIN} port {PORT} status {STATUS}',
    announces: [
      { ip: 'src', port: 'PORT' },
      { ip: 'USER_IP', port: 'PORT' },
    ],
    layouts: doc([
      u32('PORT', 'The TCP port to use for incoming connections', { meaning: 'port', checks: PORT_CHECKS }),
      lstring('PASSWORD', "The user's password + NULL (max 8 chars)", { checks: PASSWORD_CHECKS }),
      unknown('X1', U32, '78000000'),
      ipv4('USER_IP', "The user's IP address"),
      unknown('X2', U8, '04'),
      u32('STATUS', "User's online status (normally 00 00 00 00)", { meaning: 'status' }),
      unknown('X3', U32, '02000000', '*Unknown (real clients send 3: the peer TCP version?)'),
      u16('LOGIN_SEQ_NUM', 'Login sequence number'),
      unknown('X4', U32, '00000000'),
      unknown('X5', U32, '08007800'),
    ]),
  },
  {
    name: 'CONTACT_LIST',
    code: 0x0406,
    direction: DIR,
    source: 'document',
    description: 'Inform the server of my contact list',
    summary: '{NUM_CONTACTS}[: {CONTACTS}]',
    layouts: [
      {
        name: 'document',
        source: 'protocol document v0.91',
        from: ['document'],
        fields: [
          u16('NUM_CONTACTS', 'Number of contacts following', { meaning: 'contact-count' }),
          CONTACTS,
        ],
      },
      {
        name: 'one-byte NUM_CONTACTS',
        source: 'mICQ 0.2.5 and licq 0.71 send a one-byte count',
        from: ['mICQ 0.2.5', 'licq 0.71'],
        quirks: [
          {
            field: 'CONTACTS',
            firstByte: 0x00,
            note: "the first UIN's first byte is 00: mICQ 0.2.5 is known to overwrite it with the high byte of a two-byte count, so this UIN is probably wrong",
          },
        ],
        fields: [
          u8('NUM_CONTACTS', 'Number of contacts following (one byte, as real clients send it)', { meaning: 'contact-count' }),
          CONTACTS,
        ],
      },
    ],
  },
  {
    name: 'SEARCH_UIN',
    code: 0x041a,
    direction: DIR,
    source: 'document',
    description: 'Search for user using his/her UIN',
    summary: '#{SEARCH_SEQ_NUM} uin {SEARCHED_UIN}',
    layouts: SEQ_QUERY('SEARCH_SEQ_NUM', 'Search sequence number', 'SEARCHED_UIN', 'The UIN to search for'),
  },
  {
    name: 'SEARCH_USER',
    code: 0x0424,
    direction: DIR,
    source: 'document',
    description: 'Search for user using his/her name or e-mail',
    summary: '#{SEARCH_SEQ_NUM}[ nick "{NICK_NAME}"][ first "{FIRST_NAME}"][ last "{LAST_NAME}"][ e-mail "{E_MAIL}"]',
    checks: [
      {
        kind: 'not-all-empty',
        fields: ['NICK_NAME', 'FIRST_NAME', 'LAST_NAME', 'E_MAIL'],
        note: 'every search field is empty; the document: "may be empty, but not all at the same time"',
        source: 'document',
      },
      {
        kind: 'exclusive',
        groups: [['E_MAIL'], ['NICK_NAME', 'FIRST_NAME', 'LAST_NAME']],
        note: 'searches by e-mail and by name at once; the document: "you may only search either on E_MAIL ... or on name"',
        source: 'document',
      },
    ],
    layouts: doc([
      u16('SEARCH_SEQ_NUM', 'Search sequence number'),
      lstring('NICK_NAME', 'Nick name to search for, NULL terminated'),
      lstring('FIRST_NAME', 'First name to search for, NULL terminated'),
      lstring('LAST_NAME', 'Last name to search for, NULL terminated (the document says "Nick name": a slip)'),
      lstring('E_MAIL', 'E-mail to search for, NULL terminated'),
    ]),
  },
  {
    name: 'KEEP_ALIVE',
    code: 0x042e,
    direction: DIR,
    source: 'document',
    description: 'Sent to indicate connection is still up (every 120 s)',
    summary: 'connection still up',
    layouts: doc([]),
  },
  {
    name: 'SEND_TEXT_CODE',
    code: 0x0438,
    direction: DIR,
    source: 'document',
    description: 'Send special message to server as text',
    aliases: [licqName('logoff')],
    summary: '{TEXT_CODE}, X1 {X1}',
    checks: [
      {
        kind: 'implies',
        if: { field: 'TEXT_CODE', values: ['B_USER_DISCONNECTED', 'B_MESSAGE_ACK'] },
        then: { field: 'X1', values: [0x0005] },
        note: 'the document: "in which case the X1 field should contain 05 00"',
        source: 'document',
      },
    ],
    layouts: doc([
      lstring('TEXT_CODE', 'Message to send to server, NULL terminated (B_USER_DISCONNECTED, B_MESSAGE_ACK)', { meaning: 'text-code' }),
      unknown('X1', U16, undefined, '*Unknown (code, usually 04 00 or 05 00)'),
    ]),
  },
  {
    name: 'LOGIN_1',
    code: 0x044c,
    direction: DIR,
    source: 'document',
    description: 'Sent during login (licq: asks for offline messages)',
    aliases: [licqName('system messages request')],
    summary: 'during login (licq: system messages request)',
    layouts: doc([]),
  },
  {
    name: 'INFO_REQ',
    code: 0x0460,
    direction: DIR,
    source: 'document',
    description: 'Request basic information about a user',
    summary: '#{INFO_SEQ_NUM} uin {QUERY_UIN}',
    layouts: SEQ_QUERY('INFO_SEQ_NUM', 'Information sequential number', 'QUERY_UIN', 'UIN of user to request information about'),
  },
  {
    name: 'EXT_INFO_REQ',
    code: 0x046a,
    direction: DIR,
    source: 'document',
    description: 'Request extended information about a user',
    summary: '#{INFO_SEQ_NUM} uin {QUERY_UIN}',
    layouts: SEQ_QUERY('INFO_SEQ_NUM', 'Information sequential number', 'QUERY_UIN', 'UIN of user to request information about'),
  },
  {
    name: 'CHANGE_PASSWORD',
    code: 0x049c,
    direction: DIR,
    source: 'document',
    description: "Change the user's password",
    summary: '#{PASSWORD_SEQ_NUM}',
    layouts: doc([
      u16('PASSWORD_SEQ_NUM', 'Password changing sequential number'),
      lstring('NEW_PASSWORD', 'The new password, NULL terminated (max 8 chars)', { checks: PASSWORD_CHECKS }),
    ]),
  },
  {
    name: 'STATUS_CHANGE',
    code: 0x04d8,
    direction: DIR,
    source: 'document',
    description: 'User has changed online status (Away etc)',
    summary: 'status {STATUS}',
    layouts: doc([u32('STATUS', "User's online status (Away etc)", { meaning: 'status' })]),
  },
  {
    name: 'LOGIN_2',
    code: 0x0528,
    direction: DIR,
    source: 'document',
    description: 'Sent during login',
    summary: 'during login, X1 {X1}',
    layouts: doc([unknown('X1', U8, '00')]),
  },
  undescribed('UPDATE_INFO', 0x050a, 'Update my basic information'),
  undescribed('UPDATE_EXT_INFO', 0x04b0, 'Update my extended information'),
  undescribed('ADD_TO_LIST', 0x053c, 'Add user to my contact list'),
  undescribed(
    'REQ_ADD_TO_LIST',
    0x0456,
    'Request authorization to add to contact list; also listed as MSG_TO_NEW_USER: send a message to a user not on my contact list',
    [documentName('MSG_TO_NEW_USER'), licqName('authorize')],
  ),
  undescribed('QUERY_SERVERS', 0x04ba, 'Query the server about address to other servers'),
  undescribed('QUERY_ADDONS', 0x04c4, 'Query the server about globally defined add-ons'),
  undescribed('NEW_USER_1', 0x04ec, 'Ask for permission to add a new user'),
  { ...undescribed('NEW_USER_REG', 0x03fc, 'Register a new user (licq sends it with the 6-byte header, no UIN)', [licqName('register user')]), noUin: true },
  undescribed('NEW_USER_INFO', 0x04a6, 'Send basic information about a new user', [licqName('update basic info')]),
  undescribed('CMD_X1', 0x0442, '*Unknown (licq: system messages done, ack)', [licqName('system messages done, ack')]),
  seenInLicq('PING_2', 0x051e, 'Ping 2, sent right after KEEP_ALIVE'),
  seenInLicq('UPDATE_AUTHORIZATION', 0x0514, 'Update authorization'),
  seenInLicq('INVISIBLE_LIST', 0x06a4, 'Invisible list'),
  seenInLicq('VISIBLE_LIST', 0x06ae, 'Visible list'),
];
