import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collect } from './capture-collect.js';
import { packetChecksumsVerify, transportChecksumVerifies } from './support/checksums.js';
import { CLI, cli, ENV } from './support/cli.js';
import { SERVER } from './support/client-captures.js';
import { openCapture } from '../src/capture/open.js';
import type { CaptureRecord } from '../src/capture/record.js';
import { dissectCapture } from '../src/dissect/dissect-capture.js';
import type { Field, Pdu } from '../src/dissect/pdu.js';
import { decodeLink } from '../src/net/link.js';
import { encodePdu } from '../src/protocol/encode.js';
import { findTableByName } from '../src/protocol/registry.js';
import { fragmentIpv4 } from '../src/writers/build-fragments.js';
import { ethernetFrame } from '../src/writers/build-link.js';
import { udpPacket } from '../src/writers/build-transport.js';
import { writePcap } from '../src/writers/write-pcap.js';

/** -w writes the frames of the displayed PDUs; read back here by this tool and, where installed, by tshark. */

const SAMPLE = 'samples/session.pcap';
const SAMPLE_NG = 'samples/session.pcapng';
const LUA = 'exports/icq2.lua';
const tsharkMissing = spawnSync('tshark', ['--version']).error !== undefined;
const skipTshark = tsharkMissing ? 'tshark is not installed (apt-get install tshark): the tshark reading of -w files is skipped' : false;

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'icq2-write-test-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function records(path: string): Promise<CaptureRecord[]> {
  const { records: all, error } = await collect(openCapture(path));
  assert.equal(error, undefined);
  return all;
}

async function pdus(path: string): Promise<Pdu[]> {
  const out: Pdu[] = [];
  for await (const { pdu } of dissectCapture(path)) out.push(pdu);
  return out;
}

const flatten = (fields: readonly Field[]): Field[] => fields.flatMap((f) => [f, ...flatten(f.fields ?? [])]);
const valueOf = (pdu: Pdu, name: string) => flatten(pdu.fields).find((f) => f.name === name)?.value;
/** What a PDU says, apart from where it sits in its capture. */
const decoded = (pdu: Pdu) => ({ command: pdu.command, src: pdu.src, dst: pdu.dst, time: pdu.time.absolute, fields: pdu.fields });

async function writeWith(args: string[], input = SAMPLE): Promise<string> {
  const out = join(dir, `${args.join('_').replace(/\W+/g, '_')}${input.endsWith('ng') ? '.pcapng' : '.pcap'}`);
  const result = await cli(['-w', out, ...args, input]);
  assert.deepEqual(result, { code: 0, stdout: '', stderr: '' });
  return out;
}

const tsharkLines = (args: string[]) =>
  execFileSync('tshark', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n').filter(Boolean);

test('-Y LOGIN -w: the LOGIN frames with their bytes, in a pcap with the input\'s header; read back, the same PDUs', async () => {
  const out = await writeWith(['-Y', 'command == LOGIN']);
  const original = (await pdus(SAMPLE)).filter((pdu) => pdu.command?.name === 'LOGIN');
  const inputRecords = await records(SAMPLE);
  const written = await records(out);
  assert.deepEqual(written.map((r) => r.bytes), original.flatMap((pdu) => pdu.frames).map((frame) => inputRecords[frame - 1]!.bytes));
  assert.deepEqual(written.map((r) => r.time), original.flatMap((pdu) => pdu.frames).map((frame) => inputRecords[frame - 1]!.time));
  // magic (resolution, byte order), version, snap length, link type
  assert.deepEqual((await readFile(out)).subarray(0, 24), (await readFile(SAMPLE)).subarray(0, 24));
  assert.deepEqual((await pdus(out)).map(decoded), original.map(decoded));
});

test('tshark reads the LOGIN file: two frames, UDP checksums good', { skip: skipTshark }, async () => {
  const out = await writeWith(['-Y', 'command == LOGIN']);
  assert.deepEqual(tsharkLines(['-r', out, '-o', 'udp.check_checksum:TRUE', '-T', 'fields', '-e', 'frame.number', '-e', 'udp.checksum.status']), ['1\t1', '2\t1']);
});

test('--redact -w: the passwords are gone from the file, x in their place, the checksums right', async () => {
  const out = await writeWith(['--redact', '-Y', 'command == LOGIN']);
  const passwords = (await pdus(SAMPLE)).filter((pdu) => pdu.command?.name === 'LOGIN').map((pdu) => String(valueOf(pdu, 'PASSWORD')));
  assert.deepEqual(passwords, ['secret', 'hunter2']);
  const file = await readFile(out);
  for (const password of passwords) assert.equal(file.includes(password), false, `${password} is still in the file`);
  assert.deepEqual((await pdus(out)).map((pdu) => valueOf(pdu, 'PASSWORD')), ['xxxxxx', 'xxxxxxx']);
  for (const record of await records(out)) {
    const link = decodeLink(record.linkType, record.bytes);
    assert.ok(link.kind === 'ip' && packetChecksumsVerify(link.packet));
  }
  if (!tsharkMissing) {
    assert.deepEqual(tsharkLines(['-r', out, '-o', 'udp.check_checksum:TRUE', '-T', 'fields', '-e', 'udp.checksum.status']), ['1', '1']);
  }
});

/** LOGIN in IPv4 fragments (its over-long password cut between two of them) and a CHANGE_PASSWORD, as one client sends them. */
function passwordCapture(): Buffer {
  const client = { ip: '198.51.100.30', port: 1030 };
  const login = encodePdu(findTableByName('client-to-server', 'LOGIN')!, { SEQ_NUM: 1, UIN: 3003, PORT: 2003, PASSWORD: 'correcthorse' });
  const change = encodePdu(findTableByName('client-to-server', 'CHANGE_PASSWORD')!, { SEQ_NUM: 2, UIN: 3003, PASSWORD_SEQ_NUM: 1, NEW_PASSWORD: 'swordfsh' });
  // The password starts at offset 16 of the LOGIN, 24 of the UDP datagram: 16-byte fragments cut it at 32, after 'correcth'.
  const fragments = fragmentIpv4(udpPacket(client, SERVER, login), Math.ceil((8 + login.length) / 16));
  const frames = [...fragments, udpPacket(client, SERVER, change)].map((packet) => ethernetFrame(packet));
  return writePcap(frames.map((bytes, i) => ({ time: { seconds: 900_000_000, nanos: i * 1000, digits: 6 }, bytes })), { linkType: 1 });
}

test('--redact -w: a password in IP fragments and NEW_PASSWORD; the reassembled datagram\'s checksum is right', async () => {
  const input = join(dir, 'passwords.pcap');
  await writeFile(input, passwordCapture());
  const out = join(dir, 'passwords-redacted.pcap');
  assert.deepEqual(await cli(['--redact', '-w', out, input]), { code: 0, stdout: '', stderr: '' });
  assert.deepEqual((await records(input)).slice(1, 3).map((r) => [r.bytes.includes('correcth'), r.bytes.includes('orse')]), [[true, false], [false, true]]);
  const file = await readFile(out);
  for (const secret of ['correcth', 'orse', 'swordfsh']) assert.equal(file.includes(secret), false, `${secret} is still in the file`);
  assert.deepEqual((await pdus(out)).map((pdu) => [pdu.command?.name, pdu.frames, valueOf(pdu, 'PASSWORD') ?? valueOf(pdu, 'NEW_PASSWORD')]), [
    ['LOGIN', [1, 2, 3, 4], 'xxxxxxxxxxxx'],
    ['CHANGE_PASSWORD', [5], 'xxxxxxxx'],
  ]);
  const packets = (await records(out)).map((record) => {
    const link = decodeLink(record.linkType, record.bytes);
    assert.ok(link.kind === 'ip');
    return link.packet;
  });
  const datagram = Buffer.concat(packets.slice(0, 4).map((packet) => packet.subarray(20)));
  assert.ok(transportChecksumVerifies(packets[0]!.subarray(12, 20), 17, datagram));
  assert.ok(packetChecksumsVerify(packets[4]!));
  if (!tsharkMissing) {
    const status = tsharkLines(['-r', out, '-o', 'udp.check_checksum:TRUE', '-T', 'fields', '-e', 'frame.number', '-e', 'udp.checksum.status']);
    assert.deepEqual(status.filter((line) => /\t./.test(line)), ['4\t1', '5\t1']);
  }
});

/** The sample's peer TCP connection, in original frame numbers: its PDUs, and the frames before and after them. */
async function peerStream() {
  const peer = (await pdus(SAMPLE)).filter((pdu) => pdu.stream === 0);
  const frames = peer.flatMap((pdu) => pdu.frames);
  const first = Math.min(...frames);
  const last = Math.max(...frames);
  return { peer, handshake: [first - 3, first - 2, first - 1], close: [last + 1, last + 2, last + 3] };
}

test('-Y CHANNEL_MESSAGE -w: the messages\' segments with the connection\'s handshake and close; both tools reassemble the same messages', async () => {
  const out = await writeWith(['-Y', 'command == CHANNEL_MESSAGE']);
  const { peer, handshake, close } = await peerStream();
  const messages = peer.filter((pdu) => pdu.command?.name === 'CHANNEL_MESSAGE');
  const kept = [...handshake, ...messages.flatMap((pdu) => pdu.frames), ...close];
  const inputRecords = await records(SAMPLE);
  assert.deepEqual((await records(out)).map((r) => r.bytes), kept.map((frame) => inputRecords[frame - 1]!.bytes));
  // Written frame n is original frame kept[n - 1]: the same segments make each message.
  const readBack = await pdus(out);
  assert.deepEqual(readBack.map((pdu) => pdu.frames.map((frame) => kept[frame - 1])), messages.map((pdu) => pdu.frames));
  assert.deepEqual(readBack.map((pdu) => pdu.fields), messages.map((pdu) => pdu.fields));
  if (!tsharkMissing) {
    const shown = tsharkLines(['-X', `lua_script:${LUA}`, '-r', out, '-Y', 'icq2', '-T', 'fields', '-e', 'frame.number', '-e', 'icq2.message']);
    assert.deepEqual(
      shown.map((line) => line.split('\t')),
      readBack.map((pdu) => [String(Math.max(...pdu.frames)), String(valueOf(pdu, 'MESSAGE') ?? valueOf(pdu, 'DESCRIPTION'))]),
    );
  }
});

test('-Y stream == 0 -w: the whole connection, read back frame for frame as in the original, by both tools', async () => {
  const out = await writeWith(['-Y', 'stream == 0']);
  const { peer, handshake } = await peerStream();
  const shift = handshake[0]! - 1;
  const readBack = await pdus(out);
  assert.deepEqual(
    readBack.map((pdu) => [pdu.frame + shift, pdu.frames.map((frame) => frame + shift), pdu.notes]),
    peer.map((pdu) => [pdu.frame, pdu.frames, pdu.notes]),
  );
  if (!tsharkMissing) {
    const shown = tsharkLines(['-X', `lua_script:${LUA}`, '-r', out, '-Y', 'icq2', '-T', 'fields', '-e', 'frame.number']);
    assert.deepEqual(shown.map(Number), readBack.map((pdu) => pdu.frame));
  }
});

test('pcapng in, pcapng out: an interface block per interface used, frames as read', async () => {
  const out = await writeWith(['-Y', 'command == LOGIN || command == CHANNEL_MESSAGE'], SAMPLE_NG);
  const file = await readFile(out);
  assert.equal(file.readUInt32LE(0), 0x0a0d0d0a);
  const inputRecords = await records(SAMPLE_NG);
  const written = await records(out);
  const byBytes = written.map((r) => inputRecords.find((o) => o.bytes.equals(r.bytes))!);
  assert.deepEqual(written.map((r) => [r.linkType, r.time, r.originalLength]), byBytes.map((o) => [o.linkType, o.time, o.originalLength]));
  assert.deepEqual([...new Set(written.map((r) => `${r.interfaceId} ${r.linkType}`))], ['0 1', '1 113']);
  assert.deepEqual((await pdus(out)).map((pdu) => pdu.command?.name), ['LOGIN', 'LOGIN', 'CHANNEL_MESSAGE', 'CHANNEL_MESSAGE', 'CHANNEL_MESSAGE', 'CHANNEL_MESSAGE']);
});

test('-F pcap from pcapng: one link type, nanoseconds kept; frames of a second link type are refused', async () => {
  const out = await writeWith(['-F', 'pcap', '-Y', 'command == LOGIN'], SAMPLE_NG);
  const file = await readFile(out);
  assert.equal(file.readUInt32LE(0), 0xa1b23c4d);
  assert.deepEqual([file.readUInt32LE(16), file.readUInt32LE(20)], [262144, 1]);
  assert.equal((await records(out)).length, 2);
  const mixed = await cli(['-F', 'pcap', '-w', join(dir, 'mixed.pcap'), '-Y', 'command == LOGIN || stream == 0', SAMPLE_NG]);
  assert.equal(mixed.code, 1);
  assert.match(mixed.stderr, /^icq2-dissect: -w .*mixed\.pcap: frame \d+ has link type 113 and the pcap file 1: pcap holds one link type \(pcapng holds several\)\n$/);
});

test('-w - writes the same bytes to standard output; the list only with -P, and never on the capture', async () => {
  const out = await writeWith(['-Y', 'command == LOGIN']);
  const piped = spawnSync(process.execPath, [...CLI, '-w', '-', '-Y', 'command == LOGIN', SAMPLE], { env: ENV, encoding: 'buffer' });
  assert.equal(piped.status, 0);
  assert.deepEqual(piped.stdout, await readFile(out));
  const listed = await cli(['-P', '-T', 'fields', '-e', 'frame', '-w', join(dir, 'listed.pcap'), '-Y', 'command == LOGIN', SAMPLE]);
  assert.deepEqual(listed, { code: 0, stdout: '1\n15\n', stderr: '' });
  assert.deepEqual(await readFile(join(dir, 'listed.pcap')), await readFile(out));
  assert.deepEqual(await cli(['-P', '-w', '-', SAMPLE]), { code: 1, stdout: '', stderr: 'icq2-dissect: -w - writes the capture to standard output: -P cannot print the list there too\n' });
  assert.deepEqual(await cli(['-z', 'icq2,commands', '-w', '-', SAMPLE]), { code: 1, stdout: '', stderr: 'icq2-dissect: -w - writes the capture to standard output: -z cannot print its statistics there too\n' });
  assert.deepEqual(await cli(['-F', 'pcapng', SAMPLE]), { code: 1, stdout: '', stderr: 'icq2-dissect: -F needs -w FILE\n' });
  assert.deepEqual(await cli(['-w', join(dir, 'no', 'such.pcap'), SAMPLE]), { code: 1, stdout: '', stderr: `icq2-dissect: ${join(dir, 'no', 'such.pcap')}: cannot write (no such directory)\n` });
});

test('-w without a filter writes every frame of a capture that holds only ICQ: the same file', async () => {
  assert.deepEqual(await readFile(await writeWith([])), await readFile(SAMPLE));
});
