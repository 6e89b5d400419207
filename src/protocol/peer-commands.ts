import { I32, PORT_CHECKS, U16, U32, U8, ipv4, lstring, u16, u32, u8, unknown } from './field-builders.js';
import { MESSAGE_PARTS, messageType } from './message-parts.js';
import type { CommandTable, FieldSpec, LayoutVariant, Source } from './types.js';

/**
 * Peer-to-peer TCP messages. Each PDU starts at its 2-byte LENGTH. The document describes version 2; licq
 * 0.71 sends version 3 with the same layout, chat/file request fields before X4, and a 3-byte tag after it.
 */

const DIR = 'peer-to-peer' as const;

/** INIT_IDENT: CHANNEL_INIT has no command code; its identifying byte stands in for one. */
export const CHANNEL_INIT_CODE = 0xff;

const LENGTH = u16('LENGTH', 'Length of this packet (not counting these two bytes)');

export const CHANNEL_INIT: CommandTable = {
  name: 'CHANNEL_INIT',
  code: CHANNEL_INIT_CODE,
  direction: DIR,
  source: 'document',
  description: 'Initiate inter-user communication using TCP',
  summary: 'from {MY_UIN} at {MY_IP}:{MY_PORT}',
  layouts: [
    {
      name: 'document',
      source: 'protocol document v0.91',
        from: ['document'],
      fields: [
        { ...LENGTH, expected: '1a00' },
        u8('INIT_IDENT', 'Identifies this packet as an initiation', { expected: 'ff' }),
        unknown('X1', U32, '02000000', '*Unknown (the peer TCP version: licq sends 3)'),
        unknown('X2', U32, '00000000', '*Unknown (licq puts its listening port here)'),
        u32('MY_UIN', "The local user's UIN"),
        ipv4('MY_IP', "The user's IP address"),
        ipv4('MY_IP_REAL', "The user's actual IP address"),
        unknown('X3', U8, '04'),
        u32('MY_PORT', "The user's TCP port for incoming messages", { meaning: 'port', checks: PORT_CHECKS }),
      ],
    },
  ],
};

/** The fields every peer message has, up to CMD_TYPE. */
const messageHead = (commandHex: string): FieldSpec[] => [
  LENGTH,
  u32('UIN', "The local user's UIN"),
  u16('VERSION', 'Identifies this as an ICQ packet (licq sends 3)', { expected: '0200' }),
  u16('MSG_COMMAND', 'The message command (EE 07 message, DA 07 acknowledgement, D0 07 cancel)', {
    expected: commandHex,
    meaning: 'command',
  }),
  unknown('X1', U16, '0000'),
  u32('UIN_2', "The local user's UIN"),
  messageType('Message type (1 message, 2 chat request, 3 file request, 4 URL)', 'TYPE'),
  lstring('MESSAGE', 'The message to be sent, NULL terminated', { parts: MESSAGE_PARTS }),
  ipv4('MY_IP_REAL', "The user's actual IP address"),
  ipv4('MY_IP', "The user's IP address"),
  u32('PORT', "The user's TCP port for incoming messages", { meaning: 'port', checks: PORT_CHECKS }),
  unknown('X2', U8, '04'),
  unknown('X3', U16, '0000', '*Unknown (licq: the status in an acknowledgement)'),
  u16('CMD_TYPE', 'Identifies message as new message (10 00) or auto reply (00 00)', { meaning: 'cmd-type' }),
];

/** The head every peer message shares, without any command's fixed values: for commands nobody knows. */
export const PEER_HEADER: readonly FieldSpec[] = messageHead('')
  .slice(0, 4)
  .map(({ expected: _fixed, ...spec }) => spec);

const messageTail: FieldSpec[] = [
  {
    ...unknown('X4', I32, undefined, '*Unknown (checksum? sequence number? the document: 00 FF FF FF ... FF FF FF FF)'),
    meaning: 'x4',
    checks: [
      {
        kind: 'range',
        min: -256,
        max: -1,
        note: 'outside the documented range -256 ... -1; the document: "It is always between 00 FF FF FF and FF FF FF FF"',
        source: 'document',
      },
    ],
  },
  {
    name: 'TRAILER',
    type: { kind: 'rest' },
    description: 'Bytes after X4 (licq appends "L" and its version)',
    meaning: 'trailer',
    unknown: true,
    optional: true,
  },
];

const CHAT_REQUEST: FieldSpec[] = [
  lstring('CHAT_USERS', 'Chat request: users already in the chat (licq)'),
  u32('REVERSE_PORT', 'Chat request: the chat port, bytes swapped (licq)'),
  u32('CHAT_PORT', 'Chat request: the chat port (licq)'),
];

const FILE_REQUEST: FieldSpec[] = [
  u32('REVERSE_PORT', 'File request: the file port, bytes swapped (licq)'),
  lstring('FILE_NAME', 'File request: the file name (licq)'),
  u32('FILE_SIZE', 'File request: the file size in bytes (licq)'),
  u32('FILE_PORT', 'File request: the file port (licq)'),
];

const messageLayouts = (commandHex: string): LayoutVariant[] => [
  {
    name: 'chat request',
    source: 'licq 0.71: chat requests carry extra fields before X4',
    from: ['licq 0.71'],
    when: { field: 'MESSAGE_TYPE', values: [0x0002] },
    fields: [...messageHead(commandHex), ...CHAT_REQUEST, ...messageTail],
  },
  {
    name: 'file request',
    source: 'licq 0.71: file requests carry extra fields before X4',
    from: ['licq 0.71'],
    when: { field: 'MESSAGE_TYPE', values: [0x0003] },
    fields: [...messageHead(commandHex), ...FILE_REQUEST, ...messageTail],
  },
  { name: 'document', source: 'protocol document v0.91', from: ['document'], fields: [...messageHead(commandHex), ...messageTail] },
];

const peerMessage = (name: string, code: number, description: string, source: Source): CommandTable => ({
  name,
  code,
  direction: DIR,
  source,
  description,
  summary: 'from {UIN} ({MESSAGE_TYPE}, {CMD_TYPE}, X4 {X4})[: {MESSAGE}]',
  layouts: messageLayouts(code.toString(16).padStart(4, '0').replace(/(..)(..)/, '$2$1')),
});

export const PEER_COMMANDS: readonly CommandTable[] = [
  CHANNEL_INIT,
  peerMessage('CHANNEL_MESSAGE', 0x07ee, 'Send message to online user', 'document'),
  peerMessage('CHANNEL_ACK', 0x07da, 'Acknowledgement of a peer message (licq; the document: CMD_TYPE 00 00 auto reply)', 'licq 0.71'),
  peerMessage('CHANNEL_CANCEL', 0x07d0, 'Cancel a chat or file request (licq)', 'licq 0.71'),
];
