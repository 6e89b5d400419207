import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wiresharkAliases } from '../src/cli/filter-schema.js';
import { isKnownFieldName } from '../src/cli/field-names.js';
import type { DissectedPdu } from '../src/dissect/pdu.js';
import { BUILTIN_REGISTRY } from '../src/protocol/registry.js';
import { clientCapture, SERVER } from './support/client-captures.js';
import { dissect } from './support/payload.js';
import { filterError, matchingFrames } from './support/filter.js';
import { encoded, login, message, serverAck, udpPdu } from './format-fixtures.js';

/**
 * Issue 12, the filter as Wireshark users write it: word operators, `~`, `in {...}`, named bits,
 * IPv4 literals and address/port names, `contains` by type, `info`, the Lua export's names. Each
 * feature with what it must match and a near miss it must not.
 */

const SAMPLE = 'samples/session.pcap';

/** A PDU from another address (the filter reads `src`/`dst` as the JSON has them). */
function from(d: DissectedPdu, src: string, dst = '192.0.2.1:4000'): DissectedPdu {
  d.pdu.src = src;
  d.pdu.dst = dst;
  return d;
}

function peerMessage(frame: number): DissectedPdu {
  const d = dissect(encoded('peer-to-peer', 'CHANNEL_MESSAGE', { UIN: 1001, MESSAGE: 'hi', X4: -1, TRAILER: Buffer.from('4cc602', 'hex') }), { transport: 'tcp' });
  d.pdu.frame = frame;
  return d;
}

const status = (frame: number, value: number) => udpPdu('client-to-server', 'STATUS_CHANGE', { SEQ_NUM: frame, UIN: 22222, STATUS: value }, { frame });

const PDUS: DissectedPdu[] = [
  from(login({ frame: 1 }), '192.0.2.10:1026'),
  from(serverAck({ frame: 2 }, 1), '192.0.2.1:4000', '192.0.2.10:1026'),
  from(message({ frame: 3 }, 'Hello there', 2), '198.51.100.7:1027'),
  from(message({ frame: 4 }, 'bye', 3), '[2001:db8::1]:1028', '[2001:db8::2]:4000'),
  status(5, 0x02),
  status(6, 0x21),
  status(7, 0x0),
  peerMessage(8),
];

const frames = (expression: string): number[] => matchingFrames(PDUS, expression);

test('eq ne gt lt ge le and ~ are the operators they stand for', () => {
  const pairs: [string, string][] = [
    ['seq eq 2', 'seq == 2'],
    ['seq ne 2', 'seq != 2'],
    ['seq gt 2', 'seq > 2'],
    ['seq lt 2', 'seq < 2'],
    ['seq ge 2', 'seq >= 2'],
    ['seq le 2', 'seq <= 2'],
    ['MESSAGE ~ "^b"', 'MESSAGE matches "^b"'],
  ];
  for (const [words, symbols] of pairs) assert.deepEqual(frames(words), frames(symbols), words);
  assert.deepEqual(frames('seq eq 2'), [3]);
  assert.deepEqual(frames('MESSAGE ~ "^b"'), [4]);
  assert.deepEqual(frames('command eq SEND_MESSAGE and seq ge 3'), [4]);
  assert.equal(filterError('eq == 1'), "expected a field name but found 'eq' at position 1");
});

test('in {...}: numbers, names and text, commas or spaces between, ranges tested on one occurrence', () => {
  assert.deepEqual(frames('seq in {1 3}'), [1, 2, 4]);
  assert.deepEqual(frames('seq in {1, 3}'), [1, 2, 4]);
  assert.deepEqual(frames('command in {LOGIN ACK}'), [1, 2]);
  assert.deepEqual(frames('command in {LOGIN, 0x000a}'), [1, 2]);
  assert.deepEqual(frames('direction in {"server-to-client" peer-to-peer}'), [2, 8]);
  assert.deepEqual(frames('seq in {5..6}'), [5, 6]);
  assert.deepEqual(frames('seq in {1 5..6}'), [1, 2, 5, 6]);
  assert.deepEqual(frames('ip.src in {192.0.2.9..192.0.2.11}'), [1]);
  assert.deepEqual(frames('not seq in {1..7}'), [8]);
  assert.deepEqual(frames('seq not in {1..6} && frame > 4'), [7, 8]);
  // A range holds when one occurrence lies in it: the contact UINs 1001 and 22222 are not in 1002..22221.
  const contacts = [udpPdu('client-to-server', 'CONTACT_LIST', { SEQ_NUM: 9, UIN: 3003, CONTACTS: [{ CONTACT_UIN: 1001 }, { CONTACT_UIN: 22222 }] }, { frame: 9 })];
  assert.deepEqual(matchingFrames(contacts, 'CONTACT_UIN in {1002..22221}'), []);
  assert.deepEqual(matchingFrames(contacts, 'CONTACT_UIN in {1001..1001}'), [9]);
  assert.equal(filterError('command in {LOGIN login}'), "unknown command 'login' (did you mean LOGIN?) at position 19");
  assert.equal(filterError('seq in {}'), "'in' needs at least one value at position 9");
  assert.equal(filterError('seq in 1'), "expected '{' but found '1' at position 8");
  assert.equal(filterError('seq in {1'), "expected a value after '1' but found end of expression at position 10");
});

test('& with the bits the field\'s table names: STATUS & DND, & away, case aside; a name that is no bit is an error listing them', () => {
  assert.deepEqual(frames('STATUS & DND'), [5]);
  assert.deepEqual(frames('STATUS & dnd'), [5]);
  assert.deepEqual(frames('STATUS & away'), [6]);
  assert.deepEqual(frames('STATUS & "free for chat"'), [6]);
  assert.deepEqual(frames('STATUS & invisible'), []);
  assert.equal(
    filterError('STATUS & busy'),
    `'busy' is not a bit of STATUS; its bits are away, DND, N/A, occupied, "free for chat", invisible, "web presence", "hide IP" at position 10`,
  );
  assert.equal(filterError('STATUS == away'), "STATUS is a number, the text 'away' is not one; for its bit write STATUS & away at position 11");
  assert.equal(filterError('seq & away'), "'&' needs a whole number from 0 to 0xffffffff as mask but found 'away' at position 7");
});

test('contains on bytes: a string is its ASCII bytes, 4c:c6 and 4cc6 are bytes, whole bytes only; on text a substring', () => {
  assert.deepEqual(frames('TRAILER contains "L"'), [8]);
  assert.deepEqual(frames('TRAILER contains 4c:c6'), [8]);
  assert.deepEqual(frames('TRAILER contains 4cc6'), [8]);
  assert.deepEqual(frames('TRAILER contains c602'), [8]);
  assert.deepEqual(frames('TRAILER contains 02'), [8]);
  // "c60" is the bytes 63 36 30, and the hex text's half bytes are not bytes.
  assert.deepEqual(frames('TRAILER contains "c60"'), []);
  assert.deepEqual(frames('TRAILER contains cc:60'), []);
  assert.deepEqual(frames('TRAILER == "L\\xc6\\x02"'), []);
  assert.deepEqual(frames('TRAILER == 4cc602 && TRAILER ~ "^L"'), [8]);
  assert.deepEqual(frames('MESSAGE contains "there"'), [3]);
  assert.deepEqual(frames('MESSAGE contains 68:69'), [8]);
  assert.deepEqual(frames('src contains "192.0.2.1"'), [1, 2]);
});

test('contains and matches on a number or an address are refused, as Wireshark refuses them; so are values with no byte reading', () => {
  assert.equal(filterError('X1 contains 0x00'), "X1 is a number: 'contains' looks into text and bytes only at position 1");
  assert.equal(filterError('frame > 1 && STATUS contains 1'), "STATUS is a number: 'contains' looks into text and bytes only at position 14");
  assert.equal(filterError('ip.src contains "192"'), "ip.src is an IPv4 address: 'contains' looks into text and bytes only at position 1");
  assert.equal(filterError('seq matches "1"'), "seq is a number: 'matches' looks into text and bytes only at position 1");
  assert.equal(filterError('TRAILER contains 0x4c'), `'contains' needs text or bytes ("text", 00:ff or 00ff), not '0x4c' at position 18`);
  assert.equal(filterError('TRAILER == -1'), `TRAILER is bytes: write them as 4c:c6:02, 4cc602 or "text", not '-1' at position 12`);
  assert.equal(filterError('TRAILER == zz'), `TRAILER is bytes: write them as 4c:c6:02, 4cc602 or "text", not 'zz' at position 12`);
});

test('IPv4 literals compare exactly, CIDR blocks hold their addresses; ip.addr and udp.port are either end', () => {
  assert.deepEqual(frames('ip.src == 192.0.2.1'), [2]);
  assert.deepEqual(frames('ip.src == 192.0.2.10'), [1]);
  assert.deepEqual(frames('ip.dst == 192.0.2.1'), [1, 3]);
  assert.deepEqual(frames('ip.addr == 192.0.2.10'), [1, 2]);
  assert.deepEqual(frames('ip.src == 192.0.2.0/24'), [1, 2]);
  assert.deepEqual(frames('ip.src == 192.0.2.0/29'), [2]);
  assert.deepEqual(frames('ip.src != 192.0.2.0/24 && ip.src'), [3, 5, 6, 7, 8]);
  assert.deepEqual(frames('ip.src > 192.0.2.5 && ip.src < 192.0.3.0'), [1]);
  // The IPv6 PDU has no ip.* at all.
  assert.deepEqual(frames('!ip.addr'), [4]);
  assert.deepEqual(frames('udp.srcport == 1027'), [3]);
  assert.deepEqual(frames('udp.port == 1026 && frame < 3'), [1, 2]);
  assert.deepEqual(frames('udp.dstport == 4000 && frame < 5'), [1, 3, 4]);
  assert.deepEqual(frames('tcp.port == 4000 || tcp.srcport == 1026'), [8]);
  assert.deepEqual(frames('udp.port && frame == 8'), []);
  // Fields whose value is an address compare with addresses too.
  assert.deepEqual(frames('USER_IP == 127.0.0.1'), [1]);
  assert.deepEqual(frames('USER_IP == 127.0.0.0/8 && !(USER_IP == 127.0.0.2)'), [1]);
  assert.equal(filterError('src == 192.0.2.1'), 'src is text, not an IPv4 address (ip.src, ip.dst and ip.addr are) at position 8');
  assert.equal(filterError('ip.src == 192.0.2.256'), "invalid IPv4 address '192.0.2.256' at position 11");
  assert.equal(filterError('ip.src == 192.0.2.0/33'), "invalid IPv4 address '192.0.2.0/33' at position 11");
  assert.equal(filterError('ip.src == "192.0.2.1" && uin == "x"'), "uin is a number, the text 'x' is not one at position 33");
  // A dotted quad of two-digit parts is an address where one is meant (a byte string elsewhere: X1 == 72.00.04.00).
  assert.deepEqual(frames('ip.src == 10.00.00.02'), [8]);
});

test('the Lua export\'s names are aliases: every icq2.<name> exports/icq2.lua declares, for the name it stands for', async () => {
  const lua = await readFile('exports/icq2.lua', 'utf8');
  const declared = new Set([...lua.matchAll(/abbr = "(icq2\.[a-z0-9_]+)"/g)].map((m) => m[1]!));
  const aliases = wiresharkAliases(BUILTIN_REGISTRY);
  assert.deepEqual([...aliases.keys()].sort(), [...declared].sort());
  assert.deepEqual([...aliases.values()].filter((name) => !isKnownFieldName(name)), []);
  assert.ok(declared.size > 70);
  assert.deepEqual(frames('icq2.seq_num == 2'), frames('SEQ_NUM == 2'));
  assert.deepEqual(frames('icq2.seq_num == 2'), [3]);
  assert.deepEqual(frames('icq2.trailer contains 4c'), [8]);
  assert.deepEqual(frames('icq2.direction == "peer-to-peer"'), [8]);
  assert.deepEqual(frames('icq2.command == 0x03e8'), [1]);
  assert.deepEqual(frames('icq2.uin == 22222 && icq2.status & DND'), [5]);
  assert.equal(filterError('icq2.seq_num == "x"'), "icq2.seq_num is a number, the text 'x' is not one at position 17");
  assert.equal(filterError('icq2.nope'), "unknown field 'icq2.nope' at position 1");
  assert.equal(filterError('icq2.SEQ_NUM'), "unknown field 'icq2.SEQ_NUM' at position 1");
});

function tool(...args: string[]): { code: number | null; out: string; err: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', ...args], { encoding: 'utf8' });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

const framesOf = (filter: string, file = SAMPLE): string => tool('-Y', filter, '-T', 'fields', '-e', 'frame', file).out.trim().split('\n').join(' ');

test('info contains and info matches read the Info column as the table shows it', () => {
  assert.equal(framesOf('info contains "uin 1001"'), '1 3');
  assert.equal(framesOf('info contains "Our new page"'), '13');
  assert.equal(framesOf('info matches "^ack seq 1$" && frame < 10'), '2');
  // Case-insensitive, as Wireshark's: the Info says "2 contacts: 1002, 1003".
  assert.equal(framesOf('info ~ "CONTACTS: 1002"'), '7');
  assert.equal(framesOf('info contains "CONTACTS: 1002"'), '');
});

test('frame is the frame that completes a PDU; frames any frame it came from; an empty filter is no filter', () => {
  assert.equal(framesOf('frame == 60'), '60');
  assert.equal(framesOf('frame == 59'), '');
  assert.equal(framesOf('frames == 59'), '60');
  const all = tool('-T', 'fields', '-e', 'frame', SAMPLE);
  assert.deepEqual(tool('-Y', '  ', '-T', 'fields', '-e', 'frame', SAMPLE), all);
  assert.deepEqual(tool('-Y', '', '-T', 'fields', '-e', 'frame', SAMPLE), all);
});

test('errors through the CLI: one line, the position, exit 1', () => {
  assert.deepEqual(tool('-Y', 'MESSAGE matches "("', SAMPLE), { code: 1, out: '', err: "icq2-dissect: filter: invalid regular expression '(' at position 17: unterminated group\n" });
  assert.deepEqual(tool('-Y', 'X1 contains 0x00', SAMPLE), { code: 1, out: '', err: "icq2-dissect: filter: X1 is a number: 'contains' looks into text and bytes only at position 1\n" });
  assert.deepEqual(tool('unknowns', '-Y', 'STATUS & busy', SAMPLE).code, 1);
});

test('-G fields gives every name that is not a protocol field its type and description', () => {
  const lines = tool('-G', 'fields').out.trimEnd().split('\n').map((line) => line.split('\t'));
  const keys = lines.filter((l) => l[0] === 'K');
  assert.deepEqual(keys.filter((l) => l.length !== 4 || l[2] === '' || l[3] === ''), []);
  const byName = new Map(keys.map((l) => [l[1]!, l.slice(2)]));
  assert.deepEqual(byName.get('ip.src'), ['ipv4', 'Source IPv4 address']);
  assert.deepEqual(byName.get('udp.port'), ['port', 'UDP source or destination port']);
  assert.deepEqual(byName.get('frames'), ['numbers', 'Every frame the PDU came from (several for reassembled TCP)']);
  assert.equal(byName.get('info')?.[0], 'string');
});

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'icq2-filter-test-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A session of a client at 192.0.2.10 with the server at 192.0.2.1: one address a prefix of the other. */
async function nearAddresses(): Promise<string> {
  const file = join(dir, 'near-addresses.pcap');
  const client = { ip: '192.0.2.10', port: 1026 };
  await writeFile(
    file,
    clientCapture(client, [
      { fromClient: true, command: 'LOGIN', values: { SEQ_NUM: 1, UIN: 1001, PORT: 1026, PASSWORD: 'pw', USER_IP: '192.0.2.10', LOGIN_SEQ_NUM: 1 } },
      { fromClient: false, command: 'ACK', values: { SEQ_NUM: 1 } },
      { fromClient: false, command: 'LOGIN_REPLY', values: { SEQ_NUM: 0, UIN: 1001, USER_IP: '192.0.2.10' } },
      { fromClient: true, command: 'ACK', values: { SEQ_NUM: 0, UIN: 1001 } },
    ]),
  );
  assert.equal(SERVER.ip, '192.0.2.1');
  return file;
}

test('through the CLI: ip.src == 192.0.2.1 is the server alone, not the client at 192.0.2.10', async () => {
  const file = await nearAddresses();
  assert.equal(framesOf('ip.src == 192.0.2.1', file), '2 3');
  assert.equal(framesOf('ip.src == 192.0.2.10', file), '1 4');
  assert.equal(framesOf('ip.addr == 192.0.2.10 && udp.dstport == 4000', file), '1 4');
  assert.equal(framesOf('USER_IP == 192.0.2.10', file), '1 3');
  assert.equal(framesOf('USER_IP == 192.0.2.1', file), '');
});

const tsharkMissing = spawnSync('tshark', ['--version']).error !== undefined;

test('address and port filters pick the frames tshark picks with the same filter', { skip: tsharkMissing ? 'tshark is not installed: address filters not compared' : false }, async () => {
  const files = [SAMPLE, await nearAddresses()];
  const filters = ['ip.src == 192.0.2.1', 'ip.dst == 198.51.100.0/24', 'ip.addr == 198.51.100.20', 'udp.port == 1027', 'udp.srcport in {1026, 4000}', 'tcp.port == 3100', 'ip.src in {198.51.100.11 .. 198.51.100.30}'];
  for (const file of files) {
    const ours = new Set(framesOf('frame', file).split(' '));
    for (const filter of filters) {
      const theirs = spawnSync('tshark', ['-r', file, '-Y', filter, '-T', 'fields', '-e', 'frame.number'], { encoding: 'utf8' }).stdout.trim().split('\n');
      // tshark also lists frames that carry no ICQ PDU (TCP handshakes, the first segments of reassembled ones).
      assert.equal(framesOf(filter, file), theirs.filter((frame) => ours.has(frame)).join(' '), `${file}: ${filter}`);
    }
  }
});
