CREATE TABLE `login_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_hash` text NOT NULL,
	`person_id` integer NOT NULL,
	`purpose` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`used_at` text,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `login_links_token_uq` ON `login_links` (`token_hash`);--> statement-breakpoint
CREATE INDEX `login_links_person_idx` ON `login_links` (`person_id`,`created_at`);--> statement-breakpoint
-- Hand-added: sessions reference accounts, which is rebuilt below (the PRAGMA has no effect inside the
-- migration's transaction); everyone signs in again after this upgrade.
DELETE FROM `sessions`;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_accounts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`password_hash` text,
	`role` text NOT NULL,
	`person_id` integer,
	`created_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_accounts`("id", "email", "password_hash", "role", "person_id", "created_at") SELECT "id", "email", "password_hash", "role", "person_id", "created_at" FROM `accounts`;--> statement-breakpoint
DROP TABLE `accounts`;--> statement-breakpoint
ALTER TABLE `__new_accounts` RENAME TO `accounts`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_email_uq` ON `accounts` (`email`);--> statement-breakpoint
ALTER TABLE `standup_answers` ADD `entered_by` text;--> statement-breakpoint
ALTER TABLE `local_messages` ADD `typed_by` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `created_at` text;--> statement-breakpoint
CREATE INDEX `sessions_account_idx` ON `sessions` (`account_id`);