/*
 * tend-helper: a small static program the PID 1, OCI and Docker tests run
 * under tend. Every mode that waits for signals says "ready" first, so a
 * test synchronises on that line, never on a sleep (dumb-init's
 * testing/print_signals.py does the same).
 *
 *   exit N                  exit with status N
 *   raise SIG               die by SIG (default disposition)
 *   signals [--children N] [--exit-on SIG]
 *                           print "ready", then "<pid> sig <num> <name>" for
 *                           every signal received (children too, same process
 *                           group); exit 0 after --exit-on (default TERM)
 *   status                  print pid/pgid/sid, tty foreground, cwd, SigBlk,
 *                           SigIgn, open fds, uid/gid, then exit 0
 *   orphans N               leave N orphaned zombies to the init, then poll
 *                           /proc until they are reaped; exit 0 when none is
 *                           left, 1 if some remain after 20 s
 *   stubborn CODE [N]       fork N (default 1) processes (a child and
 *                           grandchildren) that print "<pid> term" on SIGTERM
 *                           and keep running; print "ready <pids>", exit CODE
 *   tty                     interactive: print "fg yes|no", then report INT,
 *                           TSTP, TTIN, TTOU; write to the tty; exit 0 on a
 *                           line "q" read from stdin
 *   sleep                   wait forever (signals keep their dispositions)
 *   pingpong                print "ready"; write one line per SIGUSR1;
 *                           exit 0 on SIGTERM (benchmark)
 *   write PATH LINE...      open PATH for appending (a FIFO or a file,
 *                           created 0644 if missing), write each LINE and a
 *                           newline with one write(2) each, close; exit 0
 *   syslog PATH PRI TEXT    send the datagram "<PRI>TEXT" to the unix
 *                           datagram socket PATH; exit 0
 *   show [PATH...]          print the Uid, Gid and Groups lines of
 *                           /proc/self/status, then the content of each
 *                           PATH as it is; exit 0, 1 if one cannot be read
 *   listen ADDR PORT        listen on the IPv4 TCP address ADDR:PORT, print
 *                           "listening", accept and close connections until
 *                           killed; exit 1 if it cannot listen
 *   http ADDR PORT [DOWN]   listen as above, print "listening", then answer
 *                           each request (read up to its blank line) with
 *                           HTTP/1.1 200 and the body "ok", or 503 once the
 *                           file DOWN exists, and close; until killed
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static void
say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
say(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(buf))
		n = sizeof(buf) - 1;
	/* one write per line: lines of several processes never mix */
	(void)write(STDOUT_FILENO, buf, (size_t)n);
}

static long
num(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end) {
		fprintf(stderr, "tend-helper: bad number '%s'\n", s);
		exit(2);
	}
	return v;
}

static const struct {
	const char *name;
	int sig;
} names[] = {
	{ "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT },
	{ "ILL", SIGILL }, { "TRAP", SIGTRAP }, { "ABRT", SIGABRT },
	{ "BUS", SIGBUS }, { "FPE", SIGFPE }, { "KILL", SIGKILL },
	{ "USR1", SIGUSR1 }, { "SEGV", SIGSEGV }, { "USR2", SIGUSR2 },
	{ "PIPE", SIGPIPE }, { "ALRM", SIGALRM }, { "TERM", SIGTERM },
	{ "STKFLT", SIGSTKFLT }, { "CHLD", SIGCHLD }, { "CONT", SIGCONT },
	{ "STOP", SIGSTOP }, { "TSTP", SIGTSTP }, { "TTIN", SIGTTIN },
	{ "TTOU", SIGTTOU }, { "URG", SIGURG }, { "XCPU", SIGXCPU },
	{ "XFSZ", SIGXFSZ }, { "VTALRM", SIGVTALRM }, { "PROF", SIGPROF },
	{ "WINCH", SIGWINCH }, { "IO", SIGIO }, { "PWR", SIGPWR },
	{ "SYS", SIGSYS },
};

static int
signum(const char *s)
{
	size_t i;

	if (strncmp(s, "SIG", 3) == 0)
		s += 3;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i].name) == 0)
			return names[i].sig;
	if (strncmp(s, "RTMIN+", 6) == 0)
		return 34 + (int)num(s + 6);
	return (int)num(s);
}

static const char *
signame(int sig, char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].sig == sig)
			return names[i].name;
	if (sig >= 34 && sig <= (NSIG - 1)) {
		snprintf(buf, len, "RTMIN+%d", sig - 34);
		return buf;
	}
	snprintf(buf, len, "%d", sig);
	return buf;
}

static int
mode_signals(int argc, char **argv)
{
	sigset_t all;
	siginfo_t si;
	int children = 0, exit_on = SIGTERM, i, sig;
	char buf[32];

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--children") == 0 && i + 1 < argc)
			children = (int)num(argv[++i]);
		else if (strcmp(argv[i], "--exit-on") == 0 && i + 1 < argc)
			exit_on = signum(argv[++i]);
	}
	/* every signal, 32-34 too: musl's sigfillset leaves those out */
	memset(&all, 0xff, sizeof(all));
	sigprocmask(SIG_BLOCK, &all, NULL);
	for (i = 0; i < children; i++) {
		if (fork() == 0)
			break;
	}
	if (i == children)
		say("ready\n");
	else
		say("child-ready\n");
	for (;;) {
		sig = sigwaitinfo(&all, &si);
		if (sig < 0) {
			if (errno == EINTR)
				continue;
			return 3;
		}
		if (sig == SIGCHLD) {
			while (waitpid(-1, NULL, WNOHANG) > 0)
				;
			continue;
		}
		say("%d sig %d %s\n", (int)getpid(), sig,
		    signame(sig, buf, sizeof(buf)));
		if (sig == exit_on)
			return 0;
	}
}

static void
print_status_field(const char *field)
{
	char line[256];
	FILE *f = fopen("/proc/self/status", "r");
	size_t n = strlen(field);

	if (!f) {
		say("%s unknown\n", field);
		return;
	}
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, field, n) == 0 && line[n] == ':')
			say("%s", line);
	fclose(f);
}

static int
mode_status(void)
{
	char cwd[4096], fds[1024];
	size_t off = 0;
	DIR *d;
	struct dirent *e;
	int self;

	say("pid %d ppid %d pgid %d sid %d\n", (int)getpid(), (int)getppid(),
	    (int)getpgrp(), (int)getsid(0));
	if (isatty(STDIN_FILENO))
		say("tty fg %s\n",
		    tcgetpgrp(STDIN_FILENO) == getpgrp() ? "yes" : "no");
	else
		say("tty none\n");
	say("cwd %s\n", getcwd(cwd, sizeof(cwd)) ? cwd : "?");
	say("uid %d gid %d\n", (int)getuid(), (int)getgid());
	print_status_field("SigBlk");
	print_status_field("SigIgn");
	d = opendir("/proc/self/fd");
	if (!d) {
		say("fds unknown\n");
		return 0;
	}
	self = dirfd(d);
	while ((e = readdir(d)))
		if (e->d_name[0] != '.' && atoi(e->d_name) != self)
			off += (size_t)snprintf(fds + off, sizeof(fds) - off,
			    " %s", e->d_name);
	closedir(d);
	say("fds%s\n", fds);
	return 0;
}

static int
mode_orphans(long n)
{
	pid_t mid, *kids;
	int p[2], left;
	long i;
	struct timespec ts = { 0, 20 * 1000 * 1000 };
	char path[64];

	kids = calloc((size_t)n, sizeof(*kids));
	if (!kids || pipe(p) < 0)
		return 2;
	mid = fork();
	if (mid == 0) {
		close(p[0]);
		for (i = 0; i < n; i++) {
			pid_t k = fork();

			if (k == 0)
				_exit(0);
			if (k < 0)
				_exit(3);
			(void)!write(p[1], &k, sizeof(k));
		}
		/* leave without waiting: the zombies go to the init */
		_exit(0);
	}
	close(p[1]);
	for (i = 0; i < n; i++)
		if (read(p[0], &kids[i], sizeof(kids[i])) != sizeof(kids[i]))
			return 2;
	waitpid(mid, NULL, 0);
	say("orphaned %ld\n", n);
	/* a deadline-bounded poll of /proc: the init has to reap them */
	for (int round = 0; round < 1000; round++) {
		left = 0;
		for (i = 0; i < n; i++) {
			snprintf(path, sizeof(path), "/proc/%d", (int)kids[i]);
			if (access(path, F_OK) == 0)
				left++;
		}
		if (left == 0) {
			say("zombies 0\n");
			return 0;
		}
		nanosleep(&ts, NULL);
	}
	say("zombies %d\n", left);
	return 1;
}

static void
on_term(int sig)
{
	char buf[32];
	int n = snprintf(buf, sizeof(buf), "%d term\n", (int)getpid());

	(void)sig;
	(void)!write(STDOUT_FILENO, buf, (size_t)n);
}

static int
mode_stubborn(int code, long n)
{
	int p[2];
	pid_t pid;
	char line[256];
	size_t off;
	long i;

	if (pipe(p) < 0)
		return 2;
	signal(SIGTERM, on_term);
	/* a chain: child, grandchild, ... each reports its pid on the pipe */
	for (i = 0; i < n; i++) {
		pid = fork();
		if (pid < 0)
			return 2;
		if (pid > 0) {
			if (i > 0) {
				/* an intermediate link stays alive */
				close(p[1]);
				for (;;)
					pause();
			}
			break;
		}
		pid = getpid();
		(void)!write(p[1], &pid, sizeof(pid));
		if (i == n - 1) {
			close(p[1]);
			for (;;)
				pause();
		}
	}
	close(p[1]);
	off = (size_t)snprintf(line, sizeof(line), "ready");
	for (i = 0; i < n; i++) {
		if (read(p[0], &pid, sizeof(pid)) != sizeof(pid))
			return 2;
		off += (size_t)snprintf(line + off, sizeof(line) - off, " %d",
		    (int)pid);
	}
	say("%s\n", line);
	return code;
}

/* Report from the handler itself: a flag checked around read(2) races. */
static void
on_tty_sig(int sig)
{
	const char *m = sig == SIGINT ? "sig INT\n" : sig == SIGTSTP ?
	    "sig TSTP\n" : sig == SIGTTIN ? "sig TTIN\n" : "sig TTOU\n";

	(void)!write(STDOUT_FILENO, m, strlen(m));
}

static int
mode_tty(void)
{
	struct sigaction sa;
	char line[256];
	int sigs[] = { SIGINT, SIGTSTP, SIGTTIN, SIGTTOU };
	size_t i;
	ssize_t n;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_tty_sig;
	sa.sa_flags = SA_RESTART;
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
	say("fg %s\n", isatty(STDIN_FILENO) &&
	    tcgetpgrp(STDIN_FILENO) == getpgrp() ? "yes" : "no");
	say("ready\n");
	for (;;) {
		n = read(STDIN_FILENO, line, sizeof(line) - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return 1;
		line[n] = '\0';
		if (line[0] == 'q')
			return 0;
		say("echo %s", line);
	}
}

static int
mode_pingpong(void)
{
	sigset_t set;
	int sig;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, NULL);
	say("ready\n");
	for (;;) {
		if (sigwait(&set, &sig) != 0)
			return 3;
		if (sig == SIGTERM)
			return 0;
		(void)!write(STDOUT_FILENO, "p\n", 2);
	}
}

static int
mode_write(const char *path, int n, char **lines)
{
	char buf[65536];
	int fd, i;
	size_t len;

	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0) {
		fprintf(stderr, "tend-helper: cannot open %s: %s\n", path,
		    strerror(errno));
		return 1;
	}
	for (i = 0; i < n; i++) {
		len = strlen(lines[i]);
		if (len >= sizeof(buf))
			len = sizeof(buf) - 1;
		memcpy(buf, lines[i], len);
		buf[len++] = '\n';
		if (write(fd, buf, len) != (ssize_t)len)
			return 1;
	}
	return close(fd) == 0 ? 0 : 1;
}

static int
mode_syslog(const char *path, const char *pri, const char *text)
{
	struct sockaddr_un sa;
	char buf[65536];
	int fd, n;

	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	strncpy(sa.sun_path, path, sizeof(sa.sun_path) - 1);
	n = snprintf(buf, sizeof(buf), "<%s>%s", pri, text);
	fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	if (fd < 0 || sendto(fd, buf, (size_t)n, 0, (struct sockaddr *)&sa,
	    sizeof(sa)) != n) {
		fprintf(stderr, "tend-helper: cannot send to %s: %s\n", path,
		    strerror(errno));
		return 1;
	}
	return 0;
}

static int
mode_show(int n, char **paths)
{
	char buf[4096];
	ssize_t k;
	int fd, i, rc = 0;

	print_status_field("Uid");
	print_status_field("Gid");
	print_status_field("Groups");
	for (i = 0; i < n; i++) {
		fd = open(paths[i], O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			fprintf(stderr, "tend-helper: cannot open %s: %s\n",
			    paths[i], strerror(errno));
			rc = 1;
			continue;
		}
		while ((k = read(fd, buf, sizeof(buf))) > 0)
			if (write(STDOUT_FILENO, buf, (size_t)k) != k)
				rc = 1;
		if (k < 0)
			rc = 1;
		close(fd);
	}
	return rc;
}

/* a listening IPv4 TCP socket on ADDR:PORT, "listening" said; -1 if not */
static int
tcp_listen(const char *addr, const char *port)
{
	struct sockaddr_in sa;
	int fd, one = 1;

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((unsigned short)num(port));
	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || inet_pton(AF_INET, addr, &sa.sin_addr) != 1 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
	    bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    listen(fd, 64) < 0) {
		fprintf(stderr, "tend-helper: cannot listen on %s:%s: %s\n",
		    addr, port, strerror(errno));
		return -1;
	}
	say("listening\n");
	return fd;
}

static int
mode_listen(const char *addr, const char *port)
{
	int fd, c;

	if ((fd = tcp_listen(addr, port)) < 0)
		return 1;
	for (;;) {
		c = accept(fd, NULL, NULL);
		if (c >= 0)
			close(c);
		else if (errno != EINTR && errno != ECONNABORTED)
			return 1;
	}
}

static int
mode_http(const char *addr, const char *port, const char *down)
{
	static const char ok[] = "HTTP/1.1 200 OK\r\nContent-Type: text/plain"
	    "\r\nContent-Length: 3\r\nConnection: close\r\n\r\nok\n";
	static const char bad[] = "HTTP/1.1 503 Service Unavailable\r\n"
	    "Content-Type: text/plain\r\nContent-Length: 5\r\n"
	    "Connection: close\r\n\r\ndown\n";
	struct timeval tv = { 2, 0 };
	struct stat st;
	char buf[8192];
	size_t n;
	ssize_t k;
	int fd, c, up;

	signal(SIGPIPE, SIG_IGN);
	if ((fd = tcp_listen(addr, port)) < 0)
		return 1;
	for (;;) {
		c = accept(fd, NULL, NULL);
		if (c < 0) {
			if (errno != EINTR && errno != ECONNABORTED)
				return 1;
			continue;
		}
		/* the whole request first: closing on unread bytes sends RST */
		(void)setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		n = 0;
		while (n < sizeof(buf) - 1 &&
		    (k = read(c, buf + n, sizeof(buf) - 1 - n)) > 0) {
			n += (size_t)k;
			buf[n] = '\0';
			if (strstr(buf, "\r\n\r\n"))
				break;
		}
		up = !down || stat(down, &st) < 0;
		(void)!write(c, up ? ok : bad, up ? sizeof(ok) - 1 :
		    sizeof(bad) - 1);
		shutdown(c, SHUT_WR);
		close(c);
	}
}

int
main(int argc, char **argv)
{
	const char *m = argc > 1 ? argv[1] : "";

	if (strcmp(m, "exit") == 0 && argc > 2)
		return (int)num(argv[2]);
	if (strcmp(m, "raise") == 0 && argc > 2) {
		int sig = signum(argv[2]);
		sigset_t set;

		signal(sig, SIG_DFL);
		sigemptyset(&set);
		sigaddset(&set, sig);
		sigprocmask(SIG_UNBLOCK, &set, NULL);
		kill(getpid(), sig);
		return 99;
	}
	if (strcmp(m, "signals") == 0)
		return mode_signals(argc - 2, argv + 2);
	if (strcmp(m, "status") == 0)
		return mode_status();
	if (strcmp(m, "orphans") == 0 && argc > 2)
		return mode_orphans(num(argv[2]));
	if (strcmp(m, "stubborn") == 0 && argc > 2)
		return mode_stubborn((int)num(argv[2]),
		    argc > 3 ? num(argv[3]) : 1);
	if (strcmp(m, "tty") == 0)
		return mode_tty();
	if (strcmp(m, "sleep") == 0) {
		for (;;)
			pause();
	}
	if (strcmp(m, "pingpong") == 0)
		return mode_pingpong();
	if (strcmp(m, "write") == 0 && argc > 2)
		return mode_write(argv[2], argc - 3, argv + 3);
	if (strcmp(m, "syslog") == 0 && argc > 4)
		return mode_syslog(argv[2], argv[3], argv[4]);
	if (strcmp(m, "show") == 0)
		return mode_show(argc - 2, argv + 2);
	if (strcmp(m, "listen") == 0 && argc > 3)
		return mode_listen(argv[2], argv[3]);
	if (strcmp(m, "http") == 0 && argc > 3)
		return mode_http(argv[2], argv[3], argc > 4 ? argv[4] : NULL);
	fprintf(stderr, "usage: tend-helper exit N | raise SIG | signals "
	    "[--children N] [--exit-on SIG] | status | orphans N | "
	    "stubborn CODE [N] | tty | sleep | pingpong | write PATH LINE... | "
	    "syslog PATH PRI TEXT | show [PATH...] | listen ADDR PORT | "
	    "http ADDR PORT [DOWN]\n");
	return 2;
}
