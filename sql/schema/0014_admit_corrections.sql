-- 0014: admissions fenced and corrected.
--
-- An admission records the open high-risk alerts the admitter was shown and
-- acknowledged, as a JSON array of alert ids ("[]" when there were none).
ALTER TABLE episode ADD COLUMN acknowledged_alerts TEXT NOT NULL DEFAULT '[]';

-- An inquiry converted to a client who has since been admitted is no longer
-- waiting on the board: it moves to admitted, and its open follow-ups close
-- (as of the admission), as every admission now does (ops/episode.c).
UPDATE task SET done_at = (SELECT max(e.created_at) FROM episode e
                           JOIN inquiry q ON q.client_id = e.client_id
                           WHERE q.id = task.inquiry_id),
       response = 'Closed: the client was admitted.'
WHERE kind = 'follow_up' AND done_at = 0 AND inquiry_id IN (
  SELECT q.id FROM inquiry q
  WHERE q.client_id IS NOT NULL
    AND q.status NOT IN ('admitted', 'referred', 'closed')
    AND EXISTS (SELECT 1 FROM episode e WHERE e.client_id = q.client_id));
UPDATE inquiry SET status = 'admitted'
WHERE client_id IS NOT NULL AND status NOT IN ('admitted', 'referred', 'closed')
  AND EXISTS (SELECT 1 FROM episode e WHERE e.client_id = inquiry.client_id);
