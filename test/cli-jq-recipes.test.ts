import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

/** The jq recipes of --help and docs/usage.md, run on the sample session (skipped without jq). */

const hasJq = spawnSync('jq', ['--version']).status === 0;
const CLI = `${process.execPath} --import tsx src/cli/run.ts`;
const SAMPLE = 'samples/session.pcap';

function pipeline(command: string): string {
  const result = spawnSync('bash', ['-c', `set -o pipefail; ${command}`], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

test('messages of one user', { skip: !hasJq && 'jq is not installed' }, () => {
  const out = pipeline(
    `${CLI} -T ndjson ${SAMPLE} | jq -c 'select(.uin == 1001 and .command.name == "SEND_MESSAGE") | {time, to: (.fields[] | select(.name == "RECEIVER_UIN") | .value), text: (.fields[] | select(.name == "MESSAGE") | .value)}'`,
  );
  assert.equal(
    out,
    [
      '{"time":"1998-07-09T16:00:13.513500Z","to":1003,"text":"See you tomorrow at 10?"}',
      '{"time":"1998-07-09T16:00:18.513500Z","to":1003,"text":"See you tomorrow at 10?"}',
      '{"time":"1998-07-09T16:00:18.514000Z","to":1002,"text":"Protocol notesþhttp://example.org/icq-v2.txt"}',
      '',
    ].join('\n'),
  );
});

test('all LOGIN X1 values', { skip: !hasJq && 'jq is not installed' }, () => {
  assert.equal(pipeline(`${CLI} -T ndjson -Y 'command == LOGIN' ${SAMPLE} | jq -r '.fields[] | select(.name == "X1") | .hex'`), '72000400\n72000400\n');
});

test('a count of commands', { skip: !hasJq && 'jq is not installed' }, () => {
  const counts = JSON.parse(pipeline(`${CLI} -T ndjson ${SAMPLE} | jq -s 'group_by(.command.name) | map({(.[0].command.name // "?"): length}) | add'`));
  assert.deepEqual([counts.ACK, counts.KEEP_ALIVE, counts.SEND_MESSAGE, counts.CHANNEL_MESSAGE, Object.keys(counts).length], [37, 4, 3, 4, 26]);
});

test('time between KEEP_ALIVEs', { skip: !hasJq && 'jq is not installed' }, () => {
  const out = pipeline(
    `${CLI} -T ndjson -Y 'command == KEEP_ALIVE && uin == 1001' ${SAMPLE} | jq -c -s 'map(.time | capture("^(?<s>[^.]+)(?<f>\\\\.[0-9]+)?Z$") | (.s + "Z" | fromdate) + ((.f // "0") | tonumber)) | [range(1; length) as $i | .[$i] - .[$i - 1] | . * 1e6 | round / 1e6]'`,
  );
  assert.equal(out, '[120.001]\n');
});
