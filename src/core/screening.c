/*
 * screening.c — the rule for voiding a recorded screening.  Pure.
 */
#include "core/screening.h"
#include "core/validate.h"

enum err
screening_void_check(const struct screening_row *s, const char *reason, struct error *e)
{
	const char *m;

	if (s->voided_at != 0)
		return error_set(e, ERR_CONFLICT, "This screening was voided already.");
	if ((m = check_text(reason, SCREENING_VOID_REASON_MAX, true, true)) != NULL)
		return error_field(e, "reason", "%s", m);
	return ERR_OK;
}
