import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderHexDump } from '../src/format/hex-dump.js';
import { MASK, redact } from '../src/format/redact.js';
import { createStyle } from '../src/format/style.js';
import { renderTree } from '../src/format/tree.js';
import { note } from '../src/net/note-kinds.js';
import { dissectBytes, message, serverAck, udpPdu } from './format-fixtures.js';

const plain = createStyle(false);
const changePassword = () => udpPdu('client-to-server', 'CHANGE_PASSWORD', { SEQ_NUM: 4, UIN: 22222, NEW_PASSWORD: 'n3w\x07' }, { frame: 9 });

test('-V tree: every field with reading, offset+length, hex, description; notes under their field; PDU notes and analysis at the end', () => {
  const ack = serverAck({ frame: 2 }, 1);
  ack.pdu.analysis = { acks: 1, ackRtt: 0.00025 };
  ack.pdu.notes.push(note('stray-ack', 'stray', 'SEQ_NUM'), note('duplicate-ack', 'pdu-level'));
  assert.equal(
    renderTree(ack.pdu, plain),
    [
      'Frame 2: 2026-01-02T03:04:05.000000Z udp 10.0.0.1:4000 → 10.0.0.5:1026 server-to-client',
      'ICQ v2 ACK (0x000a), 6 bytes, seq 1',
      '    VERSION: 2  @0000+2 0200 — Identifies the packet as an ICQ packet',
      '    COMMAND: ACK (10)  @0002+2 0a00 — Code of what the server sends: a reply, or news of a user on the contact list',
      '    SEQ_NUM: 1  @0004+2 0100 — Sequence number (in an ACK: the number of the packet acknowledged)',
      '        [warning stray-ack] stray',
      '    [note duplicate-ack] pdu-level',
      '    [analysis] acknowledges frame 1',
      '    [analysis] acknowledgement after 0.00025 s',
      '',
    ].join('\n'),
  );
});

test('-V tree: malformed packet keeps every readable field and its notes', () => {
  const cut = dissectBytes(Buffer.from('0200e80301000100000007006869', 'hex'), 'client-to-server', { frame: 3 });
  assert.deepEqual(renderTree(cut.pdu, plain).split('\n').slice(6), [
    '    PORT: 7 (high half 0x6968) (1768423431)  @000a+4 07006869 — The TCP port to use for incoming connections',
    '        [note port-high-half] PORT reads 7 (high half 0x6968): mICQ writes the port + 0x10000',
    '    [error malformed] packet too short: LENGTH needs 2 bytes, 0 left',
    '',
  ]);
});

test('-V tree: unknown marker and the expected value where the bytes differ', () => {
  const login = udpPdu('client-to-server', 'LOGIN', { SEQ_NUM: 1, UIN: 22222, PASSWORD: 'pw', X1: Buffer.from('72000400', 'hex') }, { frame: 1 });
  const x1 = renderTree(login.pdu, plain).split('\n').find((line) => line.startsWith('    X1:'));
  assert.equal(x1, '    X1: 262258 (0x00040072) [unknown]  @0013+4 72000400  expected 78000000 — *Unknown');
});

test('-V tree escapes control characters of wire strings', () => {
  const line = renderTree(message({ frame: 4 }, 'a\x1b]0;pwned\x07b\n').pdu, plain).split('\n').find((l) => l.includes('MESSAGE:'));
  assert.equal(line, '    MESSAGE: "a\\x1b]0;pwned\\x07b\\n"  @0012+14 611b5d303b70776e656407620a00 — The message, ended by a NULL (00)');
});

test('-x hex dump of a PDU without its frame: offset, 16 bytes, ASCII column (controls as dots), legend with offset ranges and readings', () => {
  const d = changePassword();
  assert.equal(
    renderHexDump(d, plain),
    [
      '0000  02 00 9c 04 04 00 ce 56 00 00 00 00 05 00 6e 33   .......V......n3',
      '0010  77 07 00                                          w..',
      '  0000-0001  VERSION: 2',
      '  0002-0003  COMMAND: CHANGE_PASSWORD (1180)',
      '  0004-0005  SEQ_NUM: 4',
      '  0006-0009  UIN: 22222',
      '  000a-000b  PASSWORD_SEQ_NUM: 0',
      '  000c-000d  LENGTH: 5',
      '  000e-0012  NEW_PASSWORD: "n3w\\x07"',
      '',
    ].join('\n'),
  );
});

test('-x with colour: each field\'s bytes share a colour, neighbours differ, the legend names the colour', () => {
  const d = changePassword();
  const lines = renderHexDump(d, createStyle(true)).split('\n');
  assert.equal(
    (lines[0] as string).slice(0, 83),
    '0000  \x1b[36m02\x1b[39m \x1b[36m00\x1b[39m \x1b[33m9c\x1b[39m \x1b[33m04\x1b[39m \x1b[32m04\x1b[39m \x1b[32m00\x1b[39m',
  );
  assert.equal(lines[2], '  0000-0001  \x1b[36mVERSION\x1b[39m: 2');
  assert.equal(lines[3], '  0002-0003  \x1b[33mCOMMAND\x1b[39m: CHANGE_PASSWORD (1180)');
});

test('--redact masks NEW_PASSWORD value, display, hex and dump bytes, and leaves the original untouched', () => {
  const original = changePassword();
  const { dissected, masked } = redact(original);
  const field = dissected.pdu.fields.find((f) => f.name === 'NEW_PASSWORD');
  assert.deepEqual([field?.value, field?.display, field?.hex], [MASK, MASK, '**********']);
  assert.deepEqual(masked, [{ start: 14, end: 19 }]);
  assert.deepEqual(renderHexDump(dissected, plain, masked).split('\n').slice(0, 2), [
    '0000  02 00 9c 04 04 00 ce 56 00 00 00 00 05 00 ** **   .......V......**',
    '0010  ** ** **                                          ***',
  ]);
  assert.equal(original.pdu.fields.find((f) => f.name === 'NEW_PASSWORD')?.value, 'n3w\x07');
  assert.equal(original.bytes.toString('hex'), '02009c040400ce5600000000050' + '06e33770700');
});

test('--redact leaves a PDU without secrets as it is', () => {
  const ack = serverAck({ frame: 2 }, 1);
  assert.deepEqual(redact(ack), { dissected: ack, masked: [] });
});
