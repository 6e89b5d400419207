import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dissectCapture } from '../src/dissect/dissect-capture.js';
import type { DissectedPdu } from '../src/dissect/pdu.js';
import { encodePdu } from '../src/protocol/encode.js';
import { NET_ICQ } from '../src/protocol/client-variants.js';
import { UNDESCRIBED } from '../src/protocol/field-builders.js';
import { ALL_COMMANDS, createRegistry, findTableByName } from '../src/protocol/registry.js';
import { documented } from '../src/protocol/table-builders.js';
import { readingIn } from '../src/protocol/variant-tables.js';
import { SequenceAnalyzer } from '../src/analysis/sequence-analyzer.js';
import { field } from './support/payload.js';
import { clientCapture, NET_ICQ_CLIENT, NET_ICQ_MESSAGE, netIcqSession, udpCapture } from './support/client-captures.js';

/** Net::ICQ 0.08's byte orders (NOTES.md), read as a session, from captures written through the encoder. */

const client = (name: string) => findTableByName('client-to-server', name)!;
const hex = (text: string) => Buffer.from(text.replace(/[ |]/g, ''), 'hex');

async function dissectBytes(bytes: Buffer): Promise<DissectedPdu[]> {
  const directory = await mkdtemp(join(tmpdir(), 'variants-'));
  try {
    const path = join(directory, 'capture.pcap');
    await writeFile(path, bytes);
    const out: DissectedPdu[] = [];
    for await (const d of dissectCapture(path)) out.push(d);
    return out;
  } finally {
    await rm(directory, { recursive: true });
  }
}

test('the encoder writes Net::ICQ 0.08 packets byte for byte as NOTES.md shows them', () => {
  const variant = { variant: 'Net::ICQ 0.08' };
  const login = encodePdu(client('LOGIN'), { SEQ_NUM: 0x0101, UIN: 22222, PORT: 50300, PASSWORD: 'secret', LOGIN_SEQ_NUM: 1 }, variant);
  assert.deepEqual(login.subarray(0, 10), hex('02 00 e8 03 01 01 ce 56 00 00'));
  assert.deepEqual(login.subarray(10, 14), hex('00 00 c4 7c'));
  assert.deepEqual(
    login.subarray(14),
    hex('07 00 73 65 63 72 65 74 00 | 00 00 00 00 | 00 00 00 00 | 00 01 | 78 00 00 00 | 04 | 02 00 00 00 | 00 00 00 00 | 08 00 78 00'),
  );
  const contacts = encodePdu(client('CONTACT_LIST'), { SEQ_NUM: 0x0102, UIN: 11111, CONTACTS: [{ CONTACT_UIN: 22222 }] }, variant);
  assert.deepEqual(contacts.subarray(10), hex('00 01 ce 56 00 00'));
  const message = encodePdu(client('SEND_MESSAGE'), { SEQ_NUM: 0x0103, UIN: 11111, RECEIVER_UIN: 22222, MESSAGE_TYPE: 1, MESSAGE: NET_ICQ_MESSAGE }, variant);
  assert.deepEqual(message.subarray(10, 18), hex('00 00 56 ce 01 00 00 19'));
  for (const [name, seqName, uinName] of [['SEARCH_UIN', 'SEARCH_SEQ_NUM', 'SEARCHED_UIN'], ['INFO_REQ', 'INFO_SEQ_NUM', 'QUERY_UIN']] as const) {
    const request = encodePdu(client(name), { SEQ_NUM: 0x0104, UIN: 11111, [seqName]: 1, [uinName]: 22222 }, variant);
    assert.deepEqual(request.subarray(10), hex('00 01 00 00 56 ce'), name);
  }
});

test('a Net::ICQ 0.08 session reads right: no error, receiver, contacts, text and numbers as sent', async () => {
  const pdus = await dissectBytes(netIcqSession());
  assert.equal(pdus.length, 20);
  for (const { pdu } of pdus) assert.deepEqual(pdu.notes.filter((n) => n.severity !== 'note'), [], `frame ${pdu.frame}`);
  const fromClient = pdus.filter(({ pdu }) => pdu.direction === 'client-to-server').map(({ pdu }) => pdu);
  assert.deepEqual(new Set(fromClient.map((p) => p.variant)), new Set(['Net::ICQ 0.08']));
  assert.deepEqual(
    fromClient.filter((p) => p.command?.name !== 'ACK').map((p) => p.seq),
    [257, 258, 259, 260, 261, 262],
  );
  const [login, , , , contacts, , message, , info, , , , search] = pdus;
  assert.equal(field(login!, 'PORT')!.value, 50300);
  assert.equal(field(login!, 'LOGIN_SEQ_NUM')!.value, 1);
  assert.equal(field(login!, 'STATUS')!.display, 'online');
  assert.equal(login!.pdu.layout, undefined);
  assert.equal(login!.pdu.notes.length, 1);
  assert.match(login!.pdu.notes[0]!.message, /^client variant Net::ICQ 0\.08 chosen for this session \(The Perl module/);
  assert.match(login!.pdu.notes[0]!.message, /its byte orders the packets so far read without a complaint; in the document's, with 4 complaints \(first: "PORT reads 0 \(high half 0x7cc4\): mICQ writes the port \+ 0x10000"\)/);
  assert.equal(field(contacts!, 'NUM_CONTACTS')!.value, 1);
  assert.equal(field(contacts!, 'CONTACTS')!.fields![0]!.value, 22222);
  assert.equal(field(message!, 'RECEIVER_UIN')!.value, 22222);
  assert.equal(field(message!, 'MESSAGE')!.value, NET_ICQ_MESSAGE);
  assert.deepEqual([field(info!, 'INFO_SEQ_NUM')!.value, field(info!, 'QUERY_UIN')!.value], [1, 22222]);
  assert.deepEqual([field(search!, 'SEARCH_SEQ_NUM')!.value, field(search!, 'SEARCHED_UIN')!.value], [2, 22222]);
  // The server's ACKs repeat the client's bytes: read the client's way, they pair.
  const serverAcks = pdus.filter(({ pdu }) => pdu.direction === 'server-to-client' && pdu.command?.name === 'ACK');
  assert.deepEqual(serverAcks.map(({ pdu }) => [pdu.seq, pdu.variant]), [257, 258, 259, 260, 261, 262].map((n) => [n, 'Net::ICQ 0.08']));
});

test('a Net::ICQ 0.08 session shows no gap, no stray ACK and every request answered', async () => {
  const pdus = await dissectBytes(netIcqSession());
  const analyzer = new SequenceAnalyzer();
  const ordinals = pdus.map((d) => analyzer.observe(d));
  const [session] = analyzer.finish();
  assert.deepEqual([session!.gaps, session!.strayAcks, session!.unacknowledged, session!.retransmissions], [0, 0, 0, 0]);
  pdus.forEach((d, i) => analyzer.annotate(d, ordinals[i]!));
  for (const { pdu } of pdus) assert.deepEqual(pdu.notes.filter((n) => n.severity !== 'note'), [], `frame ${pdu.frame}`);
  assert.equal(pdus[0]!.pdu.analysis?.responses?.[0], 3);
  // The fingerprint reads the variant the dissector chose, end to end.
  assert.deepEqual([session!.fingerprint.software, session!.fingerprint.confidence], ['Net::ICQ 0.08', 1]);
  assert.ok(session!.fingerprint.evidence.some((e) => e.field === 'variant' && e.observed === 'Net::ICQ 0.08'));
  assert.deepEqual(new Set(pdus.map(({ pdu }) => pdu.client?.software)), new Set(['Net::ICQ 0.08']));
});

test('mid-session Net::ICQ traffic: SEQ_NUM running +1 only big-endian chooses the variant', async () => {
  const keepAlive = (seq: number) => ({ fromClient: true, command: 'KEEP_ALIVE', values: { SEQ_NUM: seq, UIN: 11111 } });
  const pdus = await dissectBytes(clientCapture(NET_ICQ_CLIENT, [0x0105, 0x0106, 0x0107, 0x0108].map(keepAlive), 'Net::ICQ 0.08'));
  assert.deepEqual(pdus.map(({ pdu }) => pdu.seq), [261, 262, 263, 264]);
  assert.deepEqual(pdus.map(({ pdu }) => pdu.variant), ['Net::ICQ 0.08', 'Net::ICQ 0.08', 'Net::ICQ 0.08', 'Net::ICQ 0.08']);
  assert.match(pdus[0]!.pdu.notes[0]!.message, /^read as Net::ICQ 0.08 .*leading, not settled yet$/);
  assert.match(pdus[2]!.pdu.notes[0]!.message, /^client variant Net::ICQ 0.08 chosen for this session .*read without a complaint, SEQ_NUM running on 2 times; in the document's, without a complaint$/);
  assert.deepEqual(pdus[3]!.pdu.notes, []);
});

test('a count that fits only big-endian chooses Net::ICQ at once; the document byte order stays for mICQ-style bytes', async () => {
  const list = { fromClient: true, command: 'CONTACT_LIST', values: { SEQ_NUM: 0x0110, UIN: 11111, CONTACTS: [{ CONTACT_UIN: 22222 }, { CONTACT_UIN: 33333 }] } };
  const [netIcq] = await dissectBytes(clientCapture(NET_ICQ_CLIENT, [list], 'Net::ICQ 0.08'));
  assert.equal(netIcq!.pdu.variant, 'Net::ICQ 0.08');
  assert.deepEqual(field(netIcq!, 'CONTACTS')!.fields!.map((f) => f.value), [22222, 33333]);
  assert.match(netIcq!.pdu.notes[0]!.message, /^client variant Net::ICQ 0.08 chosen/);
  const [document] = await dissectBytes(clientCapture(NET_ICQ_CLIENT, [{ ...list, values: { ...list.values, SEQ_NUM: 0x10 } }]));
  assert.equal(document!.pdu.variant, undefined);
  assert.deepEqual(document!.pdu.notes, []);
});

test("the licq LOGIN of NOTES.md and every mICQ packet read in the document's byte orders", async () => {
  const licq = hex('02 00 e8 03 01 00 ce 56 00 00 8b ab 00 00 07 00 73 65 63 72 65 74 00 72 00 04 00 7f 00 00 01 04 00 00 00 00 03 00 00 00 02 00 00 00 00 00 04 00 72 00');
  const [login] = await dissectBytes(udpCapture(NET_ICQ_CLIENT, [{ fromClient: true, bytes: licq }]));
  assert.equal(login!.pdu.variant, undefined);
  assert.deepEqual([field(login!, 'PORT')!.value, field(login!, 'LOGIN_SEQ_NUM')!.value, field(login!, 'USER_IP')!.value], [43915, 2, '127.0.0.1']);
  const micq: DissectedPdu[] = [];
  for await (const d of dissectCapture(new URL('./data/micq-0.2.5-session.pcap', import.meta.url).pathname)) micq.push(d);
  assert.equal(micq.length, 32);
  assert.deepEqual(micq.filter(({ pdu }) => pdu.variant !== undefined || pdu.notes.some((n) => /variant Net|read as/.test(n.message))), []);
});

test("a registry whose LOGIN lacks the document's fields (its body undescribed) is read the Net::ICQ way without the field order", () => {
  const login = client('LOGIN');
  const registry = createRegistry([...ALL_COMMANDS, { ...login, layouts: documented([UNDESCRIBED]) }]);
  const reading = readingIn(NET_ICQ, 'client-to-server', login.code, registry);
  assert.deepEqual(reading.table!.layouts.map((l) => l.fields.map((f) => f.name)), [['UNDESCRIBED']]);
});
