import { html, type SafeHtml } from '../html.js';
import { layout } from './layout.js';

/** What the sign-in form shows again after a failed attempt. */
export interface HomePageOptions {
  readonly csrf: string;
  /** Why the last attempt failed, to show above the form. */
  readonly error?: string;
  readonly email?: string;
}

/** The home page: what this is, and the sign-in form. */
export function homePage(options: HomePageOptions): SafeHtml {
  const error = options.error ? html`<p class="alert" role="alert">${options.error}</p>` : '';

  return layout(
    { title: 'Sign in' },
    html`<div class="home">
      <section class="intro">
        <h1>Your GitHub notifications, in one calm list</h1>
        <p>
          Sign in with a GitHub token to see your notifications grouped by repository, and mark them
          read here or all at once. Your token is stored encrypted and never shown again.
        </p>
      </section>
      <section class="card" aria-labelledby="sign-in">
        <h2 id="sign-in">Sign in</h2>
        ${error}
        <form method="post" action="/session" class="stack">
          <input type="hidden" name="_csrf" value="${options.csrf}" />
          <div class="field">
            <label for="token">GitHub token</label>
            <input
              id="token"
              name="token"
              type="password"
              required
              autocomplete="off"
              spellcheck="false"
              maxlength="255"
              aria-describedby="token-help"
            />
            <p id="token-help" class="help">
              Use a classic personal access token with the <code>notifications</code> scope (or
              <code>repo</code>). Fine-grained tokens cannot read notifications.
            </p>
          </div>
          <div class="field">
            <label for="email">Email <span class="optional">(optional)</span></label>
            <input
              id="email"
              name="email"
              type="email"
              autocomplete="email"
              maxlength="254"
              value="${options.email ?? ''}"
            />
          </div>
          <button type="submit" class="primary">Sign in</button>
        </form>
      </section>
    </div>`,
  );
}
