import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { LookaheadAnalysis } from '../src/analysis/lookahead-analysis.js';
import { SequenceAnalyzer } from '../src/analysis/sequence-analyzer.js';
import { parseFilter } from '../src/analysis/filter-parse.js';
import { evaluateFilter } from '../src/analysis/filter-eval.js';
import { valuesOf } from '../src/analysis/filter-values.js';
import { dissectCapture, dissectCaptureBatches } from '../src/dissect/dissect-capture.js';
import type { ClientFingerprint, DissectedPdu } from '../src/dissect/pdu.js';
import type { Endpoint } from '../src/net/payload.js';
import { CLIENT_SIGNATURES } from '../src/protocol/client-signatures.js';
import { ALICE, BOB, analyze, client, dissectSteps, type Step } from './analysis-fixtures.js';

/** Issue 10: each session's client software from the signatures in src/protocol/client-signatures.ts. */

const MICQ = 'test/data/micq-0.2.5-session.pcap';
const alice = client(ALICE, 11111);
const bob = client(BOB, 22222);

/** A fingerprint as [software, confidence] and its observations as "frame COMMAND field observed [signature]" lines. */
function lines(f: ClientFingerprint): (string | number)[] {
  return [
    f.software,
    f.confidence,
    ...f.evidence.map((o) => `${o.frame} ${o.command} ${o.field} ${o.observed} [${o.signature}]`),
    ...f.mismatches.map((o) => `${o.software}: ${o.frame} ${o.command} ${o.field} ${o.observed} [${o.signature}]`),
  ];
}

/** A login as licq 0.71 (NOTES.md's example) or as the document writes it, then a CONTACT_LIST and a few packets more. */
function udpSession(who: typeof alice, values: Step['values'], options: { layout?: string; variant?: string } = {}): Step[] {
  const sent = (step: Step): Step => ({ ...step, ...(options.variant ? { variant: options.variant } : {}) });
  return [
    sent(who.send(0, 'LOGIN', 1, { PASSWORD: 'secret', USER_IP: '127.0.0.1', PORT: 2001, LOGIN_SEQ_NUM: 1, ...values })),
    who.recv(0.001, 'ACK', 1),
    who.recv(0.002, 'LOGIN_REPLY', 0, { LOGIN_SEQ_NUM: values?.LOGIN_SEQ_NUM ?? 1, USER_UIN: 11111, USER_IP: '127.0.0.1' }),
    sent(who.send(0.003, 'ACK', 0)),
    sent({ ...who.send(0.004, 'CONTACT_LIST', 2, { CONTACTS: [{ CONTACT_UIN: 22222 }] }), ...(options.layout ? { layout: options.layout } : {}) }),
    who.recv(0.005, 'ACK', 2),
    sent(who.send(1, 'STATUS_CHANGE', 3, { STATUS: 1 })),
    who.recv(1.001, 'ACK', 3),
  ];
}

const LICQ_LOGIN = { X1: 0x00040072, X2: 0x04, X3: 3, X5: 0x00720004, LOGIN_SEQ_NUM: 2 };
const PEER_A: Endpoint = { ip: '10.0.0.2', port: 5000 };
const PEER_B: Endpoint = { ip: '10.0.0.3', port: 6000 };
const LICQ_TRAILER = Buffer.from('4cc602', 'hex');

/** licq's peer messages: VERSION 3 and its trailer. */
const licqPeer = (at: number, from: Endpoint, command: string, x4: number): Step => ({
  at,
  from,
  to: from === PEER_A ? PEER_B : PEER_A,
  command,
  stream: 0,
  values: { UIN: 11111, VERSION: 3, UIN_2: 11111, MESSAGE_TYPE: 1, MESSAGE: 'hi', CMD_TYPE: 0x10, X4: x4, TRAILER: LICQ_TRAILER },
});

const LICQ_STEPS: Step[] = [
  ...udpSession(alice, LICQ_LOGIN, { layout: 'one-byte NUM_CONTACTS' }),
  { at: 2, from: PEER_A, to: PEER_B, command: 'CHANNEL_INIT', stream: 0, values: { X1: 3, MY_UIN: 11111, MY_IP: '10.0.0.2', MY_IP_REAL: '10.0.0.2', MY_PORT: 5000 } },
  licqPeer(2.1, PEER_A, 'CHANNEL_MESSAGE', 1),
  licqPeer(2.2, PEER_B, 'CHANNEL_ACK', 1),
];

async function readAll(path: string): Promise<DissectedPdu[]> {
  const out: DissectedPdu[] = [];
  for await (const d of dissectCapture(path)) out.push(d);
  return out;
}

test('the genuine mICQ capture is mICQ 0.2.5, from its LOGIN and CONTACT_LIST', async () => {
  const analyzer = new SequenceAnalyzer();
  const ordinals = (await readAll(MICQ)).map((d) => analyzer.observe(d));
  const [session] = analyzer.finish();
  assert.deepEqual(lines(session!.fingerprint), [
    'mICQ 0.2.5',
    1,
    '1 LOGIN X1 72000400 [72000400]',
    '1 LOGIN X2 06 [06]',
    '1 LOGIN X3 03000000 [03000000]',
    '1 LOGIN X5 04007200 [04007200]',
    '1 LOGIN PORT bytes 2-3 0100 [0100]',
    '1 LOGIN LOGIN_SEQ_NUM 2 (SEQ_NUM 1) [SEQ_NUM + 1]',
    '7 CONTACT_LIST layout one-byte NUM_CONTACTS [one-byte NUM_CONTACTS]',
  ]);
  const pdus = await readAll(MICQ);
  pdus.forEach((d, i) => analyzer.annotate(d, ordinals[i]!));
  assert.deepEqual(pdus[0]!.pdu.client, session!.fingerprint);
  assert.deepEqual(new Set(pdus.slice(1).map((d) => JSON.stringify(d.pdu.client))), new Set(['{"software":"mICQ 0.2.5","confidence":1}']));
});

test('a licq-style session is licq 0.71: its login to the server and its peer messages', () => {
  const { sessions, pdus } = analyze(LICQ_STEPS);
  assert.deepEqual(sessions.map((s) => lines(s.fingerprint)), [
    [
      'licq 0.71',
      1,
      '1 LOGIN X1 72000400 [72000400]',
      '1 LOGIN X2 04 [04]',
      '1 LOGIN X3 03000000 [03000000]',
      '1 LOGIN X5 04007200 [04007200]',
      '1 LOGIN PORT bytes 2-3 0000 [0000]',
      '1 LOGIN LOGIN_SEQ_NUM 0200 [0200]',
      '5 CONTACT_LIST layout one-byte NUM_CONTACTS [one-byte NUM_CONTACTS]',
    ],
    ['licq 0.71', 1, '10 CHANNEL_MESSAGE VERSION 0300 [0300]', '10 CHANNEL_MESSAGE TRAILER 4cc602 [4cc602]'],
  ]);
  assert.deepEqual(pdus.map((d) => d.pdu.client?.software), Array(11).fill('licq 0.71'));
  assert.deepEqual(pdus[8]!.pdu.client, sessions[1]!.fingerprint);
});

test('a Net::ICQ-style session (the document X-values, read as its variant) is Net::ICQ 0.08', () => {
  const { sessions } = analyze(udpSession(alice, { LOGIN_SEQ_NUM: 0x0100 }, { variant: 'Net::ICQ 0.08' }));
  assert.deepEqual(lines(sessions[0]!.fingerprint), [
    'Net::ICQ 0.08',
    1,
    '1 LOGIN X1 78000000 [78000000]',
    '1 LOGIN X2 04 [04]',
    '1 LOGIN X3 02000000 [02000000]',
    '1 LOGIN X5 08007800 [08007800]',
    '1 LOGIN LOGIN_SEQ_NUM 0001 [0001]',
    '1 LOGIN variant Net::ICQ 0.08 [Net::ICQ 0.08]',
    '5 CONTACT_LIST layout document [document]',
  ]);
});

test("the document's exact values and nothing else: unknown, with every observation that did not fit", () => {
  const { sessions, pdus } = analyze(udpSession(alice, {}));
  assert.deepEqual(lines(sessions[0]!.fingerprint), [
    'unknown',
    0,
    'mICQ 0.2.5: 1 LOGIN X1 78000000 [72000400]',
    'mICQ 0.2.5: 1 LOGIN X2 04 [06]',
    'mICQ 0.2.5: 1 LOGIN X3 02000000 [03000000]',
    'mICQ 0.2.5: 1 LOGIN X5 08007800 [04007200]',
    'mICQ 0.2.5: 1 LOGIN PORT bytes 2-3 0000 [0100]',
    'mICQ 0.2.5: 1 LOGIN LOGIN_SEQ_NUM 1 (SEQ_NUM 1) [SEQ_NUM + 1]',
    'licq 0.71: 1 LOGIN X1 78000000 [72000400]',
    'licq 0.71: 1 LOGIN X3 02000000 [03000000]',
    'licq 0.71: 1 LOGIN X5 08007800 [04007200]',
    'licq 0.71: 1 LOGIN LOGIN_SEQ_NUM 0100 [0200]',
    'Net::ICQ 0.08: 1 LOGIN LOGIN_SEQ_NUM 0100 [0001]',
    "Net::ICQ 0.08: 1 LOGIN variant (the document's) [Net::ICQ 0.08]",
    'mICQ 0.2.5: 5 CONTACT_LIST layout document [one-byte NUM_CONTACTS]',
    'licq 0.71: 5 CONTACT_LIST layout document [one-byte NUM_CONTACTS]',
  ]);
  assert.deepEqual(pdus[0]!.pdu.client, sessions[0]!.fingerprint);
  assert.deepEqual(pdus[1]!.pdu.client, { software: 'unknown', confidence: 0 });
});

test('client.software and client.confidence filter and extract: one session of two', () => {
  const steps = [...LICQ_STEPS.slice(0, 8), ...udpSession(bob, {}).map((step) => ({ ...step, at: step.at + 5 }))];
  const { pdus } = analyze(steps);
  const pick = (expression: string) => pdus.filter((d) => evaluateFilter(parseFilter(expression), d.pdu)).map((d) => d.pdu.frame);
  assert.deepEqual(pick('client.software == "licq 0.71"'), [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.deepEqual(pick('client.software == "unknown" && client.confidence < 0.5'), [9, 10, 11, 12, 13, 14, 15, 16]);
  assert.deepEqual(valuesOf(pdus[0]!.pdu, 'client.software'), ['licq 0.71']);
});

const run = promisify(execFile);

test('-Y client.software selects the mICQ session\'s PDUs, and -e client.software prints it', async () => {
  const cli = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', ...args]);
  const micq = await cli('-T', 'fields', '-e', 'frame', '-e', 'client.software', '-Y', 'client.software == "mICQ 0.2.5"', MICQ);
  const rows = micq.stdout.trim().split('\n');
  assert.equal(rows.length, 32);
  assert.equal(rows[6], '7\tmICQ 0.2.5');
  const licq = await cli('-Y', 'client.software == "licq 0.71"', '-T', 'fields', '-e', 'frame', MICQ);
  assert.equal(licq.stdout, '');
});

/** The streamed analysis over one-PDU batches, counting what the reader ahead read. */
async function streamed(pdus: DissectedPdu[], shown: DissectedPdu[]): Promise<{ late: number; readFor: number[] }> {
  let read = 0;
  async function* source(): AsyncGenerator<DissectedPdu[]> {
    for (const d of pdus) {
      read += 1;
      yield [d];
    }
  }
  const analysis = new LookaheadAnalysis(source());
  const readFor: number[] = [];
  for (const [ordinal, d] of shown.entries()) {
    if (!analysis.ready(ordinal)) await analysis.readAhead(ordinal);
    readFor.push(read);
    analysis.annotate(d, ordinal);
  }
  await analysis.close();
  return { late: analysis.lateResults, readFor };
}

test('the streamed output (-T ndjson) carries the same fingerprints as the whole-file analysis', async () => {
  const micq: DissectedPdu[] = [];
  for await (const batch of dissectCaptureBatches(MICQ, { depth: 'lean' })) micq.push(...batch);
  const cases = [
    { whole: analyze(LICQ_STEPS).pdus, ahead: dissectSteps(LICQ_STEPS), shown: dissectSteps(LICQ_STEPS) },
    { whole: await readAll(MICQ), ahead: micq, shown: await readAll(MICQ) },
  ];
  const analyzer = new SequenceAnalyzer();
  const ordinals = cases[1]!.whole.map((d) => analyzer.observe(d));
  analyzer.finish();
  cases[1]!.whole.forEach((d, i) => analyzer.annotate(d, ordinals[i]!));
  for (const { whole, ahead, shown } of cases) {
    const { late } = await streamed(ahead, shown);
    assert.equal(late, 0);
    assert.deepEqual(
      shown.map((d) => [d.pdu.client, d.pdu.analysis, d.pdu.notes]),
      whole.map((d) => [d.pdu.client, d.pdu.analysis, d.pdu.notes]),
    );
  }
});

test('a session no signature confirms holds its PDUs for the first 16 only', async () => {
  // Later than the 30 s an acknowledged first copy waits for a copy sent again (ACK_RULE.resendWithinSeconds):
  // a confirmed session's LOGIN is shown at the first PDU past them, an unconfirmed one's after 16.
  const later = Array.from({ length: 12 }, (_, i) => alice.send(40 + i, 'STATUS_CHANGE', 4 + i, { STATUS: 0 }));
  const steps = [...udpSession(alice, {}), ...later];
  const { readFor } = await streamed(dissectSteps(steps), dissectSteps(steps));
  assert.equal(readFor[0], 16);
  const licq = [...udpSession(alice, LICQ_LOGIN, { layout: 'one-byte NUM_CONTACTS' }), ...later];
  const confirmed = await streamed(dissectSteps(licq), dissectSteps(licq));
  assert.equal(confirmed.readFor[0], 9);
});

test('docs/flows.md tables every signature and each command it observes', async () => {
  const doc = await readFile('docs/flows.md', 'utf8');
  const table = doc.slice(doc.indexOf('| Observation |'), doc.indexOf('\n\n', doc.indexOf('| Observation |')));
  for (const signature of CLIENT_SIGNATURES) {
    assert.match(table.split('\n')[0]!, new RegExp(` ${signature.software.replace(/[.:]/g, '\\$&')} `));
    for (const observation of signature.observations) assert.ok(table.includes(`| ${observation.command} `), `${signature.software} ${observation.command}`);
  }
});
