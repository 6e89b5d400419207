import yargs from 'yargs';
import { mentionsAnalysis } from '../analysis/filter-values.js';
import type { CliIo } from './cli-io.js';
import { runFlows } from './flows-command.js';
import { parseFilterOption } from './filter-option.js';
import { filterSchemaOf } from './filter-schema.js';
import { registryFromOption } from './layouts-option.js';
import { optionalNumber, positiveInteger, type OptionMap } from './option-checks.js';
import { captureFiles, checkCharset, DISSECT_OPTIONS, namedCaptures, parseArguments, udpPortsFrom, UsageError, withSharedOptions, type ColorChoice } from './options.js';

export const FLOWS_USAGE = 'icq2-dissect flows FILE...|- [-Y FILTER] [-c N] [--wide] [--ladder] [-T json|mermaid] [--session N]';

/** The main command's -r, -Y, -c and --color, read the same way; -Y and -c say what they select here. */
const FLOWS_OPTIONS = {
  r: DISSECT_OPTIONS.r,
  Y: { ...DISSECT_OPTIONS.Y, describe: "count only the PDUs this display filter selects (Wireshark's syntax): the sessions are made of them" },
  c: { ...DISSECT_OPTIONS.c, describe: 'stop after N PDUs (of those -Y selects)' },
  color: DISSECT_OPTIONS.color,
  wide: { type: 'boolean', default: false, describe: 'every column of the table (by default the ones read first, fitted to the terminal)' },
  ladder: { type: 'boolean', default: false, describe: 'text sequence diagram (client | server); with -T json, its steps as JSON' },
  T: { type: 'string', choices: ['table', 'json', 'mermaid'], default: 'table', describe: 'output format' },
  session: { type: 'string', describe: 'only session N' },
} as const satisfies OptionMap;

/** `icq2-dissect flows FILE... [options]`: options for runFlows. */
export async function runFlowsCommand(argv: readonly string[], io: CliIo = process): Promise<number> {
  const flows = yargs([...argv])
    .scriptName('icq2-dissect flows')
    .usage(
      `Usage: ${FLOWS_USAGE}\n\n` +
        'Sessions of the captures (read one after the other as one): one per client conversation with the server, one per peer TCP connection.\n' +
        'PDUs and ICQ bytes count the ICQ messages; Frames and Bytes count the frames on the wire, as tshark -z conv,udp / -z conv,tcp\n' +
        '(a TCP session: every frame of its connection, the handshake and bare ACKs too).',
    )
    .options(FLOWS_OPTIONS);
  const parser = withSharedOptions(flows);
  const args = parseArguments(parser, argv, FLOWS_OPTIONS);
  if (args.h) {
    io.stdout.write((await parser.getHelp()) + '\n');
    return 0;
  }
  checkCharset(args.charset);
  if (args.ladder && args.T === 'mermaid') throw new UsageError('--ladder and -T mermaid are two diagrams: give one');
  if (args.wide && (args.ladder || args.T !== 'table')) throw new UsageError('--wide widens the table: it does not combine with --ladder or -T json|mermaid');
  const session = optionalNumber(args.session, (text) => positiveInteger('--session', text));
  const count = optionalNumber(args.c, (text) => positiveInteger('-c', text));
  const registry = registryFromOption(args.layouts);
  const filter = parseFilterOption(args.Y, filterSchemaOf(registry));
  return runFlows({
    files: captureFiles(namedCaptures(args.r, args._), process.stdin.isTTY === true),
    json: args.T === 'json',
    ladder: args.ladder,
    mermaid: args.T === 'mermaid',
    ...(session === undefined ? {} : { session }),
    ...(count === undefined ? {} : { count }),
    ...(filter === undefined ? {} : { filter: { node: filter, needsAnalysis: mentionsAnalysis(args.Y ?? '') } }),
    color: args.color as ColorChoice,
    wide: args.wide,
    charset: args.charset,
    udpPorts: udpPortsFrom(args.port),
    progress: args.progress,
    registry,
  }, io);
}
