// APPSYNC_JS unit resolver for every non-batched field: invokes the runtime Lambda with the
// AppSync context and turns the runtime's error envelope into a GraphQL error with its own errorType.
// (A thrown Lambda error always surfaces as `Lambda:Unhandled`; only util.error sets a custom type.)
import { util } from '@aws-appsync/utils';

export function request(ctx) {
  return {
    operation: 'Invoke',
    payload: {
      arguments: ctx.arguments,
      identity: ctx.identity,
      source: ctx.source,
      info: ctx.info,
      prev: ctx.prev,
      stash: ctx.stash,
      request: ctx.request,
    },
  };
}

export function response(ctx) {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
  const result = ctx.result;
  if (result !== null && typeof result === 'object' && !Array.isArray(result) && result.error) {
    util.error(result.error.message, result.error.type);
  }
  return result;
}
