ALTER TABLE `reviews` ADD `self_prompted_at` text;--> statement-breakpoint
ALTER TABLE `reviews` ADD `self_remind_at` text;--> statement-breakpoint
ALTER TABLE `reviews` ADD `self_reminded_at` text;--> statement-breakpoint
ALTER TABLE `reviews` ADD `manager_told_at` text;--> statement-breakpoint
CREATE INDEX `reviews_self_due_idx` ON `reviews` (`status`,`self_prompted_at`,`self_opens_at`);