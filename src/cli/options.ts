import yargs, { type Argv } from 'yargs';
import type { LiveCaptureSpec } from '../capture/live-dumpcap.js';
import type { FieldsSettings } from '../format/fields-printer.js';
import { TIME_MODES, type TimeMode } from '../format/time-column.js';
import { CAPTURE_FILE_FORMATS, type CaptureFileFormat } from '../writers/capture-encoder.js';
import { fieldsSettingsFrom } from './fields-option.js';
import { HELP_EPILOGUE } from './help.js';
import { checkArguments, optionalNumber, portNumber, positiveInteger, type OptionMap } from './option-checks.js';
import type { ProgressChoice } from './progress.js';
import { UsageError } from './usage-error.js';

export { UsageError };

/** Everything the dissect command needs, validated; a UsageError carries the one-line message. */

export type OutputFormat = 'table' | 'tabs' | 'json' | 'ndjson' | 'fields' | 'csv';
export type ColorChoice = 'auto' | 'always' | 'never';

export interface CliOptions {
  /** The captures in the order given, read as one (frame numbers continue); '-' is standard input; none with `live`. */
  files: string[];
  /** -i: capture live through dumpcap instead of reading a file (src/cli/live-option.ts). */
  live: LiveCaptureSpec | undefined;
  verbose: boolean;
  hex: boolean;
  format: OutputFormat;
  fieldNames: string[];
  /** -E: how -T fields and -T csv lay out their values. */
  fields: FieldsSettings;
  filter: string | undefined;
  count: number | undefined;
  timeMode: TimeMode;
  charset: string;
  udpPorts: number[];
  color: ColorChoice;
  redact: boolean;
  /** --layouts FILE.json: layouts to try first (read by src/cli/layouts-option.ts). */
  layouts: string | undefined;
  /** -w FILE|-, -F, -P: the capture to write, its format, the list printed too (src/cli/write-option.ts). */
  write: string | undefined;
  writeFormat: CaptureFileFormat | undefined;
  print: boolean;
  /** -q: no packet list (the -z statistics only). */
  quiet: boolean;
  /** -z values, in the order given (src/cli/stats-option.ts reads them). */
  statistics: string[];
  /** --progress, --no-progress, or neither (src/cli/progress.ts decides). */
  progress: ProgressChoice;
  /** -2 / --no-2: the analysis in two passes or one; undefined: as src/cli/analysis-mode.ts decides by the input. */
  twoPass: boolean | undefined;
}

export const DEFAULT_PORT = 4000;
const FORMATS: readonly OutputFormat[] = ['table', 'tabs', 'json', 'ndjson', 'fields', 'csv'];

export const USAGE_LINE = 'Usage: icq2-dissect [options] FILE...|-';

/**
 * The dissect command's options. Numbers are declared as text and read by src/cli/option-checks.ts, so a
 * bad one is named as typed; every option is declared here once, for yargs and for checkArguments.
 */
export const DISSECT_OPTIONS = {
  r: { alias: 'read', type: 'string', describe: 'capture file to read (repeatable; or give them as FILE...)' },
  V: { alias: 'verbose', type: 'boolean', default: false, describe: 'full tree of every field' },
  x: { alias: 'hex', type: 'boolean', default: false, describe: "the frame's bytes after each PDU (as tshark -x), the PDU marked, with a legend" },
  T: { type: 'string', choices: FORMATS, default: 'table', describe: 'output format (tabs: the list tab-separated, for scripts)' },
  e: { type: 'string', describe: 'field for -T fields/csv (repeatable)' },
  E: { type: 'string', describe: 'header=y|n, separator=/t|/s|CHAR, occurrence=f|l|a, aggregator=,|/s|CHAR, quote=d|s|n, bom=y|n (one per -E)' },
  Y: { alias: 'filter', type: 'string', describe: 'display filter (Wireshark\'s syntax), e.g. \'command == LOGIN && ip.src == 192.0.2.1\'' },
  c: { type: 'string', describe: 'stop after N displayed PDUs' },
  t: { type: 'string', choices: TIME_MODES, default: 'r', describe: 'time: a local, ad local with date, u UTC, ud UTC with date, e epoch, r since the first frame, d since the frame before, dd since the previous displayed PDU (as tshark)' },
  color: { type: 'string', choices: ['auto', 'always', 'never'], default: 'auto', describe: 'colour (auto: stdout is a terminal and NO_COLOR unset)' },
  redact: { type: 'boolean', default: false, describe: 'mask PASSWORD and NEW_PASSWORD everywhere (in -w frames too)' },
  w: { type: 'string', describe: 'write the frames of the displayed PDUs to FILE (- for stdout), as pcap or pcapng like the input; no list unless -P' },
  F: { type: 'string', choices: CAPTURE_FILE_FORMATS, describe: 'file format for -w' },
  P: { type: 'boolean', default: false, describe: 'print the PDU list while writing with -w' },
  v: { alias: 'version', type: 'boolean', describe: 'print the version and exit' },
  i: { alias: 'interface', type: 'string', describe: 'capture live on IFACE through dumpcap (repeatable; -D lists them)' },
  f: { type: 'string', describe: "capture filter (BPF) for -i, e.g. 'udp port 4000'" },
  a: { alias: 'autostop', type: 'string', describe: 'stop -i after duration:SECONDS or packets:N (repeatable)' },
  D: { alias: 'list-interfaces', type: 'boolean', describe: 'list the interfaces dumpcap can capture on' },
  q: { type: 'boolean', default: false, describe: 'no packet list: only the -z statistics' },
  z: { type: 'string', describe: 'statistics after the list (repeatable): icq2,commands icq2,srt icq2,clients io,stat,INTERVAL[,FILTER...]; -z help' },
  2: { alias: 'two-pass', type: 'boolean', describe: 'two passes, as tshark -2: the list shows the marks later packets bring ([no ACK], [gap 3-4]); default for capture files, not stdin, pipes or -i; --no-2 one pass' },
  G: { type: 'string', describe: 'glossary: -G fields, every name -Y and -e accept; -G values, every named value (tab-separated, as tshark -G)' },
} as const satisfies OptionMap;

export function buildParser(argv: readonly string[]) {
  const parser = yargs([...argv])
    // yargs' own --version off before ours is declared: -v/--version prints our version (as tshark -v).
    .version(false)
    .scriptName('icq2-dissect')
    .usage(
      `${USAGE_LINE}\n       icq2-dissect [options] -i IFACE [-f FILTER] [-a duration:N]   (live, through dumpcap)\n` +
        '       icq2-dissect flows FILE...|- [-Y FILTER] [-c N] [--wide] [--ladder] [-T json|mermaid] [--session N]   (icq2-dissect flows -h)\n' +
        '       icq2-dissect unknowns FILE...|- [-T table|json|csv|html] [--propose]   (icq2-dissect unknowns -h)\n\n' +
        'Dissects ICQ v2 (1998) traffic in pcap/pcapng captures (gzip too), read one after the other as one;\n' +
        '- or no FILE reads standard input. Named pipes and <(process substitution) work too.',
    )
    .options(DISSECT_OPTIONS)
    .epilogue(HELP_EPILOGUE);
  return withSharedOptions(parser);
}

/** --layouts FILE.json (src/cli/layouts-option.ts reads it). */
export const LAYOUTS_OPTION = { type: 'string', describe: 'JSON file of layouts tried before the built-in ones (docs/usage.md, Proposed layouts)' } as const;

/** The options every command that reads captures has. */
export const SHARED_OPTIONS = {
  charset: { type: 'string', default: 'windows-1252', describe: 'text encoding of strings (any TextDecoder label)' },
  port: { type: 'string', describe: `UDP port of an ICQ server (repeatable; ${DEFAULT_PORT} always)` },
  layouts: LAYOUTS_OPTION,
  progress: { type: 'boolean', describe: 'progress line on stderr (default: when stderr is a terminal and the output a file or /dev/null); --no-progress: never' },
  h: { alias: 'help', type: 'boolean', describe: 'show this help' },
} as const satisfies OptionMap;

/** The options and parser settings the dissect and flows commands share. */
export function withSharedOptions<T>(parser: Argv<T>) {
  return parser
    .options(SHARED_OPTIONS)
    .version(false)
    .help(false)
    .strictOptions()
    .exitProcess(false)
    .wrap(null)
    .fail(failWith);
}

/** Checks `argv` against a command's own options and the shared ones (one line naming what is wrong), then parses it. */
export function parseArguments<T>(parser: Argv<T>, argv: readonly string[], own: OptionMap) {
  return parser.parseSync(checkArguments(argv, { ...own, ...SHARED_OPTIONS }));
}

/** yargs' failure handler: its message becomes a UsageError (one line, exit 1). */
export function failWith(message: string | undefined, error: Error | undefined): never {
  throw error ?? new UsageError((message ?? 'bad usage').replace(/\s*\n\s*/g, ' '));
}

/** Short options that take a value, in every command: tshark users type the value attached (-Tfields). */
const VALUE_OPTIONS = new Set(['T', 'e', 'E', 'Y', 'c', 't', 'r', 'o', 'G', 'i', 'f', 'a', 'w', 'F', 'z']);

/** `-Tfields` as `-T fields`, `-eframe` as `-e frame`: yargs would read -Tfields as the flags -T -f -i -e -l -d -s. */
export function splitAttachedValues(argv: readonly string[]): string[] {
  return argv.flatMap((arg) => (/^-[A-Za-z]./.test(arg) && VALUE_OPTIONS.has(arg[1]!) ? [arg.slice(0, 2), arg.slice(2)] : [arg]));
}

/** Repeatable options are plain (not yargs arrays, which would swallow the FILE after them): one value or several. */
export function all<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** The server's UDP ports: 4000 and every --port. */
export function udpPortsFrom(option: string | string[] | undefined): number[] {
  return [...new Set([DEFAULT_PORT, ...all(option).map((text) => portNumber('--port', text))])];
}

export function checkCharset(label: string): void {
  try {
    new TextDecoder(label);
  } catch {
    throw new UsageError(`unknown charset '${label}'`);
  }
}

/**
 * The captures to read: FILE arguments (or -r FILE, repeatable), in the order given; none named reads
 * standard input when it is not a terminal (something is piped in), and is a usage error on a terminal.
 */
export function captureFiles(named: readonly string[], stdinIsTTY: boolean): string[] {
  if (named.some((file) => file === '')) throw new UsageError('an empty capture file name');
  if (named.filter((file) => file === '-').length > 1) throw new UsageError('standard input (-) can be read only once');
  if (named.length > 0) return [...named];
  if (!stdinIsTTY) return ['-'];
  throw new UsageError(`no capture file; ${USAGE_LINE} (or pipe a capture in; -h for help)`);
}

/** The captures named with -r FILE (repeatable) or as FILE... arguments: one way or the other, not both. */
export function namedCaptures(read: string | string[] | undefined, positional: readonly (string | number)[]): string[] {
  const files = all(read);
  if (files.length > 0 && positional.length > 0) throw new UsageError('give the files either as FILE... or with -r, not both');
  return [...files, ...positional.map(String)];
}

/** Options of the dissect command (`live` from liveCaptureFrom); throws UsageError with a one-line message. */
export function toOptions(
  args: ReturnType<ReturnType<typeof buildParser>['parseSync']>,
  live?: LiveCaptureSpec,
  stdinIsTTY = process.stdin.isTTY === true,
): CliOptions {
  const named = namedCaptures(args.r, args._);
  if (live && named.length > 0) throw new UsageError('-i captures live: give no capture file with it');
  const format = args.T as OutputFormat;
  const fieldNames = all(args.e).map(String);
  if (fieldNames.length > 0 && format !== 'fields' && format !== 'csv') throw new UsageError('-e needs -T fields or -T csv');
  if ((args.V || args.x) && format !== 'table') throw new UsageError(`-V and -x show text; they do not combine with -T ${format}`);
  checkCharset(args.charset);
  return {
    files: live ? [] : captureFiles(named, stdinIsTTY),
    live,
    verbose: args.V,
    hex: args.x,
    format,
    fieldNames,
    fields: fieldsSettingsFrom(all(args.E).map(String), format === 'csv'),
    filter: args.Y,
    count: optionalNumber(args.c, (text) => positiveInteger('-c', text)),
    timeMode: args.t as TimeMode,
    charset: args.charset,
    udpPorts: udpPortsFrom(args.port),
    color: args.color as ColorChoice,
    redact: args.redact,
    layouts: args.layouts,
    write: args.w,
    writeFormat: args.F as CaptureFileFormat | undefined,
    print: args.P,
    quiet: args.q,
    progress: args.progress,
    statistics: all(args.z).map(String),
    twoPass: args['2'],
  };
}
