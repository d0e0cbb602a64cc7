import { z } from 'zod';
import { goDuration } from './schedules.js';

const setWeightStep = z
  .strictObject({
    setWeight: z
      .int()
      .min(1)
      .max(100)
      .describe('Percentage of the pods that run the new version from this step on.'),
  })
  .describe('Scale the new version to a share of the pods.');

const pauseStep = z
  .strictObject({
    pause: z
      .strictObject({
        duration: goDuration
          .optional()
          .describe('How long to wait; unset: wait until someone promotes the rollout.'),
      })
      .describe('Wait before the next step.'),
  })
  .describe('Wait, for a while or until promoted.');

/** The steps that a canary rollout takes unless a cluster sets its own. */
export const DEFAULT_CANARY_STEPS = [
  { setWeight: 20 },
  { pause: { duration: '2m' } },
  { setWeight: 50 },
  { pause: { duration: '2m' } },
  { setWeight: 100 },
];

const canaryRollout = z
  .strictObject({
    strategy: z
      .literal('canary')
      .describe(
        'An Argo Rollouts canary: the new version takes over step by step, by pod count (no ' +
          'traffic router), and can be promoted, aborted or retried from the Argo CD UI.',
      ),
    steps: z
      .array(z.union([setWeightStep, pauseStep]))
      .min(1)
      .default(DEFAULT_CANARY_STEPS)
      .describe('The steps, in order: `setWeight: <percent>` or `pause: { duration: <2m> }`.'),
  })
  .superRefine((rollout, context) => {
    let previous = 0;

    rollout.steps.forEach((step, index) => {
      if ('setWeight' in step) {
        if (step.setWeight < previous) {
          context.addIssue({
            code: 'custom',
            path: ['steps', index, 'setWeight'],
            message: `must not be below the weight of an earlier step (${previous})`,
          });
        }
        previous = Math.max(previous, step.setWeight);
      }
    });
    if (previous === 0) {
      context.addIssue({
        code: 'custom',
        path: ['steps'],
        message: 'needs at least one setWeight step',
      });
    }
  })
  .describe('Roll out new versions as a canary.');

/**
 * How a new version of the app replaces the old one. Unset: a Deployment's rolling update, one
 * pod at a time.
 */
export const rolloutSettings = z
  .discriminatedUnion('strategy', [canaryRollout])
  .describe(
    'How new versions replace the old: unset means a Deployment with a rolling update; ' +
      '`strategy: canary` an Argo Rollouts Rollout, which needs the Argo Rollouts controller ' +
      '(`addons.argoRollouts`).',
  );

/** Rollout settings with defaults applied. */
export type RolloutSettings = z.output<typeof rolloutSettings>;

/** One step of a canary rollout. */
export type CanaryStepSettings = RolloutSettings['steps'][number];
