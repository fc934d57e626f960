-- Indexes that keep the incremental case rebuild's block look-ups from
-- growing with the store (issue #12):
--   link_keys_key: (key, article) only, so counting a person block to check
--     the rebuild's cached copy reads a narrow index, not the wide rows
--     (mentions and context JSON) of the WITHOUT ROWID table;
--   person_index_block_people: the people of a surname block with every
--     column the id assignment reads, in (case_id, person_id) order, so a
--     block is one range of one index instead of a look-up per person.
CREATE INDEX link_keys_key ON link_keys(key);
DROP INDEX person_index_block;
CREATE INDEX person_index_block_people ON person_index(block, case_id, person_id, name, occupation, affiliation);
