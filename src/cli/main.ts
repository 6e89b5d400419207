import { readFileSync, statSync } from 'node:fs';
import { IcqTraffic, type NetStats } from '../net/icq-traffic.js';
import { dissectCaptureBatches } from '../dissect/dissect-capture.js';
import { mentionsAnalysis } from '../analysis/filter-values.js';
import { LookaheadAnalysis } from '../analysis/lookahead-analysis.js';
import type { CaptureInput } from '../capture/open.js';
import { withCaptureInputs } from './capture-inputs.js';
import { decideColor } from './color.js';
import { printPdus } from './dissect-command.js';
import { glossary } from './glossary.js';
import { valueGlossary } from './value-glossary.js';
import { reportNoIcq } from './no-icq-report.js';
import type { CommandRegistry } from '../protocol/registry.js';
import { parseFilterOption } from './filter-option.js';
import { valueCheckOf } from './filter-value-check.js';
import { fieldNamesOf } from './field-names.js';
import { registryFromOption } from './layouts-option.js';
import { expectChoice } from './option-checks.js';
import { buildParser, DISSECT_OPTIONS, parseArguments, splitAttachedValues, toOptions, UsageError, type CliOptions } from './options.js';
import { OutputSink } from './output-sink.js';
import { Progress } from './progress.js';

/** The command line: parses, runs, and turns every failure into one line on stderr and an exit code. */

const NAME = 'icq2-dissect';

/** -G fields or -G values: a glossary, to stdout (a closed pipe ends it quietly, as any output). */
async function writeGlossary(lines: Iterable<string>): Promise<number> {
  const sink = new OutputSink(process.stdout);
  await sink.write([...lines].join('\n') + '\n');
  return sink.error ? fail(`cannot write the output: ${sink.error.message}`) : 0;
}

/** The version in package.json (two folders up from src/cli and from dist/cli alike). */
function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}

function fail(message: string): number {
  process.stderr.write(`${NAME}: ${message}\n`);
  return 1;
}

/** Sequence analysis reads the capture a second time, so it runs only for outputs that show its results. */
function needsAnalysis(options: CliOptions): boolean {
  const named = [options.filter ?? '', ...options.fieldNames].some(mentionsAnalysis);
  return named || options.verbose || options.format === 'json' || options.format === 'ndjson';
}

/** -V, -x and JSON show every field's hex and reading; the table, -T fields and -Y read only values. */
function showsFieldTree(options: CliOptions): boolean {
  return options.verbose || options.hex || options.format === 'json' || options.format === 'ndjson';
}

function progressFor(options: CliOptions, inputs: readonly CaptureInput[]): Progress | undefined {
  const json = options.format === 'json' || options.format === 'ndjson';
  // Only when the output goes elsewhere: on a shared terminal the line would garble the table.
  if (!process.stderr.isTTY || process.stdout.isTTY || json) return undefined;
  const sizes = inputs.map(({ path }) => statSync(path, { throwIfNoEntry: false }));
  const total = sizes.every((size) => size?.isFile()) ? sizes.reduce((sum, size) => sum + size!.size, 0) : undefined;
  return new Progress(process.stderr, total);
}

async function runDissect(options: CliOptions): Promise<number> {
  const registry = registryFromOption(options.layouts);
  const isKnownFieldName = fieldNamesOf(registry);
  const unknownName = options.fieldNames.find((name) => !isKnownFieldName(name));
  if (unknownName !== undefined) return fail(`-e ${unknownName}: unknown field`);
  const filter = parseFilterOption(options.filter, isKnownFieldName, valueCheckOf(registry));
  const analysed = needsAnalysis(options);
  return withCaptureInputs(options.files, analysed, process.stderr, async (inputs) => {
    // The analysis reads the capture a second time, ahead of the output, as far as each shown PDU needs.
    const analysis = analysed ? new LookaheadAnalysis(dissectCaptureBatches(inputs, { ...options, registry, depth: 'lean' })) : undefined;
    try {
      const stdoutIsTTY = process.stdout.isTTY === true;
      const progress = progressFor(options, inputs);
      const traffic = new IcqTraffic({ udpPorts: options.udpPorts });
      const depth = showsFieldTree(options) ? 'full' : 'lean';
      const source = dissectCaptureBatches(inputs, { ...options, registry, depth, traffic, ...(progress ? { onRead: progress.read } : {}) });
      const sink = new OutputSink(process.stdout);
      await printPdus(source, options, filter, {
        sink,
        color: decideColor(options.color, process.env, stdoutIsTTY),
        terminalColumns: stdoutIsTTY ? process.stdout.columns : undefined,
        summaryFor: (pdu) => (pdu.command === null ? undefined : registry.findTable(pdu.direction, pdu.command.code)?.summary),
        ...(analysis ? { analysis } : {}),
        ...(progress ? { progress } : {}),
      });
      if (sink.error) return fail(`cannot write the output: ${sink.error.message}`);
      reportUndecodable(traffic.stats);
      reportNoIcq(process.stderr, traffic);
      return 0;
    } finally {
      await analysis?.close();
    }
  });
}

/** Frames below ICQ that could not be decoded are not PDUs, so they are summed up on stderr (exit code unchanged). */
function reportUndecodable(stats: NetStats): void {
  const first = stats.firstUndecodable;
  if (!first) return;
  const frames = stats.undecodable === 1 ? '1 frame' : `${stats.undecodable} frames`;
  process.stderr.write(`${NAME}: note: ${frames} could not be decoded below ICQ (first: frame ${first.frame}: ${first.message})\n`);
}

/** -G REPORT: the glossaries tshark users know (-G alone is -G fields, as in tshark). */
const GLOSSARIES: Readonly<Record<string, (registry: CommandRegistry) => Iterable<string>>> = {
  fields: glossary,
  values: valueGlossary,
};

export async function main(given: readonly string[]): Promise<number> {
  let code: number;
  const argv = splitAttachedValues(given);
  try {
    if (argv[0] === 'flows') code = await (await import('./flows-main.js')).runFlowsCommand(argv.slice(1));
    else if (argv[0] === 'unknowns') code = await (await import('./unknowns-main.js')).runUnknownsCommand(argv.slice(1));
    else {
      const parser = buildParser(argv);
      const args = parseArguments(parser, argv, DISSECT_OPTIONS);
      if (args.h) {
        process.stdout.write((await parser.getHelp()) + '\n');
        code = 0;
      } else if (args.G !== undefined) {
        const report = args.G === '' ? 'fields' : args.G;
        expectChoice('-G', report, Object.keys(GLOSSARIES));
        code = await writeGlossary(GLOSSARIES[report]!(registryFromOption(args.layouts)));
      } else if (args.v) {
        process.stdout.write(`${NAME} ${packageVersion()}\n`);
        code = 0;
      } else code = await runDissect(toOptions(args));
    }
  } catch (error) {
    if (error instanceof UsageError) code = fail(error.message);
    else if (error instanceof Error && error.name === 'YError') code = fail(error.message);
    else throw error;
  }
  process.exitCode = code;
  return code;
}
