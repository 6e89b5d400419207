import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Field, Pdu } from '../src/dissect/pdu.js';
import { fieldValue, findField } from '../src/analysis/field-value.js';
import { spread } from '../src/analysis/timing.js';

const field = (name: string, value: Field['value'], fields?: Field[]): Field => ({
  name, offset: 0, length: 0, hex: '', value, display: String(value), description: '', ...(fields ? { fields } : {}),
});

test('fieldValue finds the first field of a name in wire order, nested groups included', () => {
  const pdu = {
    fields: [field('LENGTH', 3), field('CONTACT', null, [field('UIN', 11111), field('LENGTH', 9)]), field('UIN', 22222)],
  } as Pdu;
  assert.equal(fieldValue(pdu, 'UIN'), 11111);
  assert.equal(fieldValue(pdu, 'LENGTH'), 3);
  assert.equal(fieldValue(pdu, 'STATUS'), undefined);
  assert.equal(findField(pdu, 'CONTACT')?.fields?.length, 2);
});

test('spread: min, lower median, max; null when empty', () => {
  assert.deepEqual(spread(Float64Array.of(0.3, 0.1, 0.2)), { min: 0.1, median: 0.2, max: 0.3 });
  assert.deepEqual(spread(Float64Array.of(4, 1, 3, 2)), { min: 1, median: 2, max: 4 });
  assert.equal(spread(new Float64Array(0)), null);
});
