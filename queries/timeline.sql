-- timeline: every dated piece of evidence in order.
--
-- Parameters:
--   :from  ISO day: only evidence that may date from it or later, or NULL
--   :to    ISO day: only evidence that may date from it or earlier, or NULL
SELECT date, party, kind, id, says, speaker, quote, source
  FROM timeline
 WHERE (:from IS NULL OR date_max >= :from)
   AND (:to IS NULL OR date_min <= :to);
