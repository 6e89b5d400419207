import { parseArgs } from 'node:util';
import { HOSTILE_DESCRIPTIONS, HOSTILE_KINDS, hostileRecords, type HostileKind } from '../src/writers/build-hostile.js';
import { writeMixFile } from './bench/mixes.js';

/**
 * `npm run hostile -- --kind K --frames N -o FILE`: a hostile capture of N frames (an Ethernet pcap) that
 * tries the network layer's limits; README "Limits" says what each one does to a reader.
 */

const usage = `usage: npm run hostile -- --kind K --frames N -o FILE\nkinds:\n${HOSTILE_KINDS.map((k) => `  ${k.padEnd(12)} ${HOSTILE_DESCRIPTIONS[k]}`).join('\n')}`;

function fail(message: string): never {
  process.stderr.write(`hostile: ${message}\n${usage}\n`);
  process.exit(1);
}

const { values } = (() => {
  try {
    return parseArgs({ options: { kind: { type: 'string' }, frames: { type: 'string', default: '1000000' }, o: { type: 'string', short: 'o' } } });
  } catch (error) {
    return fail((error as Error).message);
  }
})();
const kind = values.kind as HostileKind | undefined;
if (!kind || !HOSTILE_KINDS.includes(kind)) fail(`--kind: one of ${HOSTILE_KINDS.join(', ')}`);
const frames = Number(values.frames);
if (!Number.isInteger(frames) || frames <= 0) fail(`--frames ${values.frames}: a positive whole number`);
if (!values.o) fail('-o FILE: where to write the capture');
const size = writeMixFile(values.o, hostileRecords(kind, frames));
process.stderr.write(`${values.o}: ${frames.toLocaleString('en-US')} frames (${kind}), ${(size / 1e6).toFixed(1)} MB\n`);
