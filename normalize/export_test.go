package normalize

// ParallelMin lets the external tests move the threshold of parallel
// normalization.
var ParallelMin = &parallelMin
