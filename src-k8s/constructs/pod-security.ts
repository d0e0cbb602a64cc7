import { k8s } from 'cdk8s-plus-27';

/**
 * The user and group a pod runs as. Pod Security "restricted" asks for a non-root user; pinning
 * the ids keeps file ownership on volumes predictable whatever the image declares.
 */
export interface PodIdentity {
  /** User id of every container. */
  readonly uid: number;
  /** Group id of every container, and the group that owns mounted volumes. */
  readonly gid: number;
}

/**
 * The pod-level security context that Pod Security Standards "restricted" requires: a non-root
 * user and the container runtime's default seccomp profile.
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */
export function restrictedPodSecurityContext(identity: PodIdentity): k8s.PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: identity.uid,
    runAsGroup: identity.gid,
    fsGroup: identity.gid,
    fsGroupChangePolicy: 'OnRootMismatch',
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/**
 * The container-level security context of "restricted", and more: no privilege escalation, no
 * capabilities at all, and a read-only root filesystem (writable paths are emptyDir volumes).
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */
export function restrictedContainerSecurityContext(identity: PodIdentity): k8s.SecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: identity.uid,
    runAsGroup: identity.gid,
    privileged: false,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** Name of the volume that `tmpVolume` returns. */
export const TMP_VOLUME_NAME = 'tmp';

/** A size-limited emptyDir for the /tmp that a read-only root filesystem lacks. */
export function tmpVolume(): k8s.Volume {
  return { name: TMP_VOLUME_NAME, emptyDir: { sizeLimit: k8s.Quantity.fromString('64Mi') } };
}

/** The mount of `tmpVolume` at /tmp. */
export function tmpMount(): k8s.VolumeMount {
  return { name: TMP_VOLUME_NAME, mountPath: '/tmp' };
}
