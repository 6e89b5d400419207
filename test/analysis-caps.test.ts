import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LookaheadAnalysis, MAX_READ_AHEAD } from '../src/analysis/lookahead-analysis.js';
import { SequenceAnalyzer } from '../src/analysis/sequence-analyzer.js';
import { reportAnalysisCapped, reportUnlisted } from '../src/cli/dropped-report.js';
import type { DissectedPdu } from '../src/dissect/pdu.js';
import { ALICE, BOB, client, dissectSteps, type Step } from './analysis-fixtures.js';

async function* batches(pdus: readonly DissectedPdu[], size = 500): AsyncGenerator<readonly DissectedPdu[]> {
  for (let i = 0; i < pdus.length; i += size) yield pdus.slice(i, i + size);
}

/** Shows every PDU as the main loop does; returns the notes of the first one and what the caps cut. */
async function show(pdus: DissectedPdu[]) {
  const analysis = new LookaheadAnalysis(batches(pdus));
  for (const [ordinal, d] of pdus.entries()) {
    if (!analysis.ready(ordinal)) await analysis.readAhead(ordinal);
    analysis.annotate(d, ordinal);
  }
  await analysis.close();
  const lines: string[] = [];
  reportAnalysisCapped({ write: (line: string) => lines.push(line) } as unknown as NodeJS.WritableStream, analysis.capped());
  return { capped: analysis.capped(), lines };
}

test('the read-ahead cap: a PDU waiting for an ACK behind more than MAX_READ_AHEAD PDUs is shown with what is known, and counted', async () => {
  const alice = client(ALICE, 1001);
  const bob = client(BOB, 1002);
  // Alice's message is never acknowledged and her session never ends; Bob's ACKed KEEP_ALIVEs follow, 2 ms apart (40 s: the first ones are past the 30 s watch for a copy sent again).
  const steps: Step[] = [alice.send(0, 'SEND_MESSAGE', 1, { RECEIVER_UIN: 1002, MESSAGE_TYPE: 1, MESSAGE: 'hi' })];
  for (let i = 0; steps.length <= MAX_READ_AHEAD + 10; i++) {
    steps.push(bob.send(0.002 * (2 * i + 1), 'KEEP_ALIVE', i + 1), bob.recv(0.002 * (2 * i + 2), 'ACK', i + 1));
  }
  const pdus = dissectSteps(steps);
  const { capped, lines } = await show(pdus);
  assert.deepEqual(capped, { sessions: 0, shownEarly: 1 });
  // Shown before its session ended, Alice's message has no "no ACK" mark: the end of her session came too late.
  assert.equal(pdus[0]!.pdu.notes.some((n) => n.id === 'unacknowledged'), false);
  assert.deepEqual(lines, ['icq2-dissect: analysis: 1 PDU shown before all their results came (read-ahead cap 20,000 PDUs)\n']);
});

test('the session cap: past 1,000 sessions at once the least recently active is settled early, and counted', async () => {
  const steps = Array.from({ length: 1002 }, (_, i) => client({ ip: `10.1.${i >> 8}.${i & 0xff}`, port: 1024 }, 5000 + i).send(i * 0.001, 'KEEP_ALIVE', 1));
  const { capped, lines } = await show(dissectSteps(steps));
  assert.deepEqual(capped, { sessions: 2, shownEarly: 0 });
  assert.deepEqual(lines, ['icq2-dissect: analysis: 2 sessions settled early (cap 1,000 at once)\n']);
});

test('flows lists the first maxListedSessions sessions and counts the rest (it kept a summary of every session: 704 MiB on 200,000 of them)', () => {
  const steps: Step[] = [];
  for (let i = 0; i < 5; i++) steps.push(client({ ip: `10.9.0.${i + 1}`, port: 1024 }, 2001 + i).send(i, 'KEEP_ALIVE', 1));
  const analyzer = new SequenceAnalyzer({ maxListedSessions: 3 });
  for (const d of dissectSteps(steps)) analyzer.observe(d);
  assert.deepEqual(analyzer.finish().map((s) => s.id), [1, 2, 3]);
  assert.equal(analyzer.unlistedSessions, 2);
  const lines: string[] = [];
  reportUnlisted({ write: (line: string) => lines.push(line) } as unknown as NodeJS.WritableStream, analyzer.unlistedSessions);
  assert.deepEqual(lines, ['icq2-dissect: flows: 2 sessions not listed (the first 10,000 are)\n']);
});
