#!/bin/sh
# Nightly backup of the bot's tables (an App Service WebJob; schedule in settings.job, UTC).
# Runs with the web app's own settings: TABLES_ACCOUNT_URL (or TABLES_CONNECTION_STRING) and
# TABLE_PREFIX name the tables, BACKUP_CONTAINER_URL the blob container. See docs/deploy.md, Backups.
set -eu
cd /home/site/wwwroot
exec node dist/scripts/backup.js
