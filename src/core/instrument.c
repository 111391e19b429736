/*
 * instrument.c — the screening instruments of an admission, as data, and
 * the one function that checks and scores a set of answers.
 *
 * Each instrument is two parallel table rows indexed by enum ins: the public
 * struct instrument (items, allowed answers and their labels) and a private
 * struct scoring (which items add up, which are reverse-scored, the bands as
 * (lowest score, name) rows, cut-offs, subscales and flag rules).  The code
 * below knows only a handful of ways to turn scores into a band; every
 * number a clinician might want to check — a cut-off, a band edge, an item's
 * allowed values — is in a table, not in an if-chain.
 *
 * Item wording is short and plain, written for openiop (DAST-10 paraphrased).
 * This file must not do I/O, allocate, or read the clock; error messages name
 * items and allowed values, never the answer given.
 */
#include <stdio.h>
#include <string.h>

#include "core/instrument.h"

#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define ITEM(n) (UINT32_C(1) << ((n) - 1))	/* bit of item n in an item set */

#define INT_ITEM(n, text, ch) { (n), NULL, (text), ANSWER_INT, (ch), NELEM(ch), false }
#define BOOL_ITEM(n, text) { (n), NULL, (text), ANSWER_BOOL, yes_no, NELEM(yes_no), false }
#define KEY_ITEM(n, key, text, opt) \
	{ (n), (key), (text), ANSWER_BOOL, yes_no, NELEM(yes_no), (opt) }

enum ins {
	INS_PHQ9,
	INS_GAD7,
	INS_AUDIT,
	INS_AUDITC,
	INS_DAST10,
	INS_CSSRS,
	INS_BAM,
	INS_CIWA_AR,
	INS_COWS,
	INS__MAX
};

/* ---- Answer choices ------------------------------------------------------ */

static const struct answer_choice yes_no[] = {
	{ 0, "No" }, { 1, "Yes" },
};

/* PHQ-9 and GAD-7: over the last two weeks. */
static const struct answer_choice two_weeks[] = {
	{ 0, "Not at all" },
	{ 1, "Several days" },
	{ 2, "More than half the days" },
	{ 3, "Nearly every day" },
};

static const struct answer_choice audit_how_often_drink[] = {
	{ 0, "Never" },
	{ 1, "Monthly or less" },
	{ 2, "2 to 4 times a month" },
	{ 3, "2 to 3 times a week" },
	{ 4, "4 or more times a week" },
};

static const struct answer_choice audit_drinks_per_day[] = {
	{ 0, "1 or 2" },
	{ 1, "3 or 4" },
	{ 2, "5 or 6" },
	{ 3, "7 to 9" },
	{ 4, "10 or more" },
};

static const struct answer_choice audit_frequency[] = {
	{ 0, "Never" },
	{ 1, "Less than monthly" },
	{ 2, "Monthly" },
	{ 3, "Weekly" },
	{ 4, "Daily or almost daily" },
};

static const struct answer_choice audit_ever[] = {
	{ 0, "No" },
	{ 2, "Yes, but not in the last year" },
	{ 4, "Yes, during the last year" },
};

static const struct answer_choice bam_health[] = {
	{ 0, "Excellent" },
	{ 1, "Very good" },
	{ 2, "Good" },
	{ 3, "Fair" },
	{ 4, "Poor" },
};

static const struct answer_choice bam_days[] = {
	{ 0, "0 days" },
	{ 1, "1 to 3 days" },
	{ 2, "4 to 8 days" },
	{ 3, "9 to 15 days" },
	{ 4, "16 to 30 days" },
};

static const struct answer_choice bam_extent[] = {
	{ 0, "Not at all" },
	{ 1, "Slightly" },
	{ 2, "Moderately" },
	{ 3, "Considerably" },
	{ 4, "Extremely" },
};

/* BAM item 14 is a yes/no question scored 0 or 4. */
static const struct answer_choice bam_income[] = {
	{ 0, "No" }, { 4, "Yes" },
};

static const struct answer_choice ciwa_0_7[] = {
	{ 0, "None" },
	{ 1, "Very mild" },
	{ 2, "Mild" },
	{ 3, "Mild to moderate" },
	{ 4, "Moderate" },
	{ 5, "Moderate to severe" },
	{ 6, "Severe" },
	{ 7, "Extreme" },
};

static const struct answer_choice ciwa_orientation[] = {
	{ 0, "Oriented; can add up a series of numbers" },
	{ 1, "Cannot add up a series of numbers, or unsure of the date" },
	{ 2, "Wrong about the date by no more than 2 days" },
	{ 3, "Wrong about the date by more than 2 days" },
	{ 4, "Disoriented for place or person" },
};

static const struct answer_choice cows_pulse[] = {
	{ 0, "80 or below" },
	{ 1, "81 to 100" },
	{ 2, "101 to 120" },
	{ 4, "Over 120" },
};

static const struct answer_choice cows_sweating[] = {
	{ 0, "No chills or flushing" },
	{ 1, "Reports chills or flushing" },
	{ 2, "Flushed, or face visibly moist" },
	{ 3, "Beads of sweat on brow or face" },
	{ 4, "Sweat streaming off face" },
};

static const struct answer_choice cows_restlessness[] = {
	{ 0, "Able to sit still" },
	{ 1, "Reports difficulty sitting still, but is able to" },
	{ 3, "Frequent shifting or extra movements of legs or arms" },
	{ 5, "Unable to sit still for more than a few seconds" },
};

static const struct answer_choice cows_pupils[] = {
	{ 0, "Pinned or normal size for the room light" },
	{ 1, "Possibly larger than normal" },
	{ 2, "Moderately dilated" },
	{ 5, "So dilated that only the rim of the iris shows" },
};

static const struct answer_choice cows_aches[] = {
	{ 0, "Not present" },
	{ 1, "Mild, diffuse discomfort" },
	{ 2, "Severe, diffuse aching of joints or muscles" },
	{ 4, "Rubbing joints or muscles, unable to sit still for discomfort" },
};

static const struct answer_choice cows_nose[] = {
	{ 0, "Not present" },
	{ 1, "Stuffy nose or unusually moist eyes" },
	{ 2, "Nose running or tearing" },
	{ 4, "Nose constantly running or tears streaming" },
};

static const struct answer_choice cows_gi[] = {
	{ 0, "No stomach or bowel symptoms" },
	{ 1, "Stomach cramps" },
	{ 2, "Nausea or loose stool" },
	{ 3, "Vomiting or diarrhoea" },
	{ 5, "Repeated diarrhoea or vomiting" },
};

static const struct answer_choice cows_tremor[] = {
	{ 0, "No tremor" },
	{ 1, "Tremor can be felt but not seen" },
	{ 2, "Slight tremor can be seen" },
	{ 4, "Gross tremor or muscle twitching" },
};

static const struct answer_choice cows_yawning[] = {
	{ 0, "No yawning" },
	{ 1, "Once or twice during the assessment" },
	{ 2, "Three or more times during the assessment" },
	{ 4, "Several times a minute" },
};

static const struct answer_choice cows_anxiety[] = {
	{ 0, "None" },
	{ 1, "Reports growing irritability or anxiety" },
	{ 2, "Obviously irritable or anxious" },
	{ 4, "So irritable or anxious that taking part in the assessment is hard" },
};

static const struct answer_choice cows_gooseflesh[] = {
	{ 0, "Skin is smooth" },
	{ 3, "Gooseflesh can be felt, or hairs standing up on the arms" },
	{ 5, "Prominent gooseflesh" },
};

/* ---- Items --------------------------------------------------------------- */

static const struct instrument_item phq9_items[] = {
	INT_ITEM(1, "Little interest or pleasure in doing things", two_weeks),
	INT_ITEM(2, "Feeling down, depressed or hopeless", two_weeks),
	INT_ITEM(3, "Trouble falling or staying asleep, or sleeping too much", two_weeks),
	INT_ITEM(4, "Feeling tired or having little energy", two_weeks),
	INT_ITEM(5, "Poor appetite or overeating", two_weeks),
	INT_ITEM(6, "Feeling bad about yourself, or that you have let yourself "
	    "or your family down", two_weeks),
	INT_ITEM(7, "Trouble concentrating, for example on reading or television",
	    two_weeks),
	INT_ITEM(8, "Moving or speaking so slowly that others could notice, or "
	    "being so restless that you move around much more than usual", two_weeks),
	INT_ITEM(9, "Thoughts that you would be better off dead, or of hurting "
	    "yourself in some way", two_weeks),
};

static const struct instrument_item gad7_items[] = {
	INT_ITEM(1, "Feeling nervous, anxious or on edge", two_weeks),
	INT_ITEM(2, "Not being able to stop or control worrying", two_weeks),
	INT_ITEM(3, "Worrying too much about different things", two_weeks),
	INT_ITEM(4, "Trouble relaxing", two_weeks),
	INT_ITEM(5, "Being so restless that it is hard to sit still", two_weeks),
	INT_ITEM(6, "Becoming easily annoyed or irritable", two_weeks),
	INT_ITEM(7, "Feeling afraid, as if something awful might happen", two_weeks),
};

#define AUDIT_Q1 "How often do you have a drink containing alcohol?"
#define AUDIT_Q2 "On a typical day when you drink, how many drinks do you have?"
#define AUDIT_Q3 "How often do you have six or more drinks on one occasion?"

static const struct instrument_item audit_items[] = {
	INT_ITEM(1, AUDIT_Q1, audit_how_often_drink),
	INT_ITEM(2, AUDIT_Q2, audit_drinks_per_day),
	INT_ITEM(3, AUDIT_Q3, audit_frequency),
	INT_ITEM(4, "In the last year, how often could you not stop drinking "
	    "once you had started?", audit_frequency),
	INT_ITEM(5, "In the last year, how often did drinking stop you doing "
	    "what was expected of you?", audit_frequency),
	INT_ITEM(6, "In the last year, how often did you need a drink in the "
	    "morning to get going after heavy drinking?", audit_frequency),
	INT_ITEM(7, "In the last year, how often did you feel guilt or remorse "
	    "after drinking?", audit_frequency),
	INT_ITEM(8, "In the last year, how often could you not remember the "
	    "night before because of drinking?", audit_frequency),
	INT_ITEM(9, "Have you or someone else been injured because of your "
	    "drinking?", audit_ever),
	INT_ITEM(10, "Has a relative, friend or health worker been concerned "
	    "about your drinking or suggested you cut down?", audit_ever),
};

static const struct instrument_item auditc_items[] = {
	INT_ITEM(1, AUDIT_Q1, audit_how_often_drink),
	INT_ITEM(2, AUDIT_Q2, audit_drinks_per_day),
	INT_ITEM(3, AUDIT_Q3, audit_frequency),
};

/* Past 12 months, not counting alcohol or tobacco; paraphrased. */
static const struct instrument_item dast10_items[] = {
	BOOL_ITEM(1, "Have you used drugs other than for medical reasons?"),
	BOOL_ITEM(2, "Have you used more than one drug at the same time?"),
	BOOL_ITEM(3, "Can you always stop using drugs when you want to?"),
	BOOL_ITEM(4, "Have you had blackouts or flashbacks from using drugs?"),
	BOOL_ITEM(5, "Have you felt bad or guilty about your drug use?"),
	BOOL_ITEM(6, "Has a partner or parent complained about your drug use?"),
	BOOL_ITEM(7, "Have you neglected your family because of drug use?"),
	BOOL_ITEM(8, "Have you done something illegal to get drugs?"),
	BOOL_ITEM(9, "Have you felt sick with withdrawal when you stopped "
	    "using drugs?"),
	BOOL_ITEM(10, "Have you had health problems from drug use, such as "
	    "memory loss, hepatitis, seizures or bleeding?"),
};

/* Past month, except item 6.  Items 3-5 are asked only after a yes to 2. */
static const struct instrument_item cssrs_items[] = {
	KEY_ITEM(1, "q1", "Have you wished you were dead, or wished you could go "
	    "to sleep and not wake up?", false),
	KEY_ITEM(2, "q2", "Have you actually had thoughts of killing yourself?", false),
	KEY_ITEM(3, "q3", "Have you thought about how you might do it?", true),
	KEY_ITEM(4, "q4", "Have you had these thoughts with some intention of "
	    "acting on them?", true),
	KEY_ITEM(5, "q5", "Have you worked out, or started to work out, the "
	    "details of how, and do you mean to carry out that plan?", true),
	KEY_ITEM(6, "q6_lifetime", "Have you ever done anything, started to do "
	    "anything, or prepared to do anything to end your life?", false),
	KEY_ITEM(7, "q6_past_3_months", "Was any of that in the past 3 months?",
	    false),
};

/* Past 30 days. */
static const struct instrument_item bam_items[] = {
	INT_ITEM(1, "How would you rate your physical health?", bam_health),
	INT_ITEM(2, "On how many nights did you have trouble falling or staying "
	    "asleep?", bam_days),
	INT_ITEM(3, "On how many days did you feel depressed, anxious, angry or "
	    "very upset for most of the day?", bam_days),
	INT_ITEM(4, "On how many days did you drink any alcohol?", bam_days),
	INT_ITEM(5, "On how many days did you have at least 5 drinks (at least "
	    "4 for a woman)?", bam_days),
	INT_ITEM(6, "On how many days did you use illegal or street drugs, or "
	    "misuse prescription medicines?", bam_days),
	/* A list of substances (or null), not a rating: no choices. */
	{ 7, NULL, "Which drugs did you use?", ANSWER_LIST, NULL, 0, false },
	INT_ITEM(8, "How much were you bothered by cravings or urges to drink or "
	    "use drugs?", bam_extent),
	INT_ITEM(9, "How confident are you that you can stay completely free of "
	    "alcohol and drugs for the next 30 days?", bam_extent),
	INT_ITEM(10, "On how many days did you go to self-help meetings, such as "
	    "AA or NA, to support your recovery?", bam_days),
	INT_ITEM(11, "On how many days were you in situations or with people that "
	    "raise your risk of drinking or using?", bam_days),
	INT_ITEM(12, "Does your religion or spirituality help support your "
	    "recovery?", bam_extent),
	INT_ITEM(13, "On how many days did you spend much of the time at work, "
	    "school or volunteering?", bam_days),
	INT_ITEM(14, "Do you have enough income from legal sources to pay for "
	    "housing, transport, food and clothing for you and your dependants?",
	    bam_income),
	INT_ITEM(15, "How much have arguments or problems with family or friends "
	    "bothered you?", bam_extent),
	INT_ITEM(16, "On how many days were you in contact with family or friends "
	    "who support your recovery?", bam_days),
	INT_ITEM(17, "How satisfied are you with your progress towards your "
	    "recovery goals?", bam_extent),
};

static const struct instrument_item ciwa_items[] = {
	INT_ITEM(1, "Nausea and vomiting", ciwa_0_7),
	INT_ITEM(2, "Tremor (arms stretched out, fingers spread)", ciwa_0_7),
	INT_ITEM(3, "Sudden sweats", ciwa_0_7),
	INT_ITEM(4, "Anxiety", ciwa_0_7),
	INT_ITEM(5, "Agitation", ciwa_0_7),
	INT_ITEM(6, "Touch disturbances (itching, pins and needles, burning, "
	    "numbness, feeling of bugs on the skin)", ciwa_0_7),
	INT_ITEM(7, "Hearing disturbances (sounds harsh or frightening, hearing "
	    "things that are not there)", ciwa_0_7),
	INT_ITEM(8, "Visual disturbances (light too bright, seeing things that "
	    "are not there)", ciwa_0_7),
	INT_ITEM(9, "Headache or fullness in the head", ciwa_0_7),
	INT_ITEM(10, "Orientation and clouding of the mind", ciwa_orientation),
};

static const struct instrument_item cows_items[] = {
	INT_ITEM(1, "Resting pulse rate (beats a minute)", cows_pulse),
	INT_ITEM(2, "Sweating in the past half hour, not from room temperature or "
	    "activity", cows_sweating),
	INT_ITEM(3, "Restlessness during the assessment", cows_restlessness),
	INT_ITEM(4, "Pupil size", cows_pupils),
	INT_ITEM(5, "Bone or joint aches (not counting earlier pain)", cows_aches),
	INT_ITEM(6, "Runny nose or tearing (not from a cold or allergies)", cows_nose),
	INT_ITEM(7, "Stomach or bowel upset in the past half hour", cows_gi),
	INT_ITEM(8, "Tremor of outstretched hands", cows_tremor),
	INT_ITEM(9, "Yawning during the assessment", cows_yawning),
	INT_ITEM(10, "Anxiety or irritability", cows_anxiety),
	INT_ITEM(11, "Gooseflesh skin", cows_gooseflesh),
};

#define CHECK_ITEMS(arr) \
	_Static_assert(sizeof(arr) / sizeof((arr)[0]) <= INSTRUMENT_ITEMS_MAX, \
	    #arr " has too many items")
CHECK_ITEMS(phq9_items);
CHECK_ITEMS(gad7_items);
CHECK_ITEMS(audit_items);
CHECK_ITEMS(auditc_items);
CHECK_ITEMS(dast10_items);
CHECK_ITEMS(cssrs_items);
CHECK_ITEMS(bam_items);
CHECK_ITEMS(ciwa_items);
CHECK_ITEMS(cows_items);

/* ---- The registry -------------------------------------------------------- */

static const struct instrument instruments[INS__MAX] = {
	[INS_PHQ9] = { "phq9", "Patient Health Questionnaire (PHQ-9)",
	    "PHQ-9 (2001)", false, NELEM(phq9_items), phq9_items },
	[INS_GAD7] = { "gad7", "Generalized Anxiety Disorder scale (GAD-7)",
	    "GAD-7 (2006)", false, NELEM(gad7_items), gad7_items },
	[INS_AUDIT] = { "audit", "Alcohol Use Disorders Identification Test (AUDIT)",
	    "AUDIT (WHO, 2nd edition 2001)", false, NELEM(audit_items), audit_items },
	[INS_AUDITC] = { "auditc", "AUDIT-C (alcohol consumption questions)",
	    "AUDIT-C (1998)", false, NELEM(auditc_items), auditc_items },
	[INS_DAST10] = { "dast10", "Drug Abuse Screening Test (DAST-10)",
	    "DAST-10 (1982)", false, NELEM(dast10_items), dast10_items },
	[INS_CSSRS] = { "cssrs_screener",
	    "Columbia Suicide Severity Rating Scale, screener (C-SSRS)",
	    "C-SSRS screener, recent (2008)", true, NELEM(cssrs_items), cssrs_items },
	[INS_BAM] = { "bam", "Brief Addiction Monitor (BAM)",
	    "BAM (2013)", false, NELEM(bam_items), bam_items },
	[INS_CIWA_AR] = { "ciwa_ar",
	    "Clinical Institute Withdrawal Assessment for Alcohol, revised (CIWA-Ar)",
	    "CIWA-Ar (1989)", false, NELEM(ciwa_items), ciwa_items },
	[INS_COWS] = { "cows", "Clinical Opiate Withdrawal Scale (COWS)",
	    "COWS (2003)", false, NELEM(cows_items), cows_items },
};

/* ---- Scoring rules ------------------------------------------------------- */

/* A band starts at its lowest score and runs to the next row's (ascending). */
struct band { int min; const char *name; };

/* How the band is found. */
enum band_rule {
	BAND_BY_TOTAL,		/* the total's row in bands[] */
	BAND_BY_CUTOFF,		/* bands[0] below the cut-off for sex, bands[1] at or above */
	BAND_BY_LEVEL,		/* the row of the highest level among items answered yes */
	BAND_BY_CONCERN,	/* the names of the subscales of concern, or bands[0] */
};

/* AUDIT-C: the cut-off for a sex; any other gets default_cutoff. */
struct cutoff { const char *sex; int score; };

enum concern { CONCERN_AT_LEAST, CONCERN_AT_MOST };

struct subscale {
	const char *name;	/* the score's name, and the band's word */
	uint32_t items;
	enum concern when;
	int threshold;		/* of concern at least / at most this */
};

enum flag_when {
	FLAG_ITEM_ABOVE,	/* item's score above a value */
	FLAG_BAND_IS,		/* the band is a name */
};

struct flag_rule {
	enum flag_when when;
	int item, above;
	const char *band;
	const char *code, *message;
	bool alert;
};

struct scoring {
	enum band_rule rule;
	uint32_t total;		/* items that add to "total"; 0: no total */
	uint32_t reversed;	/* yes/no items where "no" scores 1 */
	const struct band *bands;
	int nbands;
	const struct cutoff *cutoffs;
	int ncutoffs, default_cutoff;
	const int *levels;	/* BAND_BY_LEVEL: each item's level on a yes */
	const struct subscale *subscales;
	int nsubscales;
	int gate;		/* item whose yes makes the optional items required */
	const struct flag_rule *flags;
	int nflags;
};

static const struct band phq9_bands[] = {
	{ 0, "minimal" }, { 5, "mild" }, { 10, "moderate" },
	{ 15, "moderately severe" }, { 20, "severe" },
};

static const struct band gad7_bands[] = {
	{ 0, "minimal" }, { 5, "mild" }, { 10, "moderate" }, { 15, "severe" },
};

static const struct band audit_zones[] = {
	{ 0, "I" }, { 8, "II" }, { 16, "III" }, { 20, "IV" },
};

static const struct band auditc_bands[] = {
	{ 0, "negative" }, { 1, "positive" },
};

/* Men at 4; women, and anyone else or unknown, at the more sensitive 3. */
static const struct cutoff auditc_cutoffs[] = {
	{ "male", 4 }, { "female", 3 },
};

static const struct band dast10_bands[] = {
	{ 0, "none" }, { 1, "low" }, { 3, "moderate" }, { 6, "substantial" },
	{ 9, "severe" },
};

static const struct band cssrs_levels[] = {
	{ 0, "none" }, { 1, "low" }, { 2, "moderate" }, { 3, "high" },
};

/* The level a yes to each item raises the risk to (index = item - 1). */
static const int cssrs_item_levels[] = {
	1,	/* q1 wish to be dead */
	1,	/* q2 thoughts */
	2,	/* q3 method */
	3,	/* q4 intent */
	3,	/* q5 plan */
	2,	/* q6 behaviour, lifetime */
	3,	/* q6 behaviour, past 3 months */
};
_Static_assert(sizeof(cssrs_item_levels) / sizeof(cssrs_item_levels[0]) ==
    sizeof(cssrs_items) / sizeof(cssrs_items[0]), "a level for every C-SSRS item");

static const struct band bam_none[] = {
	{ 0, "none" },
};

static const struct subscale bam_subscales[] = {
	{ "use", ITEM(4) | ITEM(5) | ITEM(6), CONCERN_AT_LEAST, 1 },
	{ "risk", ITEM(1) | ITEM(2) | ITEM(3) | ITEM(8) | ITEM(11) | ITEM(15),
	    CONCERN_AT_LEAST, 12 },
	{ "protective", ITEM(9) | ITEM(10) | ITEM(12) | ITEM(13) | ITEM(14) | ITEM(16),
	    CONCERN_AT_MOST, 12 },
};

/* Cut-offs vary between services: these are the common ones. */
static const struct band ciwa_bands[] = {
	{ 0, "minimal" }, { 8, "moderate" }, { 16, "severe" },
};

static const struct band cows_bands[] = {
	{ 0, "none" }, { 5, "mild" }, { 13, "moderate" },
	{ 25, "moderately severe" }, { 37, "severe" },
};

static const struct flag_rule phq9_flags[] = {
	{ FLAG_ITEM_ABOVE, 9, 0, NULL, "suicide_risk",
	    "PHQ-9 item 9 (thoughts of death or self-harm) is above zero: assess "
	    "suicide risk now and document the response.", true },
};

static const struct flag_rule cssrs_flags[] = {
	{ FLAG_BAND_IS, 0, 0, "high", "immediate_evaluation",
	    "C-SSRS screener shows high risk: arrange an immediate safety "
	    "evaluation and document the response.", true },
};

#define ALL_ITEMS(arr) ((UINT32_C(1) << NELEM(arr)) - 1)

static const struct scoring scorings[INS__MAX] = {
	[INS_PHQ9] = { .rule = BAND_BY_TOTAL, .total = ALL_ITEMS(phq9_items),
	    .bands = phq9_bands, .nbands = NELEM(phq9_bands),
	    .flags = phq9_flags, .nflags = NELEM(phq9_flags) },
	[INS_GAD7] = { .rule = BAND_BY_TOTAL, .total = ALL_ITEMS(gad7_items),
	    .bands = gad7_bands, .nbands = NELEM(gad7_bands) },
	[INS_AUDIT] = { .rule = BAND_BY_TOTAL, .total = ALL_ITEMS(audit_items),
	    .bands = audit_zones, .nbands = NELEM(audit_zones) },
	[INS_AUDITC] = { .rule = BAND_BY_CUTOFF, .total = ALL_ITEMS(auditc_items),
	    .bands = auditc_bands, .nbands = NELEM(auditc_bands),
	    .cutoffs = auditc_cutoffs, .ncutoffs = NELEM(auditc_cutoffs),
	    .default_cutoff = 3 },
	[INS_DAST10] = { .rule = BAND_BY_TOTAL, .total = ALL_ITEMS(dast10_items),
	    .reversed = ITEM(3),
	    .bands = dast10_bands, .nbands = NELEM(dast10_bands) },
	[INS_CSSRS] = { .rule = BAND_BY_LEVEL, .total = ALL_ITEMS(cssrs_items),
	    .bands = cssrs_levels, .nbands = NELEM(cssrs_levels),
	    .levels = cssrs_item_levels, .gate = 2,
	    .flags = cssrs_flags, .nflags = NELEM(cssrs_flags) },
	[INS_BAM] = { .rule = BAND_BY_CONCERN, .total = 0,
	    .bands = bam_none, .nbands = NELEM(bam_none),
	    .subscales = bam_subscales, .nsubscales = NELEM(bam_subscales) },
	[INS_CIWA_AR] = { .rule = BAND_BY_TOTAL, .total = ALL_ITEMS(ciwa_items),
	    .bands = ciwa_bands, .nbands = NELEM(ciwa_bands) },
	[INS_COWS] = { .rule = BAND_BY_TOTAL, .total = ALL_ITEMS(cows_items),
	    .bands = cows_bands, .nbands = NELEM(cows_bands) },
};

/* ---- Registry ------------------------------------------------------------ */

size_t
instrument_count(void)
{
	return INS__MAX;
}

const struct instrument *
instrument_at(size_t i)
{
	if (i >= INS__MAX)
		return NULL;
	return &instruments[i];
}

const struct instrument *
instrument_find(const char *code)
{
	size_t i;

	if (code == NULL)
		return NULL;
	for (i = 0; i < INS__MAX; i++)
		if (strcmp(instruments[i].code, code) == 0)
			return &instruments[i];
	return NULL;
}

void
answer_set_wrong_kind(struct answer *a)
{
	memset(a, 0, sizeof(*a));
	a->present = true;
	a->nstrings = ANSWER_WRONG_KIND;
}

/* ---- Checking answers ---------------------------------------------------- */

static bool
wrong_kind(const struct instrument_item *it, const struct answer *a)
{
	if (a->nstrings == ANSWER_WRONG_KIND)
		return true;
	return it->kind != ANSWER_LIST && a->is_null;
}

static bool
among_choices(const struct instrument_item *it, int64_t v)
{
	int i;

	for (i = 0; i < it->nchoices; i++)
		if (it->choices[i].value == v)
			return true;
	return false;
}

/* "must be one of 0, 1, 2, 3" for an INT item. */
static void
refuse_value(struct error *e, const char *field, const struct instrument_item *it)
{
	char list[100];
	size_t len = 0;
	int i, w;

	list[0] = '\0';
	for (i = 0; i < it->nchoices && len < sizeof(list); i++) {
		w = snprintf(list + len, sizeof(list) - len, "%s%d",
		    i > 0 ? ", " : "", it->choices[i].value);
		if (w < 0)
			break;
		len += (size_t)w;
	}
	error_field(e, field, "must be one of %s", list);
}

/* One present answer: is it of the item's kind and among its choices? */
static bool
check_answer(const struct instrument_item *it, const struct answer *a,
    const char *field, struct error *e)
{
	switch (it->kind) {
	case ANSWER_INT:
		if (wrong_kind(it, a) || !among_choices(it, a->ival)) {
			refuse_value(e, field, it);
			return false;
		}
		return true;
	case ANSWER_BOOL:
		if (wrong_kind(it, a)) {
			error_field(e, field, "must be true or false");
			return false;
		}
		return true;
	case ANSWER_LIST:
		if (wrong_kind(it, a) || (!a->is_null && a->nstrings < 0)) {
			error_field(e, field, "must be a list of strings or null");
			return false;
		}
		return true;
	}
	error_field(e, field, "is not an answer this item takes");
	return false;
}

static const struct answer *
answer_of(const struct answers *a, int number)
{
	if (number < 1 || number > a->n || number > INSTRUMENT_ITEMS_MAX)
		return NULL;
	return &a->a[number - 1];
}

/* Was the gate item answered, correctly, yes? */
static bool
gate_open(const struct instrument *ins, const struct scoring *sc,
    const struct answers *a)
{
	const struct answer *g;

	if (sc->gate < 1 || sc->gate > ins->nitems)
		return false;
	g = answer_of(a, sc->gate);
	if (g == NULL || !g->present)
		return false;
	if (wrong_kind(&ins->items[sc->gate - 1], g))
		return false;
	return g->bval;
}

static bool
check_answers(const struct instrument *ins, const struct scoring *sc,
    const struct answers *a, struct error *e)
{
	const struct instrument_item *it;
	const struct answer *ans;
	bool ok = true, gate;
	char field[24];
	int i;

	gate = gate_open(ins, sc, a);
	for (i = 0; i < ins->nitems; i++) {
		it = &ins->items[i];
		snprintf(field, sizeof(field), "item_%d", it->number);
		ans = answer_of(a, it->number);
		if (ans == NULL || !ans->present) {
			if (!it->optional || gate) {
				error_field(e, field, "is required");
				ok = false;
			}
			continue;
		}
		if (!check_answer(it, ans, field, e))
			ok = false;
	}
	for (i = ins->nitems; i < a->n; i++) {
		snprintf(field, sizeof(field), "item_%d", i + 1);
		error_field(e, field, "is not an item of this instrument");
		ok = false;
	}
	return ok;
}

/* ---- Scoring ------------------------------------------------------------- */

/* The points an item's answer adds (0 when left out or unscored). */
static int
item_points(const struct instrument_item *it, const struct answer *a, bool reversed)
{
	if (a == NULL || !a->present)
		return 0;
	switch (it->kind) {
	case ANSWER_INT:
		return (int)a->ival;
	case ANSWER_BOOL:
		return (a->bval != reversed) ? 1 : 0;
	case ANSWER_LIST:
		return 0;
	}
	return 0;
}

static int
sum_items(const struct instrument *ins, const struct scoring *sc,
    const struct answers *a, uint32_t set)
{
	const struct instrument_item *it;
	int i, sum = 0;

	for (i = 0; i < ins->nitems; i++) {
		it = &ins->items[i];
		if ((set & ITEM(it->number)) == 0)
			continue;
		sum += item_points(it, answer_of(a, it->number),
		    (sc->reversed & ITEM(it->number)) != 0);
	}
	return sum;
}

static void
add_score(struct instrument_result *out, const char *name, int value)
{
	if (out->nscores >= INSTRUMENT_SCORES_MAX)
		return;
	out->scores[out->nscores].name = name;
	out->scores[out->nscores].value = value;
	out->nscores++;
}

static void
add_flag(struct instrument_result *out, const struct flag_rule *f)
{
	if (out->nflags >= INSTRUMENT_FLAGS_MAX)
		return;
	out->flags[out->nflags].code = f->code;
	out->flags[out->nflags].message = f->message;
	out->nflags++;
	if (f->alert)
		out->alert = true;
}

/* The name of the last band whose lowest score is at most score. */
static const char *
band_of(const struct band *bands, int nbands, int score)
{
	const char *name = bands[0].name;
	int i;

	for (i = 0; i < nbands; i++)
		if (score >= bands[i].min)
			name = bands[i].name;
	return name;
}

static void
set_band(struct instrument_result *out, const char *name)
{
	snprintf(out->band, sizeof(out->band), "%s", name);
}

static void
append_word(struct instrument_result *out, const char *word)
{
	size_t len = strlen(out->band);

	snprintf(out->band + len, sizeof(out->band) - len, "%s%s",
	    len > 0 ? " " : "", word);
}

static int
cutoff_for(const struct scoring *sc, const char *sex)
{
	int i;

	if (sex != NULL)
		for (i = 0; i < sc->ncutoffs; i++)
			if (strcmp(sc->cutoffs[i].sex, sex) == 0)
				return sc->cutoffs[i].score;
	return sc->default_cutoff;
}

static int
highest_level(const struct instrument *ins, const struct scoring *sc,
    const struct answers *a)
{
	int i, level = 0;

	for (i = 0; i < ins->nitems; i++)
		if (item_points(&ins->items[i], answer_of(a, i + 1), false) > 0 &&
		    sc->levels[i] > level)
			level = sc->levels[i];
	return level;
}

static bool
of_concern(const struct subscale *s, int value)
{
	if (s->when == CONCERN_AT_MOST)
		return value <= s->threshold;
	return value >= s->threshold;
}

static void
score(const struct instrument *ins, const struct scoring *sc,
    const struct answers *a, const char *sex, struct instrument_result *out)
{
	const struct subscale *s;
	const struct flag_rule *f;
	int total = 0, cutoff, value, i;

	if (sc->total != 0) {
		total = sum_items(ins, sc, a, sc->total);
		add_score(out, "total", total);
	}
	switch (sc->rule) {
	case BAND_BY_TOTAL:
		set_band(out, band_of(sc->bands, sc->nbands, total));
		break;
	case BAND_BY_CUTOFF:
		cutoff = cutoff_for(sc, sex);
		add_score(out, "cutoff", cutoff);
		set_band(out, sc->bands[total >= cutoff ? 1 : 0].name);
		break;
	case BAND_BY_LEVEL:
		set_band(out, band_of(sc->bands, sc->nbands,
		    highest_level(ins, sc, a)));
		break;
	case BAND_BY_CONCERN:
		out->band[0] = '\0';
		for (i = 0; i < sc->nsubscales; i++) {
			s = &sc->subscales[i];
			value = sum_items(ins, sc, a, s->items);
			add_score(out, s->name, value);
			if (of_concern(s, value))
				append_word(out, s->name);
		}
		if (out->band[0] == '\0')
			set_band(out, sc->bands[0].name);
		break;
	}

	for (i = 0; i < sc->nflags; i++) {
		f = &sc->flags[i];
		switch (f->when) {
		case FLAG_ITEM_ABOVE:
			if (f->item >= 1 && f->item <= ins->nitems &&
			    item_points(&ins->items[f->item - 1],
			    answer_of(a, f->item), false) > f->above)
				add_flag(out, f);
			break;
		case FLAG_BAND_IS:
			if (strcmp(out->band, f->band) == 0)
				add_flag(out, f);
			break;
		}
	}
}

enum err
instrument_score(const struct instrument *ins, const struct answers *a,
    const char *sex, struct instrument_result *out, struct error *e)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < INS__MAX; i++)
		if (ins == &instruments[i])
			break;
	if (i == INS__MAX)
		return error_set(e, ERR_NOTFOUND, "No such instrument.");
	out->code = ins->code;
	out->version = ins->version;
	if (a == NULL)
		return error_set(e, ERR_MALFORMED, "No answers.");
	if (!check_answers(ins, &scorings[i], a, e))
		return ERR_INVALID;
	score(ins, &scorings[i], a, sex, out);
	return ERR_OK;
}
