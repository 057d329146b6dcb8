// Amplify subscriptions as awaitable event queues. `subscribe` resolves only once the server has
// acknowledged the subscription (start_ack → Amplify's 'Subscription ack' Hub event), so a mutation
// sent afterwards is guaranteed to be matched against it.
import { Hub } from 'aws-amplify/utils';
import { parse, print } from 'graphql';

export async function subscribe(client, query, variables = {}) {
  const events = [];
  const waiters = [];
  let failure;
  let resolveAck;
  let rejectAck;
  const acknowledged = new Promise((resolve, reject) => {
    resolveAck = resolve;
    rejectAck = reject;
  });
  const printed = print(parse(query)); // Amplify reports the query as it sent it: printed
  const stopListening = Hub.listen('api', ({ payload }) => {
    if (payload.event === 'Subscription ack' && payload.data?.query === printed
      && JSON.stringify(payload.data?.variables ?? {}) === JSON.stringify(variables)) {
      resolveAck();
    }
  });
  const subscription = client.graphql({ query, variables }).subscribe({
    next: ({ data }) => {
      const waiter = waiters.shift();
      if (waiter) waiter.resolve(data);
      else events.push(data);
    },
    error: (error) => {
      failure = error;
      rejectAck(new Error(`subscription failed: ${JSON.stringify(error?.errors ?? error)}`));
      for (const waiter of waiters.splice(0)) waiter.reject(error);
    },
  });
  try {
    await acknowledged;
  } finally {
    stopListening();
  }
  return {
    /** The next event, in arrival order. */
    next() {
      if (events.length) return Promise.resolve(events.shift());
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
    },
    /** Events that arrived and were not taken with next(). */
    pending: events,
    unsubscribe: () => subscription.unsubscribe(),
  };
}
