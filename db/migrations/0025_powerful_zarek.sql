CREATE TABLE `leaderboard_snapshot_entries` (
	`snapshot_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`name` text NOT NULL,
	`department` text,
	`score` integer NOT NULL,
	`pos` integer,
	`rank` integer,
	`top` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`snapshot_id`, `person_id`),
	FOREIGN KEY (`snapshot_id`) REFERENCES `leaderboard_snapshots`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `leaderboard_snapshot_entries_pos_idx` ON `leaderboard_snapshot_entries` (`snapshot_id`,`pos`,"score" desc,`person_id`);--> statement-breakpoint
DROP INDEX `points_monthly_rank_idx`;--> statement-breakpoint
CREATE INDEX `points_monthly_rank_idx` ON `points_monthly` (`score_month`,"score" desc,`person_id`);--> statement-breakpoint
ALTER TABLE `leaderboard_snapshots` ADD `phase` text DEFAULT 'done' NOT NULL;--> statement-breakpoint
ALTER TABLE `leaderboard_snapshots` ADD `cursor` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `leaderboard_snapshots` ADD `ranked` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `leaderboard_snapshots_phase_idx` ON `leaderboard_snapshots` (`phase`);--> statement-breakpoint
-- The entries of snapshots taken before: from the JSON column into rows, in their order, before the column goes.
INSERT INTO `leaderboard_snapshot_entries` (`snapshot_id`, `person_id`, `name`, `department`, `score`, `pos`, `rank`, `top`)
SELECT s.`id`, json_extract(j.value, '$.personId'), json_extract(j.value, '$.name'), json_extract(j.value, '$.department'), json_extract(j.value, '$.score'), j.key + 1, json_extract(j.value, '$.rank'), coalesce(json_extract(j.value, '$.top'), 0)
FROM `leaderboard_snapshots` s, json_each(s.`entries`) j;--> statement-breakpoint
UPDATE `leaderboard_snapshots` SET `ranked` = json_array_length(`entries`), `cursor` = json_array_length(`entries`);--> statement-breakpoint
ALTER TABLE `leaderboard_snapshots` DROP COLUMN `entries`;--> statement-breakpoint
CREATE INDEX `people_department_idx` ON `people` (`department_id`,`active`);