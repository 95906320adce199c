CREATE TABLE `wecom_card_updates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` text NOT NULL,
	`userid` text NOT NULL,
	`person_id` integer,
	`response_code` text NOT NULL,
	`action_id` text,
	`action_value` text,
	`status` text NOT NULL,
	`label` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`last_error` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `wecom_card_updates_card_user_uq` ON `wecom_card_updates` (`task_id`,`userid`);--> statement-breakpoint
CREATE INDEX `wecom_card_updates_due_idx` ON `wecom_card_updates` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `wecom_card_updates_person_idx` ON `wecom_card_updates` (`person_id`,`status`);--> statement-breakpoint
CREATE TABLE `wecom_cards` (
	`task_id` text PRIMARY KEY NOT NULL,
	`buttons` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `wecom_inbound` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dedupe_key` text NOT NULL,
	`xml` text NOT NULL,
	`received_at` text NOT NULL,
	`processed_at` text,
	`outcome` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `wecom_inbound_key_uq` ON `wecom_inbound` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `wecom_inbound_pending_idx` ON `wecom_inbound` (`processed_at`,`id`);--> statement-breakpoint
CREATE TABLE `wecom_invalid_recipients` (
	`person_id` integer PRIMARY KEY NOT NULL,
	`userid` text NOT NULL,
	`reported_at` text NOT NULL,
	`delivery_id` integer,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `standup_requests` ADD `excused_at` text;