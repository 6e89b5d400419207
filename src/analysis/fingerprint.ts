import type { ClientFingerprint, ClientSoftware, Pdu } from '../dissect/pdu.js';
import { CLIENT_SIGNATURES, FINGERPRINT_RULES, type Observation } from '../protocol/client-signatures.js';
import { FactKind, type FactLog } from './fact-log.js';
import { observe } from './fingerprint-observation.js';
import { confirmed, fingerprintOf, judge, reported, softwareOf, type Made, type Verdict } from './fingerprint-verdict.js';
import type { Pending } from './pending-ordinals.js';

/** Every declared observation by the command it is made on: [signature index, observation index, observation]. */
const BY_COMMAND = new Map<string, [number, number, Observation][]>();
CLIENT_SIGNATURES.forEach((signature, s) =>
  signature.observations.forEach((observation, o) => {
    if (!BY_COMMAND.has(observation.command)) BY_COMMAND.set(observation.command, []);
    BY_COMMAND.get(observation.command)!.push([s, o, observation]);
  }),
);

/**
 * A session's client fingerprint (src/protocol/client-signatures.ts). Until it is settled, the session's
 * PDUs are held in `pending` (at most FINGERPRINT_RULES.maxPdus): each learns the software then. After
 * that each PDU learns it at once. The session's first PDU also gets the observations that decided it.
 */
export class SessionFingerprint {
  private readonly made: Made[] = [];
  /** The PDUs waiting for the verdict, the session's first one first. */
  private readonly held: number[] = [];
  /** The commands the client opened with (undefined before its first PDU, null: it opened mid-session). */
  private handshake: readonly string[] | null | undefined;
  /** Made on the first handshake command seen. */
  private handshakeSeen: Set<string> | undefined;
  private verdict: Verdict | undefined;
  /** How many observations the last judgement saw, and whether it confirmed a signature. */
  private judgedAt = -1;
  private confirmed = false;

  constructor(
    private readonly results: FactLog,
    private readonly pending: Pending,
  ) {}

  observe(pdu: Pdu, ordinal: number, fromClient: boolean): void {
    if (this.verdict) {
      this.results.add(ordinal, FactKind.Client, this.verdict.signature, this.verdict.confidence);
      return;
    }
    this.pending.hold(ordinal);
    this.held.push(ordinal);
    const name = pdu.command?.name;
    if (fromClient && name) this.observeClient(pdu, name);
    if (this.settles()) this.settle();
  }

  /** Settles the verdict if the session ends before it was. */
  close(): void {
    if (!this.verdict) this.settle();
  }

  /** The software it names, without the evidence (call after `close`). */
  software(): ClientSoftware {
    return softwareOf(this.verdict!);
  }

  /** The fingerprint with its evidence, for `flows` (call after `close`). */
  report(): ClientFingerprint {
    return fingerprintOf(this.verdict!, reported(this.verdict!, this.made));
  }

  /** See FINGERPRINT_RULES: the window is full, the capture began mid-session, or the handshake confirmed a signature. */
  private settles(): boolean {
    const { handshake } = this;
    if (this.held.length >= FINGERPRINT_RULES.maxPdus || handshake === null) return true;
    if (handshake === undefined || (this.handshakeSeen?.size ?? 0) !== handshake.length) return false;
    // Judged again only when an observation was made since: most PDUs of the window add none.
    if (this.judgedAt !== this.made.length) {
      this.judgedAt = this.made.length;
      this.confirmed = confirmed(judge(this.made), this.made);
    }
    return this.confirmed;
  }

  private observeClient(pdu: Pdu, name: string): void {
    this.handshake ??= FINGERPRINT_RULES.handshakes.find((commands) => commands[0] === name) ?? null;
    if (this.handshake?.includes(name)) (this.handshakeSeen ??= new Set()).add(name);
    for (const [s, o, observation] of BY_COMMAND.get(name) ?? []) {
      if (this.made.some((m) => m[0] === s && m[1] === o)) continue;
      this.made.push([s, o, pdu.frame, observe(observation, pdu)]);
    }
  }

  private settle(): void {
    const verdict = (this.verdict = judge(this.made));
    const [first] = this.held;
    for (const ordinal of this.held) {
      this.results.add(ordinal, FactKind.Client, verdict.signature, verdict.confidence, ordinal === first ? 1 : 0);
    }
    if (first !== undefined) for (const [s, o, frame, code] of reported(verdict, this.made)) this.results.add(first, FactKind.Evidence, s, o, frame, code);
    for (const ordinal of this.held.splice(0)) this.pending.release(ordinal);
  }
}
