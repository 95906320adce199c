CREATE TABLE `health_probe` (
	`id` integer PRIMARY KEY NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `job_leases` (
	`job` text PRIMARY KEY NOT NULL,
	`claimed_by` text NOT NULL,
	`claimed_until` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `deliveries` ADD `claimed_by` text;--> statement-breakpoint
ALTER TABLE `deliveries` ADD `claimed_until` text;--> statement-breakpoint
ALTER TABLE `deliveries` ADD `dead_at` text;--> statement-breakpoint
CREATE INDEX `deliveries_dead_idx` ON `deliveries` (`dead_at`);--> statement-breakpoint
ALTER TABLE `local_messages` ADD `delivery_id` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `local_messages_delivery_uq` ON `local_messages` (`delivery_id`);