/*
 * audit_words.h — the audit log's actions and record types in words.
 *
 * One table: every action code a row can carry ("benefit_check.create")
 * with what an auditor reads ("Checked benefits"), and every record type
 * with its name for one and for many.  The API serves it (GET
 * /api/v1/audit/vocabulary), the audit screens and the CSV export use it, and
 * a test checks that every action the code writes is in it.  Pure.
 */
#ifndef IOP_AUDIT_WORDS_H
#define IOP_AUDIT_WORDS_H

#include <stdbool.h>
#include <stddef.h>

struct audit_word {
	const char *code;	/* "client.read" */
	const char *words;	/* "Read client details" */
	const char *group;	/* where a filter lists it: "Clients", "Sign-in" ... */
};

struct audit_record_word {
	const char *code;	/* "benefit_check" */
	const char *one;	/* "Benefit check" */
	const char *many;	/* "Benefit checks" */
};

extern const struct audit_word audit_actions[];
extern const size_t audit_nactions;
extern const struct audit_record_word audit_records[];
extern const size_t audit_nrecords;

/* The action's words, or NULL when the code is not in the table. */
const char *audit_action_words(const char *code);
/* The record type's entry, or NULL. */
const struct audit_record_word *audit_record_words(const char *code);
/* Is a row of this action flagged for the director's review (an emergency
 * declared to open a client's record)? */
bool audit_action_flagged(const char *code);

#endif
