import { COMMANDS } from './commands/index';
import { CliInputError, type CliIo, EXIT_BAD_INPUT, EXIT_FAILURE } from './io';

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length), 8);
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Usage: exoclinic <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun 'exoclinic <command> --help' for a command's options.\n`;
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage());
    return name ? 0 : EXIT_BAD_INPUT;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`exoclinic: unknown command '${name}'\n\n${usage()}`);
    return EXIT_BAD_INPUT;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliInputError) {
      io.stderr.write(`exoclinic ${name}: ${error.message}\n`);
      for (const p of error.problems) io.stderr.write(`  - ${p.path}: ${p.message}\n`);
      return EXIT_BAD_INPUT;
    }
    // No stack traces to users; the message is enough to act on, EXOCLINIC_DEBUG shows more.
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`exoclinic ${name}: failed: ${message}\n`);
    if (io.env.EXOCLINIC_DEBUG && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return EXIT_FAILURE;
  }
}
