import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { terminalTable } from './support/terminal-table.js';

/**
 * The packet list of the sample as a person reads it at 80, 100, 132 and 200 columns, with and without
 * colour, and piped: golden files (test/golden/list-*.txt; after a deliberate change of the list or of
 * Info's wording, `RECORD_GOLDEN=1 node --import tsx --test test/format-list-layout.test.ts` writes them
 * again), and the column priorities checked directly against the -T tabs cells of the same PDUs.
 */

const SAMPLE = 'samples/session.pcap';
const WIDTHS = [80, 100, 132, 200];
const RECORD = process.env.RECORD_GOLDEN === '1';
const ANSI = /\x1b\[[0-9;]*m/g;

async function matchesGolden(name: string, text: string): Promise<void> {
  const path = `test/golden/list-${name}.txt`;
  if (RECORD) await writeFile(path, text);
  else assert.equal(text, await readFile(path, 'utf8'), path);
}

test('golden: the sample at 80, 100, 132 and 200 columns, with and without colour, and piped', async () => {
  for (const columns of WIDTHS) {
    for (const color of [false, true]) await matchesGolden(`${columns}${color ? '-colour' : ''}`, await terminalTable(SAMPLE, columns, color));
  }
  await matchesGolden('piped', await terminalTable(SAMPLE, undefined, false));
});

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** An address as shown: whole, or cut at the start with "…", always with its port. */
const shownAddress = (address: string) => `(…?\\S*${escaped(address.slice(address.lastIndexOf(':')))})`;

/** The -T tabs cells of every PDU: what each row of the list must show. */
async function tabsRows(): Promise<string[][]> {
  const lines = (await terminalTable(SAMPLE, undefined, false, ['-T', 'tabs'])).trimEnd().split('\n');
  assert.equal(lines[0], 'No.\tTime\tSource\tDestination\tDir\tCommand\tSeq\tUIN\tInfo');
  return lines.slice(1).map((line) => line.split('\t'));
}

test('-T tabs: a heading line, then the nine columns of each PDU, tab-separated, Info as the piped list shows it', async () => {
  const rows = await tabsRows();
  const piped = (await terminalTable(SAMPLE, undefined, false)).trimEnd().split('\n').slice(1);
  assert.equal(rows.length, piped.length);
  assert.ok(rows.every((cells) => cells.length === 9));
  assert.deepEqual(rows[0], ['1', '0.000000', '198.51.100.10:1026', '192.0.2.1:4000', 'C→S', 'LOGIN', '1', '1001', 'uin 1001 port 2001 status online']);
  rows.forEach((cells, i) => assert.ok(piped[i]!.endsWith(cells[8]!), piped[i]));
});

test('column priorities: No., Time, Command and Info never cut; addresses shrink keeping their ports, then go (80 columns keeps Dir, Seq, UIN)', async () => {
  const rows = await tabsRows();
  for (const columns of WIDTHS) {
    const plain = await terminalTable(SAMPLE, columns, false);
    assert.equal((await terminalTable(SAMPLE, columns, true)).replace(ANSI, ''), plain);
    const lines = plain.trimEnd().split('\n');
    assert.equal(lines[1], '─'.repeat(columns));
    assert.equal(lines[0]!.includes('Source'), columns > 80, `${columns}: ${lines[0]}`);
    lines.slice(2).forEach((line, i) => {
      const [no, time, source, destination, dir, command, seq, uin, info] = rows[i]!;
      assert.ok([...line].length <= columns, line);
      const addresses = columns > 80 ? `${shownAddress(source!)} +${shownAddress(destination!)} +` : '()()';
      const pattern = new RegExp(`^ *${no} +${escaped(time!)} +${addresses}${dir} +${command} +${seq} *${uin} *(.*)$`);
      const [, src, dst, shown] = pattern.exec(line) ?? assert.fail(`${columns} columns: ${line}`);
      if (columns >= 132) assert.deepEqual([src, dst], [source, destination]);
      else if (columns > 80) assert.ok(source!.endsWith(src!.replace(/^…/, '')) && destination!.endsWith(dst!.replace(/^…/, '')), line);
      // Info is whole, or cut at the terminal's edge only, with 30 columns or more left to it.
      if (shown !== info) {
        assert.ok(shown!.endsWith('…') && info!.startsWith(shown!.slice(0, -1)), line);
        assert.equal([...line].length, columns);
        assert.ok([...shown!].length >= 30, line);
      }
    });
  }
});
