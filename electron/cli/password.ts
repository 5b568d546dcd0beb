/**
 * The password for `init`: from SENCO_PASSWORD, or standard input. Never from a command-line argument, which
 * any user on the machine can read in the process list. On a terminal it is typed without echo, twice; from a
 * pipe the first line is taken as it is.
 */
import { CliError, EXIT, type CliIo, type CliStdin } from './io';

export async function readPassword(io: CliIo, prompt: string): Promise<string> {
  const fromEnv = io.env.SENCO_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (io.stdin.isTTY && typeof io.stdin.setRawMode === 'function') {
    const first = await readHidden(io.stdin, io.stderr, `${prompt}: `);
    const again = await readHidden(io.stdin, io.stderr, 'Type it again to confirm: ');
    if (first !== again) throw new CliError('The two passwords were not the same: nothing was changed.', EXIT.usage);
    return first;
  }
  const line = await readLine(io.stdin);
  if (line === null || line === '') {
    throw new CliError(
      'No password given: set SENCO_PASSWORD, or pass the password on standard input (one line).',
      EXIT.usage,
      'no_password',
    );
  }
  return line;
}

/** The first line of a stream (without its line ending), or null if the stream ends empty. */
export function readLine(stream: CliStdin): Promise<string | null> {
  return new Promise((resolve, reject) => {
    let buf = '';
    const finish = (value: string | null) => {
      stream.removeListener('data', onData);
      stream.removeListener('end', onEnd);
      stream.removeListener('error', onError);
      stream.pause();
      resolve(value === null ? null : value.replace(/\r$/, ''));
    };
    const onData = (chunk: string | Buffer) => {
      buf += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      const nl = buf.indexOf('\n');
      if (nl >= 0) finish(buf.slice(0, nl));
    };
    const onEnd = () => finish(buf.length ? buf : null);
    const onError = (err: Error) => reject(new CliError(`Could not read standard input: ${err.message}`, EXIT.usage));
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.resume();
  });
}

/** Reads one line from a terminal in raw mode, echoing nothing; Ctrl+C cancels. */
export function readHidden(stdin: CliStdin, write: (t: string) => void, prompt: string): Promise<string> {
  write(prompt);
  return new Promise((resolve, reject) => {
    let value = '';
    stdin.setRawMode?.(true);
    const done = (err: CliError | null) => {
      stdin.removeListener('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: string | Buffer) => {
      for (const ch of typeof chunk === 'string' ? chunk : chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done(null);
        if (ch === '\u0003') return done(new CliError('Cancelled: nothing was changed.', 130, 'cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
    stdin.resume();
  });
}
