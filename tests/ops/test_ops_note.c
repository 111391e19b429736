/*
 * test_ops_note.c — clinical notes (ops/note.c) against a real store: a
 * held session's group note opened once, parts only for clients marked
 * present, every part signed at once and frozen from attendance, every
 * write to a signed note refused with nothing written (an addendum taken),
 * the co-signature of a supervised author, and no note for a session not
 * held.
 */
#include "adm_fixture.h"

#include "ops/episode.h"
#include "ops/note.h"

struct world {
	int64_t site, track, clinician, supervisee, other;
	int64_t clients[3], keys[3];
	int64_t session, now;
};

static int64_t
admit(struct fx *f, struct world *w, const char *first, int64_t *key)
{
	struct episode_admit_in in;
	struct episode out;
	struct op_result res;
	struct error e;
	struct actor who = actor_of(w->clinician, 1u << ROLE_CLINICIAN);
	char sql[200];

	memset(&in, 0, sizeof in);
	in.ep.client_id = add_client(f->s, first, "Fictional", "1990-04-02", true);
	in.ep.level = "2.1";
	in.ep.site_id = w->site;
	in.ep.primary_clinician = w->clinician;
	in.ep.privacy_notice_given = true;
	in.ep.admitted_on = date_from_unix((int64_t)time(NULL));
	in.out = &out;
	assert_int_equal(run_op(f->s, op_episode_admit_run, &in, &who, &res, &e), ERR_OK);
	snprintf(sql, sizeof sql, "INSERT INTO plan_objective_key (episode_id, created_at) "
	    "VALUES (%lld, 1)", (long long)out.id);
	raw_exec(f->t.db, sql);
	*key = raw_int(f->t.db, "SELECT max(id) FROM plan_objective_key");
	return in.ep.client_id;
}

/* A session of the track starting at starts_at (three hours), and the
 * attendance: clients[0] present, [1] late 30 minutes, [2] absent. */
static int64_t
session_at(struct fx *f, struct world *w, int64_t starts_at, bool attendance)
{
	char sql[600];
	int64_t id;

	snprintf(sql, sizeof sql, "INSERT INTO group_session (track_id, site_id, date, start_min, "
	    "starts_at, ends_at, minutes, group_type, topic, created_at, updated_at) VALUES "
	    "(%lld, %lld, '2026-01-05', %lld, %lld, %lld, 180, 'process_group', 'Cravings', 1, 1)",
	    (long long)w->track, (long long)w->site, (long long)(starts_at % 86400 / 60),
	    (long long)starts_at, (long long)(starts_at + 3 * 3600));
	raw_exec(f->t.db, sql);
	id = raw_int(f->t.db, "SELECT max(id) FROM group_session");
	if (!attendance)
		return id;
	snprintf(sql, sizeof sql, "INSERT INTO attendance (session_id, client_id, status, "
	    "late_minutes, minutes, recorded_at) VALUES (%lld, %lld, 'present', 0, 180, 1), "
	    "(%lld, %lld, 'late', 30, 150, 1), (%lld, %lld, 'absent_excused', 0, 0, 1)",
	    (long long)id, (long long)w->clients[0], (long long)id, (long long)w->clients[1],
	    (long long)id, (long long)w->clients[2]);
	raw_exec(f->t.db, sql);
	return id;
}

static void
world_make(struct fx *f, struct world *w)
{
	memset(w, 0, sizeof *w);
	w->now = (int64_t)time(NULL);
	w->site = add_site(f->s, "North");
	w->clinician = staff_at(f->s, "clin", 1u << ROLE_CLINICIAN, w->site);
	w->supervisee = staff_at(f->s, "intern", 1u << ROLE_CLINICIAN, w->site);
	w->other = staff_at(f->s, "dir", 1u << ROLE_DIRECTOR, w->site);
	w->track = add_track(f->s, w->site, "Day", "2.1");
	w->clients[0] = admit(f, w, "Avery", &w->keys[0]);
	w->clients[1] = admit(f, w, "Blake", &w->keys[1]);
	w->clients[2] = admit(f, w, "Casey", &w->keys[2]);
	w->session = session_at(f, w, w->now - 4 * 3600, true);
}

static enum err
as(struct fx *f, int64_t staff, op_run_fn run, const void *in, struct error *e)
{
	struct actor who = actor_of(staff, 1u << ROLE_CLINICIAN);
	struct op_result res;

	error_clear(e);
	return run_op(f->s, run, in, &who, &res, e);
}

/* Everything the note tables hold, as one number that changes with any
 * write. */
static int64_t
note_state(struct fx *f)
{
	return raw_int(f->t.db, "SELECT (SELECT total(length(status) * 7 + updated_at + signed_at "
	    "+ cosigned_at + cosigner_id + length(content) + length(form)) FROM note) + "
	    "(SELECT total(client_id * 13 + minutes + length(participation) + length(response) + "
	    "length(sec1)) FROM note_part) + (SELECT total(objective_key * 31) FROM "
	    "note_objective)");
}

static void
group_note_signed_at_once_then_refused(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct note n;
	struct error e;
	struct note_open_session_in oin = { 0 };
	struct note_update_in uin = { 0 };
	struct note_sign_in sin = { 0 };
	struct note_addendum_in ain = { 0 };
	struct note_part_in parts[2];
	int64_t before, id;

	world_make(f, &w);
	oin.session_id = w.session;
	oin.out = &n;
	assert_int_equal(as(f, w.clinician, op_note_open_session_run, &oin, &e), ERR_OK);
	assert_true(oin.made);
	id = n.id;
	assert_string_equal(n.kind, "group");
	assert_string_equal(n.topic, "Cravings");
	assert_int_equal(n.nparts, 2);			/* the absent client has none */
	assert_int_equal(n.nabsent, 1);
	assert_int_equal(as(f, w.clinician, op_note_open_session_run, &oin, &e), ERR_OK);
	assert_false(oin.made);
	assert_int_equal(n.id, id);
	assert_int_equal(count_rows(f, "note"), 1);

	/* A part for the absent client: refused, naming it, nothing written. */
	memset(parts, 0, sizeof parts);
	parts[0].p.client_id = w.clients[2];
	parts[0].p.response = "Was not here.";
	uin.id = id;
	uin.parts = parts;
	uin.nparts = 1;
	uin.out = &n;
	before = note_state(f);
	assert_int_equal(as(f, w.clinician, op_note_update_run, &uin, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "parts[0].client_id"));
	/* Another client's objective: refused. */
	parts[0].p.client_id = w.clients[0];
	parts[0].p.objectives = &w.keys[1];
	parts[0].p.nobjectives = 1;
	parts[0].have_objectives = true;
	assert_int_equal(as(f, w.clinician, op_note_update_run, &uin, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "parts[0].objective_keys"));
	assert_int_equal(note_state(f), before);
	/* Signing without content makes no sense. */
	sin.id = id;
	sin.out = &n;
	assert_int_equal(as(f, w.clinician, op_note_sign_run, &sin, &e), ERR_INVALID);
	assert_non_null(field_msg(&e, "shared.content"));

	parts[0].p.objectives = &w.keys[0];
	parts[0].p.participation = "active";
	parts[1].p.client_id = w.clients[1];
	parts[1].p.participation = "quiet";
	uin.nparts = 2;
	uin.content = "Urge surfing in pairs.";
	assert_int_equal(as(f, w.clinician, op_note_update_run, &uin, &e), ERR_OK);
	assert_int_equal(count_rows(f, "note_part"), 2);

	assert_int_equal(as(f, w.clinician, op_note_sign_run, &sin, &e), ERR_OK);
	assert_true(note_signed(&n));
	assert_true(note_counts(&n));
	assert_int_equal(n.signed_by, w.clinician);
	assert_int_equal(raw_int(f->t.db, "SELECT count(*) FROM note_part WHERE "
	    "(client_id = (SELECT min(client_id) FROM note_part) AND minutes = 180) OR "
	    "(client_id = (SELECT max(client_id) FROM note_part) AND minutes = 150 AND "
	    "ends_at - starts_at = 150 * 60)"), 2);
	/* The part of the late client links no objective: allowed, and said. */
	assert_true(note_part_unlinked(&n.parts[1]) || note_part_unlinked(&n.parts[0]));

	/* Signed: every write but an addendum changes nothing. */
	before = note_state(f);
	uin.content = "Changed.";
	assert_int_equal(as(f, w.clinician, op_note_update_run, &uin, &e), ERR_CONFLICT);
	assert_int_equal(as(f, w.clinician, op_note_sign_run, &sin, &e), ERR_CONFLICT);
	assert_int_equal(as(f, w.clinician, op_note_cosign_run, &sin, &e), ERR_CONFLICT);
	/* Attendance corrected after the signature does not reach the note. */
	raw_exec(f->t.db, "UPDATE attendance SET status = 'present', minutes = 180 WHERE "
	    "status = 'absent_excused'");
	assert_int_equal(note_state(f), before);
	ain.id = id;
	ain.text = "Late entry: referral made.";
	ain.client_id = w.clients[0];
	ain.out = &n;
	assert_int_equal(as(f, w.clinician, op_note_addendum_run, &ain, &e), ERR_OK);
	assert_int_equal(n.naddenda, 1);
	assert_int_equal(note_state(f), before);
	ain.client_id = 999999;
	assert_int_equal(as(f, w.clinician, op_note_addendum_run, &ain, &e), ERR_INVALID);
	assert_int_equal(count_rows(f, "note_addendum"), 1);
}

static void
supervised_author_waits_for_the_cosignature(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct note n;
	struct error e;
	struct note_open_session_in oin = { 0 };
	struct note_update_in uin = { 0 };
	struct note_sign_in sin = { 0 };
	char sql[160];
	int64_t before;

	world_make(f, &w);
	snprintf(sql, sizeof sql, "UPDATE staff SET needs_supervision = 1, supervisor_id = %lld "
	    "WHERE id = %lld", (long long)w.clinician, (long long)w.supervisee);
	raw_exec(f->t.db, sql);
	oin.session_id = w.session;
	oin.out = &n;
	assert_int_equal(as(f, w.supervisee, op_note_open_session_run, &oin, &e), ERR_OK);
	uin.id = n.id;
	uin.content = "Refusal skills.";
	uin.out = &n;
	assert_int_equal(as(f, w.supervisee, op_note_update_run, &uin, &e), ERR_OK);
	sin.id = n.id;
	sin.out = &n;
	/* Not signed yet: nothing to co-sign. */
	assert_int_equal(as(f, w.clinician, op_note_cosign_run, &sin, &e), ERR_CONFLICT);
	assert_int_equal(as(f, w.supervisee, op_note_sign_run, &sin, &e), ERR_OK);
	assert_int_equal(n.cosigner_id, w.clinician);
	assert_true(note_awaits_cosign(&n));
	assert_false(note_counts(&n));
	before = note_state(f);
	assert_int_equal(as(f, w.other, op_note_cosign_run, &sin, &e), ERR_FORBIDDEN);
	assert_int_equal(as(f, w.supervisee, op_note_cosign_run, &sin, &e), ERR_FORBIDDEN);
	assert_int_equal(note_state(f), before);
	assert_int_equal(as(f, w.clinician, op_note_cosign_run, &sin, &e), ERR_OK);
	assert_true(note_counts(&n));
	before = note_state(f);
	assert_int_equal(as(f, w.clinician, op_note_cosign_run, &sin, &e), ERR_CONFLICT);
	assert_int_equal(note_state(f), before);
}

static void
no_note_for_a_session_not_held(void **state)
{
	struct fx *f = *state;
	struct world w;
	struct note n;
	struct error e;
	struct note_open_session_in oin = { 0 };

	world_make(f, &w);
	oin.session_id = session_at(f, &w, w.now + 3600, false);
	oin.out = &n;
	assert_int_equal(as(f, w.clinician, op_note_open_session_run, &oin, &e), ERR_CONFLICT);
	raw_exec(f->t.db, "UPDATE group_session SET status = 'cancelled', starts_at = 1000, "
	    "ends_at = 2000 WHERE id = (SELECT max(id) FROM group_session)");
	assert_int_equal(as(f, w.clinician, op_note_open_session_run, &oin, &e), ERR_CONFLICT);
	oin.session_id = 999999;
	assert_int_equal(as(f, w.clinician, op_note_open_session_run, &oin, &e), ERR_NOTFOUND);
	assert_int_equal(count_rows(f, "note"), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(group_note_signed_at_once_then_refused, adm_setup,
		    adm_teardown),
		cmocka_unit_test_setup_teardown(supervised_author_waits_for_the_cosignature,
		    adm_setup, adm_teardown),
		cmocka_unit_test_setup_teardown(no_note_for_a_session_not_held, adm_setup,
		    adm_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
