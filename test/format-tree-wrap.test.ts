import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dissectCapture } from '../src/dissect/dissect-capture.js';
import { fitLine } from '../src/format/fit-line.js';
import { createStyle } from '../src/format/style.js';
import { renderTree } from '../src/format/tree.js';
import { terminalTable } from './support/terminal-table.js';

/** -V on a terminal: lines fitted to its width under a hanging indent, broken only at spaces; piped, as tshark, not wrapped. */

const SAMPLE = 'samples/session.pcap';
// eslint-disable-next-line no-control-regex
const visible = (text: string): string => text.replace(/\x1b\[[0-9;]*m/g, '');
const words = (text: string): string[] => visible(text).split(/\s+/).filter((word) => word.length > 0);

async function trees(columns: number | undefined, color: boolean): Promise<string> {
  let text = '';
  for await (const d of dissectCapture(SAMPLE)) text += renderTree(d.pdu, createStyle(color), d.frameSize, columns);
  return text;
}

test('fitLine: breaks at spaces under a hanging indent two columns deeper; a word longer than a line is cut', () => {
  assert.equal(fitLine('    NAME: a reading  @000a+4 0a00 — the description', 30), ['    NAME: a reading  @000a+4', '      0a00 — the description'].join('\n'));
  assert.equal(fitLine('short', 30), 'short');
  assert.equal(fitLine('x'.repeat(50), undefined), 'x'.repeat(50));
  assert.deepEqual(fitLine(`  ${'y'.repeat(30)}`, 24).split('\n'), [`  ${'y'.repeat(22)}`, `    ${'y'.repeat(8)}`]);
});

for (const color of [false, true]) {
  test(`-V at 100 columns${color ? ' with colour' : ''}: no line over 100, no word broken, the same words as piped`, async () => {
    const piped = await trees(undefined, color);
    const fitted = await trees(100, color);
    const long = visible(piped).split('\n').filter((line) => line.length > 100);
    assert.ok(long.length > 50, `the sample has long lines to wrap (${long.length})`);
    const lines = visible(fitted).split('\n');
    assert.deepEqual(lines.filter((line) => line.length > 100), []);
    assert.deepEqual(words(fitted), words(piped));
    assert.ok(lines.length > visible(piped).split('\n').length);
  });
}

test('-V through the printer on a 100-column terminal fits every line; the dump rows stay 73 wide', async () => {
  const text = visible(await terminalTable(SAMPLE, 100, false, ['-V', '-x']));
  const lines = text.split('\n');
  assert.deepEqual(lines.filter((line) => line.length > 100), []);
  assert.ok(lines.some((line) => /^ {6}\S/.test(line)), 'a continuation line under a field at depth 1');
  assert.ok(lines.filter((line) => /^[0-9a-f]{4} /.test(line)).every((row) => row.length <= 73));
});
