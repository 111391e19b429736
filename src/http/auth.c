/*
 * auth.c — passwords, sessions and sign-in.
 *
 * Passwords are hashed with Argon2id (libsodium); the cost is a setting
 * (IOP_PWHASH_COST) with "interactive" as the production floor — "test" is
 * allowed only when asked for by name and says so on stderr.  Passwords and
 * tokens are never logged and are wiped after use.
 *
 * A session is a random 32-byte token in an HttpOnly, SameSite=Strict cookie;
 * the database keeps only its SHA-256, with a CSRF token, the last activity
 * (written at most once a minute) and an absolute expiry.  Failed sign-ins
 * are slowed, then lock the account for a while; sign-ins per address are
 * rate-limited in memory.  Wrong username, wrong password, disabled and
 * locked accounts all get the same answer.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/validate.h"
#include "http/req.h"
#include "lib/timeutil.h"

/* ---- password hashing ------------------------------------------------- */

static unsigned long long pw_ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
static size_t pw_mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;

enum err
pw_cost_from_env(struct error *e)
{
	const char *c = getenv("IOP_PWHASH_COST");

	if (sodium_init() < 0)
		return error_set(e, ERR_IO, "libsodium failed to start");
	if (c == NULL || strcmp(c, "interactive") == 0) {
		pw_ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
		pw_mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
	} else if (strcmp(c, "moderate") == 0) {
		pw_ops = crypto_pwhash_OPSLIMIT_MODERATE;
		pw_mem = crypto_pwhash_MEMLIMIT_MODERATE;
	} else if (strcmp(c, "test") == 0) {
		pw_ops = crypto_pwhash_OPSLIMIT_MIN;
		pw_mem = crypto_pwhash_MEMLIMIT_MIN;
		fprintf(stderr, "iop: warning: IOP_PWHASH_COST=test makes password hashes "
		    "weak; for tests only\n");
	} else {
		return error_set(e, ERR_INVALID, "IOP_PWHASH_COST must be interactive, "
		    "moderate or test");
	}
	return ERR_OK;
}

enum err
pw_hash(const char *password, char out[128], struct error *e)
{
	if (crypto_pwhash_str(out, password, strlen(password), pw_ops, pw_mem) != 0)
		return error_set(e, ERR_NOMEM, "out of memory while hashing a password");
	return ERR_OK;
}

bool
pw_verify(const char *hash, const char *password)
{
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

/* A hash to verify against when the account does not exist, so the
 * answer takes as long either way. */
static char dummy_hash[128];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void
dummy_init(void)
{
	char pw[33];
	struct error e;

	randombytes_buf(pw, 32);
	for (int i = 0; i < 32; i++)
		pw[i] = (char)('a' + ((unsigned char)pw[i] % 26));
	pw[32] = '\0';
	if (pw_hash(pw, dummy_hash, &e) != ERR_OK)
		dummy_hash[0] = '\0';
	sodium_memzero(pw, sizeof pw);
}

/* ---- per-address rate limit (the table is the app's) --------------------- */

void
auth_rate_init(void)
{
	pthread_once(&dummy_once, dummy_init);
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

static void
roles_str(roleset rs, char *out, size_t n)
{
	size_t o = 0;
	int i;

	out[0] = '\0';
	for (i = 0; i < ROLE__MAX; i++)
		if (rs & (1u << i))
			o += (size_t)snprintf(out + o, o < n ? n - o : 0, "%s%s", o ? "," : "",
			    role_name((enum role)i));
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
	roles_str(r->sess.roles, r->roles_str, sizeof r->roles_str);
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
	user = json_pack("{s:I,s:o,s:o,s:o,s:o,s:b,s:o}", "id", (json_int_t)st.id,
	    "username", jstr(st.username), "full_name", jstr(st.full_name),
	    "roles", roles_to_json(st.roles), "site_ids", sites,
	    "must_change_password", st.must_change_password, "permissions", perms);
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

void
h_healthz(struct req *r)
{
	reply_json(r, 200, json_pack("{s:s}", "status", "ok"));
}

/* ---- sign in --------------------------------------------------------------- */

struct login {
	bool ok;
	int64_t staff_id;
	uint8_t hash[32];
	char token[64];
	char csrf[64];
	int64_t expires_at;
	int max_failures, lock_seconds;
	int64_t session_id;
	const char *addr;
};

static enum err
login_run(struct store_tx *tx, void *arg, struct error *e)
{
	struct login *l = arg;

	if (!l->ok) {
		if (l->staff_id == 0)
			return ERR_OK;
		return store_tx_staff_login_failed(tx, l->staff_id, l->max_failures,
		    l->lock_seconds, e);
	}
	if (store_tx_staff_login_ok(tx, l->staff_id, e) != ERR_OK)
		return e->code;
	return store_tx_session_insert(tx, l->hash, l->staff_id, l->csrf, l->addr, l->expires_at,
	    &l->session_id, e);
}

static void
login_after(struct req *r)
{
	struct login *l = r->run_arg;
	json_t *b;

	if (r->job.result != ERR_OK) {
		reply_error(r, &r->job.err);
		return;
	}
	if (!l->ok) {
		reply_err(r, ERR_UNAUTH, "Wrong username or password.");
		return;
	}
	b = me_body(r, l->staff_id, l->csrf, l->expires_at);
	if (b == NULL) {
		reply_err(r, ERR_STORE, "The server could not complete the sign-in.");
		return;
	}
	r->set_cookie = arena_printf(r->arena, "iop_session=%s; Path=/; HttpOnly; "
	    "SameSite=Strict%s; Max-Age=%d", l->token, r->app->set.tls_cert ? "; Secure" : "",
	    r->app->set.session_lifetime);
	sodium_memzero(l->token, sizeof l->token);
	reply_json(r, 200, b);
}

void
h_session_create(struct req *r)
{
	static const char *const keys[] = { "username", "password", NULL };
	const struct http_settings *set = &r->app->set;
	struct login *l = arena_alloc(r->arena, sizeof *l);
	const char *username = NULL, *password = NULL;
	struct staff st;
	char *hash = NULL;
	struct error e;
	json_t *o;
	bool known;

	if (!rate_allow(&r->app->login_rate, r->addr, r->now, 60, set->login_rate_per_min)) {
		req_audit(r, "session.login_refused", "", 0, 0, "rate limit");
		reply_err(r, ERR_RATELIMIT, "Too many sign-in attempts from here; wait a "
		    "minute and try again.");
		return;
	}
	if ((o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	json_only_keys(o, keys, &e, NULL);
	jfield_str(o, "username", r->arena, &username, &e, NULL);
	jfield_str(o, "password", r->arena, &password, &e, NULL);
	if (e.code == ERR_OK && (username == NULL || *username == '\0'))
		error_field(&e, "username", "is required");
	if (e.code == ERR_OK && (password == NULL || *password == '\0'))
		error_field(&e, "password", "is required");
	if (e.code == ERR_OK && (strlen(username) > 64 || strlen(password) > 1024))
		error_field(&e, strlen(username) > 64 ? "username" : "password", "is too long");
	if (e.code != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	l->max_failures = set->login_max_failures;
	l->addr = r->addr;
	l->lock_seconds = set->login_lock_seconds;
	known = store_staff_by_username(r->app->store, username, r->arena, &st, &hash, &e)
	    == ERR_OK;
	if (!known) {
		if (e.code != ERR_NOTFOUND) {
			reply_error(r, &e);
			return;
		}
		pw_verify(dummy_hash, password);
		l->ok = false;
		l->staff_id = 0;
		req_audit(r, "session.login_failed", "staff", 0, 0, "unknown account");
	} else {
		bool pw_ok = pw_verify(hash, password);
		bool locked = st.locked_until > r->now;
		l->staff_id = st.id;
		l->ok = pw_ok && st.active && !locked;
		if (!l->ok) {
			const char *why = !st.active ? "account disabled" : locked ?
			    "account locked" : "wrong password";
			struct audit_event *ev;
			/* Slow down repeated guessing. */
			if (!pw_ok && st.failed_logins > 0 && set->login_slowdown_ms > 0) {
				int ms = st.failed_logins * set->login_slowdown_ms;
				r->delay_ms = ms > 2000 ? 2000 : ms;
			}
			req_audit(r, "session.login_failed", "staff", st.id, 0, why);
			ev = &r->audit[r->naudit - 1];
			ev->user_id = st.id;
			ev->username = st.username;
			if (pw_ok)
				l->staff_id = 0;	/* do not count a right password */
		} else {
			char rs[160];
			struct audit_event *ev;
			token_new(l->token, sizeof l->token);
			token_new(l->csrf, sizeof l->csrf);
			token_hash(l->token, l->hash);
			l->expires_at = r->now + set->session_lifetime;
			req_audit(r, "session.login", "staff", st.id, 0, "");
			roles_str(st.roles, rs, sizeof rs);
			ev = &r->audit[r->naudit - 1];
			ev->user_id = st.id;
			ev->username = st.username;
			ev->role = arena_strdup(r->arena, rs);
		}
	}
	sodium_memzero((void *)password, strlen(password));
	req_write(r, login_run, l, login_after);
}

/* ---- sign out and password change ------------------------------------------ */

static enum err
logout_run(struct store_tx *tx, void *arg, struct error *e)
{
	struct req *r = arg;

	return store_tx_session_end(tx, r->sess.id, e);
}

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
	req_audit(r, "session.logout", "staff", r->sess.staff_id, 0, "");
	r->touch_session = false;
	req_write(r, logout_run, r, logout_after);
}

struct pwchange {
	int64_t staff_id;
	char hash[128];
	int64_t keep_session;
};

static enum err
pwchange_run(struct store_tx *tx, void *arg, struct error *e)
{
	struct pwchange *p = arg;

	return store_tx_staff_set_password(tx, p->staff_id, p->hash, false, e);
}

static void
after_no_content(struct req *r)
{
	if (r->job.result != ERR_OK)
		reply_error(r, &r->job.err);
	else
		reply_empty(r, 204);
}

void
h_me_password(struct req *r)
{
	static const char *const keys[] = { "current_password", "new_password", NULL };
	struct pwchange *p = arena_alloc(r->arena, sizeof *p);
	const char *cur = NULL, *nw = NULL, *msg;
	char *hash = NULL;
	struct staff st;
	struct error e;
	json_t *o;

	if ((o = req_json_object(r)) == NULL)
		return;
	error_clear(&e);
	json_only_keys(o, keys, &e, NULL);
	jfield_str(o, "current_password", r->arena, &cur, &e, NULL);
	jfield_str(o, "new_password", r->arena, &nw, &e, NULL);
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
	if (!pw_verify(hash, cur)) {
		error_field(&e, "current_password", "is not your current password");
		reply_error(r, &e);
		return;
	}
	p->staff_id = st.id;
	if (pw_hash(nw, p->hash, &e) != ERR_OK) {
		reply_error(r, &e);
		return;
	}
	sodium_memzero((void *)cur, strlen(cur));
	sodium_memzero((void *)nw, strlen(nw));
	req_audit(r, "staff.password_changed", "staff", st.id, 0, "own");
	req_write(r, pwchange_run, p, after_no_content);
}
