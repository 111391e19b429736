/*
 * settings.c — the server's settings: defaults, then IOP_* variables, read
 * and checked once when `iop serve` starts (handlers read r->app->set, never
 * the environment).  A variable that is set but not a number in range is an
 * error naming it and the range, and the server does not start.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/appointment.h"
#include "core/cost.h"
#include "core/plan.h"
#include "core/care.h"
#include "http/http.h"

void
http_settings_default(struct http_settings *s)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	memset(s, 0, sizeof *s);
	snprintf(s->host, sizeof s->host, "127.0.0.1");
	s->port = 8080;
	s->threads = n > 1 ? (int)n : 2;
	s->blocking = false;
	/* Half the CPUs, at most four: the workers keep the rest. */
	s->pw_threads = n >= 4 ? (int)(n / 2 < 4 ? n / 2 : 4) : 1;
	s->pw_queue = 64;
	s->idle_timeout = 15 * 60;
	s->session_lifetime = 12 * 60 * 60;
	s->login_max_failures = 5;
	s->login_lock_seconds = 15 * 60;
	s->login_rate_per_min = 20;
	s->login_slowdown_ms = 250;
	s->max_body = 64 * 1024;
	s->public_rate_per_hour = 10;
	s->feed_rate_per_hour = 600;
	s->rate_per_day_cents = 25000;
	s->typical_days = COST_TYPICAL_DAYS_DEFAULT;
	s->late_cancel_hours = APPT_LATE_CANCEL_HOURS_DEFAULT;
	s->plan_review_days = PLAN_REVIEW_DAYS_DEFAULT;
	s->emergency_access_hours = EMERGENCY_HOURS_DEFAULT;
	s->test_clock = false;
}

static enum err
env_int(const char *name, long min, long max, int *out, struct error *e)
{
	const char *v = getenv(name);
	char *end;
	long n;

	if (v == NULL || *v == '\0')
		return ERR_OK;
	n = strtol(v, &end, 10);
	if (*end != '\0' || n < min || n > max)
		return error_set(e, ERR_INVALID, "%s must be a whole number from %ld to %ld",
		    name, min, max);
	*out = (int)n;
	return ERR_OK;
}

enum err
http_settings_env(struct http_settings *s, struct error *e)
{
	const char *mode = getenv("IOP_HTTP_MODE");
	int body = (int)s->max_body, rate = (int)s->rate_per_day_cents;

	if (env_int("IOP_IDLE_TIMEOUT", 1, 24 * 3600, &s->idle_timeout, e) ||
	    env_int("IOP_SESSION_LIFETIME", 60, 7 * 24 * 3600, &s->session_lifetime, e) ||
	    env_int("IOP_LOGIN_MAX_FAILURES", 1, 1000, &s->login_max_failures, e) ||
	    env_int("IOP_LOGIN_LOCK_SECONDS", 1, 7 * 24 * 3600, &s->login_lock_seconds, e) ||
	    env_int("IOP_LOGIN_RATE_PER_MIN", 1, 10000000, &s->login_rate_per_min, e) ||
	    env_int("IOP_LOGIN_SLOWDOWN_MS", 0, 2000, &s->login_slowdown_ms, e) ||
	    env_int("IOP_HTTP_THREADS", 2, 1024, &s->threads, e) ||
	    env_int("IOP_PWHASH_THREADS", 1, 64, &s->pw_threads, e) ||
	    env_int("IOP_PWHASH_QUEUE", 1, 100000, &s->pw_queue, e) ||
	    /* A body grows in the request's 4 MiB arena, doubling: 1 MiB fits. */
	    env_int("IOP_MAX_BODY", 1024, 1 << 20, &body, e) ||
	    env_int("IOP_PUBLIC_RATE_PER_HOUR", 1, 1000000, &s->public_rate_per_hour, e) ||
	    env_int("IOP_FEED_RATE_PER_HOUR", 1, 1000000, &s->feed_rate_per_hour, e) ||
	    env_int("IOP_RATE_PER_DAY_CENTS", 1, 100000000, &rate, e) ||
	    env_int("IOP_TYPICAL_DAYS", 1, COST_TYPICAL_DAYS_MAX, &s->typical_days, e) ||
	    env_int("IOP_LATE_CANCEL_HOURS", 0, 168, &s->late_cancel_hours, e) ||
	    env_int("IOP_PLAN_REVIEW_DAYS", PLAN_REVIEW_DAYS_MIN, PLAN_REVIEW_DAYS_MAX,
	    &s->plan_review_days, e) ||
	    env_int("IOP_EMERGENCY_ACCESS_HOURS", 1, EMERGENCY_HOURS_MAX,
	    &s->emergency_access_hours, e))
		return e->code;
	s->max_body = (size_t)body;
	s->rate_per_day_cents = rate;
	if (mode != NULL && *mode != '\0') {
		if (strcmp(mode, "suspend") == 0)
			s->blocking = false;
		else if (strcmp(mode, "blocking") == 0)
			s->blocking = true;
		else
			return error_set(e, ERR_INVALID, "IOP_HTTP_MODE must be suspend or "
			    "blocking");
	}
	return ERR_OK;
}
