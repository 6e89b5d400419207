import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { capturingOn, droppedPackets, dumpcapArguments, dumpcapFailure } from '../src/capture/live-dumpcap.js';
import { teeSource } from '../src/capture/live-tee.js';
import { openCaptureBatches } from '../src/capture/open.js';
import { writePcapng } from '../src/writers/write-pcapng.js';
import { LookaheadAnalysis } from '../src/analysis/lookahead-analysis.js';
import { ethernetFrame } from '../src/writers/build-link.js';
import { udpPacket } from '../src/writers/build-transport.js';
import { ALICE, client, dissectSteps, login, SERVER } from './analysis-fixtures.js';

/** The pieces of a live capture that need no dumpcap: its arguments and messages, the reader on a pipe, the tee, the time-bounded analysis. */

test('dumpcap arguments: the capture filter before the first -i (every interface\'s), pcapng on stdout, quiet', () => {
  assert.deepEqual(dumpcapArguments({ interfaces: ['lo', 'eth0'], captureFilter: 'udp port 4000', autostop: ['duration:3', 'packets:10'] }), [
    '-f', 'udp port 4000', '-i', 'lo', '-i', 'eth0', '-a', 'duration:3', '-a', 'packets:10', '-w', '-', '-n', '-q',
  ]);
  assert.deepEqual(dumpcapArguments({ interfaces: ['3'], captureFilter: undefined, autostop: [] }), ['-i', '3', '-w', '-', '-n', '-q']);
});

const NO_DEVICE = `Capturing on 'eth9'\ndumpcap: There is no device named "eth9".\n(No such device exists)\n`;
const BAD_FILTER = `Capturing on 'Loopback: lo'\ndumpcap: Invalid capture filter "udp port" for interface 'lo'.\n\nThat string isn't a valid capture filter (can't parse filter expression: syntax error).\nSee the User's Guide for a description of the capture filter syntax.\n`;
const NO_PERMISSION = `Capturing on 'Loopback: lo'\ndumpcap: You do not have permission to capture on device "lo".\n(socket: Operation not permitted)\nPlease check to make sure you have sufficient permissions.\n\nOn Debian and Debian derivatives such as Ubuntu, ...\n`;

test('dumpcap\'s failure as one line: its message and the reason in brackets, not its paragraphs of advice', () => {
  assert.equal(dumpcapFailure(NO_DEVICE, 1, null), 'There is no device named "eth9". (No such device exists)');
  assert.equal(dumpcapFailure(BAD_FILTER, 1, null), 'Invalid capture filter "udp port" for interface \'lo\'. (can\'t parse filter expression: syntax error)');
  assert.equal(
    dumpcapFailure(NO_PERMISSION, 1, null),
    'You do not have permission to capture on device "lo". (socket: Operation not permitted); run as root, or join the wireshark group: sudo usermod -a -G wireshark $USER (Debian: sudo dpkg-reconfigure wireshark-common)',
  );
  assert.equal(dumpcapFailure('Capturing on \'lo\'\nsomething odd\n', null, 'SIGSEGV'), 'exited with SIGSEGV (something odd)');
  assert.equal(dumpcapFailure('', 2, null), 'exited with code 2');
});

test('dumpcap\'s stderr: the interfaces it captures on, and the packets it dropped', () => {
  const end = "Capturing on 'Loopback: lo'\nCapturing on 'eth0'\nFile: -\nPackets captured: 9\n" +
    "Packets received/dropped on interface 'Loopback: lo': 5/2 (pcap:0/dumpcap:0/flushed:0/ps_ifdrop:0) (71.4%)\n" +
    "Packets received/dropped on interface 'eth0': 4/1 (pcap:0/dumpcap:0/flushed:0/ps_ifdrop:0) (80.0%)\n";
  assert.deepEqual(capturingOn(end), ["Capturing on 'Loopback: lo'", "Capturing on 'eth0'"]);
  assert.equal(droppedPackets(end), 3);
  assert.equal(droppedPackets(NO_DEVICE), 0);
});

const frame = (port: number) => ethernetFrame(udpPacket(ALICE, SERVER, Buffer.from([2, 0, 0xe8, 0x03, port & 0xff])));

test('a pcapng pipe that delivers a block at a time: each record is read when its block arrives, before the next is written', async () => {
  const file = writePcapng([{
    interfaces: [{ linkType: 1, tsresolDigits: 9 }],
    packets: [1, 2, 3].map((n) => ({ interfaceId: 0, time: { seconds: 1_700_000_000 + n, nanos: 0, digits: 9 }, bytes: frame(n) })),
  }]);
  // The file's blocks: SHB, IDB, then one EPB per packet, each as long as its total-length word says.
  const blocks: Buffer[] = [];
  for (let offset = 0; offset < file.length; offset += file.readUInt32LE(offset + 4)) blocks.push(file.subarray(offset, offset + file.readUInt32LE(offset + 4)));
  assert.equal(blocks.length, 5);
  const pipe = new PassThrough();
  const batches = openCaptureBatches({ stream: pipe, name: 'dumpcap' });
  pipe.write(Buffer.concat(blocks.slice(0, 3)));
  const seen: number[][] = [];
  for (const block of blocks.slice(3)) {
    seen.push(((await batches.next()).value ?? []).map((record: { index: number }) => record.index));
    pipe.write(block);
  }
  seen.push(((await batches.next()).value ?? []).map((record: { index: number }) => record.index));
  pipe.end();
  assert.deepEqual(seen, [[1], [2], [3]]);
  assert.equal((await batches.next()).done, true);
});

/** A source that gives its first items at once and waits at `gate` before the rest, as a live capture between packets. */
function gated<T>(first: T[], rest: T[]) {
  let open = (): void => {};
  const gate = new Promise<void>((resolve) => (open = resolve));
  let pulls = 0;
  let returned = false;
  async function* source(): AsyncGenerator<T> {
    try {
      for (const item of first) yield (pulls++, item);
      await gate;
      for (const item of rest) yield (pulls++, item);
    } finally {
      returned = true;
    }
  }
  return { source: source(), open, pulls: () => pulls, returned: () => returned };
}

test('teeSource: both readers see every item in order from one pull each; the source is ended when both stopped', async () => {
  const { source, open, pulls, returned } = gated(['a', 'b'], ['c']);
  const [ahead, behind] = teeSource(source);
  assert.deepEqual([(await ahead.next()).value, (await ahead.next()).value], ['a', 'b']);
  assert.deepEqual([(await behind.next()).value, (await behind.next()).value], ['a', 'b']);
  assert.equal(pulls(), 2, 'the reader behind got what the one ahead pulled, without pulling again');
  // Both wait for the same pull while the source waits.
  const [fromAhead, fromBehind] = [ahead.next(), behind.next()];
  open();
  assert.deepEqual([(await fromAhead).value, (await fromBehind).value], ['c', 'c']);
  assert.deepEqual([(await ahead.next()).done, (await behind.next()).done], [true, true]);
  await ahead.return!();
  assert.equal(returned(), true);
});

test('teeSource: an error reaches both readers; one reader stopping early leaves the other reading', async () => {
  async function* failing(): AsyncGenerator<number> {
    yield 1;
    throw new Error('pipe broke');
  }
  const [first, second] = teeSource(failing());
  assert.equal((await first.next()).value, 1);
  await assert.rejects(first.next(), /pipe broke/);
  assert.equal((await second.next()).value, 1);
  await assert.rejects(second.next(), /pipe broke/);

  const { source, open, returned } = gated([1], [2, 3]);
  const [stopped, reading] = teeSource(source);
  await stopped.return!();
  open();
  const rest: number[] = [];
  for await (const n of reading) rest.push(n);
  assert.deepEqual(rest, [1, 2, 3]);
  assert.equal(returned(), true);
});

test('live analysis: a PDU waits at most settleWithinMs for later packets, then is shown with what is known', async () => {
  const alice = client(ALICE, 1001);
  const steps = [...login(alice, 0, 1001), alice.send(1, 'KEEP_ALIVE', 2), alice.recv(1.0003, 'ACK', 2)];
  const pdus = dissectSteps(steps);
  // The login and the KEEP_ALIVE arrive, then nothing for a while; its ACK comes last.
  const { source, open } = gated(pdus.slice(0, 5).map((d) => [d]), [[pdus[5]!]]);
  const [shown, ahead] = teeSource(source);
  const settleWithinMs = 200;
  const analysis = new LookaheadAnalysis(ahead, {}, settleWithinMs);
  const waits: number[] = [];
  for (let ordinal = 0; ordinal < 5; ordinal++) {
    const d = (await shown.next()).value[0];
    const start = Date.now();
    if (!analysis.ready(ordinal)) await analysis.readAhead(ordinal);
    waits.push(Date.now() - start);
    analysis.annotate(d, ordinal);
  }
  // The session's PDUs still wait for later ones (its fingerprint, its last packet): they came together, so
  // they wait the bound once, not once each. LOGIN learnt its ACK from the packets that had come; the
  // KEEP_ALIVE is shown unanswered.
  const total = waits.reduce((sum, ms) => sum + ms, 0);
  assert.ok(waits[0]! >= settleWithinMs - 5 && total < settleWithinMs * 2, `waited ${waits.join(', ')} ms`);
  assert.equal(pdus[0]!.pdu.analysis?.ackedBy, 2);
  assert.equal(pdus[4]!.pdu.analysis?.ackedBy, undefined);
  open();
  const ack = (await shown.next()).value[0];
  await analysis.readAhead(5);
  analysis.annotate(ack, 5);
  assert.equal(ack.pdu.analysis?.acks, 5, 'the ACK still pairs with the KEEP_ALIVE shown before it came');
  await shown.return!();
  await analysis.close();
});
