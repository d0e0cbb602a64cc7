import { html, type SafeHtml } from '../html.js';

/** What every page shows around its content. */
export interface LayoutOptions {
  readonly title: string;
  /** The signed-in person's login, with the CSRF token of the sign-out form. */
  readonly signedIn?: { readonly login: string; readonly csrf: string };
}

/** The page frame: head, header with sign-out, main content. No script anywhere. */
export function layout(options: LayoutOptions, content: SafeHtml): SafeHtml {
  const signOut = options.signedIn
    ? html`<form method="post" action="/signout" class="inline">
        <input type="hidden" name="_csrf" value="${options.signedIn.csrf}" />
        <span class="who">Signed in as <strong>${options.signedIn.login}</strong></span>
        <button type="submit" class="link">Sign out</button>
      </form>`
    : '';

  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${options.title} · GitHub notifications</title>
        <link rel="stylesheet" href="/static/app.css" />
      </head>
      <body>
        <header class="top">
          <a class="brand" href="/">GitHub notifications</a>
          <nav aria-label="Account">${signOut}</nav>
        </header>
        <main id="main">${content}</main>
      </body>
    </html> `;
}
