import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkArguments } from '../src/cli/option-checks.js';
import { DISSECT_OPTIONS, SHARED_OPTIONS, UsageError } from '../src/cli/options.js';
import { cli } from './support/cli.js';
import { clientCapture } from './support/client-captures.js';

/** Options as tshark parses them (issue 12): -E, numbers checked as typed, unknown options named as typed, -G values. */

const SAMPLE = 'samples/session.pcap';
const MICQ = 'test/data/micq-0.2.5-session.pcap';
const dir = mkdtempSync(join(tmpdir(), 'icq2-options-'));
const QUOTED = join(dir, 'quoted.pcap');
writeFileSync(
  QUOTED,
  clientCapture({ ip: '198.51.100.77', port: 50300 }, [
    { fromClient: true, command: 'SEND_MESSAGE', values: { SEQ_NUM: 1, UIN: 1001, RECEIVER_UIN: 1002, MESSAGE_TYPE: 1, MESSAGE: `say "hi", it's\tme` } },
  ]),
);

const ok = (stdout: string) => ({ code: 0, stdout, stderr: '' });
const refused = (stderr: string) => ({ code: 1, stdout: '', stderr: `icq2-dissect: ${stderr}\n` });

test('-E occurrence and aggregator pick and join the values of a repeated field, as tshark', async () => {
  const reassembled = ['-Y', 'frames == 61', '-T', 'fields', '-e', 'frame', '-e', 'frames', SAMPLE];
  assert.deepEqual(await cli(reassembled), ok('62\t61,62\n'));
  assert.deepEqual(await cli([...reassembled, '-E', 'occurrence=f']), ok('62\t61\n'));
  assert.deepEqual(await cli([...reassembled, '-E', 'occurrence=l']), ok('62\t62\n'));
  assert.deepEqual(await cli([...reassembled, '-E', 'occurrence=a', '-E', 'aggregator=/s']), ok('62\t61 62\n'));
  assert.deepEqual(await cli([...reassembled, '-E', 'aggregator=;', '-E', 'separator=,']), ok('62,61;62\n'));
});

test('-E quote wraps every value, a quote inside doubled; the header stays bare; bom=y starts with the UTF-8 BOM', async () => {
  const fields = ['-T', 'fields', '-e', 'frame', '-e', 'MESSAGE', QUOTED];
  assert.deepEqual(await cli(fields), ok(`1\tsay "hi", it's\\tme\n`));
  assert.deepEqual(await cli([...fields, '-E', 'quote=d']), ok(`"1"\t"say ""hi"", it's\\tme"\n`));
  assert.deepEqual(await cli([...fields, '-E', 'quote=s', '-E', 'header=y']), ok(`frame\tMESSAGE\n'1'\t'say "hi", it''s\\tme'\n`));
  assert.deepEqual(await cli([...fields, '-E', 'quote=n']), await cli(fields));
  // -T csv quotes what needs it (wire text escaped as -T fields escapes it); quote=d quotes everything.
  const csv = ['-T', 'csv', '-e', 'frame', '-e', 'MESSAGE', QUOTED];
  assert.deepEqual(await cli(csv), ok(`frame,MESSAGE\n1,"say ""hi"", it's\\tme"\n`));
  assert.deepEqual(await cli([...csv, '-E', 'quote=d', '-E', 'header=n']), ok(`"1","say ""hi"", it's\\tme"\n`));
  const bom = await cli([...fields, '-E', 'bom=y', '-E', 'header=y']);
  assert.deepEqual(Buffer.from(bom.stdout).subarray(0, 9), Buffer.from('\ufeffframe\t'));
});

test('an unknown -E key or value is one line naming what -E takes, exit 1', async () => {
  const takes = 'expected one of header=y|n, separator=/t|/s|CHAR, occurrence=f|l|a, aggregator=,|/s|CHAR, quote=d|s|n, bom=y|n';
  for (const setting of ['foo=1', 'quote=x', 'occurrence=2', 'header=yes', 'separator=ab', 'aggregator=', 'quote']) {
    assert.deepEqual(await cli(['-T', 'fields', '-E', setting, MICQ]), refused(`-E ${setting}: ${takes}`), setting);
  }
});

test('numbers are checked as typed: no NaN is echoed anywhere', async () => {
  const cases: [string[], string][] = [
    [['-c', 'abc'], "-c: expected a positive integer, got 'abc'"],
    [['-c', '0'], "-c: expected a positive integer, got '0'"],
    [['-c', '-1'], "-c: expected a positive integer, got '-1'"],
    [['-c1.5'], "-c: expected a positive integer, got '1.5'"],
    [['--port', '99999'], "--port: expected a port number 1-65535, got '99999'"],
    [['--port', 'x'], "--port: expected a port number 1-65535, got 'x'"],
    [['--port=0'], "--port: expected a port number 1-65535, got '0'"],
    [['flows', '--session', 'x'], "--session: expected a positive integer, got 'x'"],
    [['flows', '--port', '4001x'], "--port: expected a port number 1-65535, got '4001x'"],
    [['unknowns', '--min-count', 'many'], "--min-count: expected a positive integer, got 'many'"],
  ];
  for (const [args, message] of cases) {
    const command = args[0] === 'flows' || args[0] === 'unknowns' ? [args[0]] : [];
    assert.deepEqual(await cli([...command, ...args.slice(command.length), MICQ]), refused(message), args.join(' '));
  }
  assert.deepEqual(await cli(['-c', '2', '-T', 'fields', '-e', 'frame', '--port', '4001', MICQ]), ok('1\n2\n'));
});

test('an unknown option is named as typed, with the nearest declared one; a bad choice lists the choices', async () => {
  const cases: [string[], string][] = [
    [['--colour', 'never'], 'unknown option --colour (did you mean --color?)'],
    [['--export-objects', 'x'], 'unknown option --export-objects'],
    [['--verbos'], 'unknown option --verbos (did you mean --verbose?)'],
    [['--exportObjects'], 'unknown option --exportObjects'],
    [['-Vk'], 'unknown option -k'],
    [['-Q'], 'unknown option -Q (did you mean -q?)'],
    [['-y', 'x'], 'unknown option -y (did you mean -Y?)'],
    [['--no-charset'], 'unknown option --no-charset'],
    [['-T', 'text'], "-T: expected table|tabs|json|ndjson|fields|csv, got 'text'"],
    [['--color=sometimes'], "--color: expected auto|always|never, got 'sometimes'"],
    [['-G', 'protocols'], "-G: expected fields|values, got 'protocols'"],
    [['flows', '--ladr'], 'unknown option --ladr (did you mean --ladder?)'],
    [['flows', '-T', 'dot'], "-T: expected table|json|mermaid, got 'dot'"],
    [['unknowns', '--min-cnt', '3'], 'unknown option --min-cnt (did you mean --min-count?)'],
    [['unknowns', '-c', '3'], 'unknown option -c'],
  ];
  for (const [args, message] of cases) assert.deepEqual(await cli([...args, MICQ]), refused(message), args.join(' '));
  // A value is the option's whatever it starts with, as getopt reads it: this filter is read (and refused) as a filter.
  assert.deepEqual(await cli(['-Y', '-frame == 1', MICQ]), refused("filter: unexpected character '-' at position 1"));
  assert.deepEqual(await cli(['--no-redact', '--color=never', '-Vx', '-c1', '-T', 'table', MICQ]).then((r) => [r.code, r.stderr]), [0, '']);
});

test('checkArguments reads the option maps yargs reads: a value that starts with a dash is attached, -- ends the options', () => {
  const options = { ...DISSECT_OPTIONS, ...SHARED_OPTIONS };
  assert.deepEqual(checkArguments(['-Y', '--colour', '-c', '-1', '-e', 'frame', '--', '--anything', 'f.pcap'], options), [
    '-Y=--colour', '-c=-1', '-e', 'frame', '--', '--anything', 'f.pcap',
  ]);
  assert.deepEqual(checkArguments(['-Vxc', '5', '--read=f.pcap', '--filter', '-x', '--help', '-r', '-'], options), [
    '-Vxc', '5', '--read=f.pcap', '--filter=-x', '--help', '-r=-',
  ]);
  assert.throws(() => checkArguments(['-Vj'], options), new UsageError('unknown option -j'));
  assert.throws(() => checkArguments(['f.pcap', '-T'], options), new UsageError("-T: expected table|tabs|json|ndjson|fields|csv, got ''"));
  assert.throws(() => checkArguments(['--redact=yes', '--hexx'], options), new UsageError('unknown option --hexx (did you mean --hex?)'));
});

test('-G values: every named value of the tables, tab-separated as tshark -G values', async () => {
  const { code, stdout, stderr } = await cli(['-G', 'values']);
  assert.deepEqual([code, stderr], [0, '']);
  const lines = stdout.trimEnd().split('\n');
  for (const line of [
    'V\tcommand\t10\tACK',
    'V\tcommand\t1000\tLOGIN',
    'V\tcommand\t2030\tCHANNEL_MESSAGE',
    'V\tSTATUS\t0\tonline',
    'V\tSTATUS\t17\tDo Not Disturb (DND), licq bits away + occupied',
    'B\tSTATUS\t0x00000100\tinvisible',
    'B\tSTATUS\t0x00020000\thide IP',
    'V\tMESSAGE_TYPE\t4\tURL',
    'B\tMESSAGE_TYPE\t0x00008000\tvariant',
    'V\tCOUNTRY_CODE\t46\tSweden',
    'V\tCOUNTRY_CODE\t65535\tnot entered',
    'V\tSEX\t1\tfemale',
    'V\tTEXT_CODE\tB_USER_DISCONNECTED\tthe user has disconnected',
  ]) assert.ok(lines.includes(line), line);
  assert.equal(lines.filter((line) => line === 'V\tcommand\t10\tACK').length, 1, 'ACK is named once for both directions');
  assert.ok(lines.every((line) => /^[VB]\t[^\t]+\t[^\t]+\t[^\t]+$/.test(line)));
  // Every name it lists is one -Y accepts, and each value is one the filter takes.
  const { isKnownFieldName } = await import('../src/cli/field-names.js');
  assert.deepEqual([...new Set(lines.map((line) => line.split('\t')[1]!))].filter((name) => !isKnownFieldName(name)), []);
  // Its bits are the ones the filter names.
  const byName = await cli(['-Y', 'STATUS & DND || MESSAGE_TYPE & variant', '-T', 'fields', '-e', 'frame', SAMPLE]);
  assert.deepEqual(byName, await cli(['-Y', 'STATUS & 0x00000002 || MESSAGE_TYPE & 0x00008000', '-T', 'fields', '-e', 'frame', SAMPLE]));
  assert.equal(byName.code, 0);
});
