import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DissectedPdu } from '../src/dissect/pdu.js';
import { encodePdu, type EncodeValues } from '../src/protocol/encode.js';
import { findTableByName } from '../src/protocol/registry.js';
import { ALL_COMMANDS } from '../src/protocol/registry.js';
import { dissect, field } from './support/payload.js';

/** The document's own rules, declared on the fields and commands they belong to: each kept once and broken once. */

const fromClient = (name: string, values: EncodeValues) => dissect(encodePdu(findTableByName('client-to-server', name)!, { SEQ_NUM: 5, UIN: 1001, ...values }));
const fromServer = (name: string, values: EncodeValues) =>
  dissect(encodePdu(findTableByName('server-to-client', name)!, { SEQ_NUM: 5, ...values }), { fromServer: true });
const messages = (d: DissectedPdu) => d.pdu.notes.map((n) => n.message);

test('SEND_TEXT_CODE: what B_USER_DISCONNECTED and B_MESSAGE_ACK mean, and their X1 "should contain 05 00"', () => {
  const kept = fromClient('SEND_TEXT_CODE', { TEXT_CODE: 'B_USER_DISCONNECTED', X1: 5 });
  assert.deepEqual(messages(kept), []);
  assert.equal(field(kept, 'TEXT_CODE')!.display, 'B_USER_DISCONNECTED (the user has disconnected)');
  assert.equal(field(kept, 'TEXT_CODE')!.value, 'B_USER_DISCONNECTED');
  const broken = fromClient('SEND_TEXT_CODE', { TEXT_CODE: 'B_MESSAGE_ACK', X1: 4 });
  assert.match(field(broken, 'TEXT_CODE')!.display, /^B_MESSAGE_ACK \(the client has problems connecting to the server/);
  assert.deepEqual(messages(broken), ['X1 is 0x4 with TEXT_CODE "B_MESSAGE_ACK": the document: "in which case the X1 field should contain 05 00"']);
  assert.deepEqual(broken.pdu.notes.map((n) => [n.severity, n.field]), [['note', 'X1']]);
  // Another code is read as itself and has no rule on X1.
  const other = fromClient('SEND_TEXT_CODE', { TEXT_CODE: 'B_SOMETHING', X1: 4 });
  assert.deepEqual([field(other, 'TEXT_CODE')!.display, messages(other)], ['B_SOMETHING', []]);
});

test('EXT_INFO_REPLY: COUNTRY_CODE FF FF goes with COUNTRY_STATUS 9C, both ways', () => {
  const extInfo = (COUNTRY_CODE: number, COUNTRY_STATUS: number) => fromServer('EXT_INFO_REPLY', { INFO_SEQ_NUM: 1, REMOTE_UIN: 1002, COUNTRY_CODE, COUNTRY_STATUS, AGE: 30 });
  assert.deepEqual(messages(extInfo(0xffff, 0x9c)), []);
  assert.deepEqual(messages(extInfo(46, 0xfe)), []);
  const rule = 'the document: "if the remote user has not entered a country ... COUNTRY_CODE will be FF FF, and COUNTRY_STATUS will be 9C"';
  assert.deepEqual(messages(extInfo(0xffff, 0xfe)), [`COUNTRY_STATUS is 0xfe with COUNTRY_CODE 0xffff: ${rule}`]);
  assert.deepEqual(messages(extInfo(46, 0x9c)), [`COUNTRY_CODE is 0x2e with COUNTRY_STATUS 0x9c: ${rule}`]);
});

test('USER_ONLINE: REMOTE_IP differing from REMOTE_REAL_IP says the user is behind a firewall', () => {
  const online = (REMOTE_REAL_IP: string) => fromServer('USER_ONLINE', { REMOTE_UIN: 1002, REMOTE_IP: '203.0.113.7', REMOTE_PORT: 2002, REMOTE_REAL_IP });
  assert.deepEqual(messages(online('203.0.113.7')), []);
  const behind = online('10.1.2.3');
  assert.deepEqual(messages(behind), [
    'REMOTE_IP 203.0.113.7 differs from REMOTE_REAL_IP 10.1.2.3: the remote user is behind a firewall; the document: "These two will be identical unless the remote user is behind a firewall"',
  ]);
  assert.equal(behind.pdu.notes[0]!.severity, 'note');
});

test('LOGIN and CHANGE_PASSWORD: a password of more than 8 characters breaks the document\'s "max 8 chars"', () => {
  assert.deepEqual(messages(fromClient('LOGIN', { PORT: 2001, PASSWORD: 'eightchr' })), []);
  assert.deepEqual(messages(fromClient('LOGIN', { PORT: 2001, PASSWORD: 'ninechars' })), ['PASSWORD has 9 characters, more than 8: the document: "max 8 chars"']);
  assert.deepEqual(messages(fromClient('CHANGE_PASSWORD', { PASSWORD_SEQ_NUM: 1, NEW_PASSWORD: 'short' })), []);
  const long = fromClient('CHANGE_PASSWORD', { PASSWORD_SEQ_NUM: 1, NEW_PASSWORD: 'a much longer one' });
  assert.deepEqual(long.pdu.notes.map((n) => [n.severity, n.field, n.message]), [
    ['warning', 'NEW_PASSWORD', 'NEW_PASSWORD has 17 characters, more than 8: the document: "max 8 chars"'],
  ]);
});

test('SEARCH_USER: not every field empty, and either by e-mail or by name', () => {
  assert.deepEqual(messages(fromClient('SEARCH_USER', { SEARCH_SEQ_NUM: 1, E_MAIL: 'bob@example.com' })), []);
  assert.deepEqual(messages(fromClient('SEARCH_USER', { SEARCH_SEQ_NUM: 1, NICK_NAME: 'bob', LAST_NAME: 'Smith' })), []);
  assert.deepEqual(messages(fromClient('SEARCH_USER', { SEARCH_SEQ_NUM: 1 })), ['every search field is empty; the document: "may be empty, but not all at the same time"']);
  assert.deepEqual(messages(fromClient('SEARCH_USER', { SEARCH_SEQ_NUM: 1, NICK_NAME: 'bob', E_MAIL: 'bob@example.com' })), [
    'searches by e-mail and by name at once; the document: "you may only search either on E_MAIL ... or on name"',
  ]);
});

test("a \"you were added\" message's AUTHORIZE digit reads as the document says; other bytes stay bare", () => {
  const added = (authorize: string) =>
    fromServer('RECEIVE_MESSAGE', { REMOTE_UIN: 1002, YEAR: 1998, MONTH: 7, DAY: 8, HOUR: 10, MINUTE: 0, MESSAGE_TYPE: 0x0c, MESSAGE: ['bob', 'Bob', 'Smith', 'bob@example.com', authorize] });
  assert.equal(field(added('1'), 'AUTHORIZE')!.display, "'1' (anyone may add)");
  assert.equal(field(added('0'), 'AUTHORIZE')!.display, "'0' (must authorize)");
  assert.equal(field(added('0'), 'AUTHORIZE')!.value, '0');
  assert.equal(field(added('x'), 'AUTHORIZE')!.display, 'x');
});

test("STATUS 0x11 names the document's DND first, then licq's bits; never mixes the two", () => {
  const status = (STATUS: number) => field(fromClient('STATUS_CHANGE', { STATUS }), 'STATUS')!.display;
  assert.equal(status(0x11), 'Do Not Disturb (DND), licq bits away + occupied');
  assert.equal(status(0x02), 'DND (0x00000002)');
  assert.equal(status(0x01), 'away');
  assert.equal(status(0x13), 'away, DND, occupied (0x00000013)');
});

test('LOGIN_REPLY X2 is "xx 00 16 00" with xx = 19 or 18: both agree, anything else is quoted as the document says it', () => {
  const reply = (X2: Buffer) => fromServer('LOGIN_REPLY', { USER_UIN: 1001, USER_IP: '10.0.0.2', LOGIN_SEQ_NUM: 1, X2 });
  assert.deepEqual(messages(reply(Buffer.from('19001600', 'hex'))), []);
  assert.deepEqual(messages(reply(Buffer.from('18001600', 'hex'))), []);
  assert.deepEqual(messages(reply(Buffer.from('17001600', 'hex'))), ['X2 is 17 00 16 00, the document says xx 00 16 00 (xx = 19 or 18)']);
});

test("the codes only licq sends name licq as their source, not the document", () => {
  const licqOnly = ALL_COMMANDS.filter((t) => t.source === 'licq 0.71');
  assert.deepEqual(licqOnly.map((t) => t.name).sort(), [
    'AUTHORIZATION_UPDATE_DONE', 'AUTHORIZATION_UPDATE_FAILED', 'BASIC_INFO_UPDATE_FAILED', 'BUSY', 'CHANNEL_ACK', 'CHANNEL_CANCEL',
    'DETAILS_UPDATE_FAILED', 'GO_AWAY', 'INVALID_UIN', 'INVISIBLE_LIST', 'MULTI_PACKET', 'ONLINE_SYSTEM_MESSAGE', 'PING_2', 'SET_OFFLINE',
    'UPDATE_AUTHORIZATION', 'VISIBLE_LIST', 'WRONG_PASSWORD',
  ]);
  const busy = fromServer('BUSY', { UNDESCRIBED: Buffer.from('0102', 'hex') });
  assert.deepEqual(busy.pdu.command, { code: 0x00fa, name: 'BUSY', source: 'licq 0.71' });
  assert.equal(field(busy, 'UNDESCRIBED')!.description, 'Body of a code licq 0.71 sends (not in the document); nobody describes it');
  const documentOnly = fromServer('REPLY_X1', { UNDESCRIBED: Buffer.from('01', 'hex') });
  assert.equal(documentOnly.pdu.command?.source, undefined);
  assert.equal(field(documentOnly, 'UNDESCRIBED')!.description, 'Body the document names but does not describe');
});
