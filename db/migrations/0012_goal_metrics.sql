ALTER TABLE `check_ins` ADD `auto` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `check_ins` ADD `source` text;--> statement-breakpoint
ALTER TABLE `goals` ADD `metric_key` text REFERENCES metric_definitions(key);--> statement-breakpoint
CREATE INDEX `goals_metric_idx` ON `goals` (`metric_key`,`owner_id`);