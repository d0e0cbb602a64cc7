-- People who signed in, identified by their GitHub account id (logins can be renamed).
CREATE TABLE users (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  github_id BIGINT UNSIGNED NOT NULL,
  -- GitHub logins are at most 39 characters.
  login VARCHAR(39) NOT NULL,
  email VARCHAR(254) NULL,
  created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  UNIQUE KEY users_github_id (github_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One GitHub token per user, sealed with AES-256-GCM; key_id names the key that sealed it.
CREATE TABLE github_tokens (
  user_id BIGINT UNSIGNED NOT NULL,
  key_id CHAR(16) CHARACTER SET ascii NOT NULL,
  nonce BINARY(12) NOT NULL,
  ciphertext VARBINARY(1024) NOT NULL,
  auth_tag BINARY(16) NOT NULL,
  updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (user_id),
  KEY github_tokens_key_id (key_id),
  CONSTRAINT github_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
