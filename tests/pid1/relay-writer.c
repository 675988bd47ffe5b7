/*
 * relay-writer: a log writer for tests/pid1/relay, built by that script
 * into build/pid1/relay-writer. It pushes BYTES of numbered, self-checking
 * lines into a log source of tend as fast as it can:
 *
 *   relay-writer fifo|file|syslog PATH ID BYTES [--reopen N] [--report FD]
 *
 *   fifo      open PATH (which must exist) for writing
 *   file      open PATH for appending, created 0644 if missing
 *   syslog    send each line as one datagram to the unix socket PATH,
 *             RFC 3164 framed: "<PRI>Nov 25 18:00:00 relay[PID]: MSG"
 *
 * MSG is "w<ID> <SEQ> <CRC> <PAYLOAD>": SEQ counts from 0, CRC is the
 * CRC-32 (zlib's) of PAYLOAD in 8 hex digits. A line of a fifo or file is
 * MSG and a newline, 1 to 4096 (PIPE_BUF) bytes of mixed sizes, written
 * with one write(2): a FIFO keeps it whole among other writers (pipe(7)).
 * PAYLOAD is any byte but '\n' (for syslog also no NUL: the relay drops
 * trailing NULs). The syslog PRI is SEQ * 7 % 192, so every facility and
 * severity comes by.
 *
 * --reopen N  close and reopen PATH after every N lines
 * --report FD when done, write "sum w<ID> <LINES> <SUM>" to FD with one
 *             write(2), SUM being the sum of the CRC-32 of every MSG,
 *             modulo 2^64, in decimal; also "start w<ID> <PID>" at start
 *
 * Exit 0 when every line went out, 1 on the first error.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define LINE_MAX_BYTES	4096

enum mode {
	MODE_FIFO,
	MODE_FILE,
	MODE_SYSLOG,
};

static uint32_t crc_table[256];

static void
crc_init(void)
{
	uint32_t c;
	int i, k;

	for (i = 0; i < 256; i++) {
		c = (uint32_t)i;
		for (k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
		crc_table[i] = c;
	}
}

static uint32_t
crc32(const unsigned char *p, size_t n)
{
	uint32_t c = 0xffffffffu;

	while (n-- > 0)
		c = crc_table[(c ^ *p++) & 0xff] ^ (c >> 8);
	return c ^ 0xffffffffu;
}

/* xorshift64*: the same lines on every run of one ID */
static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ull;
}

static long
num(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0) {
		fprintf(stderr, "relay-writer: bad number '%s'\n", s);
		exit(2);
	}
	return v;
}

/* Total line length, newline included: small, medium, large, bounds. */
static size_t
line_len(uint64_t *s)
{
	uint64_t r = rnd(s), k = r % 100;

	r >>= 8;
	if (k < 45)
		return 1 + r % 200;
	if (k < 75)
		return 200 + r % 1300;
	if (k < 97)
		return 1500 + r % (LINE_MAX_BYTES - 1500 + 1);
	return k < 99 ? LINE_MAX_BYTES : 1;
}

static int
open_target(enum mode m, const char *path)
{
	struct sockaddr_un sa;
	int fd;

	if (m == MODE_FIFO)
		return open(path, O_WRONLY | O_CLOEXEC);
	if (m == MODE_FILE)
		return open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
		    0644);
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sa.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(sa.sun_path, path, strlen(path));
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	/* connected and blocking: a full queue makes send(2) wait */
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static int
put(int fd, const char *buf, size_t n)
{
	ssize_t w;

	for (;;) {
		w = write(fd, buf, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w == (ssize_t)n)
			return 0;
		if (w >= 0)
			errno = EIO;	/* a short write splits a line */
		return -1;
	}
}

int
main(int argc, char **argv)
{
	static char line[LINE_MAX_BYTES + 128];
	const char *path;
	enum mode m;
	uint64_t s, sum = 0, seq = 0, bytes, done = 0;
	long id, reopen = 0, report = -1;
	size_t len, hdr, n, i, pay;
	char rep[128], *msg;
	unsigned char c;
	int fd, a, k;
	uint32_t crc;

	if (argc < 5) {
		fprintf(stderr, "usage: relay-writer fifo|file|syslog PATH ID "
		    "BYTES [--reopen N] [--report FD]\n");
		return 2;
	}
	if (strcmp(argv[1], "fifo") == 0)
		m = MODE_FIFO;
	else if (strcmp(argv[1], "file") == 0)
		m = MODE_FILE;
	else if (strcmp(argv[1], "syslog") == 0)
		m = MODE_SYSLOG;
	else {
		fprintf(stderr, "relay-writer: bad mode '%s'\n", argv[1]);
		return 2;
	}
	path = argv[2];
	id = num(argv[3]);
	bytes = (uint64_t)num(argv[4]);
	for (a = 5; a < argc; a++) {
		if (strcmp(argv[a], "--reopen") == 0 && a + 1 < argc)
			reopen = num(argv[++a]);
		else if (strcmp(argv[a], "--report") == 0 && a + 1 < argc)
			report = num(argv[++a]);
		else {
			fprintf(stderr, "relay-writer: bad argument '%s'\n",
			    argv[a]);
			return 2;
		}
	}
	crc_init();
	s = 0x9e3779b97f4a7c15ull * (uint64_t)(id + 1);
	if (report >= 0) {
		k = snprintf(rep, sizeof(rep), "start w%ld %ld\n", id,
		    (long)getpid());
		(void)!write((int)report, rep, (size_t)k);
	}
	if ((fd = open_target(m, path)) < 0) {
		fprintf(stderr, "relay-writer: cannot open %s: %s\n", path,
		    strerror(errno));
		return 1;
	}
	while (done < bytes) {
		/* syslog: the 3164 header first, MSG after it */
		if (m == MODE_SYSLOG)
			hdr = (size_t)snprintf(line, sizeof(line),
			    "<%u>Nov 25 18:00:00 relay[%ld]: ",
			    (unsigned)(seq * 7 % 192), (long)getpid());
		else
			hdr = 0;
		msg = line + hdr;
		n = (size_t)snprintf(msg, 64, "w%ld %llu %08x ", id,
		    (unsigned long long)seq, 0u);
		len = line_len(&s);
		if (m == MODE_SYSLOG && len > LINE_MAX_BYTES - hdr)
			len = LINE_MAX_BYTES - hdr;
		/* len counts the newline; the header alone may exceed it */
		pay = len > n + 1 ? len - n - 1 : 0;
		for (i = 0; i < pay; i++) {
			do
				c = (unsigned char)(rnd(&s) >> 56);
			while (c == '\n' || (m == MODE_SYSLOG && c == '\0'));
			msg[n + i] = (char)c;
		}
		crc = crc32((unsigned char *)msg + n, pay);
		/* the CRC goes where the zeros were: same length */
		snprintf(rep, sizeof(rep), "%08x", crc);
		memcpy(msg + n - 9, rep, 8);
		sum += crc32((unsigned char *)msg, n + pay);
		n += pay;
		if (m != MODE_SYSLOG)
			msg[n++] = '\n';
		if (put(fd, line, hdr + n) < 0) {
			fprintf(stderr, "relay-writer: cannot write %s: %s\n",
			    path, strerror(errno));
			return 1;
		}
		done += hdr + n;
		seq++;
		if (reopen > 0 && seq % (uint64_t)reopen == 0 && done < bytes) {
			close(fd);
			if ((fd = open_target(m, path)) < 0) {
				fprintf(stderr, "relay-writer: cannot reopen "
				    "%s: %s\n", path, strerror(errno));
				return 1;
			}
		}
	}
	if (close(fd) < 0)
		return 1;
	if (report >= 0) {
		k = snprintf(rep, sizeof(rep), "sum w%ld %llu %llu\n", id,
		    (unsigned long long)seq, (unsigned long long)sum);
		(void)!write((int)report, rep, (size_t)k);
	}
	return 0;
}
