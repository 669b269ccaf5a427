-- The story list pages through stories newest first, keeping those of a
-- minimum size. With size in the index, the rows an OFFSET skips are
-- judged from the index alone, never read from the table, whose rows are
-- wide (sites, titles): a page deep in 58,000 stories took 20-25 ms and
-- takes 2.5.
CREATE INDEX stories_list ON stories(last DESC, id DESC, size);
DROP INDEX stories_last;
