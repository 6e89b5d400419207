import yargs from 'yargs';
import { runFlows } from './flows-command.js';
import { registryFromOption } from './layouts-option.js';
import { checkCharset, udpPortsFrom, UsageError, withSharedOptions } from './options.js';

/** `icq2-dissect flows FILE [--ladder] [-T json|mermaid] [--session N]`: options for runFlows. */
export async function runFlowsCommand(argv: readonly string[]): Promise<number> {
  const flows = yargs([...argv])
    .scriptName('icq2-dissect flows')
    .usage('Usage: icq2-dissect flows FILE|- [--ladder] [-T json|mermaid] [--session N]\n\nSessions of the capture: one per client conversation with the server, one per peer TCP connection.')
    .option('ladder', { type: 'boolean', default: false, describe: 'text sequence diagram (client | server)' })
    .option('T', { type: 'string', choices: ['table', 'json', 'mermaid'], default: 'table', describe: 'output format' })
    .option('session', { type: 'number', describe: 'only session N' });
  const parser = withSharedOptions(flows);
  const args = parser.parseSync();
  if (args.h) {
    process.stdout.write((await parser.getHelp()) + '\n');
    return 0;
  }
  const [file, ...extra] = args._.map(String);
  if (file === undefined || extra.length > 0) throw new UsageError('flows needs exactly one capture file (or - for stdin)');
  checkCharset(args.charset);
  const registry = registryFromOption(args.layouts);
  return runFlows({
    file,
    json: args.T === 'json',
    ladder: args.ladder,
    mermaid: args.T === 'mermaid',
    ...(args.session === undefined ? {} : { session: args.session }),
    charset: args.charset,
    udpPorts: udpPortsFrom(args.port),
    registry,
  });
}
