DROP INDEX `deliveries_due_idx`;--> statement-breakpoint
DROP INDEX `deliveries_dead_idx`;--> statement-breakpoint
CREATE INDEX `deliveries_wecom_sent_idx` ON `deliveries` (`sent_at`) WHERE platform = 'wecom' and status = 'sent';--> statement-breakpoint
CREATE INDEX `deliveries_due_idx` ON `deliveries` (`platform`,`next_attempt_at`) WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX `deliveries_dead_idx` ON `deliveries` (`dead_at`) WHERE dead_at is not null;--> statement-breakpoint
DROP INDEX `local_messages_channel_idx`;--> statement-breakpoint
CREATE INDEX `local_messages_channel_idx` ON `local_messages` (`channel`,`id`) WHERE channel is not null;