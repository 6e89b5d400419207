import { Writable } from 'node:stream';
import { runFlowsCommand } from '../../src/cli/flows-main.js';
import { main, runDissect } from '../../src/cli/main.js';
import { runUnknownsCommand } from '../../src/cli/unknowns-main.js';
import { buildParser, DISSECT_OPTIONS, parseArguments, toOptions, type CliOptions } from '../../src/cli/options.js';
import type { CliIo } from '../../src/cli/cli-io.js';
import type { Pdu } from '../../src/dissect/pdu.js';
import { coverageBreach } from './coverage.js';

/**
 * One capture through the whole command line, in process (the commands main() runs, writing to memory), in every
 * output format; what went wrong, if anything: an exception out of main, an exit code or a stderr line
 * that is not a clear one-line message, JSON that does not parse, a PDU whose fields do not cover its
 * bytes exactly once, a run that takes more than HANG_MS of CPU time.
 */

export type FindingKind = 'exception' | 'unclear-error' | 'bad-json' | 'coverage' | 'hang';

export interface Finding {
  kind: FindingKind;
  /** The output mode (the arguments before the file). */
  mode: string;
  /** One line; numbers in it replaced by N in `key`, which groups findings of one cause. */
  message: string;
  key: string;
}

/** Every output format; ndjson is also where the coverage of every PDU is checked. */
export const MODES: readonly (readonly string[])[] = [
  [],
  ['-V'],
  ['-x'],
  ['-T', 'json'],
  ['-T', 'ndjson'],
  ['-T', 'fields'],
  ['-T', 'csv'],
  ['flows'],
  ['flows', '--ladder'],
  ['unknowns'],
];

export const HANG_MS = 1000;

/** A line on stderr a user can act on: ours, one line, with no JavaScript error text in it. */
const CLEAR_LINE = /^icq2-dissect: /;
const JS_ERROR_TEXT = /\b(?:TypeError|RangeError|ReferenceError|SyntaxError|ERR_[A-Z_]+|undefined|NaN|is not a function|Cannot read prop|out of range|out of bounds)\b|^\s+at /;

class Collected extends Writable {
  text = '';
  constructor(private readonly keep: boolean) {
    super();
  }
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    if (this.keep) this.text += chunk.toString();
    done();
  }
}

/** The whole command line in process, its output kept: for the regression tests of what the fuzzer found. */
export async function commandLine(argv: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Collected(true);
  const stderr = new Collected(true);
  const code = await main(argv, { stdout, stderr });
  process.exitCode = 0;
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const keyOf = (kind: FindingKind, message: string): string => `${kind}: ${message.replace(/\d+/g, 'N')}`;
const finding = (kind: FindingKind, mode: string, message: string): Finding => ({ kind, mode, message, key: keyOf(kind, message) });

/** Where in our code an exception came from: its first frame in src/, for grouping. */
function origin(error: unknown): string {
  const stack = error instanceof Error ? error.stack ?? '' : '';
  const frame = stack.split('\n').find((line) => line.includes('/src/'));
  return frame ? frame.trim().replace(/^at /, '').replace(/.*\/src\//, 'src/').replace(/\)$/, '') : 'unknown place';
}

/** The dissect modes' options for a path, parsed once by the command line's own parser (they are the same every iteration). */
const parsed = new Map<string, CliOptions>();
function dissectOptions(mode: readonly string[], path: string): CliOptions {
  const argv = [...mode, path];
  const key = argv.join('\0');
  let options = parsed.get(key);
  if (!options) parsed.set(key, (options = toOptions(parseArguments(buildParser(argv), argv, DISSECT_OPTIONS), undefined, false)));
  return { ...options, files: [...options.files] };
}

/** What main() runs for each mode: the flows and unknowns commands (their options parsed in them), else the dissect command. */
function run(mode: readonly string[], path: string, io: CliIo): Promise<number> {
  const [command, ...rest] = mode;
  if (command === 'flows') return runFlowsCommand([...rest, path], io);
  if (command === 'unknowns') return runUnknownsCommand([...rest, path], io);
  return runDissect(dissectOptions(mode, path), io);
}

export async function runMutant(path: string): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const mode of MODES) {
    const name = mode.join(' ') || 'table';
    const stdout = new Collected(mode.includes('json') || mode.includes('ndjson'));
    const stderr = new Collected(true);
    // CPU time, not wall time: on a shared machine a run can wait for a core far longer than it works.
    const started = process.cpuUsage();
    try {
      const code = await run(mode, path, { stdout, stderr });
      if (code > 2) findings.push(finding('unclear-error', name, `exit code ${code}`));
    } catch (error) {
      const first = error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error);
      findings.push(finding('exception', name, `${first} (at ${origin(error)})`));
    }
    const used = process.cpuUsage(started);
    if ((used.user + used.system) / 1000 > HANG_MS) findings.push(finding('hang', name, `took over ${HANG_MS} ms of CPU`));
    for (const line of stderr.text.split('\n').filter((l) => l.length > 0)) {
      if (!CLEAR_LINE.test(line) || JS_ERROR_TEXT.test(line)) findings.push(finding('unclear-error', name, line.slice(0, 200)));
    }
    if (mode.includes('json')) findings.push(...jsonFindings(name, stdout.text, (text) => [text]));
    if (mode.includes('ndjson')) findings.push(...jsonFindings(name, stdout.text, (text) => text.split('\n').filter((l) => l.length > 0)));
  }
  process.exitCode = 0;
  return findings;
}

/** Each document parses; for ndjson each is a PDU, checked for coverage. An empty output is no PDU. */
function jsonFindings(mode: string, text: string, documents: (text: string) => string[]): Finding[] {
  if (text.length === 0) return [];
  const out: Finding[] = [];
  for (const document of documents(text)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(document);
    } catch (error) {
      out.push(finding('bad-json', mode, (error as Error).message));
      continue;
    }
    if (mode.endsWith('ndjson')) {
      const pdu = parsed as Pdu;
      const breach = coverageBreach(pdu.fields, pdu.length);
      if (breach) out.push(finding('coverage', mode, `${pdu.command?.name ?? 'no command'}: ${breach}`));
    }
  }
  return out;
}
