-- Readers' personal data in interlibrary-loan requests is anonymised a configurable time after
-- the request ended (issue 6, "Privacy"; identity's retention job asks the ILL module): the
-- moment it was done, and the requests still to look at, found without reading every row.
ALTER TABLE ill_requests ADD COLUMN anonymised_at timestamptz;
CREATE INDEX ill_requests_to_anonymise ON ill_requests (updated_at)
  WHERE anonymised_at IS NULL AND state IN ('completed', 'cancelled');
