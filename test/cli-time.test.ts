import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writePcap } from '../src/writers/write-pcap.js';
import { ethernetFrame } from '../src/writers/build-link.js';
import { udpPacket } from '../src/writers/build-transport.js';
import { cli, ENV } from './support/cli.js';
import { encoded } from './format-fixtures.js';

/**
 * Time as numbers (issue 12): time.relative counts from the capture's first frame even when it is no ICQ
 * (tshark's frame.time_relative), time.delta from the previous displayed PDU; -t as tshark's.
 */

const CLIENT = { ip: '198.51.100.10', port: 1026 };
const SERVER = { ip: '192.0.2.1', port: 4000 };
const DNS = { ip: '192.0.2.53', port: 53 };
// 1998-07-09 16:00:00 UTC
const T = 900_000_000;

let dir = '';
let capture = '';

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'icq2-time-'));
  capture = join(dir, 'time.pcap');
  const keepAlive = (seq: number) => encoded('client-to-server', 'KEEP_ALIVE', { SEQ_NUM: seq, UIN: 1001 });
  const ack = (seq: number) => encoded('server-to-client', 'ACK', { SEQ_NUM: seq });
  const frame = (seconds: number, micros: number, packet: Buffer) => ({ time: { seconds: T + seconds, nanos: micros * 1000, digits: 6 }, bytes: ethernetFrame(packet) });
  await writeFile(
    capture,
    writePcap(
      [
        frame(0, 100, udpPacket(CLIENT, DNS, Buffer.from('not icq'))),
        frame(0, 300, udpPacket(CLIENT, SERVER, keepAlive(1))),
        frame(0, 600, udpPacket(SERVER, CLIENT, ack(1))),
        frame(120, 1300, udpPacket(CLIENT, SERVER, keepAlive(2))),
        frame(120, 1500, udpPacket(SERVER, CLIENT, ack(2))),
      ],
      { linkType: 1 },
    ),
  );
});

after(() => rm(dir, { recursive: true, force: true }));

const lines = async (args: string[], env: NodeJS.ProcessEnv = ENV): Promise<string[]> => {
  const result = await cli([...args, capture], env);
  assert.equal(result.code, 0, result.stderr);
  return result.stdout.split('\n').filter(Boolean);
};

test('time.relative counts from the first frame (a DNS one here); time.delta from the previous displayed PDU', async () => {
  const all = (await lines(['-T', 'ndjson'])).map((line) => JSON.parse(line).time);
  assert.deepEqual(all[0], { absolute: '1998-07-09T16:00:00.000300Z', epoch: 900000000.0003, relative: 0.0002, delta: 0 });
  assert.deepEqual(all.map((time) => [time.relative, time.delta]), [[0.0002, 0], [0.0005, 0.0003], [120.0012, 120.0007], [120.0014, 0.0002]]);
  const shown = (await lines(['-T', 'ndjson', '-Y', 'command == KEEP_ALIVE'])).map((line) => JSON.parse(line).time);
  assert.deepEqual(shown.map((time) => [time.relative, time.delta]), [[0.0002, 0], [120.0012, 120.001]]);
});

test('-t d counts from the frame captured before (the DNS one for frame 2), -t dd from the previous shown PDU; -e time follows -t, time.* are the numbers', async () => {
  const fields = ['-T', 'fields', '-Y', 'command == KEEP_ALIVE', '-e', 'frame', '-e', 'time', '-e', 'time.epoch', '-e', 'time.relative', '-e', 'time.delta'];
  assert.deepEqual(await lines([...fields, '-t', 'd']), ['2\t0.000200\t900000000.0003\t0.0002\t0', '4\t120.000700\t900000120.0013\t120.0012\t120.001']);
  assert.deepEqual(await lines([...fields, '-t', 'dd']), ['2\t0.000000\t900000000.0003\t0.0002\t0', '4\t120.001000\t900000120.0013\t120.0012\t120.001']);
  assert.deepEqual(await lines([...fields, '-t', 'r']), ['2\t0.000200\t900000000.0003\t0.0002\t0', '4\t120.001200\t900000120.0013\t120.0012\t120.001']);
});

test('-t a and ad are local time (TZ), u and ud UTC, e epoch; the table widens for the date', async () => {
  const times = async (mode: string, tz: string) => (await lines(['-T', 'fields', '-e', 'time', '-c', '1', '-t', mode], { ...ENV, TZ: tz }))[0];
  assert.equal(await times('a', 'America/New_York'), '12:00:00.000300');
  assert.equal(await times('ad', 'Asia/Tokyo'), '1998-07-10 01:00:00.000300');
  assert.equal(await times('u', 'Asia/Tokyo'), '16:00:00.000300');
  assert.equal(await times('ud', 'Asia/Tokyo'), '1998-07-09 16:00:00.000300');
  assert.equal(await times('e', 'Asia/Tokyo'), '900000000.000300');
  const table = await lines(['-t', 'ad', '-c', '1'], { ...ENV, TZ: 'Europe/Berlin' });
  assert.match(table[1]!, /^  2 1998-07-09 18:00:00\.000300 198\.51\.100\.10:1026 /);
});

test('the time.* names filter as numbers; text against them is refused', async () => {
  // As tshark's frame.time_delta_displayed: since the previous PDU that passed, 0 while none has.
  assert.deepEqual(await lines(['-T', 'fields', '-e', 'frame', '-e', 'time.delta', '-Y', 'time.relative > 100 && time.delta < 0.001']), ['4\t0', '5\t0.0002']);
  assert.deepEqual(await lines(['-Y', 'time.delta > 1']), []);
  assert.deepEqual(await lines(['-T', 'fields', '-e', 'frame', '-Y', 'time.absolute contains "16:02"']), ['4', '5']);
  const refused = await cli(['-Y', 'time.epoch == "soon"', capture]);
  assert.deepEqual([refused.code, refused.stdout], [1, '']);
  assert.match(refused.stderr, /time\.epoch is a number, the text 'soon' is not one/);
});
