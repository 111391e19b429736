/*
 * consent.c — Part 2 consents recorded and revoked; every disclosure checked
 * against them, stamped with the 2.32 notice, produced and accounted for.
 */
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/pdf.h"
#include "core/drugscreen.h"
#include "core/medication.h"
#include "lib/buf.h"
#include "lib/timeutil.h"
#include "lib/tz.h"
#include "ops/consent.h"
#include "core/discharge.h"
#include "store/drugscreens.h"

/* The offset from UTC, in seconds at time t, of the client's site (0 when
 * the client has no open episode). */
static enum err
client_offset(struct store_tx *tx, int64_t client_id, int64_t t, struct arena *a,
    int64_t *off, struct error *e)
{
	int64_t site_id = 0;
	struct site st;

	*off = 0;
	if (store_tx_client_site(tx, client_id, &site_id, e) != ERR_OK)
		return e->code;
	if (site_id != 0 && store_tx_site_get(tx, site_id, a, &st, e) == ERR_OK) {
		struct tz *z = tz_open(st.timezone);
		if (z != NULL)
			*off = tz_offset(z, t);
		free(z);
	}
	error_clear(e);
	return ERR_OK;
}

enum err
consent_day(struct store_tx *tx, int64_t client_id, int64_t t, struct arena *a, char out[11],
    struct error *e)
{
	int64_t off;

	if (client_offset(tx, client_id, t, a, &off, e) != ERR_OK)
		return e->code;
	date_format(date_from_unix(t + off), out);
	return ERR_OK;
}

static const char *
client_name(const struct client *cl, struct arena *a)
{
	return arena_printf(a, "%s %s", cl->first_name, cl->last_name);
}

enum err
op_consent_record(struct store_tx *tx, const struct actor *who,
    const struct consent_record_in *in, struct op_result *res, struct error *e)
{
	struct part2_consent c = in->c;
	struct client cl;
	char today[11];

	if (store_tx_client_get(tx, c.client_id, res->arena, &cl, e) != ERR_OK ||
	    consent_day(tx, c.client_id, who->now, res->arena, today, e) != ERR_OK)
		return e->code;
	c.client_name = client_name(&cl, res->arena);
	c.revoke_statement = CONSENT_REVOKE_STATEMENT;
	c.recorded_by = who->staff_id;
	if (c.client_name == NULL)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	if (consent_check(&c, today, e) != ERR_OK ||
	    store_tx_consent_insert(tx, &c, e) != ERR_OK ||
	    store_tx_consent_get(tx, c.id, res->arena, in->out, e) != ERR_OK)
		return e->code;
	res->id = c.id;
	if (op_touched(res, c.client_id) != ERR_OK)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	return ERR_OK;
}

enum err
op_consent_revoke(struct store_tx *tx, const struct actor *who,
    const struct consent_revoke_in *in, struct op_result *res, struct error *e)
{
	if (in->reason == NULL || *in->reason == '\0')
		return error_field(e, "reason", "is required: why the consent is revoked (the "
		    "client's words, or the event that ended it)");
	if (store_tx_consent_get(tx, in->id, res->arena, in->out, e) != ERR_OK ||
	    store_tx_consent_revoke(tx, in->id, who->staff_id, in->reason, e) != ERR_OK ||
	    store_tx_consent_get(tx, in->id, res->arena, in->out, e) != ERR_OK)
		return e->code;
	res->id = in->id;
	if (op_touched(res, in->out->client_id) != ERR_OK)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	return ERR_OK;
}

/* ---- the released document ------------------------------------------------ */

/* One line of a released document: its section, what it is, its value. */
struct doc_row {
	const char *section, *item, *value;
};
struct doc {
	struct doc_row *r;
	size_t n, cap;
	struct arena *a;
	bool failed;
};

static void
doc_add(struct doc *d, const char *section, const char *item, const char *value)
{
	if (d->failed || item == NULL || value == NULL) {
		d->failed = true;
		return;
	}
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 32;
		struct doc_row *r = arena_alloc(d->a, cap * sizeof *r);
		if (r == NULL) {
			d->failed = true;
			return;
		}
		if (d->n)
			memcpy(r, d->r, d->n * sizeof *r);
		d->r = r;
		d->cap = cap;
	}
	d->r[d->n++] = (struct doc_row){ section, item, value };
}

static void
json_str(struct buf *b, const char *s)
{
	buf_puts(b, "\"");
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\')
			buf_printf(b, "\\%c", ch);
		else if (ch == '\n')
			buf_puts(b, "\\n");
		else if (ch < 0x20)
			buf_printf(b, "\\u%04x", ch);
		else
			buf_append(b, s, 1);
	}
	buf_puts(b, "\"");
}

/* The document as printed: a title, then each section under its heading,
 * "item: value" a line. */
static const char *
doc_pdf(const struct doc *d, struct arena *a)
{
	struct pdf_line *l = arena_alloc(a, (2 * d->n + 2) * sizeof *l);
	const char *section = NULL;
	size_t n = 0;

	if (l == NULL)
		return NULL;
	l[n++] = (struct pdf_line){ "Disclosure of client records under 42 CFR Part 2", true };
	for (size_t i = 0; i < d->n; i++) {
		if (section == NULL || strcmp(section, d->r[i].section) != 0) {
			section = d->r[i].section;
			l[n++] = (struct pdf_line){ "", false };
			l[n++] = (struct pdf_line){ strcmp(section, "notice") == 0 ?
			    "Notice (42 CFR 2.32)" : arena_printf(a, "%c%s",
			    section[0] >= 'a' && section[0] <= 'z' ? section[0] - 32 : section[0],
			    section + 1), true };
		}
		l[n++] = (struct pdf_line){ strcmp(section, "notice") == 0 ? d->r[i].value :
		    arena_printf(a, "%s: %s", d->r[i].item, d->r[i].value), false };
		if (l[n - 1].text == NULL || l[n - 2].text == NULL)
			return NULL;
	}
	return pdf_text("Disclosure of client records", l, n, a);
}

/* The document's text in format f: CSV rows section,item,value (the notice
 * first); JSON {"notice", "records": [{section, item, value}]}; PDF the same
 * as printed lines. */
static const char *
doc_text(const struct doc *d, enum disc_format f, struct arena *a)
{
	struct buf b;
	const char *out;

	if (f == DF_PDF)
		return doc_pdf(d, a);
	buf_init(&b, 0);
	if (f == DF_CSV) {
		csv_cell(&b, "section", false);
		csv_cell(&b, "item", false);
		csv_cell(&b, "value", true);
		for (size_t i = 0; i < d->n; i++) {
			csv_cell(&b, d->r[i].section, false);
			csv_cell(&b, d->r[i].item, false);
			csv_cell(&b, d->r[i].value, true);
		}
	} else {
		buf_puts(&b, "{\"notice\":");
		json_str(&b, CONSENT_NOTICE_232);
		buf_puts(&b, ",\"records\":[");
		for (size_t i = 0; i < d->n; i++) {
			buf_puts(&b, i ? ",\n{\"section\":" : "\n{\"section\":");
			json_str(&b, d->r[i].section);
			buf_puts(&b, ",\"item\":");
			json_str(&b, d->r[i].item);
			buf_puts(&b, ",\"value\":");
			json_str(&b, d->r[i].value);
			buf_puts(&b, "}");
		}
		buf_puts(&b, "]}\n");
	}
	out = b.failed ? NULL : arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return out;
}

static const char *
day_of(int64_t t, struct arena *a)
{
	char d[11];

	date_format(date_from_unix(t), d);
	return arena_strdup(a, d);
}

/* The categories whose lines the store words (store_tx_release_lines), in
 * the order of the document. */
static const struct record_part {
	enum info_cat cat;
	enum release_part part;
	const char *section, *none;
} record_parts[] = {
	{ INFO_ATTENDANCE, RP_ATTENDANCE, "attendance", "no sessions or appointments recorded" },
	{ INFO_TREATMENT_PLAN, RP_PLAN, "treatment plan", "no signed treatment plan" },
	{ INFO_PROGRESS, RP_PROGRESS, "progress in treatment", "no signed notes" },
	{ INFO_DISCHARGE_SUMMARY, RP_DISCHARGE, "discharge summary",
	  "no signed discharge summary" },
};

/* The document: the notice, the release, a copy of the consent, then the
 * records of each category released, days at off seconds from UTC. */
static enum err
produce(struct store_tx *tx, const struct actor *who, const struct disclosure_release_in *in,
    const struct part2_consent *c, const struct client *cl, const char *today, int64_t off,
    struct arena *a, struct disclosure *out, struct error *e)
{
	struct doc d = { 0 };
	char dob[11];
	const char *p;

	d.a = a;
	doc_add(&d, "notice", "42 CFR 2.32", CONSENT_NOTICE_232);
	doc_add(&d, "release", "client", c->client_name);
	doc_add(&d, "release", "recipient", in->recipient);
	doc_add(&d, "release", "information", infoset_words(in->info, d.a));
	doc_add(&d, "release", "released on", today);
	doc_add(&d, "release", "released by", who->username);
	doc_add(&d, "consent", "consent id", arena_printf(d.a, "%lld", (long long)c->id));
	doc_add(&d, "consent", "client's name", c->client_name);
	doc_add(&d, "consent", "who may disclose", c->disclosing_party);
	doc_add(&d, "consent", "information", infoset_words(infoset_parse(c->information), d.a));
	if (*c->information_detail)
		doc_add(&d, "consent", "information described", c->information_detail);
	for (p = c->recipients; *p;) {
		size_t n = strcspn(p, "\n");
		const char *colon = memchr(p, ':', n);
		if (colon != NULL)
			doc_add(&d, "consent", "recipient", arena_printf(d.a, "%.*s",
			    (int)(n - (size_t)(colon - p) - 1), colon + 1));
		p += n;
		if (*p)
			p++;
	}
	doc_add(&d, "consent", "purpose", c->purpose);
	doc_add(&d, "consent", "right to revoke", c->revoke_statement);
	if (*c->expires_on)
		doc_add(&d, "consent", "expires on", c->expires_on);
	if (*c->expires_event)
		doc_add(&d, "consent", "expires on the event", c->expires_event);
	doc_add(&d, "consent", "signature", c->signature);
	doc_add(&d, "consent", "signed on", c->signed_on);
	if (in->info & (1u << INFO_DEMOGRAPHICS)) {
		date_format(cl->dob, dob);
		doc_add(&d, "demographics", "name", c->client_name);
		doc_add(&d, "demographics", "date of birth", arena_strdup(d.a, dob));
	}
	if (in->info & (1u << INFO_MEDICATIONS)) {
		struct medication *m;
		size_t n;
		if (store_tx_medication_list(tx, cl->id, d.a, &m, &n, e) != ERR_OK)
			return e->code;
		for (size_t i = 0; i < n; i++) {
			if (m[i].entered_in_error)
				continue;
			doc_add(&d, "medications", m[i].name, arena_printf(d.a,
			    "%s%sfrom %s%s%s", m[i].dose, *m[i].dose ? "; " : "",
			    *m[i].start_date ? m[i].start_date : "a date not known",
			    *m[i].stop_date ? " to " : "", m[i].stop_date));
		}
		if (n == 0)
			doc_add(&d, "medications", "none", "no medications recorded");
	}
	if (in->info & (1u << INFO_DRUG_SCREENS)) {
		struct drug_screen *s;
		size_t n, shown = 0;
		if (store_tx_dscreen_list(tx, cl->id, d.a, &s, &n, e) != ERR_OK)
			return e->code;
		for (size_t i = 0; i < n; i++) {
			const struct panel_def *pd = panel_find(s[i].panel);

			/* A screen entered in error is no result of the client's. */
			if (s[i].entered_in_error)
				continue;
			shown++;
			doc_add(&d, "drug screens", arena_printf(d.a, "%s %s",
			    day_of(s[i].collected_at, d.a), pd ? pd->name : s[i].panel),
			    strcmp(s[i].status, "resulted") == 0 ? arena_printf(d.a, "%s%s%s",
			    s[i].results, *s[i].unexpected ? "; unexpected: " : "",
			    s[i].unexpected) : "pending");
		}
		if (shown == 0)
			doc_add(&d, "drug screens", "none", "no drug screens recorded");
	}
	if (in->info & (1u << INFO_DIAGNOSIS))
		/* openiop keeps no diagnosis (no field of the record holds one). */
		doc_add(&d, "diagnosis", "none", "no diagnosis recorded in openiop");
	for (size_t k = 0; k < sizeof record_parts / sizeof record_parts[0]; k++) {
		const struct record_part *rp = &record_parts[k];
		struct release_line *l;
		size_t n;
		if (!(in->info & (1u << rp->cat)))
			continue;
		if (store_tx_release_lines(tx, rp->part, cl->id, off, in->summary_id, d.a, &l, &n,
		    e) != ERR_OK)
			return e->code;
		for (size_t i = 0; i < n; i++)
			doc_add(&d, rp->section, l[i].item, l[i].value);
		if (n == 0)
			doc_add(&d, rp->section, "none", rp->none);
	}
	if (d.failed || (out->document = doc_text(&d, in->format, d.a)) == NULL)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	return ERR_OK;
}

/* ---- the release ----------------------------------------------------------- */

/* "No consent covers drug screen results for Judge Smith's probation
 * office": what is missing, and why the consent named does not cover it. */
static enum err
refuse(const struct disclosure_release_in *in, const struct part2_consent *named, enum cover why,
    const char *today, struct arena *a, struct error *e)
{
	const char *info = infoset_words(in->info, a);
	const char *to = in->kind == RL_NAMED ? in->recipient : arena_printf(a, "%s (%s)",
	    in->recipient, in->kind == RL_PAYER ? "a health plan or payer" :
	    "a treating provider");

	if (named == NULL)
		return error_set(e, ERR_CONFLICT, "No consent valid on %s covers %s for %s. "
		    "Record the client's signed consent first.", today, info, to);
	switch (why) {
	case COVER_INACTIVE:
		return error_set(e, ERR_CONFLICT, "Consent %lld is %s on %s: no consent covers %s "
		    "for %s.", (long long)named->id,
		    consent_status_name(consent_status(named, in->out->released_at, today)),
		    today, info, to);
	case COVER_RECIPIENT:
		return error_set(e, ERR_CONFLICT, "Consent %lld does not name %s as a recipient: "
		    "no consent covers %s for %s.", (long long)named->id, to, info, to);
	default:
		return error_set(e, ERR_CONFLICT, "Consent %lld does not include %s: no consent "
		    "covers %s for %s.", (long long)named->id,
		    infoset_words(in->info & ~infoset_parse(named->information), a), info, to);
	}
}

enum err
op_disclosure_release(struct store_tx *tx, const struct actor *who,
    const struct disclosure_release_in *in, struct op_result *res, struct error *e)
{
	struct disclosure *out = in->out;
	const struct part2_consent *use = NULL;
	struct part2_consent one, *list = NULL;
	struct client cl;
	size_t n = 0;
	char today[11];
	infoset cannot = 0;
	int64_t off = 0;

	struct disclosure_release_in rq = *in;

	memset(out, 0, sizeof *out);
	out->released_at = who->now;
	if (in->summary_id != 0) {
		/* A discharge summary sent on: the client's, and signed. */
		struct dsummary ds;
		if (store_tx_dsummary_get(tx, in->summary_id, res->arena, &ds, e) != ERR_OK)
			return e->code;
		if (in->client_id != 0 && ds.client_id != in->client_id)
			return error_set(e, ERR_NOTFOUND, "Discharge summary not found for this "
			    "client.");
		if (strcmp(ds.status, "signed") != 0)
			return error_set(e, ERR_CONFLICT, "Discharge summary %lld is a draft: sign "
			    "it before sending it on.", (long long)ds.id);
		rq.client_id = ds.client_id;
		in = &rq;
	}
	for (int i = 0; i < INFO__MAX; i++)
		if ((in->info & (1u << i)) && !info_cats[i].producible)
			cannot |= 1u << i;
	if (cannot)
		return error_field(e, "information", "openiop cannot yet produce %s for release; "
		    "release it from the paper record", infoset_words(cannot, res->arena));
	if (store_tx_client_get(tx, in->client_id, res->arena, &cl, e) != ERR_OK ||
	    consent_day(tx, in->client_id, who->now, res->arena, today, e) != ERR_OK)
		return e->code;
	if (in->consent_id != 0) {
		enum cover why;
		if (store_tx_consent_get(tx, in->consent_id, res->arena, &one, e) != ERR_OK)
			return e->code;
		if (one.client_id != in->client_id)
			return error_set(e, ERR_NOTFOUND, "Consent not found for this client.");
		why = consent_covers(&one, who->now, today, in->recipient, in->kind, in->info);
		if (why != COVER_OK)
			return refuse(in, &one, why, today, res->arena, e);
		use = &one;
	} else {
		if (store_tx_consent_list(tx, in->client_id, res->arena, &list, &n, e) != ERR_OK)
			return e->code;
		for (size_t i = 0; i < n && use == NULL; i++)
			if (consent_covers(&list[i], who->now, today, in->recipient, in->kind,
			    in->info) == COVER_OK)
				use = &list[i];
		if (use == NULL)
			return refuse(in, NULL, COVER_OK, today, res->arena, e);
	}
	out->client_id = in->client_id;
	out->consent_id = use->id;
	/* To whom, as the consent names them (the general wording: as given). */
	out->recipient = in->kind == RL_NAMED ? consent_named(use, in->recipient, res->arena) :
	    in->recipient;
	if (out->recipient == NULL)
		out->recipient = in->recipient;
	out->recipient_kind = release_kind_names[in->kind];
	out->information = infoset_text(in->info, res->arena);
	out->format = disc_format_names[in->format];
	out->purpose = use->purpose;
	out->notice = CONSENT_NOTICE_232;
	out->content_type = in->format == DF_CSV ? "text/csv; charset=utf-8" :
	    in->format == DF_PDF ? "application/pdf" : "application/json";
	out->released_by = who->staff_id;
	if (out->information == NULL)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	if (client_offset(tx, in->client_id, who->now, res->arena, &off, e) != ERR_OK ||
	    produce(tx, who, in, use, &cl, today, off, res->arena, out, e) != ERR_OK ||
	    store_tx_disclosure_insert(tx, out, e) != ERR_OK ||
	    store_tx_disclosure_get(tx, out->id, res->arena, out, e) != ERR_OK)
		return e->code;
	res->id = out->id;
	/* The detail names the consent and the format, never the content. */
	res->detail = arena_printf(res->arena, "consent=%lld; format=%s", (long long)use->id,
	    out->format);
	if (res->detail == NULL || op_touched(res, in->client_id) != ERR_OK)
		return error_set(e, ERR_NOMEM, "Out of memory.");
	return ERR_OK;
}
