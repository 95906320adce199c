CREATE TABLE `departments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`path` text NOT NULL,
	`name` text NOT NULL,
	`parent_id` integer,
	`leader_id` integer,
	FOREIGN KEY (`parent_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `departments_path_uq` ON `departments` (`path`);--> statement-breakpoint
CREATE TABLE `holidays` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`date` text NOT NULL,
	`name` text NOT NULL,
	`kind` text DEFAULT 'off' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `holidays_date_uq` ON `holidays` (`date`);--> statement-breakpoint
CREATE TABLE `identities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`platform` text NOT NULL,
	`external_id` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `identities_platform_ext_uq` ON `identities` (`platform`,`external_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `identities_person_platform_uq` ON `identities` (`person_id`,`platform`);--> statement-breakpoint
CREATE TABLE `leaves` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`reason` text,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `leaves_person_dates_idx` ON `leaves` (`person_id`,`start_date`,`end_date`);--> statement-breakpoint
CREATE TABLE `people` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`employee_no` text NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`department_id` integer,
	`manager_id` integer,
	`job_function` text DEFAULT 'general' NOT NULL,
	`timezone` text NOT NULL,
	`locale` text NOT NULL,
	`role` text DEFAULT 'employee' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`manager_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `people_email_uq` ON `people` (`email`);--> statement-breakpoint
CREATE INDEX `people_manager_idx` ON `people` (`manager_id`);--> statement-breakpoint
CREATE INDEX `people_active_tz_idx` ON `people` (`active`,`timezone`);--> statement-breakpoint
CREATE TABLE `standup_answers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`question_index` integer NOT NULL,
	`answer` text,
	`skipped` integer DEFAULT false NOT NULL,
	`late` integer DEFAULT false NOT NULL,
	`answered_at` text NOT NULL,
	`edited_at` text,
	FOREIGN KEY (`request_id`) REFERENCES `standup_requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `standup_answers_request_q_uq` ON `standup_answers` (`request_id`,`question_index`);--> statement-breakpoint
CREATE TABLE `standup_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`due_date` text NOT NULL,
	`remind_at` text NOT NULL,
	`prompted_at` text NOT NULL,
	`reminded_at` text,
	`completed_at` text,
	`late` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `standup_rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `standup_requests_round_person_uq` ON `standup_requests` (`round_id`,`person_id`);--> statement-breakpoint
CREATE INDEX `standup_requests_remind_idx` ON `standup_requests` (`completed_at`,`reminded_at`,`remind_at`);--> statement-breakpoint
CREATE INDEX `standup_requests_person_idx` ON `standup_requests` (`person_id`);--> statement-breakpoint
CREATE TABLE `standup_rounds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`period_key` text NOT NULL,
	`questions` text NOT NULL,
	`opened_at` text NOT NULL,
	`closes_at` text NOT NULL,
	`closed_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `standup_rounds_period_uq` ON `standup_rounds` (`period_key`);--> statement-breakpoint
CREATE INDEX `standup_rounds_open_idx` ON `standup_rounds` (`closed_at`,`closes_at`);--> statement-breakpoint
CREATE TABLE `conversations` (
	`person_id` integer PRIMARY KEY NOT NULL,
	`flow` text NOT NULL,
	`step` integer NOT NULL,
	`subject_id` integer NOT NULL,
	`expires_at` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dedupe_key` text NOT NULL,
	`platform` text NOT NULL,
	`person_id` integer,
	`channel` text,
	`payload` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`last_error` text,
	`external_ref` text,
	`created_at` text NOT NULL,
	`sent_at` text,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_dedupe_uq` ON `deliveries` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `deliveries_due_idx` ON `deliveries` (`status`,`platform`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `inbound_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`event_key` text NOT NULL,
	`received_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inbound_events_key_uq` ON `inbound_events` (`platform`,`event_key`);--> statement-breakpoint
CREATE TABLE `job_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`job` text NOT NULL,
	`trigger` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`result` text,
	`error` text
);
--> statement-breakpoint
CREATE INDEX `job_runs_job_idx` ON `job_runs` (`job`,`started_at`);--> statement-breakpoint
CREATE TABLE `local_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer,
	`channel` text,
	`sender` text NOT NULL,
	`body` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `local_messages_person_idx` ON `local_messages` (`person_id`,`id`);--> statement-breakpoint
CREATE INDEX `local_messages_channel_idx` ON `local_messages` (`channel`,`id`);--> statement-breakpoint
CREATE TABLE `points_ledger` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`amount` integer NOT NULL,
	`reason` text NOT NULL,
	`source_key` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `points_source_uq` ON `points_ledger` (`source_key`);--> statement-breakpoint
CREATE INDEX `points_person_idx` ON `points_ledger` (`person_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `accounts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`person_id` integer,
	`created_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_email_uq` ON `accounts` (`email`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_hash` text NOT NULL,
	`account_id` integer NOT NULL,
	`csrf_token` text NOT NULL,
	`expires_at` text NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sessions_token_uq` ON `sessions` (`token_hash`);--> statement-breakpoint
CREATE INDEX `sessions_expiry_idx` ON `sessions` (`expires_at`);