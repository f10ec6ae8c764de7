// One test class at a time in this project. Every cache publishes its counters on a meter named "CachingGen", and
// OpenTelemetry subscribes to meters by name across the whole process, not per container: with classes running in
// parallel, the /metrics page of one test's app could show another app's counters for the same method (a hit count of
// 0 from an app that never hit). Each class still starts its own app; only their overlap goes.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
