/*
 * notes.h — the store's interface for clinical notes (store/notes.c),
 * beside store.h.
 */
#ifndef IOP_STORE_NOTES_H
#define IOP_STORE_NOTES_H

#include "core/note.h"
#include "store/store.h"

/* What to read with a note. */
enum note_read {
	NOTE_READ_PLAIN = 0,
	NOTE_READ_PREFILL = 1,	/* a draft's choices: open objectives, last parts */
};

/* One note whole: parts (a draft group note's as attendance says now),
 * linked objectives, persons, addenda, absent clients; with `only_client`
 * (not 0) only that client's part and addenda. */
enum err store_note_get(struct store *s, int64_t id, int64_t only_client, int how,
    struct arena *a, struct note *out, struct error *e);
enum err store_tx_note_get(struct store_tx *tx, int64_t id, struct arena *a,
    struct note *out, struct error *e);
/* A client's notes, newest first, each with that client's part only. */
enum err store_note_list_client(struct store *s, int64_t client_id, struct arena *a,
    struct note **items, size_t *n, struct error *e);
/* The worklist: drafts created before `before` by author (0: anyone's) and
 * notes waiting for cosigner's co-signature (0: none); no parts read. */
enum err store_note_worklist(struct store *s, int64_t author, int64_t before,
    int64_t cosigner, struct arena *a, struct note **items, size_t *n, struct error *e);

enum err store_tx_note_of_session(struct store_tx *tx, int64_t session_id, int64_t *id,
    struct error *e);
enum err store_tx_note_of_appointment(struct store_tx *tx, int64_t appt_id, int64_t *id,
    struct error *e);
/* n->id filled. */
enum err store_tx_note_insert(struct store_tx *tx, struct note *n, struct error *e);
/* The shared fields of a draft (form, topic, content, interventions, times);
 * ERR_CONFLICT when it is signed. */
enum err store_tx_note_update(struct store_tx *tx, const struct note *n, int64_t by,
    struct error *e);
/* One part, whole; with objectives when set_objectives. */
enum err store_tx_note_part_put(struct store_tx *tx, int64_t note_id,
    const struct note_part *p, bool set_objectives, struct error *e);
/* Removes every part and objective link (before the parts are written again). */
enum err store_tx_note_parts_clear(struct store_tx *tx, int64_t note_id, struct error *e);
enum err store_tx_note_persons_set(struct store_tx *tx, int64_t note_id,
    const int64_t *ids, size_t n, struct error *e);
enum err store_tx_note_objective_of_client(struct store_tx *tx, int64_t key,
    int64_t client_id, bool *ok, struct error *e);
enum err store_tx_note_sign(struct store_tx *tx, int64_t id, int64_t by, int64_t at,
    int64_t cosigner, struct error *e);
enum err store_tx_note_cosign(struct store_tx *tx, int64_t id, int64_t by, int64_t at,
    struct error *e);
enum err store_tx_note_addendum(struct store_tx *tx, struct note_addendum *d,
    struct error *e);
/* Whether staff_id needs supervision, and by whom (0: nobody). */
enum err store_tx_note_supervision(struct store_tx *tx, int64_t staff_id, struct arena *a,
    int64_t *supervisor, struct error *e);

#endif
