import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Writable } from 'node:stream';
import { LookaheadAnalysis } from '../src/analysis/lookahead-analysis.js';
import { printPdus } from '../src/cli/dissect-command.js';
import { buildParser, toOptions } from '../src/cli/options.js';
import { OutputSink } from '../src/cli/output-sink.js';
import { dissectCaptureBatches } from '../src/dissect/dissect-capture.js';
import type { DissectedPdu } from '../src/dissect/pdu.js';
import { MIXES, writeMixFile } from '../scripts/bench/mixes.js';

/**
 * The streaming property (issue 9): -T ndjson with the sequence analysis, run in-process, keeps its heap
 * flat: about 200,000 PDUs need no more than 20,000 do (plus a margin for the collector's own timing). And
 * the analysis reads ahead only as far as the shown PDU needs, never missing a result that came late.
 */

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'icq2-streaming-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const nowhere = () => new Writable({ write: (_chunk, _encoding, done) => done() });

/** Runs -T ndjson over the file in-process; returns the largest heap seen after a collection, sampled every 5,000 PDUs. */
async function peakHeap(path: string): Promise<{ pdus: number; peak: number; late: number }> {
  const options = toOptions(buildParser(['-T', 'ndjson', path]).parseSync());
  const analysis = new LookaheadAnalysis(dissectCaptureBatches(path, { depth: 'lean' }));
  let pdus = 0;
  let peak = 0;
  async function* sampled(): AsyncGenerator<DissectedPdu[]> {
    for await (const batch of dissectCaptureBatches(path, { depth: 'full' })) {
      if (Math.floor((pdus + batch.length) / 5000) > Math.floor(pdus / 5000)) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      }
      pdus += batch.length;
      yield batch;
    }
  }
  await printPdus(sampled(), options, undefined, { sink: new OutputSink(nowhere()), color: false, terminalColumns: undefined, summaryFor: () => undefined, analysis });
  await analysis.close();
  return { pdus, peak, late: analysis.lateResults };
}

test('-T ndjson with the analysis: the heap of a 200,000-PDU run stays within that of a 20,000-PDU run', { timeout: 180_000 }, async () => {
  const small = join(dir, 'small.pcap');
  const large = join(dir, 'large.pcap');
  // Many small UDP PDUs: the peer TCP connections of the other mix are remembered up to the network
  // layer's connection limit (10,000), a bound of its own.
  writeMixFile(small, MIXES['small-udp'](20_000));
  writeMixFile(large, MIXES['small-udp'](200_000));
  const a = await peakHeap(small);
  const b = await peakHeap(large);
  assert.deepEqual([a.pdus, b.pdus], [20_000, 200_000]);
  assert.deepEqual([a.late, b.late], [0, 0]);
  const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
  assert.ok(b.peak <= a.peak * 1.25 + 4 * 2 ** 20, `heap ${mb(b.peak)} MB for ${b.pdus} PDUs, ${mb(a.peak)} MB for ${a.pdus}`);
});

test('the analysis reads ahead only as far as the first PDU needs (-V -c 1), and its results match a whole first pass', async () => {
  const path = join(dir, 'udp.pcap');
  writeMixFile(path, MIXES['small-udp'](40_000));
  let read = 0;
  async function* counted(): AsyncGenerator<DissectedPdu[]> {
    for await (const batch of dissectCaptureBatches(path, { depth: 'lean' })) {
      read += batch.length;
      yield batch;
    }
  }
  const analysis = new LookaheadAnalysis(counted());
  await analysis.readAhead(0);
  assert.ok(read > 0 && read < 2000, `read ${read} of 40,000 PDUs ahead for the first one`);
  await analysis.close();
});
