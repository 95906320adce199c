CREATE TABLE `integration_connectors` (
	`key` text PRIMARY KEY NOT NULL,
	`enabled` integer DEFAULT false NOT NULL,
	`schedule` text DEFAULT '' NOT NULL,
	`settings` text NOT NULL,
	`secrets` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `integration_events` (
	`connector` text NOT NULL,
	`event_key` text NOT NULL,
	`received_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `integration_events_uq` ON `integration_events` (`connector`,`event_key`);--> statement-breakpoint
CREATE TABLE `integration_files` (
	`sha256` text PRIMARY KEY NOT NULL,
	`connector` text NOT NULL,
	`name` text NOT NULL,
	`run_id` integer,
	`imported_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `integration_quarantine` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`connector` text NOT NULL,
	`run_id` integer,
	`ref` text NOT NULL,
	`reason` text NOT NULL,
	`record` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `integration_quarantine_connector_idx` ON `integration_quarantine` (`connector`,`id`);--> statement-breakpoint
CREATE INDEX `integration_quarantine_ref_idx` ON `integration_quarantine` (`connector`,`ref`);--> statement-breakpoint
CREATE TABLE `integration_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`connector` text NOT NULL,
	`ref` text NOT NULL,
	`person_id` integer,
	`source_updated` text NOT NULL,
	`data` text NOT NULL,
	`raw` text,
	`fetched_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `integration_records_uq` ON `integration_records` (`connector`,`ref`);--> statement-breakpoint
CREATE INDEX `integration_records_person_idx` ON `integration_records` (`connector`,`person_id`);--> statement-breakpoint
CREATE TABLE `integration_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`connector` text NOT NULL,
	`trigger` text NOT NULL,
	`status` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`rows_read` integer DEFAULT 0 NOT NULL,
	`rows_written` integer DEFAULT 0 NOT NULL,
	`quarantined` integer DEFAULT 0 NOT NULL,
	`error` text,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `integration_runs_connector_idx` ON `integration_runs` (`connector`,`id`);--> statement-breakpoint
CREATE TABLE `integration_user_map` (
	`connector` text NOT NULL,
	`external_id` text NOT NULL,
	`person_id` integer NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `integration_user_map_uq` ON `integration_user_map` (`connector`,`external_id`);--> statement-breakpoint
ALTER TABLE `metric_values` ADD `fetched_at` text;