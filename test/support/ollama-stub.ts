import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';

/**
 * A small Ollama-compatible HTTP server for tests that spawn the built CLI (msw cannot reach into
 * another process). It answers `/api/tags`, `/api/version` and `/api/chat`; each chat request is
 * answered by `reply`, which returns the assistant's message content (for structured output, the
 * JSON text), a status code to fail with, or one of the faults a real Ollama shows.
 */
export interface ChatRequestBody {
  model: string;
  messages: Array<{ role: string; content: string }>;
  format?: unknown;
  options?: Record<string, unknown>;
  stream?: boolean;
}

/**
 * Faults, as a crashing, hanging or overloaded Ollama (or a proxy in front of it) shows them:
 * - `stop-mid-stream`: headers and half of the reply body, then the connection is closed.
 * - `never-end`: headers and half of the reply body, then nothing more, ever.
 * - `reset`: the connection is reset (TCP RST) before any byte of a reply.
 */
export type StubFault = 'stop-mid-stream' | 'never-end' | 'reset';

export type StubReply =
  /** `delayMs` holds the reply back before its first byte: a slow first token. */
  | { content: string; delayMs?: number }
  | { status: number; error: string }
  | { hang: true }
  | { fault: StubFault }
  /** A body sent as is with this status (default 200), e.g. a proxy's HTML page or broken JSON. */
  | { raw: string; status?: number };

export interface OllamaStub {
  url: string;
  requests: ChatRequestBody[];
  /** Resolves once `count` chat requests have arrived (their bodies are in `requests`). */
  waitForRequests: (count: number) => Promise<void>;
  close: () => Promise<void>;
}

const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/** Answers the chat requests in order with `replies`; the last one answers every request after it. */
export const replySequence =
  (...replies: StubReply[]): ((body: ChatRequestBody, index: number) => StubReply) =>
  (_body, index) => {
    const reply = replies[Math.min(index, replies.length - 1)];
    if (reply === undefined) throw new Error('replySequence needs at least one reply');
    return reply;
  };

const chatReplyBody = (body: ChatRequestBody, content: string): string => {
  const promptTokens = Math.ceil(body.messages.reduce((sum, message) => sum + message.content.length, 0) / 4);
  const done = {
    model: body.model,
    created_at: new Date(0).toISOString(),
    message: { role: 'assistant', content },
    done: true,
    done_reason: 'stop',
    prompt_eval_count: promptTokens,
    eval_count: Math.ceil(content.length / 4),
  };
  return `${JSON.stringify(done)}${body.stream ? '\n' : ''}`;
};

const contentType = (body: ChatRequestBody): string =>
  body.stream ? 'application/x-ndjson' : 'application/json';

const sendFault = (
  fault: StubFault,
  body: ChatRequestBody,
  request: IncomingMessage,
  response: ServerResponse,
) => {
  if (fault === 'reset') {
    request.socket.resetAndDestroy();
    return;
  }
  const full = Buffer.from(chatReplyBody(body, JSON.stringify({ summary: 'cut off here' })));
  response.writeHead(200, { 'content-type': contentType(body), 'content-length': String(full.length) });
  response.write(full.subarray(0, Math.floor(full.length / 2)));
  if (fault === 'stop-mid-stream') {
    // Let the half body leave before the socket goes, as when the Ollama runner crashes mid-reply.
    setTimeout(() => request.socket.destroy(), 50);
  }
};

export const startOllamaStub = async (options: {
  models: string[];
  reply: (body: ChatRequestBody, index: number) => StubReply;
}): Promise<OllamaStub> => {
  const requests: ChatRequestBody[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const timers = new Set<NodeJS.Timeout>();
  const notify = () => {
    for (const waiter of [...waiters]) {
      if (requests.length < waiter.count) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };
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
      notify();
      if (!options.models.some((name) => name === body.model || name === `${body.model}:latest`)) {
        send(404, { error: `model "${body.model}" not found, try pulling it first` });
        return;
      }
      const reply = options.reply(body, requests.length - 1);
      if ('hang' in reply) return;
      if ('fault' in reply) {
        sendFault(reply.fault, body, request, response);
        return;
      }
      if ('status' in reply && 'error' in reply) {
        send(reply.status, { error: reply.error });
        return;
      }
      if ('raw' in reply) {
        response.writeHead(reply.status ?? 200, { 'content-type': contentType(body) });
        response.end(reply.raw);
        return;
      }
      const answer = () => {
        response.writeHead(200, { 'content-type': contentType(body) });
        response.end(chatReplyBody(body, reply.content));
      };
      if (reply.delayMs === undefined) {
        answer();
        return;
      }
      const timer = setTimeout(() => {
        timers.delete(timer);
        answer();
      }, reply.delayMs);
      timers.add(timer);
      return;
    }
    send(404, { error: 'not found' });
  });
  await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    waitForRequests: (count) =>
      new Promise<void>((resolvePromise) => {
        waiters.push({ count, resolve: resolvePromise });
        notify();
      }),
    close: () =>
      new Promise<void>((resolvePromise) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolvePromise());
      }),
  };
};

/** The address of a port that was just free and is closed again: connecting to it is refused. */
export const closedPortUrl = async (): Promise<string> => {
  const server = createNetServer();
  await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
  return `http://127.0.0.1:${port}`;
};
