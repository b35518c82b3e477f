export { clusterProportionInterval, wilsonAt } from './cluster-proportion';
export {
  bellMcCaffreyMeanDf, clusterMeanInterval, clusterRobustMean, clusterTInterval, cr2MeanVariance, groupsWithData,
  DF_TOLERANCE, IntervalUnavailable, MIN_CLUSTER_DF,
} from './cluster-robust';
export type { ClusterInterval, ClusterRobustEstimate } from './cluster-robust';
export { clusterTotalKey, mergeClusterLists, mergeClusterTotals } from './cluster-totals';
export type { ClusterTotal } from './cluster-totals';
export { meanInterval, wilsonInterval, Z95 } from './confidence-interval';
export type { Interval } from './confidence-interval';
export { hedgesCorrection, standardisedMean } from './effect-size';
export { groupCorrelation, MIN_CORRELATION_GROUPS, Z975 } from './group-correlation';
export type { GroupCorrelation } from './group-correlation';
export type { EffectSize, StandardisedClusterTotals } from './effect-size';
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
