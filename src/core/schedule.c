/*
 * schedule.c — the program's week (see schedule.h): the group-type
 * vocabulary, the template's rules and sessions made from it.
 */
#include <stdio.h>
#include <string.h>

#include "core/schedule.h"
#include "core/validate.h"

const struct group_type group_types[] = {
	{ "psychoeducation", "Psychoeducation" },
	{ "relapse_prevention", "Relapse prevention" },
	{ "skills_training", "Skills training" },
	{ "process_group", "Process group" },
	{ "didactic_lecture", "Didactic lecture" },
	{ "expressive_therapy", "Expressive therapy" },
	{ "vocational_rehabilitation", "Vocational rehabilitation" },
	{ "nutrition_wellness", "Nutrition and wellness" },
	{ "experiential", "Experiential" },
	{ "mutual_self_help", "Mutual self-help" },
	{ "culturally_specific", "Culturally specific" },
	{ "family_education", "Family education" },
	{ "recreation", "Recreation" },
	{ "community_support", "Community support" },
};
const size_t ngroup_types = sizeof group_types / sizeof group_types[0];

bool
group_type_known(const char *code)
{
	if (code == NULL)
		return false;
	for (size_t i = 0; i < ngroup_types; i++)
		if (strcmp(group_types[i].code, code) == 0)
			return true;
	return false;
}

static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

int
date_iso_weekday(struct date d)
{
	/* 1970-01-01 was a Thursday (4). */
	int64_t k = (date_days(d) + 3) % 7;

	if (k < 0)
		k += 7;
	return (int)k + 1;
}

struct date
date_from_days(int64_t days)
{
	return date_from_unix(days * 86400);
}

struct date
local_date(const struct tz *z, int64_t t)
{
	return date_from_unix(t + tz_offset(z, t));
}

void
wall_to_instants(const struct tz *z, struct date d, int start_min, int minutes,
    int64_t *starts_at, int64_t *ends_at)
{
	int64_t local = date_days(d) * 86400 + (int64_t)start_min * 60;

	*starts_at = tz_local_to_utc(z, local);
	*ends_at = *starts_at + (int64_t)minutes * 60;
}

/* The lines of topics that are not blank: start and length of the k-th
 * (k < 0: only count them).  Returns the count seen. */
static int
topic_line(const char *topics, int k, const char **start, size_t *len)
{
	int n = 0;
	const char *p = topics == NULL ? "" : topics;

	while (*p != '\0') {
		const char *nl = strchr(p, '\n');
		size_t l = nl == NULL ? strlen(p) : (size_t)(nl - p);
		bool blank = true;

		for (size_t i = 0; i < l; i++)
			if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
				blank = false;
		if (!blank) {
			if (n == k) {
				*start = p;
				*len = l;
			}
			n++;
		}
		p += l;
		if (*p == '\n')
			p++;
	}
	return n;
}

int
topics_count(const char *topics)
{
	return topic_line(topics, -1, NULL, NULL);
}

const char *
block_topic_for(const struct track_block *b, struct date d, struct arena *a)
{
	int n = topics_count(b->topics);
	const char *s = NULL;
	size_t len = 0;
	int64_t week;

	if (n == 0)
		return b->topic == NULL ? "" : b->topic;
	/* Weeks since Monday 1970-01-05 (day 4). */
	week = floor_div(date_days(d) - 4, 7);
	topic_line(b->topics, (int)(((week % n) + n) % n), &s, &len);
	return arena_strndup(a, s, len);
}

enum err
blocks_validate(const struct track_block *b, int n, struct error *e)
{
	bool bad = false;
	char f[48];

	if (n > TRACK_BLOCKS_MAX) {
		check_field(e, &bad, "blocks", "may hold at most 40 groups a week");
		return ERR_INVALID;
	}
	for (int i = 0; i < n; i++) {
		const struct track_block *x = &b[i];
		bool times = true;

#define BF(name) (snprintf(f, sizeof f, "blocks[%d].%s", i, name), f)
		if (x->weekday < 1 || x->weekday > 7) {
			check_field(e, &bad, BF("weekday"), "must be a day from 1 (Monday) to 7 (Sunday)");
			times = false;
		}
		if (x->start_min < 0 || x->start_min >= 24 * 60) {
			check_field(e, &bad, BF("start"), "must be a time written HH:MM, e.g. 09:00");
			times = false;
		}
		if (x->minutes < 1 || x->minutes > SESSION_MINUTES_MAX) {
			check_field(e, &bad, BF("minutes"), "must be a length from 1 to 720 minutes");
			times = false;
		} else if (times && x->start_min + x->minutes > 24 * 60) {
			check_field(e, &bad, BF("minutes"), "must end by midnight: start earlier or "
			    "make the group shorter");
			times = false;
		}
		if (x->group_type == NULL || x->group_type[0] == '\0')
			check_field(e, &bad, BF("group_type"), "is required: choose the kind of group");
		else if (!group_type_known(x->group_type))
			check_field(e, &bad, BF("group_type"), "must be one of the program's group "
			    "types (GET /api/v1/vocabularies/group-types)");
		check_field(e, &bad, BF("topic"), check_text(x->topic, BLOCK_TOPIC_MAX_CHARS,
		    false, false));
		if (x->topics != NULL && x->topics[0] != '\0') {
			if (topics_count(x->topics) > BLOCK_TOPICS_MAX)
				check_field(e, &bad, BF("topics"), "may list at most 52 topics");
			else if (strlen(x->topics) > (size_t)BLOCK_TOPICS_MAX * (BLOCK_TOPIC_MAX_CHARS + 1))
				check_field(e, &bad, BF("topics"), "is too long");
		}
		if (!times)
			continue;
		for (int j = 0; j < i; j++) {
			const struct track_block *y = &b[j];
			if (y->weekday != x->weekday)
				continue;
			if (x->start_min < y->start_min + y->minutes &&
			    y->start_min < x->start_min + x->minutes) {
				char msg[96];
				snprintf(msg, sizeof msg, "overlaps blocks[%d] on the same day: "
				    "start it after the other group ends", j);
				check_field(e, &bad, BF("start"), msg);
				break;
			}
		}
#undef BF
	}
	return bad ? ERR_INVALID : ERR_OK;
}

enum err
closure_validate(const struct site_closure *c, struct error *e)
{
	bool bad = false;

	if (!date_valid(c->date))
		check_field(e, &bad, "date", "must be a date written YYYY-MM-DD");
	check_field(e, &bad, "reason", check_text(c->reason, CLOSURE_REASON_MAX_CHARS, true,
	    false));
	return bad ? ERR_INVALID : ERR_OK;
}

/* The same day a year later (29 February: 1 March). */
static struct date
year_after(struct date d)
{
	struct date y = { d.y + 1, d.m, d.d };

	if (!date_valid(y))
		y = (struct date){ d.y + 1, 3, 1 };
	return y;
}

enum err
schedule_range_check(struct date from, struct date to, struct error *e)
{
	bool bad = false;

	if (!date_valid(from))
		check_field(e, &bad, "from", "must be a date written YYYY-MM-DD");
	if (!date_valid(to))
		check_field(e, &bad, "to", "must be a date written YYYY-MM-DD");
	if (bad)
		return ERR_INVALID;
	if (date_cmp(to, from) < 0)
		check_field(e, &bad, "to", "must be on or after from");
	else if (date_cmp(to, year_after(from)) > 0)
		check_field(e, &bad, "to", "must be at most one year after from: generate a "
		    "longer stretch in parts");
	return bad ? ERR_INVALID : ERR_OK;
}

long
schedule_expand(const struct track_block *b, int n, int64_t track_id, int64_t site_id,
    const struct tz *z, struct date from, struct date to, int64_t not_before,
    struct arena *a, struct group_session *out, size_t cap)
{
	size_t k = 0;

	for (int64_t day = date_days(from); day <= date_days(to); day++) {
		struct date d = date_from_days(day);
		int wd = date_iso_weekday(d);

		for (int i = 0; i < n; i++) {
			struct group_session *s;
			if (b[i].weekday != wd)
				continue;
			if (k >= cap)
				return -1;
			s = &out[k];
			memset(s, 0, sizeof *s);
			s->track_id = track_id;
			s->site_id = site_id;
			s->date = d;
			s->start_min = b[i].start_min;
			s->minutes = b[i].minutes;
			wall_to_instants(z, d, b[i].start_min, b[i].minutes, &s->starts_at,
			    &s->ends_at);
			if (not_before != 0 && s->starts_at <= not_before)
				continue;
			s->cancel_reason = "";
			s->group_type = b[i].group_type;
			if ((s->topic = block_topic_for(&b[i], d, a)) == NULL)
				return -1;
			s->facilitator_id = b[i].facilitator_id;
			s->room_id = b[i].room_id;
			k++;
		}
	}
	return (long)k;
}
