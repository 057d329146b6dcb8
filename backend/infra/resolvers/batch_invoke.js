// APPSYNC_JS unit resolver for batched fields (Post.author, Comment.author): AppSync groups up to
// maxBatchSize sources into one BatchInvoke; the runtime answers with one item per source, each either
// a value or the error envelope {"error": {"type", "message"}}, which becomes a GraphQL error here.
import { util } from '@aws-appsync/utils';

export function request(ctx) {
  return {
    operation: 'BatchInvoke',
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
