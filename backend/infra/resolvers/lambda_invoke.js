// APPSYNC_JS unit resolver for every field the runtime Lambda resolves: invokes it with the AppSync
// context and turns the runtime's error envelope {"error": {"type", "message"}} into a GraphQL error with
// its own errorType. (A thrown Lambda error always surfaces as `Lambda:Unhandled`; only util.error sets a
// custom type.) Batched fields (Post.author, ...) get this code with the BatchInvoke operation: AppSync then
// groups up to maxBatchSize sources into one invocation and applies response() to each item of the result.
import { util } from '@aws-appsync/utils';

const OPERATION = 'Invoke';

export function request(ctx) {
  return {
    operation: OPERATION,
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
