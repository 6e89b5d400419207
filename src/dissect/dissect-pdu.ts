import type { Endpoint, TransportPayload } from '../net/payload.js';
import { CLIENT_HEADER, PROTOCOL_VERSION, SERVER_HEADER } from '../protocol/headers.js';
import { NOT_V2_BODY, TOO_SHORT, TRAILING, UNKNOWN_BODY } from '../protocol/leftovers.js';
import { CHANNEL_INIT, CHANNEL_INIT_CODE, PEER_HEADER } from '../protocol/peer-commands.js';
import { findTable } from '../protocol/registry.js';
import type { CommandTable, Direction, FieldSpec } from '../protocol/types.js';
import { chooseLayout } from './choose-layout.js';
import type { DissectedPdu, Field, Note, Pdu } from './pdu.js';
import { walkFields, type Value, type WalkContext, type WalkDepth } from './walk.js';
import { isoTime } from './time.js';

export interface DissectOptions {
  decoder: TextDecoder;
  /** `lean` for outputs that show no field tree (default `full`: the JSON contract's plain objects). */
  depth?: WalkDepth;
  /** UDP ports of the server (default 4000): a packet from one is server -> client. */
  serverPorts: ReadonlySet<number>;
  /** Told where a client listens for peer TCP (LOGIN, USER_ONLINE), so later connections are recognised. */
  onPeerAnnounced?: (ip: string, port: number) => void;
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
}


const endpointText = (e: Endpoint) => (e.ip.includes(':') ? `[${e.ip}]:${e.port}` : `${e.ip}:${e.port}`);

/** Dissects one ICQ PDU. Never throws on malformed bytes: what cannot be read is shown and noted. */
export function dissectPayload(payload: TransportPayload, opts: DissectOptions): DissectedPdu {
  const decoded = payload.transport === 'tcp' ? decodePeer(payload.bytes, opts) : decodeUdp(payload, opts);
  const notes: Note[] = payload.notes.length === 0 ? decoded.notes : [...payload.notes, ...decoded.notes];
  addOwnPortNotes(decoded, payload.src.port, notes);
  if (payload.truncated) notes.push({ severity: 'warning', message: `frame cut by the snap length: ${payload.bytes.length} bytes captured` });
  const command = decoded.code === null ? null : commandRef(decoded.code, decoded.table);
  // The sender's UIN from the header (top level: a contact's UIN is nested and must not be taken for it).
  const uinName = command?.code === CHANNEL_INIT_CODE && decoded.direction === 'peer-to-peer' ? 'MY_UIN' : 'UIN';
  const uin = decoded.fields.find((f) => f.name === uinName)?.value;
  const seq = decoded.values.get('SEQ_NUM');
  // Keys in the JSON schema's order; the optional ones only when they apply.
  const pdu = {
    frame: payload.frame,
    frames: payload.frames,
    time: isoTime(payload.time),
    transport: payload.transport,
    src: endpointText(payload.src),
    dst: endpointText(payload.dst),
    direction: decoded.direction,
    length: payload.bytes.length,
    version: decoded.version,
    command,
    seq: payload.transport === 'udp' && typeof seq === 'number' ? seq : null,
  } as Pdu;
  if (typeof uin === 'number' && decoded.direction !== 'server-to-client') pdu.uin = uin;
  if (decoded.layout) pdu.layout = decoded.layout;
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
  return { pdu, bytes: payload.bytes, timestamp: payload.time };
}

/**
 * A PORT field whose low half, read big-endian, is the packet's own source port: the client seems to
 * have written its port in network byte order (mICQ 0.2.5 does, in LOGIN). Said, not assumed.
 */
function addOwnPortNotes(decoded: Decoded, sourcePort: number, notes: Note[]): void {
  for (const f of decoded.fields) {
    if (f.name !== 'PORT' || typeof f.value !== 'number' || f.length !== 4) continue;
    const swapped = (f.value & 0xff) * 256 + ((f.value >> 8) & 0xff);
    if (swapped !== sourcePort || swapped === (f.value & 0xffff)) continue;
    notes.push({
      severity: 'note',
      message: `PORT's low half read big-endian is ${sourcePort}, this packet's own source port: the client seems to write its port in network byte order`,
      field: f.name,
    });
  }
}

function commandRef(code: number, table: CommandTable | undefined): Pdu['command'] {
  if (!table) return { code, name: null };
  return table.aliases ? { code, name: table.name, aliases: [...table.aliases] } : { code, name: table.name };
}

/** Names of command codes in each direction (COMMAND fields of server packets name client commands). */
const commandNamesIn = (direction: Direction) => (code: number) => findTable(direction, code)?.name ?? null;
const COMMAND_NAMES: Readonly<Record<Direction, (code: number) => string | null>> = {
  'client-to-server': commandNamesIn('client-to-server'),
  'server-to-client': commandNamesIn('server-to-client'),
  'peer-to-peer': commandNamesIn('peer-to-peer'),
};

function context(bytes: Buffer, opts: DissectOptions, direction: Direction): WalkContext {
  return { depth: opts.depth ?? 'full', bytes, decoder: opts.decoder, commandName: COMMAND_NAMES[direction], values: new Map(), notes: [] };
}

/** Header, then the command's best layout, then anything left over: every byte lands in a field. */
function decodeWith(bytes: Buffer, opts: DissectOptions, direction: Direction, header: readonly FieldSpec[], table: CommandTable | undefined, code: number): Decoded {
  const ctx = context(bytes, opts, direction);
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
    if (table.layouts.length > 1) {
      layout = chosen.layout.name;
      if (layout !== 'document') ctx.notes.push({ severity: 'note', message: `layout variant used: ${layout} (${chosen.layout.source})` });
    }
    for (const quirk of chosen.layout.quirks ?? []) {
      const marked = chosen.fields.find((f) => f.name === quirk.field);
      if (marked && marked.length > 0 && bytes[marked.offset] === quirk.firstByte) {
        ctx.notes.push({ severity: 'warning', message: quirk.note, field: quirk.field });
      }
    }
  } else if (head.ok) {
    ctx.notes.push({ severity: 'error', message: `unknown command 0x${code.toString(16).padStart(4, '0')} in ${direction}: body shown as unknown bytes` });
    const rest = walkFields([UNKNOWN_BODY], ctx, head.end, bytes.length);
    fields.push(...rest.fields);
    end = rest.end;
  }
  if (end < bytes.length) {
    const n = bytes.length - end;
    ctx.notes.push({ severity: 'error', message: `${n} trailing byte${n === 1 ? '' : 's'} after the last field` });
    fields.push(...walkFields([TRAILING], ctx, end, bytes.length).fields);
  }
  const version = ctx.values.get('VERSION');
  return { direction, table, code, version: typeof version === 'number' ? version : null, fields, notes: ctx.notes, values: ctx.values, ...(layout ? { layout } : {}) };
}

function decodeUdp(payload: TransportPayload, opts: DissectOptions): Decoded {
  const bytes = payload.bytes;
  const fromServer = opts.serverPorts.has(payload.src.port);
  const toServer = opts.serverPorts.has(payload.dst.port);
  const portDirection: Direction | undefined = fromServer && !toServer ? 'server-to-client' : toServer && !fromServer ? 'client-to-server' : undefined;
  if (bytes.length < 4) return tooShort(bytes, opts, portDirection ?? 'client-to-server');
  const version = bytes.readUInt16LE(0);
  if (version !== PROTOCOL_VERSION) {
    // Another protocol version: its header is not ours to read. VERSION and the raw rest are shown.
    const note: Note = { severity: 'warning', message: `version ${version} is not 2: not decoded as ICQ v2` };
    return undecoded(bytes, opts, portDirection ?? 'client-to-server', [{ ...SERVER_HEADER[0]!, expected: undefined }, NOT_V2_BODY], note);
  }
  const code = bytes.readUInt16LE(2);
  const udp = (direction: Direction): Decoded => {
    const table = findTable(direction, code);
    const header = direction === 'client-to-server' && !table?.noUin ? CLIENT_HEADER : SERVER_HEADER;
    return decodeWith(bytes, opts, direction, header, table, code);
  };
  if (portDirection) return udp(portDirection);
  // Ports do not tell (both or neither are server ports): the header that reads cleanly decides.
  const candidates = [udp('client-to-server'), udp('server-to-client')];
  const clean = candidates.find((c) => c.table && !c.notes.some((n) => n.severity === 'error')) ?? candidates.find((c) => c.table) ?? candidates[0]!;
  clean.notes.push({ severity: 'note', message: `direction ${clean.direction} guessed from the header (ports do not tell)` });
  return clean;
}

/** Bytes not decoded as ICQ v2 (too short for a header, another version): shown as they are, with one note. */
function undecoded(bytes: Buffer, opts: DissectOptions, direction: Direction, specs: readonly FieldSpec[], note: Note): Decoded {
  const ctx = context(bytes, opts, direction);
  const fields = walkFields(specs, ctx, 0, bytes.length).fields;
  const version = ctx.values.get('VERSION');
  return { direction, table: undefined, code: null, version: typeof version === 'number' ? version : null, fields, notes: [note], values: ctx.values };
}

function tooShort(bytes: Buffer, opts: DissectOptions, direction: Direction): Decoded {
  const message = bytes.length === 0 ? 'empty payload' : `packet too short: ${bytes.length} bytes, a header needs ${direction === 'client-to-server' ? 10 : 6}`;
  return undecoded(bytes, opts, direction, [TOO_SHORT], { severity: 'error', message });
}

function decodePeer(bytes: Buffer, opts: DissectOptions): Decoded {
  const direction = 'peer-to-peer';
  if (bytes.length < 3) return tooShort(bytes, opts, direction);
  const decoded = decodePeerCommand(bytes, opts);
  const declared = bytes.readUInt16LE(0);
  if (declared !== bytes.length - 2) {
    decoded.notes.push({ severity: 'error', message: `LENGTH says ${declared} bytes, ${bytes.length - 2} present`, field: 'LENGTH' });
  }
  return decoded;
}

function decodePeerCommand(bytes: Buffer, opts: DissectOptions): Decoded {
  const direction = 'peer-to-peer';
  if (bytes[2] === CHANNEL_INIT_CODE) {
    const d = decodeWith(bytes, opts, direction, [], CHANNEL_INIT, CHANNEL_INIT_CODE);
    const x1 = d.values.get('X1');
    return { ...d, version: typeof x1 === 'number' ? x1 : null };
  }
  const code = bytes.length >= 10 ? bytes.readUInt16LE(8) : 0;
  const table = findTable(direction, code);
  if (table) return decodeWith(bytes, opts, direction, [], table, code);
  return decodeWith(bytes, opts, direction, PEER_HEADER, undefined, code);
}
