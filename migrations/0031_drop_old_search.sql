-- The directory searches `search_full` (title, question, town, description and a published
-- summary, since 0026). The first search column and its index were kept beside it; nothing
-- reads them, and every salon write still paid for the generated column and its GIN index.
ALTER TABLE salons DROP COLUMN search;
