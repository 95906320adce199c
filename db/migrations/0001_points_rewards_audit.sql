CREATE TABLE `leaderboard_snapshots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`month` text NOT NULL,
	`taken_at` text NOT NULL,
	`population` integer NOT NULL,
	`cutoff_score` integer,
	`entries` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `leaderboard_snapshots_month_uq` ON `leaderboard_snapshots` (`month`);--> statement-breakpoint
CREATE TABLE `redemptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`reward_id` integer NOT NULL,
	`cost` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`requested_at` text NOT NULL,
	`decided_at` text,
	`decided_by` text,
	`decision_note` text,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reward_id`) REFERENCES `rewards`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `redemptions_status_idx` ON `redemptions` (`status`,`requested_at`);--> statement-breakpoint
CREATE INDEX `redemptions_person_idx` ON `redemptions` (`person_id`);--> statement-breakpoint
CREATE TABLE `rewards` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`cost` integer NOT NULL,
	`kind` text NOT NULL,
	`hours` integer,
	`stock` integer,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`before` text,
	`after` text,
	`reason` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
-- rows written before kinds existed were all on-time standups
ALTER TABLE `points_ledger` ADD `kind` text DEFAULT 'standup' NOT NULL;--> statement-breakpoint
ALTER TABLE `points_ledger` ADD `actor` text DEFAULT 'system' NOT NULL;--> statement-breakpoint
ALTER TABLE `points_ledger` ADD `score_month` text;--> statement-breakpoint
CREATE INDEX `points_month_idx` ON `points_ledger` (`score_month`,`person_id`,`amount`);--> statement-breakpoint
UPDATE `points_ledger` SET `score_month` = substr(`created_at`, 1, 7) WHERE `score_month` IS NULL;--> statement-breakpoint
-- The ledger and the audit trail are append-only: corrections are new rows, never edits.
CREATE TRIGGER `points_ledger_no_update` BEFORE UPDATE ON `points_ledger` BEGIN SELECT RAISE(ABORT, 'points_ledger is append-only'); END;--> statement-breakpoint
CREATE TRIGGER `points_ledger_no_delete` BEFORE DELETE ON `points_ledger` BEGIN SELECT RAISE(ABORT, 'points_ledger is append-only'); END;--> statement-breakpoint
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log` BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log` BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
