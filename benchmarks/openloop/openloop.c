// Open-loop HTTP/1.1 load at a constant rate, for latency targets stated as "sustains R requests/s with p99
// under L". wrk is closed-loop: each connection waits for its answer before sending again, so it measures
// latency at whatever rate the server saturates at, and a stall also stops the load (coordinated omission).
// Here request i is due at start + i / rate whatever happens; its latency runs from that due time to the end of
// its response, so time spent waiting for a free connection or behind a stall counts against the server.
//
//   openloop -p PORT -r RATE -d SECONDS [-w WARMUP_SECONDS] [-c CONNECTIONS] [-H HOST] REQUESTS_FILE
//
// REQUESTS_FILE holds complete raw requests, each preceded by a line "#request <bytes>"; they are sent in turn,
// cycling. Prints one line: RESULT rps=.. p50_ms=.. p99_ms=.. requests=.. errors=.. p999_ms=.. max_ms=..
// late=.. (late: requests that found no free connection when due). errors counts non-2xx answers and
// connection failures.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <math.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#define MAX_CONNECTIONS 1024
#define BUCKET_US 10                   // latency histogram resolution
#define BUCKETS (10 * 1000 * 1000 / BUCKET_US) // up to 10 s; slower answers land in the last bucket
#define BACKLOG (1 << 16)                      // requests due that may wait for a free connection

typedef struct { char *data; size_t length; } request_t;

typedef struct {
  int fd;
  int busy;            // a request is in flight
  int64_t due_ns;      // when the request in flight was due
  const request_t *request;
  size_t sent;         // bytes of the request written so far
  char buffer[65536];  // response bytes not yet consumed
  size_t filled;
} connection_t;

static request_t *requests;
static size_t request_count, next_request;
static connection_t connections[MAX_CONNECTIONS];
static int connection_count;
static int epoll_fd;
static struct sockaddr_in server;
static uint32_t *histogram;
static int free_list[MAX_CONNECTIONS], free_count; // connections with nothing in flight
static int64_t measure_from;                        // requests due before this are the warm-up
static int64_t recorded, errors, late, max_latency_ns;
static int64_t failures_in_a_row; // connections lost with no answer between them: the server is gone

static int64_t now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static void fail(const char *what) {
  perror(what);
  exit(2);
}

static void load_requests(const char *path) {
  FILE *file = fopen(path, "rb");
  if (!file) fail(path);
  size_t capacity = 1024;
  requests = malloc(capacity * sizeof(request_t));
  char header[64];
  while (fgets(header, sizeof header, file)) {
    size_t length;
    if (sscanf(header, "#request %zu", &length) != 1) {
      fprintf(stderr, "%s: expected '#request <bytes>', got %s", path, header);
      exit(2);
    }
    if (request_count == capacity) requests = realloc(requests, (capacity *= 2) * sizeof(request_t));
    char *data = malloc(length);
    if (fread(data, 1, length, file) != length) fail("short request");
    requests[request_count++] = (request_t){data, length};
  }
  fclose(file);
  if (request_count == 0) {
    fprintf(stderr, "%s: no requests\n", path);
    exit(2);
  }
}

static void open_connection(connection_t *c) {
  c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  if (c->fd < 0) fail("socket");
  int one = 1;
  setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  // A refused connect shows up on the socket (EPOLLERR) like any other failure.
  if (connect(c->fd, (struct sockaddr *)&server, sizeof server) < 0 && errno != EINPROGRESS) fail("connect");
  c->busy = 0;
  c->filled = 0;
  struct epoll_event event = {.events = EPOLLIN | EPOLLOUT | EPOLLET, .data.ptr = c};
  if (epoll_ctl(epoll_fd, EPOLL_CTL_ADD, c->fd, &event) < 0) fail("epoll_ctl");
}

// A failed connection is replaced; the request it carried counts as an error.
static void reopen(connection_t *c) {
  if (++failures_in_a_row > 10 * connection_count) {
    fprintf(stderr, "connections keep failing without an answer: is the server on port %d up?\n", ntohs(server.sin_port));
    exit(1);
  }
  int was_busy = c->busy;
  close(c->fd);
  if (was_busy && c->due_ns >= measure_from) errors++;
  open_connection(c);
  if (was_busy) free_list[free_count++] = (int)(c - connections);
}

static void record(int64_t due_ns, int64_t latency_ns) {
  if (due_ns < measure_from) return;
  int64_t bucket = latency_ns / 1000 / BUCKET_US;
  histogram[bucket < BUCKETS ? bucket : BUCKETS - 1]++;
  recorded++;
  if (latency_ns > max_latency_ns) max_latency_ns = latency_ns;
}

static void write_some(connection_t *c) {
  while (c->busy && c->sent < c->request->length) {
    ssize_t n = send(c->fd, c->request->data + c->sent, c->request->length - c->sent, MSG_NOSIGNAL);
    if (n > 0) {
      c->sent += (size_t)n;
    } else if (n < 0 && (errno == EAGAIN || errno == ENOTCONN)) {
      return; // EPOLLOUT (or the end of the connect) brings us back
    } else {
      reopen(c);
      return;
    }
  }
}

static void send_request(connection_t *c, int64_t due_ns) {
  c->busy = 1;
  c->due_ns = due_ns;
  c->request = &requests[next_request];
  next_request = (next_request + 1) % request_count;
  c->sent = 0;
  write_some(c);
}

// Length of one complete response at the start of the buffer (0: not complete yet); sets *status.
static size_t complete_response(const char *b, size_t n, int *status) {
  const char *end = memmem(b, n, "\r\n\r\n", 4);
  if (!end) return 0;
  size_t header_length = (size_t)(end - b) + 4;
  *status = n > 12 ? atoi(b + 9) : 0;
  long content_length = -1;
  int chunked = 0;
  const char *line = b;
  while (line < end) {
    if (strncasecmp(line, "content-length:", 15) == 0) content_length = atol(line + 15);
    if (strncasecmp(line, "transfer-encoding: chunked", 26) == 0) chunked = 1;
    const char *line_end = memchr(line, '\n', (size_t)(end - line));
    if (!line_end) break;
    line = line_end + 1;
  }
  if (!chunked) {
    size_t total = header_length + (size_t)(content_length < 0 ? 0 : content_length);
    return n >= total ? total : 0;
  }
  size_t at = header_length;
  for (;;) {
    const char *line_end = memmem(b + at, n - at, "\r\n", 2);
    if (!line_end) return 0;
    size_t chunk = strtoul(b + at, NULL, 16);
    at = (size_t)(line_end - b) + 2;
    if (chunk == 0) return n >= at + 2 ? at + 2 : 0; // the empty line after the last chunk (no trailers)
    at += chunk + 2;
    if (at > n) return 0;
  }
}

static void read_some(connection_t *c) {
  for (;;) {
    ssize_t n = read(c->fd, c->buffer + c->filled, sizeof c->buffer - c->filled);
    if (n > 0) {
      c->filled += (size_t)n;
    } else if (n < 0 && errno == EAGAIN) {
      break;
    } else {
      reopen(c);
      return;
    }
    int status;
    size_t length;
    while (c->busy && (length = complete_response(c->buffer, c->filled, &status)) > 0) {
      failures_in_a_row = 0;
      record(c->due_ns, now_ns() - c->due_ns);
      if (c->due_ns >= measure_from && (status < 200 || status > 299)) errors++;
      memmove(c->buffer, c->buffer + length, c->filled - length);
      c->filled -= length;
      c->busy = 0;
      free_list[free_count++] = (int)(c - connections);
    }
    if (c->filled == sizeof c->buffer) {
      fprintf(stderr, "response larger than %zu bytes\n", sizeof c->buffer);
      exit(2);
    }
  }
}

static double percentile_ms(double p) {
  int64_t wanted = (int64_t)ceil(p * (double)recorded), seen = 0;
  if (wanted < 1) wanted = 1;
  for (int64_t i = 0; i < BUCKETS; i++) {
    seen += histogram[i];
    if (seen >= wanted) return i == BUCKETS - 1 ? (double)max_latency_ns / 1e6 : (double)((i + 1) * BUCKET_US) / 1000.0;
  }
  return (double)max_latency_ns / 1e6;
}

int main(int argc, char **argv) {
  const char *host = "127.0.0.1";
  int port = 0;
  double rate = 0, duration = 0, warmup = 0;
  connection_count = 64;
  int option;
  while ((option = getopt(argc, argv, "H:p:r:d:w:c:")) != -1) {
    switch (option) {
      case 'H': host = optarg; break;
      case 'p': port = atoi(optarg); break;
      case 'r': rate = atof(optarg); break;
      case 'd': duration = atof(optarg); break;
      case 'w': warmup = atof(optarg); break;
      case 'c': connection_count = atoi(optarg); break;
      default: return 2;
    }
  }
  if (optind != argc - 1 || port <= 0 || rate <= 0 || duration <= 0 || connection_count < 1 || connection_count > MAX_CONNECTIONS) {
    fprintf(stderr, "usage: %s -p PORT -r RATE -d SECONDS [-w WARMUP_SECONDS] [-c CONNECTIONS] [-H HOST] REQUESTS_FILE\n", argv[0]);
    return 2;
  }
  load_requests(argv[optind]);
  histogram = calloc(BUCKETS, sizeof *histogram);
  server.sin_family = AF_INET;
  server.sin_port = htons((uint16_t)port);
  if (inet_pton(AF_INET, host, &server.sin_addr) != 1) fail("host");

  epoll_fd = epoll_create1(0);
  if (epoll_fd < 0) fail("epoll_create1");
  int timer = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
  struct epoll_event timer_event = {.events = EPOLLIN, .data.ptr = NULL};
  if (timer < 0 || epoll_ctl(epoll_fd, EPOLL_CTL_ADD, timer, &timer_event) < 0) fail("timerfd");
  for (int i = 0; i < connection_count; i++) open_connection(&connections[i]);

  for (int i = 0; i < connection_count; i++) free_list[free_count++] = i;

  const int64_t interval_ns = (int64_t)(1e9 / rate);
  const int64_t start = now_ns() + 100 * 1000000LL; // connections settle first
  measure_from = start + (int64_t)(warmup * 1e9);
  const int64_t stop = measure_from + (int64_t)(duration * 1e9);
  int64_t next_due = start, backlog_due[BACKLOG], timer_armed_at = -1;
  size_t backlog_head = 0, backlog_tail = 0; // requests due but with no free connection, oldest first
  struct epoll_event events[256];

  for (;;) {
    int64_t now = now_ns();
    // Everything due by now goes out: first the backlog, then new requests; late ones wait in the backlog.
    while (next_due <= now && next_due < stop) {
      if (backlog_tail - backlog_head == BACKLOG) {
        fprintf(stderr, "more than %d requests waiting: the server is far below the rate\n", BACKLOG);
        return 1;
      }
      backlog_due[backlog_tail++ % BACKLOG] = next_due;
      next_due += interval_ns;
    }
    while (backlog_tail > backlog_head && free_count > 0) {
      int64_t due = backlog_due[backlog_head++ % BACKLOG];
      if (now - due > 1000000 && due >= measure_from) late++;
      send_request(&connections[free_list[--free_count]], due);
    }
    if (next_due >= stop && backlog_tail == backlog_head && free_count == connection_count) break;
    if (now > stop + 10 * 1000000000LL) {
      fprintf(stderr, "answers still missing 10 s after the end\n");
      // Unanswered and never-sent requests count as errors, and as latencies as long as they waited.
      for (int i = 0; i < connection_count; i++) {
        if (connections[i].busy && connections[i].due_ns >= measure_from) {
          record(connections[i].due_ns, now - connections[i].due_ns);
          errors++;
        }
      }
      for (size_t i = backlog_head; i < backlog_tail; i++) {
        int64_t due = backlog_due[i % BACKLOG];
        if (due >= measure_from) {
          record(due, now - due);
          errors++;
        }
      }
      break;
    }

    // Re-armed only when the next due time moves: most turns of this loop handle answers, not new requests.
    int64_t wake_at = next_due < stop ? next_due : now + 1000000;
    if (wake_at != timer_armed_at) {
      struct itimerspec wake = {.it_value = {.tv_sec = wake_at / 1000000000, .tv_nsec = wake_at % 1000000000}};
      timerfd_settime(timer, TFD_TIMER_ABSTIME, &wake, NULL);
      timer_armed_at = wake_at;
    }
    int ready = epoll_wait(epoll_fd, events, 256, -1);
    if (ready < 0 && errno != EINTR) fail("epoll_wait");
    for (int i = 0; i < ready; i++) {
      connection_t *c = events[i].data.ptr;
      if (!c) {
        uint64_t expirations;
        if (read(timer, &expirations, sizeof expirations) < 0 && errno != EAGAIN) fail("timer");
        continue;
      }
      // An answer may sit in the socket beside the hang-up: read first; the read then sees the end and reopens.
      if (events[i].events & (EPOLLIN | EPOLLERR | EPOLLHUP)) read_some(c);
      if (events[i].events & EPOLLOUT) write_some(c);
    }
  }

  printf("RESULT rps=%.1f p50_ms=%.3f p99_ms=%.3f requests=%lld errors=%lld p999_ms=%.3f max_ms=%.3f late=%lld target_rps=%.0f\n",
         (double)recorded / duration, percentile_ms(0.50), percentile_ms(0.99), (long long)recorded, (long long)errors,
         percentile_ms(0.999), (double)max_latency_ns / 1e6, (long long)late, rate);
  return 0;
}
