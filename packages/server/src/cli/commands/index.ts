import type { CliCommand } from '../io';

// Every command of `exoclinic`, one file each. Add a command by adding its file and one line here.
export const COMMANDS: CliCommand[] = [];
