import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prng } from './support/prng.js';
import { SequenceAnalyzer } from '../src/analysis/sequence-analyzer.js';
import { openCapture } from '../src/capture/open.js';
import { dissectPayload } from '../src/dissect/dissect-pdu.js';
import type { DissectedPdu } from '../src/dissect/pdu.js';
import { renderHexDump } from '../src/format/hex-dump.js';
import { createStyle } from '../src/format/style.js';
import { renderTree } from '../src/format/tree.js';
import { icqPayloads } from '../src/net/icq-payloads.js';
import { IcqTraffic } from '../src/net/icq-traffic.js';
import type { TransportPayload } from '../src/net/payload.js';
import { coverage } from './support/payload.js';

/**
 * Seeded mutations of every ICQ payload of the samples and the mICQ capture (bytes changed, cut,
 * extended): the dissector never throws, every byte stays covered exactly once, and the analysis and
 * the tree and hex renderers take whatever it produced.
 */

function mutate(bytes: Buffer, random: () => number): Buffer {
  const out = Buffer.from(bytes);
  switch (Math.floor(random() * 4)) {
    case 0: // a few bytes changed
      for (let i = 0; i < 1 + random() * 4 && out.length > 0; i++) out[Math.floor(random() * out.length)] = Math.floor(random() * 256);
      return out;
    case 1: // cut anywhere
      return out.subarray(0, Math.floor(random() * out.length));
    case 2: // garbage appended
      return Buffer.concat([out, Buffer.from(Array.from({ length: 1 + Math.floor(random() * 20) }, () => Math.floor(random() * 256)))]);
    default: // a length-like pair of bytes made huge
      if (out.length > 12) out.writeUInt16LE(0xfff0, 10 + Math.floor(random() * (out.length - 12)));
      return out;
  }
}

async function payloads(file: string): Promise<TransportPayload[]> {
  const out: TransportPayload[] = [];
  for await (const p of icqPayloads(openCapture(new URL(file, import.meta.url).pathname), new IcqTraffic())) out.push(p);
  return out;
}

test('fuzz: 3000 mutated payloads never throw and stay fully covered', async () => {
  const originals = [...(await payloads('../samples/session.pcap')), ...(await payloads('./data/micq-0.2.5-session.pcap'))];
  const random = prng(20261124);
  const options = { decoder: new TextDecoder('windows-1252'), serverPorts: new Set([4000]) };
  const style = createStyle(true);
  const analyzer = new SequenceAnalyzer();
  const dissected: DissectedPdu[] = [];
  for (let round = 0; round < 3000; round++) {
    const original = originals[round % originals.length]!;
    const bytes = mutate(original.bytes, random);
    const d = dissectPayload({ ...original, frame: round + 1, frames: [round + 1], bytes }, options);
    assert.equal(coverage(d.pdu.fields, 0, bytes.length), null, `round ${round}: ${bytes.toString('hex')}`);
    assert.equal(d.pdu.fields.map((f) => f.hex).join(''), bytes.toString('hex'));
    analyzer.observe(d);
    dissected.push(d);
  }
  analyzer.finish();
  dissected.forEach((d, ordinal) => {
    analyzer.annotate(d, ordinal);
    assert.ok(renderTree(d.pdu, style).length > 0);
    assert.ok(renderHexDump(d, style).length >= 0);
    JSON.parse(JSON.stringify(d.pdu));
  });
});
