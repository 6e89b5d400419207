/** The network layer's entry point: capture records in, ICQ UDP payloads and peer TCP messages out. */
import type { CaptureRecord } from '../capture/record.js';
import { FrameDecoder } from './frame-decoder.js';
import type { IcqTraffic } from './icq-traffic.js';
import type { TransportPayload } from './payload.js';

/**
 * Pull-based: records are read only as payloads are consumed, so `traffic.announcePeer` called
 * by the consumer between yields already applies to the connections that follow.
 */
export async function* icqPayloads(records: AsyncIterable<CaptureRecord>, traffic: IcqTraffic): AsyncGenerator<TransportPayload> {
  const decoder = new FrameDecoder(traffic);
  for await (const record of records) {
    for (const payload of decoder.frame(record)) {
      traffic.stats.icqPayloads++;
      yield payload;
    }
  }
  for (const payload of decoder.finish()) {
    traffic.stats.icqPayloads++;
    yield payload;
  }
}

/** Every payload at once, for small inputs (no announcePeer between payloads). */
export async function collectIcqPayloads(records: AsyncIterable<CaptureRecord>, traffic: IcqTraffic): Promise<TransportPayload[]> {
  const out: TransportPayload[] = [];
  for await (const payload of icqPayloads(records, traffic)) out.push(payload);
  return out;
}
