import { NOTE_KINDS, type NoteKind } from '../../src/net/note-kinds.js';
import { CHECK_NOTES } from '../../src/protocol/check-notes.js';
import { headerOf } from '../../src/protocol/variant-tables.js';
import { CLIENT_VARIANTS, type ClientVariant, type VariantCommand } from '../../src/protocol/client-variants.js';
import {
  ACK_RULE,
  CONTACT_LIST_RULE,
  REQUEST_NUMBERS,
  RESPONSE_RULES,
  responseName,
  type FieldCondition,
} from '../../src/protocol/pairing.js';
import { ADDED_FIELDS, glossary } from '../../src/cli/glossary.js';
import { ALL_COMMANDS, BUILTIN_REGISTRY } from '../../src/protocol/registry.js';
import type { CommandCheck, CommandTable, Direction, FieldCheck, FieldSpec, WireType } from '../../src/protocol/types.js';

/**
 * docs/protocol-reference.md, written from the protocol tables themselves: every command of every
 * direction, its layouts and fields (the names `-Y` and `-e` accept), and the pairing rules.
 */

const SIZES: Partial<Record<WireType['kind'], string>> = { u8: '1', u16: '2', u32: '4', i32: '4 (signed)', ipv4: '4 (IPv4)' };

function size(type: WireType): string {
  switch (type.kind) {
    case 'bytes':
      return String(type.length);
    case 'lstring':
      return 'LENGTH';
    case 'rest':
      return 'rest';
    case 'repeat':
      return `× ${type.count}`;
    case 'group':
      return 'group';
    default:
      return SIZES[type.kind]!;
  }
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The note a broken rule gives: its id and severity ("out-of-range note"). */
const brokenNote = (check: FieldCheck | CommandCheck): string => `${CHECK_NOTES[check.kind]} ${NOTE_KINDS[CHECK_NOTES[check.kind]].severity}`;

function fieldCheck(check: FieldCheck): string {
  const rule =
    check.kind === 'range'
      ? `in ${check.min} ... ${check.max}`
      : check.kind === 'high-half-zero'
        ? 'high half 0'
        : check.kind === 'max-length'
          ? `at most ${check.max} characters`
          : "low half not the packet's own source port read big-endian";
  return `check (${check.source}): ${rule}, else ${brokenNote(check)} "${check.note}"`;
}

function commandCheck(check: CommandCheck): string {
  const values = (v: readonly (number | string)[]) => v.map((x) => (typeof x === 'number' ? `0x${x.toString(16)}` : `"${x}"`)).join(' or ');
  const rule =
    check.kind === 'implies'
      ? `${check.if.field} ${values(check.if.values)} goes with ${check.then.field} ${values(check.then.values)}`
      : check.kind === 'differ'
        ? `${check.fields[0]} differs from ${check.fields[1]}`
        : check.kind === 'not-all-empty'
          ? `not all of ${check.fields.join(', ')} empty`
          : `at most one of ${check.groups.map((g) => g.join('/')).join(' and ')} used`;
  return `- ${rule} (${check.source}), else ${brokenNote(check)}: ${cell(check.note)}`;
}

function fieldRows(fields: readonly FieldSpec[], depth = 0): string[] {
  return fields.flatMap((f) => {
    const name = `${'&nbsp;&nbsp;'.repeat(depth)}\`${f.name}\``;
    const flags = [
      f.unknown ? 'unknown' : '',
      f.documentName ? `the document: \`${f.documentName}\`` : '',
      f.expected ? `document: ${f.documentSays ? `"${f.documentSays}"` : `\`${f.expected}\``}` : '',
      f.order === 'be' ? 'big-endian' : '',
      ...(f.checks ?? []).map(fieldCheck),
      f.optional ? 'optional' : '', f.meaning ? `read as ${f.meaning}` : '', f.parts ? `parts by ${f.parts.by}: ${Object.entries(f.parts.cases).map(([k, names]) => `${k} → ${names.map((n) => `\`${n}\``).join(' FE ')}`).join('; ')}` : '']
      .filter(Boolean)
      .join(', ');
    const row = `| ${name} | ${size(f.type)} | ${cell(f.description)} | ${flags} |`;
    const lengthRow = f.type.kind === 'lstring' ? [`| ${'&nbsp;&nbsp;'.repeat(depth)}\`LENGTH\` | 2 | Length of ${f.name} including NULL | |`] : [];
    const inner = f.type.kind === 'repeat' || f.type.kind === 'group' ? fieldRows(f.type.fields, depth + 1) : [];
    return [...lengthRow, row, ...inner];
  });
}

const hex4 = (code: number) => `0x${code.toString(16).padStart(4, '0')}`;

function command(table: CommandTable): string[] {
  const header = headerOf(table.direction, table);
  const named = table.source === 'document' ? 'named by the document' : `named by ${table.source}, not in the document`;
  const lines = [`### ${table.name} (${hex4(table.code)})`, '', `${table.description} (${named}${table.undescribed ? ', body not described' : ''})`];
  if (table.aliases) lines.push('', `Also called: ${table.aliases.map((a) => `${a.name} (${a.source})`).join(', ')}.`);
  if (table.summary) lines.push('', `Info column: \`${table.summary}\``);
  if (table.checks) lines.push('', 'Rules between its fields:', '', ...table.checks.map(commandCheck));
  for (const layout of table.layouts) {
    lines.push('', table.layouts.length > 1 ? `Layout **${layout.name}** (${layout.source}; from ${layout.from.join(', ')}${layout.when ? `; when ${layout.when.field} is ${layout.when.values.join(' or ')}` : ''}):` : `Layout (${layout.source}):`, '');
    lines.push('| Field | Bytes | Description | |', '| --- | --- | --- | --- |', ...fieldRows([...header, ...layout.fields]));
  }
  return [...lines, ''];
}

const SECTIONS: readonly [Direction, string][] = [
  ['client-to-server', 'Client → server (UDP)'],
  ['server-to-client', 'Server → client (UDP)'],
  ['peer-to-peer', 'Peer to peer (TCP)'],
];

/** A pairing rule's condition on a field: " with CMD_TYPE 0x0000", " with CMD_TYPE other than 0x0000". */
function when(condition: FieldCondition | undefined): string {
  if (condition === undefined) return '';
  return ` with ${condition.field} ${condition.except ? 'other than ' : ''}${condition.values.map(hex4).join(' or ')}`;
}

export function protocolReference(): string {
  const out = [
    '# Protocol reference',
    '',
    '<!-- Written by `npm run docs` from src/protocol; a test checks it is current. Do not edit by hand. -->',
    '',
    'Every command icq2-dissect knows, with its fields in wire order under the names the protocol document',
    'uses, except where it gives one thing two names or one name two things: RECEIVE_MESSAGE\'s and the peer',
    'messages\' TYPE is MESSAGE_TYPE as in SEND_MESSAGE, a CONTACT_LIST entry is CONTACT_UIN (UIN is the sender\'s);',
    'the document\'s name is given beside ours, and `-Y` and `-e` take it where it names nothing else (TYPE).',
    'These are the names `-Y` and `-e` accept and the `name` of each field in the JSON. Integers are',
    'little-endian unless a field says big-endian; a text field is a 2-byte LENGTH (counting the NUL) followed',
    'by the text and its NUL. Each command, layout, alias and rule says whom it comes from: the document',
    '(v0.91), or a client seen to send it (licq 0.71, mICQ 0.2.5, Net::ICQ 0.08); clients that read the same',
    'fields in other byte orders are listed under [Client variants](#client-variants). A command\'s "Info column"',
    'is the template of its Info: `{FIELD}` is the field\'s reading (an X-field\'s number), a part in brackets',
    '(`[: {MESSAGE}]`) is shown only when the fields it names are not empty.',
    '',
  ];
  for (const [direction, title] of SECTIONS) {
    const tables = ALL_COMMANDS.filter((t) => t.direction === direction).sort((a, b) => a.code - b.code);
    out.push(`## ${title}`, '', tables.map((t) => `[${t.name}](#${t.name.toLowerCase()}-${hex4(t.code)})`).join(' · '), '');
    for (const table of tables) out.push(...command(table));
  }
  out.push(...variants());
  out.push('## Pairing rules', '', `- \`${ACK_RULE.ack}\` acknowledges the other side's packet with the same SEQ_NUM; never acknowledged: ${ACK_RULE.unacknowledged.join(', ')}.`);
  for (const rule of RESPONSE_RULES) {
    const request = `${rule.request.join(' / ')}${when(rule.requestWhen)}`;
    const responses = rule.responses.map((response) => `${responseName(rule, response)}${when(rule.responseWhen?.[response])}`);
    out.push(`- ${request} (${rule.transport}) is answered by ${responses.join(', ')}${rule.final ? ` (ending with ${rule.final})` : ''}, matched by \`${rule.key}\`.`);
  }
  const numbers = REQUEST_NUMBERS.map((n) => `${n.command} \`${n.field}\``).join(', ');
  out.push(`- Request numbers a client may take from its SEQ_NUM counter (a SEQ_NUM spent on one is no gap): ${numbers}.`);
  const { quote, list, notifications } = CONTACT_LIST_RULE;
  const notified = notifications.map((n) => `${n.command} \`${n.field}\``).join(', ');
  out.push(`- "${quote}": once the client sent a ${list.command} (its \`${list.field}\` \`${list.item}\`s), ${notified} must name a listed UIN.`);
  out.push(...notes());
  out.push(...names());
  return out.join('\n') + '\n';
}

function overrides(command: VariantCommand): string {
  const orders = Object.entries({ ...command.header, ...command.orders }).map(([name, order]) => `${name} ${order === 'be' ? 'big-endian' : 'little-endian'}`);
  const order = command.fieldOrder ? [`fields in the order ${command.fieldOrder.names.join(', ')} (${command.fieldOrder.description})`] : [];
  return [...orders, ...order].join('; ');
}

function variant(v: ClientVariant): string[] {
  const header = Object.entries(v.header).map(([name, order]) => `${name} ${order === 'be' ? 'big-endian' : 'little-endian'}`).join(', ');
  return [
    `### ${v.name}`,
    '',
    `${v.description} (${v.source}). Its own packets (${v.direction}): header ${header}, and:`,
    '',
    ...Object.entries(v.commands).map(([name, command]) => `- ${name}: ${overrides(command)}`),
    ...Object.entries(v.answers ?? {}).map(([name, command]) => `- the server's ${name} to it: ${overrides(command)}`),
    '',
  ];
}

/** Every kind of note, by id: what `notes[].id`, `-Y 'note == ID'` and the Lua export's expert fields name. */
function notes(): string[] {
  return [
    '',
    '## Notes',
    '',
    'Every note (expert info) has the id of its kind, in the JSON (`notes[].id`), the `-V` tree and the filter',
    "(`note == gap`, `expert.severity >= warning`); the kinds the Wireshark Lua export reports too are its expert",
    'fields `icq2.<id>`.',
    '',
    '| Id | Severity | Meaning | Wireshark |',
    '| --- | --- | --- | --- |',
    ...Object.entries(NOTE_KINDS).map(([id, kind]: [string, NoteKind]) => `| \`${id}\` | ${kind.severity} | ${cell(kind.meaning)} | ${kind.wireshark ? `\`icq2.${id}\` (${kind.wireshark})` : ''} |`),
  ];
}

/** The names that are no table's field (`-G fields` K lines), and the fields the dissector adds around the tables. */
function names(): string[] {
  const keys = [...glossary(BUILTIN_REGISTRY)].map((line) => line.split('\t')).filter(([kind]) => kind === 'K');
  return [
    '',
    '## Names',
    '',
    'Besides the fields above, `-Y` and `-e` accept these names (`icq2-dissect -G fields` lists them all with',
    'the fields, one line each; a test checks that the two agree).',
    '',
    '| Name | Type | Description |',
    '| --- | --- | --- |',
    ...keys.map(([, name, type = '', description = '']) => `| \`${name}\` | ${type} | ${cell(description)} |`),
    '',
    "Fields the dissector adds around the tables' own (`TRAILING` in any command, qualified too: `LOGIN.TRAILING`):",
    '',
    '| Name | Type | Description |',
    '| --- | --- | --- |',
    ...ADDED_FIELDS.map((spec) => `| \`${spec.name}\` | ${spec.type.kind} | ${cell(spec.description)} |`),
  ];
}

function variants(): string[] {
  return [
    '## Client variants',
    '',
    "A session's first client packets are read both ways and choose its variant (the way whose values make sense:",
    'no LENGTH past the end, counts that fit, the X-fields the document gives, small numbers, a SEQ_NUM running',
    'on); it then holds for the whole session, with a note on the PDU where it was chosen (see docs/usage.md).',
    '',
    ...CLIENT_VARIANTS.flatMap(variant),
  ];
}
