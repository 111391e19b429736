/*
 * ops_test.h — what the operation tests share beside the store fixture
 * (tests/store/store_test.h): an operation run as one writer job by a given
 * actor, and staff accounts made and signed in through the operations.
 * The helpers live in ops_test.c, compiled into each operation test.
 */
#ifndef IOP_TEST_OPS_H
#define IOP_TEST_OPS_H

#include "store_test.h"

#include "ops/ops.h"

/* Runs one operation as staff member actor (0: the console, no roles;
 * otherwise an admin); res, when not NULL, gets its result. */
enum err op_as(struct store *s, struct arena *a, int64_t actor, op_run_fn run,
    const void *in, struct op_result *res, struct error *e);

/* A staff account made by the console through op_staff_create. */
enum err add_staff_op(struct fx *f, struct arena *a, const char *username, roleset roles,
    int64_t *id, struct error *e);
/* The same, failing the test unless it was made; returns its id. */
int64_t staff_ok(struct fx *f, struct arena *a, const char *username, roleset roles);
/* Signs staff member id in (the password was right); returns the session. */
int64_t sign_in_op(struct fx *f, struct arena *a, int64_t id, uint8_t tag);

#endif
