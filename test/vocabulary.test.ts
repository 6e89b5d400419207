import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SessionSummary } from '../src/analysis/session-summary.js';
import { cli } from './support/cli.js';

/** One vocabulary across outputs (issue 12): the same words for a direction, a field, a session and a note everywhere. */

const SAMPLE = 'samples/session.pcap';

const fields = async (...args: string[]): Promise<string> => {
  const result = await cli(['-T', 'fields', ...args, SAMPLE]);
  assert.equal(result.stderr, '');
  assert.equal(result.code, 0);
  return result.stdout;
};

test('a direction is its word in JSON and flows JSON, its label in tables, and the filter takes either', async () => {
  const byLabel = await fields('-Y', 'direction == "S→C" && command == LOGIN_REPLY', '-e', 'frame', '-e', 'direction');
  assert.equal(byLabel, '3\tserver-to-client\n17\tserver-to-client\n');
  assert.equal(await fields('-Y', 'direction == server-to-client && command == LOGIN_REPLY', '-e', 'frame'), '3\n17\n');
  assert.equal(await fields('-Y', 'direction != "P2P" && frame == 62', '-e', 'frame'), '');
  const flows = JSON.parse((await cli(['flows', '-T', 'json', SAMPLE])).stdout) as SessionSummary[];
  assert.deepEqual(flows[0]!.packets, { 'client-to-server': 27, 'server-to-client': 26 });
  assert.deepEqual(Object.keys(flows[0]!.bytes), ['client-to-server', 'server-to-client']);
  const table = (await cli(['flows', SAMPLE])).stdout;
  assert.match(table, /Packets C→S\/S→C/);
  assert.match(table, /Bytes C→S\/S→C/);
  const study = (await cli(['unknowns', '-T', 'csv', '--command', 'CHANNEL_ACK', SAMPLE])).stdout.split('\n')[1]!;
  assert.match(study, /^CHANNEL_ACK,P2P,/);
});
