/*
 * router.c — the checks every request passes, on its way to the route of
 * the table (routes.c) it matches.
 *
 * The audit row a route declares (req.h) is written here after the
 * handler, when it answered 2xx or its write succeeded, so no handler can
 * forget it.  Path parameters are written {name} and must be positive
 * integers (ids), except {code}: 1-32 of [a-z0-9_]; anything else does not
 * match, so it is a 404; {token} (a calendar feed's) is 16-64 of
 * [A-Za-z0-9_-].  Before a handler runs: a body that is not declared JSON
 * is refused (400), the session is found (401), a foreign Origin is refused
 * on state-changing requests (403), the CSRF token is checked (403), a due
 * password change is enforced (403), the permission table is asked (403),
 * and the care relationship rule (care_check.c, 403).  Refusals are
 * audited, on the client's trail when the route's client is in its path.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <sodium.h>

#include "http/routes.h"

void
http_routes_print(FILE *f)
{
	int i;

	for (i = 0; i < R__MAX; i++) {
		const char *p = perm_name(routes[i].perm);
		fprintf(f, "%s %s %s\n", method_names[routes[i].method], routes[i].path,
		    (routes[i].flags & RF_PUBLIC) || p == NULL || *p == '\0' ? "-" : p);
	}
}

/*
 * The same table with its words spelled as docs/openapi.yaml's x-permission:
 * "METHOD PATH PERMISSION FLAGS", where PERMISSION is "public" (no session),
 * "none" (any signed-in user) or a permission's name, and FLAGS is "-" or a
 * comma-separated list of public, no_csrf, pw_change_ok.
 */
void
http_routes_print_long(FILE *f)
{
	static const struct {
		unsigned flag;
		const char *word;
	} flag_words[] = {
		{ RF_PUBLIC, "public" }, { RF_NO_CSRF, "no_csrf" },
		{ RF_PW_CHANGE_OK, "pw_change_ok" },
	};
	size_t k;
	int i;

	for (i = 0; i < R__MAX; i++) {
		const struct route_def *rt = &routes[i];
		const char *p = perm_name(rt->perm);
		const char *sep = " ";

		if (rt->flags & RF_PUBLIC)
			p = "public";
		else if (rt->perm == PERM_NONE || p == NULL || *p == '\0')
			p = "none";
		fprintf(f, "%s %s %s", method_names[rt->method], rt->path, p);
		for (k = 0; k < sizeof flag_words / sizeof flag_words[0]; k++) {
			if (rt->flags & flag_words[k].flag) {
				fprintf(f, "%s%s", sep, flag_words[k].word);
				sep = ",";
			}
		}
		fputs(*sep == ' ' ? " -\n" : "\n", f);
	}
}

/*
 * Match url against pattern; fill ids.  Segments compare literally except
 * {name}, which takes a positive decimal integer of at most 15 digits, and
 * {token}, 16-64 of [A-Za-z0-9_-] (not kept: the handler reads the URL).
 */
bool
router_match(const char *pat, const char *url, int64_t *ids, int *nids, char code[33])
{
	*nids = 0;
	while (*pat && *url) {
		if (strncmp(pat, "{token}", 7) == 0) {
			size_t n = 0;
			pat += 7;
			while ((*url >= 'a' && *url <= 'z') || (*url >= 'A' && *url <= 'Z') ||
			    (*url >= '0' && *url <= '9') || *url == '_' || *url == '-') {
				if (++n > 64)
					return false;
				url++;
			}
			if (n < 16)
				return false;
			continue;
		}
		if (strncmp(pat, "{code}", 6) == 0) {
			size_t n = 0;
			pat += 6;
			while ((*url >= 'a' && *url <= 'z') || (*url >= '0' && *url <= '9') ||
			    *url == '_') {
				if (n == 32)
					return false;
				code[n++] = *url++;
			}
			code[n] = '\0';
			if (n == 0 || (*url != '/' && *url != '\0'))
				return false;
			continue;
		}
		if (*pat == '{') {
			int64_t v = 0;
			int digits = 0;
			while (*pat && *pat != '}')
				pat++;
			if (*pat == '}')
				pat++;
			if (*url == '0')
				return false;
			while (*url >= '0' && *url <= '9') {
				if (++digits > 15)
					return false;
				v = v * 10 + (*url - '0');
				url++;
			}
			if (digits == 0 || (*url != '/' && *url != '\0') || *nids == 3)
				return false;
			ids[(*nids)++] = v;
			continue;
		}
		if (*pat != *url)
			return false;
		pat++;
		url++;
	}
	return *pat == '\0' && *url == '\0';
}

static bool
is_write(enum method m)
{
	return m == M_POST || m == M_PUT || m == M_PATCH || m == M_DELETE;
}

/* The Origin, when sent, must be this server's own: scheme://Host. */
static bool
origin_ok(struct req *r)
{
	const char *origin = req_header(r, "Origin");
	const char *host = req_header(r, "Host");
	char own[300];

	if (origin == NULL)
		return true;
	if (host == NULL)
		return false;
	snprintf(own, sizeof own, "%s://%s", r->app->origin_scheme, host);
	return strcmp(origin, own) == 0;
}

/*
 * A body is JSON and says so (docs/api.md): Content-Type application/json,
 * any case, perhaps with parameters (";charset=utf-8").  Anything else —
 * text/plain, a form, no type at all — is refused before it is parsed, so
 * that no body a cross-site form can send (a form's body may be made to
 * look like JSON) is taken for JSON.
 */
static bool
json_body_ok(struct req *r)
{
	const char *ct = req_header(r, "Content-Type");
	static const char want[] = "application/json";
	size_t n = sizeof want - 1;

	if (r->body_len == 0)
		return true;
	if (ct == NULL)
		return false;
	while (*ct == ' ' || *ct == '\t')
		ct++;
	if (strncasecmp(ct, want, n) != 0)
		return false;
	ct += n;
	while (*ct == ' ' || *ct == '\t')
		ct++;
	return *ct == '\0' || *ct == ';';
}

/*
 * Sum up, in a row of this request, the refusals of an earlier minute that
 * followed its first (which has its own row): "count=N" more, from the
 * address that made them.
 */
static void
refused_more(struct req *r, const struct refusal_key *k, int n)
{
	char d[256];
	const char *detail, *addr;

	refusal_detail(k, n, d, sizeof d);
	detail = arena_strdup(r->arena, d);
	addr = arena_strdup(r->arena, k->addr);
	if (detail == NULL || addr == NULL) {
		r->audit_lost = true;
		return;
	}
	req_audit(r, "request.refused_more", "", 0, 0, detail);
	if (!r->audit_lost)
		r->audit[r->naudit - 1].address = addr;
}

void
refusal_detail(const struct refusal_key *k, int n, char *out, size_t cap)
{
	const struct route_def *rt = &routes[k->route];
	time_t t = (time_t)(k->minute * 60);
	struct tm tm;
	char when[32];

	gmtime_r(&t, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%MZ", &tm);
	snprintf(out, cap, "%s %s: %s; count=%d in the minute from %s",
	    method_names[rt->method], rt->path, k->why, n, when);
}

/*
 * Answer a refusal; word, when given, replaces the generic error code
 * ("csrf", "password_change_required").  A signed-in user's refusal is an
 * attempt by a known person: one row each, with the route refused and, under
 * /clients/{id}, the client, so it shows in that client's trail.  A request
 * that never signed in (no or a stale session, a foreign Origin) names no
 * client, and its refusals are aggregated (refusals.c): one row for the
 * first of an address, route and reason in a minute, one request.refused_more
 * row with the count of the rest.  One kind is not audited at all: the app's
 * "am I signed in?" (GET /me with no cookie at all), which is no attempt on
 * anything and would let anyone grow the log by reloading a page.
 */
static void
refuse(struct req *r, enum err code, const char *word, const char *msg, const char *why)
{
	const struct route_def *rt = r->route >= 0 ? &routes[r->route] : NULL;
	const char *detail;
	int64_t client = 0;
	struct refusal_key done;
	int ndone = 0;
	struct error e;
	json_t *b;

	error_clear(&e);
	error_set(&e, code, "%s", msg);
	b = json_error_body(&e);
	if (word != NULL)
		json_object_set_new(json_object_get(b, "error"), "code", json_string(word));
	reply_json(r, err_status(code), b);
	if (rt == &routes[R_ME] && req_header(r, "Cookie") == NULL)
		return;
	if (!r->authed) {
		bool first = refusals_note(&r->app->refusals, r->addr, r->route, why, r->now,
		    &done, &ndone);
		if (ndone > 0)
			refused_more(r, &done, ndone);
		if (!first)
			return;
	} else if (rt != NULL && rt->au.client == AU_CL_PATH && r->nids > 0) {
		client = r->ids[0];
	}
	detail = arena_printf(r->arena, "%s %s: %s", method_names[r->method],
	    rt ? rt->path : "-", why);
	if (detail == NULL) {
		r->audit_lost = true;	/* never a refusal without its reason */
		return;
	}
	req_audit(r, "request.refused", client ? "client" : "", client, client, detail);
}

void
router_dispatch(struct req *r)
{
	const struct route_def *rt = NULL;
	bool path_found = false;
	int i;

	for (i = 0; i < R__MAX; i++) {
		int64_t ids[3];
		char code[33] = "";
		int n;
		if (!router_match(routes[i].path, r->url, ids, &n, code))
			continue;
		path_found = true;
		if (routes[i].method != r->method &&
		    !(r->method == M_HEAD && routes[i].method == M_GET))
			continue;
		rt = &routes[i];
		r->route = i;
		memcpy(r->ids, ids, sizeof ids);
		r->nids = n;
		memcpy(r->code_param, code, sizeof code);
		break;
	}
	if (rt == NULL) {
		if (path_found) {
			reply_err(r, ERR__MAX, "This method is not allowed here.");
			return;
		}
		if (r->method == M_GET || r->method == M_HEAD) {
			if (assets_serve(r))
				return;
		}
		reply_err(r, ERR_NOTFOUND, "Not found.");
		return;
	}

	if (!json_body_ok(r)) {
		reply_err(r, ERR_MALFORMED, "The request body must be JSON, sent with "
		    "Content-Type: application/json.");
		return;
	}
	if (is_write(r->method) && !origin_ok(r)) {
		refuse(r, ERR_FORBIDDEN, "csrf", "This request came from another site.",
		    "foreign origin");
		return;
	}
	r->decl = &rt->au;
	if (rt->flags & RF_PUBLIC) {
		rt->fn(r);
		if (r->slow == NULL)
			req_audit_declared(r, r->decl);
		return;
	}
	if (!auth_session_from_cookie(r)) {
		refuse(r, ERR_UNAUTH, NULL, "Please sign in.", "no session");
		return;
	}
	if (is_write(r->method) && !(rt->flags & RF_NO_CSRF)) {
		const char *tok = req_header(r, "X-CSRF-Token");
		size_t n = strlen(r->sess.csrf);
		if (tok == NULL || strlen(tok) != n ||
		    sodium_memcmp(tok, r->sess.csrf, n) != 0) {
			refuse(r, ERR_FORBIDDEN, "csrf", "The request's security token is "
			    "missing or wrong; reload the page.", "csrf");
			return;
		}
	}
	if (r->sess.must_change_password && !(rt->flags & RF_PW_CHANGE_OK)) {
		refuse(r, ERR_FORBIDDEN, "password_change_required",
		    "Please choose a new password first.", "password change due");
		return;
	}
	if (!roles_allow(r->sess.roles, rt->perm) && rt->perm != PERM_NONE) {
		refuse(r, ERR_FORBIDDEN, NULL, "Your role does not allow this.",
		    perm_name(rt->perm));
		return;
	}
	if (!care_check(r, rt))
		return;
	rt->fn(r);
	if (r->slow == NULL)
		req_audit_declared(r, r->decl);
}

struct req *
router_slow_rest(struct req *r)
{
	handler_fn rest = r->slow;

	r->slow = NULL;
	rest(r);
	req_audit_declared(r, r->decl);
	return r;
}
