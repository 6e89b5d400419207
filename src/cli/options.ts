import yargs, { type Argv } from 'yargs';
import { DUMPCAP, type LiveCaptureSpec } from '../capture/live-dumpcap.js';
import { TIME_MODES, type TimeMode } from '../format/time-column.js';
import { CAPTURE_FILE_FORMATS, type CaptureFileFormat } from '../writers/capture-encoder.js';
import { HELP_EPILOGUE } from './help.js';

/** Everything the dissect command needs, validated; a UsageError carries the one-line message. */

export type OutputFormat = 'table' | 'json' | 'ndjson' | 'fields' | 'csv';
export type ColorChoice = 'auto' | 'always' | 'never';

export interface CliOptions {
  /** The capture to read; with `live`, the name messages give the live capture. */
  file: string;
  /** -i: capture live through dumpcap instead of reading a file (src/cli/live-option.ts). */
  live: LiveCaptureSpec | undefined;
  verbose: boolean;
  hex: boolean;
  format: OutputFormat;
  fieldNames: string[];
  header: boolean | undefined;
  separator: string | undefined;
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
}

export class UsageError extends Error {}

export const DEFAULT_PORT = 4000;
const FORMATS: readonly OutputFormat[] = ['table', 'json', 'ndjson', 'fields', 'csv'];
const SEPARATOR_NAMES: Readonly<Record<string, string>> = { '/t': '\t', '/s': ' ' };

export function buildParser(argv: readonly string[]) {
  const parser = yargs([...argv])
    // yargs' own --version first off, so -v/--version is ours (tshark's -v prints the version).
    .version(false)
    .scriptName('icq2-dissect')
    .usage(
      'Usage: icq2-dissect [options] FILE|-\n       icq2-dissect [options] -i IFACE [-f FILTER] [-a duration:N]   (live, through dumpcap)\n       icq2-dissect flows FILE [--ladder] [-T json|mermaid] [--session N]\n' +
        '       icq2-dissect unknowns FILE... [-T table|json|csv|html] [--propose]   (icq2-dissect unknowns -h)\n\n' +
        'Dissects ICQ v2 (1998) traffic in a pcap/pcapng capture (gzip too); - reads stdin.',
    )
    .option('r', { alias: 'read', type: 'string', describe: 'capture file to read (or give it as FILE)' })
    .option('V', { alias: 'verbose', type: 'boolean', default: false, describe: 'full tree of every field' })
    .option('x', { alias: 'hex', type: 'boolean', default: false, describe: 'annotated hex dump after each PDU' })
    .option('T', { type: 'string', choices: FORMATS, default: 'table', describe: 'output format' })
    .option('e', { type: 'string', describe: 'field for -T fields/csv (repeatable)' })
    .option('E', { type: 'string', describe: 'header=y|n, separator=,|/t|/s|CHAR' })
    .option('Y', { alias: 'filter', type: 'string', describe: 'display filter (Wireshark\'s syntax), e.g. \'command == LOGIN && ip.src == 192.0.2.1\'' })
    .option('c', { type: 'number', describe: 'stop after N displayed PDUs' })
    .option('t', { type: 'string', choices: TIME_MODES, default: 'r', describe: 'time: a local, ad local with date, u UTC, ud UTC with date, e epoch, r since the first frame, d since the previous PDU, dd since the previous displayed' })
    .option('color', { type: 'string', choices: ['auto', 'always', 'never'], default: 'auto', describe: 'colour (auto: stdout is a terminal and NO_COLOR unset)' })
    .option('redact', { type: 'boolean', default: false, describe: 'mask PASSWORD and NEW_PASSWORD everywhere (in -w frames too)' })
    .option('w', { type: 'string', describe: 'write the frames of the displayed PDUs to FILE (- for stdout), as pcap or pcapng like the input; no list unless -P' })
    .option('F', { type: 'string', choices: CAPTURE_FILE_FORMATS, describe: 'file format for -w' })
    .option('P', { type: 'boolean', default: false, describe: 'print the PDU list while writing with -w' })
    .option('v', { alias: 'version', type: 'boolean', describe: 'print the version and exit' })
    .option('i', { alias: 'interface', type: 'string', describe: 'capture live on IFACE through dumpcap (repeatable; -D lists them)' })
    .option('f', { type: 'string', describe: "capture filter (BPF) for -i, e.g. 'udp port 4000'" })
    .option('a', { alias: 'autostop', type: 'string', describe: 'stop -i after duration:SECONDS or packets:N (repeatable)' })
    .option('D', { alias: 'list-interfaces', type: 'boolean', describe: 'list the interfaces dumpcap can capture on' })
    .option('q', { type: 'boolean', default: false, describe: 'no packet list: only the -z statistics' })
    .option('z', { type: 'string', describe: 'statistics after the list (repeatable): icq2,commands icq2,srt icq2,clients io,stat,INTERVAL[,FILTER...]; -z help' })
    .option('G', { type: 'string', describe: 'glossary: -G fields lists every name -Y and -e accept (tab-separated, as tshark -G fields)' })
    .epilogue(HELP_EPILOGUE);
  return withSharedOptions(parser);
}

/** --layouts FILE.json (src/cli/layouts-option.ts reads it). */
export const LAYOUTS_OPTION = { type: 'string', describe: 'JSON file of layouts tried before the built-in ones (docs/usage.md, Proposed layouts)' } as const;

/** The options and parser settings the dissect and flows commands share. */
export function withSharedOptions<T>(parser: Argv<T>) {
  return parser
    .option('charset', { type: 'string', default: 'windows-1252', describe: 'text encoding of strings (any TextDecoder label)' })
    .option('port', { type: 'number', describe: `UDP port of an ICQ server (repeatable; ${DEFAULT_PORT} always)` })
    .option('layouts', LAYOUTS_OPTION)
    .option('h', { alias: 'help', type: 'boolean', describe: 'show this help' })
    .version(false)
    .help(false)
    .strictOptions()
    .exitProcess(false)
    .wrap(null)
    .fail(failWith);
}

/** yargs' failure handler: its message becomes a UsageError (one line, exit 1). */
export function failWith(message: string | undefined, error: Error | undefined): never {
  throw error ?? new UsageError((message ?? 'bad usage').replace(/\s*\n\s*/g, ' '));
}

function parseSettings(settings: readonly string[]): { header: boolean | undefined; separator: string | undefined } {
  let header: boolean | undefined;
  let separator: string | undefined;
  for (const setting of settings) {
    const [key, value = ''] = setting.split(/=(.*)/s);
    if (key === 'header' && (value === 'y' || value === 'n')) header = value === 'y';
    else if (key === 'separator' && (SEPARATOR_NAMES[value] !== undefined || [...value].length === 1)) separator = SEPARATOR_NAMES[value] ?? value;
    else throw new UsageError(`-E ${setting}: expected header=y|n or separator=,|/t|/s|CHAR`);
  }
  return { header, separator };
}

/** Short options that take a value, in every command: tshark users type the value attached (-Tfields). */
const VALUE_OPTIONS = new Set(['T', 'e', 'E', 'Y', 'c', 't', 'r', 'o', 'i', 'f', 'a', 'w', 'F', 'z']);

/** `-Tfields` as `-T fields`, `-eframe` as `-e frame`: yargs would read -Tfields as the flags -T -f -i -e -l -d -s. */
export function splitAttachedValues(argv: readonly string[]): string[] {
  return argv.flatMap((arg) => (/^-[A-Za-z]./.test(arg) && VALUE_OPTIONS.has(arg[1]!) ? [arg.slice(0, 2), arg.slice(2)] : [arg]));
}

/** Repeatable options are plain (not yargs arrays, which would swallow the FILE after them): one value or several. */
export function all<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** The server's UDP ports: 4000 and every valid --port. */
export function udpPortsFrom(option: number | number[] | undefined): number[] {
  const ports = all(option);
  for (const port of ports) {
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`--port needs a port number 1-65535 (got ${port})`);
  }
  return [...new Set([DEFAULT_PORT, ...ports])];
}

export function checkCharset(label: string): void {
  try {
    new TextDecoder(label);
  } catch {
    throw new UsageError(`unknown charset '${label}'`);
  }
}

/** Options of the dissect command (`live` from liveCaptureFrom); throws UsageError with a one-line message. */
export function toOptions(args: ReturnType<ReturnType<typeof buildParser>['parseSync']>, live?: LiveCaptureSpec): CliOptions {
  const positional = args._.map(String);
  if (positional.length > 1) throw new UsageError(`one capture file only (got ${positional.join(', ')})`);
  if (args.r !== undefined && positional.length > 0) throw new UsageError('give the file either as FILE or with -r, not both');
  if (live && (args.r ?? positional[0]) !== undefined) throw new UsageError('-i captures live: give no capture file with it');
  const file = args.r ?? positional[0] ?? (live ? DUMPCAP : undefined);
  if (file === undefined || file === '') throw new UsageError('no capture file (give FILE, -r FILE, or - for stdin)');
  const format = args.T as OutputFormat;
  const fieldNames = all(args.e).map(String);
  if (fieldNames.length > 0 && format !== 'fields' && format !== 'csv') throw new UsageError('-e needs -T fields or -T csv');
  if ((args.V || args.x) && format !== 'table') throw new UsageError(`-V and -x show text; they do not combine with -T ${format}`);
  if (args.c !== undefined && (!Number.isInteger(args.c) || args.c < 1)) throw new UsageError(`-c needs a positive whole number (got ${args.c})`);
  checkCharset(args.charset);
  return {
    file,
    live,
    verbose: args.V,
    hex: args.x,
    format,
    fieldNames,
    ...parseSettings(all(args.E).map(String)),
    filter: args.Y,
    count: args.c,
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
    statistics: all(args.z).map(String),
  };
}
