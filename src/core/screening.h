/*
 * screening.h — a recorded administration of a screening instrument: the
 * answers as given, the version and every computed score (instrument.h
 * scores; a risk flag raises an alert, alert.h says who answers it).
 */
#ifndef IOP_SCREENING_H
#define IOP_SCREENING_H

#include <stdint.h>

struct screening_row {
	int64_t id, client_id;
	const char *code, *version;
	const char *answers, *scores, *band, *flags;	/* JSON text, band plain */
	int64_t administered_by;
	const char *administered_by_name;
	int64_t administered_at;
};

#endif
