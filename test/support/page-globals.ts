/**
 * The few browser globals that tests read inside a page (in `page.evaluate`). The project's type
 * libraries describe Node, not the DOM, and adding the DOM library would let server code use
 * `window` unnoticed; so a test casts `globalThis` to this inside the page function instead.
 */
export interface PageGlobals {
  readonly innerWidth: number;
  readonly document: {
    readonly scrollingElement: PageElement | null;
    readonly body: PageElement;
    querySelectorAll(selectors: string): Iterable<PageElement>;
  };
  getComputedStyle(element: PageElement): { readonly backgroundColor: string };
}

/** An element, with what the tests read of it. */
export interface PageElement {
  readonly tagName: string;
  readonly className: string;
  readonly textContent: string | null;
  readonly scrollWidth: number;
  readonly dataset: Record<string, string | undefined>;
  getBoundingClientRect(): {
    readonly left: number;
    readonly right: number;
    readonly height: number;
  };
}
