/*
 * Probes: name resolution (/etc/hosts, then DNS over UDP to the
 * nameservers of /etc/resolv.conf), connect, and an HTTP/1.1 GET. All of
 * it non-blocking under one deadline; every wait also serves n->w.fd.
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

/* s as the probe's reason (n->why). */
static void
net_say(struct net *n, const char *s)
{
	fmt_s(n->why, n->whylen, "%s", s);
}

/* Why the last call failed (errno), lower case: "connection refused". */
static void
net_why(struct net *n)
{
	char *why = n->why;

	net_say(n, err_now());
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
 * Poll n->pfd[0..nfd) and the watch (n->pfd[nfd]) until deadline, serving
 * the watch meanwhile. 1 when one of the nfd is ready, 0 timed out, -1
 * stopped by the watch.
 */
static int
net_poll(struct net *n, int nfd, int64_t deadline)
{
	struct pollfd *w = &n->pfd[nfd];
	int64_t left;
	int k;

	w->fd = n->w.fd;
	w->events = POLLIN;
	for (;;) {
		if ((left = deadline - loop_now()) <= 0)
			return 0;
		k = poll(n->pfd, (nfds_t)nfd + 1, left > 60000 ? 60000 :
		    (int)left);
		if (k < 0 && errno != EINTR)
			return 0;
		if (k <= 0)
			continue;
		if (w->revents) {
			n->w.cb(n->w.ctx);
			if (*n->w.stop)
				return -1;
		}
		if (k > (w->revents != 0))
			return 1;
	}
}

/* Wait for events on fd until the probe's deadline: as net_poll. */
static int
net_wait(struct net *n, int fd, short events)
{
	n->pfd[0].fd = fd;
	n->pfd[0].events = events;
	return net_poll(n, 1, n->deadline);
}

int
net_sleep(struct net *n, int64_t deadline)
{
	return net_poll(n, 0, deadline);
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
 * into nt->ip (4 or 6, or 0); or with name NULL, all of /etc/resolv.conf
 * into nt->conf (0).
 */
static int
net_file(struct net *nt, const char *path, const char *name, int want)
{
	char *s;
	size_t n;
	int f = 0;

	if (env_read(path, NET_CONF_MAX, &nt->file, &nt->file_len) < 0)
		return 0;
	nt->line = nt->file;
	while (f == 0 && (s = env_line(&nt->line, nt->file + nt->file_len,
	    &nt->line_len)) != NULL) {
		n = nt->line_len;
		if (name == NULL)
			dns_conf_line(&nt->conf, s, n);
		else
			f = dns_hosts_line(s, n, name, want, nt->ip);
	}
	sys_munmap(nt->file, NET_CONF_MAX + 1);
	return f;
}

static void
net_conf(struct net *n)
{
	struct dns_conf *r = &n->conf;

	dns_conf_init(r);
	(void)net_file(n, "/etc/resolv.conf", NULL, 0);
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
net_dns(struct net *nt, const char *name, int qtype)
{
	const struct dns_conf *r = &nt->conf;
	struct pollfd *p = nt->pfd;
	size_t qlen;
	ssize_t n;
	int i, nfd = 0, live, res = -1;
	/* the clock read once: the id's seed, then the try's start */
	int64_t until = loop_now();
	uint16_t id = (uint16_t)(until * 7919 + (int64_t)getpid());

	if ((qlen = dns_query(nt->q, sizeof(nt->q), id, name, qtype)) == 0)
		return 0;
	for (i = 0; i < r->nns; i++) {
		net_set(&nt->ns, r->ns_family[i], r->ns[i], 53);
		p[nfd].fd = sys_socket(nt->ns.sa.sa_family, SOCK_DGRAM |
		    SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
		p[nfd].events = POLLIN;
		if (p[nfd].fd < 0)
			continue;
		/* connected: replies from anyone else never reach us */
		if (net_sys_connect(p[nfd].fd, &nt->ns) < 0 ||
		    sock_send(p[nfd].fd, nt->q, qlen, 0) != (ssize_t)qlen) {
			close(p[nfd].fd);
			continue;
		}
		nfd++;
	}
	until += NET_DNS_TRY_MS;
	if (until > nt->deadline)
		until = nt->deadline;
	for (live = nfd; live > 0 && res == -1; ) {
		if ((i = net_poll(nt, nfd, until)) <= 0) {
			res = i < 0 ? -2 : -1;
			break;
		}
		for (i = 0; i < nfd && res == -1; i++) {
			if (p[i].fd < 0 || !p[i].revents)
				continue;
			n = sock_recv(p[i].fd, nt->a, sizeof(nt->a), 0);
			if (n < 0 && (errno == EAGAIN || errno == EINTR))
				continue;
			/* a failed server (ECONNREFUSED, SERVFAIL) is done */
			if (n <= 0 || (res = dns_answer(nt->a, (size_t)n, id,
			    qtype, nt->ip)) == -1) {
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
net_resolve(struct net *n, const struct url *u)
{
	const struct dns_conf *r = &n->conf;
	unsigned char *ip = n->ip;
	const char *h = u->host, *q;
	size_t hl = strlen(h);
	int f, dots = 0, i, k, rc, failed = 0, want = u->family;

	if ((f = dns_addr_parse(h, hl, ip)) != 0 ||
	    (f = net_file(n, "/etc/hosts", h, want)) != 0)
		goto found;
	if (strcmp(h, "localhost") == 0) {	/* no /etc/hosts (scratch) */
		f = want == 6 ? 6 : 4;
		memcpy(ip, f == 4 ? "\177\0\0\1" :
		    "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\1", f == 4 ? 4 : 16);
		goto found;
	}
	net_conf(n);
	for (i = 0; h[i]; i++)
		dots += h[i] == '.';
	/*
	 * resolv.conf(5): fewer dots than ndots tries the search domains
	 * first; a trailing dot, none of them. Candidate -1 is the name.
	 */
	for (k = 0; k <= r->nsearch; k++) {
		i = dots >= r->ndots ? k - 1 : (k < r->nsearch ? k : -1);
		q = h;
		if (i >= 0) {
			if (h[hl - 1] == '.')
				continue;
			fmt_s(n->name, sizeof(n->name), "%s.%s", h,
			    r->search[i]);
			q = n->name;
		}
		for (f = want == 6 ? 6 : 4; f; f = f == 4 && want == 0 ? 6 :
		    0) {
			rc = net_dns(n, q, f == 4 ? DNS_A : DNS_AAAA);
			if (rc == -2)
				return -1;
			if (rc == 1)
				goto found;
			failed |= rc < 0;
		}
	}
	net_say(n, failed ? "name lookup failed or timed out" :
	    "no such host");
	return 0;
found:
	if (want != 0 && f != want) {
		fmt_s(n->why, n->whylen, "no IPv%d address", want);
		return 0;
	}
	net_set(&n->addr, f, ip, u->port);
	return 1;
}

/* Connect fd to n->addr: 1, 0 with why, -1 stopped. */
static int
net_connect(struct net *n, int fd)
{
	const union net_addr *a = &n->addr;
	int rc;

	if (net_sys_connect(fd, a) == 0)
		return 1;
	if (errno == EINPROGRESS) {
		if ((rc = net_wait(n, fd, POLLOUT)) <= 0) {
			if (rc == 0)
				net_say(n, "timed out");
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
	net_why(n);
	return 0;
}

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
 * --contains in the first NET_BODY_MAX bytes of the body: its data when
 * it comes chunked (decoded into dec, again from the start each time: at
 * most 80 KiB), as curl and wget would show it.
 */
static bool
net_found(const char *buf, size_t body, size_t got, bool chunked, char *dec,
    bool *done, const char *needle)
{
	size_t n = got - body;

	if (chunked)
		n = http_dechunk(buf + body, n, dec, NET_BODY_MAX, done);
	return net_has(chunked ? dec : buf + body, n < NET_BODY_MAX ? n :
	    NET_BODY_MAX, needle);
}

/*
 * The GET and its answer: 1 up, 0 down, why saying which; -1 stopped.
 * With c->contains the body is read to its end or to NET_BODY_MAX.
 */
static int
net_http(struct net *nt, int fd, const struct url *u,
    const struct net_check *c)
{
	char *req = nt->req, *buf = nt->small;
	size_t rl = http_request(req, sizeof(nt->req), u), got = 0, off = 0;
	size_t cap = sizeof(nt->small), body = 0;
	const char *miss = "";
	ssize_t n;
	int rc = 0, st = 0;
	bool chunked = false, done = false;

	if (c->contains) {
		/* the answer as it comes, then room for a chunked body's data */
		cap = NET_BODY_MAX + 16384;
		buf = sys_mmap(NULL, cap + NET_BODY_MAX, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (buf == MAP_FAILED) {
			net_why(nt);	/* ENOMEM */
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
		if ((rc = net_wait(nt, fd, POLLOUT)) <= 0)
			goto timeout;
	}
	/* the status line; with --contains, the body too */
	while (got < cap && !done && (st == 0 || (c->contains && (body == 0 ||
	    chunked || got - body < NET_BODY_MAX)))) {
		n = sock_recv(fd, buf + got, cap - got, 0);
		if (n > 0) {
			got += (size_t)n;
			if (st == 0)
				st = http_status(buf, got);
			if (st < 0)
				break;
			if (body == 0 && (body = http_body(buf, got)) != 0)
				chunked = http_is_chunked(buf, body);
			/*
			 * Found, or the last chunk is in: no need for the
			 * rest (keep-alive, streams).
			 */
			if (c->contains && body != 0 && net_found(buf, body,
			    got, chunked, buf + cap, &done, c->contains))
				break;
			continue;
		}
		if (n == 0)
			break;
		if (errno != EAGAIN && errno != EINTR)
			goto fail;
		if ((rc = net_wait(nt, fd, POLLIN)) <= 0)
			goto timeout;
	}
	rc = 0;
	if (st <= 0) {
		net_say(nt, got == 0 ? "no HTTP response" :
		    "not an HTTP response");
		goto out;
	}
	if (st < c->lo || st > c->hi)
		;
	else if (c->contains && (body == 0 || !net_found(buf, body, got,
	    chunked, buf + cap, &done, c->contains)))
		miss = ", body without the text";
	else
		rc = 1;
	fmt_s(nt->why, nt->whylen, "HTTP %d%s", st, miss);
	goto out;
fail:
	/* down, even after a wait that had set rc to 1 */
	net_why(nt);
	rc = 0;
	goto out;
timeout:
	if (rc == 0)
		net_say(nt, "timed out waiting for the HTTP response");
out:
	if (c->contains)
		sys_munmap(buf, cap + NET_BODY_MAX);
	return rc;
}

int
net_probe(struct net *n, const char *url, const struct net_check *c,
    int64_t deadline, char *why, size_t whylen)
{
	const struct url *u = &n->u;
	union net_addr *a = &n->addr;
	int fd, rc;

	n->deadline = deadline;
	n->why = why;
	n->whylen = whylen;
	(void)url_parse(&n->u, url, why, whylen);
	switch (u->scheme) {
	case URL_FILE:
		net_say(n, "exists");
		if (sys_stat(u->path, &n->st) == 0)
			return 1;
		net_why(n);
		return 0;
	case URL_UNIX:
		a->un.sun_family = AF_UNIX;
		if (strlen(u->path) >= sizeof(a->un.sun_path)) {
			errno = ENAMETOOLONG;
			net_why(n);
			return 0;
		}
		/* url_parse zeroed the rest of u->path: no memset needed */
		memcpy(a->un.sun_path, u->path, sizeof(a->un.sun_path));
		break;
	default:
		if ((rc = net_resolve(n, u)) <= 0)
			return rc;
		break;
	}
	fd = sys_socket(a->sa.sa_family, SOCK_STREAM | SOCK_NONBLOCK |
	    SOCK_CLOEXEC, 0);
	if (fd < 0) {
		net_why(n);
		return 0;
	}
	net_say(n, "connected");
	rc = net_connect(n, fd);
	if (rc == 1 && u->scheme == URL_HTTP)
		rc = net_http(n, fd, u, c);
	close(fd);
	return rc;
}
