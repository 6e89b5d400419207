import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { openCapture } from '../src/capture/open.js';
import { icqPayloads } from '../src/net/icq-payloads.js';
import { IcqTraffic } from '../src/net/icq-traffic.js';

/**
 * Cross-check against tshark on every sample: frame count, every UDP payload, and every reassembled TCP
 * stream (each direction's bytes in order). Skips, visibly, where tshark is not installed.
 */

const tsharkMissing = spawnSync('tshark', ['--version']).error !== undefined;
const skip = tsharkMissing ? 'tshark is not installed (apt-get install tshark): cross-check skipped' : false;
const SAMPLES = new URL('../samples/', import.meta.url).pathname;
const files = readdirSync(SAMPLES).filter((f) => /\.pcap(ng)?(\.gz)?$/.test(f));

const tshark = (args: string[]) => execFileSync('tshark', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 << 20 });

/** tshark's raw follow output: client lines unindented, server lines indented by a tab. */
function followRaw(file: string, stream: number): { client: string; server: string } {
  const out = tshark(['-r', file, '-q', '-z', `follow,tcp,raw,${stream}`]);
  const body = out.split(/^=+$/m)[1] ?? '';
  const lines = body.split('\n').filter((l) => /^\t?[0-9a-f]+$/.test(l));
  return {
    client: lines.filter((l) => !l.startsWith('\t')).join(''),
    server: lines.filter((l) => l.startsWith('\t')).map((l) => l.slice(1)).join(''),
  };
}

for (const name of files) {
  test(`tshark agrees on samples/${name}: frames, UDP payloads, TCP streams`, { skip }, async () => {
    const file = SAMPLES + name;
    const traffic = new IcqTraffic();
    const udp = new Map<number, string>();
    const streams = new Map<number, { opener: string; client: string; server: string }>();
    for await (const p of icqPayloads(openCapture(file), traffic)) {
      if (p.transport === 'udp') {
        udp.set(p.frame, p.bytes.toString('hex'));
        continue;
      }
      const s = streams.get(p.stream!) ?? { opener: `${p.src.ip}:${p.src.port}`, client: '', server: '' };
      streams.set(p.stream!, s);
      if (`${p.src.ip}:${p.src.port}` === s.opener) s.client += p.bytes.toString('hex');
      else s.server += p.bytes.toString('hex');
    }
    const fields = tshark(['-r', file, '-T', 'fields', '-e', 'frame.number', '-e', 'udp.payload']).trim().split('\n');
    assert.equal(traffic.stats.frames, fields.length);
    const theirs = new Map(fields.map((l) => l.split('\t')).filter(([, payload]) => payload).map(([frame, payload]) => [Number(frame), payload!]));
    assert.deepEqual(udp, theirs);
    assert.ok(streams.size > 0, 'the sample has peer TCP streams');
    for (const [stream, ours] of streams) {
      const followed = followRaw(file, stream);
      assert.equal(ours.client, followed.client, `tcp.stream ${stream} client side`);
      assert.equal(ours.server, followed.server, `tcp.stream ${stream} server side`);
    }
  });
}
