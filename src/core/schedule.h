/*
 * schedule.h — the program's week: a track's weekly template of blocks, the
 * group-type vocabulary, and group sessions made from the template for
 * dates, at wall times in the site's zone stored as UTC instants.
 *
 * Pure: the zone's table (lib/tz.h) and the closure days are handed in.
 */
#ifndef IOP_SCHEDULE_H
#define IOP_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/arena.h"
#include "lib/err.h"
#include "lib/timeutil.h"
#include "lib/tz.h"

#define TRACK_BLOCKS_MAX 40		/* a week's groups on one track */
#define BLOCK_TOPICS_MAX 52		/* a curriculum: a year of weeks */
#define BLOCK_TOPIC_MAX_CHARS 200
#define SESSION_MINUTES_MAX (12 * 60)
#define CLOSURE_REASON_MAX_CHARS 200

/* One group of a track's week. */
struct track_block {
	int weekday;			/* 1 = Monday .. 7 = Sunday (ISO) */
	int start_min;			/* minutes after midnight, site time */
	int minutes;			/* length */
	const char *group_type;		/* a code of the vocabulary */
	const char *topic;		/* "" when none */
	/* A curriculum: topics taken in turn, one a week ("" or lines).  When
	 * given it decides the topic of each week; topic is its fallback. */
	const char *topics;
	int64_t facilitator_id;		/* 0: none */
	int64_t room_id;		/* 0: none */
};

/* The group types of the program (DOMAIN.md): code and words. */
struct group_type {
	const char *code;		/* "relapse_prevention" */
	const char *label;		/* "Relapse prevention" */
};
extern const struct group_type group_types[];
extern const size_t ngroup_types;
bool group_type_known(const char *code);

/* The blocks' faults added to e as blocks[i].field; ERR_OK when none.  No
 * block may end after midnight, and two blocks of a day may not overlap. */
enum err blocks_validate(const struct track_block *b, int n, struct error *e);

/* The number of topics in a curriculum (lines not blank), and the k-th. */
int topics_count(const char *topics);
/* The topic of block b in the week holding date d: with a curriculum, its
 * topics in turn by the weeks since a fixed Monday (1970-01-05), copied in
 * a; else b->topic.  NULL when a is full. */
const char *block_topic_for(const struct track_block *b, struct date d, struct arena *a);

/* ISO weekday of d: 1 = Monday .. 7 = Sunday. */
int date_iso_weekday(struct date d);
/* The date days after 1970-01-01. */
struct date date_from_days(int64_t days);
/* The local calendar date at instant t in zone z. */
struct date local_date(const struct tz *z, int64_t t);

/* A wall time on a local date as instants: starts at start_min on d in z,
 * lasts minutes.  A session keeps its local time across a daylight-saving
 * change. */
void wall_to_instants(const struct tz *z, struct date d, int start_min, int minutes,
    int64_t *starts_at, int64_t *ends_at);


/* A group session. */
struct group_session {
	int64_t id;
	int64_t track_id;
	int64_t site_id;
	struct date date;		/* local */
	int start_min;			/* local wall start (the template's key) */
	int64_t starts_at, ends_at;	/* UTC instants */
	int minutes;
	bool cancelled;			/* status "cancelled", else "scheduled" */
	const char *cancel_reason;	/* "" unless cancelled */
	int64_t closure_id;		/* the closure that cancelled it; 0: none */
	const char *group_type;
	const char *topic;
	int64_t facilitator_id;		/* 0: none */
	int64_t substitute_id;		/* a substitute facilitator; 0: none */
	int64_t room_id;		/* 0: none */
	bool one_off;
};

/* A day a site is closed. */
struct site_closure {
	int64_t id;
	int64_t site_id;
	struct date date;
	const char *reason;
};

/* reason required (<= 200 characters), date a real date. */
enum err closure_validate(const struct site_closure *c, struct error *e);

/* A client's place on a track from a date (until exclusive; all zero while
 * it lasts). */
struct enrolment {
	int64_t id;
	int64_t client_id;
	int64_t episode_id;
	int64_t track_id;
	struct date from;
	struct date until;
};

/* One client on a session's roster. */
struct roster_entry {
	int64_t client_id;
	const char *mrn;
	const char *first_name, *last_name, *preferred_name;
	struct date from;		/* enrolled on the track since */
};

/* Whether from .. to is a range sessions may be generated for: both real
 * dates, from <= to, at most a year apart.  Faults on "from" and "to". */
enum err schedule_range_check(struct date from, struct date to, struct error *e);

/*
 * The sessions of the template blocks (n) of track track_id at site site_id
 * from .. to (inclusive) in zone z, in date order, into out (room for cap);
 * only those starting after not_before (0: all); topics copied in a.
 * Returns how many, or -1 when cap is too small or a is full.  Status and closures are the caller's.
 */
long schedule_expand(const struct track_block *b, int n, int64_t track_id, int64_t site_id,
    const struct tz *z, struct date from, struct date to, int64_t not_before,
    struct arena *a, struct group_session *out, size_t cap);

#endif
