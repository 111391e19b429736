/*
 * ical.h — iCalendar text (RFC 5545) and the calendar feeds' records.
 *
 * The writer puts content lines into a buf: CRLF line ends, lines folded at
 * 75 octets (never inside a UTF-8 character), TEXT values escaped
 * (backslash, semicolon, comma, newline).  It knows nothing of the store or
 * HTTP: the caller hands it the events, a zone's offsets (lib/tz) to write
 * wall times with their TZID, and a VTIMEZONE's text, already written.
 *
 * A feed is a subject (a client, a staff member, a room, a track) behind a
 * token; feed_check_create is the rule of who may make one.
 */
#ifndef IOP_ICAL_H
#define IOP_ICAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/perm.h"
#include "lib/buf.h"
#include "lib/err.h"
#include "lib/tz.h"

/* ---- the text writer ------------------------------------------------------ */

/* Line length limit of RFC 5545 3.1, in octets, CRLF not counted. */
#define ICAL_FOLD 75

/* One content line: name (with its parameters, ";TZID=...") ':' value as
 * given, folded, CRLF. */
void ical_line(struct buf *b, const char *name, const char *value);
/* The same with value escaped as TEXT (RFC 5545 3.3.11); control characters
 * other than newline are dropped, CR too. */
void ical_text(struct buf *b, const char *name, const char *text);
/* name:YYYYMMDDTHHMMSSZ, the UTC instant t. */
void ical_utc(struct buf *b, const char *name, int64_t t);
/* name;TZID=tzid:YYYYMMDDTHHMMSS, the instant t on z's wall clock. */
void ical_local(struct buf *b, const char *name, const char *tzid, const struct tz *z,
    int64_t t);
/* Lines already written (a VTIMEZONE), each line end made CRLF. */
void ical_raw(struct buf *b, const char *text);

/* One event of a feed. */
struct ical_event {
	const char *uid;		/* "session-12@openiop" */
	int64_t stamp;			/* DTSTAMP: its last change */
	int64_t starts_at, ends_at;	/* UTC instants */
	const char *tzid;		/* the zone its times are written in */
	const struct tz *z;
	int sequence;
	bool cancelled;
	const char *summary;
	const char *location;		/* "" or NULL: none */
};
void ical_event(struct buf *b, const struct ical_event *ev);
/* BEGIN:VCALENDAR with VERSION, PRODID, CALSCALE and the calendar's name. */
void ical_begin(struct buf *b, const char *name);
void ical_end(struct buf *b);

/* ---- feeds ---------------------------------------------------------------- */

enum feed_kind { FEED_CLIENT, FEED_STAFF, FEED_ROOM, FEED_TRACK, FEED__MAX };

const char *feed_kind_name(enum feed_kind k);	/* "client" */
bool feed_kind_parse(const char *s, enum feed_kind *out);

/* A feed as stored (its token's hash stays in the store). */
struct feed {
	int64_t id;
	const char *kind;		/* feed_kind_name() */
	int64_t subject_id;
	int64_t created_by, created_at, revoked_at;
	const char *label;		/* what it shows, in words: "Jane Doe", "Room 2, Main" */
	int64_t client_id;		/* the client of a client feed; else 0 */
	const char *timezone;		/* a room's or track's site's zone; else "" */
};

/* One event of a feed as the store reads it: a group session or an
 * appointment, with only what the feed's kind may show. */
struct feed_item {
	const char *type;		/* "session", "appointment" */
	int64_t id;
	int64_t starts_at, ends_at;
	const char *status;		/* "scheduled", "cancelled" */
	int64_t sequence, updated_at;
	const char *what;		/* the group type or appointment kind (code) */
	const char *topic, *track_name, *staff_name, *room_name, *site_name;
	const char *timezone;		/* its site's */
	const char *client_first, *client_last;	/* staff feeds only; else "" */
};

/* The window a feed shows around now: 4 weeks back, 26 weeks ahead. */
#define FEED_BACK_DAYS 28
#define FEED_AHEAD_DAYS 182

/*
 * Who may make a feed (ERR_FORBIDDEN naming the rule when not): a staff
 * feed only one's own (subject = staff_id); a room or track feed anyone
 * who may read the directory (its sessions are theirs to read already, and
 * a feed of them names no client); a client feed who may write the client's
 * record (clients.write), since the feed hands the client's schedule to
 * whoever holds its link.
 */
enum err feed_check_create(enum feed_kind k, int64_t subject, int64_t staff_id, roleset roles,
    struct error *e);

/* "Jane D.": a first name and the surname's initial (its first UTF-8
 * character), for the staff feed; into out (cap bytes). */
void feed_short_name(const char *first, const char *last, char *out, size_t cap);

#endif
