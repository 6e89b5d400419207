import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitAttachedValues } from '../src/cli/options.js';
import { cli } from './support/cli.js';

/** Options as tshark users type them (issue 12): values attached to the option, -v. */

const MICQ = 'test/data/micq-0.2.5-session.pcap';

test('values attached to their option read as tshark reads them', async () => {
  assert.deepEqual(await cli(['-Tfields', '-eframe', '-ecommand', "-Ycommand==LOGIN || command==LOGIN_1", '-c2', MICQ]), {
    code: 0,
    stdout: '1\tLOGIN\n6\tLOGIN_1\n',
    stderr: '',
  });
  const unknowns = await cli(['unknowns', '-Tcsv', '--command', 'LOGIN_2', 'samples/session.pcap']);
  assert.equal(unknowns.stdout.split('\n')[0], 'Command,Dir,Field,Offset,Length,Count,Distinct,Top values,Pattern,Support');
});

test('only the options that take a value are split; flags grouped stay flags', () => {
  assert.deepEqual(splitAttachedValues(['-Tfields', '-Vx', '-c10', '-', '-T', 'json', '--color=never', '-rfile.pcap']), [
    '-T', 'fields', '-Vx', '-c', '10', '-', '-T', 'json', '--color=never', '-r', 'file.pcap',
  ]);
});

test('-v and --version print the version, as tshark -v does', async () => {
  const { version } = (await import('../package.json', { with: { type: 'json' } })).default as { version: string };
  for (const flag of ['-v', '--version']) assert.deepEqual(await cli([flag]), { code: 0, stdout: `icq2-dissect ${version}\n`, stderr: '' });
});
