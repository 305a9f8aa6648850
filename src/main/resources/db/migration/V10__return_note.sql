-- Returns: the requester's note (REST "note", or the Tasklist start form's) kept apart from the service agent's
-- decision note, which used to overwrite it. Notes stored before this migration stay in decision_note.
alter table return_order add column note varchar(500);
