-- 0017_outlet_keys_while_linked: the outlet-and-charge link keys are
-- stored only while that rule is on (issue #12).
--
-- `link_keys` held a row per (defendant's outlet, charge) of every article
-- (`outlet:<outlet>|<charge>`), which link nothing unless
-- `Settings::link_by_outlet_and_charge` is on (off by default): at 190,000
-- generated articles, 190,000 rows, and a thousand of the 14,400 pages an
-- increment of 1,000 reports wrote. The rebuild now stores them only with
-- the rule on, and turning the rule on marks every article for new keys
-- (`Store::set_reconcile_settings`). This deletes them from a store whose
-- stored settings leave the rule off (no settings row: the defaults), and
-- the counts they leave at zero. (`outlet;` is the first key after every
-- `outlet:…`; settings that are not JSON read as off here, as the
-- rebuild would refuse them anyway.)
--
-- `link_key_generation` counts the changes of that rule: a rebuild keys
-- its new articles in a short write, then computes on a snapshot, and when
-- the rule changed in between it keys them again on the snapshot (the
-- change may have deleted or marked what it keyed).

DELETE FROM link_keys
WHERE key >= 'outlet:' AND key < 'outlet;'
  AND NOT EXISTS (
      SELECT 1 FROM reconcile_settings
      WHERE id = 1
        AND CASE WHEN json_valid(data) THEN json_extract(data, '$.link_by_outlet_and_charge') END = 1
  );
DELETE FROM link_key_counts
WHERE key >= 'outlet:' AND key < 'outlet;' AND articles = 0;

CREATE TABLE link_key_generation (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    generation   INTEGER NOT NULL
);
INSERT INTO link_key_generation (id, generation) VALUES (1, 0);
