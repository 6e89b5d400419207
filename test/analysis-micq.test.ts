import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SequenceAnalyzer } from '../src/analysis/sequence-analyzer.js';
import { dissectCapture } from '../src/dissect/dissect-capture.js';
import type { DissectedPdu } from '../src/dissect/pdu.js';
import { notesByFrame } from './analysis-fixtures.js';

/** The analysis notes on the genuine mICQ 0.2.5 capture (issue 10: a genuine client read without a false alarm). */

const CAPTURE = 'test/data/micq-0.2.5-session.pcap';

async function analyzed(): Promise<DissectedPdu[]> {
  const analyzer = new SequenceAnalyzer();
  const pdus: DissectedPdu[] = [];
  for await (const d of dissectCapture(CAPTURE)) pdus.push(d);
  const ordinals = pdus.map((d) => analyzer.observe(d));
  analyzer.finish();
  pdus.forEach((d, i) => analyzer.annotate(d, ordinals[i]!));
  return pdus;
}

test('mICQ: the SEQ_NUMs spent on request numbers are noted as such, seq 4 stays a gap', async () => {
  const notes = notesByFrame(await analyzed()).filter((n) => n.includes(' seq '));
  assert.deepEqual(notes, [
    '6: note seq 2 used as LOGIN_SEQ_NUM in frame 1',
    '7: note seq 4 not seen',
    '24: note seq 12 used as INFO_SEQ_NUM in frame 23',
    '27: note seq 14 used as INFO_SEQ_NUM in frame 24',
    '29: note seq 16 used as SEARCH_SEQ_NUM in frame 27',
  ]);
});

test("mICQ: USER_ONLINE for 22222 is for a UIN its CONTACT_LIST does not name as read (22016, mICQ's bug), and the note says so", async () => {
  const pdus = await analyzed();
  assert.equal(pdus[6]!.pdu.notes.some((n) => n.severity === 'warning' && n.field === 'CONTACTS'), true);
  assert.deepEqual(notesByFrame(pdus).filter((n) => n.includes('CONTACT_LIST of')), [
    '12: warning USER_ONLINE for UIN 22222, which no CONTACT_LIST of this session named (the document: "The server will send ' +
      'online/offline notification to client only of users registered using CONTACT_LIST."); the CONTACT_LIST in frame 7 has a ' +
      'warning on its CONTACTS, so a UIN there may be misread',
  ]);
});
