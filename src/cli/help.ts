/** The --help epilogue: examples, jq recipes and exit codes (docs/usage.md shows the same). */
export const HELP_EPILOGUE = `Examples:
  icq2-dissect capture.pcap                        table of every ICQ PDU
  icq2-dissect -V -x -c 3 capture.pcap             tree and hex dump of the first 3
  icq2-dissect -Y 'command == SEND_MESSAGE && MESSAGE contains "tomorrow"' capture.pcap
  icq2-dissect -Y 'STATUS > 0 || !X4' -t a capture.pcap
  icq2-dissect -Y 'ip.src == 192.0.2.0/24 && command in {LOGIN ACK} || STATUS & DND' capture.pcap
  icq2-dissect -T fields -e frame -e uin -e MESSAGE -E header=y capture.pcap
  icq2-dissect -Y 'expert.severity >= warning' -T fields -e frame -e session -e note capture.pcap
  icq2-dissect -T csv -e time -e command -e seq capture.pcap > pdus.csv
  icq2-dissect -T tabs capture.pcap | cut -f 1,6,9   the list's columns, tab-separated
  icq2-dissect -T fields -e frame -e frames -E occurrence=l -E quote=d capture.pcap
  icq2-dissect mon.pcap tue.pcapng                 several captures as one, frames numbered on
  gunzip -c capture.pcap.gz | icq2-dissect -T ndjson
  icq2-dissect -V <(gunzip -c capture.pcap.gz)     process substitution, named pipes too
  icq2-dissect -G values                           every named value (codes, STATUS bits, countries)
  icq2-dissect --redact -V capture.pcap            share output without passwords
  icq2-dissect -Y 'uin == 1001' --redact -w out.pcap capture.pcap   1001's frames to a capture, no passwords
  icq2-dissect flows capture.pcap --ladder         sessions as a sequence diagram
  icq2-dissect flows -Y 'uin == 1001' capture.pcap   sessions of the PDUs a filter selects (flows -h)
  icq2-dissect -i eth0 -f 'udp port 4000'          live capture through dumpcap; Ctrl-C ends it
  icq2-dissect -D                                  the interfaces dumpcap can capture on
  icq2-dissect -q -z icq2,srt -z io,stat,60 capture.pcap   statistics only (-z help lists them)

jq recipes (on -T ndjson output, one object per line; they paste into bash as they are):
  messages of one user:
    icq2-dissect -T ndjson capture.pcap |
      jq -c 'select(.uin == 1001 and .command.name == "SEND_MESSAGE") |
        {time: .time.absolute, to: (.fields[] | select(.name == "RECEIVER_UIN") | .value),
         text: (.fields[] | select(.name == "MESSAGE") | .value)}'
  all LOGIN X1 values:
    icq2-dissect -T ndjson -Y 'command == LOGIN' capture.pcap | jq -r '.fields[] | select(.name == "X1") | .hex'
  a count of commands:
    icq2-dissect -T ndjson capture.pcap | jq -s 'group_by(.command.name) | map({(.[0].command.name // "?"): length}) | add'
  time between KEEP_ALIVEs of one client (seconds):
    icq2-dissect -T ndjson -Y 'command == KEEP_ALIVE && uin == 1001' capture.pcap |
      jq -s 'map(.time.epoch) | [range(1; length) as $i | .[$i] - .[$i - 1] | . * 1e6 | round / 1e6]'
  the same from time.delta (seconds since the previous displayed PDU):
    icq2-dissect -T ndjson -Y 'command == KEEP_ALIVE && uin == 1001' capture.pcap | jq -c '[.frame, .time.delta]'
  PDUs after a minute or more of silence:
    icq2-dissect -T ndjson capture.pcap |
      jq -s '[range(1; length) as $i | select(.[$i].time.relative - .[$i - 1].time.relative >= 60) | .[$i].frame]'

Exit codes:
  0  success (also when the reader of the output goes away, as with | head -1)
  1  bad usage, bad filter, unreadable or unrecognised file
  2  truncated capture: everything readable was printed first
  130, 143  stopped by Ctrl-C or SIGTERM (temporary files removed first; a live capture ends with 0)`;
