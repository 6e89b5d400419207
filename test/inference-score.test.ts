import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rates, scoreMessage, type Leaf } from '../scripts/inference/score.js';

/** The inference benchmark's scorer: BinaryInferno's boundary precision, recall and FPR per message, and the kinds. */

const leaf = (name: string, offset: number, length: number, extra: Partial<Leaf> = {}): Leaf => ({ name, offset, length, ...extra });

// A 12-byte body: SEQ u16 @0, UIN u32 @2, STATUS u16 @6, NAME string @8 (LENGTH, then 2 bytes of text @10).
const TRUTH = [leaf('SEQ', 0, 2), leaf('UIN', 2, 4), leaf('STATUS', 6, 2), leaf('NAME', 8, 2), leaf('NAME', 10, 2, { part: true })];
const EXPECTED = { SEQ: ['counter'], UIN: ['uin'], STATUS: ['enum'], NAME: ['string'] };

test('a proposal that splits one field and merges two scores as counted by hand', () => {
  // Boundaries proposed 2, 4, 8 (REST from 8): true ones 2, 6, 8 (10 lies in REST).
  const proposed = [leaf('F0', 0, 2, { kind: 'counter' }), leaf('F2', 2, 2, { kind: 'random' }), leaf('F4', 4, 4, { kind: 'enum' }), leaf('REST', 8, 4)];
  const counts = scoreMessage({ length: 12, described: 8, truth: TRUTH, proposed }, EXPECTED);
  // Comparable offsets 1 ... 8: true 2, 6, 8 (3); proposed 2, 4, 8 (found 2); non-boundaries 8 - 3 = 5, one of them proposed.
  assert.deepEqual(
    { tp: counts.truePositives, proposed: counts.proposed, truth: counts.truth, whole: counts.truthWhole, non: counts.nonBoundaries, fp: counts.falsePositives },
    { tp: 2, proposed: 3, truth: 3, whole: 4, non: 5, fp: 1 },
  );
  const r = rates(counts);
  assert.equal(r.precision, 2 / 3);
  assert.equal(r.recall, 2 / 3);
  assert.equal(r.fpr, 1 / 5);
  assert.equal(r.recallWhole, 2 / 4);
  // SEQ is right; UIN's word is random; STATUS starts inside F4; NAME lies in REST and is not scored.
  assert.deepEqual([counts.kindsRight, counts.fieldsDescribed, counts.fields], [1, 3, 4]);
});

test('the exact layout scores 1 everywhere; a body of one field has no boundary to score', () => {
  const exact = TRUTH.map((l) => ({ ...l, kind: EXPECTED[l.name as keyof typeof EXPECTED][0] }));
  assert.deepEqual(rates(scoreMessage({ length: 12, described: 12, truth: TRUTH, proposed: exact }, EXPECTED)), { precision: 1, recall: 1, fpr: 0, recallWhole: 1, kinds: 1 });
  const one = [leaf('STATUS', 0, 4)];
  const r = rates(scoreMessage({ length: 4, described: 4, truth: one, proposed: [{ ...one[0]!, kind: 'enum' }] }, EXPECTED));
  assert.deepEqual(r, { precision: undefined, recall: undefined, fpr: 0, recallWhole: undefined, kinds: 1 });
});
