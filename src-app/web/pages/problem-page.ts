import { html, type SafeHtml } from '../html.js';
import { layout, type LayoutOptions } from './layout.js';

/** A page that explains what went wrong and what to do next. */
export interface ProblemPageOptions {
  readonly title: string;
  readonly message: string;
  /** The next step, as a link. @default back to the home page */
  readonly action?: { readonly href: string; readonly label: string };
  readonly signedIn?: LayoutOptions['signedIn'];
}

/** Renders a problem: revoked token, rate limit, GitHub down, page not found. */
export function problemPage(options: ProblemPageOptions): SafeHtml {
  const action = options.action ?? { href: '/', label: 'Back to the start' };

  return layout(
    { title: options.title, signedIn: options.signedIn },
    html`<section class="card problem" role="alert">
      <h1>${options.title}</h1>
      <p>${options.message}</p>
      <p><a class="button primary" href="${action.href}">${action.label}</a></p>
    </section>`,
  );
}
