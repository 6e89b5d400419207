import type { ClientFingerprint, ClientObservation, ClientSoftware } from '../dissect/pdu.js';
import { CLIENT_SIGNATURES, FINGERPRINT_RULES } from '../protocol/client-signatures.js';
import { declaredText, fits, observedField, observedText } from './fingerprint-observation.js';

/** An observation made in a session: signature index, observation index, frame, observed value (fingerprint-observation.ts). */
export type Made = readonly [signature: number, observation: number, frame: number, code: number];

/** Which signature names a session (-1: unknown) and how confidently. */
export interface Verdict {
  signature: number;
  confidence: number;
}

export const UNKNOWN = 'unknown';

const observationOf = ([signature, observation]: Made) => CLIENT_SIGNATURES[signature]!.observations[observation]!;
const matched = (made: Made): boolean => fits(observationOf(made), made[3]);

/**
 * Per signature, matched m and contradicted c observations (those never made count neither way); confidence
 * m / (m + c). A signature is a candidate when m >= minMatches, confidence >= minConfidence and none of its
 * decisive observations is contradicted; the candidate with the highest confidence (then the most matches)
 * names the session, and a tie on both leaves it unknown.
 */
export function judge(made: readonly Made[]): Verdict {
  const { minMatches, minConfidence } = FINGERPRINT_RULES;
  let best: Verdict & { matches: number; tied: boolean } = { signature: -1, confidence: 0, matches: 0, tied: false };
  CLIENT_SIGNATURES.forEach((_, signature) => {
    const own = made.filter((m) => m[0] === signature);
    const matches = own.filter(matched).length;
    const confidence = own.length === 0 ? 0 : Math.round((100 * matches) / own.length) / 100;
    const ruledOut = own.some((m) => !matched(m) && observationOf(m).decisive);
    if (ruledOut || matches < minMatches || confidence < minConfidence) return;
    const order = confidence - best.confidence || matches - best.matches;
    if (order > 0) best = { signature, confidence, matches, tied: false };
    else if (order === 0) best.tied = true;
  });
  return best.tied ? { signature: -1, confidence: 0 } : { signature: best.signature, confidence: best.confidence };
}

/** True when the verdict names a signature and nothing made contradicts it. */
export function confirmed(verdict: Verdict, made: readonly Made[]): boolean {
  return verdict.signature >= 0 && made.every((m) => m[0] !== verdict.signature || matched(m));
}

/** What a session's first PDU carries: the named signature's observations, or every contradicted one when unknown. */
export function reported(verdict: Verdict, made: readonly Made[]): Made[] {
  return made.filter((m) => (verdict.signature < 0 ? !matched(m) : m[0] === verdict.signature));
}

export function softwareOf(verdict: Verdict): ClientSoftware {
  return { software: verdict.signature < 0 ? UNKNOWN : CLIENT_SIGNATURES[verdict.signature]!.software, confidence: verdict.confidence };
}

/** The fingerprint with its evidence and mismatches, from the verdict and the observations `reported` picked. */
export function fingerprintOf(verdict: Verdict, shown: readonly Made[]): ClientFingerprint {
  // One literal of fixed keys: a spread made a hidden class for each report (flows keeps 10,000 of them).
  const { software, confidence } = softwareOf(verdict);
  const report: ClientFingerprint = { software, confidence, evidence: [], mismatches: [] };
  for (const made of shown) {
    const observation = observationOf(made);
    const item: ClientObservation = {
      frame: made[2],
      command: observation.command,
      field: observedField(observation),
      observed: observedText(observation, made[3]),
      signature: declaredText(observation),
    };
    if (matched(made)) report.evidence.push(item);
    else report.mismatches.push({ software: CLIENT_SIGNATURES[made[0]]!.software, ...item });
  }
  return report;
}
