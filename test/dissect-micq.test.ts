import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dissectCapture } from '../src/dissect/dissect-capture.js';
import type { DissectedPdu } from '../src/dissect/pdu.js';
import { coverage, field } from './support/payload.js';

/** The genuine mICQ 0.2.5 session (client packets exactly as mICQ sent them; server packets from a stub). */

const CAPTURE = new URL('./data/micq-0.2.5-session.pcap', import.meta.url).pathname;

async function all(): Promise<DissectedPdu[]> {
  const out: DissectedPdu[] = [];
  for await (const d of dissectCapture(CAPTURE)) out.push(d);
  return out;
}

test('mICQ: every packet is named, every byte covered, the only warning is its contact-list bug', async () => {
  const pdus = await all();
  assert.equal(pdus.length, 32);
  for (const { pdu } of pdus) {
    assert.notEqual(pdu.command?.name ?? null, null, `frame ${pdu.frame}`);
    assert.equal(coverage(pdu.fields, 0, pdu.length), null, `frame ${pdu.frame}`);
    assert.deepEqual(pdu.notes.filter((n) => n.severity === 'error'), [], `frame ${pdu.frame}`);
  }
  const warned = pdus.filter(({ pdu }) => pdu.notes.some((n) => n.severity === 'warning'));
  assert.deepEqual(warned.map(({ pdu }) => [pdu.frame, pdu.command?.name]), [[7, 'CONTACT_LIST']]);
  const clientCommands = pdus.filter(({ pdu }) => pdu.direction === 'client-to-server').map(({ pdu }) => pdu.command!.name);
  assert.deepEqual(clientCommands, [
    'LOGIN', 'ACK', 'LOGIN_1', 'CONTACT_LIST', 'STATUS_CHANGE', 'ACK', 'ACK', 'SEND_MESSAGE', 'SEND_MESSAGE',
    'STATUS_CHANGE', 'STATUS_CHANGE', 'INFO_REQ', 'EXT_INFO_REQ', 'SEARCH_USER', 'SEND_MESSAGE', 'SEND_TEXT_CODE',
  ]);
});

test('mICQ LOGIN: real-client values and their notes', async () => {
  const login = (await all())[0]!;
  assert.deepEqual(login.pdu.time, { absolute: '2026-11-23T21:35:03.802543Z', epoch: 1795469703.802543, relative: 0, delta: 0 });
  assert.equal(login.pdu.src, '127.0.0.1:34335');
  assert.equal(login.pdu.dst, '127.0.0.1:4000');
  assert.equal(login.pdu.uin, 11111);
  assert.equal(login.pdu.seq, 1);
  assert.equal(field(login, 'PORT')!.value, 0x11f86);
  assert.equal(field(login, 'PORT')!.display, '8070 (high half 0x0001)');
  assert.equal(field(login, 'PASSWORD')!.value, 'secret');
  assert.equal(field(login, 'X1')!.hex, '72000400');
  assert.equal(field(login, 'X1')!.expected, '78000000');
  assert.equal(field(login, 'X1')!.unknown, true);
  assert.equal(field(login, 'LOGIN_SEQ_NUM')!.value, 2);
  assert.deepEqual(
    login.pdu.notes.map((n) => n.message),
    [
      // In wire order: the checks declared on PORT come with PORT.
      'PORT reads 8070 (high half 0x0001): mICQ writes the port + 0x10000',
      "PORT's low half read big-endian is 34335, this packet's own source port: the client seems to write its port in network byte order",
      'X1 is 72 00 04 00, the document says 78 00 00 00',
      'X2 is 06, the document says 04',
      'X3 is 03 00 00 00, the document says 02 00 00 00',
      'X5 is 04 00 72 00, the document says 08 00 78 00',
    ],
  );
});

test('mICQ CONTACT_LIST: one-byte count layout, the overwritten first UIN is flagged', async () => {
  const list = (await all())[6]!;
  assert.equal(list.pdu.layout, 'one-byte NUM_CONTACTS');
  assert.equal(field(list, 'NUM_CONTACTS')!.value, 1);
  assert.equal(field(list, 'CONTACTS')!.fields![0]!.value, 0x5600);
  assert.deepEqual(list.pdu.notes.map((n) => n.severity), ['note', 'warning']);
});

test('mICQ URL message splits into description and URL; RECEIVE_MESSAGE has a date', async () => {
  const pdus = await all();
  const url = pdus.find(({ pdu }) => pdu.frame === 17)!;
  const message = field(url, 'MESSAGE')!;
  assert.equal(field(url, 'MESSAGE_TYPE')!.display, 'URL');
  assert.deepEqual(message.fields!.map((f) => [f.name, f.value]), [['DESCRIPTION', 'a link'], ['SEPARATOR', 254], ['URL', 'http://example.invalid/'], ['NUL', 0]]);
  const received = pdus.find(({ pdu }) => pdu.command?.name === 'RECEIVE_MESSAGE')!;
  assert.equal(field(received, 'DATE')!.value, '2026-11-23T21:35:00Z');
  assert.equal(field(received, 'DATE')!.display, '2026-11-23 21:35 GMT');
  assert.equal(field(received, 'MESSAGE')!.value, 'hi from the stub');
  assert.equal(received.pdu.direction, 'server-to-client');
  assert.equal(received.pdu.uin, undefined);
});
