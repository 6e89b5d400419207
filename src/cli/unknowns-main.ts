import yargs from 'yargs';
import type { CliIo } from './cli-io.js';
import { parseFilterOption } from './filter-option.js';
import { filterSchemaOf } from './filter-schema.js';
import { registryFromOption } from './layouts-option.js';
import { optionalNumber, positiveInteger, type OptionMap } from './option-checks.js';
import { captureFiles, checkCharset, parseArguments, udpPortsFrom, withSharedOptions } from './options.js';
import { runUnknowns, type UnknownsArgs } from './unknowns-command.js';

const UNKNOWNS_OPTIONS = {
  T: { type: 'string', choices: ['table', 'json', 'csv', 'html'], default: 'table', describe: 'output format' },
  o: { alias: 'output', type: 'string', describe: 'write to this file instead of stdout' },
  Y: { alias: 'filter', type: 'string', describe: 'study only the PDUs this display filter keeps' },
  command: { type: 'string', describe: 'only this command (name or alias)' },
  field: { type: 'string', describe: 'only this field (X1, UNDESCRIBED, TRAILER ...)' },
  'min-count': { type: 'string', describe: 'only fields seen at least N times' },
  propose: { type: 'boolean', default: false, describe: 'write a proposed layout for each undescribed body (a --layouts file) instead of the report' },
} as const satisfies OptionMap;

/** `icq2-dissect unknowns FILE... [-T table|json|csv|html] [-o FILE] [-Y FILTER] [--command NAME] [--field NAME] [--min-count N]`. */
export async function runUnknownsCommand(argv: readonly string[], io: CliIo = process): Promise<number> {
  const unknowns = yargs([...argv])
    .scriptName('icq2-dissect unknowns')
    .usage(
      'Usage: icq2-dissect unknowns FILE...|- [-T table|json|csv|html] [-o FILE] [-Y FILTER] [--command NAME] [--field NAME] [--min-count N] [--propose] [--layouts FILE]\n\n' +
        'Studies the unknown fields of one capture or many: every X-field and every word of every undescribed body,\n' +
        'per command and direction, with its values and the pattern that explains them best.\n' +
        '-T html writes one self-contained page with a histogram and a plot over time per field: -T html -o study.html',
    )
    .options(UNKNOWNS_OPTIONS);
  const parser = withSharedOptions(unknowns);
  const args = parseArguments(parser, argv, UNKNOWNS_OPTIONS);
  if (args.h) {
    io.stdout.write((await parser.getHelp()) + '\n');
    return 0;
  }
  const files = captureFiles(args._.map(String), process.stdin.isTTY === true);
  const minCount = optionalNumber(args['min-count'], (text) => positiveInteger('--min-count', text));
  checkCharset(args.charset);
  const registry = registryFromOption(args.layouts);
  return runUnknowns({
    files,
    format: args.T as UnknownsArgs['format'],
    ...(args.o === undefined ? {} : { output: args.o }),
    filter: parseFilterOption(args.Y, filterSchemaOf(registry)),
    registry,
    propose: args.propose,
    charset: args.charset,
    udpPorts: udpPortsFrom(args.port),
    progress: args.progress,
    ...(args.command === undefined ? {} : { command: args.command }),
    ...(args.field === undefined ? {} : { field: args.field }),
    ...(minCount === undefined ? {} : { minCount }),
  }, io);
}
