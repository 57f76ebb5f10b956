import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../../../src/model/is-loopback-host.js';

describe('isLoopbackHost', () => {
  it.each([
    'http://127.0.0.1:11434',
    'http://localhost:11434',
    '127.0.0.1',
    'localhost:11434',
    'http://[::1]:11434',
    '0.0.0.0:11434',
    'http://127.1.2.3',
  ])('%s is loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each([
    'http://192.168.1.10:11434',
    'https://ollama.example.com',
    'gpu-box:11434',
    'http://127.0.0.1.evil.com',
    '::not a url',
  ])('%s is not', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});
