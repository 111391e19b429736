-- A client's hours: the sessions they are on the roster of in a week, with
-- their attendance (src/store/hours.c).  The roster is the one roster_of
-- computes: enrolled on the session's track on its date, episode not
-- discharged before it.

-- name: hours_sessions
SELECT g.date AS date, g.minutes AS minutes, g.status = 'cancelled' AS cancelled,
       g.starts_at AS starts_at, a.id IS NOT NULL AS recorded,
       coalesce(a.minutes, 0) AS attended_minutes
FROM enrolment e
JOIN episode ep ON ep.id = e.episode_id
JOIN group_session g ON g.track_id = e.track_id AND g.date >= e.from_date
     AND (e.until_date = '' OR g.date < e.until_date)
     AND (ep.discharged_on = '' OR ep.discharged_on >= g.date)
LEFT JOIN attendance a ON a.session_id = g.id AND a.client_id = e.client_id
WHERE e.client_id = ?1 AND g.date >= ?2 AND g.date <= ?3
ORDER BY g.starts_at, g.id
