import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prng } from './support/prng.js';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { readCapture } from '../src/capture/open.js';
import { CaptureError } from '../src/capture/record.js';
import { dissectPayload } from '../src/dissect/dissect-pdu.js';
import { icqPayloads } from '../src/net/icq-payloads.js';
import { IcqTraffic } from '../src/net/icq-traffic.js';

/**
 * Whole capture files with bytes changed anywhere (file header, record headers, link, IP, TCP, ICQ):
 * reading, reassembling and dissecting either completes or stops with a CaptureError, never anything else,
 * and where it completes, the damage costs only the PDUs it touched.
 */

for (const name of ['session.pcap', 'session.pcapng']) {
  test(`fuzz: 150 damaged copies of samples/${name} end cleanly`, async () => {
    const original = readFileSync(new URL(`../samples/${name}`, import.meta.url));
    const random = prng(name.length * 7919);
    const options = { decoder: new TextDecoder('windows-1252'), serverPorts: new Set([4000]) };
    const clean = await countPdus(original, name, options);
    let intact = 0;
    let decoded = 0;
    for (let round = 0; round < 150; round++) {
      const bytes = Buffer.from(original);
      for (let i = 0; i < 1 + random() * 8; i++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      try {
        decoded += await countPdus(bytes, name, options);
        intact++;
      } catch (error) {
        // Damaged capture framing (a record or block length) stops the file, as it does in Wireshark.
        assert.ok(error instanceof CaptureError, `round ${round}: ${String(error)}`);
      }
    }
    // Where the framing survived, a few damaged bytes cost a few PDUs, not the capture.
    assert.ok(intact >= 60, `${intact} of 150 copies read to the end`);
    assert.ok(decoded >= 0.97 * intact * clean, `${decoded} of ${intact * clean} PDUs decoded`);
  });
}

async function countPdus(bytes: Buffer, name: string, options: Parameters<typeof dissectPayload>[1]): Promise<number> {
  let pdus = 0;
  for await (const p of icqPayloads(readCapture(Readable.from([bytes]), name), new IcqTraffic())) {
    dissectPayload(p, options);
    pdus++;
  }
  return pdus;
}
