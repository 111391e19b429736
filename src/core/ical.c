/*
 * ical.c — iCalendar text (RFC 5545) and the feeds' rule (see ical.h).
 *
 * Every line goes through put_line, which folds: a content line longer than
 * 75 octets is broken with CRLF and one space, the break never inside a
 * UTF-8 character, so the continuation lines are at most 75 octets with
 * their leading space.  This file must not read files or clocks.
 */
#include <stdio.h>
#include <string.h>

#include "core/ical.h"
#include "lib/timeutil.h"

/* Whether byte c continues a UTF-8 character (10xxxxxx). */
static bool
utf8_cont(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

/* s[0..n) as one folded content line and CRLF. */
static void
put_line(struct buf *b, const char *s, size_t n)
{
	size_t room = ICAL_FOLD;	/* octets the current line may still take */

	while (n > room) {
		size_t k = room;
		while (k > 0 && utf8_cont((unsigned char)s[k]))
			k--;
		if (k == 0)	/* not UTF-8: cut where the octets say */
			k = room;
		buf_append(b, s, k);
		buf_append(b, "\r\n ", 3);
		s += k;
		n -= k;
		room = ICAL_FOLD - 1;
	}
	buf_append(b, s, n);
	buf_append(b, "\r\n", 2);
}

void
ical_line(struct buf *b, const char *name, const char *value)
{
	struct buf l;

	buf_init(&l, 0);
	buf_puts(&l, name);
	buf_puts(&l, ":");
	buf_puts(&l, value ? value : "");
	if (l.failed)
		b->failed = true;
	else
		put_line(b, l.data, l.len);
	buf_free(&l);
}

void
ical_text(struct buf *b, const char *name, const char *text)
{
	struct buf l;
	const unsigned char *p = (const unsigned char *)(text ? text : "");

	buf_init(&l, 0);
	buf_puts(&l, name);
	buf_puts(&l, ":");
	for (; *p; p++) {
		switch (*p) {
		case '\\': buf_puts(&l, "\\\\"); break;
		case ';': buf_puts(&l, "\\;"); break;
		case ',': buf_puts(&l, "\\,"); break;
		case '\n': buf_puts(&l, "\\n"); break;
		default:
			if (*p < 0x20 || *p == 0x7F) {
				if (*p == '\t')
					buf_append(&l, " ", 1);
				break;	/* CR and other controls: not TEXT */
			}
			buf_append(&l, p, 1);
		}
	}
	if (l.failed)
		b->failed = true;
	else
		put_line(b, l.data, l.len);
	buf_free(&l);
}

/* t (seconds as if UTC) as YYYYMMDDTHHMMSS. */
static void
stamp(int64_t t, char out[32])
{
	struct date d = date_from_unix(t);
	int64_t s = t - date_days(d) * 86400;

	snprintf(out, 32, "%04d%02d%02dT%02d%02d%02d", d.y % 10000, d.m % 100,
	    d.d % 100, (int)(s / 3600) % 100, (int)(s / 60 % 60), (int)(s % 60));
}

void
ical_utc(struct buf *b, const char *name, int64_t t)
{
	char v[32], z[40];

	stamp(t, v);
	snprintf(z, sizeof z, "%sZ", v);
	ical_line(b, name, z);
}

void
ical_local(struct buf *b, const char *name, const char *tzid, const struct tz *z, int64_t t)
{
	char v[32];
	struct buf n;

	stamp(t + tz_offset(z, t), v);
	buf_init(&n, 0);
	buf_printf(&n, "%s;TZID=%s", name, tzid);
	if (n.failed)
		b->failed = true;
	else
		ical_line(b, buf_cstr(&n), v);
	buf_free(&n);
}

void
ical_raw(struct buf *b, const char *text)
{
	const char *p = text, *nl;

	while (*p) {
		size_t n;
		nl = strchr(p, '\n');
		n = nl ? (size_t)(nl - p) : strlen(p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (n > 0)
			buf_append(b, p, n), buf_append(b, "\r\n", 2);
		p = nl ? nl + 1 : p + strlen(p);
	}
}

void
ical_begin(struct buf *b, const char *name)
{
	ical_line(b, "BEGIN", "VCALENDAR");
	ical_line(b, "VERSION", "2.0");
	ical_line(b, "PRODID", "-//openiop//openiop calendar feed//EN");
	ical_line(b, "CALSCALE", "GREGORIAN");
	ical_text(b, "X-WR-CALNAME", name);
}

void
ical_end(struct buf *b)
{
	ical_line(b, "END", "VCALENDAR");
}

void
ical_event(struct buf *b, const struct ical_event *ev)
{
	char seq[24];

	ical_line(b, "BEGIN", "VEVENT");
	ical_text(b, "UID", ev->uid);
	ical_utc(b, "DTSTAMP", ev->stamp);
	ical_utc(b, "LAST-MODIFIED", ev->stamp);
	if (ev->z != NULL && ev->tzid != NULL && *ev->tzid) {
		ical_local(b, "DTSTART", ev->tzid, ev->z, ev->starts_at);
		ical_local(b, "DTEND", ev->tzid, ev->z, ev->ends_at);
	} else {
		ical_utc(b, "DTSTART", ev->starts_at);
		ical_utc(b, "DTEND", ev->ends_at);
	}
	snprintf(seq, sizeof seq, "%d", ev->sequence);
	ical_line(b, "SEQUENCE", seq);
	ical_line(b, "STATUS", ev->cancelled ? "CANCELLED" : "CONFIRMED");
	ical_line(b, "TRANSP", ev->cancelled ? "TRANSPARENT" : "OPAQUE");
	ical_text(b, "SUMMARY", ev->summary);
	if (ev->location != NULL && *ev->location)
		ical_text(b, "LOCATION", ev->location);
	ical_line(b, "END", "VEVENT");
}

/* ---- feeds ---------------------------------------------------------------- */

static const char *const kind_names[FEED__MAX] = {
	[FEED_CLIENT] = "client", [FEED_STAFF] = "staff", [FEED_ROOM] = "room",
	[FEED_TRACK] = "track",
};

const char *
feed_kind_name(enum feed_kind k)
{
	return k < FEED__MAX ? kind_names[k] : "";
}

bool
feed_kind_parse(const char *s, enum feed_kind *out)
{
	for (int k = 0; k < FEED__MAX; k++) {
		if (strcmp(s, kind_names[k]) == 0) {
			*out = (enum feed_kind)k;
			return true;
		}
	}
	return false;
}

enum err
feed_check_create(enum feed_kind k, int64_t subject, int64_t staff_id, roleset roles,
    struct error *e)
{
	switch (k) {
	case FEED_STAFF:
		if (subject != staff_id)
			return error_set(e, ERR_FORBIDDEN, "A staff calendar feed can be made only "
			    "by that staff member, for their own schedule.");
		return ERR_OK;
	case FEED_ROOM:
	case FEED_TRACK:
		if (!roles_allow(roles, PERM_DIRECTORY_READ))
			return error_set(e, ERR_FORBIDDEN, "Your role does not allow calendar "
			    "feeds of rooms and tracks.");
		return ERR_OK;
	case FEED_CLIENT:
		if (!roles_allow(roles, PERM_CLIENTS_WRITE))
			return error_set(e, ERR_FORBIDDEN, "Your role does not allow a client's "
			    "calendar feed: it needs permission to change the client's record.");
		return ERR_OK;
	case FEED__MAX:
		break;
	}
	return error_field(e, "kind", "must be client, staff, room or track");
}

void
feed_short_name(const char *first, const char *last, char *out, size_t cap)
{
	size_t n = 0;

	if (cap == 0)
		return;
	first = first ? first : "";
	last = last ? last : "";
	if (*last) {
		n = 1;
		while (last[n] && utf8_cont((unsigned char)last[n]))
			n++;
	}
	if (n > 0)
		snprintf(out, cap, "%s %.*s.", first, (int)n, last);
	else
		snprintf(out, cap, "%s", first);
}
