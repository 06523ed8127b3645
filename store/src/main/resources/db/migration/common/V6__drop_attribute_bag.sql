-- What the first release's model left behind once V5 moved it: the attribute bag, the task table, active_task.
ALTER TABLE instance DROP COLUMN attributes;
ALTER TABLE instance DROP COLUMN active_task;
DROP TABLE task;
