/*
 * http.h — the HTTP layer's face to the command line.
 *
 * It turns requests into typed core and store calls and results into JSON;
 * it owns sessions, CSRF, the route table and the static web files.
 */
#ifndef IOP_HTTP_H
#define IOP_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "lib/err.h"
#include "store/store.h"

struct http_settings {
	char host[64];			/* listen address, 127.0.0.1 */
	int port;			/* 0: any free port */
	const char *tls_cert;		/* paths; both or neither */
	const char *tls_key;
	const char *web_root;		/* serve web/ from disk; NULL: embedded */
	int threads;			/* MHD worker threads */
	bool blocking;			/* block workers on jobs instead of suspending */
	int pw_threads;			/* password threads (Argon2id), slow.c */
	int pw_queue;			/* sign-ins that may wait for them; then 429 */
	int idle_timeout;		/* seconds */
	int session_lifetime;		/* seconds */
	int login_max_failures;
	int login_lock_seconds;
	int login_rate_per_min;		/* per client address */
	int login_slowdown_ms;		/* added per earlier failure, capped at 2 s */
	size_t max_body;		/* bytes */
	int public_rate_per_hour;	/* public submissions per client address */
	int feed_rate_per_hour;		/* calendar feed fetches per client address */
	int64_t rate_per_day_cents;	/* the program's rate per IOP day, for estimates */
	int typical_days;		/* attended days in a typical stay, for estimates */
	int plan_review_days;		/* a signed treatment plan's review falls due after */
	int late_cancel_hours;		/* a client's cancellation closer to the start is late */
	int emergency_access_hours;	/* a declared emergency opens a client's record this long */
	bool test_clock;		/* iop-test only: POST /test/clock moves the clock */
};

void http_settings_default(struct http_settings *s);
/*
 * Reads every IOP_* setting of the server over the defaults, once, when
 * `iop serve` starts; nothing reads the environment after that.  A value
 * that is set but not allowed is an error naming the variable and its range.
 */
enum err http_settings_env(struct http_settings *s, struct error *e);

/* Runs until SIGINT or SIGTERM.  Prints "listening on URL" to stdout once
 * ready. */
enum err http_serve(struct store *st, const struct http_settings *s, struct error *e);

/* The route table as "METHOD PATH PERMISSION" lines. */
void http_routes_print(FILE *f);
/* The same as "METHOD PATH PERMISSION FLAGS" (permission public|none|name). */
void http_routes_print_long(FILE *f);

#endif
