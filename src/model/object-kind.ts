import type { z } from "zod";

/**
 * How the model's objects treat keys they do not name. The model is written once, over a maker of
 * objects: `z.strictObject` gives the contract as gonogo writes it (an unknown key is an error:
 * the tests and the published JSON Schema), `z.looseObject` gives what a reader of reports written
 * elsewhere accepts (a newer gonogo's added fields pass through: "extend, never break").
 */
export type ObjectMaker<C extends z.core.$ZodObjectConfig> = <T extends z.core.$ZodLooseShape>(
  shape: T,
) => z.ZodObject<T, C>;
