import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALICE, analyze, client, login, notesByFrame } from './analysis-fixtures.js';

const alice = client(ALICE, 11111);

test('a healthy login pairs every ACK and reply and adds no note', () => {
  const { pdus } = analyze(login(alice, 0, 11111));
  assert.deepEqual(
    pdus.map((d) => d.pdu.analysis),
    [
      { ackedBy: 2, responses: [3] },
      { acks: 1, ackRtt: 0.000265 },
      { ackedBy: 4, responseTo: 1, responseTime: 0.0003 },
      { acks: 3, ackRtt: 0.0037 },
    ],
  );
  assert.deepEqual(notesByFrame(pdus), []);
});
