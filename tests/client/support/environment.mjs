// Test environment for the real Amplify v6 client against the sandbox. Import this module FIRST:
// it installs the WebSocket global (Node 20 has none) before Amplify's modules load, records every
// console.warn, and makes fetch refuse anything that is not on this machine (no test may reach AWS).
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';

globalThis.WebSocket = WebSocket;

export const warnings = [];
const originalWarn = console.warn.bind(console);
console.warn = (...args) => {
  warnings.push(args.map(String).join(' '));
  originalWarn(...args);
};

// Every HTTP exchange Amplify makes (it calls the global fetch at call time), for assertions on the
// wire protocol (e.g. which Cognito operation a refresh used).
export const exchanges = [];
const originalFetch = globalThis.fetch;
globalThis.fetch = async (input, init = {}) => {
  const request = new Request(input, init);
  const url = new URL(request.url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    throw new Error(`test refused a request to a non-local host: ${request.url}`);
  }
  const response = await originalFetch(input, init);
  exchanges.push({
    url: request.url,
    target: request.headers.get('x-amz-target'),
    requestBody: typeof init.body === 'string' ? init.body : undefined,
    status: response.status,
    responseBody: await response.clone().text(),
  });
  return response;
};

function loadOutputs() {
  const path = process.env.AMPLIFY_OUTPUTS;
  if (!path) {
    throw new Error('AMPLIFY_OUTPUTS is not set: run these tests through `python -m sandbox.run -- npm run test:client`');
  }
  const outputs = JSON.parse(readFileSync(path, 'utf8'));
  const sandbox = outputs.custom?.sandbox;
  if (!sandbox?.cognito_idp_endpoint) {
    throw new Error(`${path} has no custom.sandbox.cognito_idp_endpoint: not a sandbox's amplify_outputs.json`);
  }
  return outputs;
}

export const outputs = loadOutputs();
export const sandbox = outputs.custom.sandbox;

// Amplify's own warning when an endpoint override is configured; the only warning a local setup may cause.
export const LOCAL_ENDPOINT_WARNING = /You are using a custom Amazon Amazon Cognito (User|Identity) Pool endpoint/;

export function unexpectedWarnings() {
  return warnings.filter((warning) => !LOCAL_ENDPOINT_WARNING.test(warning));
}

export function uniqueEmail(label) {
  return `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

// Satisfies the configured password policy (12+ chars, upper, lower, digit, symbol).
export const PASSWORD = 'Sandbox-Passw0rd!';
