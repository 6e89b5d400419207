import { PeerConnection, SessionScript, UdpClient } from './session-script.js';

/**
 * The bundled sample session (addresses from the documentation ranges): alice (UIN 1001) and bob (1002)
 * log in to one server, exchange messages through the server and directly over TCP, search, ask for info,
 * change status, keep alive and log off. One retransmission and one skipped sequence number are in it on
 * purpose, as real clients do.
 */

const SERVER = { ip: '192.0.2.1', port: 4000 };
const ALICE = { ip: '198.51.100.10', port: 1026, uin: 1001, listen: 2001 };
const BOB = { ip: '198.51.100.20', port: 1027, uin: 1002, listen: 2002 };
const START = 900_000_000; // 1998-07-09 16:00:00 UTC

function login(c: UdpClient, ip: string, listen: number, password: string): void {
  c.send('LOGIN', { PORT: listen, PASSWORD: password, USER_IP: ip, LOGIN_SEQ_NUM: 1, X1: 0x00040072, X3: 3, X5: 0x00720004 });
  c.receive('LOGIN_REPLY', { USER_UIN: c.uin, USER_IP: ip, LOGIN_SEQ_NUM: 1 });
  c.send('LOGIN_1');
}

/** `round` > 0 gives the same session later and from other client ports (the benchmark repeats it). */
export function sampleSession(digits: number, round = 0): SessionScript {
  const s = new SessionScript(START + round * 300, digits);
  const alice = new UdpClient(s, { ip: ALICE.ip, port: ALICE.port + 2 * round }, SERVER, ALICE.uin);
  const bob = new UdpClient(s, { ip: BOB.ip, port: BOB.port + 2 * round }, SERVER, BOB.uin);

  login(alice, ALICE.ip, ALICE.listen, 'secret');
  alice.send('CONTACT_LIST', { CONTACTS: [{ CONTACT_UIN: BOB.uin }, { CONTACT_UIN: 1003 }] }, { layout: 'one-byte NUM_CONTACTS' });
  alice.receive('REPLY_X1');
  alice.send('LOGIN_2');
  alice.receive('RECEIVE_MESSAGE', { REMOTE_UIN: 1003, YEAR: 1998, MONTH: 7, DAY: 8, HOUR: 22, MINUTE: 15, MESSAGE_TYPE: 4, MESSAGE: ['Our new page', 'http://example.com/~carol/'] });

  s.clock.advance(1500);
  login(bob, BOB.ip, BOB.listen, 'hunter2');
  bob.send('CONTACT_LIST', { CONTACTS: [{ CONTACT_UIN: ALICE.uin }] }, { layout: 'one-byte NUM_CONTACTS' });
  const online = (uin: number, ip: string, port: number, status = 0) => ({ REMOTE_UIN: uin, REMOTE_IP: ip, REMOTE_PORT: port, REMOTE_REAL_IP: ip, STATUS: status });
  alice.receive('USER_ONLINE', online(BOB.uin, BOB.ip, BOB.listen));
  bob.receive('USER_ONLINE', online(ALICE.uin, ALICE.ip, ALICE.listen));

  s.clock.advance(4000);
  alice.send('SEARCH_USER', { SEARCH_SEQ_NUM: 77, NICK_NAME: 'carol' });
  alice.receive('USER_FOUND', { SEARCH_SEQ_NUM: 77, FOUND_UIN: 1003, NICK_NAME: 'carol', FIRST_NAME: 'Carol', LAST_NAME: 'Åström', E_MAIL: 'carol@example.com', AUTHORIZE: 1 });
  alice.receive('USER_FOUND', { SEARCH_SEQ_NUM: 77, FOUND_UIN: 1004, NICK_NAME: 'carol2', FIRST_NAME: 'Caroline', LAST_NAME: 'Ng', E_MAIL: '', AUTHORIZE: 0 });
  alice.receive('END_OF_SEARCH', { SEARCH_SEQ_NUM: 77, MORE_FOUND: 0 });
  alice.send('SEARCH_UIN', { SEARCH_SEQ_NUM: 78, SEARCHED_UIN: 1003 });
  alice.receive('USER_FOUND', { SEARCH_SEQ_NUM: 78, FOUND_UIN: 1003, NICK_NAME: 'carol', FIRST_NAME: 'Carol', LAST_NAME: 'Åström', E_MAIL: 'carol@example.com', AUTHORIZE: 1 });
  alice.receive('END_OF_SEARCH', { SEARCH_SEQ_NUM: 78, MORE_FOUND: 0 });

  s.clock.advance(3000);
  alice.send('INFO_REQ', { INFO_SEQ_NUM: 5, QUERY_UIN: BOB.uin });
  alice.receive('INFO_REPLY', { INFO_SEQ_NUM: 5, REMOTE_UIN: BOB.uin, NICK_NAME: 'bob', FIRST_NAME: 'Bob', LAST_NAME: 'Berg', E_MAIL: 'bob@example.org', AUTHORIZE: 1 });
  alice.send('EXT_INFO_REQ', { INFO_SEQ_NUM: 6, QUERY_UIN: BOB.uin });
  alice.receive('EXT_INFO_REPLY', {
    INFO_SEQ_NUM: 6, REMOTE_UIN: BOB.uin, CITY: 'Göteborg', COUNTRY_CODE: 46, COUNTRY_STATUS: 0xfe, STATE: '', AGE: 0xffff, SEX: 2,
    PHONE: '+46 31 555 0100', HOME_PAGE: 'http://example.org/bob', ABOUT: 'Sailing, ICQ since 1997.',
  });

  s.clock.advance(5000);
  const offline = alice.send('SEND_MESSAGE', { RECEIVER_UIN: 1003, MESSAGE_TYPE: 1, MESSAGE: 'See you tomorrow at 10?' }, { lost: true });
  alice.retransmit(offline, 5000);
  alice.send('SEND_MESSAGE', { RECEIVER_UIN: BOB.uin, MESSAGE_TYPE: 4, MESSAGE: ['Protocol notes', 'http://example.org/icq-v2.txt'] });
  bob.receive('RECEIVE_MESSAGE', { REMOTE_UIN: ALICE.uin, YEAR: 1998, MONTH: 7, DAY: 9, HOUR: 16, MINUTE: 0, MESSAGE_TYPE: 4, MESSAGE: ['Protocol notes', 'http://example.org/icq-v2.txt'] });

  s.clock.advance(2000);
  const peer = new PeerConnection(s, { endpoint: { ip: ALICE.ip, port: 3100 + round }, uin: ALICE.uin, ip: ALICE.ip, listenPort: ALICE.listen }, { endpoint: { ip: BOB.ip, port: BOB.listen }, uin: BOB.uin }, { client: 0x1000, server: 0xfffff000 });
  peer.open();
  peer.message(1, 'Hi Bob, direct this time', 1);
  peer.message(4, ['The capture', 'http://example.org/session.pcap'], 2);
  peer.message(3, 'Here is the trace', 3, { FILE_NAME: 'session.pcap', FILE_SIZE: 2430, FILE_PORT: 0, REVERSE_PORT: 0 });
  peer.message(2, 'Chat about the X fields?', 4, { CHAT_USERS: '', REVERSE_PORT: 0x3608, CHAT_PORT: 0x0836 });
  peer.close();

  s.clock.advance(3000);
  bob.send('STATUS_CHANGE', { STATUS: 0x01 });
  alice.receive('STATUS_UPDATE', { REMOTE_UIN: BOB.uin, STATUS: 0x01 });
  alice.send('STATUS_CHANGE', { STATUS: 0x11 });
  bob.receive('STATUS_UPDATE', { REMOTE_UIN: ALICE.uin, STATUS: 0x11 });

  s.clock.advance(100_000);
  alice.send('KEEP_ALIVE');
  bob.send('KEEP_ALIVE');
  alice.skipSeq();
  s.clock.advance(120_000);
  alice.send('KEEP_ALIVE');
  bob.send('KEEP_ALIVE');

  s.clock.advance(10_000);
  alice.send('SEND_TEXT_CODE', { TEXT_CODE: 'B_USER_DISCONNECTED', X1: 5 });
  bob.receive('USER_OFFLINE', { REMOTE_UIN: ALICE.uin });
  return s;
}
