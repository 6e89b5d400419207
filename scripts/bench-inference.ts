import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BODILESS_COMMANDS, DESCRIBED_COMMANDS } from './inference/commands.js';
import { writeGeneratedCapture } from './inference/generate.js';
import { EXPECTED_KINDS } from './inference/kinds.js';
import { measure } from './inference/measure.js';
import { meetsTarget, reasonsOf } from './inference/reasons.js';
import { resultsTable, comparisonTable, type Row } from './inference/report.js';
import { add, NO_COUNTS, rates, scoreMessage } from './inference/score.js';

/**
 * `npm run bench:inference`: how well the unknowns study infers the layouts the document describes. Each
 * command in turn is hidden (read as an undescribed body), studied over the bundled captures and a
 * generated one, proposed (`unknowns --propose`), and its proposal scored against the document's layout,
 * field boundaries counted per message as BinaryInferno does. Prints the README's Markdown tables.
 */

const BUNDLED = ['../samples/session.pcap', '../test/data/micq-0.2.5-session.pcap'].map((p) => new URL(p, import.meta.url).pathname);
const dir = mkdtempSync(join(tmpdir(), 'icq2-inference-'));
const rows: Row[] = [];
try {
  const label = (t: { direction: string; name: string }) => `${t.direction === 'client-to-server' ? 'C→S' : 'S→C'} ${t.name}`;
  console.log(`${DESCRIBED_COMMANDS.length} commands with a described body, plus ${BODILESS_COMMANDS.length} described with none (${BODILESS_COMMANDS.map(label).join(', ')}): ${DESCRIBED_COMMANDS.length + BODILESS_COMMANDS.length} in all.\n`);
  for (const table of DESCRIBED_COMMANDS) {
    const generated = join(dir, `${table.name}.pcap`);
    writeGeneratedCapture(table, generated);
    const { messages, read } = await measure(table, [...BUNDLED, generated]);
    const expected = EXPECTED_KINDS[table.name]!;
    const counts = messages.map((m) => scoreMessage(m, expected)).reduce(add, NO_COUNTS);
    const r = rates(counts);
    rows.push({ label: label(table), counts, rates: r, why: meetsTarget(r) ? '' : reasonsOf(messages, expected, read).join('; ') });
  }
} finally {
  rmSync(dir, { recursive: true });
}
const overall = rows.map((r) => r.counts).reduce(add, NO_COUNTS);
const overallRates = rates(overall);
rows.push({ label: '**overall**', counts: overall, rates: overallRates, why: `${rows.filter((r) => meetsTarget(r.rates)).length} of ${rows.length} commands meet the target` });
console.log(resultsTable(rows));
console.log();
console.log(comparisonTable(overallRates));
