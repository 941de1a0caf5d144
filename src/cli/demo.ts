/** `pii-preflight demo [--port 3000] [--data ./data]`: the demo forum. */
import type { CliIO } from './index';

export async function runDemo(args: string[], io: CliIO): Promise<number> {
  let port = Number(io.env.PORT ?? 3000);
  let dataDir: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--port') port = Number(args[++i]);
    else if (a === '--data') dataDir = args[++i];
    else {
      io.stderr.write(`pii-preflight demo: unknown option ${String(a)}\n`);
      return 2;
    }
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.stderr.write('pii-preflight demo: --port must be a port number\n');
    return 2;
  }
  const { startDemo } = await import('../demo/forum');
  const forum = await startDemo({ port, dataDir, log: (l) => io.stdout.write(l + '\n') });
  io.stdout.write(`
  pii-preflight demo forum: ${forum.url}

  What to try:
  1. Sign in as Alice, open "New topic", and write a post with your phone number
     (e.g. a UK number such as 020 7946 0958) or an email address: the composer highlights it.
  2. Publish: you are asked to acknowledge that the post is public. Then open
     "My acknowledgements" to see the log record (masked, hash-chained).
  3. Write about someone else ("my neighbour lives at 1234 Elm St Apt 5, Springfield, IL 62704"):
     the post is held for review and shown to you as pending.
  4. Sign in as Morgan (moderator) and open ${forum.url}/moderation/ to approve, reject or redact.

  Data: ./data (forum.sqlite is the forum's own data; preflight.sqlite holds no raw personal data).
  Press Ctrl+C to stop.
`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await forum.close();
  return 0;
}
