import type { EraScores } from '../scoring/scoreEras';
import { eraPeriodScores } from './eraPeriodScores';
import { formatPeriodTable } from './formatPeriodTable';

/** A readable report: per model, one line per era and a summary block. */
export const formatScoresTable = (result: EraScores): string => formatPeriodTable(eraPeriodScores(result));
