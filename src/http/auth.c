/*
 * auth.c — sessions and sign-in.
 *
 * Passwords are hashed with Argon2id (ops/password.h) and checked on a
 * password thread (req_slow, slow.c: never on an HTTP worker), before the
 * sign-in's bookkeeping is handed to the writer as an operation
 * (ops/session.h); the sign-in rule itself is login_judge (core).
 * Passwords and tokens are never logged and are wiped after use.
 *
 * A session is a random 32-byte token in an HttpOnly, SameSite=Strict cookie;
 * the database keeps only its SHA-256, with a CSRF token, the last activity
 * (written at most once a minute) and an absolute expiry.  Failed sign-ins
 * are slowed, then lock the account for a while; sign-ins per address are
 * rate-limited in memory.  Wrong username, wrong password, disabled and
 * locked accounts all get the same answer, after the same time: one Argon2
 * verification each (a locked or disabled account's password is not checked:
 * a dummy hash is verified instead), and the same slow-down per earlier
 * failure of the username, counted in memory for every username.  A wrong current password given
 * to change one's own password counts, and is slowed, as a failed sign-in.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/validate.h"
#include "http/decoders.h"
#include "http/req.h"
#include "lib/timeutil.h"
#include "ops/password.h"
#include "ops/session.h"
#include "ops/staff.h"

/* ---- sign-in timing --------------------------------------------------- */

/* The app's hash of a random password, to verify against when the account
 * does not exist, so the answer takes as long either way. */
void
auth_init(struct app *app)
{
	char pw[33];
	struct error e;

	pthread_mutex_init(&app->fails.lock, NULL);
	randombytes_buf(pw, 32);
	for (int i = 0; i < 32; i++)
		pw[i] = (char)('a' + ((unsigned char)pw[i] % 26));
	pw[32] = '\0';
	if (pw_hash(pw, app->dummy_hash, &e) != ERR_OK)
		app->dummy_hash[0] = '\0';
	sodium_memzero(pw, sizeof pw);
}

/* How long to hold the answer to a wrong password (sign-in, or the current
 * password of a password change) after failures failures in a row. */
static int
failure_delay_ms(const struct http_settings *set, int failures)
{
	int ms;

	if (failures <= 0 || set->login_slowdown_ms <= 0)
		return 0;
	ms = failures * set->login_slowdown_ms;
	return ms > 2000 ? 2000 : ms;
}

/*
 * Failed sign-ins per username, in memory, whether or not the account
 * exists: every failure of a username (unknown, wrong password, locked,
 * disabled) is slowed by the same schedule, so the answer's timing tells
 * nothing about which it was.  (The database's count of an account's
 * failures still decides its lock.)  The table is bounded: when full, the
 * username whose last failure is oldest is forgotten; a username with no
 * failure for FAIL_FORGET seconds starts again from zero, as does one that
 * signs in.  Usernames are kept only as their SHA-256.  The table is the
 * app's (struct fail_table, req.h).
 */
static void
fail_key(const char *username, uint8_t key[32])
{
	crypto_hash_sha256(key, (const unsigned char *)username, strlen(username));
}

/* Counts a failure of username at now; returns the failures before it. */
static int
fail_count(struct fail_table *t, const char *username, int64_t now)
{
	struct fail_slot *s, *victim = NULL;
	uint8_t key[32];
	int before = 0;
	size_t i;

	fail_key(username, key);
	pthread_mutex_lock(&t->lock);
	for (i = 0; i < FAIL_SLOTS; i++) {
		s = &t->slot[i];
		if (s->count > 0 && memcmp(s->key, key, sizeof key) == 0)
			break;
		/* The one to take if username is not here: a free slot, else
		 * the one whose last failure is oldest. */
		if (victim == NULL || (victim->count > 0 &&
		    (s->count == 0 || s->last < victim->last)))
			victim = s;
	}
	if (i < FAIL_SLOTS) {
		s = &t->slot[i];
		before = now - s->last > FAIL_FORGET ? 0 : s->count;
	} else {
		s = victim;
		memcpy(s->key, key, sizeof key);
	}
	s->count = before < FAIL_MAX ? before + 1 : FAIL_MAX;
	s->last = now;
	pthread_mutex_unlock(&t->lock);
	return before;
}

/* A username signed in: its failures are forgotten. */
static void
fail_forget(struct fail_table *t, const char *username)
{
	uint8_t key[32];
	size_t i;

	fail_key(username, key);
	pthread_mutex_lock(&t->lock);
	for (i = 0; i < FAIL_SLOTS; i++)
		if (t->slot[i].count > 0 && memcmp(t->slot[i].key, key, sizeof key) == 0)
			t->slot[i].count = 0;
	pthread_mutex_unlock(&t->lock);
}

/* ---- tokens and cookies --------------------------------------------------- */

static void
token_new(char *out, size_t n)
{
	unsigned char raw[32];

	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, n, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
}

static void
token_hash(const char *tok, uint8_t out[32])
{
	crypto_hash_sha256(out, (const unsigned char *)tok, strlen(tok));
}

static const char *
cookie_value(struct req *r)
{
	const char *c = req_header(r, "Cookie");
	const char *p;

	if (c == NULL)
		return NULL;
	for (p = c; (p = strstr(p, "iop_session=")) != NULL; p += 12) {
		if (p == c || p[-1] == ' ' || p[-1] == ';') {
			const char *v = p + 12;
			size_t n = strcspn(v, "; ");
			if (n == 0 || n > 64)
				return NULL;
			return arena_strndup(r->arena, v, n);
		}
	}
	return NULL;
}

bool
auth_session_from_cookie(struct req *r)
{
	const char *tok = cookie_value(r);
	const struct http_settings *set = &r->app->set;
	uint8_t h[32];
	struct error e;
	int touch_every;

	if (tok == NULL)
		return false;
	token_hash(tok, h);
	error_clear(&e);
	if (store_session_get(r->app->store, h, r->arena, &r->sess, &e) != ERR_OK)
		return false;
	if (!r->sess.staff_active || r->now >= r->sess.expires_at ||
	    r->now - r->sess.last_seen_at > set->idle_timeout)
		return false;
	r->authed = true;
	roles_format(r->sess.roles, r->roles_str, sizeof r->roles_str);
	/* Record activity at most once a minute (more often only when the
	 * idle time-out is shorter than ten minutes, as in tests). */
	touch_every = set->idle_timeout / 10 < 60 ? set->idle_timeout / 10 : 60;
	if (r->now - r->sess.last_seen_at >= touch_every &&
	    req_header(r, "X-IOP-Background") == NULL)
		r->touch_session = true;	/* a background poll is not activity */
	return true;
}

/* ---- the /me body ---------------------------------------------------------- */

static json_t *
me_body(struct req *r, int64_t staff_id, const char *csrf, int64_t expires_at)
{
	struct staff st;
	struct error e;
	json_t *user, *perms, *sites;
	int p, i;

	error_clear(&e);
	if (store_staff_get(r->app->store, staff_id, r->arena, &st, &e) != ERR_OK)
		return NULL;
	perms = json_array();
	for (p = PERM_NONE + 1; p < PERM__MAX; p++)
		if (roles_allow(st.roles, (enum perm)p))
			json_array_append_new(perms, json_string(perm_name((enum perm)p)));
	sites = json_array();
	for (i = 0; i < st.nsites; i++)
		json_array_append_new(sites, json_integer(st.site_ids[i]));
	user = json_pack("{s:I,s:o,s:o,s:o,s:o,s:b,s:o,s:b}", "id", (json_int_t)st.id,
	    "username", jstr(st.username), "full_name", jstr(st.full_name),
	    "roles", roles_to_json(st.roles), "site_ids", sites,
	    "must_change_password", st.must_change_password, "permissions", perms,
	    "alumni_coordinator", st.alumni_coordinator);
	return json_pack("{s:o,s:s,s:{s:i,s:o}}", "user", user, "csrf_token", csrf,
	    "session", "idle_timeout_seconds", r->app->set.idle_timeout,
	    "expires_at", jtime(expires_at));
}

void
h_me(struct req *r)
{
	json_t *b = me_body(r, r->sess.staff_id, r->sess.csrf, r->sess.expires_at);

	if (b == NULL) {
		reply_err(r, ERR_UNAUTH, "Please sign in.");
		return;
	}
	reply_json(r, 200, b);
}

/* Up, and the store's last batch of writes did not fail; 503 while it did
 * (store_write_ok()), so a monitor sees a database that cannot write. */
void
h_healthz(struct req *r)
{
	if (!store_write_ok(r->app->store)) {
		reply_json(r, 503, json_pack("{s:{s:s,s:s}}", "error", "code", "internal",
		    "message", "The database cannot save changes."));
		return;
	}
	reply_json(r, 200, json_pack("{s:s}", "status", "ok"));
}

/* ---- sign in --------------------------------------------------------------- */

/* A sign-in: the operation's input first, then what the answer needs and
 * what the password thread checks. */
struct login {
	struct session_login_in in;
	char token[64];
	const char *username, *password;	/* the body's */
	bool known;
	struct staff st;
	char *hash;
};

static void
login_after(struct req *r)
{
	struct login *l = (struct login *)r->op->in;
	json_t *b;

	if (r->job.result != ERR_OK) {
		reply_error(r, &r->job.err);
		return;
	}
	if (!l->in.verdict.ok) {
		reply_err(r, ERR_UNAUTH, "Wrong username or password.");
		return;
	}
	b = me_body(r, l->in.staff_id, l->in.csrf, l->in.expires_at);
	if (b == NULL) {
		reply_err(r, ERR_STORE, "The server could not complete the sign-in.");
		return;
	}
	r->set_cookie = arena_printf(r->arena, "iop_session=%s; Path=/; HttpOnly; "
	    "SameSite=Strict%s; Max-Age=%d", l->token, r->app->set.tls_cert ? "; Secure" : "",
	    r->app->set.session_lifetime);
	sodium_memzero(l->token, sizeof l->token);
	if (r->set_cookie == NULL) {
		json_decref(b);
		reply_err(r, ERR_NOMEM, "The server could not complete the sign-in.");
		return;
	}
	reply_json(r, 200, b);
}

struct login_body {
	const char *username;
	const char *password;
};

static const struct fdef session_fields[] = {
	{ .name = "username", .kind = FK_TEXT,
	    .off = offsetof(struct login_body, username), .max = 64 },
	{ .name = "password", .kind = FK_TEXT,
	    .off = offsetof(struct login_body, password), .max = 1024 },
};
const struct fdecoder dec_session = FDECODER("session", struct login_body, session_fields);

/*
 * The password check, on a password thread (req_slow).  Every failure takes
 * one Argon2id verification — against the dummy hash when the account is
 * unknown, locked or disabled, whose password is not checked at all — and
 * the same slow-down per earlier failure of the username.
 */
static void
login_check(struct req *r)
{
	const struct http_settings *set = &r->app->set;
	struct login *l = r->slow_arg;
	struct audit_event *ev;
	bool pw_ok = false;

	if (!l->known) {
		pw_verify(r->app->dummy_hash, l->password);
		l->in.verdict = login_judge(false, false, false, 0, r->now);
		r->delay_ms = failure_delay_ms(set,
		    fail_count(&r->app->fails, l->username, r->now));
		req_audit(r, "session.login_failed", "staff", 0, 0, l->in.verdict.why);
		sodium_memzero((void *)l->password, strlen(l->password));
		req_op(r, op_session_login_run, l, login_after);
		return;
	}
	if (login_checks_password(true, l->st.active, l->st.locked_until, r->now))
		pw_ok = pw_verify(l->hash, l->password);
	else
		pw_verify(r->app->dummy_hash, l->password);
	sodium_memzero((void *)l->password, strlen(l->password));
	l->in.verdict = login_judge(true, pw_ok, l->st.active, l->st.locked_until, r->now);
	l->in.staff_id = l->st.id;
	if (!l->in.verdict.ok) {
		/* Slow down repeated guessing, whatever the reason. */
		r->delay_ms = failure_delay_ms(set,
		    fail_count(&r->app->fails, l->username, r->now));
		req_audit(r, "session.login_failed", "staff", l->st.id, 0, l->in.verdict.why);
		if (r->audit_lost)
			return;	/* the frame answers 500 */
		ev = &r->audit[r->naudit - 1];
		ev->user_id = l->st.id;
		ev->username = l->st.username;
	} else {
		char rs[160];
		fail_forget(&r->app->fails, l->username);
		token_new(l->token, sizeof l->token);
		token_new(l->in.csrf, sizeof l->in.csrf);
		token_hash(l->token, l->in.token_hash);
		l->in.expires_at = r->now + set->session_lifetime;
		req_audit(r, "session.login", "staff", l->st.id, 0, "");
		if (r->audit_lost)
			return;	/* the frame answers 500 */
		roles_format(l->st.roles, rs, sizeof rs);
		ev = &r->audit[r->naudit - 1];
		ev->user_id = l->st.id;
		ev->username = l->st.username;
		ev->role = arena_strdup(r->arena, rs);
	}
	req_op(r, op_session_login_run, l, login_after);
}

void
h_session_create(struct req *r)
{
	const struct http_settings *set = &r->app->set;
	struct login *l = arena_alloc(r->arena, sizeof *l);
	struct login_body lb = { NULL, NULL };
	const char *username, *password;
	struct error e;
	json_t *o;

	if (!rate_allow(&r->app->login_rate, r->addr, r->now, 60, set->login_rate_per_min)) {
		req_audit(r, "session.login_refused", "", 0, 0, "rate limit");
		reply_err(r, ERR_RATELIMIT, "Too many sign-in attempts from here; wait a "
		    "minute and try again.");
		return;
	}
	if (l == NULL) {
		reply_err(r, ERR_NOMEM, "The server is out of memory for this request.");
		return;
	}
	if ((o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	fdecode(&dec_session, o, r->arena, &lb, NULL, &e, NULL);
	username = lb.username;
	password = lb.password;
	if (e.code == ERR_OK && (username == NULL || *username == '\0'))
		error_field(&e, "username", "is required");
	if (e.code == ERR_OK && (password == NULL || *password == '\0'))
		error_field(&e, "password", "is required");
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	memset(l, 0, sizeof *l);
	l->in.max_failures = set->login_max_failures;
	l->in.lock_seconds = set->login_lock_seconds;
	l->known = store_staff_by_username(r->app->store, username, r->arena, &l->st,
	    &l->hash, &e) == ERR_OK;
	if (!l->known && e.code != ERR_NOTFOUND) {
		reply_error(r, &e);
		return;
	}
	l->username = username;
	l->password = password;
	req_slow(r, login_check, l);	/* Argon2id: on a password thread */
}
/* ---- sign out and password change ------------------------------------------ */

static void
logout_after(struct req *r)
{
	if (r->job.result != ERR_OK) {
		reply_error(r, &r->job.err);
		return;
	}
	r->set_cookie = arena_printf(r->arena, "iop_session=; Path=/; HttpOnly; "
	    "SameSite=Strict%s; Max-Age=0", r->app->set.tls_cert ? "; Secure" : "");
	reply_empty(r, 204);
}

void
h_session_delete(struct req *r)
{
	struct session_end_in *in = arena_alloc(r->arena, sizeof *in);

	if (in == NULL) {
		reply_err(r, ERR_NOMEM, "The server is out of memory for this request.");
		return;
	}
	in->session_id = r->sess.id;
	req_audit(r, "session.logout", "staff", r->sess.staff_id, 0, "");
	r->touch_session = false;
	req_op(r, op_session_end_run, in, logout_after);
}

/* An own password change: the operation's input first, then what the
 * password thread checks. */
struct pwchange {
	struct staff_password_in in;
	char hash[128];
	const char *cur, *nw;	/* the body's */
	struct staff st;
	char *stored;		/* the account's hash */
};

static void
after_no_content(struct req *r)
{
	if (r->job.result != ERR_OK)
		reply_error(r, &r->job.err);
	else
		reply_empty(r, 204);
}

/* A wrong current password, counted against the account. */
static void
pwchange_failed_after(struct req *r)
{
	struct error e;

	if (r->job.result != ERR_OK) {
		reply_error(r, &r->job.err);
		return;
	}
	error_clear(&e);
	error_field(&e, "current_password", "is not your current password");
	reply_error(r, &e);
}

struct pwchange_body {
	const char *current_password;
	const char *new_password;
};

static const struct fdef me_password_fields[] = {
	{ .name = "current_password", .kind = FK_TEXT,
	    .off = offsetof(struct pwchange_body, current_password) },
	{ .name = "new_password", .kind = FK_TEXT,
	    .off = offsetof(struct pwchange_body, new_password) },
};
const struct fdecoder dec_me_password = FDECODER("me_password", struct pwchange_body,
    me_password_fields);

/* The check and the new hash, on a password thread (req_slow). */
static void
pwchange_check(struct req *r)
{
	struct pwchange *p = r->slow_arg;
	struct error e;
	bool ok = pw_verify(p->stored, p->cur);

	sodium_memzero((void *)p->cur, strlen(p->cur));
	if (!ok) {
		struct session_login_in *in = arena_alloc(r->arena, sizeof *in);

		sodium_memzero((void *)p->nw, strlen(p->nw));
		if (in == NULL) {
			reply_err(r, ERR_NOMEM, "The server is out of memory for this request.");
			return;
		}
		memset(in, 0, sizeof *in);
		in->staff_id = p->st.id;
		in->verdict = login_judge(true, false, p->st.active, p->st.locked_until, r->now);
		in->max_failures = r->app->set.login_max_failures;
		in->lock_seconds = r->app->set.login_lock_seconds;
		/* Counted with the username's sign-in failures, so that a
		 * sign-in after these waits for them too. */
		r->delay_ms = failure_delay_ms(&r->app->set,
		    fail_count(&r->app->fails, p->st.username, r->now));
		req_audit(r, "staff.password_change_failed", "staff", p->st.id, 0,
		    in->verdict.why);
		req_op(r, op_session_login_run, in, pwchange_failed_after);
		return;
	}
	memset(&p->in, 0, sizeof p->in);
	p->in.id = p->st.id;
	p->in.hash = p->hash;
	p->in.own = true;
	p->in.keep_session = r->sess.id;
	error_clear(&e);
	if (pw_hash(p->nw, p->hash, &e) != ERR_OK) {
		sodium_memzero((void *)p->nw, strlen(p->nw));
		reply_error(r, &e);
		return;
	}
	sodium_memzero((void *)p->nw, strlen(p->nw));
	req_audit(r, "staff.password_changed", "staff", p->st.id, 0, "own");
	req_op(r, op_staff_password_run, p, after_no_content);
}

/*
 * The current password is guarded as a sign-in is: while the account is
 * locked it is not checked at all (403), and a wrong one counts towards the
 * lock and slows the next answer (login_judge, op_session_login).  Each
 * failure is audited.  A change ends every other session of the account.
 */
void
h_me_password(struct req *r)
{
	struct pwchange *p = arena_alloc(r->arena, sizeof *p);
	struct pwchange_body b = { NULL, NULL };
	const char *cur, *nw, *msg;
	char *hash = NULL;
	struct staff st;
	struct error e;
	json_t *o;

	if (p == NULL) {
		reply_err(r, ERR_NOMEM, "The server is out of memory for this request.");
		return;
	}
	if ((o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	fdecode(&dec_me_password, o, r->arena, &b, NULL, &e, NULL);
	cur = b.current_password;
	nw = b.new_password;
	if (cur == NULL || *cur == '\0')
		error_field(&e, "current_password", "is required");
	if (nw == NULL || *nw == '\0')
		error_field(&e, "new_password", "is required");
	else if ((msg = check_password(nw, r->sess.username)) != NULL)
		error_field(&e, "new_password", "%s", msg);
	if (e.code == ERR_OK && cur != NULL && nw != NULL && strcmp(cur, nw) == 0)
		error_field(&e, "new_password", "must differ from the current password");
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	if (store_staff_by_username(r->app->store, r->sess.username, r->arena, &st, &hash, &e)
	    != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	if (st.locked_until > r->now) {
		/* Locked: the password is not even checked. */
		sodium_memzero((void *)cur, strlen(cur));
		sodium_memzero((void *)nw, strlen(nw));
		req_audit(r, "staff.password_change_failed", "staff", st.id, 0, "account locked");
		reply_err(r, ERR_FORBIDDEN, STAFF_LOCKED_MSG);
		return;
	}
	p->cur = cur;
	p->nw = nw;
	p->st = st;
	p->stored = hash;
	req_slow(r, pwchange_check, p);	/* Argon2id: on a password thread */
}
