import { CaptureError } from '../capture/record.js';
import { dissectCaptureBatches } from '../dissect/dissect-capture.js';
import type { DissectedPdu } from '../dissect/pdu.js';
import { SequenceAnalyzer } from '../analysis/sequence-analyzer.js';
import type { SessionSummary } from '../analysis/session-summary.js';
import type { CaptureInput } from '../capture/open.js';
import { IcqTraffic } from '../net/icq-traffic.js';
import type { CommandRegistry } from '../protocol/registry.js';
import { flowsTableSlices } from '../format/flows-table.js';
import { Ladder } from '../format/ladder.js';
import { MermaidDiagram } from '../format/mermaid.js';
import { createStyle } from '../format/style.js';
import { reportCaptureError } from './capture-error.js';
import { withCaptureInputs } from './capture-inputs.js';
import { decideColor } from './color.js';
import { reportNoIcq } from './no-icq-report.js';
import { OutputSink } from './output-sink.js';
import type { CliIo } from './cli-io.js';

export interface FlowsArgs {
  /** The captures, read one after the other as one; "-" is standard input (spooled when the diagrams read it twice). */
  files: string[];
  json: boolean;
  ladder: boolean;
  mermaid: boolean;
  session?: number;
  charset: string;
  udpPorts: number[];
  /** The tables to read with (default: the built-in ones; --layouts). */
  registry?: CommandRegistry;
}

/** Something that draws one session from its PDUs: the ladder or the Mermaid diagram. */
interface Diagram {
  header(): string[];
  lines(d: DissectedPdu): string[];
}

const NAME = 'icq2-dissect';

type ReadOptions = Pick<FlowsArgs, 'charset' | 'udpPorts' | 'registry'>;

/**
 * `icq2-dissect flows FILE...`: pass 1 finds the sessions; the table and JSON need nothing more, the
 * diagrams read the capture again (pass 2) for the PDUs of the sessions they draw. Returns the exit code.
 */
export async function runFlows(args: FlowsArgs, io: CliIo = process): Promise<number> {
  const options: ReadOptions = { charset: args.charset, udpPorts: args.udpPorts, ...(args.registry ? { registry: args.registry } : {}) };
  const drawn = args.mermaid || args.ladder;
  return withCaptureInputs(args.files, drawn, io.stderr, async (inputs) => {
    // Kept for the diagrams: what each PDU learns from later ones (the rest is worked out again as it is drawn).
    const analyzer = new SequenceAnalyzer({}, { keep: drawn ? 'forward' : 'none' });
    const traffic = new IcqTraffic({ udpPorts: args.udpPorts });
    const failure = await readAll(inputs, { ...options, traffic }, (d) => analyzer.observe(d));
    const all = analyzer.finish();
    // Nothing was read: only the reason, no empty table.
    if (failure !== undefined && all.length === 0) throw failure;
    reportNoIcq(io.stderr, traffic);
    const sessions = all.filter((s) => args.session === undefined || s.id === args.session);
    if (args.session !== undefined && sessions.length === 0) {
      io.stderr.write(`${NAME}: no session ${args.session} (the capture has ${all.length})\n`);
      return 1;
    }
    const sink = new OutputSink(io.stdout);
    if (args.json) await sink.write(JSON.stringify(sessions, null, 2) + '\n');
    else if (drawn) await sink.write(await drawDiagrams(inputs, options, analyzer, pickDrawn(args, sessions, io)));
    else for (const slice of flowsTableSlices(sessions, createStyle(decideColor('auto', process.env, io.stdout.isTTY === true)))) await sink.write(slice);
    return failure === undefined ? 0 : reportCaptureError(io.stderr, failure);
  });
}

/** Every session for the ladder; one for Mermaid (a file holds one diagram): the first unless --session says. */
function pickDrawn(args: FlowsArgs, sessions: SessionSummary[], io: CliIo): { sessions: SessionSummary[]; mermaid: boolean } {
  if (!args.mermaid) return { sessions, mermaid: false };
  if (sessions.length > 1) {
    io.stderr.write(`${NAME}: ${sessions.length} sessions; drawing session ${sessions[0]!.id} (choose with --session N)\n`);
  }
  return { sessions: sessions.slice(0, 1), mermaid: true };
}

/** Pass 2: the drawn sessions' PDUs, annotated, each into its session's diagram. */
async function drawDiagrams(
  inputs: readonly CaptureInput[],
  options: ReadOptions,
  analyzer: SequenceAnalyzer,
  drawn: { sessions: SessionSummary[]; mermaid: boolean },
): Promise<string> {
  const diagrams = new Map<number, { diagram: Diagram; lines: string[] }>();
  for (const session of drawn.sessions) {
    const diagram: Diagram = drawn.mermaid ? new MermaidDiagram(session) : ladderDiagram(new Ladder(session));
    diagrams.set(session.id, { diagram, lines: diagram.header() });
  }
  const shown = new SequenceAnalyzer({}, { keep: 'current', figures: false });
  await readAll(inputs, options, (d) => {
    const ordinal = shown.observe(d);
    const target = diagrams.get(shown.sessionOf(ordinal) ?? 0);
    if (target) {
      shown.annotate(d, ordinal, analyzer);
      target.lines.push(...target.diagram.lines(d));
    }
    analyzer.results.forget(ordinal + 1);
  });
  return [...diagrams.values()].map(({ lines }) => lines.join('\n') + '\n').join('\n');
}

function ladderDiagram(ladder: Ladder): Diagram {
  return { header: () => ladder.header(), lines: (d) => [ladder.line(d)] };
}

/** Every PDU of the captures in order; a damaged file ends the stream early and is returned, not thrown. */
async function readAll(
  inputs: readonly CaptureInput[],
  options: ReadOptions & { traffic?: IcqTraffic },
  each: (d: DissectedPdu) => void,
): Promise<CaptureError | undefined> {
  try {
    for await (const batch of dissectCaptureBatches(inputs, { ...options, depth: 'lean' })) batch.forEach(each);
    return undefined;
  } catch (error) {
    if (error instanceof CaptureError) return error;
    throw error;
  }
}
