/*
 * benchtool: the timing loops of tests/bench/run, in C so that the
 * interpreter's overhead stays out of the figures. Built static by the
 * script (musl-gcc -static -O2) into build/bench/.
 *
 *   spawn REPS CMD... [:: CMD...]...
 *           run every CMD REPS times as PID 1 of a fresh PID namespace
 *           (clone(CLONE_NEWPID), stdin /dev/null), rotating the order
 *           on each repetition; print "<index> <ns>" per run, or
 *           "<index> fail <status>" unless it exits 0
 *   run [--rss] REPS CMD... [:: CMD...]...
 *           fork and exec every CMD REPS times (no new namespace; stdin
 *           and stdout /dev/null), rotating the order on each repetition;
 *           print "<index> <ns> <maxrss KiB> <cpu ns> <status>" per run:
 *           fork to wait4, wait4's ru_maxrss and user + system time. A
 *           small static launcher: ru_maxrss keeps the largest RSS of the
 *           process before its exec too, a few KiB here (an interpreter's
 *           fork would put its megabytes in every figure). --rss: traced
 *           (PTRACE_O_TRACEEXIT), the line goes on with "<VmHWM> <RssAnon>
 *           <RssFile>" (KiB) of /proc/PID/status as the process exits,
 *           exact where ru_maxrss comes from per-CPU counters that can
 *           miss a small process's pages (Linux 6.2 and later); the stops
 *           slow the run down, so time it without --rss
 *   rtt N PID,FD...
 *           N rounds; in each, every PID in turn (rotating the order) gets
 *           a SIGUSR1, then one line is awaited on its FD; print
 *           "<index> <ns>" per round trip ("<index> lost" after 2 s)
 *   burst PID N
 *           drain stdin in a child; send N SIGUSR1 to PID as fast as
 *           possible; report whether PID is still alive; send SIGTERM
 *           and wait for EOF on stdin (every writer gone)
 *   orphans N
 *           leave N orphaned zombies to PID 1, then print how long the
 *           init took to reap them all ("reap_ns <ns>"); exit 0
 *   flood FIFO FD BYTES LINELEN [STALL_EVERY_MB STALL_MS]
 *           a writer child opens FIFO and writes BYTES (rounded down to
 *           whole writes) of LINELEN-byte lines, newline included, in
 *           writes of whole lines of at most 64 KiB; this process reads FD
 *           (1 MiB reads) until as many bytes arrived (or the writer
 *           failed, or 120 s passed), stalling STALL_MS
 *           after every STALL_EVERY_MB MiB read; prints "ns <ns>" (the
 *           writer's open(2) returning -> the last byte read) and
 *           "bytes <n>", exit 1 on EOF before the end
 *   syslog SOCK FD N SIZE
 *           a sender child sends N datagrams "<14>bench: x...x" of SIZE
 *           bytes with blocking send(2) to the unix datagram socket SOCK;
 *           this process reads FD until N lines arrived; prints "ns <ns>"
 *           (first send -> last line) and "lines <n>"
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long
num(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end) {
		fprintf(stderr, "benchtool: bad number '%s'\n", s);
		exit(2);
	}
	return v;
}

static int
mode_spawn(int argc, char **argv)
{
	char **cmds[64];
	int ncmd = 0, i, rep, reps, k, status, devnull;
	long long t0, t1;
	pid_t pid;

	if (argc < 2)
		return 2;
	reps = (int)num(argv[0]);
	cmds[ncmd++] = &argv[1];
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "::") == 0) {
			argv[i] = NULL;
			if (i + 1 < argc && ncmd < 64)
				cmds[ncmd++] = &argv[i + 1];
		}
	}
	devnull = open("/dev/null", O_RDONLY);
	if (devnull < 0)
		return 2;
	for (rep = 0; rep < reps; rep++) {
		for (k = 0; k < ncmd; k++) {
			int c = (k + rep) % ncmd;

			t0 = now();
			/* fork semantics, new PID namespace: the child is PID 1 */
			pid = (pid_t)syscall(SYS_clone, CLONE_NEWPID | SIGCHLD,
			    0, 0, 0, 0);
			if (pid < 0) {
				perror("benchtool: clone");
				return 2;
			}
			if (pid == 0) {
				dup2(devnull, 0);
				execv(cmds[c][0], cmds[c]);
				_exit(127);
			}
			while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
				;
			t1 = now();
			if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
				printf("%d fail %#x\n", c, status);
			else
				printf("%d %lld\n", c, t1 - t0);
		}
	}
	return 0;
}

/* VmHWM, RssAnon and RssFile of /proc/PID/status, KiB, -1 if missing */
static void
mem_at_exit(pid_t pid, long kib[3])
{
	static const char *const key[3] = { "VmHWM:", "RssAnon:", "RssFile:" };
	char path[64], line[256];
	FILE *f;
	int i;

	kib[0] = kib[1] = kib[2] = -1;
	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return;
	while (fgets(line, sizeof(line), f))
		for (i = 0; i < 3; i++)
			if (strncmp(line, key[i], strlen(key[i])) == 0)
				kib[i] = strtol(line + strlen(key[i]), NULL, 10);
	fclose(f);
}

/* the traced child from its exec stop to its end; fills kib at its exit */
static pid_t
traced_wait(pid_t pid, int *status, struct rusage *ru, long kib[3])
{
	int sig;

	kib[0] = kib[1] = kib[2] = -1;
	while (wait4(pid, status, 0, ru) < 0)	/* the SIGTRAP of execve */
		if (errno != EINTR)
			return -1;
	if (!WIFSTOPPED(*status))
		return pid;	/* exec failed: _exit(127) */
	ptrace(PTRACE_SETOPTIONS, pid, 0,
	    (void *)(long)(PTRACE_O_TRACEEXIT | PTRACE_O_EXITKILL));
	ptrace(PTRACE_CONT, pid, 0, 0);
	for (;;) {
		if (wait4(pid, status, 0, ru) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (!WIFSTOPPED(*status))
			return pid;
		sig = WSTOPSIG(*status);
		if (*status >> 8 == (SIGTRAP | (PTRACE_EVENT_EXIT << 8))) {
			mem_at_exit(pid, kib);
			sig = 0;
		} else if (sig == SIGTRAP) {
			sig = 0;
		}
		ptrace(PTRACE_CONT, pid, 0, (void *)(long)sig);
	}
}

static int
mode_run(int argc, char **argv)
{
	char **cmds[64];
	int ncmd = 0, i, rep, reps, k, status, devnull, rss = 0;
	long long t0, t1;
	struct rusage ru;
	long kib[3];
	pid_t pid;

	if (argc > 0 && strcmp(argv[0], "--rss") == 0) {
		rss = 1;
		argc--;
		argv++;
	}
	if (argc < 2)
		return 2;
	reps = (int)num(argv[0]);
	cmds[ncmd++] = &argv[1];
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "::") == 0) {
			argv[i] = NULL;
			if (i + 1 < argc && ncmd < 64)
				cmds[ncmd++] = &argv[i + 1];
		}
	}
	devnull = open("/dev/null", O_RDWR);
	if (devnull < 0)
		return 2;
	for (rep = 0; rep < reps; rep++) {
		for (k = 0; k < ncmd; k++) {
			int c = (k + rep) % ncmd;

			t0 = now();
			pid = fork();
			if (pid < 0) {
				perror("benchtool: fork");
				return 2;
			}
			if (pid == 0) {
				dup2(devnull, 0);
				dup2(devnull, 1);
				if (rss && ptrace(PTRACE_TRACEME, 0, 0, 0) < 0)
					_exit(126);
				execv(cmds[c][0], cmds[c]);
				_exit(127);
			}
			if (rss) {
				if (traced_wait(pid, &status, &ru, kib) < 0) {
					perror("benchtool: wait4");
					return 2;
				}
			} else {
				while (wait4(pid, &status, 0, &ru) < 0 &&
				    errno == EINTR)
					;
			}
			t1 = now();
			printf("%d %lld %ld %lld %d", c, t1 - t0, ru.ru_maxrss,
			    (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) *
			    1000000000LL + (ru.ru_utime.tv_usec +
			    ru.ru_stime.tv_usec) * 1000LL,
			    WIFEXITED(status) ? WEXITSTATUS(status) :
			    128 + WTERMSIG(status));
			if (rss)
				printf(" %ld %ld %ld", kib[0], kib[1], kib[2]);
			printf("\n");
		}
	}
	return 0;
}

/* read until a newline arrives on fd; 0 on success, -1 on timeout/EOF */
static int
read_line(int fd, int timeout_ms)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	char buf[256];
	ssize_t n;

	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n > 0) {
			if (memchr(buf, '\n', (size_t)n))
				return 0;
			continue;
		}
		if (n == 0)
			return -1;
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN)
			return -1;
		if (poll(&pfd, 1, timeout_ms) <= 0)
			return -1;
	}
}

/*
 * rtt N PID,FD...: N rounds; in each, every target in turn (rotating the
 * order) gets one SIGUSR1 and one line back on its FD. Interleaving the
 * targets sample by sample spreads the machine's noise over all of them.
 */
static int
mode_rtt(long n, int nt, char **targets)
{
	pid_t pid[16];
	int fd[16], k, lost = 0;
	long i;
	long long t0, t1;
	static char out[1 << 16];
	char *comma;

	if (nt < 1 || nt > 16)
		return 2;
	for (k = 0; k < nt; k++) {
		comma = strchr(targets[k], ',');
		if (!comma)
			return 2;
		*comma = '\0';
		pid[k] = (pid_t)num(targets[k]);
		fd[k] = (int)num(comma + 1);
		/* nonblocking only to enforce the timeout */
		fcntl(fd[k], F_SETFL, fcntl(fd[k], F_GETFL) | O_NONBLOCK);
	}
	setvbuf(stdout, out, _IOFBF, sizeof(out));
	for (i = 0; i < n; i++) {
		for (int j = 0; j < nt; j++) {
			k = (int)((j + i) % nt);
			t0 = now();
			if (kill(pid[k], SIGUSR1) < 0) {
				perror("benchtool: kill");
				return 1;
			}
			if (read_line(fd[k], 2000) < 0) {
				printf("%d lost\n", k);
				if (++lost > 3)
					return 1;
				continue;
			}
			t1 = now();
			printf("%d %lld\n", k, t1 - t0);
		}
	}
	for (k = 0; k < nt; k++)
		fcntl(fd[k], F_SETFL, fcntl(fd[k], F_GETFL) & ~O_NONBLOCK);
	return 0;
}

static int
alive(pid_t pid)
{
	char path[64], buf[512], *p;
	int fd;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	p = strrchr(buf, ')');
	return p && p[1] == ' ' && p[2] != 'Z' && p[2] != 'X';
}

static int
mode_burst(pid_t pid, long n)
{
	int p[2], status;
	pid_t drainer;
	long i, errs = 0;
	long long t0, t1, t2, t3, lines = 0;
	char buf[4096];
	ssize_t r;

	if (pipe(p) < 0)
		return 2;
	drainer = fork();
	if (drainer == 0) {
		close(p[0]);
		while ((r = read(0, buf, sizeof(buf))) != 0) {
			if (r < 0) {
				if (errno == EINTR)
					continue;
				break;
			}
			for (ssize_t j = 0; j < r; j++)
				lines += buf[j] == '\n';
		}
		t3 = now();
		(void)!write(p[1], &t3, sizeof(t3));
		(void)!write(p[1], &lines, sizeof(lines));
		_exit(0);
	}
	close(p[1]);
	close(0);
	t0 = now();
	for (i = 0; i < n; i++)
		if (kill(pid, SIGUSR1) < 0)
			errs++;
	t1 = now();
	printf("burst_ns %lld\nkill_errors %ld\nalive %d\n", t1 - t0, errs,
	    alive(pid));
	t2 = now();
	kill(pid, SIGTERM);
	if (read(p[0], &t3, sizeof(t3)) != sizeof(t3) ||
	    read(p[0], &lines, sizeof(lines)) != sizeof(lines))
		return 1;
	waitpid(drainer, &status, 0);
	printf("term_ns %lld\nreplies %lld\n", t3 - t2, lines);
	return 0;
}

static int
mode_orphans(long n)
{
	pid_t mid, *kids;
	int p[2];
	long i, cur = 0;
	long long t0, t1;
	struct timespec ts = { 0, 100 * 1000 };

	kids = calloc((size_t)n, sizeof(*kids));
	if (!kids || pipe(p) < 0)
		return 2;
	mid = fork();
	if (mid < 0)
		return 2;
	if (mid == 0) {
		close(p[0]);
		for (i = 0; i < n; i++) {
			kids[i] = fork();
			if (kids[i] == 0)
				_exit(0);
			if (kids[i] < 0)
				_exit(3);
		}
		/* wait until every one is a zombie (WNOWAIT: left unreaped) */
		for (i = 0; i < n; i++) {
			siginfo_t si;

			while (waitid(P_PID, (id_t)kids[i], &si,
			    WEXITED | WNOWAIT) < 0 && errno == EINTR)
				;
		}
		if (write(p[1], kids, (size_t)n * sizeof(*kids)) < 0)
			_exit(3);
		/* leave: the zombies go to PID 1 */
		_exit(0);
	}
	close(p[1]);
	{
		size_t want = (size_t)n * sizeof(*kids), got = 0;
		ssize_t r;

		while (got < want) {
			r = read(p[0], (char *)kids + got, want - got);
			if (r <= 0)
				return 2;
			got += (size_t)r;
		}
	}
	/* the zombies change parent when mid exits */
	waitpid(mid, NULL, 0);
	t0 = now();
	/* a zombie still answers kill(pid, 0); ESRCH once it is reaped */
	for (;;) {
		while (cur < n && kill(kids[cur], 0) < 0 && errno == ESRCH)
			cur++;
		if (cur == n)
			break;
		if (now() - t0 > 30LL * 1000000000LL) {
			printf("reap_timeout %ld\n", n - cur);
			return 1;
		}
		nanosleep(&ts, NULL);
	}
	t1 = now();
	printf("reap_ns %lld\n", t1 - t0);
	return 0;
}

static volatile sig_atomic_t got_chld, got_alrm;

static void
on_sig(int sig)
{
	if (sig == SIGCHLD)
		got_chld = 1;
	else
		got_alrm = 1;
}

/*
 * The reader's guard: SIGCHLD and SIGALRM interrupt read(2) (no
 * SA_RESTART), so that a writer that failed, or 120 s without the end,
 * stop the wait instead of hanging it.
 */
static void
guard(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sig;
	sigaction(SIGCHLD, &sa, NULL);
	sigaction(SIGALRM, &sa, NULL);
	alarm(120);
}

/* After EINTR: 1 if the wait should stop (writer failed, or time out). */
static int
guard_stop(pid_t w, int *status, int *reaped)
{
	if (got_alrm) {
		fprintf(stderr, "benchtool: timed out\n");
		return 1;
	}
	if (got_chld && !*reaped && waitpid(w, status, WNOHANG) == w) {
		*reaped = 1;
		return *status != 0;
	}
	return 0;
}

/* Shared with the writer child: when its open(2) returned. */
static volatile long long *
shared_stamp(void)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		perror("benchtool: mmap");
		exit(2);
	}
	return p;
}

static void
flood_writer(const char *fifo, long long total, long linelen,
    volatile long long *t0)
{
	static char buf[1 << 16];
	long per = (long)sizeof(buf) / linelen, i;
	size_t chunk = (size_t)(per * linelen);
	long long left = total;
	ssize_t w;
	int fd;

	for (i = 0; i < per; i++) {
		memset(buf + i * linelen, 'a' + (int)(i % 26),
		    (size_t)linelen - 1);
		buf[i * linelen + linelen - 1] = '\n';
	}
	fd = open(fifo, O_WRONLY);
	if (fd < 0) {
		perror("benchtool: open fifo");
		_exit(3);
	}
	*t0 = now();
	while (left > 0) {
		size_t off = 0;

		while (off < chunk) {
			w = write(fd, buf + off, chunk - off);
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0) {
				perror("benchtool: write fifo");
				_exit(3);
			}
			off += (size_t)w;
		}
		left -= (long long)chunk;
	}
	close(fd);
	_exit(0);
}

static int
mode_flood(const char *fifo, int fd, long long bytes, long linelen,
    long stall_mb, long stall_ms)
{
	static char buf[1 << 20];
	volatile long long *t0 = shared_stamp();
	long chunk;
	long long got = 0, next_stall, t1;
	ssize_t n;
	pid_t w;
	int status = 0, reaped = 0;

	if (linelen < 1 || linelen > 65536)
		return 2;
	chunk = (65536 / linelen) * linelen;
	bytes -= bytes % chunk;
	next_stall = stall_mb > 0 ? stall_mb << 20 : -1;
	w = fork();
	if (w < 0)
		return 2;
	if (w == 0)
		flood_writer(fifo, bytes, linelen, t0);
	guard();
	while (got < bytes) {
		n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR) {
			if (guard_stop(w, &status, &reaped))
				break;
			continue;
		}
		if (n <= 0)
			break;
		got += n;
		if (next_stall > 0 && got >= next_stall && got < bytes) {
			struct timespec ts = { stall_ms / 1000,
			    (stall_ms % 1000) * 1000000 };

			nanosleep(&ts, NULL);
			next_stall += stall_mb << 20;
		}
	}
	t1 = now();
	alarm(0);
	if (!reaped) {
		if (got < bytes)
			kill(w, SIGKILL);
		while (waitpid(w, &status, 0) < 0 && errno == EINTR)
			;
	}
	printf("ns %lld\nbytes %lld\nwriter %d\n", t1 - *t0, got, status);
	return got == bytes && status == 0 ? 0 : 1;
}

static void
syslog_sender(const char *path, long count, long size,
    volatile long long *t0)
{
	struct sockaddr_un sa;
	char msg[65536];
	int fd, hl;
	long i;

	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		perror("benchtool: connect");
		_exit(3);
	}
	hl = snprintf(msg, sizeof(msg), "<14>bench: ");
	if (size < hl + 1 || size > (long)sizeof(msg))
		_exit(2);
	memset(msg + hl, 'x', (size_t)(size - hl));
	*t0 = now();
	for (i = 0; i < count; i++) {
		while (send(fd, msg, (size_t)size, 0) < 0) {
			if (errno != EINTR && errno != ENOBUFS &&
			    errno != EAGAIN) {
				perror("benchtool: send");
				_exit(3);
			}
		}
	}
	_exit(0);
}

static int
mode_syslog(const char *path, int fd, long count, long size)
{
	static char buf[1 << 20];
	volatile long long *t0 = shared_stamp();
	long long lines = 0, t1;
	ssize_t n;
	pid_t w;
	int status = 0, reaped = 0;
	char *p, *end;

	w = fork();
	if (w < 0)
		return 2;
	if (w == 0)
		syslog_sender(path, count, size, t0);
	guard();
	while (lines < count) {
		n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR) {
			if (guard_stop(w, &status, &reaped))
				break;
			continue;
		}
		if (n <= 0)
			break;
		for (p = buf, end = buf + n;
		    (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
			lines++;
	}
	t1 = now();
	alarm(0);
	if (!reaped) {
		if (lines < count)
			kill(w, SIGKILL);
		while (waitpid(w, &status, 0) < 0 && errno == EINTR)
			;
	}
	printf("ns %lld\nlines %lld\nsender %d\n", t1 - *t0, lines, status);
	return lines == count && status == 0 ? 0 : 1;
}

int
main(int argc, char **argv)
{
	const char *m = argc > 1 ? argv[1] : "";

	if (strcmp(m, "spawn") == 0)
		return mode_spawn(argc - 2, argv + 2);
	if (strcmp(m, "run") == 0)
		return mode_run(argc - 2, argv + 2);
	if (strcmp(m, "rtt") == 0 && argc > 3)
		return mode_rtt(num(argv[2]), argc - 3, argv + 3);
	if (strcmp(m, "burst") == 0 && argc == 4)
		return mode_burst((pid_t)num(argv[2]), num(argv[3]));
	if (strcmp(m, "orphans") == 0 && argc == 3)
		return mode_orphans(num(argv[2]));
	if (strcmp(m, "flood") == 0 && (argc == 6 || argc == 8))
		return mode_flood(argv[2], (int)num(argv[3]), num(argv[4]),
		    num(argv[5]), argc == 8 ? num(argv[6]) : 0,
		    argc == 8 ? num(argv[7]) : 0);
	if (strcmp(m, "syslog") == 0 && argc == 6)
		return mode_syslog(argv[2], (int)num(argv[3]), num(argv[4]),
		    num(argv[5]));
	fprintf(stderr, "usage: benchtool spawn REPS CMD... [:: CMD...]... | "
	    "run [--rss] REPS CMD... [:: CMD...]... | rtt N PID,FD... | burst PID N | orphans N | "
	    "flood FIFO FD BYTES LINELEN [STALL_EVERY_MB STALL_MS] | "
	    "syslog SOCK FD N SIZE\n");
	return 2;
}
