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

test('a filter value the field can never hold is refused, as Wireshark refuses it; values it can hold pass', async () => {
  const refused: [string, string][] = [
    ['command == login', "unknown command 'login' (did you mean LOGIN?) at position 12"],
    ['command == FOO', "unknown command 'FOO' at position 12"],
    ['STATUS == away', "STATUS is a number, the text 'away' is not one; for its bit write STATUS & away at position 11"],
    ['uin == "abc"', "uin is a number, the text 'abc' is not one at position 8"],
    ['X1 == "72000400"', "X1 is a number, the text '72000400' is not one; write the number without quotes: 72000400; for its bytes write 72:00:04:00 at position 7"],
    ['direction == "c>s"', "direction is client-to-server (C→S), server-to-client (S→C), peer-to-peer (P2P), not 'c>s' at position 14"],
    ['transport == UDP', "transport is udp or tcp, not 'UDP' at position 14"],
  ];
  for (const [filter, message] of refused) {
    assert.deepEqual(await cli(['-Y', filter, MICQ]), { code: 1, stdout: '', stderr: `icq2-dissect: filter: ${message}\n` }, filter);
  }
  const kept: [string, string][] = [
    ['command == LOGIN', '1\n'],
    ['command == "system messages request"', '6\n'],
    ['X1 == 72:00:04:00', '1\n'],
    ['X1.hex == "72000400"', '1\n'],
    ['direction == client-to-server && command == LOGIN', '1\n'],
    ['MESSAGE contains "mICQ"', '15\n'],
  ];
  for (const [filter, frames] of kept) assert.deepEqual(await cli(['-Y', filter, '-T', 'fields', '-e', 'frame', MICQ]), { code: 0, stdout: frames, stderr: '' }, filter);
});

test('-G fields lists every name, each accepted by -Y and -e, qualified by its command too', async () => {
  const { code, stdout, stderr } = await cli(['-G', 'fields']);
  assert.deepEqual([code, stderr], [0, '']);
  const lines = stdout.trimEnd().split('\n').map((line) => line.split('\t'));
  assert.deepEqual(lines[0], ['P', 'ICQ v2', 'icq2']);
  assert.ok(lines.some((l) => l.join('\t') === 'F\tPORT\tLOGIN.PORT\tu32\tclient-to-server\tThe TCP port to use for incoming connections'));
  assert.ok(lines.some((l) => l[0] === 'K' && l[1] === 'analysis.ackRtt'));
  const { isKnownFieldName } = await import('../src/cli/field-names.js');
  const { filterSchemaOf } = await import('../src/cli/filter-schema.js');
  const { BUILTIN_REGISTRY } = await import('../src/protocol/registry.js');
  const names = lines.filter((l) => l[0] !== 'P').flatMap((l) => (l[0] === 'K' ? [l[1]!] : [l[1]!, l[2]!]));
  assert.deepEqual(names.filter((name) => filterSchemaOf(BUILTIN_REGISTRY)(name) === undefined), []);
  // The Info column too: -e info as -Y info.
  assert.deepEqual(names.filter((name) => !isKnownFieldName(name)), []);
  assert.deepEqual(await cli(['-G', 'protocols']), { code: 1, stdout: '', stderr: "icq2-dissect: -G: expected fields|values, got 'protocols'\n" });
});

test('frames: every frame a reassembled PDU came from, so its first segment finds it', async () => {
  assert.deepEqual(await cli(['-Y', 'frames == 61', '-T', 'fields', '-e', 'frame', '-e', 'frames', 'samples/session.pcap']), { code: 0, stdout: '62\t61,62\n', stderr: '' });
  assert.deepEqual(await cli(['-Y', 'frame == 61', '-T', 'fields', '-e', 'frame', 'samples/session.pcap']), { code: 0, stdout: '', stderr: '' });
});
