// A real OpenID Connect provider for the tests: the npm package `oidc-provider` (installed by
// scripts/test-deps under target/test-deps), with two clients, four test people and a login
// page a test can drive over HTTP or a person in a browser.
//
// Environment: OIDC_PROVIDER_MODULE (path to oidc-provider's lib/index.js), PORT, REDIRECT_URI
// (the app's callback). Prints "ready" when it listens.
import http from 'node:http';
import { pathToFileURL } from 'node:url';

const { default: Provider } = await import(pathToFileURL(process.env.OIDC_PROVIDER_MODULE).href);
const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;
const redirect = process.env.REDIRECT_URI;

// Test people; each one's subject is its key. `groups` is the staff claim a municipality's
// login would carry.
const people = {
  anna: { name: 'Anna Andersen', email: 'anna@example.dk', email_verified: true },
  bent: { name: 'Bent Berg', email: 'bent@example.dk', email_verified: false },
  mette: { name: 'Mette Mitid' },
  olga: { name: 'Olga Officiel', email: 'olga@skanderborg.dk', email_verified: true, groups: ['Medspil.Staff'] },
  gert: { name: 'Gert Gæst', email: 'gert@example.dk', email_verified: true, groups: [] },
  // Someone whose account on Medspil exists already (the tests register carl@example.dk).
  carl: { name: 'Carl Borger', email: 'carl@example.dk', email_verified: true },
};

const client = (id) => ({
  client_id: id,
  client_secret: `${id}-secret`,
  redirect_uris: [redirect],
  post_logout_redirect_uris: [new URL('/', redirect).href],
  response_types: ['code'],
  grant_types: ['authorization_code'],
});

const provider = new Provider(issuer, {
  clients: [client('medspil'), client('medspil-staff')],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
    groups: ['groups'],
  },
  scopes: ['openid', 'email', 'profile', 'groups'],
  // Claims asked for by scope go in the ID token, as a MitID broker and Entra ID put them.
  conformIdTokenClaims: false,
  acrValues: ['urn:grn:authn:dk:mitid:substantial', 'urn:grn:authn:dk:mitid:low'],
  features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
  pkce: { required: () => true },
  async findAccount(ctx, id) {
    const person = people[id];
    if (!person) return undefined;
    return { accountId: id, async claims() { return { sub: id, ...person }; } };
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  cookies: { keys: ['test-only-cookie-key'] },
});

function readForm(req) {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => resolve(new URLSearchParams(body)));
  });
}

const page = (uid) => `<!doctype html><html lang="da"><head><title>Test-login</title></head><body>
<h1>Test-login</h1>
<form method="post" action="/interaction/${uid}">
<label for="login">Bruger</label> <input id="login" name="login">
<label for="acr">Sikringsniveau</label> <input id="acr" name="acr" value="urn:grn:authn:dk:mitid:substantial">
<button type="submit">Log ind</button></form></body></html>`;

const callback = provider.callback();
http.createServer(async (req, res) => {
  const match = req.url.match(/^\/interaction\/([^/?]+)/);
  if (!match) return callback(req, res);
  try {
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'GET') {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      return res.end(page(details.uid));
    }
    const form = await readForm(req);
    const accountId = form.get('login');
    if (!people[accountId]) {
      return provider.interactionFinished(req, res, { error: 'access_denied' });
    }
    // Login and consent at once: the test clients are the provider's own.
    const grant = new provider.Grant({ accountId, clientId: details.params.client_id });
    grant.addOIDCScope(details.params.scope);
    const grantId = await grant.save();
    const acr = form.get('acr') || undefined;
    await provider.interactionFinished(req, res,
      { login: { accountId, acr }, consent: { grantId } },
      { mergeWithLastSubmission: false });
  } catch (err) {
    res.statusCode = 500;
    res.end(String(err));
  }
}).listen(port, '127.0.0.1', () => console.log('ready'));
