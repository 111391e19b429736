/*
 * care.h — the store's interface for care relationships, the care team and
 * declared emergencies (store/care.c), beside store.h.
 */
#ifndef IOP_STORE_CARE_H
#define IOP_STORE_CARE_H

#include "core/care.h"
#include "store/store.h"

/*
 * How staff is in client's care at now (core/care.h), on the read
 * connection: one query, each way in an indexed lookup from the client.
 * An unexpired emergency declared by staff for client counts (CARE_EMERGENCY).
 */
enum err store_care_relationship(struct store *s, int64_t staff, int64_t client, int64_t now,
    enum care_way *way, struct error *e);

/* The kinds of record a route names by id whose client(s) the rule asks. */
enum care_record {
	CARE_REC_EPISODE,
	CARE_REC_PLAN,
	CARE_REC_DISCHARGE_SUMMARY,
	CARE_REC_NOTE,
	CARE_REC_DRUG_SCREEN,
	CARE_REC_MEDICATION,
	CARE_REC_APPOINTMENT,
	CARE_REC_CONSENT,
	CARE_REC_DISCLOSURE,
	CARE_REC_COVERAGE,
	CARE_REC_SCREENING,
	CARE_REC_AFTERCARE_PLAN,
	CARE_REC_COURT_DATE,
	CARE_REC_REFERRAL,
	CARE_REC_ALUMNI_CHECKIN,
	CARE_REC__MAX
};
/* The clients of record id of kind k (a group note has several; none when
 * there is no such record, which its route answers as 404). */
enum err store_care_record_clients(struct store *s, enum care_record k, int64_t id,
    struct arena *a, int64_t **clients, size_t *n, struct error *e);

/* A client's care team (members not removed), in the order they joined. */
enum err store_care_team_list(struct store *s, int64_t client_id, struct arena *a,
    struct care_member **items, size_t *n, struct error *e);
enum err store_tx_care_team_get(struct store_tx *tx, int64_t client_id, int64_t staff_id,
    struct arena *a, struct care_member *out, struct error *e);
/* m: client_id, staff_id, role_in_care, added_by; added now (id set).
 * ERR_CONFLICT when the staff member is on the team already. */
enum err store_tx_care_team_insert(struct store_tx *tx, struct care_member *m,
    struct error *e);
/* Removed now by `by`; ERR_NOTFOUND when not on the team. */
enum err store_tx_care_team_remove(struct store_tx *tx, int64_t client_id, int64_t staff_id,
    int64_t by, struct error *e);

/* x: client_id, staff_id, reason, expires_at; granted now (id set), and a
 * task with title for every active director (x->tasks: how many). */
enum err store_tx_emergency_insert(struct store_tx *tx, struct emergency_access *x,
    const char *title, struct error *e);

#endif
