import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { dissectCaptureBatches } from '../src/dissect/dissect-capture.js';
import { MIXES, writeMixFile, type MixName } from './bench/mixes.js';

/**
 * `npm run bench [-- --frames N] [-- --flat]`: both traffic mixes (the sample session repeated; many small
 * UDP PDUs) written as N-frame captures, then every output of ours and tshark's timed side by side in one
 * run on the same file, with peak RSS; `--flat` also runs the analysing outputs on 5N frames to show that
 * memory stays flat. Prints Markdown tables for the README with each target met or missed. Timing lives
 * here, never in the tests (the machines are shared and noisy).
 */

const { values } = parseArgs({ options: { frames: { type: 'string', default: '1000000' }, flat: { type: 'boolean', default: false } } });
const frames = Number(values.frames);
if (!Number.isInteger(frames) || frames <= 0) throw new Error(`--frames ${values.frames}: a positive whole number`);

const GNU_TIME = '/usr/bin/time';
const bin = new URL('../bin/icq2-dissect', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'icq2-bench-'));

interface Run {
  seconds: number;
  rssMb: number | undefined;
}

/** Runs a command with stdout to /dev/null: wall time, and peak RSS through GNU time when present. */
function timeCommand(command: string, args: string[]): Run | string {
  const timed = existsSync(GNU_TIME);
  const [cmd, argv] = timed ? [GNU_TIME, ['-f', '%M', command, ...args]] : [command, args];
  const start = process.hrtime.bigint();
  const run = spawnSync(cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (run.error || run.status !== 0) return run.error?.message ?? (run.stderr.trim().split('\n').at(-2) || `exit ${run.status}`);
  return { seconds, rssMb: timed ? Number(run.stderr.trim().split('\n').at(-1)) / 1024 : undefined };
}

const ours = (...args: string[]) => (file: string) => timeCommand(process.execPath, [bin, ...args, file]);
const tshark = (...args: string[]) => (file: string) => timeCommand('tshark', ['-r', file, ...args]);

const COMMANDS = {
  table: { label: 'icq2-dissect (table)', run: ours() },
  fields: { label: 'icq2-dissect -T fields', run: ours('-T', 'fields') },
  ndjson: { label: 'icq2-dissect -T ndjson (with analysis)', run: ours('-T', 'ndjson') },
  verbose: { label: 'icq2-dissect -V', run: ours('-V') },
  flows: { label: 'icq2-dissect flows', run: (file: string) => timeCommand(process.execPath, [bin, 'flows', file]) },
  unknowns: { label: 'icq2-dissect unknowns', run: (file: string) => timeCommand(process.execPath, [bin, 'unknowns', '-T', 'json', file]) },
  tsharkSummary: { label: 'tshark -r', run: tshark() },
  tsharkFields: { label: 'tshark -T fields -e frame.number -e udp.payload', run: tshark('-T', 'fields', '-e', 'frame.number', '-e', 'udp.payload') },
  tsharkEk: { label: 'tshark -T ek', run: tshark('-T', 'ek') },
} as const;
type CommandName = keyof typeof COMMANDS;

async function countPdus(file: string): Promise<{ pdus: number; seconds: number }> {
  const start = process.hrtime.bigint();
  let pdus = 0;
  for await (const batch of dissectCaptureBatches(file, { depth: 'lean' })) pdus += batch.length;
  return { pdus, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

interface Target {
  what: string;
  met: (runs: Partial<Record<CommandName, Run>>, pdus: number) => boolean | undefined;
}

const seconds = (runs: Partial<Record<CommandName, Run>>, name: CommandName) => runs[name]?.seconds;
const both = (a: number | undefined, b: number | undefined, test: (a: number, b: number) => boolean) => (a === undefined || b === undefined ? undefined : test(a, b));

const TARGETS: Target[] = [
  { what: 'table at least as fast as tshark -r', met: (r) => both(seconds(r, 'table'), seconds(r, 'tsharkSummary'), (a, b) => a <= b) },
  { what: 'table at least 300,000 PDUs/s', met: (r, pdus) => both(seconds(r, 'table'), pdus, (a, n) => n / a >= 300_000) },
  { what: '-T ndjson (with analysis) at least 10x tshark -T ek', met: (r) => both(seconds(r, 'ndjson'), seconds(r, 'tsharkEk'), (a, b) => b / a >= 10) },
  { what: '-T fields at least 2x tshark -T fields -e udp.payload', met: (r) => both(seconds(r, 'fields'), seconds(r, 'tsharkFields'), (a, b) => b / a >= 2) },
  { what: 'unknowns in less than twice the time of -T fields', met: (r) => both(seconds(r, 'unknowns'), seconds(r, 'fields'), (a, b) => a < 2 * b) },
  ...(['ndjson', 'verbose', 'flows', 'unknowns'] as const).map((name) => ({
    what: `${COMMANDS[name].label}: peak RSS under 200 MB`,
    met: (r: Partial<Record<CommandName, Run>>) => (r[name]?.rssMb === undefined ? undefined : r[name]!.rssMb! < 200),
  })),
];

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`\n${new Date().toISOString().slice(0, 10)}, ${machine}; ${fmt(frames)} frames per mix; every row run once, side by side\n`);

for (const mix of Object.keys(MIXES) as MixName[]) {
  const file = join(dir, `${mix}.pcap`);
  const bytes = writeMixFile(file, MIXES[mix](frames));
  const { pdus, seconds: inProcess } = await countPdus(file);
  const runs: Partial<Record<CommandName, Run>> = {};
  console.log(`### Mix "${mix}": ${fmt(frames)} frames, ${fmt(pdus)} ICQ PDUs, ${fmt(bytes / 1e6, 1)} MB\n`);
  console.log('| run | seconds | PDUs/s | peak RSS MB | vs tshark -r |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  const rows: string[] = [`| dissector in-process, lean (no output) | ${inProcess.toFixed(2)} | ${fmt(pdus / inProcess)} | - | |`];
  for (const name of Object.keys(COMMANDS) as CommandName[]) {
    const result = COMMANDS[name].run(file);
    if (typeof result === 'string') {
      console.error(`${COMMANDS[name].label}: not run (${result})`);
      continue;
    }
    runs[name] = result;
  }
  for (const name of Object.keys(runs) as CommandName[]) {
    const run = runs[name]!;
    const ratio = runs.tsharkSummary ? `${(run.seconds / runs.tsharkSummary.seconds).toFixed(2)}x` : 'n/a';
    rows.push(`| ${COMMANDS[name].label} | ${run.seconds.toFixed(2)} | ${fmt(pdus / run.seconds)} | ${run.rssMb?.toFixed(0) ?? '-'} | ${ratio} |`);
  }
  console.log(rows.join('\n') + '\n');
  for (const target of TARGETS) {
    const met = target.met(runs, pdus);
    console.log(`- ${met === undefined ? 'not measured' : met ? 'met' : 'MISSED'}: ${target.what}`);
  }
  if (values.flat) {
    const big = join(dir, `${mix}-5x.pcap`);
    writeMixFile(big, MIXES[mix](5 * frames));
    for (const name of ['ndjson', 'verbose', 'flows', 'unknowns'] as const) {
      const result = COMMANDS[name].run(big);
      const small = runs[name]?.rssMb;
      if (typeof result === 'string') {
        console.log(`- not measured: ${COMMANDS[name].label} on ${fmt(5 * frames)} frames (${result})`);
        continue;
      }
      if (result.rssMb === undefined || small === undefined) continue;
      const growth = (result.rssMb / small - 1) * 100;
      console.log(`- ${growth <= 20 ? 'met' : 'MISSED'}: ${COMMANDS[name].label} on ${fmt(5 * frames)} frames: peak RSS ${result.rssMb.toFixed(0)} MB, ${growth >= 0 ? '+' : ''}${growth.toFixed(0)}% of ${small.toFixed(0)} MB (flat: within 20%)`);
    }
    rmSync(big, { force: true });
  }
  console.log('');
  rmSync(file, { force: true });
}
rmSync(dir, { recursive: true, force: true });
