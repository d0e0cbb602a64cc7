-- The last notification list fetched from GitHub per user and filter, with what conditional
-- requests need: GitHub's Last-Modified and the poll interval it asked for.
CREATE TABLE notification_lists (
  user_id BIGINT UNSIGNED NOT NULL,
  -- Which filter the list answers: unread, all, unread+participating or all+participating.
  list_key VARCHAR(32) CHARACTER SET ascii NOT NULL,
  notifications MEDIUMTEXT NOT NULL,
  last_modified VARCHAR(64) CHARACTER SET ascii NULL,
  poll_interval_seconds INT UNSIGNED NOT NULL,
  fetched_at DATETIME(3) NOT NULL,
  PRIMARY KEY (user_id, list_key),
  CONSTRAINT notification_lists_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
