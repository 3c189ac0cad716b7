import { readFile } from 'node:fs/promises';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { CliInputError, type CliIo } from './io';

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads `--input FILE|-` as JSON; any failure is bad input (exit 2) naming the cause. */
export async function readJsonInput(path: string | undefined, io: CliIo): Promise<unknown> {
  if (!path) throw new CliInputError('missing --input FILE (or --input - to read standard input)');
  let text: string;
  try {
    text = path === '-' ? await readStream(io.stdin) : await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliInputError(`cannot read input '${path}'${code ? ` (${code})` : ''}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliInputError(`input is not valid JSON: ${(error as Error).message}`);
  }
}

/** `node:util` parseArgs with its errors turned into exit-2 input errors. */
export function parseOptions<const O extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: O,
) {
  try {
    return parseArgs({ args, options, allowPositionals: false, strict: true });
  } catch (error) {
    throw new CliInputError((error as Error).message);
  }
}
