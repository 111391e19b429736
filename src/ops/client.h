/*
 * client.h (ops) — adding and changing clients and their contacts.
 *
 * A new client, and a change of name or date of birth, is refused as a
 * duplicate when a client with the same name and date of birth exists,
 * unless allow_duplicate says the person is someone else.  Clients are
 * never deleted: a change with active false deactivates.  Every operation
 * here touches its client, for the audit.
 */
#ifndef IOP_OPS_CLIENT_H
#define IOP_OPS_CLIENT_H

#include "core/client.h"
#include "ops/ops.h"

enum client_change { CLIENT_CHANGED, CLIENT_DEACTIVATED, CLIENT_REACTIVATED };

/* What a client operation gives back, in memory the caller owns. */
struct client_out {
	struct client c;		/* the record as written */
	struct client *dupes;		/* on ERR_DUPLICATE: the matching clients */
	size_t ndupes;
	enum client_change change;	/* for a change: what became of "active" */
};

struct client_create_in {
	struct client c;		/* decoded and validated */
	bool allow_duplicate;
	struct client_out *out;
};

/* set holds the new values of the fields named in fields (enum client_field). */
struct client_update_in {
	int64_t id;
	struct client set;
	unsigned fields;
	bool allow_duplicate;
	struct client_out *out;
};

struct contact_create_in {
	struct contact c;		/* c.client_id names the client */
	struct contact *out;
};

struct contact_update_in {
	int64_t client_id, id;
	struct contact set;
	unsigned fields;		/* enum contact_field */
	struct contact *out;
};

struct contact_remove_in {
	int64_t client_id, id;
};

OP_DECLARE(op_client_create, struct client_create_in)

/*
 * For operations that make a client (op_client_create, op_inquiry_convert):
 * the one way a new client is written.  c is validated as of the actor's
 * day; unless allow_duplicate, a client with the same name and date of birth
 * refuses it (ERR_DUPLICATE with dup_msg, or the default message when NULL,
 * and the matches in *dupes, in res's arena, named in res as shown); then it
 * is inserted and given its MRN (c->id, c->mrn set).  It does not name the
 * new client in res: the calling operation does.
 */
enum err op_client_insert(struct store_tx *tx, const struct actor *who, struct client *c,
    bool allow_duplicate, const char *dup_msg, struct op_result *res, struct client **dupes,
    size_t *ndupes, struct error *e);

OP_DECLARE(op_client_update, struct client_update_in)

OP_DECLARE(op_contact_create, struct contact_create_in)

OP_DECLARE(op_contact_update, struct contact_update_in)

OP_DECLARE(op_contact_remove, struct contact_remove_in)

#endif
