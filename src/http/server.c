/*
 * server.c — libmicrohttpd glue: the request life cycle.
 *
 * First call: allocate the request and its arena, answer nothing (keep-alive
 * works only when the answer is queued on a later call; docs/architecture.md,
 * "libmicrohttpd: two traps").
 * Upload calls: gather the body up to max_body; beyond it, drop the bytes
 * and answer 413 without parsing.  Final call: route and run the handler.
 * If the handler produced a write or audit rows, hand them to the store's
 * writer as one job and either suspend the connection until the batch is
 * durable (the default: the worker thread serves others meanwhile) or block
 * the worker (blocking mode).  Then queue the answer with the security
 * headers.  The completion callback frees the arena.
 *
 * Nothing here logs request content: no bodies, no query strings.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "http/req.h"
#include "lib/timeutil.h"
#include "ops/session.h"

#define REQ_ARENA_CAP (4u << 20)
#define REFUSAL_FLUSH_MS 10000	/* how often the timer sums up refusals */

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* ST_PENDING: suspended, with a password thread or the store; ST_DONE: the
 * store's job finished; ST_READY: answered on a password thread; ST_SENT:
 * the answer is queued already (a body declared too large). */
enum { ST_NEW, ST_PENDING, ST_DONE, ST_READY, ST_SENT };

static const char *CSP = "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/*
 * Request arenas are reused: a freed one is reset (keeping its first chunk)
 * and kept on the app's small stack, so a request costs no large malloc and
 * free.
 */
static struct arena *
req_arena_get(struct app *app)
{
	struct arena *a = NULL;

	pthread_mutex_lock(&app->pool_lock);
	if (app->pooled > 0)
		a = app->pool[--app->pooled];
	pthread_mutex_unlock(&app->pool_lock);
	return a ? a : arena_new(REQ_ARENA_CAP);
}

static void
req_arena_put(struct app *app, struct arena *a)
{
	arena_reset(a);
	pthread_mutex_lock(&app->pool_lock);
	if (app->pooled < ARENA_POOL) {
		app->pool[app->pooled++] = a;
		a = NULL;
	}
	pthread_mutex_unlock(&app->pool_lock);
	arena_free(a);
}

static void
req_arena_pool_free(struct app *app)
{
	pthread_mutex_lock(&app->pool_lock);
	while (app->pooled > 0)
		arena_free(app->pool[--app->pooled]);
	pthread_mutex_unlock(&app->pool_lock);
}

/*
 * Slowed answers (repeated failed sign-ins) wait on the app's queue, not on
 * a worker thread: the connection is suspended and one timer thread submits
 * the request's job when its time comes.  The delay is real time (the
 * monotonic clock), not the clock a test build moves.
 */
static void
delay_add(struct req *r)
{
	struct app *app = r->app;
	struct req **p;

	r->due_ms = now_monotonic_ms() + r->delay_ms;
	pthread_mutex_lock(&app->delay_lock);
	for (p = &app->delayed; *p && (*p)->due_ms <= r->due_ms; p = &(*p)->delay_next)
		;
	r->delay_next = *p;
	*p = r;
	pthread_cond_signal(&app->delay_cond);
	pthread_mutex_unlock(&app->delay_lock);
}

/*
 * Refusals of requests that never signed in are counted in memory after
 * the first of each address, route and reason in a minute (refusals.c);
 * once the minute is over their count is written as one
 * request.refused_more row, by the timer thread (all: every count, at a
 * clean stop).  Each row has the address that made the refusals.
 */
#define REFUSAL_FLUSH 64
static void
refusals_flush(struct app *app, bool all)
{
	struct refusal_key k[REFUSAL_FLUSH];
	int counts[REFUSAL_FLUSH], n, i;

	while ((n = refusals_take(&app->refusals, now_utc(), all, k, counts,
	    REFUSAL_FLUSH)) > 0) {
		struct audit_event ev[REFUSAL_FLUSH];
		char detail[REFUSAL_FLUSH][256];
		struct store_job job;

		memset(ev, 0, sizeof ev);
		for (i = 0; i < n; i++) {
			refusal_detail(&k[i], counts[i], detail[i], sizeof detail[i]);
			ev[i].at = now_utc();
			ev[i].username = "";
			ev[i].role = "";
			ev[i].action = "request.refused_more";
			ev[i].record_type = "";
			ev[i].address = k[i].addr;
			ev[i].detail = detail[i];
		}
		memset(&job, 0, sizeof job);
		job.audit = ev;
		job.naudit = (size_t)n;
		if (store_run(app->store, &job) != ERR_OK)
			fprintf(stderr, "iop: could not write %d refusal counts: %s\n", n,
			    job.err.msg);
		if (n < REFUSAL_FLUSH)
			break;
	}
}

static void *
delay_main(void *arg)
{
	struct app *app = arg;
	int64_t flushed = now_monotonic_ms();

	pthread_mutex_lock(&app->delay_lock);
	for (;;) {
		int64_t now = now_monotonic_ms();
		if (app->delayed != NULL && (app->delayed->due_ms <= now || app->delay_stop)) {
			struct req *r = app->delayed;
			app->delayed = r->delay_next;
			pthread_mutex_unlock(&app->delay_lock);
			store_submit(app->store, &r->job);
			pthread_mutex_lock(&app->delay_lock);
			continue;
		}
		if (app->delay_stop)
			break;
		if (now - flushed >= REFUSAL_FLUSH_MS) {
			pthread_mutex_unlock(&app->delay_lock);
			refusals_flush(app, false);
			pthread_mutex_lock(&app->delay_lock);
			flushed = now;
			continue;
		}
		{
			struct timespec ts;
			int64_t wait = flushed + REFUSAL_FLUSH_MS - now;
			if (app->delayed != NULL && app->delayed->due_ms - now < wait)
				wait = app->delayed->due_ms - now;
			clock_gettime(CLOCK_REALTIME, &ts);
			ts.tv_sec += wait / 1000;
			ts.tv_nsec += (long)(wait % 1000) * 1000000L;
			if (ts.tv_nsec >= 1000000000L) {
				ts.tv_sec++;
				ts.tv_nsec -= 1000000000L;
			}
			pthread_cond_timedwait(&app->delay_cond, &app->delay_lock, &ts);
		}
	}
	pthread_mutex_unlock(&app->delay_lock);
	return NULL;
}

/* The one process-wide flag: a signal handler cannot reach the app. */
static volatile sig_atomic_t stopping;

static void
on_signal(int sig)
{
	(void)sig;
	stopping = 1;
}

static enum method
method_of(const char *m)
{
	static const char *const names[M__MAX] = {
		[M_GET] = "GET", [M_POST] = "POST", [M_PUT] = "PUT", [M_PATCH] = "PATCH",
		[M_DELETE] = "DELETE", [M_HEAD] = "HEAD", [M_OTHER] = "",
	};
	int i;

	for (i = 0; i < M_OTHER; i++)
		if (strcmp(m, names[i]) == 0)
			return (enum method)i;
	return M_OTHER;
}

static void
addr_of(struct MHD_Connection *c, char *out, size_t n)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	snprintf(out, n, "unknown");
	if (sa == NULL)
		return;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
		    out, (socklen_t)n);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6,
		    &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out,
		    (socklen_t)n);
}

static enum MHD_Result
queue_answer(struct req *r)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;
	bool api = strncmp(r->url, "/api/", 5) == 0 || strcmp(r->url, "/healthz") == 0;

	if (!r->answered)
		reply_err(r, ERR_STORE, "The server could not answer this request.");
	resp = MHD_create_response_from_buffer(r->resp_len, r->resp,
	    r->resp_heap ? MHD_RESPMEM_MUST_FREE : r->resp_persistent ?
	    MHD_RESPMEM_PERSISTENT : MHD_RESPMEM_MUST_COPY);
	if (resp == NULL)
		return MHD_NO;
	if (r->resp_heap) {
		r->resp_heap = false;	/* MHD owns it now */
		r->resp = NULL;
	}
	if (r->ctype)
		MHD_add_response_header(resp, "Content-Type", r->ctype);
	MHD_add_response_header(resp, "Content-Security-Policy", CSP);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(resp, "Cross-Origin-Resource-Policy", "same-origin");
	MHD_add_response_header(resp, "Permissions-Policy",
	    "camera=(), microphone=(), geolocation=()");
	MHD_add_response_header(resp, "Cache-Control", api ? "no-store" : "no-cache");
	if (r->app->set.tls_cert)
		MHD_add_response_header(resp, "Strict-Transport-Security",
		    "max-age=31536000");
	if (r->set_cookie)
		MHD_add_response_header(resp, "Set-Cookie", r->set_cookie);
	if (r->location)
		MHD_add_response_header(resp, "Location", r->location);
	if (r->disposition)
		MHD_add_response_header(resp, "Content-Disposition", r->disposition);
	if (r->status == 405)
		MHD_add_response_header(resp, "Allow", "GET, POST, PUT, PATCH, DELETE");
	if (r->too_large)
		MHD_add_response_header(resp, "Connection", "close");
	ret = MHD_queue_response((struct MHD_Connection *)r->conn, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

/*
 * The request's operation, with the session's activity recorded first when
 * it is due; with no operation, the touch is the operation.  When no memory
 * is left for it the touch is skipped: it is only bookkeeping.
 */
static void
request_op(struct req *r)
{
	struct session_touch_in *in;

	if (!r->touch_session)
		return;
	if (r->op != NULL) {
		r->op->touch_session = r->sess.id;
		return;
	}
	in = arena_alloc(r->arena, sizeof *in);
	r->op = arena_alloc(r->arena, sizeof *r->op);
	if (in == NULL || r->op == NULL) {
		r->op = NULL;
		return;
	}
	in->session_id = r->sess.id;
	op_call_init(r->op, r->arena, op_session_touch_run, in);
}

static void
job_done(struct store_job *j)
{
	struct req *r = j->user;
	struct app *app = r->app;

	/* Once resumed, a worker may finish the request and recycle its arena
	 * (r with it) at any moment: nothing of r is touched after this. */
	r->state = ST_DONE;
	MHD_resume_connection((struct MHD_Connection *)r->conn);
	atomic_fetch_sub(&app->inflight, 1);
}

static void
finish_job(struct req *r)
{
	if (r->after) {
		r->after(r);
		return;
	}
	if (r->job.result != ERR_OK)
		reply_error(r, &r->job.err);
}

/*
 * After the handler: hand the request's write and audit rows to the store
 * (or the delay queue, for a slowed answer), suspending the connection
 * unless it already is (suspended: it is, and counted in flight).  True when
 * the answer is ready to queue now: nothing to write, or blocking mode.
 */
static bool
request_submit(struct req *r, bool suspended)
{
	struct app *app = r->app;

	if (r->audit_lost) {
		/* Never answer or write what could not be audited. */
		r->op = NULL;
		r->naudit = 0;
		r->touch_session = false;
		reply_err(r, ERR_NOMEM, "The server is out of memory for this request.");
		return true;
	}
	request_op(r);
	if (r->naudit == 0 && r->op == NULL)
		return true;
	memset(&r->job, 0, sizeof r->job);
	r->job.run = r->op ? op_call_job : NULL;
	r->job.arg = r->op;
	r->job.audit = r->audit;
	r->job.naudit = r->naudit;
	r->job.user = r;
	if (app->set.blocking) {
		if (r->delay_ms > 0)
			usleep((useconds_t)r->delay_ms * 1000);
		store_run(app->store, &r->job);
		finish_job(r);
		return true;
	}
	r->job.done = job_done;
	if (!suspended) {
		r->state = ST_PENDING;
		atomic_fetch_add(&app->inflight, 1);
		MHD_suspend_connection((struct MHD_Connection *)r->conn);
	}
	if (r->delay_ms > 0)
		delay_add(r);
	else
		store_submit(app->store, &r->job);
	return false;
}

void
server_slow_done(struct req *r)
{
	struct app *app = r->app;

	if (!request_submit(r, true))
		return;	/* job_done resumes it */
	/* As job_done: nothing of r is touched once resumed. */
	r->state = ST_READY;
	MHD_resume_connection((struct MHD_Connection *)r->conn);
	atomic_fetch_sub(&app->inflight, 1);
}

/*
 * POST /test/clock {"advance": seconds} — only when the test build set
 * test_clock (iop-test); the normal build has no such path and answers 404.
 * Moves every later clock read forward (never back, at most ten years at a
 * time) and answers {"now", "offset_seconds"}.  Outside /api/v1 and the
 * route table on purpose: it is no part of the API.
 */
#define TEST_CLOCK_MAX (10 * 366 * 86400)
static void
test_clock(struct req *r)
{
	json_t *o, *v;
	int64_t now;

	if (r->method != M_POST) {
		reply_err(r, ERR_INVALID, "only POST /test/clock {\"advance\": seconds}");
		return;
	}
	o = r->body ? json_loadb(r->body, r->body_len, 0, NULL) : NULL;
	v = json_is_object(o) ? json_object_get(o, "advance") : NULL;
	if (!json_is_integer(v) || json_integer_value(v) < 0 ||
	    json_integer_value(v) > TEST_CLOCK_MAX || json_object_size(o) != 1) {
		json_decref(o);
		reply_err(r, ERR_INVALID, "want {\"advance\": seconds}, 0 to ten years");
		return;
	}
	clock_advance((int64_t)json_integer_value(v));
	json_decref(o);
	now = now_utc();
	reply_json(r, 200, json_pack("{s:o,s:I}", "now", jtime(now), "offset_seconds",
	    (json_int_t)clock_offset()));
}

/* Append n bytes to the body, growing it by doubling (so the arena holds
 * at most about twice the body); false when the arena is full. */
static bool
body_append(struct req *r, const char *p, size_t n)
{
	if (r->body_len + n + 1 > r->body_cap) {
		size_t cap = r->body_cap ? r->body_cap : 4096;
		char *nb;
		while (cap < r->body_len + n + 1)
			cap *= 2;
		if ((nb = arena_alloc(r->arena, cap)) == NULL)
			return false;
		if (r->body_len)
			memcpy(nb, r->body, r->body_len);
		r->body = nb;
		r->body_cap = cap;
	}
	memcpy(r->body + r->body_len, p, n);
	r->body_len += n;
	r->body[r->body_len] = '\0';
	return true;
}

/*
 * Percent-decoding of the path and query, in place, as libmicrohttpd's own
 * but leaving "%00" as it is: a decoded NUL would cut the path short
 * ("/app/index.html%00.js" serving index.html).  Left encoded it matches no
 * route and no file.
 */
static size_t
unescape_cb(void *cls, struct MHD_Connection *c, char *s)
{
	char *r = s, *w = s;

	(void)cls;
	(void)c;
	while (*r) {
		int hi, lo;
		if (r[0] == '%' && (hi = hexval(r[1])) >= 0 && (lo = hexval(r[2])) >= 0 &&
		    (hi | lo) != 0) {
			*w++ = (char)(hi * 16 + lo);
			r += 3;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
	return (size_t)(w - s);
}

static enum MHD_Result
access_cb(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
    const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
	struct app *app = cls;
	struct req *r = *con_cls;

	if (r == NULL) {
		struct arena *a = req_arena_get(app);
		if (a == NULL)
			return MHD_NO;
		r = arena_alloc(a, sizeof *r);
		if (r == NULL || (r->url = arena_strdup(a, url)) == NULL) {
			req_arena_put(app, a);
			return MHD_NO;
		}
		r->arena = a;
		r->app = app;
		r->conn = conn;
		r->method = method_of(method);
		r->route = -1;
		r->now = now_utc();
		addr_of(conn, r->addr, sizeof r->addr);
		{
			const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
			    "Content-Length");
			char *end;
			unsigned long long n = cl ? strtoull(cl, &end, 10) : 0;
			if (n > app->set.max_body)
				r->too_large = true;
		}
		*con_cls = r;
		if (r->too_large) {
			/* Declared too large: answered now, the body never read
			 * (and the connection closed), rather than after it. */
			r->state = ST_SENT;
			reply_err(r, ERR_TOOLARGE, "The request body is too large.");
			return queue_answer(r);
		}
		return MHD_YES;
	}
	if (r->state == ST_SENT) {
		*upload_size = 0;	/* what still arrives is dropped */
		return MHD_YES;
	}
	if (*upload_size != 0) {
		if (!r->too_large) {
			if (r->body_len + *upload_size > app->set.max_body) {
				r->too_large = true;
			} else if (!body_append(r, upload, *upload_size)) {
				r->too_large = true;
			}
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (r->state == ST_NEW) {
		/* HTTP/1.1 requires Host (RFC 9112 section 3.2); HTTP/1.0 may go
		 * without. */
		if (version != NULL && strcmp(version, MHD_HTTP_VERSION_1_1) == 0 &&
		    MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Host") == NULL) {
			reply_err(r, ERR_MALFORMED, "An HTTP/1.1 request needs a Host header.");
			return queue_answer(r);
		}
		if (r->too_large) {
			reply_err(r, ERR_TOOLARGE, "The request body is too large.");
			return queue_answer(r);
		}
		if (app->set.test_clock && strcmp(r->url, "/test/clock") == 0) {
			test_clock(r);
			return queue_answer(r);
		}
		router_dispatch(r);
		if (r->slow != NULL) {
			if (app->set.blocking) {
				router_slow_rest(r);
			} else if (!slow_reserve(app)) {
				r->slow = NULL;
				reply_err(r, ERR_RATELIMIT, "The server is busy signing others "
				    "in; try again in a moment.");
				return queue_answer(r);
			} else {
				r->state = ST_PENDING;
				atomic_fetch_add(&app->inflight, 1);
				MHD_suspend_connection(conn);
				slow_push(app, r);
				return MHD_YES;
			}
		}
		if (request_submit(r, false))
			return queue_answer(r);
		return MHD_YES;
	}
	if (r->state == ST_READY) {
		r->state = ST_DONE;
		return queue_answer(r);
	}
	if (r->state == ST_PENDING)
		return MHD_YES;	/* spurious call before the job finished */
	finish_job(r);
	return queue_answer(r);
}

static void
completed_cb(void *cls, struct MHD_Connection *conn, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct req *r = *con_cls;

	(void)cls;
	(void)conn;
	(void)toe;
	if (r != NULL) {
		json_decref(r->in);
		if (r->resp_heap)
			free(r->resp);
		req_arena_put(r->app, r->arena);
	}
	*con_cls = NULL;
}

static char *
slurp_file(const char *path, struct error *e)
{
	FILE *f = fopen(path, "rb");
	char *p;
	long n;

	if (f == NULL) {
		error_set(e, ERR_IO, "cannot read %s: %s", path, strerror(errno));
		return NULL;
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	p = malloc((size_t)n + 1);
	if (p == NULL || fread(p, 1, (size_t)n, f) != (size_t)n) {
		free(p);
		fclose(f);
		error_set(e, ERR_IO, "cannot read %s", path);
		return NULL;
	}
	p[n] = '\0';
	fclose(f);
	return p;
}

/* Free what app_new() made. */
static void
app_free(struct app *app)
{
	if (app == NULL)
		return;
	req_arena_pool_free(app);
	pthread_mutex_destroy(&app->pool_lock);
	pthread_mutex_destroy(&app->delay_lock);
	pthread_mutex_destroy(&app->fails.lock);
	pthread_cond_destroy(&app->delay_cond);
	pthread_mutex_destroy(&app->login_rate.lock);
	pthread_mutex_destroy(&app->public_rate.lock);
	pthread_mutex_destroy(&app->feed_rate.lock);
	refusals_destroy(&app->refusals);
	free(app);
}

/* The app for one run of the server, its settings copied in. */
static struct app *
app_new(struct store *st, const struct http_settings *s)
{
	struct app *app = calloc(1, sizeof *app);

	if (app == NULL)
		return NULL;
	app->store = st;
	app->set = *s;
	snprintf(app->origin_scheme, sizeof app->origin_scheme, "%s", s->tls_cert ? "https" :
	    "http");
	rate_reset(&app->login_rate);
	rate_reset(&app->public_rate);
	rate_reset(&app->feed_rate);
	refusals_reset(&app->refusals);
	pthread_mutex_init(&app->pool_lock, NULL);
	pthread_mutex_init(&app->delay_lock, NULL);
	pthread_cond_init(&app->delay_cond, NULL);
	atomic_init(&app->inflight, 0);
	auth_init(app);
	return app;
}

enum err
http_serve(struct store *st, const struct http_settings *s, struct error *e)
{
	struct app *app;
	struct MHD_Daemon *d;
	struct sockaddr_in sa;
	const union MHD_DaemonInfo *di;
	char *cert = NULL, *key = NULL;
	unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG | MHD_USE_ITC |
	    MHD_ALLOW_SUSPEND_RESUME;
	int port, threads = s->threads;
	struct sigaction sigact;
	pthread_t delay_thread;

	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)s->port);
	if (inet_pton(AF_INET, s->host, &sa.sin_addr) != 1)
		return error_set(e, ERR_INVALID, "--listen: %s is not an IPv4 address", s->host);
	if (s->tls_cert) {
		cert = slurp_file(s->tls_cert, e);
		key = cert ? slurp_file(s->tls_key, e) : NULL;
		if (key == NULL) {
			free(cert);
			return e->code;
		}
		flags |= MHD_USE_TLS;
	}
	if ((app = app_new(st, s)) == NULL) {
		free(cert);
		free(key);
		return error_set(e, ERR_NOMEM, "out of memory");
	}
	if (threads < 2)
		threads = 2;	/* a pool of 1 is ignored by MHD (docs/architecture.md) */
	d = MHD_start_daemon(flags, (uint16_t)s->port, NULL, NULL, access_cb, app,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
	    MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
	    MHD_OPTION_NOTIFY_COMPLETED, completed_cb, NULL,
	    MHD_OPTION_UNESCAPE_CALLBACK, unescape_cb, NULL,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)4096,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(16 * 1024),
	    cert ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, cert,
	    MHD_OPTION_HTTPS_MEM_KEY, key,
	    MHD_OPTION_END);
	if (d == NULL) {
		free(cert);
		free(key);
		app_free(app);
		return error_set(e, ERR_IO, "cannot listen on %s:%d (in use, or not allowed)",
		    s->host, s->port);
	}
	di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	port = di ? di->port : s->port;

	memset(&sigact, 0, sizeof sigact);
	sigact.sa_handler = on_signal;
	sigaction(SIGINT, &sigact, NULL);
	sigaction(SIGTERM, &sigact, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (slow_start(app, s->pw_threads, s->pw_queue, e) != ERR_OK) {
		MHD_stop_daemon(d);
		free(cert);
		free(key);
		app_free(app);
		return e->code;
	}
	if (pthread_create(&delay_thread, NULL, delay_main, app) != 0) {
		MHD_stop_daemon(d);
		slow_stop(app);
		free(cert);
		free(key);
		app_free(app);
		return error_set(e, ERR_IO, "cannot start the timer thread");
	}
	printf("listening on %s://%s:%d\n", app->origin_scheme, s->host, port);
	if (s->test_clock)
		printf("test build: POST /test/clock moves the clock\n");
	fflush(stdout);
	while (!stopping)
		usleep(100 * 1000);

	/* Let jobs in flight finish so no connection stays suspended. */
	{
		int waited = 0;
		MHD_quiesce_daemon(d);
		slow_stop(app);	/* first: a password thread may delay an answer */
		pthread_mutex_lock(&app->delay_lock);
		app->delay_stop = true;	/* submit what waits now */
		pthread_cond_signal(&app->delay_cond);
		pthread_mutex_unlock(&app->delay_lock);
		pthread_join(delay_thread, NULL);
		while (atomic_load(&app->inflight) > 0 && waited++ < 100)
			usleep(50 * 1000);
		refusals_flush(app, true);
	}
	MHD_stop_daemon(d);
	app_free(app);
	if (key) {
		memset(key, 0, strlen(key));
		free(key);
	}
	free(cert);
	fprintf(stderr, "iop: stopped; %lld writes committed in %lld batches\n",
	    (long long)store_stat_jobs(st), (long long)store_stat_batches(st));
	return ERR_OK;
}
