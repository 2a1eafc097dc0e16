// Numerai Signals scoring: pure TypeScript over typed arrays, the same in a Web Worker and in Node.
export { signalsColumns, type SignalsIdColumn } from './signalsColumns';
export { SignalsSubmissionError, type SignalsRule } from './SignalsSubmissionError';
export { validateSignalsHeaders, type SignalsHeaders } from './validateSignalsHeaders';
export { validateSignalsSubmission, type SignalsSubmissionCheck, type ValidateSignalsSubmissionOptions } from './validateSignalsSubmission';
export { cleanSubmission, type CleanSubmissionOptions } from './cleanSubmission';
export { cleanSignalsSubmission, type SignalsUniverse, type SignalsSubmissionRows, type TickerMap, type CleanedSignals } from './cleanSignalsSubmission';
export { NeutralizerBlock } from './NeutralizerBlock';
export { generateNeutralizedWeights } from './generateNeutralizedWeights';
export { centerWeightNormalize } from './centerWeightNormalize';
export { alpha } from './alpha';
export { metaPortfolioContribution } from './metaPortfolioContribution';
export { mpcFromWeights } from './mpcFromWeights';
export { churn } from './churn';
export { turnover } from './turnover';
export { overlap } from './overlap';
export { signalsNeutralizers, type RawExposures } from './signalsNeutralizers';
export { signalsMetrics, signalsMetricNames, signalsLimitLookback, type SignalsMetricName } from './signalsMetrics';
export { scoreSignals, availableSignalsMetrics, type ScoreSignalsInput, type SignalsScores, type SignalsModelScores } from './scoreSignals';
