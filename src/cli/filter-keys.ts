import type { ValueKind } from '../analysis/filter-schema.js';

/**
 * The names that are not protocol fields (the JSON's keys, the sequence analysis, the client
 * fingerprint, Wireshark's address and port names, the Info column): what their values are, for the
 * filter's checks, and their type and description, for `-G fields`.
 */
export interface KeyName {
  kinds: readonly ValueKind[];
  /** As `-G fields` shows it. */
  type: 'number' | 'numbers' | 'string' | 'ipv4' | 'port';
  description: string;
}

const number = (description: string): KeyName => ({ kinds: ['number'], type: 'number', description });
const text = (description: string): KeyName => ({ kinds: ['text'], type: 'string', description });
const port = (description: string): KeyName => ({ kinds: ['number'], type: 'port', description });
const address = (description: string): KeyName => ({ kinds: ['ip'], type: 'ipv4', description });

export const KEY_NAMES: Readonly<Record<string, KeyName>> = {
  frame: number('Number of the capture frame that completes the PDU'),
  frames: { kinds: ['number'], type: 'numbers', description: 'Every frame the PDU came from (several for reassembled TCP)' },
  time: text('The Time column as -t writes it (in -Y: the ISO 8601 UTC text)'),
  'time.absolute': text('ISO 8601 UTC time of the PDU, with the capture\'s resolution'),
  'time.epoch': number('Seconds since 1970 (tshark frame.time_epoch)'),
  'time.relative': number("Seconds since the capture's first frame (tshark frame.time_relative)"),
  'time.delta': number('Seconds since the previous displayed PDU (tshark frame.time_delta_displayed)'),
  src: text('Source address:port'),
  dst: text('Destination address:port'),
  direction: text('client-to-server, server-to-client or peer-to-peer'),
  // By name (aliases too) or by code: command == LOGIN, command == 0x03e8.
  command: { kinds: ['text', 'number'], type: 'string', description: 'Command name (compares by code with a number)' },
  'command.code': number('Command code'),
  'command.name': text('Command name (absent for a code nobody names)'),
  'command.aliases': text("The command's other names (the document's second names, licq's)"),
  'command.source': text('Who names the command when the document does not (licq 0.71)'),
  seq: number('SEQ_NUM of a UDP PDU'),
  uin: number("The sender's UIN"),
  length: number('Bytes of the ICQ PDU'),
  transport: text('udp or tcp'),
  version: number('Protocol version from the header'),
  layout: text('The layout variant used, when the command has several'),
  variant: text("The client variant that read the PDU, when not the document's"),
  stream: number('TCP connection index (tshark tcp.stream)'),
  session: number('The session of the PDU: the id of flows -T json'),
  'analysis.acks': number('Frame of the packet this ACK acknowledges'),
  'analysis.ackedBy': number("Frame of this packet's ACK"),
  'analysis.ackRtt': number('Seconds from the acknowledged packet (its latest copy) to this ACK'),
  'analysis.ackRttAmbiguous': number("1 when the packet was sent more than once before this ACK: the RTT is ambiguous (Karn's rule)"),
  'analysis.retransmissionOf': number('Frame of the first packet with this SEQ_NUM'),
  'analysis.retransmittedIn': { kinds: ['number'], type: 'numbers', description: 'Frames that sent this packet again (on its first copy)' },
  'analysis.responseTo': number('Frame of the request this response answers'),
  'analysis.responses': { kinds: ['number'], type: 'numbers', description: "Frames of this request's responses" },
  'analysis.responseTime': number('Seconds since the request this response answers'),
  'analysis.responseTimeAmbiguous': number('1 when the request was sent more than once before this response: the time is ambiguous'),
  'client.software': text("The session's client software (fingerprint)"),
  'client.confidence': number('Confidence of the fingerprint, 0 to 1'),
  note: text('The id of a note of the PDU (gap, retransmission, malformed ...: docs/protocol-reference.md, Notes)'),
  notes: text('The ids of the notes of the PDU (as note)'),
  'note.id': text('The id of a note of the PDU (as note)'),
  'note.message': text('The text of a note of the PDU'),
  'expert.severity': text('The severity of a note: note < warning < error (tshark _ws.expert.severity)'),
  'ip.src': address('Source IPv4 address'),
  'ip.dst': address('Destination IPv4 address'),
  'ip.addr': address('Source or destination IPv4 address'),
  'udp.srcport': port('UDP source port'),
  'udp.dstport': port('UDP destination port'),
  'udp.port': port('UDP source or destination port'),
  'tcp.srcport': port('TCP source port'),
  'tcp.dstport': port('TCP destination port'),
  'tcp.port': port('TCP source or destination port'),
  info: text('The Info column, as the table shows it, with its expert tags ([retransmission of 49], [no ACK] ...)'),
};
