import * as v from 'valibot';

/** A string of at most `max` characters (names, file names, column names). */
export const name = (max = 200) => v.pipe(v.string(), v.maxLength(max));

/** A list of names (at most `max` of them). */
export const names = (max = 1000) => v.pipe(v.array(name()), v.maxLength(max));

/** A whole number in [min, max]. */
export const int = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));

/** A finite number in [min, max]. */
export const real = (min = -Number.MAX_VALUE, max = Number.MAX_VALUE) => v.pipe(v.number(), v.finite(), v.minValue(min), v.maxValue(max));

/** Which eras a score or neutralize cell uses ("validation": after the training eras and a 4-era embargo). */
export const erasChoice = v.optional(v.picklist(['all', 'validation']));
