/** The statistics -z knows, for `-z help` and the error that names them. */
export const STATISTICS: readonly { usage: string; summary: string }[] = [
  { usage: 'icq2,commands[,FILTER]', summary: 'PDUs, their share and bytes per command and direction' },
  { usage: 'icq2,srt[,FILTER]', summary: 'service response time per request command (the pairing rules): requests, answered, min/max/avg/sum seconds to the first response' },
  { usage: 'icq2,clients[,FILTER]', summary: 'per client UIN: software (fingerprint), endpoints, sessions, PDUs, bytes, first and last time' },
  { usage: 'io,stat,INTERVAL[,FILTER...]', summary: 'frames and bytes per INTERVAL seconds (0: the whole capture), one column per FILTER (none: every frame)' },
];
