export {
  clusterAdjustedMeanInterval, clusterSumsOfGroup, designEffect, emptyClusterSums, intraclassCorrelation, mergeClusterSums,
} from './cluster-moments';
export type { ClusterSums } from './cluster-moments';
export { meanInterval, wilsonInterval, Z95 } from './confidence-interval';
export type { Interval } from './confidence-interval';
export { cohensDz, hedgesCorrection, hedgesG } from './effect-size';
export type { EffectSize } from './effect-size';
export {
  addToHistogram, histogramCount, histogramKey, histogramMedian, histogramMedianInterval, histogramQuantile, mergeHistograms,
} from './histogram';
export type { Histogram } from './histogram';
export { logGamma, regularizedIncompleteBeta } from './incomplete-beta';
export {
  addToMoments, emptyMoments, mergeMoments, momentsMean, momentsSd, momentsVariance, sumOfSquaredDeviations,
} from './moments';
export type { Moments } from './moments';
export { studentTCdf, studentTQuantile } from './student-t';
