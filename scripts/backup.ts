// `npm run backup [-- --out <folder>]`: every table of the deployment to a dated gzip file and its manifest.
import 'dotenv/config';
import { backupCommand, runCommand } from '../src/app/backupCommand';

runCommand(backupCommand);
