#!/usr/bin/env bash
# Raw HTTP requests for openloop and wrk:
#   requests.sh put-progress TOKENS_FILE HOST:PORT   PUT /api/v1/progress/{id} (put-progress.lua sends these too):
#                                                    one token per line, each user reporting on 20 titles, 3,200
#                                                    requests cycled
#   requests.sh get PATH TOKEN HOST:PORT             one authenticated GET
set -euo pipefail
case "$1" in
  put-progress)
    awk -v host="$3" '
      { tokens[NR] = $0 }
      END {
        for (counter = 1; counter <= 3200; counter++) {
          body = sprintf("{\"positionSeconds\":%d,\"durationSeconds\":6000,\"state\":\"playing\"}", (counter * 7) % 5000)
          request = sprintf("PUT /api/v1/progress/title-%d HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\n" \
            "Content-Type: application/json\r\nX-Device-Id: bench-tv\r\nContent-Length: %d\r\n\r\n%s",
            counter % 20, host, tokens[(counter % NR) + 1], length(body), body)
          printf "#request %d\n%s", length(request), request
        }
      }' "$2"
    ;;
  get)
    awk -v path="$2" -v token="$3" -v host="$4" 'BEGIN {
      request = sprintf("GET %s HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\n\r\n", path, host, token)
      printf "#request %d\n%s", length(request), request
    }'
    ;;
  *) echo "usage: $0 put-progress TOKENS_FILE HOST:PORT | get PATH TOKEN HOST:PORT" >&2; exit 2 ;;
esac
