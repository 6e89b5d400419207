import yargs from 'yargs';
import type { CliIo } from './cli-io.js';
import { runFlows } from './flows-command.js';
import { registryFromOption } from './layouts-option.js';
import { optionalNumber, positiveInteger, type OptionMap } from './option-checks.js';
import { captureFiles, checkCharset, parseArguments, udpPortsFrom, withSharedOptions } from './options.js';

const FLOWS_OPTIONS = {
  ladder: { type: 'boolean', default: false, describe: 'text sequence diagram (client | server)' },
  T: { type: 'string', choices: ['table', 'json', 'mermaid'], default: 'table', describe: 'output format' },
  session: { type: 'string', describe: 'only session N' },
} as const satisfies OptionMap;

/** `icq2-dissect flows FILE... [--ladder] [-T json|mermaid] [--session N]`: options for runFlows. */
export async function runFlowsCommand(argv: readonly string[], io: CliIo = process): Promise<number> {
  const flows = yargs([...argv])
    .scriptName('icq2-dissect flows')
    .usage(
      'Usage: icq2-dissect flows FILE...|- [--ladder] [-T json|mermaid] [--session N]\n\n' +
        'Sessions of the captures (read one after the other as one): one per client conversation with the server, one per peer TCP connection.',
    )
    .options(FLOWS_OPTIONS);
  const parser = withSharedOptions(flows);
  const args = parseArguments(parser, argv, FLOWS_OPTIONS);
  if (args.h) {
    io.stdout.write((await parser.getHelp()) + '\n');
    return 0;
  }
  checkCharset(args.charset);
  const session = optionalNumber(args.session, (text) => positiveInteger('--session', text));
  return runFlows({
    files: captureFiles(args._.map(String), process.stdin.isTTY === true),
    json: args.T === 'json',
    ladder: args.ladder,
    mermaid: args.T === 'mermaid',
    ...(session === undefined ? {} : { session }),
    charset: args.charset,
    udpPorts: udpPortsFrom(args.port),
    registry: registryFromOption(args.layouts),
  }, io);
}
