/**
 * True when a container image reference is pinned: it names a digest, or a tag other than
 * `latest`. A registry port (`localhost:5001/app`) is not a tag.
 */
export function isPinnedImage(image: string): boolean {
  if (image.includes('@sha256:')) {
    return true;
  }

  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  const tag = colon === -1 ? '' : lastSegment.slice(colon + 1);

  return tag !== '' && tag !== 'latest';
}
