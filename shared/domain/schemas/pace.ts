/**
 * `slots.<id>.pace` in the cache (docs/contracts.md "The cache file"): where each window is heading, as
 * the engine computed it (domain/pace). A malformed window reads as absent pace for the whole slot.
 */
import * as v from 'valibot';
import { FiniteNumberSchema, TimeSchema } from './fields';
import { PACE_UNKNOWN_REASONS } from './words';

export const WindowPaceSchema = v.variant('status', [
  v.object({
    status: v.literal('projected'),
    at_reset: FiniteNumberSchema,
    runs_out_at: v.nullable(TimeSchema),
    resets_at: v.string(),
    rate_per_hour: FiniteNumberSchema,
    points: FiniteNumberSchema,
    from: TimeSchema,
    to: TimeSchema,
  }),
  v.object({
    status: v.literal('unknown'),
    reason: v.picklist(PACE_UNKNOWN_REASONS),
    points: FiniteNumberSchema,
    resets_at: v.nullable(v.string()),
  }),
]);

export const SlotPaceSchema = v.object({ five_hour: WindowPaceSchema, seven_day: WindowPaceSchema });
