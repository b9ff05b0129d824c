import { createServer } from 'node:http';

/** A fixed-latency OpenAI-compatible upstream for the benchmark, in its own process. Prints `listening <port>`. */
const latencyMs = Number(process.env.MOCK_LATENCY_MS ?? '20');
const answer = JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-4o-mini',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: 'Hello from the benchmark upstream.' },
      finish_reason: 'stop',
    },
  ],
  usage: { prompt_tokens: 12, completion_tokens: 8, total_tokens: 20 },
});
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    setTimeout(() => {
      if (req.url?.endsWith('/models')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            object: 'list',
            data: [{ id: 'gpt-4o-mini', object: 'model', created: 0, owned_by: 'bench' }],
          }),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(answer);
    }, latencyMs);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address !== null ? address.port : 0}\n`);
});
