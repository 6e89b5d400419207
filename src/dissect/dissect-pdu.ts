import type { TransportPayload } from '../net/payload.js';
import { OTHER_ICQ_VERSIONS, PROTOCOL_VERSION, SERVER_HEADER } from '../protocol/headers.js';
import { NOT_ICQ_BODY, NOT_V2_BODY, TOO_SHORT, TRAILING, UNKNOWN_BODY } from '../protocol/leftovers.js';
import { CHANNEL_INIT, CHANNEL_INIT_CODE, PEER_HEADER } from '../protocol/peer-commands.js';
import { BUILTIN_REGISTRY, type CommandRegistry } from '../protocol/registry.js';
import type { ClientVariant } from '../protocol/client-variants.js';
import type { CommandTable, Direction, FieldSpec } from '../protocol/types.js';
import { documentReading, readingIn, type Reading } from '../protocol/variant-tables.js';
import { chooseLayout } from './choose-layout.js';
import { checkCommand } from './field-checks.js';
import type { CommandRef, DissectedPdu, Field, Note, Pdu } from './pdu.js';
import type { ClientVariantChoice } from './variant-choice.js';
import { walkFields, type Value, type WalkContext, type WalkDepth } from './walk.js';
import { CaptureClock } from './time.js';
import { note } from '../net/note-kinds.js';
import { endpointText } from './endpoint-text.js';
import { plural } from '../protocol/plural.js';

export interface DissectOptions {
  decoder: TextDecoder;
  /** `lean` for outputs that show no field tree (default `full`: the JSON contract's plain objects). */
  depth?: WalkDepth;
  /** UDP ports of the server (default 4000): a packet from one is server -> client. */
  serverPorts: ReadonlySet<number>;
  /** Told where a client listens for peer TCP (LOGIN, USER_ONLINE), so later connections are recognised. */
  onPeerAnnounced?: (ip: string, port: number) => void;
  /** Which client variant reads each session (absent: every packet in the document's byte orders). */
  variants?: ClientVariantChoice;
  /** The command tables to read with (default: the built-in ones; --layouts loads more on top). */
  registry?: CommandRegistry;
  /** Where time.relative, time.delta and -t d count from (default: each PDU from itself). */
  clock?: CaptureClock;
}

interface Decoded {
  direction: Direction;
  table: CommandTable | undefined;
  code: number | null;
  version: number | null;
  fields: Field[];
  notes: Note[];
  values: Map<string, Value>;
  layout?: string;
  /** The client variant that read it, when not the document's. */
  variant?: string;
}



/** Dissects one ICQ PDU. Never throws on malformed bytes: what cannot be read is shown and noted. */
export function dissectPayload(payload: TransportPayload, opts: DissectOptions): DissectedPdu {
  const src = endpointText(payload.src);
  const dst = endpointText(payload.dst);
  const decoded = payload.transport === 'tcp' ? decodePeer(payload, opts) : decodeUdp(payload, opts, src, dst);
  const notes: Note[] = payload.notes.length === 0 ? decoded.notes : [...payload.notes, ...decoded.notes];
  if (payload.truncated) notes.push(note('snap-cut', `frame cut by the snap length: ${payload.bytes.length} bytes captured`));
  const command = decoded.code === null ? null : commandRef(decoded.code, decoded.table);
  // The sender's UIN from the header (top level: a contact's UIN is nested and must not be taken for it).
  const uinName = command?.code === CHANNEL_INIT_CODE && decoded.direction === 'peer-to-peer' ? 'MY_UIN' : 'UIN';
  const uin = decoded.fields.find((f) => f.name === uinName)?.value;
  const seq = decoded.values.get('SEQ_NUM');
  const clock = opts.clock ?? new CaptureClock();
  // Keys in the JSON schema's order. One rule (docs/pdu.schema.json): a key that does not apply is absent;
  // null only where it applies but the bytes could not give it (a header cut short, another version's).
  const pdu = {
    frame: payload.frame,
    frames: payload.frames,
    time: clock.time(payload.time),
    transport: payload.transport,
    src,
    dst,
    direction: decoded.direction,
    length: payload.bytes.length,
    version: decoded.version,
    command,
  } as Pdu;
  if (payload.transport === 'udp') pdu.seq = typeof seq === 'number' ? seq : null;
  if (decoded.direction !== 'server-to-client') pdu.uin = typeof uin === 'number' ? uin : null;
  if (decoded.layout) pdu.layout = decoded.layout;
  if (decoded.variant) pdu.variant = decoded.variant;
  if (payload.stream !== undefined) pdu.stream = payload.stream;
  pdu.fields = decoded.fields;
  pdu.notes = notes;
  if (decoded.table?.announces && opts.onPeerAnnounced) {
    for (const a of decoded.table.announces) {
      const ip = a.ip === 'src' ? payload.src.ip : decoded.values.get(a.ip);
      const port = decoded.values.get(a.port);
      if (typeof ip === 'string' && typeof port === 'number') opts.onPeerAnnounced(ip, port & 0xffff);
    }
  }
  const dissected: DissectedPdu = { pdu, bytes: payload.bytes, timestamp: payload.time, start: clock.start ?? payload.time, previousFrame: clock.previousFrame(payload.time) };
  if (payload.tcpSeq !== undefined) dissected.tcpSeq = payload.tcpSeq;
  if (payload.parts && payload.parts.length > 1) dissected.parts = payload.parts;
  if (payload.completing) dissected.completing = payload.completing;
  return dissected;
}

function commandRef(code: number, table: CommandTable | undefined): Pdu['command'] {
  if (!table) return { code, name: null };
  const ref: CommandRef = { code, name: table.name };
  if (table.aliases) ref.aliases = table.aliases.map((a) => a.name);
  if (table.source !== 'document') ref.source = table.source;
  return ref;
}

const registryOf = (opts: DissectOptions): CommandRegistry => opts.registry ?? BUILTIN_REGISTRY;

function context(payload: TransportPayload, opts: DissectOptions, direction: Direction): WalkContext {
  const { bytes } = payload;
  // Names of command codes in the PDU's direction (COMMAND fields of server packets name client commands).
  const commandName = registryOf(opts).commandNamer(direction);
  return { depth: opts.depth ?? 'full', bytes, decoder: opts.decoder, commandName, values: new Map(), notes: [], sourcePort: payload.src.port };
}

/** Header, then the command's best layout, then anything left over: every byte lands in a field. */
function decodeWith(payload: TransportPayload, opts: DissectOptions, direction: Direction, { header, table }: Reading, code: number): Decoded {
  const { bytes } = payload;
  const ctx = context(payload, opts, direction);
  const head = walkFields(header, ctx, 0, bytes.length);
  const fields = [...head.fields];
  let layout: string | undefined;
  let end = head.end;
  if (head.ok && table) {
    const chosen = chooseLayout(table, ctx, head.end);
    fields.push(...chosen.fields);
    ctx.notes.push(...chosen.notes);
    ctx.values = chosen.values;
    end = chosen.end;
    for (const misfit of chosen.misfits ?? []) {
      if (misfit.layout !== chosen.layout) ctx.notes.push(note('layout-misfit', `loaded layout ${misfit.layout.name} does not fit: ${misfit.reason}`));
    }
    if (table.layouts.length > 1 || chosen.layout.loaded) {
      layout = chosen.layout.name;
      if (layout !== 'document' || chosen.layout.loaded) ctx.notes.push(note('layout-variant', `layout variant used: ${layout} (${chosen.layout.source})`));
    }
    for (const quirk of chosen.layout.quirks ?? []) {
      const marked = chosen.fields.find((f) => f.name === quirk.field);
      if (marked && marked.length > 0 && bytes[marked.offset] === quirk.firstByte) {
        ctx.notes.push(note('quirk', quirk.note, quirk.field));
      }
    }
    if (table.checks) checkCommand(table.checks, ctx.values, ctx.notes);
  } else if (head.ok) {
    ctx.notes.push(note('unknown-command', `unknown command 0x${code.toString(16).padStart(4, '0')} in ${direction}: body shown as unknown bytes`));
    const rest = walkFields([UNKNOWN_BODY], ctx, head.end, bytes.length);
    fields.push(...rest.fields);
    end = rest.end;
  }
  if (end < bytes.length) {
    const n = bytes.length - end;
    ctx.notes.push(note('malformed', `${plural(n, 'trailing byte')} after the last field`));
    fields.push(...walkFields([TRAILING], ctx, end, bytes.length).fields);
  }
  const version = ctx.values.get('VERSION');
  return { direction, table, code, version: typeof version === 'number' ? version : null, fields, notes: ctx.notes, values: ctx.values, ...(layout ? { layout } : {}) };
}

function decodeUdp(payload: TransportPayload, opts: DissectOptions, src: string, dst: string): Decoded {
  const bytes = payload.bytes;
  const fromServer = opts.serverPorts.has(payload.src.port);
  const toServer = opts.serverPorts.has(payload.dst.port);
  const portDirection: Direction | undefined = fromServer && !toServer ? 'server-to-client' : toServer && !fromServer ? 'client-to-server' : undefined;
  if (bytes.length < 4) return tooShort(payload, opts, portDirection ?? 'client-to-server');
  const version = bytes.readUInt16LE(0);
  if (!OTHER_ICQ_VERSIONS.includes(version) && version !== PROTOCOL_VERSION) {
    // No ICQ at all (an HTTP request's "GE" reads as version 17735): the bytes are shown raw, with no VERSION.
    const notIcq = note('not-icq', `not ICQ: the first two bytes read as version ${version}, which no ICQ client sends`);
    return undecoded(payload, opts, portDirection ?? 'client-to-server', [NOT_ICQ_BODY], notIcq);
  }
  if (version !== PROTOCOL_VERSION) {
    // Another protocol version: its header is not ours to read. VERSION and the raw rest are shown.
    const notV2 = note('not-v2', `version ${version} is not 2: not decoded as ICQ v2`);
    return undecoded(payload, opts, portDirection ?? 'client-to-server', [{ ...SERVER_HEADER[0]!, expected: undefined }, NOT_V2_BODY], notV2);
  }
  const code = bytes.readUInt16LE(2);
  const registry = registryOf(opts);
  const udp = (direction: Direction): Decoded => decodeWith(payload, opts, direction, documentReading(direction, registry.findTable(direction, code)), code);
  const readAs = (variant: ClientVariant, direction: Direction): Decoded => {
    const reading = readingIn(variant, direction, code, registry);
    const decoded = decodeWith(payload, opts, direction, reading, code);
    return reading.variant ? { ...decoded, variant: reading.variant.name } : decoded;
  };
  // A session's client packets choose its variant; the server's packets to that client follow the choice.
  if (portDirection === 'client-to-server' && opts.variants) {
    return opts.variants.decode(`${src} ${dst}`, (variant) => (variant ? readAs(variant, portDirection) : udp(portDirection)));
  }
  const answered = portDirection === 'server-to-client' ? opts.variants?.leading(`${dst} ${src}`) : undefined;
  if (answered) return readAs(answered, 'server-to-client');
  if (portDirection) return udp(portDirection);
  // Ports do not tell (both or neither are server ports): the header that reads cleanly decides.
  const candidates = [udp('client-to-server'), udp('server-to-client')];
  const clean = candidates.find((c) => c.table && !c.notes.some((n) => n.severity === 'error')) ?? candidates.find((c) => c.table) ?? candidates[0]!;
  clean.notes.push(note('direction-guessed', `direction ${clean.direction} guessed from the header (ports do not tell)`));
  return clean;
}

/** Bytes not decoded as ICQ v2 (too short for a header, another version): shown as they are, with one note. */
function undecoded(payload: TransportPayload, opts: DissectOptions, direction: Direction, specs: readonly FieldSpec[], why: Note): Decoded {
  const ctx = context(payload, opts, direction);
  const fields = walkFields(specs, ctx, 0, payload.bytes.length).fields;
  const version = ctx.values.get('VERSION');
  return { direction, table: undefined, code: null, version: typeof version === 'number' ? version : null, fields, notes: [why], values: ctx.values };
}

function tooShort(payload: TransportPayload, opts: DissectOptions, direction: Direction): Decoded {
  const { bytes } = payload;
  const message = bytes.length === 0 ? 'empty payload' : `packet too short: ${bytes.length} bytes, a header needs ${direction === 'client-to-server' ? 10 : 6}`;
  return undecoded(payload, opts, direction, [TOO_SHORT], note('malformed', message));
}

function decodePeer(payload: TransportPayload, opts: DissectOptions): Decoded {
  const direction = 'peer-to-peer';
  const { bytes } = payload;
  if (bytes.length < 3) return tooShort(payload, opts, direction);
  const decoded = decodePeerCommand(payload, opts);
  const declared = bytes.readUInt16LE(0);
  if (declared !== bytes.length - 2) {
    decoded.notes.push(note('malformed', `LENGTH says ${declared} bytes, ${bytes.length - 2} present`, 'LENGTH'));
  }
  return decoded;
}

function decodePeerCommand(payload: TransportPayload, opts: DissectOptions): Decoded {
  const direction = 'peer-to-peer';
  const { bytes } = payload;
  if (bytes[2] === CHANNEL_INIT_CODE) {
    const init = registryOf(opts).findTable(direction, CHANNEL_INIT_CODE) ?? CHANNEL_INIT;
    const d = decodeWith(payload, opts, direction, { header: [], table: init }, CHANNEL_INIT_CODE);
    const x1 = d.values.get('X1');
    return { ...d, version: typeof x1 === 'number' ? x1 : null };
  }
  const code = bytes.length >= 10 ? bytes.readUInt16LE(8) : 0;
  const table = registryOf(opts).findTable(direction, code);
  if (table) return decodeWith(payload, opts, direction, { header: [], table }, code);
  return decodeWith(payload, opts, direction, { header: PEER_HEADER, table: undefined }, code);
}
