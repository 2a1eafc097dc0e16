import type { EraScores } from '../scoring/scoreEras';
import { eraPeriodScores } from './eraPeriodScores';
import { formatPeriodJson } from './formatPeriodJson';

/** The scores as `{ model: { per_era: { era: { metric…, n } }, summary: { metric: {…} } } }`, NaN as null. */
export const formatScoresJson = (result: EraScores): string => formatPeriodJson(eraPeriodScores(result));
