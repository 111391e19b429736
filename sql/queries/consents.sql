-- Part 2 consents and disclosures (src/store/consents.c).

-- fragment: consent_cols
SELECT c.id, c.client_id, c.client_name, c.disclosing_party, c.information,
       c.information_detail, c.recipients, c.purpose, c.revoke_statement, c.expires_on,
       c.expires_event, c.signed_on, c.signature, c.recorded_by, c.recorded_at, c.revoked_by,
       c.revoked_at, c.revoke_reason, coalesce(rb.full_name, '') AS recorded_by_name,
       coalesce(vb.full_name, '') AS revoked_by_name
FROM consent c LEFT JOIN staff rb ON rb.id = c.recorded_by
     LEFT JOIN staff vb ON vb.id = c.revoked_by

-- name: consent_by_client
{{consent_cols}}
WHERE c.client_id = ?1
ORDER BY c.signed_on DESC, c.id DESC

-- name: consent_by_id
{{consent_cols}}
WHERE c.id = ?1

-- name: consent_insert
INSERT INTO consent (client_id, client_name, disclosing_party, information,
       information_detail, recipients, purpose, revoke_statement, expires_on, expires_event,
       signed_on, signature, recorded_by, recorded_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)

-- name: consent_revoke
UPDATE consent SET revoked_by = ?2, revoked_at = ?3, revoke_reason = ?4
WHERE id = ?1 AND revoked_at = 0

-- fragment: disclosure_cols
SELECT d.id, d.client_id, d.consent_id, d.recipient, d.recipient_kind, d.information,
       d.format, d.purpose, d.notice, d.content_type, d.document, d.released_by,
       d.released_at, coalesce(s.full_name, '') AS released_by_name
FROM disclosure d LEFT JOIN staff s ON s.id = d.released_by

-- name: disclosure_by_client
{{disclosure_cols}}
WHERE d.client_id = ?1
ORDER BY d.released_at DESC, d.id DESC

-- name: disclosure_by_id
{{disclosure_cols}}
WHERE d.id = ?1

-- name: disclosure_insert
INSERT INTO disclosure (client_id, consent_id, recipient, recipient_kind, information, format,
       purpose, notice, content_type, document, released_by, released_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
