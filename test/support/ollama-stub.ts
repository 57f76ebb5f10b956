import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small Ollama-compatible HTTP server for tests that spawn the built CLI (msw cannot reach into
 * another process). It answers `/api/tags`, `/api/version` and `/api/chat`; each chat request is
 * answered by `reply`, which returns the assistant's message content (for structured output, the
 * JSON text) or a status code to fail with.
 */
export interface ChatRequestBody {
  model: string;
  messages: Array<{ role: string; content: string }>;
  format?: unknown;
  options?: Record<string, unknown>;
  stream?: boolean;
}

export type StubReply = { content: string } | { status: number; error: string } | { hang: true };

export interface OllamaStub {
  url: string;
  requests: ChatRequestBody[];
  close: () => Promise<void>;
}

const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

export const startOllamaStub = async (options: {
  models: string[];
  reply: (body: ChatRequestBody, index: number) => StubReply;
}): Promise<OllamaStub> => {
  const requests: ChatRequestBody[] = [];
  const server: Server = createServer(async (request, response) => {
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.url === '/api/tags') {
      send(200, { models: options.models.map((name) => ({ name, model: name, size: 1, digest: 'stub' })) });
      return;
    }
    if (request.url === '/api/version') {
      send(200, { version: '0.6.0-stub' });
      return;
    }
    if (request.url === '/api/chat' && request.method === 'POST') {
      const body = JSON.parse(await readBody(request)) as ChatRequestBody;
      requests.push(body);
      if (!options.models.some((name) => name === body.model || name === `${body.model}:latest`)) {
        send(404, { error: `model "${body.model}" not found, try pulling it first` });
        return;
      }
      const reply = options.reply(body, requests.length - 1);
      if ('hang' in reply) return;
      if ('status' in reply) {
        send(reply.status, { error: reply.error });
        return;
      }
      const promptTokens = Math.ceil(
        body.messages.reduce((sum, message) => sum + message.content.length, 0) / 4,
      );
      const done = {
        model: body.model,
        created_at: new Date(0).toISOString(),
        message: { role: 'assistant', content: reply.content },
        done: true,
        done_reason: 'stop',
        prompt_eval_count: promptTokens,
        eval_count: Math.ceil(reply.content.length / 4),
      };
      if (body.stream) {
        response.writeHead(200, { 'content-type': 'application/x-ndjson' });
        response.end(`${JSON.stringify(done)}\n`);
        return;
      }
      send(200, done);
      return;
    }
    send(404, { error: 'not found' });
  });
  await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolvePromise) => {
        server.closeAllConnections();
        server.close(() => resolvePromise());
      }),
  };
};
