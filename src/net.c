/*
 * Probes: name resolution (/etc/hosts, then DNS over UDP to the
 * nameservers of /etc/resolv.conf), connect, and an HTTP/1.1 GET. All of
 * it non-blocking under one deadline; every wait also serves w->fd.
 * musl's getaddrinfo would be 29 KiB of tend's 48; this needs A and AAAA.
 */
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

#include "tend/dns.h"
#include "tend/env.h"
#include "tend/errstr.h"
#include "tend/fmt.h"
#include "tend/http.h"
#include "tend/loop.h"
#include "tend/net.h"
#include "tend/sock.h"
#include "tend/sys.h"

#define NET_DNS_TRY_MS	1500	/* per query, to every nameserver at once */
#define NET_CONF_MAX	(256 * 1024)
#define NET_BODY_MAX	(64 * 1024)	/* --contains looks this far */

union net_addr {
	struct sockaddr		sa;
	struct sockaddr_in	in;
	struct sockaddr_in6	in6;
	struct sockaddr_un	un;
};

/* Why the last call failed (errno), lower case: "connection refused". */
static void
net_why(char *why, size_t whylen)
{
	fmt_s(why, whylen, "%s", err_now());
	if (why[0] >= 'A' && why[0] <= 'Z' && why[1] >= 'a')
		why[0] += 'a' - 'A';
}

/*
 * connect(2) as the system call: musl's wrapper makes it a cancellation
 * point, of no use without threads, and only tend's probes call it. The
 * length is AF_UNIX's, the union's size; inet sockets read what their
 * family needs of it (tcp_v4_connect, tcp_v6_connect).
 */
static int
net_sys_connect(int fd, const union net_addr *a)
{
	return (int)syscall(SYS_connect, fd, &a->sa, sizeof(a->un));
}

/*
 * Wait for events on fd until deadline, serving w meanwhile. 1 ready,
 * 0 timed out, -1 stopped by w.
 */
static int
net_wait(int fd, short events, int64_t deadline, const struct net_watch *w)
{
	struct pollfd p[2] = { { fd, events, 0 }, { w ? w->fd : -1, POLLIN,
	    0 } };
	int64_t left;
	int n;

	for (;;) {
		if ((left = deadline - loop_now()) <= 0)
			return 0;
		n = poll(p, 2, left > 60000 ? 60000 : (int)left);
		if (n < 0 && errno != EINTR)
			return 0;
		if (n <= 0)
			continue;
		if (p[1].revents) {
			w->cb(w->ctx);
			if (*w->stop)
				return -1;
		}
		if (p[0].revents)
			return 1;
	}
}

int
net_sleep(int64_t deadline, const struct net_watch *w)
{
	return net_wait(-1, 0, deadline, w) < 0 ? -1 : 0;
}

static void
net_set(union net_addr *a, int family, const unsigned char *ip,
    uint16_t port)
{
	memset(a, 0, sizeof(*a));
	if (family == 4) {
		a->in.sin_family = AF_INET;
		a->in.sin_port = htons(port);
		memcpy(&a->in.sin_addr, ip, 4);
	} else {
		a->in6.sin6_family = AF_INET6;
		a->in6.sin6_port = htons(port);
		memcpy(&a->in6.sin6_addr, ip, 16);
	}
}

/*
 * The lines of a file up to the first that maps name: /etc/hosts, name
 * into ip (4 or 6, or 0); or with name NULL, all of /etc/resolv.conf into
 * r (0).
 */
static int
net_file(const char *path, struct dns_conf *r, const char *name, int want,
    unsigned char ip[16])
{
	char *buf, *p, *s;
	size_t len, n;
	int f = 0;

	if (env_read(path, NET_CONF_MAX, &buf, &len) < 0)
		return 0;
	for (p = buf; f == 0 && (s = env_line(&p, buf + len, &n)) != NULL; ) {
		if (name == NULL)
			dns_conf_line(r, s, n);
		else
			f = dns_hosts_line(s, n, name, want, ip);
	}
	sys_munmap(buf, NET_CONF_MAX + 1);
	return f;
}

static void
net_conf(struct dns_conf *r)
{
	dns_conf_init(r);
	(void)net_file("/etc/resolv.conf", r, NULL, 0, NULL);
	if (r->nns == 0) {	/* no resolv.conf: the local one, as libc */
		r->nns = 1;
		r->ns_family[0] = 4;
		memcpy(r->ns[0], "\177\0\0\1", 4);
	}
}

/*
 * Ask every nameserver at once, as musl does, and take the first answer:
 * a silent server costs nothing while another answers. 1 found, 0 no such
 * record, -1 no server answered (timed out, failed), -2 stopped.
 */
static int
net_dns(const struct dns_conf *r, const char *name, int qtype,
    int64_t deadline, const struct net_watch *w, unsigned char ip[16])
{
	unsigned char q[DNS_MSG_MAX], a[DNS_MSG_MAX];
	struct pollfd p[DNS_MAX_NS + 1];
	union net_addr ns;
	size_t qlen;
	ssize_t n;
	int i, nfd = 0, live, res = -1;
	int64_t left, until = loop_now() + NET_DNS_TRY_MS;
	uint16_t id = (uint16_t)(loop_now() * 7919 + (int64_t)getpid());

	if ((qlen = dns_query(q, sizeof(q), id, name, qtype)) == 0)
		return 0;
	for (i = 0; i < r->nns; i++) {
		net_set(&ns, r->ns_family[i], r->ns[i], 53);
		p[nfd].fd = sys_socket(ns.sa.sa_family, SOCK_DGRAM |
		    SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
		p[nfd].events = POLLIN;
		if (p[nfd].fd < 0)
			continue;
		/* connected: replies from anyone else never reach us */
		if (net_sys_connect(p[nfd].fd, &ns) < 0 ||
		    sock_send(p[nfd].fd, q, qlen, 0) != (ssize_t)qlen) {
			close(p[nfd].fd);
			continue;
		}
		nfd++;
	}
	p[nfd].fd = w ? w->fd : -1;
	p[nfd].events = POLLIN;
	if (until > deadline)
		until = deadline;
	for (live = nfd; live > 0 && res == -1; ) {
		if ((left = until - loop_now()) <= 0)
			break;
		if (poll(p, (nfds_t)nfd + 1, (int)left) <= 0)
			continue;
		if (p[nfd].revents) {
			w->cb(w->ctx);
			if (*w->stop) {
				res = -2;
				break;
			}
		}
		for (i = 0; i < nfd && res == -1; i++) {
			if (p[i].fd < 0 || !p[i].revents)
				continue;
			n = sock_recv(p[i].fd, a, sizeof(a), 0);
			if (n < 0 && (errno == EAGAIN || errno == EINTR))
				continue;
			/* a failed server (ECONNREFUSED, SERVFAIL) is done */
			if (n <= 0 || (res = dns_answer(a, (size_t)n, id, qtype,
			    ip)) == -1) {
				close(p[i].fd);
				p[i].fd = -1;
				live--;
			}
		}
	}
	for (i = 0; i < nfd; i++)
		if (p[i].fd >= 0)
			close(p[i].fd);
	return res;
}

/* host to an address: 1, 0 with why, -1 stopped. */
static int
net_resolve(const struct url *u, union net_addr *a, int64_t deadline,
    const struct net_watch *w, char *why, size_t whylen)
{
	struct dns_conf r;
	unsigned char ip[16];
	char name[URL_HOST_MAX + 256];
	const char *h = u->host, *q;
	size_t hl = strlen(h);
	int f, dots = 0, i, k, rc, failed = 0, want = u->family;

	if ((f = dns_addr_parse(h, hl, ip)) != 0 ||
	    (f = net_file("/etc/hosts", NULL, h, want, ip)) != 0)
		goto found;
	if (strcmp(h, "localhost") == 0) {	/* no /etc/hosts (scratch) */
		f = want == 6 ? 6 : 4;
		memcpy(ip, f == 4 ? "\177\0\0\1" :
		    "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\1", f == 4 ? 4 : 16);
		goto found;
	}
	net_conf(&r);
	for (i = 0; h[i]; i++)
		dots += h[i] == '.';
	/*
	 * resolv.conf(5): fewer dots than ndots tries the search domains
	 * first; a trailing dot, none of them. Candidate -1 is the name.
	 */
	for (k = 0; k <= r.nsearch; k++) {
		i = dots >= r.ndots ? k - 1 : (k < r.nsearch ? k : -1);
		q = h;
		if (i >= 0) {
			if (h[hl - 1] == '.')
				continue;
			fmt_s(name, sizeof(name), "%s.%s", h, r.search[i]);
			q = name;
		}
		for (f = want == 6 ? 6 : 4; f; f = f == 4 && want == 0 ? 6 :
		    0) {
			rc = net_dns(&r, q, f == 4 ? DNS_A : DNS_AAAA,
			    deadline, w, ip);
			if (rc == -2)
				return -1;
			if (rc == 1)
				goto found;
			failed |= rc < 0;
		}
	}
	fmt_s(why, whylen, "%s", failed ? "name lookup failed or timed out" :
	    "no such host");
	return 0;
found:
	if (want != 0 && f != want) {
		fmt_s(why, whylen, "no IPv%d address", want);
		return 0;
	}
	net_set(a, f, ip, u->port);
	return 1;
}

/* Connect fd to a: 1, 0 with why, -1 stopped. */
static int
net_connect(int fd, const union net_addr *a, int64_t deadline,
    const struct net_watch *w, char *why, size_t whylen)
{
	int rc;

	if (net_sys_connect(fd, a) == 0)
		return 1;
	if (errno == EINPROGRESS) {
		if ((rc = net_wait(fd, POLLOUT, deadline, w)) <= 0) {
			if (rc == 0)
				fmt_s(why, whylen, "timed out");
			return rc;
		}
		/*
		 * Writable: connected or failed. Asked again, connect(2)
		 * tells which, as getsockopt(SO_ERROR) would: 0, or the
		 * pending error, taken (__inet_stream_connect in
		 * net/ipv4/af_inet.c: SS_CONNECTING, then sock_error).
		 */
		if (net_sys_connect(fd, a) == 0 || errno == EISCONN)
			return 1;
	}
	net_why(why, whylen);
	return 0;
}

/* The GET and its answer: 1 up, 0 down with why, -1 stopped. */
/* needle in hay[0..n) */
static bool
net_has(const char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle), i;

	for (i = 0; i + k <= n; i++)
		if (memcmp(hay + i, needle, k) == 0)
			return true;
	return false;
}

/*
 * The GET and its answer: 1 up, 0 down, why saying which; -1 stopped.
 * With c->contains the body is read to its end or to NET_BODY_MAX.
 */
static int
net_http(int fd, const struct url *u, const struct net_check *c,
    int64_t deadline, const struct net_watch *w, char *why, size_t whylen)
{
	char req[URL_HOST_MAX + URL_PATH_MAX + 128], small[1024], *buf = small;
	size_t rl = http_request(req, sizeof(req), u), got = 0, off = 0;
	size_t cap = sizeof(small), body = 0;
	ssize_t n;
	int rc = 0, st = 0;

	if (c->contains) {
		cap = NET_BODY_MAX + 16384;
		buf = sys_mmap(NULL, cap, PROT_READ | PROT_WRITE, MAP_PRIVATE |
		    MAP_ANONYMOUS, -1, 0);
		if (buf == MAP_FAILED) {
			net_why(why, whylen);	/* ENOMEM */
			return 0;
		}
	}
	while (off < rl) {
		n = sock_send(fd, req + off, rl - off, MSG_NOSIGNAL);
		if (n > 0) {
			off += (size_t)n;
			continue;
		}
		if (n < 0 && errno != EAGAIN && errno != EINTR)
			goto fail;
		if ((rc = net_wait(fd, POLLOUT, deadline, w)) <= 0)
			goto timeout;
	}
	/* the status line; with --contains, the body too */
	while (got < cap && (st == 0 || (c->contains && (body == 0 ||
	    got - body < NET_BODY_MAX)))) {
		n = sock_recv(fd, buf + got, cap - got, 0);
		if (n > 0) {
			got += (size_t)n;
			if (st == 0)
				st = http_status(buf, got);
			if (st < 0)
				break;
			if (body == 0)
				body = http_body(buf, got);
			/* found: no need for the rest (keep-alive, streams) */
			if (c->contains && body != 0 && net_has(buf + body,
			    got - body, c->contains))
				break;
			continue;
		}
		if (n == 0)
			break;
		if (errno != EAGAIN && errno != EINTR)
			goto fail;
		if ((rc = net_wait(fd, POLLIN, deadline, w)) <= 0)
			goto timeout;
	}
	rc = 0;
	if (st <= 0)
		fmt_s(why, whylen, "%s", got == 0 ? "no HTTP response" :
		    "not an HTTP response");
	else if (fmt_s(why, whylen, "HTTP %d", st), st < c->lo || st > c->hi)
		;
	else if (c->contains && (body == 0 || !net_has(buf + body,
	    got - body < NET_BODY_MAX ? got - body : NET_BODY_MAX,
	    c->contains)))
		fmt_s(why, whylen, "HTTP %d, body without the text", st);
	else
		rc = 1;
	goto out;
fail:
	/* down, even after a wait that had set rc to 1 */
	net_why(why, whylen);
	rc = 0;
	goto out;
timeout:
	if (rc == 0)
		fmt_s(why, whylen, "timed out waiting for the HTTP response");
out:
	if (c->contains)
		sys_munmap(buf, cap);
	return rc;
}

int
net_probe(const struct url *u, const struct net_check *c, int64_t deadline,
    const struct net_watch *w, char *why, size_t whylen)
{
	union net_addr a;
	struct stat st;
	int fd, rc;

	switch (u->scheme) {
	case URL_FILE:
		fmt_s(why, whylen, "exists");
		if (sys_stat(u->path, &st) == 0)
			return 1;
		net_why(why, whylen);
		return 0;
	case URL_UNIX:
		a.un.sun_family = AF_UNIX;
		if (strlen(u->path) >= sizeof(a.un.sun_path)) {
			errno = ENAMETOOLONG;
			net_why(why, whylen);
			return 0;
		}
		/* url_parse zeroed the rest of u->path: no memset needed */
		memcpy(a.un.sun_path, u->path, sizeof(a.un.sun_path));
		break;
	default:
		if ((rc = net_resolve(u, &a, deadline, w, why, whylen)) <= 0)
			return rc;
		break;
	}
	fd = sys_socket(a.sa.sa_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0);
	if (fd < 0) {
		net_why(why, whylen);
		return 0;
	}
	fmt_s(why, whylen, "connected");
	rc = net_connect(fd, &a, deadline, w, why, whylen);
	if (rc == 1 && u->scheme == URL_HTTP)
		rc = net_http(fd, u, c, deadline, w, why, whylen);
	close(fd);
	return rc;
}
