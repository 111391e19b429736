/*
 * aftercare.h — the aftercare plan of an episode of care, as pure rules:
 * where the client goes on from the program (the outpatient provider and
 * the first appointment there, support groups, sober living, who prescribes
 * each medication after discharge, a crisis plan with the 988 Suicide &
 * Crisis Lifeline) and the printable page the client takes home.
 *
 * One plan per episode, in versions.  A version is a draft until the client
 * signs it (their typed name on the screen the clinician hands over; the
 * staff member signed in is the witness); from then it is locked, and a
 * change is a new version, a draft copied from it (the treatment plan's
 * way; the old versions stay readable).  An episode that ended with the
 * client deceased or lost to contact needs no plan, nor one that went on
 * into another episode of the program (a step-down or step-up): the plan
 * belongs to the episode the client leaves the program from.
 *
 * This module must not know about HTTP or the store; it never logs.
 */
#ifndef IOP_AFTERCARE_H
#define IOP_AFTERCARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/episode.h"
#include "lib/buf.h"
#include "lib/err.h"

#define AFTERCARE_NAME_MAX 200		/* names, phone, with whom, prescriber */
#define AFTERCARE_LINE_MAX 300		/* an address, a group's day/time/place, next step */
#define AFTERCARE_TEXT_MAX 4000		/* warning signs, coping, people, notes */
#define AFTERCARE_GROUPS_MAX 12
#define AFTERCARE_MEDS_MAX 30
#define AFTERCARE_SIGN_NAME_MAX 200

/* The 988 Suicide & Crisis Lifeline: on every printed plan. */
#define AFTERCARE_LIFELINE "988"

/* The support groups (12-step and the alternatives). */
enum ac_group {
	ACG_AA, ACG_NA, ACG_SMART, ACG_REFUGE, ACG_CELEBRATE, ACG_LIFERING, ACG_WFS,
	ACG_OTHER, ACG__MAX
};
struct ac_group_def {
	const char *code;	/* "smart_recovery" */
	const char *label;	/* "SMART Recovery" */
};
extern const struct ac_group_def ac_groups[ACG__MAX];
/* The group of code, or -1. */
int ac_group_find(const char *code);

/* Sober living: not yet decided, not needed, arranged (name, address, move-in). */
enum ac_sober { ACS_UNDECIDED, ACS_NOT_NEEDED, ACS_ARRANGED, ACS__MAX };
extern const char *const ac_sober_names[ACS__MAX];

struct ac_support_group {
	const char *kind;	/* an ac_groups code */
	const char *details;	/* day, time and place, as the client will find it */
};

struct ac_medication {
	int64_t medication_id;	/* the client's medication it continues; 0: none */
	const char *name;	/* with the dose: "Buprenorphine/naloxone 8/2 mg daily" */
	const char *mat;	/* the MAT code (core/medication.h) or "" */
	const char *prescriber;	/* who prescribes it after discharge */
	const char *next_step;	/* the next refill or appointment */
};

struct aftercare {
	int64_t id, episode_id, client_id;
	int version, latest_version;
	const char *status;	/* draft | signed */
	const char *provider_name, *provider_phone, *provider_address;
	const char *first_appt_date, *first_appt_time, *first_appt_with; /* "", YYYY-MM-DD, HH:MM */
	const char *sober_status;	/* ac_sober_names */
	const char *sober_name, *sober_address, *sober_move_in;
	const char *crisis_warning_signs, *crisis_coping, *crisis_people;
	const char *notes;
	struct ac_support_group *groups;
	size_t ngroups;
	struct ac_medication *meds;
	size_t nmeds;
	int64_t created_by, created_at, updated_by, updated_at;
	const char *client_signed_name;
	int64_t client_signed_at, witness_id;
	/* Read with it. */
	const char *updated_by_name, *witness_name;
};

/* Is p signed (locked)? */
bool aftercare_signed(const struct aftercare *p);

/*
 * May episode ep have an aftercare plan?  ERR_CONFLICT, saying why, when it
 * ended with the client deceased or lost to contact, or went on into another
 * episode of the program (transferred_to set).
 */
enum err aftercare_episode_check(const struct episode *ep, struct error *e);

/*
 * The content of p, as an edit leaves it: each text within its length and
 * free of control characters (multi-line only where the field is), the
 * phone a phone number, the dates real, the time HH:MM, the sober-living
 * status known and its name given when arranged, each group a known kind,
 * each medication named and its MAT code known or "".  Field errors are
 * added to e named as the API names them ("provider.phone",
 * "support_groups[1].kind"); returns e->code.
 */
enum err aftercare_check(const struct aftercare *p, struct error *e);

/*
 * The client signs p: a draft (ERR_CONFLICT once signed), of an episode
 * that may have a plan (aftercare_episode_check); the content complete
 * enough to take home: the outpatient provider named ("provider.name") and
 * a way to reach them ("provider.phone"), the sober living decided
 * ("sober_living.status"), and something in the crisis plan
 * ("crisis.warning_signs"); the typed name given ("name") and "agree" true.
 */
enum err aftercare_sign_check(const struct aftercare *p, const struct episode *ep,
    const char *name, bool agree, struct error *e);

/* What a revision needs: p signed and the latest version (ERR_CONFLICT). */
enum err aftercare_revise_check(const struct aftercare *p, struct error *e);

/* What the printed page names beside the plan. */
struct aftercare_print {
	const char *client_name;	/* as the client is called: "Dana Reyes" */
	const char *program_name, *program_phone;
	const char *discharged_on;	/* "" while the episode is open */
	const char *printed_on;		/* YYYY-MM-DD, the site's */
	const char *signed_on;		/* the client's signature's day at the site */
};

/*
 * The client's copy of p as one HTML page (every text escaped) with its
 * print stylesheet linked at css_href: the provider and the first
 * appointment, the groups, sober living, the medications (MAT marked),
 * the crisis plan with the 988 Suicide & Crisis Lifeline and the program's
 * number always, the notes, and the signature (or "Draft: not signed").
 * False when b failed (out of memory or over its maximum).
 */
bool aftercare_html(const struct aftercare *p, const struct aftercare_print *pr,
    const char *css_href, struct buf *b);

#endif
