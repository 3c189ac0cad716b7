import type { CliCommand } from '../io';
import { backupCommand } from './backup';
import { demoCommand } from './demo';
import { initCommand } from './init';
import { migrateCommand } from './migrate';
import { planCommand } from './plan';
import { quoteCommand } from './quote';
import { restoreCommand } from './restore';
import { screenCommand } from './screen';
import { serveCommand } from './serve';

// Every command of `exoclinic`, one file each. Add a command by adding its file and one line here.
export const COMMANDS: CliCommand[] = [
  planCommand,
  screenCommand,
  quoteCommand,
  serveCommand,
  initCommand,
  migrateCommand,
  backupCommand,
  restoreCommand,
  demoCommand,
];
