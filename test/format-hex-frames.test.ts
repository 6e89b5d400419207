import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { dissectCapture, type DissectCaptureOptions } from '../src/dissect/dissect-capture.js';
import type { DissectedPdu } from '../src/dissect/pdu.js';
import { renderHexDump } from '../src/format/hex-dump.js';
import { redact } from '../src/format/redact.js';
import { createStyle } from '../src/format/style.js';
import { encodePdu } from '../src/protocol/encode.js';
import { findTableByName } from '../src/protocol/registry.js';
import { ethernetFrame } from '../src/writers/build-link.js';
import { TcpConversationBuilder } from '../src/writers/build-tcp-conversation.js';
import { writePcap } from '../src/writers/write-pcap.js';
import { udpCapture } from './support/client-captures.js';

/** -x as tshark -x: the frame's bytes with frame offsets, the PDU between [ ], a reassembled PDU's frames from a |. */

const plain = createStyle(false);
const SAMPLE = 'samples/session.pcap';
const tsharkMissing = spawnSync('tshark', ['--version']).error !== undefined;

async function dissectAll(source: string | Buffer, opts: DissectCaptureOptions = { keepFrames: true }): Promise<DissectedPdu[]> {
  const input = typeof source === 'string' ? source : { stream: Readable.from([source]), name: 'built.pcap' };
  const all: DissectedPdu[] = [];
  for await (const d of dissectCapture(input, opts)) all.push(d);
  return all;
}

/** The rows of one dump of -x's output: after `title` (or from the start), up to the next title or the legend. */
function dumpRows(text: string, title?: string): string[] {
  const lines = text.split('\n');
  const from = title === undefined ? 0 : lines.indexOf(title) + 1;
  const rows: string[] = [];
  for (const line of lines.slice(from)) {
    if (!/^[0-9a-f]{4} /.test(line)) break;
    rows.push(line);
  }
  return rows;
}

/** The marks live in the gaps between the hex bytes (the first 54 columns); tshark has spaces there. */
const withoutMarks = (row: string): string => row.slice(0, 54).replace(/[[\]|]/g, ' ') + row.slice(54);

test('-x dumps each PDU\'s frame as tshark -x does, byte for byte and offset for offset', { skip: tsharkMissing && 'tshark is not installed (apt-get install tshark): -x comparison skipped' }, async () => {
  const blocks = execFileSync('tshark', ['-x', '-r', SAMPLE], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trimEnd().split('\n\n');
  const pdus = await dissectAll(SAMPLE);
  assert.ok(pdus.length > 50);
  for (const d of pdus) {
    const text = renderHexDump(d, plain);
    const rows = dumpRows(text, d.parts ? `Frame (${d.completing?.bytes.length} bytes):` : undefined);
    assert.deepEqual(rows.map(withoutMarks), blocks[d.pdu.frame - 1]?.split('\n'), `frame ${d.pdu.frame}`);
  }
});

test('-x marks the PDU in its frame: after Ethernet + IPv4 + UDP at 0x2a, after TCP at 0x36; the legend counts in the frame', async () => {
  const pdus = await dissectAll(SAMPLE);
  const login = pdus.find((d) => d.pdu.command?.name === 'LOGIN')!;
  const lines = renderHexDump(login, plain).split('\n');
  assert.equal(lines[2], '0020  02 01 04 02 0f a0 00 3a 5e 98[02 00 e8 03 01 00   .......:^.......');
  assert.equal(lines[5], '0050  00 00 01 00 00 00 00 00 04 00 72 00]              ..........r.');
  assert.equal(lines[6], '  002a-005b  ICQ PDU (50 bytes): the tree\'s offsets count from 002a');
  assert.equal(lines[7], '  002a-002b  VERSION: 2');
  assert.equal(lines[14], '  0041-0044  X1: 262258 (0x00040072) [unknown]');
  for (const d of pdus.filter((p) => p.pdu.transport === 'udp')) assert.equal(d.completing?.part?.at, 0x2a, `frame ${d.pdu.frame}`);
  const peerInOneFrame = pdus.filter((p) => p.pdu.transport === 'tcp' && p.parts === undefined);
  assert.ok(peerInOneFrame.length > 0);
  for (const d of peerInOneFrame) assert.equal(d.completing?.part?.at, 0x36, `frame ${d.pdu.frame}`);
});

test('-x of a PDU reassembled from three TCP segments: the completing frame, then "Reassembled TCP" with each frame\'s share', async () => {
  const client = { ip: '10.0.0.1', port: 3100 };
  const server = { ip: '10.0.0.2', port: 2002 };
  const init = encodePdu(findTableByName('peer-to-peer', 'CHANNEL_INIT')!, { INIT_IDENT: 0xff, X1: 3, MY_UIN: 1001, MY_IP: '10.0.0.1', MY_IP_REAL: '10.0.0.1', X3: 4, MY_PORT: 3100 });
  const message = encodePdu(findTableByName('peer-to-peer', 'CHANNEL_MESSAGE')!, { UIN: 1001, VERSION: 3, UIN_2: 1001, MESSAGE_TYPE: 1, MESSAGE: 'three segments', MY_IP: '10.0.0.1', MY_IP_REAL: '10.0.0.1', PORT: 3100, CMD_TYPE: 16 });
  const c = new TcpConversationBuilder(client, server);
  const packets = [...c.handshake(), ...c.send(true, init), ...c.send(true, message, { splitAt: [2, 20] }), ...c.close()];
  const capture = writePcap(packets.map((packet, i) => ({ time: { seconds: 900_000_000, nanos: i * 1000, digits: 6 }, bytes: ethernetFrame(packet) })), { linkType: 1 });
  const pdus = await dissectAll(capture);
  const d = pdus.find((p) => p.pdu.command?.name === 'CHANNEL_MESSAGE')!;
  assert.deepEqual(d.pdu.frames, [5, 6, 7]);
  const text = renderHexDump(d, plain);
  const lines = text.split('\n');
  const lastFrame = ethernetFrame(packets[6]!);
  assert.equal(lines[0], `Frame (${lastFrame.length} bytes):`);
  // Frame 7 carries the message from its byte 20 on, right after its 54 bytes of headers.
  assert.equal(dumpRows(text, lines[0]).join('\n').match(/\[/g)?.length, 1);
  assert.match(dumpRows(text, lines[0])[3]!, /^0030 ( [0-9a-f]{2}){6}\[/);
  assert.equal(d.completing?.part?.at, 0x36);
  assert.deepEqual([d.completing?.part?.start, d.completing?.part?.end], [20, message.length]);
  const title = `Reassembled TCP (${message.length} bytes):`;
  const rows = dumpRows(text, title);
  assert.equal(rows[0]!.slice(0, 54), `0000  ${message.subarray(0, 2).toString('hex').replace(/(..)(?=.)/g, '$1 ')}|${[...message.subarray(2, 16)].map((b) => b.toString(16).padStart(2, '0')).join(' ')} `);
  assert.equal(rows[1]![5 + 3 * 4], '|', 'frame 7 starts at 0x14');
  assert.equal(rows.join('').match(/\|/g)?.length, 2);
  assert.ok(lines.includes(`  frame 5: 0000-0001, frame 6: 0002-0013, frame 7: 0014-${(message.length - 1).toString(16).padStart(4, '0')}`));
  assert.ok(lines.includes('  0000-0001  LENGTH: ' + (message.length - 2)));
  assert.ok(lines.some((line) => line.startsWith('  ') && line.includes('MESSAGE: "three segments"')));
});

test('the lean depth and -x-less reads keep no frame; --redact masks the frame\'s copy of a password', async () => {
  const lean = await dissectAll(SAMPLE, { depth: 'lean' });
  assert.ok(lean.every((d) => d.completing === undefined));
  const full = await dissectAll(SAMPLE, {});
  assert.ok(full.every((d) => d.completing === undefined));
  const login = (await dissectAll(SAMPLE)).find((d) => d.pdu.command?.name === 'LOGIN')!;
  assert.ok(login.completing?.bytes.includes('secret'));
  const { dissected } = redact(login);
  assert.ok(!dissected.completing?.bytes.includes('secret'));
  assert.ok(dissected.completing?.bytes.includes('******'));
  assert.ok(login.completing?.bytes.includes('secret'), 'the original is left as it was');
});

test('-x of an empty UDP payload: the frame alone, no marks and no PDU range', async () => {
  const [empty] = await dissectAll(udpCapture({ ip: '10.0.0.1', port: 1026 }, [{ fromClient: true, bytes: Buffer.alloc(0) }]));
  assert.equal(empty?.completing?.part?.at, 0x2a);
  assert.deepEqual(renderHexDump(empty!, plain).split('\n'), [
    '0000  02 00 00 00 00 02 02 00 00 00 00 01 08 00 45 00   ..............E.',
    '0010  00 1c 00 00 00 00 40 11 ae cf 0a 00 00 01 c0 00   ......@.........',
    '0020  02 01 04 02 0f a0 00 08 20 3a                     ........ :',
    '',
  ]);
});
