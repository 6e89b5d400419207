import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writePcap } from '../src/capture/write-pcap.js';
import { dissectCapture } from '../src/dissect/dissect-capture.js';
import { ethernetRecords } from './samples/build-samples.js';
import { sampleSession } from './samples/scenario.js';

/**
 * `npm run bench [rounds]`: the sample session repeated (other client ports, later times) into one large
 * pcap, then timed side by side in one run: the dissector in-process, the CLI (table, NDJSON, -V tree,
 * fields) and tshark (summary lines, the UDP payload fields, and with our exported Lua dissector) on the
 * same file. Prints a Markdown table for the README. Timing lives here, never in the tests.
 */

const rounds = Number(process.argv[2] ?? 1500);
const dir = mkdtempSync(join(tmpdir(), 'icq2-bench-'));
const file = join(dir, 'bench.pcap');
const frames = [];
for (let r = 0; r < rounds; r++) frames.push(...ethernetRecords(sampleSession(6, r)));
writeFileSync(file, writePcap(frames, { linkType: 1 }));
const megabytes = statSync(file).size / 1e6;

interface Row {
  what: string;
  seconds: number;
  rssMb?: number;
}
const rows: Row[] = [];

const GNU_TIME = '/usr/bin/time';
const haveTime = existsSync(GNU_TIME);

/** Runs a command with stdout to /dev/null; wall time, and peak RSS through GNU time when present. */
function timeCommand(what: string, command: string, args: string[]): void {
  const [cmd, argv] = haveTime ? [GNU_TIME, ['-f', '%M', command, ...args]] : [command, args];
  const start = process.hrtime.bigint();
  const run = spawnSync(cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (run.error || run.status !== 0) {
    console.error(`${what}: not run (${run.error?.message ?? run.stderr.trim().split('\n').at(-2) ?? run.status})`);
    return;
  }
  const rssMb = haveTime ? Number(run.stderr.trim().split('\n').at(-1)) / 1024 : undefined;
  rows.push(rssMb === undefined ? { what, seconds } : { what, seconds, rssMb });
}

let pdus = 0;
const start = process.hrtime.bigint();
for await (const _ of dissectCapture(file)) pdus++;
rows.push({ what: 'dissector in-process (no output)', seconds: Number(process.hrtime.bigint() - start) / 1e9 });

const bin = new URL('../bin/icq2-dissect', import.meta.url).pathname;
timeCommand('icq2-dissect (table)', process.execPath, [bin, file]);
timeCommand('icq2-dissect -T ndjson', process.execPath, [bin, '-T', 'ndjson', file]);
timeCommand('icq2-dissect -V', process.execPath, [bin, '-V', file]);
timeCommand('icq2-dissect -T fields', process.execPath, [bin, '-T', 'fields', file]);
timeCommand('tshark -r (summary lines)', 'tshark', ['-r', file]);
timeCommand('tshark -T fields -e udp.payload', 'tshark', ['-r', file, '-T', 'fields', '-e', 'frame.number', '-e', 'udp.payload']);
const lua = new URL('../exports/icq2.lua', import.meta.url).pathname;
timeCommand('tshark -X lua_script:exports/icq2.lua -r', 'tshark', ['-X', `lua_script:${lua}`, '-r', file]);

const tshark = rows.find((r) => r.what.startsWith('tshark -r'));
console.log(`\n${frames.length} frames, ${pdus} ICQ PDUs, ${megabytes.toFixed(1)} MB (${rounds} rounds of the sample session)\n`);
console.log('| run | seconds | frames/s | peak RSS MB | time vs tshark -r |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  const ratio = tshark ? `${(r.seconds / tshark.seconds).toFixed(2)}x` : 'n/a';
  console.log(`| ${r.what} | ${r.seconds.toFixed(2)} | ${Math.round(frames.length / r.seconds).toLocaleString('en-US')} | ${r.rssMb?.toFixed(0) ?? '-'} | ${ratio} |`);
}
rmSync(dir, { recursive: true, force: true });
