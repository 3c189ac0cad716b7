import type { CliCommand } from '../io';
import { planCommand } from './plan';
import { quoteCommand } from './quote';
import { screenCommand } from './screen';

// Every command of `exoclinic`, one file each. Add a command by adding its file and one line here.
export const COMMANDS: CliCommand[] = [planCommand, screenCommand, quoteCommand];
