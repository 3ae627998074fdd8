// `npm run restore -- <file> [--force]`: a backup into an empty deployment (see docs/deploy.md, Backups).
import 'dotenv/config';
import { restoreCommand, runCommand } from '../src/app/backupCommand';

runCommand(restoreCommand);
