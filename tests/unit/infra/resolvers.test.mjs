// Loads the APPSYNC_JS resolver files with a fake `@aws-appsync/utils` (util.error throws like AppSync's)
// and checks the request payload and the error-envelope handling of both shared resolvers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const resolverDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'backend', 'infra', 'resolvers');

class AppSyncError extends Error {
  constructor(message, type) { super(message); this.type = type; }
}

async function load(name) {
  const dir = mkdtempSync(join(tmpdir(), 'resolvers-'));
  const fake = join(dir, 'node_modules', '@aws-appsync', 'utils');
  mkdirSync(fake, { recursive: true });
  writeFileSync(join(fake, 'package.json'), JSON.stringify({ name: '@aws-appsync/utils', type: 'module', exports: './index.js' }));
  writeFileSync(join(fake, 'index.js'), `
    export class AppSyncError extends Error { constructor(m, t) { super(m); this.type = t; } }
    export const util = { error(message, type) { throw new AppSyncError(message, type); } };`);
  copyFileSync(join(resolverDir, name), join(dir, name.replace(/\.js$/, '.mjs')));
  return import(pathToFileURL(join(dir, name.replace(/\.js$/, '.mjs'))).href);
}

const ctx = {
  arguments: { id: 'p1' }, identity: { sub: 'u1', claims: {} }, source: { authorId: 'u2' },
  info: { fieldName: 'author', parentTypeName: 'Post' }, prev: null, stash: { a: 1 }, request: { headers: { h: 'v' } },
};

for (const [file, operation] of [['lambda_invoke.js', 'Invoke']]) {
  test(`${file}: request passes the whole context as payload`, async () => {
    const { request } = await load(file);
    assert.deepEqual(request(ctx), {
      operation,
      payload: { arguments: ctx.arguments, identity: ctx.identity, source: ctx.source, info: ctx.info, prev: null, stash: ctx.stash, request: ctx.request },
    });
  });

  test(`${file}: response returns plain results unchanged`, async () => {
    const { response } = await load(file);
    assert.deepEqual(response({ result: { id: 'u2', username: 'bob' } }), { id: 'u2', username: 'bob' });
    assert.deepEqual(response({ result: [1, 2] }), [1, 2]);
    assert.equal(response({ result: null }), null);
    assert.equal(response({ result: false }), false);
  });

  test(`${file}: response turns the error envelope into util.error(message, type)`, async () => {
    const { response } = await load(file);
    assert.throws(() => response({ result: { error: { type: 'NotFound', message: 'post not found' } } }),
      (e) => e.message === 'post not found' && e.type === 'NotFound');
  });

  test(`${file}: response surfaces ctx.error with its own type`, async () => {
    const { response } = await load(file);
    assert.throws(() => response({ error: { message: 'boom', type: 'Lambda:Unhandled' }, result: null }),
      (e) => e.message === 'boom' && e.type === 'Lambda:Unhandled');
  });
}
