-- 0035: a client's contacts become related persons.  Each has a kind of
-- relationship from a vocabulary (core/client.c contact_kinds: family,
-- partner, sponsor, probation_officer, parole_officer, employer, guardian,
-- friend, other), the organisation they speak for (a probation office, an
-- employer), and whether the client has agreed that the program may
-- contact them.  may_contact starts false: contacting anyone about a
-- Part 2 client discloses that they are in treatment, so it needs the
-- client's word (and a consent before any record is released).  The old
-- free text stays, as the description ("mother", "AA sponsor").
ALTER TABLE contact ADD COLUMN kind TEXT NOT NULL DEFAULT 'other'
	CHECK (kind IN ('family', 'partner', 'sponsor', 'probation_officer',
	    'parole_officer', 'employer', 'guardian', 'friend', 'other'));
ALTER TABLE contact ADD COLUMN organisation TEXT NOT NULL DEFAULT '';
ALTER TABLE contact ADD COLUMN may_contact INTEGER NOT NULL DEFAULT 0
	CHECK (may_contact IN (0, 1));

-- The free text as the kind, most specific first.
UPDATE contact SET kind = CASE
	WHEN lower(relationship) LIKE '%probation%' THEN 'probation_officer'
	WHEN lower(relationship) LIKE '%parole%' THEN 'parole_officer'
	WHEN lower(relationship) LIKE '%sponsor%' THEN 'sponsor'
	WHEN lower(relationship) LIKE '%employer%' OR lower(relationship) LIKE '%boss%'
	    OR lower(relationship) LIKE '%supervisor%' THEN 'employer'
	WHEN lower(relationship) LIKE '%guardian%' THEN 'guardian'
	WHEN lower(relationship) LIKE '%partner%' OR lower(relationship) LIKE '%spouse%'
	    OR lower(relationship) LIKE '%wife%' OR lower(relationship) LIKE '%husband%'
	    OR lower(relationship) LIKE '%girlfriend%' OR lower(relationship) LIKE '%boyfriend%'
	    OR lower(relationship) LIKE '%fianc%' THEN 'partner'
	WHEN lower(relationship) LIKE '%friend%' THEN 'friend'
	WHEN lower(relationship) IN ('mother', 'father', 'parent', 'mom', 'dad', 'son',
	    'daughter', 'child', 'brother', 'sister', 'sibling', 'aunt', 'uncle', 'cousin',
	    'niece', 'nephew', 'grandmother', 'grandfather', 'grandparent', 'stepmother',
	    'stepfather', 'family')
	    OR lower(relationship) LIKE '%grand%' OR lower(relationship) LIKE '%step%'
	    OR lower(relationship) LIKE '%in-law%' OR lower(relationship) LIKE '%family%'
	    OR lower(relationship) LIKE '%mother%' OR lower(relationship) LIKE '%father%'
	    OR lower(relationship) LIKE '%sister%' OR lower(relationship) LIKE '%brother%'
	    OR lower(relationship) LIKE '%son%' OR lower(relationship) LIKE '%daughter%'
	    OR lower(relationship) LIKE '%aunt%' OR lower(relationship) LIKE '%uncle%'
	    OR lower(relationship) LIKE '%cousin%' OR lower(relationship) LIKE '%parent%'
	    THEN 'family'
	WHEN guardian = 1 THEN 'guardian'
	ELSE 'other' END;
