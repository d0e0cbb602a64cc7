import { isScalar, LineCounter, parseDocument } from 'yaml';

/** Where a cluster's settings keep the app's image. */
export const IMAGE_KEY = ['app', 'image'] as const;

/**
 * A tag as the OCI distribution spec allows it: up to 128 letters, digits, `_`, `.` and `-`,
 * not starting with `.` or `-`.
 */
const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** Raised for anything that stops a promotion; the message is one line naming file and key. */
export class PromoteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PromoteError';
  }
}

/** Why `tag` cannot be an image tag here, or undefined when it can. */
export function imageTagProblem(tag: string): string | undefined {
  if (!IMAGE_TAG.test(tag)) {
    return (
      `"${tag}" is not an image tag: 1 to 128 letters, digits, "_", "." or "-", ` +
      'not starting with "." or "-"'
    );
  }
  if (tag === 'latest') {
    return '"latest" moves; promote a version or a commit tag';
  }

  return undefined;
}

/**
 * `image` with its tag (and digest, if any) replaced by `tag`. A colon before the last `/` is a
 * registry's port (`localhost:5001/app`), not a tag.
 */
export function withTag(image: string, tag: string): string {
  const withoutDigest = image.split('@')[0] ?? image;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  const repository = colon === -1 ? withoutDigest : withoutDigest.slice(0, colon);

  return `${repository}:${tag}`;
}

/** What {@link setImageTag} did to one settings file. */
export interface ImageChange {
  /** The file's new text: the old one with only the image's value changed. */
  readonly text: string;
  readonly before: string;
  readonly after: string;
}

/**
 * Sets the tag of `app.image` in the text of a cluster's settings file. Works on the parsed
 * YAML document, not on lines, so comments, blank lines and the order of keys stay as they are.
 *
 * @param file the file's name as shown in errors
 * @throws PromoteError naming the file and key when the text is not YAML, has no `app.image`
 *   string, or `tag` is not a valid tag
 */
export function setImageTag(text: string, file: string, tag: string): ImageChange {
  const key = IMAGE_KEY.join('.');
  const tagProblem = imageTagProblem(tag);

  if (tagProblem !== undefined) {
    throw new PromoteError(`${file} ${key}: ${tagProblem}`);
  }

  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const [error] = document.errors;
  if (error !== undefined) {
    const line = lineCounter.linePos(error.pos[0]).line;
    throw new PromoteError(`${file}:${line}: ${error.message.split('\n')[0]}`);
  }

  const node = document.getIn(IMAGE_KEY, true);
  if (!isScalar(node) || typeof node.value !== 'string' || node.value === '') {
    throw new PromoteError(`${file} ${key}: missing; it should name the app's image`);
  }

  const before = node.value;
  const after = withTag(before, tag);
  // Changing the scalar in place keeps any comment attached to it.
  node.value = after;

  // lineWidth 0: never fold a long image reference onto a second line.
  return { text: document.toString({ lineWidth: 0 }), before, after };
}
