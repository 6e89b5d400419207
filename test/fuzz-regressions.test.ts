import { test } from 'node:test';
import assert from 'node:assert/strict';
import { utcDateTimeOf } from '../src/dissect/time.js';
import { commandLine, runMutant } from '../scripts/fuzz/run-mutant.js';

/**
 * What `npm run fuzz` found, each as the smallest capture that showed it (test/data/fuzz-*), read in every
 * output format with no finding, and with the values it should have read.
 */

const data = (name: string) => new URL(`./data/${name}`, import.meta.url).pathname;

test('fuzz regression: a pcapng time past what a Date holds (if_tsresol 10^0) is shown, not thrown', async () => {
  // Found as seed 1, iteration 432: a damaged if_tsresol made the ticks seconds; toISOString threw a RangeError.
  const path = data('fuzz-pcapng-time-past-date-range.pcapng');
  assert.deepEqual(await runMutant(path), []);
  const pdu = JSON.parse((await commandLine(['-T', 'ndjson', path])).stdout);
  // tshark: frame.time "Sep 13, 570931 11:53:45.000000000 UTC", frame.time_epoch 17954697038025.
  assert.equal(pdu.time.absolute, '+570931-09-13T11:53:45Z');
  assert.equal(pdu.time.epoch, 17954697038025);
  assert.equal(pdu.command.name, 'KEEP_ALIVE');
  assert.equal((await commandLine(['-T', 'fields', '-t', 'a', '-e', 'time', path])).stdout, '11:53:45\n');
  assert.equal((await commandLine(['-T', 'fields', '-t', 'ud', '-e', 'time', path])).stdout, '+570931-09-13 11:53:45\n');
});

test('fuzz regression: the UTC calendar reading agrees with Date wherever a Date holds the time', () => {
  for (const seconds of [0, -1, 900_000_000, 253_402_300_799, 253_402_300_800, -62_167_219_200, -62_167_219_201, 8.64e12, -8.64e12, 951_782_400]) {
    assert.equal(utcDateTimeOf(seconds), new Date(seconds * 1000).toISOString().slice(0, -5), String(seconds));
  }
});
