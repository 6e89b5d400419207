import { readFileSync } from 'node:fs';
import { teeSource } from '../capture/live-tee.js';
import { IcqTraffic, type NetStats } from '../net/icq-traffic.js';
import { dissectCaptureBatches } from '../dissect/dissect-capture.js';
import { LookaheadAnalysis } from '../analysis/lookahead-analysis.js';
import { OnePassAnalysis } from '../analysis/one-pass-analysis.js';
import { analysisMode } from './analysis-mode.js';
import { withCaptureInputs } from './capture-inputs.js';
import { decideColor } from './color.js';
import { printPdus } from './dissect-command.js';
import { glossary } from './glossary.js';
import { valueGlossary } from './value-glossary.js';
import { reportNoIcq } from './no-icq-report.js';
import { reportAnalysisCapped, reportDropped } from './dropped-report.js';
import type { CommandRegistry } from '../protocol/registry.js';
import { parseFilterOption } from './filter-option.js';
import { filterSchemaOf, summaryOf } from './filter-schema.js';
import { fieldNamesOf } from './field-names.js';
import { LIVE_SETTLE_MS, listInterfaces, liveCaptureFrom, startLiveRun } from './live-option.js';
import { registryFromOption } from './layouts-option.js';
import { expectChoice } from './option-checks.js';
import { all, buildParser, DISSECT_OPTIONS, parseArguments, splitAttachedValues, toOptions, UsageError, type CliOptions } from './options.js';
import { OutputSink } from './output-sink.js';
import { plural } from '../protocol/plural.js';
import type { WalkDepth } from '../dissect/walk.js';
import { progressFor, withProgress } from './progress.js';
import type { CliIo } from './cli-io.js';
import { openCaptureOutput } from './write-option.js';
import { STATISTICS_HELP, statisticsFromOption } from './stats-option.js';

/** The command line: parses, runs, and turns every failure into one line on stderr and an exit code. */

const NAME = 'icq2-dissect';

/** -G fields or -G values: a glossary, to stdout (a closed pipe ends it quietly, as any output). */
async function writeGlossary(lines: Iterable<string>, io: CliIo): Promise<number> {
  const sink = new OutputSink(io.stdout);
  await sink.write([...lines].join('\n') + '\n');
  return sink.error ? fail(io, `cannot write the output: ${sink.error.message}`) : 0;
}

/** The version in package.json (two folders up from src/cli and from dist/cli alike). */
function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return manifest.version;
}

function fail(io: CliIo, message: string): number {
  io.stderr.write(`${NAME}: ${message}\n`);
  return 1;
}

/** -V, -x and JSON show every field's hex and reading; the table, -T fields, -Y and the statistics read only values. */
function showsFieldTree(options: CliOptions): boolean {
  return !options.quiet && (options.verbose || options.hex || options.format === 'json' || options.format === 'ndjson');
}

/** The dissect command on options already checked (exported for the fuzz harness, which parses each mode once). */
export async function runDissect(options: CliOptions, io: CliIo): Promise<number> {
  const registry = registryFromOption(options.layouts);
  const isKnownFieldName = fieldNamesOf(registry);
  const unknownName = options.fieldNames.find((name) => !isKnownFieldName(name));
  if (unknownName !== undefined) return fail(io, `-e ${unknownName}: unknown field`);
  const filter = parseFilterOption(options.filter, filterSchemaOf(registry));
  const capture = openCaptureOutput(options);
  try {
    const statistics = statisticsFromOption(options.statistics, (text) => parseFilterOption(text, filterSchemaOf(registry)));
    const mode = analysisMode(options, statistics);
    const twoPass = mode === 'two-pass';
    const depth: WalkDepth = showsFieldTree(options) ? 'full' : 'lean';
    // What sees the records as they are read: -w's writer, the -z statistics' frame counts.
    const readHooks = { ...(capture ? { tap: capture.writer } : {}), ...(statistics ? { onFrames: statistics.frames.take } : {}) };
    // Two passes over lean PDUs read the capture once and share its PDUs (the reader ahead is at most
    // MAX_READ_AHEAD past the shown one). Full trees are read a second time, lean, rather than held ahead;
    // so are the PDUs of a run with read hooks, which expect each chunk's records just before its PDUs are shown.
    const readTwice = twoPass && (depth === 'full' || Object.keys(readHooks).length > 0);
    // Files read twice (the analysis ahead of the output) are spooled first when they are streams.
    return await withCaptureInputs(options.files, readTwice, io.stderr, async (inputs) => {
      const live = options.live ? await startLiveRun(options.live, io.stderr) : undefined;
      const traffic = new IcqTraffic({ udpPorts: options.udpPorts });
      // How the shown PDUs are read, live or from the files.
      const shown = { ...options, registry, depth, keepFrames: options.hex, traffic, ...readHooks };
      // A live capture's rows come as the packets do: no progress line over them.
      const progress = live ? undefined : progressFor(options.progress, inputs, 'stdout', io.stderr);
      const read = live ? dissectCaptureBatches(live.input, shown) : withProgress(progress, (hooks) => dissectCaptureBatches(inputs, { ...shown, ...hooks }));
      // A live capture is read once: the analysis reads ahead in the same PDUs, and waits for later ones only so long.
      const [source, sharedAhead] = twoPass && (live || !readTwice) ? teeSource(read) : [read];
      const analysis =
        mode === 'none'
          ? undefined
          : mode === 'one-pass'
            ? new OnePassAnalysis()
            : new LookaheadAnalysis(sharedAhead ?? dissectCaptureBatches(inputs, { ...options, registry, depth: 'lean' }), {}, live ? LIVE_SETTLE_MS : undefined);
      try {
        const stdoutIsTTY = io.stdout.isTTY === true;
        const sink = new OutputSink(io.stdout);
        await printPdus(source, options, filter, {
          sink,
          color: decideColor(options.color, process.env, stdoutIsTTY),
          terminalColumns: stdoutIsTTY ? io.stdout.columns : undefined,
          summaryFor: summaryOf(registry),
          ...(analysis ? { analysis } : {}),
          flushEachPdu: live !== undefined,
          ...(capture ? { capture: capture.writer } : {}),
          ...(statistics ? { statistics } : {}),
        });
        if (sink.error) return fail(io, `cannot write the output: ${sink.error.message}`);
        const written = await capture?.close();
        if (written?.failure) return fail(io, written.failure);
        if (written?.note) io.stderr.write(`${NAME}: note: ${written.note}\n`);
        reportUndecodable(io.stderr, traffic.stats);
        reportDropped(io.stderr, traffic);
        if (analysis) reportAnalysisCapped(io.stderr, analysis.capped());
        // A live capture's summary counts its frames and PDUs itself.
        if (live) io.stderr.write(`${NAME}: ${live.summary(traffic.stats)}\n`);
        else reportNoIcq(io.stderr, traffic);
        return 0;
      } finally {
        await live?.close();
        await analysis?.close();
      }
    });
  } finally {
    await capture?.close();
  }
}

/** Frames below ICQ that could not be decoded are not PDUs, so they are summed up on stderr (exit code unchanged). */
function reportUndecodable(stderr: NodeJS.WritableStream, stats: NetStats): void {
  const first = stats.firstUndecodable;
  if (!first) return;
  stderr.write(`${NAME}: note: ${plural(stats.undecodable, 'frame')} could not be decoded below ICQ (first: frame ${first.frame}: ${first.message})\n`);
}

/** -G REPORT: the glossaries tshark users know (-G alone is -G fields, as in tshark). */
const GLOSSARIES: Readonly<Record<string, (registry: CommandRegistry) => Iterable<string>>> = {
  fields: glossary,
  values: valueGlossary,
};

/** The whole command line; `io` is where it writes (the fuzz harness runs it in process). */
export async function main(given: readonly string[], io: CliIo = process): Promise<number> {
  let code: number;
  const argv = splitAttachedValues(given);
  try {
    if (argv[0] === 'flows') code = await (await import('./flows-main.js')).runFlowsCommand(argv.slice(1), io);
    else if (argv[0] === 'unknowns') code = await (await import('./unknowns-main.js')).runUnknownsCommand(argv.slice(1), io);
    else {
      const parser = buildParser(argv);
      const args = parseArguments(parser, argv, DISSECT_OPTIONS);
      if (args.h) {
        io.stdout.write((await parser.getHelp()) + '\n');
        code = 0;
      } else if (args.G !== undefined) {
        const report = args.G === '' ? 'fields' : args.G;
        expectChoice('-G', report, Object.keys(GLOSSARIES));
        code = await writeGlossary(GLOSSARIES[report]!(registryFromOption(args.layouts)), io);
      } else if (all(args.z).includes('help')) {
        io.stdout.write(STATISTICS_HELP);
        code = 0;
      } else if (args.D) {
        code = await listInterfaces();
      } else if (args.v) {
        io.stdout.write(`${NAME} ${packageVersion()}\n`);
        code = 0;
      } else code = await runDissect(toOptions(args, liveCaptureFrom(args)), io);
    }
  } catch (error) {
    if (error instanceof UsageError) code = fail(io, error.message);
    else if (error instanceof Error && error.name === 'YError') code = fail(io, error.message);
    else throw error;
  }
  process.exitCode = code;
  return code;
}
