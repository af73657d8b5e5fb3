CREATE TABLE `schedule_generation` (
	`id` integer PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
