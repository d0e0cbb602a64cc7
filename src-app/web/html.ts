import escapeHtml from 'escape-html';

/** Markup that is already safe: made by {@link html} or {@link raw}, never escaped again. */
export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

type Interpolation = SafeHtml | string | number | boolean | null | undefined | Interpolation[];

function render(value: Interpolation): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/**
 * A template tag that escapes every interpolated value unless it is {@link SafeHtml}, so text
 * from GitHub (titles, repository names) can never become markup.
 */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let result = strings[0] ?? '';
  values.forEach((value, index) => {
    result += render(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(result);
}

/** Marks a constant string of markup as safe. Never pass it anything that came from outside. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
