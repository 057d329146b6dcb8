// The sandbox's API explorer: GraphiQL (React 18 and GraphiQL 3 UMD globals), a Cognito sign-in and a
// fetcher that speaks AppSync: queries and mutations over HTTP, subscriptions over the realtime endpoint
// (the protocol is described in docs/appsync-realtime.md).
(function () {
  'use strict';

  const config = JSON.parse(document.getElementById('explorer-config').textContent);
  const form = document.getElementById('sign-in');
  const statusLine = document.getElementById('auth-status');
  const signOutButton = document.getElementById('sign-out-button');
  const root = ReactDOM.createRoot(document.getElementById('graphiql'));
  let token = null;

  function showStatus(text, isError) {
    statusLine.textContent = text;
    statusLine.classList.toggle('error', Boolean(isError));
  }

  // Cognito's InitiateAuth with USER_PASSWORD_AUTH, through the sandbox's Cognito front:
  // https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html
  async function signIn(email, password) {
    const response = await fetch(config.cognitoUrl, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth',
      },
      body: JSON.stringify({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: config.clientId,
        AuthParameters: { USERNAME: email, PASSWORD: password },
      }),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new Error(body.message || body.__type || `HTTP ${response.status}`);
    }
    if (!body.AuthenticationResult) {
      throw new Error(`Cognito asks for the challenge ${body.ChallengeName}, which the explorer cannot answer`);
    }
    // The access token, as Amplify v6 sends it; AppSync takes a user pool's access or id token:
    // https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html
    return body.AuthenticationResult.AccessToken;
  }

  function base64url(text) {
    const bytes = new TextEncoder().encode(text);
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  // The type of the operation to run, from the query text (GraphiQL's parsed document can lag behind the
  // editor). Scans top-level tokens: `query|mutation|subscription|fragment [Name]`, or `{` (a query).
  function operationType(query, operationName) {
    const source = query.replace(/"""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*"|#[^\n]*/g, ' ');
    const operations = [];
    let depth = 0;
    let current = null;
    for (const [token] of source.matchAll(/[{}()]|[_A-Za-z][_0-9A-Za-z]*/g)) {
      if (token === '{' || token === '(') {
        if (depth === 0 && token === '{') {
          if (!current) operations.push({ type: 'query', name: null });
          current = null;
        }
        depth += 1;
      } else if (token === '}' || token === ')') {
        depth = Math.max(0, depth - 1);
      } else if (depth === 0) {
        if (!current) operations.push((current = { type: token, name: null }));
        else if (current.name === null) current.name = token;
      }
    }
    const operation = operations.find(
      (o) => o.type !== 'fragment' && (!operationName || o.name === operationName),
    );
    return operation ? operation.type : 'query';
  }

  // One realtime connection per subscription, as an async iterator GraphiQL reads results from; GraphiQL calls
  // return() when the user stops it.
  function subscribe(params, authorization) {
    const auth = { Authorization: authorization, host: new URL(config.graphqlUrl).host };
    const id = crypto.randomUUID();
    const queue = [];
    let waiting = null;
    let done = false;
    const push = (value) => {
      if (done) return;
      if (waiting) {
        const resolve = waiting;
        waiting = null;
        resolve({ value, done: false });
      } else {
        queue.push(value);
      }
    };
    const finish = () => {
      if (done) return;
      done = true;
      if (waiting) {
        const resolve = waiting;
        waiting = null;
        resolve({ value: undefined, done: true });
      }
    };
    const ws = new WebSocket(config.realtimeUrl, ['graphql-ws', 'header-' + base64url(JSON.stringify(auth))]);
    ws.onopen = () => ws.send(JSON.stringify({ type: 'connection_init' }));
    ws.onmessage = (event) => {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch {
        return;
      }
      if (message.type === 'connection_ack') {
        const data = JSON.stringify({
          query: params.query,
          variables: params.variables || {},
          operationName: params.operationName || undefined,
        });
        ws.send(JSON.stringify({ id, type: 'start', payload: { data, extensions: { authorization: auth } } }));
      } else if (message.type === 'start_ack') {
        push({ data: null, extensions: { sandbox: 'subscribed: waiting for events' } });
      } else if (message.type === 'data') {
        push(message.payload);
      } else if (message.type === 'error' || message.type === 'connection_error') {
        const errors = message.payload && message.payload.errors;
        push({ errors: Array.isArray(errors) ? errors : [{ message: JSON.stringify(message) }] });
        finish();
        ws.close(1000);
      } else if (message.type === 'complete') {
        finish();
        ws.close(1000);
      }
    };
    ws.onclose = (event) => {
      if (event.code !== 1000) push({ errors: [{ message: `The realtime connection closed (${event.code})` }] });
      finish();
    };
    return {
      [Symbol.asyncIterator]() {
        return this;
      },
      next() {
        if (queue.length) return Promise.resolve({ value: queue.shift(), done: false });
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => {
          waiting = resolve;
        });
      },
      return() {
        if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ id, type: 'stop' }));
        finish();
        ws.close(1000);
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }

  function makeFetcher(currentToken) {
    return async (params, opts) => {
      // Headers typed into GraphiQL's header editor win over the signed-in token.
      const headers = Object.assign({}, currentToken ? { Authorization: currentToken } : {}, (opts && opts.headers) || {});
      if (operationType(params.query || '', params.operationName) === 'subscription') {
        return subscribe(params, headers.Authorization || headers.authorization || '');
      }
      const response = await fetch(config.graphqlUrl, {
        method: 'POST',
        headers: Object.assign({ 'Content-Type': 'application/json' }, headers),
        body: JSON.stringify(params),
      });
      return response.json();
    };
  }

  function render() {
    // A new fetcher makes GraphiQL introspect again, so the schema appears once the user has signed in.
    root.render(
      React.createElement(GraphiQL, {
        fetcher: makeFetcher(token),
        defaultQuery: '# Sign in above, then run an operation, e.g.\nquery {\n  me {\n    id\n    username\n  }\n}\n',
        shouldPersistHeaders: false,
      }),
    );
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const email = form.elements.email.value;
    showStatus('Signing in…', false);
    try {
      token = await signIn(email, form.elements.password.value);
      form.elements.password.value = '';
      signOutButton.hidden = false;
      showStatus(`Signed in as ${email}`, false);
      render();
    } catch (error) {
      showStatus(`Sign-in failed: ${error.message}`, true);
    }
  });

  signOutButton.addEventListener('click', () => {
    token = null;
    signOutButton.hidden = true;
    showStatus('Not signed in: sign in to load the schema and run operations.', false);
    render();
  });

  if (!config.clientId) showStatus('This sandbox has no user pool client: sign-in is unavailable.', true);
  render();
})();
