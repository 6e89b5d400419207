import { CaptureError } from '../capture/record.js';
import { dissectCaptureBatches, type DissectCaptureOptions } from '../dissect/dissect-capture.js';
import type { DissectedPdu } from '../dissect/pdu.js';
import { evaluateFilter } from '../analysis/filter-eval.js';
import type { FilterNode } from '../analysis/filter-parse.js';
import { FrameTally } from '../analysis/frame-tally.js';
import { GrowableColumn } from '../analysis/growable-column.js';
import { LookaheadAnalysis } from '../analysis/lookahead-analysis.js';
import { SequenceAnalyzer } from '../analysis/sequence-analyzer.js';
import type { FlowSummary, SessionFrames, SessionSummary } from '../analysis/session-summary.js';
import type { CaptureInput } from '../capture/open.js';
import { IcqTraffic } from '../net/icq-traffic.js';
import type { CommandRegistry } from '../protocol/registry.js';
import { flowsTableSlices } from '../format/flows-table.js';
import { Ladder, LadderSteps, type LadderJson, type LadderStep } from '../format/ladder.js';
import { MermaidDiagram } from '../format/mermaid.js';
import { sessionTitle } from '../format/flow-label.js';
import { createStyle } from '../format/style.js';
import { reportCaptureError } from './capture-error.js';
import { withCaptureInputs } from './capture-inputs.js';
import { decideColor } from './color.js';
import { reportNoIcq } from './no-icq-report.js';
import type { ColorChoice } from './options.js';
import { reportAnalysisCapped, reportDropped, reportUnlisted } from './dropped-report.js';
import { OutputSink } from './output-sink.js';
import { progressFor, withProgress, type ProgressChoice } from './progress.js';
import type { CliIo } from './cli-io.js';

export interface FlowsArgs {
  /** The captures, read one after the other as one; "-" is standard input (spooled when it is read twice). */
  files: string[];
  json: boolean;
  ladder: boolean;
  mermaid: boolean;
  session?: number;
  charset: string;
  udpPorts: number[];
  /** The tables to read with (default: the built-in ones; --layouts). */
  registry?: CommandRegistry;
  /** --progress / --no-progress (each pass draws its own line). */
  progress?: ProgressChoice;
  /** -Y: only the PDUs it selects are counted, and make the sessions. */
  filter?: { node: FilterNode; needsAnalysis: boolean };
  /** -c: stop after this many selected PDUs. */
  count?: number;
  color?: ColorChoice;
  /** --wide: every column of the table. */
  wide?: boolean;
}

/** Something that draws one session from its PDUs: the ladder (text or JSON) or the Mermaid diagram. */
interface Diagram {
  add(d: DissectedPdu): void;
  /** The text of a text diagram, or the ladder's JSON value. */
  result(): string | LadderJson;
}

const NAME = 'icq2-dissect';

type ReadOptions = Pick<DissectCaptureOptions, 'charset' | 'udpPorts' | 'registry'> & Pick<FlowsArgs, 'progress'>;

/**
 * `icq2-dissect flows FILE...`: pass 1 finds the sessions of the selected PDUs and counts their frames;
 * the table and JSON need nothing more, the diagrams read the capture again (pass 2) for the PDUs of the
 * sessions they draw. A filter that names the analysis reads the capture once more, ahead of pass 1
 * (as the main command does). Returns the exit code.
 */
export async function runFlows(args: FlowsArgs, io: CliIo = process): Promise<number> {
  const options: ReadOptions = { charset: args.charset, udpPorts: args.udpPorts, progress: args.progress, ...(args.registry ? { registry: args.registry } : {}) };
  const drawn = args.mermaid || args.ladder;
  return withCaptureInputs(args.files, drawn || args.filter?.needsAnalysis === true, io.stderr, async (inputs) => {
    // Kept for the diagrams: what each PDU learns from later ones (the rest is worked out again as it is drawn).
    const analyzer = new SequenceAnalyzer({}, { keep: drawn ? 'forward' : 'none' });
    const traffic = new IcqTraffic({ udpPorts: args.udpPorts });
    const tally = new FrameTally((id) => analyzer.listed(id));
    // For pass 2: which PDUs of the capture (by their place in it) pass 1 counted.
    const selected = drawn ? new GrowableColumn((n) => new Int32Array(n), -1) : undefined;
    const failure = await readSelected(inputs, { ...options, traffic, onFrames: tally.records }, args, (d, place) => {
      analyzer.observe(d);
      tally.pdu(d, analyzer.lastSession);
      selected?.push(place);
    });
    const all = analyzer.finish();
    // Nothing was read: only the reason, no empty table.
    if (failure !== undefined && all.length === 0) throw failure;
    reportNoIcq(io.stderr, traffic);
    reportDropped(io.stderr, traffic);
    reportAnalysisCapped(io.stderr, { sessions: analyzer.evictedSessions, shownEarly: 0 });
    reportUnlisted(io.stderr, analyzer.unlistedSessions);
    const sessions = all.filter((s) => args.session === undefined || s.id === args.session);
    if (args.session !== undefined && sessions.length === 0) {
      io.stderr.write(`${NAME}: no session ${args.session} (the capture has ${all.length})\n`);
      return 1;
    }
    const sink = new OutputSink(io.stdout);
    const terminal = io.stdout.isTTY === true;
    if (drawn) await sink.write(await drawDiagrams(inputs, options, analyzer, selected!, pickDrawn(args, sessions, io), args.json));
    else if (args.json) await sink.write(JSON.stringify(sessions.map((s) => withFrames(s, tally.of(s))), null, 2) + '\n');
    else {
      const style = createStyle(decideColor(args.color ?? 'auto', process.env, terminal));
      const layout = { wide: args.wide === true, ...(terminal && io.stdout.columns ? { columns: io.stdout.columns } : {}) };
      for (const slice of flowsTableSlices(sessions.map((s) => withFrames(s, tally.of(s))), style, layout)) await sink.write(slice);
    }
    return failure === undefined ? 0 : reportCaptureError(io.stderr, failure);
  });
}

/** The summary with its frames after its PDUs and ICQ bytes (the JSON's order). */
function withFrames(session: SessionSummary, frames: SessionFrames): FlowSummary {
  const entries = Object.entries(session).flatMap(([key, value]) => (key === 'bytes' ? [[key, value], ...Object.entries(frames)] : [[key, value]]));
  return Object.fromEntries(entries) as FlowSummary;
}

/** Every session for the ladder; one for Mermaid (a file holds one diagram): the first unless --session says. */
function pickDrawn(args: FlowsArgs, sessions: SessionSummary[], io: CliIo): { sessions: SessionSummary[]; mermaid: boolean } {
  if (!args.mermaid) return { sessions, mermaid: false };
  if (sessions.length > 1) {
    io.stderr.write(`${NAME}: ${sessions.length} sessions; drawing session ${sessions[0]!.id} (choose with --session N)\n`);
  }
  return { sessions: sessions.slice(0, 1), mermaid: true };
}

/** Pass 2: the drawn sessions' PDUs (those pass 1 selected), annotated, each into its session's diagram. */
async function drawDiagrams(
  inputs: readonly CaptureInput[],
  options: ReadOptions,
  analyzer: SequenceAnalyzer,
  selected: GrowableColumn<Int32Array>,
  drawn: { sessions: SessionSummary[]; mermaid: boolean },
  json: boolean,
): Promise<string> {
  const diagrams = new Map(drawn.sessions.map((session) => [session.id, drawn.mermaid ? mermaidDiagram(session) : json ? ladderJson(session) : ladderText(session)]));
  const shown = new SequenceAnalyzer({}, { keep: 'current', figures: false });
  let next = 0;
  await readAll(inputs, options, (d, place) => {
    if (selected.get(next) !== place) return next < selected.length;
    next += 1;
    const ordinal = shown.observe(d);
    const target = diagrams.get(shown.sessionOf(ordinal) ?? 0);
    if (target) {
      shown.annotate(d, ordinal, analyzer);
      target.add(d);
    }
    analyzer.results.forget(ordinal + 1);
    return next < selected.length;
  });
  const results = [...diagrams.values()].map((diagram) => diagram.result());
  return json ? JSON.stringify(results, null, 2) + '\n' : results.join('\n');
}

/** A text diagram: its header, then its lines as the PDUs come. */
function textDiagram(header: string[], lines: (d: DissectedPdu) => string[]): Diagram {
  const text = [...header];
  return { add: (d) => text.push(...lines(d)), result: () => text.join('\n') + '\n' };
}

function ladderText(session: SessionSummary): Diagram {
  const ladder = new Ladder(session);
  return textDiagram(ladder.header(), (d) => ladder.lines(d));
}

function mermaidDiagram(session: SessionSummary): Diagram {
  const diagram = new MermaidDiagram(session);
  return textDiagram(diagram.header(), (d) => diagram.lines(d));
}

/** `--ladder -T json`: the ladder's steps as data. */
function ladderJson(session: SessionSummary): Diagram {
  const steps = new LadderSteps(session);
  const all: LadderStep[] = [];
  const { id, client, server } = session;
  return { add: (d) => all.push(...steps.of(d)), result: () => ({ session: id, title: sessionTitle(session), client, server, steps: all }) };
}

/**
 * Pass 1's PDUs: those the filter selects (annotated first when it names the analysis), up to the count.
 * `each` is told each with its place among all the capture's PDUs.
 */
async function readSelected(
  inputs: readonly CaptureInput[],
  options: ReadOptions & Pick<DissectCaptureOptions, 'traffic' | 'onFrames'>,
  args: Pick<FlowsArgs, 'filter' | 'count'>,
  each: (d: DissectedPdu, place: number) => void,
): Promise<CaptureError | undefined> {
  const { filter, count } = args;
  const { charset, udpPorts, registry } = options;
  const ahead = { charset, udpPorts, ...(registry ? { registry } : {}), depth: 'lean' } as const;
  const analysis = filter?.needsAnalysis ? new LookaheadAnalysis(dissectCaptureBatches(inputs, ahead)) : undefined;
  let counted = 0;
  try {
    return await readAll(inputs, options, (d, place) => {
      if (analysis) analysis.annotate(d, place);
      if (filter !== undefined && !evaluateFilter(filter.node, d.pdu)) return true;
      each(d, place);
      counted += 1;
      return counted !== count;
    }, analysis);
  } finally {
    await analysis?.close();
  }
}

/**
 * Every PDU of the captures in order with its place among them, while `each` returns true; a damaged
 * file ends the stream early and is returned, not thrown. With `analysis`, it reads ahead before each PDU.
 */
async function readAll(
  inputs: readonly CaptureInput[],
  { progress, ...options }: ReadOptions & Pick<DissectCaptureOptions, 'traffic' | 'onFrames'>,
  each: (d: DissectedPdu, place: number) => boolean,
  analysis?: LookaheadAnalysis,
): Promise<CaptureError | undefined> {
  let place = 0;
  try {
    const batches = withProgress(progressFor(progress, inputs), (hooks) => dissectCaptureBatches(inputs, { ...options, ...hooks, depth: 'lean' }));
    for await (const batch of batches) {
      for (const d of batch) {
        if (analysis && !analysis.ready(place)) await analysis.readAhead(place);
        if (!each(d, place++)) return undefined;
      }
    }
    return undefined;
  } catch (error) {
    if (error instanceof CaptureError) return error;
    throw error;
  }
}
