DROP INDEX `wecom_inbound_pending_idx`;--> statement-breakpoint
CREATE INDEX `wecom_inbound_pending_idx` ON `wecom_inbound` (`id`) WHERE processed_at is null;